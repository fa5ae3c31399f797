"""Passages → the answer a secretary reads: `answer(query, hits, idf, verdict)`.

`extractive` picks and trims the sentences, `citations` numbers the passages, `format` writes
dates, sources and refusal messages. The UI renders `Answer` fields (body, citations, notices),
never parsed text."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answer.choice import answer_choice
from assistant.answer.citations import Citations, citation_for
from assistant.answer.extractive import compose
from assistant.answer.format import (
    EMPTY_QUESTION_TEXT,
    NO_RULE_TEXT,
    NOT_CURRENT_TEXT,
    OUT_OF_SCOPE_TEXT,
    REFUSAL_TEXT,
    format_date,
    format_sources,
    refusal_answer,
)
from assistant.gates import Verdict, names, places
from assistant.gates.kinds import asks_for_rule, names_in
from assistant.query import Query
from ingest.model import Answer, Hit
from ingest.settings import ScoringSettings

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
    q: Query,
    hits: list[Hit],
    idf: dict[str, float],
    verdict: Verdict,
    candidates: list[Hit] | None = None,
    scoring: ScoringSettings = ScoringSettings(),
) -> Answer:
    """The extractive answer, or a refusal when the gate or the sentences say there is none."""
    if not verdict.answerable:
        return refusal(hits, verdict.evidence, verdict.reason or "no_evidence")
    result = compose(q, hits, idf, verdict.evidence, candidates=candidates, scoring=scoring)
    if result is None:
        return refusal(hits, verdict.evidence)
    if _rule_from_news(q, result):
        # a report tells how one cell does it; a rule comes from the rule texts
        examples = [replace(c, role="experience") for c in result.citations[:2]]
        return refusal_answer(NO_RULE_TEXT, examples, {**verdict.evidence, "rule_from_news": True}, "no_rule")
    return result


def _rule_from_news(q: Query, result: Answer) -> bool:
    """A question after a rule answered only from reports. A question typed without capitals
    ("thanh pho tuyen quang co bao nhieu …") names a place when it holds a name its report gives."""
    if not result.citations or any(c.kind != "news" for c in result.citations):
        return False
    asked = q.folded
    for c in result.citations:
        if any(re.search(rf"\b{re.escape(name)}\b", asked) for name in names_in(c.text) if name):
            return False
    return asks_for_rule(q.raw, names(q.raw), places(q.raw), len(q.mentions))


__all__ = [
    "EMPTY_QUESTION_TEXT",
    "Citations",
    "answer",
    "answer_choice",
    "citation_for",
    "format_date",
    "format_sources",
    "refusal",
]
