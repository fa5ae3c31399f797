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


def test_multiple_choice_tables_with_tune_and_held_cells(tmp_path):
    from evals.report import mcq_markdown

    def stats(n, acc, wrong, abst):
        return {"questions": n, "accuracy": acc, "wrong": wrong, "abstained": abst}

    r = report()
    m = {"mcq_questions": 4, "mcq_accuracy": 0.5, "mcq_wrong": 0.25, "mcq_abstained": 0.25}
    r["configs"]["default"]["metrics"].update(m)
    r["configs"]["default"]["splits"] = {
        "tune": {"mcq_questions": 2, "mcq_accuracy": 1.0, "mcq_wrong": 0.0, "mcq_abstained": 0.0},
        "held": {"mcq_questions": 2, "mcq_accuracy": 0.0, "mcq_wrong": 0.5, "mcq_abstained": 0.5},
    }
    r["configs"]["default"]["mcq_breakdown"] = {
        "heading": {
            "Phần I": {"all": stats(2, 0.5, 0.5, 0.0), "tune": stats(1, 1.0, 0.0, 0.0), "held": stats(1, 0.0, 1.0, 0.0)}
        },
        "kind": {"numbers": {"all": stats(1, 1.0, 0.0, 0.0)}},
    }
    md = mcq_markdown(r)
    assert "| default | 4 (2 / 2) | 0.500 (1.000 / 0.000) | 0.250 (0.000 / 0.500) | 0.250 (0.000 / 0.500) |" in md
    assert (
        "### default: by heading" in md
        and "| Phần I | 2 (1 / 1) | 0.500 (1.000 / 0.000) | 0.500 (0.000 / 1.000) |" in md
    )
    assert "### default: by kind of difficulty" in md and "| numbers | 1 | 1.000 | 0.000 | 0.000 |" in md
    write_report(r, tmp_path)
    assert "## Multiple choice: cells read all (tune / held)" in (tmp_path / "report.md").read_text()
    assert mcq_markdown(report()) == ""  # no multiple choice, no table


def test_tune_and_held_halves_side_by_side(tmp_path):
    from evals.report import split_markdown

    r = report()
    assert split_markdown(r) == ""  # no held half: no table
    r["configs"]["default"]["splits"] = {
        "tune": {"questions": 3, "hit@1": 1.0, "keyword_recall": 0.9, "false_refusals": 0},
        "held": {"questions": 2, "hit@1": 0.5, "keyword_recall": 0.75, "false_refusals": 1},
    }
    table = split_markdown(r)
    assert "| default | 3 / 2 | 1.000 / 0.500 |" in table and "0.900 / 0.750" in table and "0 / 1" in table
    write_report(r, tmp_path)
    assert "## Tune and held halves" in (tmp_path / "report.md").read_text()
