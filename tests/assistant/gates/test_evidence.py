"""Evidence coverage: IDF-weighted question words found in a passage."""

from __future__ import annotations

from assistant.gates.evidence import evidence_coverage, question_terms, term_in
from assistant.query import analyze
from ingest import textnorm


def test_whole_syllables_only():
    assert term_in("sinh_hoat", "buoi sinh hoat chi bo")
    assert not term_in("sinh_hoat", "sinh hoatx")


def test_a_one_syllable_word_must_be_a_word_of_the_passage():
    q = analyze("Giá vàng hôm nay?")
    text = "Giá trị của sinh hoạt chi bộ là giáo dục đảng viên."
    words = frozenset(textnorm.words(text))
    assert evidence_coverage(q, text, {}, words) < evidence_coverage(q, text, {})


def test_rare_words_weigh_more():
    q = analyze("Đảng viên dự bị được kết nạp thế nào?")
    text = "Đảng viên được giới thiệu vào Đảng."  # has "đảng viên", lacks "dự bị" and "kết nạp"
    assert "dự_bị" in question_terms(q)
    flat = evidence_coverage(q, text, {})
    rare_missing = evidence_coverage(q, text, {"du_bi": 10.0})
    assert 0 < rare_missing < flat < 1
