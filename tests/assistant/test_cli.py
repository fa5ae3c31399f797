"""`chibo ask --json` and `chibo chat` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys


def test_ask_json_contract(corpus_index, tmp_path):
    def run(*args):
        out = subprocess.run(
            [sys.executable, "-m", "assistant.cli", "ask", "--index", str(corpus_index.index), "--json", *args],
            capture_output=True,
            text=True,
            env={**__import__("os").environ, "CHIBO_HOME": str(corpus_index.home)},
        )
        assert out.returncode == 0, out.stderr
        return [json.loads(line) for line in out.stdout.splitlines()]

    [one] = run("Sinh hoạt chi bộ cần bảo đảm những tính chất gì?")
    assert set(one) == {
        "id",
        "question",
        "rewritten_query",
        "answer",
        "body",
        "refused",
        "choice",
        "basis",
        "why_not",
        "backend",
        "notices",
        "citations",
        "retrieved",
        "timings_ms",
    }
    assert one["id"] is None and one["backend"] == "extractive" and one["refused"] is False
    assert set(one["citations"][0]) == {
        "n",
        "doc_id",
        "title",
        "chunk_id",
        "section",
        "text",
        "quote",
        "date",
        "source",
        "kind",
        "number",
        "ocr",
        "role",
    }
    assert len(one["retrieved"]) == 10
    assert set(one["retrieved"][0]) == {
        "rank",
        "chunk_id",
        "doc_id",
        "title",
        "section",
        "text",
        "score",
        "bm25_rank",
        "dense_rank",
    }
    # passages are the document's own words, not the segmented form BM25 indexes ("sinh_hoạt")
    assert all("_" not in r["text"] for r in one["retrieved"])
    assert set(one["timings_ms"]) == {"retrieve", "answer", "total"}
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        '{"id": "a", "question": "Giá vàng hôm nay?"}\nnot json\n'
        '{"id": "b", "question": "Hà Tĩnh có bao nhiêu đảng viên?"}\n',
        encoding="utf-8",
    )
    many = run("--questions", str(questions))
    assert [m["id"] for m in many] == ["a", "b"]
    assert many[0]["refused"] is True and "100.274" in many[1]["answer"]


def test_chat_command_keeps_the_conversation(corpus_index):
    import os

    session = "Tổ công tác của Thành ủy Vĩnh Yên dự sinh hoạt chi bộ bao lâu một lần?\nAi làm tổ trưởng?\nthoát\n"
    out = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "chat", "--index", str(corpus_index.index)],
        input=session,
        capture_output=True,
        text=True,
        env={**os.environ, "CHIBO_HOME": str(corpus_index.home)},
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert "mỗi tháng 1 lần" in out.stdout
    assert "(hiểu là: Ai làm tổ trưởng?" in out.stdout and "Vĩnh Yên" in out.stdout.split("(hiểu là:")[1]
