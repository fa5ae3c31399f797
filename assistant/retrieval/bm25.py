"""BM25 search over the index's stored tokens (bm25s), syllables or underthesea words."""

from __future__ import annotations

import numpy as np

from ingest.store import Index


def bm25_search(
    index: Index, field_name: str, tokens: list[str], k: int, allowed: set[str] | None, doc_of: dict
) -> list[tuple[str, float]]:
    """Top-k (chunk id, score); `doc_of` maps chunk ids to their chunks (for document filters)."""
    retriever, ids = index.bm25(field_name)  # one snapshot: an ingest may load a new one meanwhile
    if retriever is None:
        return []
    return top_scores(ids, bm25_scores(retriever, tokens), k, allowed, doc_of)


def bm25_scores(retriever, tokens: list[str]) -> np.ndarray | None:
    """Every chunk's BM25 score for the tokens (None when the index knows none of them). Scores
    add up over tokens: the scores of two token lists summed are those of the lists joined."""
    known = [t for t in tokens if t in retriever.vocab_dict]
    if not known:  # bm25s fails on an empty query; nothing to score anyway
        return None
    return retriever.get_scores(known)


def top_scores(
    ids: list[str], scores: np.ndarray | None, k: int, allowed: set[str] | None, doc_of: dict
) -> list[tuple[str, float]]:
    """The top-k (chunk id, score) of a score vector over `ids` (the same BM25 snapshot's),
    within the allowed documents."""
    if scores is None:
        return []
    if allowed is not None:
        mask = np.array([doc_of[i].doc_id in allowed if i in doc_of else False for i in ids])
        scores = np.where(mask, scores, 0.0)
    k = min(k, len(ids))
    top = np.argpartition(-scores, k - 1)[:k] if k < len(ids) else np.arange(len(ids))
    top = top[np.argsort(-scores[top])]
    return [(ids[i], float(scores[i])) for i in top if scores[i] > 0]
