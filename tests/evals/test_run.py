"""`chibo eval` writes a report and charts."""

from __future__ import annotations

import json

import pytest


@pytest.mark.slow
def test_eval_command_writes_report_and_charts(corpus_index, tmp_path):
    import os
    import subprocess
    import sys

    from ingest.settings import REPO_ROOT

    qfile = tmp_path / "q.jsonl"
    lines = (REPO_ROOT / "evals" / "questions" / "dev.jsonl").read_text().splitlines()[:6] + ["garbage line"]
    qfile.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "report"
    env = {**os.environ, "CHIBO_HOME": str(corpus_index.home)}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant.cli",
            "eval",
            str(qfile),
            "--index",
            str(corpus_index.index),
            "--configs",
            "default,bm25-syllables,naive-langchain",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    assert "line 7" in run.stderr
    report = json.loads((out / "report.json").read_text())
    assert set(report["configs"]) == {"default", "bm25-syllables", "naive-langchain"}
    assert report["configs"]["default"]["metrics"]["hit@5"] >= 0.8
    md = (out / "report.md").read_text()
    assert "| default |" in md and "naive-langchain" in md
    for png in ("hit_at_k.png", "latency.png"):
        assert (out / png).read_bytes()[:4] == b"\x89PNG"
    hist = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "eval", "--history"], capture_output=True, text=True, env=env
    )
    assert "q.jsonl" in hist.stdout
    with pytest.raises(Exception, match="Không có cấu hình"):
        from evals.run import parse_configs

        parse_configs("default,magic")


@pytest.mark.slow
def test_the_baseline_runs_twice_in_one_process(corpus_index, shared_cache, tmp_path):
    """The app runs evaluations in its own process, one after another: the second naive-langchain
    run must not write through the first run's (deleted) Chroma database."""
    from evals.run import evaluate
    from ingest.settings import REPO_ROOT, Settings

    home = tmp_path / "eval-home"
    home.mkdir()
    (home / "cache").symlink_to(shared_cache, target_is_directory=True)
    settings = Settings(home=home, index_dir=corpus_index.index)
    qfile = tmp_path / "q.jsonl"
    qfile.write_text("\n".join((REPO_ROOT / "evals" / "questions" / "dev.jsonl").read_text().splitlines()[:3]))
    for i in range(2):
        report = evaluate(qfile, settings, ["naive-langchain"], out=tmp_path / f"r{i}")
        assert report["configs"]["naive-langchain"]["metrics"]["questions"] == 3


@pytest.mark.slow
def test_a_set_of_questions_to_decline_only_is_evaluated(corpus_index, shared_cache, tmp_path):
    """An out-of-scope set has no passage to find: retrieval metrics are absent, not a crash."""
    from evals.run import evaluate
    from ingest.settings import Settings

    home = tmp_path / "eval-home"
    home.mkdir()
    (home / "cache").symlink_to(shared_cache, target_is_directory=True)
    qfile = tmp_path / "q.jsonl"
    qfile.write_text(
        '{"id": "o-1", "question": "Giá vàng hôm nay bao nhiêu?", "should_refuse": true}\n', encoding="utf-8"
    )
    report = evaluate(qfile, Settings(home=home, index_dir=corpus_index.index), ["default"], out=tmp_path / "r")
    metrics = report["configs"]["default"]["metrics"]
    assert metrics["hit@1"] is None and metrics["refusal_accuracy"] == 1.0
    assert "| default |" in (tmp_path / "r" / "report.md").read_text()


def test_multiple_choice_is_summarised_with_wrong_answers_and_broken_down_by_heading_and_kind():
    from evals.questions import Question
    from evals.run import Row, mcq_breakdown, summarize

    def row(n, choice, answer, heading, kinds, split):
        q = Question(
            f"q{n}", "mcq", "?", options=["a", "b", "c"], answer=answer, heading=heading, kinds=kinds, split=split
        )
        return Row(q, [], "", choice is None, [], {}, choice=choice)

    rows = [
        row(1, 0, 0, "Phần I", ["numbers"], "tune"),
        row(2, 1, 0, "Phần I", ["numbers", "exception"], "held"),
        row(3, None, 2, "Phần II", ["exception"], "held"),
        row(4, 2, 2, "Phần II", [], "tune"),
    ]
    m = summarize(rows)
    assert (m["mcq_questions"], m["mcq_accuracy"], m["mcq_wrong"], m["mcq_abstained"]) == (4, 0.5, 0.25, 0.25)
    by = mcq_breakdown(rows)
    assert by["heading"]["Phần I"]["all"] == {"questions": 2, "accuracy": 0.5, "wrong": 0.5, "abstained": 0.0}
    assert by["heading"]["Phần I"]["held"]["wrong"] == 1.0 and by["heading"]["Phần II"]["tune"]["accuracy"] == 1.0
    assert by["kind"]["exception"]["all"] == {"questions": 2, "accuracy": 0.0, "wrong": 0.5, "abstained": 0.5}
    assert set(by["kind"]) == {"numbers", "exception"}
    assert mcq_breakdown([r for r in rows if False]) == {}
    no_heading = [row(5, 0, 0, None, [], "tune")]
    assert mcq_breakdown(no_heading) == {}  # nothing to break down


def test_the_printed_table_carries_the_multiple_choice_figures(monkeypatch, capsys, tmp_path):
    import argparse

    import evals.run as run

    report = {
        "configs": {
            "default": {
                "metrics": {
                    "hit@1": None,
                    "mcq_questions": 2,
                    "mcq_accuracy": 0.5,
                    "mcq_wrong": 0.5,
                    "mcq_abstained": 0.0,
                },
                "splits": {"tune": {"mcq_questions": 2, "mcq_accuracy": 0.5, "mcq_wrong": 0.5, "mcq_abstained": 0.0}},
                "mcq_breakdown": {
                    "heading": {"Phần I": {"all": {"questions": 2, "accuracy": 0.5, "wrong": 0.5, "abstained": 0.0}}}
                },
                "questions": [],
            }
        }
    }
    monkeypatch.setattr(run, "evaluate", lambda *a, **k: report)
    args = argparse.Namespace(
        history=False, questions=tmp_path / "bank.docx", configs="default", top_k=10, extra=[], out=None
    )
    assert run.cli(args, None) == 0
    out = capsys.readouterr().out
    assert "| default | 2 | 0.500 | 0.500 | 0.000 |" in out and "| Phần I | 2 | 0.500 | 0.500 | 0.000 |" in out


def test_outlines_are_judged_by_section_membership():
    from assistant.outline.model import Item, Outline, Section
    from evals.questions import Question
    from evals.report import outline_markdown
    from evals.run import provision_metrics
    from ingest.model import Citation, Document

    docs = [
        Document("charter", "/c", "Điều lệ Đảng Cộng sản Việt Nam", kind="guidance"),
        Document("qd", "/q", "Quy định 294-QĐ/TW về thi hành Điều lệ Đảng", kind="guidance", number="294-QĐ/TW"),
        Document("news", "/n", "Một tin bài", kind="news"),
    ]
    cites = [
        Citation(
            1,
            "c1",
            "charter",
            "Điều lệ Đảng Cộng sản Việt Nam",
            "",
            section="Chương I, Điều 4, khoản 1",
            kind="guidance",
        ),
        Citation(2, "q1", "qd", "Quy định 294-QĐ/TW", "", section="mục 23.2 (Điều 24, khoản 3, 4)", kind="guidance"),
        Citation(3, "n1", "news", "Một tin bài", "", kind="news"),
    ]
    outline = Outline(
        "t",
        "t",
        [
            Section(
                "Quan điểm", [Item("a", [1], "corpus"), Item("b", [2], "corpus"), Item("c", [3], "corpus")], key="basis"
            ),
            Section("Kinh nghiệm", [Item("d", [3], "corpus")], key="experience"),
        ],
        cites,
    )
    q = Question(
        "o-x",
        "outline",
        "t",
        expect=[
            {"doc": "Điều lệ Đảng", "section": "Điều 4"},
            {"doc": "294-QĐ/TW", "section": "mục 3"},
            {"doc": "Điều lệ Đảng", "section": "Điều 5, khoản 2"},
            {"doc": "Điều lệ Đảng", "section": "Điều 4, khoản 3"},
        ],
    )
    m = provision_metrics(outline, q, docs)
    # Điều 4 quoted (khoản 1), 294 mục 3, Điều 5 khoản 2 and Điều 4 khoản 3 not; of the two official
    # quotations one is on the topic; one news under the basis
    assert m["recall"] == 0.25 and m["missed"] == [
        "294-QĐ/TW mục 3",
        "Điều lệ Đảng Điều 5, khoản 2",
        "Điều lệ Đảng Điều 4, khoản 3",
    ]
    assert m["on_topic"] == 0.5 and m["news_in_basis"] == 1 and m["official_quotes"] == 2
    # of the Charter's: one provision of three quoted; one article of two (Điều 4, in another clause)
    assert abs(m["charter_recall"] - 1 / 3) < 1e-9 and m["charter_articles"] == 0.5
    q.allow = [{"doc": "294-QĐ/TW", "section": "mục 23"}]
    assert provision_metrics(outline, q, docs)["on_topic"] == 1.0
    row = {"type": "outline", "split": "held", "question": "t", "id": "o-x", "outline": {**m, "ms": 10.0}}
    table = outline_markdown({"configs": {"default": {"questions": [row]}}})
    assert "| default | – | 0.250 | – | 0.500 | – / 0.333 | – / 0.500 | 1 | 2.0 | 10 |" in table
