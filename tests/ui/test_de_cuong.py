"""The outline editor (Soạn đề cương) through Streamlit's AppTest: the outline shown as the
document, an item edited in place, one removed and brought back, citations renumbered, download."""

from __future__ import annotations

import io

import docx
import pytest
from streamlit.testing.v1 import AppTest

from assistant.outline import apply, docx_bytes
from tests.ui.conftest import APP

TOPIC = "Phát triển đảng viên ở chi bộ thôn, tổ dân phố"


@pytest.fixture
def editor(app_home):
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at = at.switch_page("views/de_cuong.py").run()
    fields = {t.label: t for t in at.text_input}
    fields["Chủ đề sinh hoạt chuyên đề"].set_value(TOPIC)
    fields["Tên chi bộ"].set_value("Chi bộ thôn Đông")
    fields["Đảng bộ cấp trên"].set_value("Đảng bộ xã Thạch Hà")
    next(b for b in at.button if b.label == "Soạn đề cương").click().run()
    assert not at.exception
    return at


def current(at):
    """The outline as the page shows it (and as the download button writes it)."""
    return apply(at.session_state["outline"], at.session_state["outline_edits"])


def item_buttons(at) -> list:
    return [b for b in at.button if (b.key or "").startswith("oi-")]


def test_the_outline_is_shown_as_the_document(editor):
    md = "\n".join(m.value for m in editor.markdown)
    assert "ĐẢNG BỘ XÃ THẠCH HÀ" in md and "CHI BỘ THÔN ĐÔNG" in md and "ĐẢNG CỘNG SẢN VIỆT NAM" in md
    assert "SINH HOẠT CHUYÊN ĐỀ: PHÁT TRIỂN ĐẢNG VIÊN Ở CHI BỘ THÔN, TỔ DÂN PHỐ" in md
    for heading in ("I\\. MỤC ĐÍCH, YÊU CẦU", "II\\. NỘI DUNG", "2\\. Kinh nghiệm ở cơ sở", "VI\\. TÀI LIỆU THAM KHẢO"):
        assert heading in md
    assert "T/M CHI ỦY" in md and "Nơi nhận:" in md
    labels = [b.label for b in item_buttons(editor)]
    # suggestions grey italic, quotations in quotation marks with a bold [n]
    assert any(label.startswith("1\\. :gray[_Giúp đảng viên") for label in labels)
    assert any(label.startswith("\\- “") and label.endswith("**\\[1\\]**") for label in labels)
    assert not editor.text_area  # nothing is a text box until it is clicked
    assert [b.label for b in editor.get("download_button")] == ["Tải về Word (.docx)", "Tải về dạng văn bản thô (.md)"]


def test_edit_remove_undo_and_download(editor):
    at = editor
    before = current(at)
    quotes = [i for s in before.sections for i in s.items if i.is_quote]
    assert len(quotes) >= 3
    first, second = quotes[0], quotes[1]
    n_before = len(before.citations)

    # click a quotation: it opens in a text area holding its whole text
    at.button(key=f"oi-{first.id}").click().run()
    assert len(at.text_area) == 1 and at.text_area[0].value == first.text
    at.text_area[0].set_value("Chi bộ chú trọng bồi dưỡng quần chúng ưu tú.")
    at.button(key=f"os-{first.id}").click().run()
    assert not at.exception and not at.text_area
    edited = current(at)
    item = edited.item(first.id)
    assert item.source == "own" and item.rendered().endswith(f"(tham khảo [{first.citations[0]}])")
    label = next(b.label for b in item_buttons(at) if b.key == f"oi-{first.id}")
    assert "tham khảo" in label and "“" not in label

    # remove another quotation: gone from the page, citations renumbered, reference list follows
    at.button(key=f"oi-{second.id}").click().run()
    at.button(key=f"or-{second.id}").click().run()
    assert not at.exception
    assert f"oi-{second.id}" not in {b.key for b in item_buttons(at)}
    removed = current(at)
    assert removed.item(second.id) is None
    numbers = [c.n for c in removed.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    if second.citations[0] not in {n for i in quotes if i.id != second.id for n in i.citations}:
        assert len(removed.citations) == n_before - 1  # its passage left the list…
        gone = next(c for c in before.citations if c.n == second.citations[0])
        assert not any(c.chunk_id == gone.chunk_id and c.section == gone.section for c in removed.citations)
    expander = next(e for e in at.expander if e.label.startswith("Các đoạn trích dẫn"))
    assert expander.label == f"Các đoạn trích dẫn ({len(removed.citations)})"

    # the removal can be taken back, where it happened and from the top
    undo = next(b for b in at.button if (b.key or "").startswith("ou-"))
    assert "hoàn tác" in undo.label
    undo.click().run()
    assert current(at).item(second.id) is not None
    at.button(key="oc-undo").click().run()  # and the edit before it
    assert current(at).item(first.id).source == "corpus"
    assert "oc-undo" not in {b.key for b in at.button}

    # remove again and download: the Word file is the outline on the page
    at.button(key=f"oi-{second.id}").click().run()
    at.button(key=f"or-{second.id}").click().run()
    final = current(at)
    d = docx.Document(io.BytesIO(docx_bytes(final)))
    body = "\n".join(p.text for p in d.paragraphs)
    assert second.text not in body
    assert d.tables[0].rows[0].cells[0].paragraphs[1].text == "CHI BỘ THÔN ĐÔNG"
    assert [b.label for b in at.get("download_button")] == ["Tải về Word (.docx)", "Tải về dạng văn bản thô (.md)"]


def test_add_an_item_and_change_the_header(editor):
    at = editor
    at.button(key="oa-situation").click().run()
    at.text_area[0].set_value("Năm qua chi bộ kết nạp 2 đảng viên.")
    at.button(key="oas-situation").click().run()
    situation = current(at).section("situation")
    assert situation.items[-1].text == "Năm qua chi bộ kết nạp 2 đảng viên." and situation.items[-1].source == "own"

    place = next(t for t in at.text_input if t.label == "Địa danh (dòng ngày tháng)")
    place.set_value("Thạch Hà")
    next(b for b in at.button if b.label == "Cập nhật phần đầu văn bản").click().run()
    assert not at.exception
    assert current(at).header.date_line().startswith("Thạch Hà, ngày")
    assert any("Thạch Hà, ngày" in m.value for m in at.markdown)
