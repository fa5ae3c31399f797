"""Hybrid retrieval: BM25 (bm25s) and dense (Chroma) candidates fused, with a boost for
chunks that mention a document the question names, metadata filters and a per-document cap.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache

import numpy as np

from assistant.query import Query, analyze, query_text
from ingest import textnorm
from ingest.config import DEFAULT_EMBEDDER, Settings
from ingest.embedders import Embedder, VectorCache, get_embedder
from ingest.errors import EmbedderMismatchError
from ingest.store import ChunkRow, Index


class _Choice(StrEnum):
    """A setting parsed from a string; a bad value lists the valid ones (haystack's JoinMode)."""

    @classmethod
    def from_str(cls, value: str):
        try:
            return cls(value)
        except ValueError:
            what = cls.__name__.lower()
            raise ValueError(f"Unknown {what} '{value}'. Supported {what}s: {[m.value for m in cls]}") from None


class Mode(_Choice):
    HYBRID = "hybrid"
    BM25 = "bm25"
    DENSE = "dense"


class Fusion(_Choice):
    RRF = "rrf"
    MINMAX = "minmax"


@dataclass(frozen=True)
class RetrievalConfig:
    # Defaults chosen by `chibo eval --configs` on the dev set, on the seed corpus and with the
    # 995 distractor articles (README, Evaluation): syllable+pair BM25 beats word BM25; RRF with
    # k=20 and a lighter dense list held up best as the library grew (min-max fusion won on the
    # seeds alone, 0.976, but fell to 0.849 with distractors).
    mode: Mode = Mode.HYBRID
    tokenizer: str = "syllables"  # syllables (syllables + adjacent pairs) | words (underthesea)
    fusion: Fusion = Fusion.RRF
    rrf_k: int = 20
    bm25_weight: float = 1.0
    dense_weight: float = 0.7
    mention_weight: float = 1.0  # weight of the "mentions the named document" list
    candidates: int = 50  # per retriever, before fusion
    max_per_doc: int | None = None  # cap of chunks per document in the results

    def with_(self, **kw) -> RetrievalConfig:
        return replace(self, **{k: v for k, v in kw.items() if v is not None})


@dataclass
class Hit:
    chunk: ChunkRow
    score: float
    rank: int = 0
    bm25_rank: int | None = None
    dense_rank: int | None = None
    dense_score: float | None = None
    bm25_score: float | None = None

    @property
    def id(self) -> str:
        return self.chunk.id


@dataclass
class Retrieved:
    query: Query
    hits: list[Hit]
    timings_ms: dict = field(default_factory=dict)


@dataclass
class Filters:
    doc_ids: list[str] | None = None
    kinds: list[str] | None = None
    date_from: str | None = None  # ISO, inclusive
    date_to: str | None = None

    def empty(self) -> bool:
        return not (self.doc_ids or self.kinds or self.date_from or self.date_to)


class Retriever:
    """Cheap to construct; the index, embedder and chunk table load on first use."""

    def __init__(
        self, settings: Settings | None = None, config: RetrievalConfig | None = None, index: Index | None = None
    ) -> None:
        self.settings = settings or Settings()
        self.config = config or RetrievalConfig()
        self._index = index
        self._embedder: Embedder | None = None
        self._chunks: dict[str, ChunkRow] = {}
        self._docs: dict = {}
        self._generation: str | None = None
        self._qcache: VectorCache | None = None
        self._df: Counter = Counter()
        self._n = 1
        self._token_sets: dict[str, frozenset[str]] = {}
        self._floor: tuple[str | None, float] | None = None
        self._domain_gate = None  # assistant.domain.gate_for keeps it here
        self._recent: dict[str, np.ndarray] = {}  # the same question is embedded once per process
        self._lock = threading.RLock()
        self.persist_queries = True  # keep query vectors in the SQLite cache (benchmarks turn it off)

    # ---- state ---------------------------------------------------------------------------
    @property
    def index(self) -> Index:
        if self._index is None:
            self._index = Index.open(self.settings.index, None, chroma_url=self.settings.chroma_url)
        return self._index

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            built = self.index.embedder_id or self.settings.embedder
            # The index's own embedder answers queries; asking explicitly for another one (not
            # merely the default setting) is the mismatch error.
            if self.settings.embedder not in (built, DEFAULT_EMBEDDER):
                raise EmbedderMismatchError(self.settings.index, built, self.settings.embedder)
            self._embedder = get_embedder(built)
            self._qcache = VectorCache(self.settings.cache_dir / "vectors.db")
        return self._embedder

    def _loaded(self) -> None:
        # Lookups that follow a `run` use the tables it checked: the index's generation is read
        # once a question, not once per lookup.
        if self._generation is None:
            self.refresh()

    def refresh(self) -> None:
        """Reload the chunk table when an ingest changed the index."""
        gen = self.index.generation
        if gen == self._generation:
            return
        with self._lock:
            if gen == self._generation:
                return
            self._chunks = {c.id: c for c in self.index.chunks()}
            self._docs = {d.doc_id: d for d in self.index.documents()}
            # Document frequency of folded words, for the IDF weights of evidence coverage.
            df: Counter = Counter()
            for (tokens,) in self.index.db.execute("SELECT tokens FROM chunks"):
                df.update({textnorm.fold(t) for t in (tokens or "").split()})
            self._df, self._n = df, max(len(self._chunks), 1)
            self._token_sets = {}
            self._generation = gen

    # Questions no party-cell library answers. Their best dense similarity against this
    # library is the "noise floor": a bigger library raises every top score, so refusal
    # compares a question's top score with this floor instead of a fixed number.
    NULL_PROBES = (
        "Thời tiết Hà Nội ngày mai có mưa không?",
        "Kết quả trận bóng đá tối qua thế nào?",
        "Công thức làm bánh bông lan mềm xốp",
        "Giá cổ phiếu ngân hàng hôm nay tăng hay giảm?",
        "Bài hát nào đang nổi tiếng nhất năm nay?",
        "Cách chữa đau đầu và mất ngủ tại nhà",
        "Mua điện thoại thông minh loại nào tốt?",
        "Lịch chiếu phim cuối tuần này",
    )

    def dense_floor(self) -> float:
        """Mean top dense similarity of off-topic probe questions, once per index generation."""
        self._loaded()
        if self._floor is None or self._floor[0] != self._generation:
            tops = []
            for probe in self.NULL_PROBES:
                hits = self.index.dense_search(self.embed_query(analyze(probe).text), 1)
                if hits:
                    tops.append(hits[0][1])
            self._floor = (self._generation, sum(tops) / len(tops) if tops else 0.0)
        return self._floor[1]

    def token_set(self, chunk_id: str) -> frozenset[str]:
        """The words BM25 indexed for a chunk (segmented, with folded forms and title context)."""
        cached = self._token_sets.get(chunk_id)
        if cached is None:
            row = self.index.db.execute("SELECT tokens FROM chunks WHERE id=?", (chunk_id,)).fetchone()
            cached = frozenset((row[0] or "").split()) if row else frozenset()
            if len(self._token_sets) > 5000:
                self._token_sets.clear()
            self._token_sets[chunk_id] = cached
        return cached

    def idf(self, terms: list[str]) -> dict[str, float]:
        """Smoothed IDF of folded terms over the index's chunks; unseen terms weigh most."""
        self._loaded()
        return {t: math.log(1 + (self._n - self._df.get(t, 0) + 0.5) / (self._df.get(t, 0) + 0.5)) for t in terms}

    def chunk(self, chunk_id: str) -> ChunkRow | None:
        self._loaded()
        return self._chunks.get(chunk_id)

    def document(self, doc_id: str):
        self._loaded()
        return self._docs.get(doc_id)

    def warm(self) -> None:
        """Load everything a first question would otherwise wait for."""
        self.refresh()
        self.index.bm25("tokens")
        self.index.bm25("syllables")
        from assistant.domain import gate_for

        # The domain gate's description vectors, else the first off-topic question embeds them.
        gate_for(self).margin(self.embed_query("chi bộ"))
        self.dense_floor()
        from ingest.textnorm import words

        words("khởi động")

    def embed_query(self, text: str) -> np.ndarray:
        """The query vector: from memory, else the vector cache, else the embedder (once)."""
        return self._start_query(text)()

    def _start_query(self, text: str) -> Callable[[], np.ndarray]:
        """Start embedding a question on the embedder's thread; call the result for the vector
        (from memory or the query cache at once when known)."""
        vec = self._recent.get(text)
        if vec is not None:
            return lambda: vec
        embedder = self.embedder
        key = VectorCache.key(text)
        qcache = self._qcache if self.persist_queries else None
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

    def _remember(self, text: str, vec: np.ndarray) -> None:
        with self._lock:  # questions arrive on several threads at once in the app
            if len(self._recent) >= 512:
                self._recent.pop(next(iter(self._recent)), None)
            self._recent[text] = vec

    # ---- retrieval -----------------------------------------------------------------------
    def _allowed_docs(self, filters: Filters | None) -> set[str] | None:
        if not filters or filters.empty():
            return None
        allowed = set()
        for doc_id, d in self._docs.items():
            if filters.doc_ids and doc_id not in filters.doc_ids:
                continue
            if filters.kinds and d.kind not in filters.kinds:
                continue
            date = d.date or d.meta.get("event_date")
            if (filters.date_from or filters.date_to) and not date:
                continue
            if filters.date_from and str(date) < filters.date_from:
                continue
            if filters.date_to and str(date)[: len(filters.date_to)] > filters.date_to:
                continue
            allowed.add(doc_id)
        return allowed

    def _bm25(self, q: Query, k: int, allowed: set[str] | None) -> list[tuple[str, float]]:
        field_name = "syllables" if self.config.tokenizer == "syllables" else "tokens"
        retriever, ids = self.index.bm25(field_name)
        if retriever is None:
            return []
        tokens = q.syllable_tokens if field_name == "syllables" else q.tokens
        known = [t for t in tokens if t in retriever.vocab_dict]
        if not known:  # bm25s fails on an empty query; nothing to score anyway
            return []
        scores = retriever.get_scores(known)
        if allowed is not None:
            mask = np.array([self._chunks[i].doc_id in allowed if i in self._chunks else False for i in ids])
            scores = np.where(mask, scores, 0.0)
        k = min(k, len(ids))
        top = np.argpartition(-scores, k - 1)[:k] if k < len(ids) else np.arange(len(ids))
        top = top[np.argsort(-scores[top])]
        return [(ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def _dense(self, q: Query, k: int, allowed: set[str] | None, vec=None) -> list[tuple[str, float]]:
        vec = self.embed_query(q.text) if vec is None else vec
        where = {"doc_id": {"$in": sorted(allowed)}} if allowed is not None else None
        if allowed is not None and not allowed:
            return []
        return [(cid, s) for cid, s in self.index.dense_search(vec, k, where) if cid in self._chunks]

    def _mentions(self, q: Query, allowed: set[str] | None) -> list[str]:
        keys = q.mention_keys
        if not keys:
            return []
        out = [
            c.id
            for c in self._chunks.values()
            if keys & set(c.doc_numbers) and (allowed is None or c.doc_id in allowed)
        ]
        return out

    def run(
        self,
        question: str | Query,
        top_k: int = 10,
        filters: Filters | None = None,
        config: RetrievalConfig | None = None,
    ) -> Retrieved:
        """Top-k chunks for a question; `config` overrides the retriever's defaults."""
        cfg = config or self.config
        t0 = time.perf_counter()
        self.refresh()
        # The query embedding (C code, GIL released) starts first and runs while this thread
        # segments the question and scores BM25: it is most of a question's cost.
        text = question.text if isinstance(question, Query) else query_text(question)
        vector = self._start_query(text) if cfg.mode in (Mode.HYBRID, Mode.DENSE) else None
        # the library's own words segment a question typed without diacritics
        q = question if isinstance(question, Query) else analyze(question, self._df)
        allowed = self._allowed_docs(filters)
        timings = {"analyze": (time.perf_counter() - t0) * 1000}
        n = max(cfg.candidates, top_k)
        bm25 = dense = []
        if cfg.mode in (Mode.HYBRID, Mode.BM25):
            t = time.perf_counter()
            bm25 = self._bm25(q, n, allowed)
            timings["bm25"] = (time.perf_counter() - t) * 1000
        if cfg.mode in (Mode.HYBRID, Mode.DENSE):
            t = time.perf_counter()
            dense = self._dense(q, n, allowed, vector() if vector else None)
            timings["dense"] = (time.perf_counter() - t) * 1000
        mentioned = self._mentions(q, allowed)
        fused = fuse(bm25, dense, mentioned, cfg)
        hits = []
        bm25_rank = {cid: r for r, (cid, _) in enumerate(bm25, 1)}
        bm25_score = dict(bm25)
        dense_rank = {cid: r for r, (cid, _) in enumerate(dense, 1)}
        dense_score = dict(dense)
        per_doc: dict[str, int] = {}
        for cid, score in fused:
            chunk = self._chunks.get(cid)
            if chunk is None:
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
                )
            )
            if len(hits) >= top_k:
                break
        # The answer's evidence gate weighs the top passages' similarity to the question: a
        # passage BM25 found outside the dense candidates (typical of a question typed without
        # diacritics in a large library) gets its similarity computed directly.
        missing = [h for h in hits[:3] if h.dense_score is None]
        if missing and cfg.mode == Mode.HYBRID:
            sims = self.index.similarities(self.embed_query(q.text), [h.chunk.id for h in missing])
            for h in missing:
                h.dense_score = sims.get(h.chunk.id)
        timings["retrieve"] = (time.perf_counter() - t0) * 1000
        return Retrieved(q, hits, timings)


def fuse(
    bm25: list[tuple[str, float]], dense: list[tuple[str, float]], mentioned: list[str], cfg: RetrievalConfig
) -> list[tuple[str, float]]:
    """Combine ranked lists: reciprocal-rank fusion or weighted min-max score fusion."""
    scores: dict[str, float] = {}
    if cfg.fusion == Fusion.RRF or cfg.mode != Mode.HYBRID:
        for weight, ranked in ((cfg.bm25_weight, [c for c, _ in bm25]), (cfg.dense_weight, [c for c, _ in dense])):
            for r, cid in enumerate(ranked, 1):
                scores[cid] = scores.get(cid, 0.0) + weight / (cfg.rrf_k + r)
        bonus = cfg.mention_weight / (cfg.rrf_k + 1)
    else:
        for weight, ranked in ((cfg.bm25_weight, bm25), (cfg.dense_weight, dense)):
            if not ranked:
                continue
            hi, lo = ranked[0][1], ranked[-1][1]
            span = (hi - lo) or 1.0
            for cid, s in ranked:
                scores[cid] = scores.get(cid, 0.0) + weight * (s - lo) / span
        bonus = cfg.mention_weight * 0.5
    for cid in mentioned:
        if cid in scores or cfg.mode == Mode.HYBRID:
            scores[cid] = scores.get(cid, 0.0) + bonus
    return sorted(scores.items(), key=lambda kv: -kv[1])


# ---- evidence measures used by the answerer and its refusal rule ------------------------
def term_in(term: str, folded_text: str) -> bool:
    """Whether a folded term ("sinh_hoat") occurs in folded text as whole syllables."""
    return _term_pattern(term).search(folded_text) is not None


@lru_cache(maxsize=16384)
def _term_pattern(term: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(term.replace('_', ' '))}(?!\w)")
