"""The registry of guidance documents."""

from __future__ import annotations

from ingest.registry import linked_mentions, lookup


def test_mentions_link_to_one_registry_record():
    assert lookup("12-HD/BTCTW")["id"] == lookup("HD:12")["id"] == "12-HD/BTCTW"
    assert lookup("ĐA:2403")["id"] == "2403-QĐ/HU"  # "Đề án 2403" is the Đề án of QĐ 2403
    text = "Thực hiện Hướng dẫn số 12 và Hướng dẫn 12-HD/BTCTW, Đề án 2403, Nghị quyết số 21-NQ/TW."
    assert linked_mentions(text) == ["12-HD/BTCTW", "2403-QĐ/HU", "21-NQ/TW"]
