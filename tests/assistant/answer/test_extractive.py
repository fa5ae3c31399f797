"""Extractive answers: exact sentences, short, cited; lists as bullets."""

from __future__ import annotations

import re


def test_direct_answer_is_exact_short_and_cited(assistant):
    turn = assistant.ask("Đảng bộ huyện Ia Pa có bao nhiêu đảng viên?")
    assert not turn.answer.refused
    assert "1.837" in turn.answer.body
    assert len(turn.answer.body.split()) <= 130
    assert "Nguồn:" in turn.answer.text
    # every sentence is corpus text with a marker pointing at a returned citation
    for sentence, n in turn.answer.sentences:
        cited = turn.answer.citations[n - 1]
        assert sentence.replace(" …", "").split(" … ")[0] in cited.text
        assert f"[{n}]" in turn.answer.body
    assert turn.answer.citations[0].title == "Ia Pa nâng cao năng lực lãnh đạo của cấp ủy cơ sở"


def test_list_questions_get_bullets(assistant):
    turn = assistant.ask("Nội dung bồi dưỡng nghiệp vụ cho bí thư chi bộ gồm những gì?")
    lines = [ln for ln in turn.answer.body.splitlines() if ln.startswith("- ")]
    assert len(lines) >= 2 and all(re.search(r"\[\d+\]$", ln) for ln in lines)
    assert "công tác chính trị tư tưởng" in turn.answer.body
