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
    assert turn.answer.evidence["in_domain"] is False  # declined before looking for evidence


def test_in_domain_question_without_evidence_is_refused_with_closest_passages(assistant):
    turn = assistant.ask("Đảng viên dự bị được miễn sinh hoạt chi bộ trong bao nhiêu tháng khi đi học nước ngoài?")
    assert turn.answer.refused and turn.answer.evidence["in_domain"] is True
    assert turn.answer.text.startswith("Không tìm thấy")
    assert turn.answer.closest  # the closest passages are offered
