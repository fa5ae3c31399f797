"""The index: a SQLite table of documents and chunks, Chroma vectors and a BM25 index.

SQLite is the source of truth. Chroma holds one vector per chunk id and BM25 is rebuilt
from the tokens stored in SQLite, so a crash between steps leaves extra vectors or a stale
BM25 file, which the next open detects (generation stamp) and the next ingest cleans up.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import time
from pathlib import Path

import numpy as np

from ingest.errors import ChiboError, EmbedderMismatchError, NoIndexError
from ingest.model import Chunk, Document

SCHEMA_VERSION = 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, path TEXT UNIQUE, sha256 TEXT, size INTEGER, title TEXT,
    date TEXT, kind TEXT, meta TEXT, chunk_count INTEGER DEFAULT 0, status TEXT,
    error TEXT, text TEXT, chunker TEXT, updated_at REAL, number TEXT, issuer TEXT);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, doc_id TEXT, ordinal INTEGER, start INTEGER, "end" INTEGER,
    text TEXT, heading_path TEXT, doc_numbers TEXT, tokens TEXT, syllables TEXT, text_hash TEXT,
    section TEXT, sections TEXT);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id, ordinal);
CREATE TABLE IF NOT EXISTS corrections (path TEXT PRIMARY KEY, sha256 TEXT, fields TEXT, updated_at REAL);
"""
# Columns added after the first release, added in place to an older index.db.
_ADDED_COLUMNS = {"documents": ("number TEXT", "issuer TEXT"), "chunks": ("section TEXT", "sections TEXT")}
_DOC_COLUMNS = (
    "doc_id, path, sha256, size, title, date, kind, meta, chunk_count, status, error, updated_at, number, issuer"
)
_CHUNK_COLUMNS = 'id, doc_id, ordinal, start, "end", text, heading_path, doc_numbers, section, sections'


def _document(row) -> Document:
    doc_id, path, sha, size, title, date, kind, meta, count, status, error, updated, number, issuer = row
    return Document(
        doc_id=doc_id,
        path=path,
        title=title,
        date=date,
        kind=kind,
        number=number,
        issuer=issuer,
        sha256=sha,
        size=size,
        meta=json.loads(meta or "{}"),
        chunk_count=count,
        status=status,
        error=error,
        updated_at=updated,
    )


def _chunk(row) -> Chunk:
    cid, doc_id, ordinal, start, end, text, heading_path, doc_numbers, section, sections = row
    return Chunk(
        doc_id=doc_id,
        ordinal=ordinal,
        start=start,
        end=end,
        text=text,
        heading_path=json.loads(heading_path or "[]"),
        section=section,
        doc_numbers=json.loads(doc_numbers or "[]"),
        sections=[tuple(x) for x in json.loads(sections or "[]")],
        id=cid,
    )


def _chroma_client(persist_dir: Path, url: str | None):
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


class Index:
    """Open with `Index.from_settings(settings)` (or `Index.open(dir, embedder_id)` for a bare
    folder); cheap until a store is first touched. SQLite holds documents and chunks (the truth),
    Chroma the vectors (embedded or a `chroma run` server), BM25 the keyword index; nothing outside
    this module writes SQL against it."""

    def __init__(self, path: Path, chroma_url: str | None = None) -> None:
        self.path = Path(path)
        self.chroma_url = chroma_url
        self._db: sqlite3.Connection | None = None
        self._collection = None
        self._bm25: dict[str, tuple] = {}
        self._count: tuple[str, int] | None = None

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

    # ---- reads the answer path and benchmarks need (no SQL outside this module) ----------------
    def all_tokens(self):
        """The BM25 words of every chunk, one string per chunk."""
        return (tokens or "" for (tokens,) in self.db.execute("SELECT tokens FROM chunks"))

    def tokens_of(self, chunk_id: str) -> str | None:
        row = self.db.execute("SELECT tokens FROM chunks WHERE id=?", (chunk_id,)).fetchone()
        return row[0] if row else None

    def chunk_texts(self) -> list[str]:
        """Every chunk's text, in id order (benchmarks embed and index them)."""
        return [t for (t,) in self.db.execute("SELECT text FROM chunks ORDER BY id")]

    def chunkers(self) -> dict[str, str]:
        """Path → the chunker version each document was cut with."""
        return dict(self.db.execute("SELECT path, chunker FROM documents").fetchall())

    def clear_error(self, path: str) -> None:
        with self.db:
            self.db.execute("UPDATE documents SET error=NULL WHERE path=?", (path,))

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path / "index.db", timeout=60, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
            for table, columns in _ADDED_COLUMNS.items():
                have = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
                for column in columns:
                    if column.split()[0] not in have:
                        db.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
            self._db = db
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (key, value))

    @property
    def embedder_id(self) -> str | None:
        return self.get_meta("embedder")

    def bind_embedder(self, embedder_id: str, dim: int) -> None:
        """Record which embedder built the index; refuse to mix two."""
        built = self.get_meta("embedder")
        if built and built != embedder_id:
            raise EmbedderMismatchError(self.path, built, embedder_id)
        if not built:
            self.set_meta("embedder", embedder_id)
            self.set_meta("dim", str(dim))
            self.set_meta("schema", str(SCHEMA_VERSION))

    def wipe(self) -> None:
        """Delete everything (for --rebuild)."""
        self.close()
        if self.chroma_url and self._collection_exists():
            self._client().delete_collection(self.collection_name)
        self._collection = None
        self._bm25 = {}
        for name in ("index.db", "index.db-wal", "index.db-shm"):
            (self.path / name).unlink(missing_ok=True)
        shutil.rmtree(self.path / "chroma", ignore_errors=True)
        shutil.rmtree(self.path / "bm25", ignore_errors=True)

    # ---- chroma ---------------------------------------------------------------------
    @property
    def collection_name(self) -> str:
        if not self.chroma_url:
            return "chunks"
        # One server holds many indexes: name the collection after this index's path.
        import hashlib

        return "chibo-" + hashlib.sha1(str(self.path.resolve()).encode()).hexdigest()[:16]

    def _client(self):
        return _chroma_client(self.path / "chroma", self.chroma_url)

    def _collection_exists(self) -> bool:
        try:
            self._client().get_collection(self.collection_name)
            return True
        except Exception:
            return False

    @property
    def collection(self):
        if self._collection is None:
            meta = {"embedder": self.get_meta("embedder") or "", "dim": int(self.get_meta("dim") or 0)}
            try:
                self._collection = self._client().get_or_create_collection(
                    self.collection_name,
                    embedding_function=None,
                    configuration={"hnsw": {"space": "cosine"}},
                    metadata=meta,
                )
            except Exception as exc:
                where = self.chroma_url or (self.path / "chroma")
                raise ChiboError(f"Không mở được kho vector tại {where}: {exc}") from exc
            built = (self._collection.metadata or {}).get("embedder")
            if built and meta["embedder"] and built != meta["embedder"]:
                raise EmbedderMismatchError(self.path, built, meta["embedder"])
        return self._collection

    def upsert_vectors(self, ids: list[str], vectors: np.ndarray, doc_ids: list[str]) -> None:
        for i in range(0, len(ids), 1000):
            self.collection.upsert(
                ids=ids[i : i + 1000],
                embeddings=vectors[i : i + 1000].tolist(),
                metadatas=[{"doc_id": d} for d in doc_ids[i : i + 1000]],
            )

    def delete_vectors(self, ids: list[str]) -> None:
        for i in range(0, len(ids), 1000):
            if ids[i : i + 1000]:
                self.collection.delete(ids=ids[i : i + 1000])

    def vector_ids(self) -> set[str]:
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
        gen = self.generation
        if self._count is None or self._count[0] != gen:
            self._count = (gen, self.collection.count())
        return self._count[1]

    def dense_search(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """Top-k chunk ids by cosine similarity (1 - distance); only chunks SQLite knows."""
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

    # ---- documents and chunks -----------------------------------------------------------
    def documents(self) -> list[Document]:
        rows = self.db.execute(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY title").fetchall()
        return [_document(r) for r in rows]

    def document(self, doc_id: str) -> Document | None:
        row = self.db.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
        return _document(row) if row else None

    def chunk_ids(self, doc_id: str | None = None) -> list[str]:
        if doc_id is None:
            return [r[0] for r in self.db.execute("SELECT id FROM chunks ORDER BY doc_id, ordinal")]
        return [r[0] for r in self.db.execute("SELECT id FROM chunks WHERE doc_id=? ORDER BY ordinal", (doc_id,))]

    def chunks(self, ids: list[str] | None = None, doc_id: str | None = None) -> list[Chunk]:
        cols = _CHUNK_COLUMNS
        if ids is not None:
            rows = []
            for i in range(0, len(ids), 500):
                part = ids[i : i + 500]
                rows += self.db.execute(
                    f"SELECT {cols} FROM chunks WHERE id IN ({','.join('?' * len(part))})", part
                ).fetchall()
            order = {cid: n for n, cid in enumerate(ids)}
            rows.sort(key=lambda r: order[r[0]])
        elif doc_id is not None:
            rows = self.db.execute(f"SELECT {cols} FROM chunks WHERE doc_id=? ORDER BY ordinal", (doc_id,)).fetchall()
        else:
            rows = self.db.execute(f"SELECT {cols} FROM chunks ORDER BY doc_id, ordinal").fetchall()
        return [_chunk(r) for r in rows]

    def _put_document(self, doc: Document, status: str, text: str | None, chunker: str | None, count: int) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO documents (doc_id, path, sha256, size, title, date, kind, meta, chunk_count, "
            "status, error, text, chunker, updated_at, number, issuer) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc.doc_id,
                doc.path,
                doc.sha256,
                doc.size,
                doc.title,
                doc.date,
                doc.kind or "document",
                json.dumps(doc.meta, ensure_ascii=False),
                count,
                status,
                None,
                text,
                chunker,
                time.time(),
                doc.number,
                doc.issuer,
            ),
        )

    def write_document(self, doc: Document, chunks: list[Chunk], text: str, chunker: str) -> list[str]:
        """Replace a document and its chunks in one transaction; return the chunk ids dropped."""
        return self.write_documents([(doc, chunks, text)], chunker)

    def write_documents(self, items: list[tuple[Document, list[Chunk], str]], chunker: str) -> list[str]:
        """Replace several documents and their chunks in one transaction (a folder of many short
        texts is not a transaction and a disk sync each); return the chunk ids dropped."""
        stale: list[str] = []
        with self.db:
            for doc, chunks, text in items:
                stale += self._replace(doc, chunks, text, chunker)
            self._bump_generation()
        return sorted(stale)

    def _replace(self, doc: Document, chunks: list[Chunk], text: str, chunker: str) -> list[str]:
        old = set(self.chunk_ids(doc.doc_id))
        self.db.execute("DELETE FROM chunks WHERE doc_id=?", (doc.doc_id,))
        self.db.executemany(
            'INSERT OR REPLACE INTO chunks (id, doc_id, ordinal, start, "end", text, heading_path, '
            "doc_numbers, tokens, syllables, text_hash, section, sections) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    c.id,
                    doc.doc_id,
                    c.ordinal,
                    c.start,
                    c.end,
                    c.text,
                    json.dumps(c.heading_path, ensure_ascii=False),
                    json.dumps(c.doc_numbers, ensure_ascii=False),
                    c.tokens,
                    c.syllables,
                    c.text_hash,
                    c.section,
                    json.dumps(c.sections, ensure_ascii=False) if c.sections else None,
                )
                for c in chunks
            ],
        )
        self._put_document(doc, "ok", text, chunker, len(chunks))
        return sorted(old - {c.id for c in chunks})

    def record_failure(self, doc_id: str, path: str, error: str, sha256: str = "", size: int = 0) -> None:
        """Note a failed file; a document that was indexed before keeps its chunks."""
        with self.db:
            cur = self.db.execute("UPDATE documents SET error=?, updated_at=? WHERE path=?", (error, time.time(), path))
            if cur.rowcount == 0:
                self.db.execute(
                    "INSERT INTO documents (doc_id, path, sha256, size, title, kind, meta, chunk_count, "
                    "status, error, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (doc_id, path, sha256, size, Path(path).name, "unknown", "{}", 0, "failed", error, time.time()),
                )

    def twin(self, sha256: str, path: str) -> Document | None:
        """An indexed document with the same content under another name, if any."""
        row = self.db.execute(
            "SELECT doc_id FROM documents WHERE sha256=? AND status='ok' AND path != ? ORDER BY updated_at LIMIT 1",
            (sha256, path),
        ).fetchone()
        return self.document(row[0]) if row else None

    def record_duplicate(self, doc: Document, of: Document, chunker: str) -> list[str]:
        """List a file whose content is already indexed under another name; it gets no chunks of
        its own (answers cite the first name). Returns chunk ids it had before, to drop."""
        old = self.chunk_ids(doc.doc_id)
        doc.meta = {**doc.meta, "duplicate_of": of.doc_id, "duplicate_of_path": of.path}
        with self.db:
            self.db.execute("DELETE FROM chunks WHERE doc_id=?", (doc.doc_id,))
            self._put_document(doc, "duplicate", None, chunker, 0)
            if old:
                self._bump_generation()
        return old

    # ---- corrections by an administrator (survive re-ingest) ----------------------------------
    def corrections(self) -> dict[str, dict]:
        """Corrected metadata fields by file path."""
        return {path: json.loads(fields) for path, fields in self.db.execute("SELECT path, fields FROM corrections")}

    def set_correction(self, path: str, sha256: str, fields: dict) -> dict:
        """Merge `fields` into a file's corrections (a None value drops that correction)."""
        merged = {**self.corrections().get(path, {}), **fields}
        merged = {k: v for k, v in merged.items() if v is not None}
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO corrections (path, sha256, fields, updated_at) VALUES (?,?,?,?)",
                (path, sha256, json.dumps(merged, ensure_ascii=False), time.time()),
            )
        return merged

    def remove_document(self, doc_id: str) -> list[str]:
        ids = self.chunk_ids(doc_id)
        with self.db:
            self.db.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))
            self.db.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))
            self._bump_generation()
        return ids

    def _bump_generation(self) -> None:
        gen = int((self.db.execute("SELECT value FROM meta WHERE key='generation'").fetchone() or ["0"])[0]) + 1
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (str(gen),))

    @property
    def generation(self) -> str:
        return self.get_meta("generation") or "0"

    # ---- BM25 ---------------------------------------------------------------------------
    def build_bm25(self, field_name: str = "tokens") -> None:
        """Rebuild the BM25 index from stored tokens and save it atomically."""
        import bm25s

        # bm25s sets its logger to DEBUG on import and logs "Building index…" at every build.
        logging.getLogger("bm25s").setLevel(logging.WARNING)

        from bm25s.tokenization import Tokenized

        # Token ids in compact arrays, streamed from SQLite: at 20k chunks this peaks at 0.3 GB
        # where lists of strings took 1.3 GB (same scores).
        vocab: dict[str, int] = {}
        ids: list[str] = []
        token_ids: list[np.ndarray] = []
        for cid, tokens in self.db.execute(f"SELECT id, {field_name} FROM chunks ORDER BY doc_id, ordinal"):
            ids.append(cid)
            words = (tokens or "").split() or ["∅"]
            token_ids.append(np.fromiter((vocab.setdefault(w, len(vocab)) for w in words), np.int32, len(words)))
        target = self.path / "bm25" / field_name
        tmp = target.with_name(f".{field_name}.tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if ids:
            retriever = bm25s.BM25()
            retriever.index(Tokenized(ids=token_ids, vocab=vocab), show_progress=False)
            retriever.save(str(tmp), show_progress=False)
        (tmp / "ids.json").write_text(json.dumps({"generation": self.generation, "ids": ids}))
        old = target.with_name(f".{field_name}.old{os.getpid()}")
        if target.exists():
            target.rename(old)
        tmp.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        self._bm25.pop(field_name, None)

    def bm25(self, field_name: str = "tokens"):
        """(retriever or None, chunk ids), rebuilt first when stale or missing."""
        cached = self._bm25.get(field_name)
        if cached and cached[2] == self.generation:
            return cached[0], cached[1]
        import bm25s

        target = self.path / "bm25" / field_name
        stamp = target / "ids.json"
        if not stamp.exists() or json.loads(stamp.read_text())["generation"] != self.generation:
            self.build_bm25(field_name)
        info = json.loads(stamp.read_text())
        retriever = bm25s.BM25.load(str(target), show_progress=False) if info["ids"] else None
        self._bm25[field_name] = (retriever, info["ids"], info["generation"])
        return retriever, info["ids"]
