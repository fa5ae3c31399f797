"""Question variations a real user types: case, no diacritics, polite frames, caps lock."""

from __future__ import annotations

from pathlib import Path

from evals.metrics import contains_any, percentile
from evals.questions import load_questions
from ingest.settings import REPO_ROOT
from ingest.textnorm import fold

DEV_QUESTIONS = REPO_ROOT / "evals" / "questions" / "dev.jsonl"


_VARIANTS = (
    lambda q: q,
    lambda q: q.lower(),
    lambda q: fold(q),
    lambda q: "Cho tôi hỏi: " + q,
    lambda q: q.rstrip("?") + " ạ?",
    lambda q: "Theo hướng dẫn, " + q[:1].lower() + q[1:],
    lambda q: "Xin hỏi, " + q[:1].lower() + q[1:],
    lambda q: q + " Trả lời ngắn gọn.",
    lambda q: "Bí thư chi bộ muốn biết: " + q,
    lambda q: q.rstrip("?"),
    lambda q: "Đồng chí cho hỏi " + q[:1].lower() + q[1:],
    lambda q: q.upper(),
)


def queries(path: Path = DEV_QUESTIONS) -> list[dict]:
    """Dev questions and variations of each (case, no diacritics, polite frames): all distinct."""
    qs, _ = load_questions(path)
    out: dict[str, dict] = {}
    for q in qs:
        if q.type == "outline":
            continue
        for vary in _VARIANTS:
            text = vary(q.text)
            out.setdefault(text, {"id": q.id, "text": text, "evidence": q.evidence, "refuse": q.should_refuse})
    return list(out.values())


def hit_rate(rows: list[dict], k: int = 5) -> float | None:
    scored = [r for r in rows if r["evidence"] and not r["refuse"]]
    if not scored:
        return None
    return sum(1 for r in scored if any(contains_any(t, r["evidence"]) for t in r["texts"][:k])) / len(scored)


def latency(ms: list[float]) -> dict:
    return {p: round(percentile(ms, q), 1) for p, q in (("p50", 50), ("p95", 95), ("p99", 99))}
