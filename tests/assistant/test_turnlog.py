"""Every turn and its feedback in the turn log."""

from __future__ import annotations

import json


def test_every_turn_is_logged(assistant):
    turn = assistant.ask("Trước mỗi kỳ sinh hoạt, bí thư chi bộ Công ty Cơ khí Tuyên Quang chuẩn bị những gì?")
    row = next(r for r in assistant.log.turns(5) if r["id"] == turn.turn_id)
    assert row["question"] == turn.question and row["answer"] == turn.answer.text
    assert json.loads(row["retrieved"])[0]["chunk_id"] == turn.hits[0].chunk.id
    assistant.log.feedback(turn.turn_id, -1, "thiếu ý")
    row = next(r for r in assistant.log.turns(5) if r["id"] == turn.turn_id)
    assert row["feedback"] == -1 and row["feedback_comment"] == "thiếu ý"
