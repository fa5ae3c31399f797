"""Question analysis: abbreviations, caps lock, terms."""

from __future__ import annotations

from assistant.query import analyze, expand_abbreviations


def test_abbreviations_are_expanded():
    assert "Mặt trận Tổ quốc" in analyze("MTTQ giám sát đảng viên").text
    assert expand_abbreviations("12-HD/BTCTW") == "12-HD/BTCTW"  # inside a number: left alone


def test_a_question_names_the_sections_it_asks_about():
    assert analyze("Khoản 2 Điều 24 Điều lệ Đảng quy định gì?").sections == ["Điều 24, khoản 2"]
    assert analyze("Điều 9, khoản 1 nói về cơ quan lãnh đạo nào?").sections == ["Điều 9, khoản 1"]
    assert analyze("Theo mục 3.5.1 và điểm II.2 của Hướng dẫn 06 thì sao?").sections == ["mục 3.5.1", "mục II.2"]
    assert analyze("Chi bộ sinh hoạt mấy lần một tháng?").sections == []
