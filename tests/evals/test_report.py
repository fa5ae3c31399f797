"""Evaluation reports: tables and the list of missed questions."""

from __future__ import annotations

from evals.report import markdown_table, write_report


def report():
    q = {
        "id": "q1",
        "type": "factual",
        "question": "Chi bộ họp mấy lần?",
        "first_hit_rank": 3,
        "refused": False,
        "should_refuse": False,
        "keyword_recall": 0.5,
    }
    return {
        "questions_file": "q.jsonl",
        "index": "/i",
        "extra": [],
        "created": "now",
        "problems": ["line 2: x"],
        "configs": {
            "default": {
                "metrics": {"hit@1": 0.0, "hit@5": 1.0, "mrr@10": 1 / 3, "total_ms_p50": 12.345},
                "questions": [q],
            }
        },
    }


def test_table_and_missed_questions(tmp_path):
    table = markdown_table(report())
    assert "| default | 0.000 |" in table and "0.333" in table
    write_report(report(), tmp_path)
    md = (tmp_path / "report.md").read_text()
    assert "`q1` Chi bộ họp mấy lần? — evidence at rank 3; keyword recall 0.50" in md and "line 2: x" in md
    assert (tmp_path / "hit_at_k.png").stat().st_size > 0 and (tmp_path / "report.json").exists()
