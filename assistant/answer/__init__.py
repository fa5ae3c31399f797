"""Passages → the answer a secretary reads: `answer(query, hits, idf, verdict)`.

`extractive` picks and trims the sentences, `citations` numbers the passages, `format` writes
dates, sources and refusal messages. The UI renders `Answer` fields (body, citations, notices),
never parsed text."""

from __future__ import annotations

from assistant.answer.choice import answer_choice
from assistant.answer.citations import Citations, citation_for
from assistant.answer.extractive import compose, is_list_question
from assistant.answer.format import (
    EMPTY_QUESTION_TEXT,
    NOT_CURRENT_TEXT,
    OUT_OF_SCOPE_TEXT,
    REFUSAL_TEXT,
    format_date,
    format_sources,
    refusal_answer,
)
from assistant.gates import Verdict
from assistant.query import Query
from ingest.model import Answer, Hit

CLOSEST_SHOWN = 3  # passages offered with a refusal


def refusal(hits: list[Hit], evidence: dict, reason: str = "no_evidence", scope: str | None = None) -> Answer:
    """Decline, offering the closest passages when the library may still help."""
    closest = [citation_for(h, n) for n, h in enumerate(hits[:CLOSEST_SHOWN], 1)]
    if reason == "out_of_scope":
        return refusal_answer(OUT_OF_SCOPE_TEXT.format(scope=scope or ""), [], evidence, reason)
    if reason == "not_current":
        return refusal_answer(NOT_CURRENT_TEXT, [], evidence, reason)
    return refusal_answer(REFUSAL_TEXT, closest, evidence, reason)


def answer(
    q: Query, hits: list[Hit], idf: dict[str, float], verdict: Verdict, candidates: list[Hit] | None = None
) -> Answer:
    """The extractive answer, or a refusal when the gate or the sentences say there is none."""
    if not verdict.answerable:
        return refusal(hits, verdict.evidence, verdict.reason or "no_evidence")
    return compose(q, hits, idf, verdict.evidence, candidates=candidates) or refusal(hits, verdict.evidence)


__all__ = [
    "EMPTY_QUESTION_TEXT",
    "Citations",
    "answer",
    "answer_choice",
    "citation_for",
    "format_date",
    "format_sources",
    "is_list_question",
    "refusal",
]
