"""Dense search: question vectors (from memory, the vector cache or the embedder) and Chroma."""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np

from ingest.embedders import Embedder, VectorCache, get_embedder
from ingest.errors import EmbedderMismatchError
from ingest.settings import DEFAULT_EMBEDDER, Settings
from ingest.store import Index


class QueryVectors:
    """Embeds questions with the index's own embedder, each text once per process."""

    def __init__(self, settings: Settings, index: Callable[[], Index]) -> None:
        self.settings = settings
        self._index = index
        self._embedder: Embedder | None = None
        self._qcache: VectorCache | None = None
        self._recent: dict[str, np.ndarray] = {}  # the same question is embedded once per process
        self._lock = threading.Lock()
        self.persist = True  # keep query vectors in the SQLite cache (benchmarks turn it off)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            built = self._index().embedder_id or self.settings.embedder
            # The index's own embedder answers queries; asking explicitly for another one (not
            # merely the default setting) is the mismatch error.
            if self.settings.embedder not in (built, DEFAULT_EMBEDDER):
                raise EmbedderMismatchError(self.settings.index, built, self.settings.embedder)
            self._embedder = get_embedder(built)
            self._qcache = VectorCache(self.settings.cache_dir / "vectors.db")
        return self._embedder

    def embed(self, text: str) -> np.ndarray:
        """The query vector: from memory, else the vector cache, else the embedder (once)."""
        return self.start(text)()

    def start(self, text: str) -> Callable[[], np.ndarray]:
        """Start embedding a question on the embedder's thread; call the result for the vector
        (from memory or the query cache at once when known)."""
        vec = self._recent.get(text)
        if vec is not None:
            return lambda: vec
        embedder = self.embedder
        key = VectorCache.key(text)
        qcache = self._qcache if self.persist else None
        hit = qcache.get_many(embedder.id, "query", [key]) if qcache else {}
        if key in hit:
            return lambda: hit[key]
        future = embedder.submit_query(text)

        def result() -> np.ndarray:
            vec = future.result()
            if qcache:
                qcache.put_many(embedder.id, "query", {key: vec})
            self._remember(text, vec)
            return vec

        return result

    def forget(self) -> None:
        """Drop the vectors kept in memory (benchmarks: every question embedded as new)."""
        with self._lock:
            self._recent.clear()

    def _remember(self, text: str, vec: np.ndarray) -> None:
        with self._lock:  # questions arrive on several threads at once in the app
            if len(self._recent) >= 512:
                self._recent.pop(next(iter(self._recent)), None)
            self._recent[text] = vec


def dense_search(
    index: Index, vector: np.ndarray, k: int, allowed: set[str] | None, known: dict
) -> list[tuple[str, float]]:
    """Top-k (chunk id, cosine similarity) among the allowed documents' chunks SQLite knows."""
    if allowed is not None and not allowed:
        return []
    where = {"doc_id": {"$in": sorted(allowed)}} if allowed is not None else None
    return [(cid, s) for cid, s in index.dense_search(vector, k, where) if cid in known]
