"""Metric definitions (exact; other tools compute the same).

Strings are compared after `canon`: NFC, lower case, "_" → space, unified tone marks,
collapsed white space.
"""

from __future__ import annotations

import math
import re

from ingest.textnorm import canon

KS = (1, 3, 5, 10)


def contains_any(text: str, needles: list[str]) -> bool:
    hay = canon(text)
    return any(canon(n) in hay for n in needles if n.strip())


def first_hit_rank(texts: list[str], evidence: list[str]) -> int | None:
    """1-based rank of the first text containing any evidence string, or None."""
    for rank, text in enumerate(texts, 1):
        if contains_any(text, evidence):
            return rank
    return None


def hit_at(rank: int | None, k: int) -> float:
    return 1.0 if rank is not None and rank <= k else 0.0


def reciprocal_rank(rank: int | None, k: int = 10) -> float:
    return 1.0 / rank if rank is not None and rank <= k else 0.0


def ndcg_at(texts: list[str], evidence: list[str], k: int = 10) -> float:
    """nDCG@k with binary relevance: a text is relevant when it contains any evidence string."""
    rel = [1.0 if contains_any(t, evidence) else 0.0 for t in texts[:k]]
    dcg = sum(r / math.log2(i + 2) for i, r in enumerate(rel))
    ideal = sum(1.0 / math.log2(i + 2) for i in range(int(sum(rel))))
    return dcg / ideal if ideal else 0.0


def keyword_recall(answer: str, keywords: list[str]) -> float | None:
    """Share of `answer_must_include` strings found in the answer (None when there are none)."""
    if not keywords:
        return None
    hay = canon(answer)
    return sum(1 for k in keywords if canon(k) in hay) / len(keywords)


def citation_validity(answer: str, citation_numbers: list[int]) -> float | None:
    """1.0 when every [n] in the answer points at a returned citation; None with no markers."""
    markers = [int(n) for n in re.findall(r"\[(\d+)\]", answer.split("\nNguồn:")[0])]
    if not markers:
        return None
    valid = set(citation_numbers)
    return sum(1 for m in markers if m in valid) / len(markers)


def answer_words(answer: str) -> int:
    """Words before the sources list."""
    return len(answer.split("\nNguồn:")[0].split())


def choice_stats(pairs: list[tuple[int | None, int | None]]) -> dict:
    """Multiple choice over (chosen option or None, correct option) pairs: how many questions,
    and the shares right, wrong (an option chosen, not the correct one) and abstained (none chosen).

    >>> choice_stats([(2, 2), (None, 1), (0, 3), (1, 1)])
    {'questions': 4, 'accuracy': 0.5, 'wrong': 0.25, 'abstained': 0.25}
    >>> choice_stats([])["accuracy"] is None
    True
    """
    n = len(pairs)
    right = sum(1 for chosen, correct in pairs if chosen is not None and chosen == correct)
    abstained = sum(1 for chosen, _ in pairs if chosen is None)
    return {
        "questions": n,
        "accuracy": right / n if n else None,
        "wrong": (n - right - abstained) / n if n else None,
        "abstained": abstained / n if n else None,
    }


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    i = (len(s) - 1) * p / 100
    lo, hi = math.floor(i), math.ceil(i)
    return s[lo] + (s[hi] - s[lo]) * (i - lo)


def mean(values: list[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None
