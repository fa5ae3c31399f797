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


def test_a_superlative_question_needs_a_superlative():
    from assistant.gates.kinds import SUPERLATIVE, asks, gives, strict_kinds

    assert SUPERLATIVE in strict_kinds(asks("Bí thư chi bộ nào giàu nhất Việt Nam?"))
    assert SUPERLATIVE in asks("Dang vien nao co nhieu nguoi theo doi nhat?")
    assert SUPERLATIVE not in asks("Chi bộ nào đã thống nhất được nghị quyết?")
    assert gives(SUPERLATIVE, "Đại hội đại biểu toàn quốc là cơ quan lãnh đạo cao nhất của Đảng.")
    assert not gives(SUPERLATIVE, "Chi bộ thống nhất ý kiến và nhất trí biểu quyết.")
    # with the question, the superlative it asks for
    asked = "Bí thư chi bộ nào giàu nhất Việt Nam?"
    assert not gives(SUPERLATIVE, "Chậm nhất 30 ngày, bí thư chi bộ báo cáo cấp ủy.", asked)
    assert gives(SUPERLATIVE, "Ông là người giàu nhất tỉnh.", asked)
    assert gives(
        SUPERLATIVE, "Kênh có nhiều người theo dõi nhất.", "Đảng viên nào có nhiều người theo dõi trên TikTok nhất?"
    )
