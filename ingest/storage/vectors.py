"""Chroma, the index's vectors: one per chunk id, in an embedded store under the index folder
(`chroma/`) or on a `chroma run` server (`chroma_url`), where the collection is named after the
index's path so one server holds many indexes. chromadb is imported on first use."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np

from ingest.errors import ChiboError, EmbedderMismatchError


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
        shutil.rmtree(self.path / "chroma", ignore_errors=True)

    # ---- writes -------------------------------------------------------------------------------
    def upsert(self, ids: list[str], vectors: np.ndarray, doc_ids: list[str]) -> None:
        for i in range(0, len(ids), 1000):
            self.collection.upsert(
                ids=ids[i : i + 1000],
                embeddings=vectors[i : i + 1000].tolist(),
                metadatas=[{"doc_id": d} for d in doc_ids[i : i + 1000]],
            )

    def delete(self, ids: list[str]) -> None:
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
        res = self.collection.query(
            query_embeddings=[np.asarray(vector, np.float32).tolist()],
            n_results=min(k, total),
            where=where,
            include=["distances"],
        )
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0])]
