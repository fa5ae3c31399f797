"""Rules quoted whole: the clause with its section path, its points for a list question, and the
implementing clauses of newer guidance."""

from __future__ import annotations

import pytest

from assistant.service import Assistant


@pytest.fixture(scope="module")
def assistant(guidance_index):
    a = Assistant(guidance_index, log=False)
    a.warm()
    return a


def test_a_list_question_gets_the_clause_with_its_points(assistant):
    turn = assistant.ask("Những hình thức kỷ luật nào áp dụng đối với đảng viên chính thức?")
    body = turn.answer.body
    assert "khiển trách, cảnh cáo, cách chức, khai trừ" in body
    first = turn.answer.citations[0]
    assert "Điều lệ Đảng" in first.title and first.section.endswith("Điều 35, khoản 2")
    assert "Điều 35, khoản 2" in turn.answer.text  # the section path in the sources list


def test_an_authority_question_is_answered_with_the_authority(assistant):
    turn = assistant.ask("Chi bộ được quyết định những hình thức kỷ luật nào đối với đảng viên trong chi bộ?")
    assert not turn.answer.refused
    assert any(c.section and "Điều 36, khoản 1" in c.section for c in turn.answer.citations)
    assert "Chi bộ quyết định khiển trách, cảnh cáo" in turn.answer.body


def test_the_implementing_clause_follows_a_charter_article(assistant):
    turn = assistant.ask("Chi bộ có bao nhiêu đảng viên chính thức thì được bầu chi ủy?")
    roles = {c.role for c in turn.answer.citations}
    assert any(c.section and "Điều 24" in c.section for c in turn.answer.citations)
    assert "implementing" in roles and "Hướng dẫn thi hành:" in turn.answer.body


def test_a_clause_that_introduces_points_is_quoted_with_them(assistant):
    # "gì" is not a list cue, but "Đảng viên có quyền :" says nothing without its points
    turn = assistant.ask("Đảng viên có quyền gì?")
    assert "Đảng viên có quyền" in turn.answer.body
    assert "1. Được thông tin và thảo luận" in turn.answer.body and "4. Trình bày ý kiến" in turn.answer.body
    assert any(c.section and c.section.endswith("Điều 3") for c in turn.answer.citations)
