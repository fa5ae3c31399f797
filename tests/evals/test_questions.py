"""Question files: malformed lines reported."""

from __future__ import annotations

import json

from evals.questions import load_questions


def test_malformed_question_lines_are_reported_with_line_numbers(tmp_path):
    f = tmp_path / "q.jsonl"
    f.write_text(
        "\n".join(
            [
                json.dumps(
                    {
                        "id": "ok-1",
                        "type": "factual",
                        "question": "Ia Pa có bao nhiêu đảng viên?",
                        "evidence": ["1.837"],
                    }
                ),
                "{not json",
                json.dumps({"id": "no-question", "type": "factual"}),
                json.dumps({"id": "bad-type", "type": "poem", "question": "x"}),
                json.dumps({"id": "ok-1", "question": "duplicate id"}),
                json.dumps(
                    {"id": "ok-2", "type": "outline", "topic": "Phát triển đảng viên", "outline_must_cover": ["x"]}
                ),
            ]
        ),
        encoding="utf-8",
    )
    questions, problems = load_questions(f)
    assert [q.id for q in questions] == ["ok-1", "ok-2"]
    assert [p.split(":")[0] for p in problems] == ["line 2", "line 3", "line 4", "line 5"]
    assert questions[1].text == "Phát triển đảng viên" and questions[1].type == "outline"
