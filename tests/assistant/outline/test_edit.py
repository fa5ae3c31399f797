"""A trainer's edits: renumbered citations, the reference list following, undo."""

from __future__ import annotations

import pytest

from assistant.outline import Edits, apply
from tests.assistant.outline.samples import NEWS, NEWS_2, RULE, RULE_2, sample_outline


def test_the_reference_list_is_built_from_the_citations():
    o = sample_outline()
    assert o.references == [
        "Hướng dẫn 99-HD/HU về phát triển đảng viên, Ban Thường vụ Huyện ủy (10/03/2025) — trích [1]",
        "Thôn Đông phát triển đảng viên (không rõ ngày, tin bài) — trích [2]",
        "Thôn Tây tạo nguồn (01/05/2024, tin bài) — trích [3]",
    ]
    assert [i.text for i in o.section("references").items] == o.references


def test_removing_a_quotation_renumbers_and_leaves_the_references():
    original = sample_outline()
    edits = Edits()
    edits.remove("experience-1")  # the only quotation of [2]
    o = apply(original, edits)
    assert [c.n for c in o.citations] == [1, 2]
    assert [c.doc_id for c in o.citations] == ["g", "n2"]
    assert o.item("experience-2").citations == [2]  # was [3]
    assert not any("Thôn Đông phát triển" in r for r in o.references)
    assert o.references[1].endswith("— trích [2]")
    assert NEWS not in o.markdown()
    assert original.item("experience-1") is not None  # the draft itself is untouched


def test_an_edited_quotation_becomes_the_trainers_text_with_a_reference():
    edits = Edits()
    edits.set_text("basis-2", "Chi ủy giao mỗi đảng viên giúp một quần chúng.")
    o = apply(sample_outline(), edits)
    item = o.item("basis-2")
    assert item.source == "own" and item.citations == [1] and not item.lead
    assert item.rendered() == "Chi ủy giao mỗi đảng viên giúp một quần chúng. (tham khảo [1])"
    assert item.to_json()["source"] == "template"  # no longer the documents' words
    # [1] is still quoted by basis-1: its quote keeps that sentence only
    assert o.citations[0].quote == RULE
    assert RULE_2 not in o.markdown()


def test_a_passage_only_referred_to_is_marked_so():
    edits = Edits()
    edits.set_text("experience-2", "Mở lớp cảm tình Đảng như thôn Tây.")
    o = apply(sample_outline(), edits)
    last = o.citations[-1]
    assert last.n == 3 and last.quote == ""
    assert o.references[-1].endswith("— tham khảo [3]")
    assert (
        NEWS_2 not in o.markdown()
        and "[3] Thôn Tây tạo nguồn (01/05/2024) (tin bài: kinh nghiệm ở cơ sở) (tham khảo)" in o.markdown()
    )


def test_removing_the_first_quotations_moves_the_numbers_down():
    edits = Edits()
    edits.remove("basis-1")
    edits.remove("basis-2")
    o = apply(sample_outline(), edits)
    assert [(c.n, c.doc_id) for c in o.citations] == [(1, "n1"), (2, "n2")]
    assert o.item("experience-1").rendered() == f"“{NEWS}” [1]"


def test_unchanged_or_emptied_text():
    edits = Edits()
    edits.set_text("basis-1", f"  {RULE}\n")  # only whitespace differs: still a quotation
    edits.set_text("purpose-1", "   ")  # emptied: gone
    o = apply(sample_outline(), edits)
    assert o.item("basis-1").source == "corpus"
    assert o.item("purpose-1") is None


def test_a_suggestion_edited_is_the_trainers_text():
    edits = Edits()
    edits.set_text("situation-1", "Kết quả: kết nạp 2 đảng viên.")
    o = apply(sample_outline(), edits)
    assert o.item("situation-1").source == "own" and o.item("situation-1").citations == []


def test_added_items_and_undo():
    original = sample_outline()
    edits = Edits()
    new = edits.add("discussion", "Chi bộ ta cần làm gì ngay trong quý tới?")
    edits.remove("discussion-1")
    edits.set_header("place", "Thạch Hà")
    o = apply(original, edits)
    assert [i.id for i in o.section("discussion").items] == ["discussion-2", "discussion-3", new]
    assert [line.label for line in o.lines() if line.item and line.item.id == new] == ["3."]
    assert o.header.date_line().startswith("Thạch Hà, ngày")
    assert edits.undo() == ("header", "place")
    assert edits.last_removed() == "discussion-1"
    assert edits.undo() == ("remove", "discussion-1")
    assert edits.undo() == ("add", new)
    assert edits.undo() is None
    back = apply(original, edits)
    assert back.markdown() == original.markdown()


def test_unknown_header_field():
    with pytest.raises(ValueError, match="Unknown header field 'bogus'. Supported: committee"):
        Edits().set_header("bogus", "x")


def test_guidance_the_passages_only_mention_is_listed_with_newer_guidance():
    o = sample_outline()
    o.mentions = {"n:1": ["12-HD/BTCTW"]}
    refs = apply(o, Edits()).references
    assert refs[-1].startswith("Hướng dẫn 12-HD/BTCTW ngày 18/01/2018 của Ban Tổ chức Trung ương")
    assert "kho tài liệu không có văn bản gốc; đã có văn bản mới hơn về cùng nội dung: 42-HD/BTCTW)" in refs[-1]
    edits = Edits()
    edits.remove("experience-1")  # the only passage that mentions it
    assert not any("12-HD/BTCTW" in r for r in apply(o, edits).references)
