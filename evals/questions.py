"""Question sets: JSONL, one question per line; malformed lines are reported, not fatal."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

TYPES = ("procedural", "factual", "out_of_scope", "outline")


@dataclass
class Question:
    id: str
    type: str
    text: str  # the question, or the topic of an outline item
    evidence: list[str] = field(default_factory=list)
    answer_must_include: list[str] = field(default_factory=list)
    outline_must_cover: list[str] = field(default_factory=list)
    should_refuse: bool = False

    @property
    def in_scope(self) -> bool:
        return not self.should_refuse and self.type != "out_of_scope"


def load_questions(path: Path) -> tuple[list[Question], list[str]]:
    """(questions, problems); each problem names the line and what is wrong with it."""
    questions, problems = [], []
    seen = set()
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            if not isinstance(d, dict):
                raise ValueError("not a JSON object")
            text = d.get("question") or d.get("topic")
            if not isinstance(text, str) or not text.strip():
                raise ValueError("no 'question' or 'topic'")
            qtype = d.get("type", "procedural")
            if qtype not in TYPES:
                raise ValueError(f"unknown type '{qtype}' (one of {', '.join(TYPES)})")
            qid = str(d.get("id") or f"line-{n}")
            if qid in seen:
                raise ValueError(f"duplicate id '{qid}'")
            for key in ("evidence", "answer_must_include", "outline_must_cover"):
                if not isinstance(d.get(key) or [], list):
                    raise ValueError(f"'{key}' must be a list")
            seen.add(qid)
            questions.append(
                Question(
                    id=qid,
                    type=qtype,
                    text=text.strip(),
                    evidence=list(d.get("evidence") or []),
                    answer_must_include=list(d.get("answer_must_include") or []),
                    outline_must_cover=list(d.get("outline_must_cover") or []),
                    should_refuse=bool(d.get("should_refuse", qtype == "out_of_scope")),
                )
            )
        except (json.JSONDecodeError, ValueError) as exc:
            problems.append(f"line {n}: {exc}")
    return questions, problems
