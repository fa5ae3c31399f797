"""Contrasting alternatives and swapped phrases between a true/false statement and a sentence
(examples written for the test, not from the question sets)."""

from __future__ import annotations

from assistant.choice.contrast import classes, contrast, covered_span, swapped
from assistant.query import STOPWORDS
from ingest import textnorm


def test_every_class_reads_and_is_written_as_the_texts_write_it():
    assert len(classes()) >= 8
    for members in classes():
        assert len(members) >= 2
        for folded, written in members:
            assert folded == " ".join(textnorm.fold(w) for w in textnorm.syllables(written))


def test_another_member_of_a_class():
    said = "Đảng ủy cơ sở báo cáo cấp ủy cùng cấp trước khi quyết định."
    assert contrast(said, "Đảng ủy cơ sở báo cáo cấp ủy cấp trên trực tiếp trước khi quyết định.") == (
        "cùng cấp",
        "cấp trên trực tiếp",
    )
    # the same member, or one whose words hold the other's, is no contrast
    assert contrast(said, "Đảng ủy cơ sở báo cáo cấp ủy cùng cấp.") is None
    assert contrast("Báo cáo cấp trên.", "Báo cáo cấp trên trực tiếp.") is None
    # both members in the statement and one in the sentence: nothing the sentence names instead
    assert contrast("Chuyển từ tạm thời sang chính thức.", "Chuyển sinh hoạt chính thức.") is None


def test_a_swapped_phrase_needs_shared_words_on_both_sides():
    said = "Biên bản do tổ trưởng tổ đảng ký rồi gửi chi ủy."
    assert swapped(said, "Biên bản do bí thư chi bộ ký rồi gửi chi ủy.", STOPWORDS) == (
        "tổ trưởng tổ đảng",
        "bí thư chi bộ",
    )
    # a word left out or added is not a swap; nor a phrase the sentence adds at the end
    assert swapped(said, "Biên bản do tổ trưởng ký rồi gửi chi ủy.", STOPWORDS) is None
    assert swapped("Biên bản gửi chi ủy.", "Biên bản gửi chi ủy và đảng ủy cơ sở.", STOPWORDS) is None
    # the last words of both, sharing the syllable "ủy" and no word, are swapped
    assert swapped("Biên bản gửi chi ủy.", "Biên bản gửi đảng ủy cơ sở.", STOPWORDS) == ("chi ủy", "đảng ủy cơ sở")
    # numbers are the number check's
    assert swapped("Họp trong 15 ngày làm việc.", "Họp trong 30 ngày làm việc.", STOPWORDS) is None


def test_a_swapped_phrase_whose_syllables_the_sentence_has_elsewhere():
    # "tạm" is in "tạm giam" earlier: one syllable met elsewhere does not make the phrase moved
    said = "Khi bị tạm giam thì chi bộ tạm dừng việc bầu cử đại hội."
    assert swapped(said, "Khi bị tạm giam, chi bộ vẫn tiến hành bầu cử đại hội.", STOPWORDS) == (
        "tạm dừng việc",
        "vẫn tiến hành",
    )
    # a pair of syllables the sentence has elsewhere is: the statement moved it, not swapped it
    assert swapped("Chi bộ họp để thông qua nghị quyết.", "Chi bộ họp để bàn bạc nghị quyết, rồi thông qua.") is None


def test_the_span_a_statement_covers():
    sentence = "Không xét kết nạp những người vi phạm, trừ trường hợp đặc biệt, không được bỏ qua."
    assert covered_span("xét kết nạp những người vi phạm", sentence) == "không xét kết nạp những người vi phạm"


def test_the_span_runs_to_the_end_of_the_clause_the_statement_ends_in():
    # the statement's last word "cấp" (of "cùng cấp") matches the first syllable of "cấp trên
    # trực tiếp": the phrase is read whole, up to the comma, and contrasts
    said = "Báo cáo được gửi cấp ủy cùng cấp."
    sentence = "Báo cáo được gửi cấp ủy cấp trên trực tiếp, rồi lưu vào hồ sơ."
    assert covered_span(said, sentence) == "báo cáo được gửi cấp ủy cấp trên trực tiếp"
    assert contrast(said, covered_span(said, sentence)) == ("cùng cấp", "cấp trên trực tiếp")


def test_the_body_a_text_opens_with():
    from assistant.choice.contrast import opening_body
    from assistant.choice.decide import _other_body

    assert opening_body("- Đảng ủy cơ sở quyết định khiển trách, cảnh cáo đảng viên.") == "dang uy co so"
    assert opening_body("Chi bộ cơ sở: Biểu dương, tặng giấy khen cho đảng viên.") == "chi bo co so"
    assert opening_body("Đảng viên có quyền được thông tin.") is None
    # a stem on what "chi bộ" decides: a sentence on the đảng ủy cơ sở is about another body, one
    # on the "chi bộ cơ sở" is not (its words hold the stem's)
    assert _other_body("chi bo", "Đảng ủy cơ sở quyết định khiển trách.")
    assert not _other_body("chi bo", "Chi bộ cơ sở: Biểu dương.")
    assert not _other_body("chi bo", "Đảng viên phải gương mẫu.")
    assert not _other_body(None, "Đảng ủy cơ sở quyết định khiển trách.")


def test_a_phrase_the_sentence_adds_after_the_statement_is_no_swap():
    assert swapped("Báo cáo lên cấp ủy cấp trên.", "Báo cáo lên cấp ủy cấp trên trực tiếp.", STOPWORDS) is None


def test_the_sentence_saying_a_statement_most_closely():
    from assistant.choice.contrast import said_closely

    statement = "Cấp ủy viên khi chuyển sinh hoạt tạm thời thì thôi là cấp ủy viên nơi sinh hoạt chính thức."
    close = "Cấp ủy viên khi chuyển sinh hoạt tạm thời thì vẫn là cấp ủy viên nơi sinh hoạt chính thức."
    spread = (
        "Cấp ủy viên được cử đi học, đã chuyển sinh hoạt tạm thời đến cơ sở đào tạo thì vẫn tính trong "
        "đảng số và vẫn là cấp ủy viên nơi sinh hoạt chính thức; cấp ủy viên đi học dài hạn thì thôi tham gia cấp ủy."
    )
    assert said_closely(statement, close) > said_closely(statement, spread)
    # of two sentences saying it closely, the one saying more of it
    assert said_closely(statement, close) > said_closely(statement, "Cấp ủy viên khi chuyển sinh hoạt tạm thời.")
    assert said_closely(statement, "Đảng phí do đảng viên đóng.") <= 1.0  # one syllable shared
