"""Multiple-choice questions: options parsed from the pasted text, the supported option chosen."""

from __future__ import annotations

import pytest

from assistant.choice import parse
from assistant.service import Assistant


def test_options_inline_one_per_line_or_given():
    mc = parse("Thời kỳ dự bị là bao lâu? A. 6 tháng B. 9 tháng C. 12 tháng D. 18 tháng")
    assert mc.stem == "Thời kỳ dự bị là bao lâu?" and mc.options == ["6 tháng", "9 tháng", "12 tháng", "18 tháng"]
    mc = parse("Ai chủ trì?\nA) Bí thư chi bộ\nB) Thư ký\nC) Đảng viên lớn tuổi nhất")
    assert mc.options == ["Bí thư chi bộ", "Thư ký", "Đảng viên lớn tuổi nhất"]
    assert parse("Đối với đảng viên chính thức: a) khiển trách b) cảnh cáo") is None  # points, not options
    assert parse("Chi bộ họp mấy lần?", ["Một lần", "Hai lần"]).options == ["Một lần", "Hai lần"]
    assert parse("Hình thức nào KHÔNG phải là kỷ luật? A. Khiển trách B. Phê bình").negated


@pytest.fixture(scope="module")
def assistant(guidance_index):
    a = Assistant(guidance_index, log=False)
    a.warm()
    return a


def test_the_supported_option_with_its_passage(assistant):
    turn = assistant.ask(
        "Theo Điều lệ Đảng, người được kết nạp vào Đảng phải trải qua thời kỳ dự bị bao lâu? "
        "A. 6 tháng B. 9 tháng C. 12 tháng D. 18 tháng"
    )
    assert turn.answer.choice == 2 and turn.answer.options[2] == "12 tháng"
    assert turn.answer.body.startswith("Đáp án: C. 12 tháng")
    cited = turn.answer.citations[0]
    assert "Điều lệ" in cited.title and cited.section and "Điều 5" in cited.section


def test_options_as_a_list_and_no_basis(assistant):
    turn = assistant.ask(
        "Theo Điều lệ Đảng, đảng viên dự bị vi phạm có thể bị kỷ luật bằng hình thức nào?",
        options=["Khiển trách, cảnh cáo", "Khiển trách, cảnh cáo, cách chức", "Cảnh cáo, khai trừ"],
    )
    assert turn.answer.choice == 0
    none = assistant.ask("Màu cờ của đội bóng nào đẹp nhất? A. Đỏ B. Xanh C. Vàng")
    assert none.answer.choice is None and none.answer.refused and "Không đủ căn cứ" in none.answer.body
