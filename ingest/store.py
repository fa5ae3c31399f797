"""The index: a SQLite table of documents and chunks, Chroma vectors and a BM25 index.

SQLite is the source of truth. Chroma holds one vector per chunk id and BM25 is rebuilt
from the tokens stored in SQLite, so a crash between steps leaves extra vectors or a stale
BM25 file, which the next open detects (generation stamp) and the next ingest cleans up.

`Index` is the one door to them; each store lives in a module of its own role under
`ingest/storage/` (`rows`: SQLite, `vectors`: Chroma, `keywords`: BM25).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np

from ingest.errors import ChiboError, EmbedderMismatchError, NoIndexError
from ingest.model import Chunk, Document
from ingest.storage.keywords import Keywords
from ingest.storage.rows import SCHEMA_VERSION, Rows
from ingest.storage.vectors import Vectors

# Names other modules have imported from here over time.
__all__ = ["SCHEMA_VERSION", "ChiboError", "Chunk", "Document", "EmbedderMismatchError", "Index", "NoIndexError"]


class Index:
    """Open with `Index.from_settings(settings)` (or `Index.open(dir, embedder_id)` for a bare
    folder); cheap until a store is first touched. SQLite holds documents and chunks (the truth),
    Chroma the vectors (embedded or a `chroma run` server), BM25 the keyword index; nothing outside
    `ingest.storage.rows` writes SQL against it."""

    def __init__(self, path: Path, chroma_url: str | None = None) -> None:
        self.path = Path(path)
        self.chroma_url = chroma_url
        self._rows = Rows(self.path)
        self._vectors = Vectors(self.path, chroma_url, self._rows.get_meta)
        self._keywords = Keywords(self.path / "bm25", self._rows.token_rows, lambda: self._rows.generation)

    # ---- lifecycle ----------------------------------------------------------------
    @classmethod
    def open(
        cls, path: Path, embedder_id: str | None = None, create: bool = False, chroma_url: str | None = None
    ) -> Index:
        path = Path(path)
        if not create and not (path / "index.db").exists():
            raise NoIndexError(path)
        index = cls(path, chroma_url)
        built = index.get_meta("embedder")
        if embedder_id and built and built != embedder_id:
            raise EmbedderMismatchError(path, built, embedder_id)
        return index

    @classmethod
    def from_settings(cls, settings, create: bool = False, check_embedder: bool = False) -> Index:
        """The index `settings` name, with its Chroma server when one is configured: the one way
        the app, the commands and the evaluations open it."""
        embedder = settings.embedder if check_embedder else None
        return cls.open(settings.index, embedder, create=create, chroma_url=settings.chroma_url)

    @property
    def db(self) -> sqlite3.Connection:
        return self._rows.db

    def close(self) -> None:
        self._rows.close()

    def get_meta(self, key: str) -> str | None:
        return self._rows.get_meta(key)

    def set_meta(self, key: str, value: str) -> None:
        self._rows.set_meta(key, value)

    @property
    def embedder_id(self) -> str | None:
        return self.get_meta("embedder")

    def bind_embedder(self, embedder_id: str, dim: int) -> None:
        """Record which embedder built the index; refuse to mix two."""
        self._rows.bind_embedder(embedder_id, dim)

    @property
    def generation(self) -> str:
        return self._rows.generation

    def pinned(self):
        """`with index.pinned():` the generation is read once inside (`Rows.pinned`)."""
        return self._rows.pinned()

    def wipe(self) -> None:
        """Delete everything (for --rebuild)."""
        self._rows.close()
        self._vectors.wipe()
        self._keywords.wipe()
        self._rows.delete_files()

    # ---- reads the answer path and benchmarks need (no SQL outside ingest.storage.rows) ----------
    def all_tokens(self):
        """The BM25 words of every chunk, one string per chunk."""
        return self._rows.all_tokens()

    def tokens_of(self, chunk_id: str) -> str | None:
        return self._rows.tokens_of(chunk_id)

    def chunk_texts(self) -> list[str]:
        """Every chunk's text, in id order (benchmarks embed and index them)."""
        return self._rows.chunk_texts()

    def chunkers(self) -> dict[str, str]:
        """Path → the chunker version each document was cut with."""
        return self._rows.chunkers()

    def clear_error(self, path: str) -> None:
        self._rows.clear_error(path)

    # ---- chroma ---------------------------------------------------------------------
    @property
    def collection_name(self) -> str:
        return self._vectors.name

    @property
    def collection(self):
        return self._vectors.collection

    def upsert_vectors(self, ids: list[str], vectors: np.ndarray, doc_ids: list[str]) -> None:
        self._vectors.upsert(ids, vectors, doc_ids)

    def delete_vectors(self, ids: list[str]) -> None:
        self._vectors.delete(ids)

    def vector_ids(self) -> set[str]:
        return self._vectors.ids()

    def similarities(self, vector: np.ndarray, ids: list[str]) -> dict[str, float]:
        """Cosine similarity of `vector` with the stored vectors of some chunks."""
        return self._vectors.similarities(vector, ids)

    def dense_search(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """Top-k chunk ids by cosine similarity (1 - distance); only chunks SQLite knows."""
        return self._vectors.dense_search(vector, k, where)

    # ---- documents and chunks -----------------------------------------------------------
    def documents(self) -> list[Document]:
        return self._rows.documents()

    def document(self, doc_id: str) -> Document | None:
        return self._rows.document(doc_id)

    def chunk_ids(self, doc_id: str | None = None) -> list[str]:
        return self._rows.chunk_ids(doc_id)

    def chunks(self, ids: list[str] | None = None, doc_id: str | None = None) -> list[Chunk]:
        return self._rows.chunks(ids, doc_id)

    def write_document(self, doc: Document, chunks: list[Chunk], text: str, chunker: str) -> list[str]:
        """Replace a document and its chunks in one transaction; return the chunk ids dropped."""
        return self.write_documents([(doc, chunks, text)], chunker)

    def write_documents(self, items: list[tuple[Document, list[Chunk], str]], chunker: str) -> list[str]:
        """Replace several documents and their chunks in one transaction (a folder of many short
        texts is not a transaction and a disk sync each); return the chunk ids dropped."""
        return self._rows.write_documents(items, chunker)

    def record_failure(self, doc_id: str, path: str, error: str, sha256: str = "", size: int = 0) -> None:
        """Note a failed file; a document that was indexed before keeps its chunks."""
        self._rows.record_failure(doc_id, path, error, sha256, size)

    def twin(self, sha256: str, path: str) -> Document | None:
        """An indexed document with the same content under another name, if any."""
        return self._rows.twin(sha256, path)

    def record_duplicate(self, doc: Document, of: Document, chunker: str) -> list[str]:
        """List a file whose content is already indexed under another name; it gets no chunks of
        its own (answers cite the first name). Returns chunk ids it had before, to drop."""
        return self._rows.record_duplicate(doc, of, chunker)

    def remove_document(self, doc_id: str) -> list[str]:
        return self._rows.remove_document(doc_id)

    # ---- corrections by an administrator (survive re-ingest) ----------------------------------
    def corrections(self) -> dict[str, dict]:
        """Corrected metadata fields by file path."""
        return self._rows.corrections()

    def set_correction(self, path: str, sha256: str, fields: dict) -> dict:
        """Merge `fields` into a file's corrections (a None value drops that correction)."""
        return self._rows.set_correction(path, sha256, fields)

    # ---- BM25 ---------------------------------------------------------------------------
    def build_bm25(self, field_name: str = "tokens") -> None:
        """Rebuild the BM25 index from stored tokens and save it atomically."""
        self._keywords.build(field_name)

    def bm25(self, field_name: str = "tokens"):
        """(retriever or None, chunk ids), rebuilt first when stale or missing."""
        return self._keywords.get(field_name)
