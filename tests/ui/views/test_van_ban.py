"""The «Văn bản» page through Streamlit's AppTest, over the bundled corpus and the official texts:
a citation's link opens the section with the quoted sentence in bold and a Charter article's
implementing clauses beside it; the list filters by kind and finds numbers typed without
diacritics; the search inside a document marks what it found; an unknown section says so."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assistant.retrieval.library import Library
from tests.ui.conftest import APP

PAGE = "views/van_ban.py"


def open_page(query: dict | None = None) -> AppTest:
    from ui.common import wait_assistant

    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    wait_assistant()
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def texts(at) -> str:
    return "\n".join(
        [m.value for m in at.markdown] + [c.value for c in at.caption] + [str(w.value) for w in at.warning]
    ).replace("\\", "")


def charter_id(home) -> str:
    return next(d.doc_id for d in Library(home).documents().values() if d.title.startswith("Điều lệ Đảng"))


def test_a_citation_opens_the_section_with_the_sentence_in_bold(home):
    quote = "Chi bộ, chi ủy họp thường lệ mỗi tháng một lần."
    at = open_page({"doc": charter_id(home), "muc": "Chương V, Điều 24, khoản 2", "cau": quote})
    shown = texts(at)
    assert "Chương V, Điều 24, khoản 2" in [s.value for s in at.subheader]
    assert f"**{quote}**" in shown or "**Chi bộ, chi uỷ họp thường lệ mỗi tháng một lần.**" in shown
    assert "Câu được trích in đậm." in shown
    # the whole article is one click away; the implementing items of 294-QĐ/TW sit beside it
    assert any(b.label == "Đọc cả Điều 24" for b in at.button)
    assert "Văn bản hướng dẫn thi hành" in shown and "294-QĐ/TW — mục 23" in shown


def test_the_list_filters_and_finds_a_number_typed_without_diacritics(home):
    at = open_page()
    at.text_input[0].set_value("294").run()
    assert at.selectbox[3].options and all("294" in o for o in at.selectbox[3].options)
    at.text_input[0].set_value("huong dan 06").run()
    assert any("06-HD/TW" in o for o in at.selectbox[3].options)
    at.selectbox[0].set_value("news").run()  # kind: tin bài
    assert not at.exception


def test_the_search_inside_a_document_marks_the_words(home):
    at = open_page({"doc": charter_id(home)})
    search = next(t for t in at.text_input if t.label == "Tìm trong văn bản này")
    search.set_value("dang phi").run()  # without diacritics too
    shown = texts(at)
    assert "đoạn có «dang phi»" in shown and "**đảng phí**" in shown


def test_an_unknown_section_is_said_in_vietnamese(home):
    at = open_page({"doc": charter_id(home), "muc": "Điều 99"})
    # the table of contents cannot hold it: the page reads the whole document's contents instead
    assert not at.exception
    assert "Mục lục" in [s.value for s in at.subheader] or any("không có phần" in str(w.value) for w in at.warning)


def test_a_replaced_text_says_so_at_the_top(home):
    qd294 = next(d.doc_id for d in Library(home).documents().values() if d.number == "294-QĐ/TW")
    at = open_page({"doc": qd294})
    # the registry knows 208-QĐ/TW (2026) on the same subject, which the library does not hold
    warned = [str(w.value).replace("\\", "") for w in at.warning]
    assert any("208-QĐ/TW" in w and "mới hơn" in w for w in warned), warned


def test_the_contents_are_a_tree(home):
    qd294 = next(d.doc_id for d in Library(home).documents().values() if d.number == "294-QĐ/TW")
    at = open_page({"doc": qd294})
    parts = [e.label for e in at.expander]
    assert any(label.startswith("mục 3:") for label in parts), parts
    assert "mục 3.5.1 (Điều 4)" in texts(at)  # a sub-item listed under its part
