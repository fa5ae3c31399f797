"""Question analysis: abbreviations, caps lock, terms."""

from __future__ import annotations

from assistant.query import analyze, expand_abbreviations


def test_abbreviations_are_expanded():
    assert "Mặt trận Tổ quốc" in analyze("MTTQ giám sát đảng viên").text
    assert expand_abbreviations("12-HD/BTCTW") == "12-HD/BTCTW"  # inside a number: left alone
