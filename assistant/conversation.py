"""Follow-up questions rewritten into standalone queries, by rules when there is no LLM.

Only a question that really points back at the previous turn is rewritten: it refers to it
("ông ấy", "việc đó", "quy định này"), contrasts with it ("Còn đảng viên dự bị thì sao?"), or has
no subject of its own ("Ai chủ trì?", "Thời hạn là bao lâu?"). A question that stands on its own
("Giá vàng hôm nay?", "Thời tiết hôm nay thế nào?") is never rewritten.
"""

from __future__ import annotations

import re

from assistant import cues
from ingest import textnorm

# "lớp đó", "thời gian đó", "quy định này": a noun pointed back at ("trong đó", "do đó", "sau đó"
# are conjunctions, "hôm nay" is not "này")
_DEMONSTRATIVE = re.compile(
    r"(?<!\w)(?!(?:trong|do|sau|từ|vì|bởi|đến|tới|như|hơn|vậy|thế)\s)\w+\s+(đó|ấy|này)(?!\w)", re.IGNORECASE
)
# The cue words (assistant/cues.toml): what points back ("việc đó", "nêu trên"), a contrast ("Còn
# X thì sao?"), a question word opening a short question with no subject ("Ai chủ trì?").
_REFERS, _WHAT_IF = cues.cue("refers_back"), cues.cue("what_if")
_CONTRAST, _CONTRAST_END = cues.cue("contrast_opening"), cues.cue("contrast_ending")
_ASKS = cues.cue("opens_with_question_word")
_FRAGMENT_WORDS = 5


def is_follow_up(question: str) -> bool:
    """Whether a question points back at the previous turn.

    >>> [is_follow_up(q) for q in ("Ai chủ trì?", "Còn đảng viên dự bị thì sao?", "Việc đó do cấp nào quyết định?")]
    [True, True, True]
    >>> [is_follow_up(q) for q in ("Giấy chứng nhận lớp đó do ai cấp?", "Nếu không ai trúng cử thì sao?")]
    [True, True]
    >>> [is_follow_up(q) for q in ("Giá vàng hôm nay?", "Thời tiết hôm nay thế nào?", "Chi bộ họp mấy lần?")]
    [False, False, False]
    >>> is_follow_up("Trong đó, chi bộ cần làm gì để phát triển đảng viên?")
    False
    """
    q = textnorm.normalize(question).strip()
    n = len(q.rstrip("?.! ").split())
    if _REFERS.search(q) or _DEMONSTRATIVE.search(q) or _WHAT_IF.search(q):
        return True
    if _CONTRAST.search(q) and (n <= 8 or _CONTRAST_END.search(q) or " thì " in q):
        return True
    return n <= _FRAGMENT_WORDS and _ASKS.search(q)


def rewrite(question: str, history: list[tuple[str, str]]) -> str:
    """A standalone query for `question` given earlier (question, rewritten query) pairs;
    a question that stands on its own comes back unchanged.

    >>> rewrite("Còn sinh hoạt chuyên đề thì sao?", [("Sinh hoạt chi bộ thường kỳ cần chuẩn bị gì?", "")])
    'sinh hoạt chuyên đề cần chuẩn bị gì?'
    >>> rewrite("Ai chủ trì?", [("Sinh hoạt chuyên đề của chi bộ được tổ chức thế nào?", "")])
    'Ai chủ trì? (Sinh hoạt chuyên đề của chi bộ được tổ chức thế nào?)'
    >>> rewrite("Giá vàng hôm nay?", [("Ai chủ trì?", "Ai chủ trì? (Sinh hoạt chuyên đề …)")])
    'Giá vàng hôm nay?'
    """
    question = textnorm.normalize(question).strip()
    if not history or not is_follow_up(question):
        return question
    prev_q, prev_rewritten = history[-1]
    previous = textnorm.normalize(prev_rewritten or prev_q).strip()
    if _CONTRAST.search(question):
        # "Còn X thì sao?": the new subject X takes the place of the old subject in the
        # previous question's predicate ("… cần chuẩn bị gì?").
        subject = _CONTRAST_END.cut(_CONTRAST.cut(question)).strip(" ?,.")
        predicate = _predicate(previous)
        if subject and predicate:
            return f"{subject} {predicate}"
        if subject:
            return f"{subject} ({previous})"
    return f"{question} ({previous})"


_PREDICATE = re.compile(r"\b(cần|phải|nên|có|được|là|gồm|do|thì|làm|bao|như|bị|vi phạm)\b", re.IGNORECASE)


def _predicate(question: str) -> str | None:
    """The part of a question from its first predicate word on ("cần chuẩn bị gì?")."""
    m = _PREDICATE.search(question)
    return question[m.start() :] if m and m.start() > 0 else None
