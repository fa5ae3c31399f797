"""Passages → the answer a secretary reads: `answer(query, hits, idf, verdict)`.

`extractive` picks and trims the sentences, `citations` numbers the passages, `format` writes
dates, sources and refusal messages. The UI renders `Answer` fields (body, citations, notices),
never parsed text."""

from __future__ import annotations

from assistant.answer.citations import Citations, citation_for
from assistant.answer.extractive import compose, is_list_question
from assistant.answer.format import (
    EMPTY_QUESTION_TEXT,
    NO_CHOICE_TEXT,
    NOT_CURRENT_TEXT,
    OUT_OF_SCOPE_TEXT,
    REFUSAL_TEXT,
    answer_with_sources,
    format_date,
    format_sources,
    refusal_answer,
)
from assistant.choice import MultipleChoice, choose
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


def answer_choice(
    mc: MultipleChoice, q: Query, hits: list[Hit], idf: dict[str, float], verdict: Verdict, embed=None
) -> Answer:
    """A multiple-choice answer: the option the cited passage supports, with the passage; or
    "không đủ căn cứ" (choice None) when none stands out."""
    chosen = choose(mc, hits, q, idf, embed=embed) if hits else None
    evidence = {**verdict.evidence, "option_scores": chosen.scores if chosen else []}
    if chosen is None or chosen.index is None or chosen.hit is None:
        closest = [citation_for(h, n) for n, h in enumerate(hits[:CLOSEST_SHOWN], 1)]
        return refusal_answer(NO_CHOICE_TEXT, closest, evidence, "no_choice", options=mc.options)
    cites = Citations()
    cit = cites.cite(chosen.hit, chosen.hit.chunk.section_at(chosen.start))
    cit.quote = chosen.sentence
    note = " (phương án tài liệu không nêu)" if mc.negated else ""
    body = f"Đáp án: {mc.labelled(chosen.index)}{note}\nCăn cứ: {chosen.sentence} [{cit.n}]"
    return answer_with_sources(
        body, cites.items, sentences=[(chosen.sentence, cit.n)], evidence=evidence, choice=chosen.index, options=mc.options
    )


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
