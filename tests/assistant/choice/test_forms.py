"""How banks write stems and options, read into plain parts (no index needed)."""

from __future__ import annotations

import pytest

from assistant.choice.forms import fill_blank, plain_numbers, read_option, read_stem


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("03 tháng", "3 tháng"),
        ("ba tháng", "3 tháng"),
        ("hai phần ba", "2/3"),
        ("01 năm", "1 năm"),
        ("2/3", "2/3"),
        ("Lần thứ ba", "Lần thứ 3"),
        ("đến lần thứ tư", "đến lần thứ 4"),
        ("thứ nhất", "thứ 1"),
        ("trên một nửa số ủy viên", "trên 1/2 số ủy viên"),
    ],
)
def test_numbers_are_compared_as_values(typed, value):
    assert plain_numbers(typed) == value


def test_a_long_source_preamble_is_set_apart_a_short_one_kept():
    s = read_stem(
        "Câu 12: Theo Hướng dẫn số 06-HD/TW ngày 09/6/2025 của Ban Bí thư: Phiếu đảng viên do ai quản lý?", []
    )
    assert s.source.startswith("Theo Hướng dẫn số 06-HD/TW") and s.question == "Phiếu đảng viên do ai quản lý?"
    assert read_stem("Theo Điều lệ Đảng, ai chủ trì?", []).question == "Theo Điều lệ Đảng, ai chủ trì?"


@pytest.mark.parametrize(
    "stem",
    [
        "Đúng hay sai? Đảng viên phải đóng đảng phí.",
        "Nhận định sau đây đúng hay sai: Đảng viên phải đóng đảng phí",
        "Đảng viên phải đóng đảng phí (đúng hay sai)?",
    ],
)
def test_true_false_statements(stem):
    s = read_stem(stem, ["Đúng", "Sai"])
    assert s.true_false and s.question.rstrip(".") == "Đảng viên phải đóng đảng phí"


@pytest.mark.parametrize(
    ("text", "index", "count", "refs"),
    [
        ("Cả 3 phương án trên", 3, 4, [0, 1, 2]),
        ("Tất cả các phương án trên.", 4, 5, [0, 1, 2, 3]),
        ("Cả A và B", 2, 3, [0, 1]),
        ("Cả a, b, c đều đúng", 3, 4, [0, 1, 2]),
        ("Cả hai phương án trên", 2, 3, [0, 1]),
        ("Cả A, B và D", 2, 4, [0, 1, 3]),
    ],
)
def test_all_of_the_above(text, index, count, refs):
    assert read_option(text, index, count).refers_to == refs


def test_none_of_the_above_and_plain_options():
    assert read_option("Không phương án nào đúng", 3, 4).none_of
    plain = read_option("Cả chi bộ và đảng bộ cơ sở", 0, 4)  # "Cả" starting an ordinary option
    assert not plain.aggregate and plain.core == "Cả chi bộ và đảng bộ cơ sở"


def test_qualifiers_and_trailing_marks():
    o = read_option("Khai trừ (đối với đảng viên chính thức)…", 1, 4)
    assert (o.core, o.qualifier) == ("Khai trừ", "đối với đảng viên chính thức")
    assert read_option("Ba tháng.", 0, 4).core == "3 tháng"


def test_a_blank_is_filled_by_the_option():
    assert fill_blank("Chi bộ họp … một lần", "mỗi tháng") == "Chi bộ họp mỗi tháng một lần"
    assert fill_blank("Chi bộ họp bao lâu một lần?", "mỗi tháng") == "Chi bộ họp bao lâu một lần? mỗi tháng"
