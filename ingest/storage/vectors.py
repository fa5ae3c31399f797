"""Chroma, the index's vectors: one per chunk id, in an embedded store under the index folder
(`chroma/`) or on a `chroma run` server (`chroma_url`), where the collection is named after the
index's path so one server holds many indexes. chromadb is imported on first use.

Searching an embedded store of up to `EXACT_MAX` vectors reads them once per index generation
into one matrix and ranks them all exactly (`ExactVectors`): at 2k chunks a search costs 0.09 ms
against Chroma's 1.0 ms (HNSW, approximate), at 20k 1.2 ms against 1.6 ms, for 1.5 KB of memory
per vector (30 MB at 20k). A Chroma server (scale-out) is searched through Chroma."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np

from ingest.errors import ChiboError, EmbedderMismatchError

# Above this many vectors an embedded store is searched through Chroma's HNSW index.
EXACT_MAX = 50_000


def chroma_client(persist_dir: Path, url: str | None):
    """A Chroma client: an HTTP one for a server `url`, else an embedded one in `persist_dir`."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if url:
        from urllib.parse import urlparse

        u = urlparse(url if "://" in url else f"http://{url}")
        return chromadb.HttpClient(
            host=u.hostname or "127.0.0.1", port=u.port or 8000, ssl=u.scheme == "https", settings=settings
        )
    persist_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(persist_dir), settings=settings)


class Vectors:
    """The vector collection of the index at `path`; `meta(key)` reads the index's meta table
    (the embedder and dimension the collection is made with, the generation its count follows).
    Cheap until the collection is first touched."""

    def __init__(self, path: Path, url: str | None, meta: Callable[[str], str | None]) -> None:
        self.path = Path(path)
        self.url = url
        self._meta = meta
        self._collection = None
        self._count: tuple[str, int] | None = None
        self._exact: ExactVectors | None = None
        self._unreadable: str | None = None  # the generation whose vectors could not be read

    @property
    def name(self) -> str:
        if not self.url:
            return "chunks"
        # One server holds many indexes: name the collection after this index's path.
        import hashlib

        return "chibo-" + hashlib.sha1(str(self.path.resolve()).encode()).hexdigest()[:16]

    def _client(self):
        return chroma_client(self.path / "chroma", self.url)

    def _exists(self) -> bool:
        try:
            self._client().get_collection(self.name)
            return True
        except Exception:
            return False

    @property
    def collection(self):
        if self._collection is None:
            meta = {"embedder": self._meta("embedder") or "", "dim": int(self._meta("dim") or 0)}
            try:
                self._collection = self._client().get_or_create_collection(
                    self.name,
                    embedding_function=None,
                    configuration={"hnsw": {"space": "cosine"}},
                    metadata=meta,
                )
            except Exception as exc:
                where = self.url or (self.path / "chroma")
                raise ChiboError(f"Không mở được kho vector tại {where}: {exc}") from exc
            built = (self._collection.metadata or {}).get("embedder")
            if built and meta["embedder"] and built != meta["embedder"]:
                raise EmbedderMismatchError(self.path, built, meta["embedder"])
        return self._collection

    def wipe(self) -> None:
        """Drop every vector: the server's collection, the embedded store's folder."""
        if self.url and self._exists():
            self._client().delete_collection(self.name)
        self._collection = None
        self._exact = None
        shutil.rmtree(self.path / "chroma", ignore_errors=True)

    # ---- writes -------------------------------------------------------------------------------
    def upsert(self, ids: list[str], vectors: np.ndarray, doc_ids: list[str]) -> None:
        self._exact = None
        for i in range(0, len(ids), 1000):
            self.collection.upsert(
                ids=ids[i : i + 1000],
                embeddings=vectors[i : i + 1000].tolist(),
                metadatas=[{"doc_id": d} for d in doc_ids[i : i + 1000]],
            )

    def delete(self, ids: list[str]) -> None:
        self._exact = None
        for i in range(0, len(ids), 1000):
            if ids[i : i + 1000]:
                self.collection.delete(ids=ids[i : i + 1000])

    # ---- reads --------------------------------------------------------------------------------
    def ids(self) -> set[str]:
        out: set[str] = set()
        total = self.collection.count()
        for offset in range(0, total, 5000):
            out.update(self.collection.get(include=[], limit=5000, offset=offset)["ids"])
        return out

    def similarities(self, vector: np.ndarray, ids: list[str]) -> dict[str, float]:
        """Cosine similarity of `vector` with the stored vectors of some chunks."""
        if not ids:
            return {}
        exact = self._exact_for_generation()
        if exact is not None:
            return exact.similarities(vector, ids)
        got = self.collection.get(ids=ids, include=["embeddings"])
        q = np.asarray(vector, np.float32)
        q = q / (np.linalg.norm(q) or 1.0)
        out = {}
        for cid, emb in zip(got["ids"], got["embeddings"]):
            v = np.asarray(emb, np.float32)
            out[cid] = float(v @ q / (np.linalg.norm(v) or 1.0))
        return out

    def _vector_count(self) -> int:
        """Vectors in the collection, counted once per index generation (a count costs ~2 ms
        at 20k chunks, as much as the search)."""
        gen = self._meta("generation") or "0"
        if self._count is None or self._count[0] != gen:
            self._count = (gen, self.collection.count())
        return self._count[1]

    def dense_search(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """Top-k chunk ids by cosine similarity (1 - distance)."""
        total = self._vector_count()
        if total == 0:
            return []
        docs = _doc_filter(where)
        exact = self._exact_for_generation(total) if docs is not False else None
        if exact is not None:
            return exact.search(vector, k, docs)
        res = self.collection.query(
            query_embeddings=[np.asarray(vector, np.float32).tolist()],
            n_results=min(k, total),
            where=where,
            include=["distances"],
        )
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0])]

    def _exact_for_generation(self, total: int | None = None) -> ExactVectors | None:
        """The vectors of this index generation in memory, read on first use; None for a server,
        a store larger than `EXACT_MAX`, or while they cannot be read: an ingest in another process
        writing the collection can make Chroma fail a whole read ("Error finding id") where its
        own query still answers, so this generation is then searched through Chroma and the read
        tried again with the next one."""
        if self.url:
            return None
        gen = self._meta("generation") or "0"
        if self._exact is not None and self._exact.generation == gen:
            return self._exact
        total = self._vector_count() if total is None else total
        if total > EXACT_MAX or self._unreadable == gen:
            return None
        try:
            self._exact = ExactVectors.read(self.collection, gen, total)
        except Exception:
            self._exact, self._unreadable = None, gen
            return None
        return self._exact


def _doc_filter(where: dict | None) -> list[str] | None | bool:
    """The documents a Chroma `where` keeps (`{"doc_id": d}` or `{"doc_id": {"$in": [...]}}`),
    None for all, False for a filter exact search does not read (Chroma applies it)."""
    if not where:
        return None
    if set(where) != {"doc_id"}:
        return False
    value = where["doc_id"]
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"$in"}:
        return list(value["$in"])
    return False


class ExactVectors:
    """Every vector of one index generation, unit length, in one matrix: cosine similarity is a
    product, the top k an exact partial sort. Ranks as Chroma's cosine space does (similarity =
    1 - distance), without HNSW's approximation."""

    def __init__(self, generation: str, ids: list[str], doc_ids: list[str], matrix: np.ndarray) -> None:
        self.generation = generation
        self.ids = ids
        self.row = {cid: i for i, cid in enumerate(ids)}
        self.doc_ids = np.asarray(doc_ids, dtype=object)
        norms = np.sqrt(np.einsum("ij,ij->i", matrix, matrix))[:, None]
        matrix /= np.where(norms == 0, 1.0, norms)  # in place: one copy of the vectors in memory
        self.matrix = matrix

    @classmethod
    def read(cls, collection, generation: str, total: int, page: int = 1000) -> ExactVectors:
        """Read page by page into one preallocated matrix (peak memory: the matrix and one page)."""
        ids: list[str] = []
        docs: list[str] = []
        matrix: np.ndarray | None = None
        for offset in range(0, total, page):
            got = collection.get(include=["embeddings", "metadatas"], limit=page, offset=offset)
            rows = np.asarray(got["embeddings"], np.float32).reshape(len(got["ids"]), -1)
            if matrix is None:
                matrix = np.empty((total, rows.shape[1]), np.float32)
            matrix[len(ids) : len(ids) + len(rows)] = rows
            ids += got["ids"]
            docs += [(m or {}).get("doc_id", "") for m in got["metadatas"]]
        matrix = matrix[: len(ids)] if matrix is not None else np.zeros((0, 0), np.float32)
        return cls(generation, ids, docs, matrix)

    @staticmethod
    def _unit(vector: np.ndarray) -> np.ndarray:
        q = np.asarray(vector, np.float32).ravel()
        return q / (np.linalg.norm(q) or 1.0)

    def search(self, vector: np.ndarray, k: int, doc_ids: list[str] | None = None) -> list[tuple[str, float]]:
        """Top-k (chunk id, cosine similarity), among the chunks of `doc_ids` when given."""
        if not self.ids or k <= 0:
            return []
        scores = _scores(self.matrix, self._unit(vector))
        rows = np.arange(len(self.ids))
        if doc_ids is not None:
            rows = np.flatnonzero(np.isin(self.doc_ids, list(doc_ids)))
            scores = scores[rows]
        k = min(k, len(rows))
        if k == 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k] if k < len(rows) else np.arange(len(rows))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[rows[i]], float(scores[i])) for i in top]

    def similarities(self, vector: np.ndarray, ids: list[str]) -> dict[str, float]:
        known = [cid for cid in ids if cid in self.row]
        scores = _scores(self.matrix[[self.row[cid] for cid in known]], self._unit(vector)) if known else []
        return {cid: float(s) for cid, s in zip(known, scores)}


def _scores(matrix: np.ndarray, unit: np.ndarray) -> np.ndarray:
    """Each row's product with `unit`, on this thread: `matrix @ unit` would wake OpenBLAS's
    thread pool, whose threads keep spinning after it and slowed the next query embedding (the
    embedder's OpenMP threads use both cores) from 11.4 to 27 ms at p50 on 2k chunks. The
    single-threaded product costs 0.09 ms at 2k chunks, 1.2 ms at 20k."""
    return np.einsum("ij,j->i", matrix, unit)
