"""The registry of guidance documents."""

from __future__ import annotations

from ingest.registry import linked_mentions, lookup


def test_mentions_link_to_one_registry_record():
    assert lookup("12-HD/BTCTW")["id"] == lookup("HD:12")["id"] == "12-HD/BTCTW"
    assert lookup("ĐA:2403")["id"] == "2403-QĐ/HU"  # "Đề án 2403" is the Đề án of QĐ 2403
    text = "Thực hiện Hướng dẫn số 12 và Hướng dẫn 12-HD/BTCTW, Đề án 2403, Nghị quyết số 21-NQ/TW."
    assert linked_mentions(text) == ["12-HD/BTCTW", "2403-QĐ/HU", "21-NQ/TW"]


def test_a_number_reused_in_another_term_is_told_apart_by_its_date():
    from ingest.registry import label, linked_mentions, resolve

    assert resolve("01-HD/TW").ambiguous and len(resolve("01-HD/TW").choices) == 2
    assert label(resolve("01-HD/TW", "2021-09-28").record) == "Hướng dẫn 01-HD/TW ngày 28/09/2021"
    assert label(resolve("01-HD/TW", context="ban hành năm 2026").record) == "Hướng dẫn 01-HD/TW năm 2026"
    text = "Hướng dẫn này thay thế Hướng dẫn số 01-HD/TW, ngày 28/9/2021 của Ban Bí thư."
    assert linked_mentions(text) == ["01-HD/TW@2021"]
    assert resolve("294-QĐ/TW").record["newer"] == ["208-QĐ/TW@2026"]
