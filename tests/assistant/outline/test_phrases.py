"""The topic's phrases found word for word in a provision (assistant.outline.phrases)."""

from __future__ import annotations

from assistant.outline.phrases import PhraseIndex, topic_phrases
from assistant.outline.plan import AIM_WORDS


def test_a_phrase_is_two_content_words_or_more_and_stops_at_a_colon():
    phrases = topic_phrases("Tuổi đảng: tính thế nào khi đảng viên gián đoạn sinh hoạt", frozenset(AIM_WORDS))
    assert "gian doan sinh hoat" in phrases
    assert not [p for p in phrases if p.startswith("tuoi dang tinh")]  # not across the colon
    # words every passage here shares make no phrase on their own
    assert "dang vien" not in topic_phrases("Đảng viên và chi bộ")
    # a comma inside is no break: matched on syllables, punctuation aside
    assert "kiem tra giam sat" in topic_phrases("Kiểm tra, giám sát đảng viên")


def test_the_aims_words_are_not_content():
    phrases = topic_phrases("Nâng cao chất lượng thu nộp đảng phí", frozenset(AIM_WORDS))
    assert not [p for p in phrases if p.startswith(("nang", "chat"))]
    assert "thu nop dang phi" in phrases


def test_a_rare_phrase_scores_more_than_a_common_one_and_the_longest_counts_once():
    texts = {
        1: "Đảng viên xin ra khỏi Đảng do chi bộ xem xét.",
        2: "Chi bộ xem xét, đề nghị xóa tên đảng viên.",
        3: "Chi bộ xem xét kết nạp.",
        4: "Cấp ủy xem xét.",
    }
    index = PhraseIndex(texts)
    phrases = ("xin ra khoi dang", "ra khoi dang", "chi bo xem xet", "xem xet")
    assert index.score(phrases, 1) > index.score(phrases, 2) > 0
    # "ra khỏi Đảng" inside "xin ra khỏi Đảng" is not counted again
    assert index.score(("xin ra khoi dang",), 1) == index.score(phrases[:2], 1)
    assert index.score(phrases, 99) == 0.0
