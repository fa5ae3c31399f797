"""BM25 search over the index's stored tokens (bm25s), syllables or underthesea words."""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict

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
    add up over tokens: the scores of two token lists summed are those of the lists joined.

    The same numbers as bm25s's `get_scores` (float32 sums in the query's token order, bit for
    bit: tests/assistant/retrieval/test_bm25.py), from each token's column of scores over the
    chunks, kept for the next question: the library's common words ("đảng viên", "chi bộ") are
    in most questions and in every option of a multiple-choice one. bm25s adds every posting
    with `np.add.at`; at 20,000 chunks that took 0.35 ms a question alone and about four times
    that beside the query embedding; the columns take 0.14 ms cold and 0.09 ms warm."""
    known = [t for t in tokens if t in retriever.vocab_dict]
    if not known:  # bm25s fails on an empty query; nothing to score anyway
        return None
    columns = _columns(retriever)
    ids = retriever.get_tokens_ids(known)
    scores = np.zeros(columns.n, dtype=columns.dtype)
    for tid in ids:
        scores += columns.get(int(tid))
    return scores


COLUMN_CACHE_BYTES = 16_000_000  # per BM25 snapshot: 200 columns at 20,000 chunks, 2,000 at 2,000


class _Columns:
    """Each token's scores over the chunks of one BM25 snapshot, the most recent kept."""

    def __init__(self, retriever) -> None:
        self.data = retriever.scores["data"]
        self.indices = retriever.scores["indices"]
        self.indptr = retriever.scores["indptr"]
        self.n = int(retriever.scores["num_docs"])
        self.dtype = self.data.dtype
        self.limit = max(16, COLUMN_CACHE_BYTES // max(1, self.n * self.dtype.itemsize))
        self._kept: OrderedDict[int, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, tid: int) -> np.ndarray:
        with self._lock:
            column = self._kept.get(tid)
            if column is not None:
                self._kept.move_to_end(tid)
                return column
        column = np.zeros(self.n, dtype=self.dtype)
        a, b = self.indptr[tid], self.indptr[tid + 1]
        column[self.indices[a:b]] = self.data[a:b]  # a token's postings name each chunk once
        with self._lock:
            self._kept[tid] = column
            while len(self._kept) > self.limit:
                self._kept.popitem(last=False)
        return column


_SNAPSHOTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_SNAPSHOTS_LOCK = threading.Lock()


def _columns(retriever) -> _Columns:
    with _SNAPSHOTS_LOCK:
        columns = _SNAPSHOTS.get(retriever)
        if columns is None:
            columns = _SNAPSHOTS[retriever] = _Columns(retriever)
        return columns


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
