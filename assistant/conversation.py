"""Follow-up questions rewritten into standalone queries, by rules when there is no LLM."""

from __future__ import annotations

import re

from ingest import textnorm

_FOLLOW_UP_START = re.compile(r"^(còn|thế còn|vậy còn|vậy thì|thế thì|và|rồi|con|the con|vay con)\b", re.IGNORECASE)
_FOLLOW_UP_END = re.compile(r"(thì sao|thế nào|ra sao|thi sao|the nao)\s*\??\s*$", re.IGNORECASE)
_REFERENT = re.compile(r"\b(đó|này|ấy|trên|như vậy|việc đó|việc này|do|nay)\b", re.IGNORECASE)
_SHORT_WORDS = 5
# A short question that opens with a question word has no subject of its own ("Ai chủ trì?").
_ASKS = re.compile(
    r"^(ai|khi nào|lúc nào|ở đâu|bao nhiêu|bao lâu|mấy|vì sao|tại sao|làm gì|làm sao|"
    r"thế nào|như thế nào|gồm những gì|những ai)\b",
    re.IGNORECASE,
)


def is_follow_up(question: str) -> bool:
    q = textnorm.normalize(question).strip()
    n = len(q.split())
    if _FOLLOW_UP_START.match(q) or (_FOLLOW_UP_END.search(q) and n <= 8):
        return True
    return n <= _SHORT_WORDS and (bool(_REFERENT.search(q)) or n <= 3 or bool(_ASKS.match(q)))


def rewrite(question: str, history: list[tuple[str, str]]) -> str:
    """A standalone query for `question` given earlier (question, rewritten query) pairs.

    >>> rewrite("Còn sinh hoạt chuyên đề thì sao?", [("Sinh hoạt chi bộ thường kỳ cần chuẩn bị gì?", "")])
    'sinh hoạt chuyên đề cần chuẩn bị gì?'
    >>> rewrite("Ai chủ trì?", [("Sinh hoạt chuyên đề của chi bộ được tổ chức thế nào?", "")])
    'Ai chủ trì? (Sinh hoạt chuyên đề của chi bộ được tổ chức thế nào?)'
    """
    question = textnorm.normalize(question).strip()
    if not history or not is_follow_up(question):
        return question
    prev_q, prev_rewritten = history[-1]
    previous = textnorm.normalize(prev_rewritten or prev_q).strip()
    if _FOLLOW_UP_START.match(question):
        # "Còn X thì sao?": the new subject X takes the place of the old subject in the
        # previous question's predicate ("… cần chuẩn bị gì?").
        subject = _FOLLOW_UP_END.sub("", _FOLLOW_UP_START.sub("", question)).strip(" ?,.")
        predicate = _predicate(previous)
        if subject and predicate:
            return f"{subject} {predicate}"
        if subject:
            return f"{subject} ({previous})"
    return f"{question} ({previous})"


_PREDICATE = re.compile(r"\b(cần|phải|nên|có|được|là|gồm|do|thì|làm|bao|như)\b", re.IGNORECASE)


def _predicate(question: str) -> str | None:
    """The part of a question from its first predicate word on ("cần chuẩn bị gì?")."""
    m = _PREDICATE.search(question)
    return question[m.start() :] if m and m.start() > 0 else None
