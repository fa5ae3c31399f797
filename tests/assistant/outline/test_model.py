"""Numbering, the document header and Markdown of an outline."""

from __future__ import annotations

from tests.assistant.outline.samples import NEWS, RULE, sample_outline


def test_numbering_restarts_in_every_part():
    o = sample_outline()
    rows = [(line.kind, line.label) for line in o.lines()]
    parts = [label for kind, label in rows if kind == "part"]
    assert parts == ["I.", "II.", "III.", "IV.", "V."]
    # after each part its items (or points) count from 1 again: III has 1., 2., 3.; IV 1., 2.
    labels_after = {}
    current = None
    for kind, label in rows:
        if kind == "part":
            current = label
            labels_after[current] = []
        elif current and kind in ("item", "point") and label != "-":
            labels_after[current].append(label)
    assert labels_after["II."] == ["1.", "2.", "3."]  # the points of the content part
    assert labels_after["III."] == ["1.", "2.", "3."]
    assert labels_after["IV."] == ["1.", "2."]
    assert all(label == "-" for kind, label in rows if kind == "item" and label not in ("1.", "2.", "3."))


def test_items_render_as_the_document_prints_them():
    o = sample_outline()
    rule = o.item("basis-1")
    assert rule.rendered() == f"Hướng dẫn 99-HD/HU (mục 1): “{RULE}” [1]"
    assert o.item("experience-1").rendered() == f"“{NEWS}” [2]"
    assert o.item("purpose-1").rendered() == "Giúp đảng viên nắm vững…"
    assert rule.to_json() == {
        "text": RULE,
        "citations": [1],
        "source": "corpus",
        "origin": "quote",
        "lead": "Hướng dẫn 99-HD/HU (mục 1):",
    }


def test_header_lines():
    h = sample_outline().header
    assert (h.committee_line(), h.cell_line()) == ("ĐẢNG BỘ XÃ THẠCH HÀ", "CHI BỘ THÔN ĐÔNG")
    assert h.date_line() == "……, ngày …… tháng …… năm ………"
    h.place, h.month, h.year = "Thạch Hà", "5", "2026"
    assert h.date_line() == "Thạch Hà, ngày …… tháng 5 năm 2026"
    assert h.recipient_lines()[0] == "Đảng ủy xã Thạch Hà (để báo cáo)"


def test_markdown_follows_the_document():
    md = sample_outline().markdown()
    assert md.index("ĐẢNG BỘ XÃ THẠCH HÀ") < md.index("ĐẢNG CỘNG SẢN VIỆT NAM") < md.index("# Đề cương")
    assert "## I. Mục đích, yêu cầu" in md and "### 2. Kinh nghiệm ở cơ sở" in md
    assert f"- “{NEWS}” [2]" in md
    assert "1. _Câu hỏi 1?_" in md  # suggestions in italics
    assert md.index("**T/M CHI ỦY**") < md.index("**Nơi nhận:**") < md.index("Phụ lục")
