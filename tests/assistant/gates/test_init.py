"""The answerability policy: questions the library does not answer are declined."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "question",
    [
        "Giá vàng SJC hôm nay là bao nhiêu?",
        "Hướng dẫn tôi cách nấu phở bò ngon.",
        "Đội tuyển nào vô địch World Cup 2022?",
        "Viết cho tôi một bài thơ về mùa thu.",
        "Dự báo thời tiết Hà Nội ngày mai thế nào?",
    ],
)
def test_out_of_scope_questions_are_refused(assistant, question):
    turn = assistant.ask(question)
    assert turn.answer.refused and turn.answer.citations == []
    assert "Không tìm thấy" in turn.answer.text
    # no topic word list decides this: "hôm nay"/"ngày mai" ask for the present, the rest have no evidence
    assert turn.answer.refusal_kind == (
        "not_current" if "hôm nay" in question or "ngày mai" in question else "no_evidence"
    )


def test_in_domain_question_without_evidence_is_refused_with_closest_passages(assistant):
    turn = assistant.ask("Đảng viên dự bị được miễn sinh hoạt chi bộ trong bao nhiêu tháng khi đi học nước ngoài?")
    assert turn.answer.refused and turn.answer.refusal_kind == "no_evidence"
    assert turn.answer.text.startswith("Không tìm thấy")
    assert turn.answer.closest  # the closest passages are offered


@pytest.fixture(scope="module")
def official(guidance_index):
    from assistant.service import Assistant

    a = Assistant(guidance_index, log=False)
    a.warm()
    return a


def test_an_article_the_charter_has_is_answered_from_that_article(official):
    turn = official.ask("Điều 24 Điều lệ Đảng quy định gì về chi bộ?")
    assert not turn.answer.refused
    assert any(c.section and "Điều 24" in c.section for c in turn.answer.citations)


def test_an_article_no_document_has_is_refused(official):
    # the Charter has 48 articles: its words are all in the library, the article is not
    turn = official.ask("Điều 60 của Điều lệ Đảng quy định gì về chi bộ?")
    assert turn.answer.refused and turn.answer.refusal_kind == "no_evidence"
    assert turn.answer.evidence["sections"] == ["Điều 60"]


def test_a_document_the_library_neither_holds_nor_mentions_is_refused(official):
    turn = official.ask("Quy định 777-QĐ/TW hướng dẫn sinh hoạt chi bộ như thế nào?")
    assert turn.answer.refused and turn.answer.evidence["not_held"] == ["777-QĐ/TW"]
    held = official.ask("Quy định 294-QĐ/TW hướng dẫn gì về sinh hoạt chi bộ?")
    assert not held.answer.refused


def test_a_year_no_passage_holds_is_refused(official):
    # the Charter in the library is the one of 2011 (its date): a question about 1996 is not answered from it
    asked = "Theo Điều lệ Đảng năm {}, chi bộ có bao nhiêu đảng viên chính thức thì bầu chi ủy?"
    turn = official.ask(asked.format(1996))
    assert turn.answer.refused and turn.answer.evidence["years"] == ["1996"]
    held = official.ask(asked.format(2011))
    assert not held.answer.refused and "years" not in held.answer.evidence


def test_a_name_no_passage_holds_is_refused_a_place_is_said(official):
    # "Đảng Cộng sản", "đảng viên", "bao nhiêu" are everywhere in the library; "Nhật" is in no passage found
    turn = official.ask("Đảng Cộng sản Nhật Bản có bao nhiêu đảng viên?")
    assert turn.answer.refused and turn.answer.refusal_kind == "no_evidence"
    assert turn.answer.evidence["names"] == ["nhật"]
    held = official.ask("Theo Điều lệ Đảng, Ban Chấp hành Trung ương họp thường lệ mấy tháng một lần?")
    assert not held.answer.refused and "names" not in held.answer.evidence
    # where the asker is: the Charter's rule holds there too, and the answer says it is not about that place
    there = official.ask("Ở Đà Nẵng, chi bộ có bao nhiêu đảng viên chính thức thì bầu chi ủy?")
    assert not there.answer.refused and there.answer.evidence["places_not_found"] == ["Đà Nẵng"]
    assert any("không nói riêng về Đà Nẵng" in n for n in there.notices)
