"""What kind of answer a question asks for, and whether a sentence gives it."""

from __future__ import annotations

from assistant.gates.kinds import AUTHORITY, DURATION, NUMBER, TIME, asks, gives


def test_question_kinds_with_and_without_diacritics():
    assert asks("Thời hạn khiếu nại kỷ luật là bao lâu?") == {DURATION}
    assert asks("thoi han khieu nai ky luat la bao lau") == {DURATION}
    assert AUTHORITY in asks("Cấp nào quyết định khai trừ đảng viên?")
    assert asks("Chi bộ có mấy đảng viên thì lập chi ủy?") == {NUMBER}
    assert asks("Khi nào tổ chức lễ kết nạp?") == {TIME}


def test_numbers_written_in_words_count():
    assert gives(NUMBER, "Chi bộ có chín đảng viên chính thức trở lên bầu chi ủy.")
    assert gives(DURATION, "Chi bộ họp thường lệ mỗi tháng một lần.")
    assert not gives(DURATION, "Chi bộ họp bàn công tác phát triển đảng viên.")
    assert gives(AUTHORITY, "Chi bộ quyết định khiển trách, cảnh cáo đảng viên.")
