"""Hybrid retrieval: BM25 and dense candidates fused, with a boost for chunks that mention a
document the question names, metadata filters and a per-document cap."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from assistant.query import Query, analyze, query_text
from assistant.retrieval.bm25 import bm25_scores, bm25_search, top_scores
from assistant.retrieval.config import Mode, RetrievalConfig
from assistant.retrieval.dense import QueryVectors, dense_search
from assistant.retrieval.fusion import fuse
from assistant.retrieval.library import Filters, Library
from ingest.embedders import Embedder
from ingest.model import Hit
from ingest.settings import Settings
from ingest.store import Index


@dataclass
class Retrieved:
    query: Query
    hits: list[Hit]
    timings_ms: dict = field(default_factory=dict)


class Retriever:
    """Cheap to construct; the index, embedder and chunk table load on first use."""

    def __init__(
        self, settings: Settings | None = None, config: RetrievalConfig | None = None, index: Index | None = None
    ) -> None:
        self.settings = settings or Settings()
        self.config = config or RetrievalConfig()
        self.library = Library(self.settings, index)
        self.vectors = QueryVectors(self.settings, lambda: self.library.index)

    @property
    def index(self) -> Index:
        return self.library.index

    @property
    def embedder(self) -> Embedder:
        return self.vectors.embedder

    def refresh(self) -> None:
        """Reload the chunk table when an ingest changed the index."""
        self.library.refresh()

    def embed_query(self, text: str) -> np.ndarray:
        return self.vectors.embed(text)

    def warm(self) -> None:
        """Load everything a first question would otherwise wait for (index, BM25, models)."""
        from ingest.textnorm import words

        self.refresh()
        self.index.bm25("tokens")
        self.index.bm25("syllables")
        self.embed_query("chi bộ")
        words("khởi động")

    def _older_versions(self, q: Query, filters: Filters | None) -> set[str]:
        """Older versions of documents held twice, left out of the results unless the question asks
        for one (names its year, or a filter picks it): answers cite the newest version."""
        lib = self.library
        older = lib.superseded()
        if not older:
            return set()
        docs = lib.documents()
        picked = set(filters.doc_ids or []) if filters else set()
        out = set()
        for doc_id in older:
            year = str(docs[doc_id].date or "")[:4]
            if doc_id in picked or (year.isdigit() and year in q.raw):
                continue
            out.add(doc_id)
        return out

    def run(
        self,
        question: str | Query,
        top_k: int = 10,
        filters: Filters | None = None,
        config: RetrievalConfig | None = None,
    ) -> Retrieved:
        """Top-k chunks for a question; `config` overrides the retriever's defaults."""
        with self.index.pinned():  # the index's generation read once (Rows.pinned)
            return self._run(question, top_k, filters, config)

    def _run(self, question, top_k: int, filters: Filters | None, config: RetrievalConfig | None) -> Retrieved:
        cfg = config or self.config
        lib = self.library
        t0 = time.perf_counter()
        lib.refresh()
        # The query embedding (C code, GIL released) starts first and runs while this thread
        # segments the question and scores BM25: it is most of a question's cost.
        text = question.text if isinstance(question, Query) else query_text(question)
        vector = self.vectors.start(text) if cfg.mode in (Mode.HYBRID, Mode.DENSE) else None
        # the library's own words segment a question typed without diacritics
        q = question if isinstance(question, Query) else analyze(question, lib.vocabulary)
        scope = self._scope(q, filters)
        timings = {"analyze": (time.perf_counter() - t0) * 1000}
        n = max(cfg.candidates, top_k)
        bm25 = dense = []
        if cfg.mode in (Mode.HYBRID, Mode.BM25):
            t = time.perf_counter()
            bm25 = bm25_search(self.index, _field(cfg), _tokens(q, cfg), n, scope.allowed, scope.chunks)
            timings["bm25"] = (time.perf_counter() - t) * 1000
        if cfg.mode in (Mode.HYBRID, Mode.DENSE):
            t = time.perf_counter()
            dense = dense_search(self.index, vector(), n, scope.allowed, scope.chunks)
            timings["dense"] = (time.perf_counter() - t) * 1000
        hits = self._hits(scope, bm25, dense, cfg, top_k)
        # The answer's evidence gate weighs the top passages' similarity to the question: a
        # passage BM25 found outside the dense candidates (typical of a question typed without
        # diacritics in a large library) gets its similarity computed directly.
        missing = [h for h in hits[: self.settings.gates.evidence_top_n] if h.dense_score is None]
        if missing and cfg.mode == Mode.HYBRID:
            sims = self.index.similarities(self.embed_query(q.text), [h.chunk.id for h in missing])
            for h in missing:
                h.dense_score = sims.get(h.chunk.id)
        timings["retrieve"] = (time.perf_counter() - t0) * 1000
        return Retrieved(q, hits, timings)

    def keyword_runs(
        self,
        q: Query,
        extras: list[Query],
        top_k: list[int],
        filters: Filters | None = None,
        config: RetrievalConfig | None = None,
    ) -> list[list[Hit]]:
        """Keyword search alone for `q` with each of `extras` (`q.plus(extra)`), top `top_k[i]` hits
        each: the same hits as `run(q.plus(extra), mode=BM25)`, with the question's scores
        computed once (BM25 sums over a query's tokens) and the library read once."""
        cfg = (config or self.config).with_(mode=Mode.BM25)
        self.library.refresh()
        scope = self._scope(q, filters)
        # one BM25 snapshot for every scoring: an ingest may load a new one meanwhile
        retriever, ids = self.index.bm25(_field(cfg))
        if retriever is None:
            return [[] for _ in extras]
        base = bm25_scores(retriever, _tokens(q, cfg))
        out = []
        for extra, k in zip(extras, top_k):
            own = bm25_scores(retriever, _tokens(extra, cfg))
            scores = base if own is None else own if base is None else base + own
            ranked = top_scores(ids, scores, max(cfg.candidates, k), scope.allowed, scope.chunks)
            out.append(self._hits(scope, ranked, [], cfg, k))
        return out

    def _scope(self, q: Query, filters: Filters | None) -> _Scope:
        lib = self.library
        allowed = lib.allowed_docs(filters)
        # chunks that mention a document the question names, or hold a section it names
        mentioned = lib.chunks_mentioning(q.mention_keys, allowed) + lib.chunks_in_sections(q.sections, allowed)
        return _Scope(allowed, lib.chunk_map(), lib.documents(), self._older_versions(q, filters), mentioned)

    def _hits(self, scope: _Scope, bm25: list, dense: list, cfg: RetrievalConfig, top_k: int) -> list[Hit]:
        """The fused ranking as hits: older versions left out, at most `max_per_doc` per document."""
        fused = fuse(bm25, dense, scope.mentioned, cfg)
        hits: list[Hit] = []
        bm25_rank = {cid: r for r, (cid, _) in enumerate(bm25, 1)}
        bm25_score = dict(bm25)
        dense_rank = {cid: r for r, (cid, _) in enumerate(dense, 1)}
        dense_score = dict(dense)
        per_doc: dict[str, int] = {}
        for cid, score in fused:
            chunk = scope.chunks.get(cid)
            if chunk is None or chunk.doc_id in scope.older:
                continue
            if cfg.max_per_doc and per_doc.get(chunk.doc_id, 0) >= cfg.max_per_doc:
                continue
            per_doc[chunk.doc_id] = per_doc.get(chunk.doc_id, 0) + 1
            hits.append(
                Hit(
                    chunk,
                    score,
                    len(hits) + 1,
                    bm25_rank.get(cid),
                    dense_rank.get(cid),
                    dense_score.get(cid),
                    bm25_score.get(cid),
                    scope.docs.get(chunk.doc_id),
                )
            )
            if len(hits) >= top_k:
                break
        return hits


@dataclass
class _Scope:
    """What a search may return and boost: allowed documents (None: all), the chunk and document
    tables, older versions left out, chunks the question names by document or section."""

    allowed: set[str] | None
    chunks: dict
    docs: dict
    older: set[str]
    mentioned: list[str]


def _field(cfg: RetrievalConfig) -> str:
    return "syllables" if cfg.tokenizer == "syllables" else "tokens"


def _tokens(q: Query, cfg: RetrievalConfig) -> list[str]:
    return q.syllable_tokens if cfg.tokenizer == "syllables" else q.tokens
