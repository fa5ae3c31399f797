"""SQLite, the index's source of truth: documents, chunks, administrators' corrections and the
meta table (embedder, dimension, schema, generation). Nothing else speaks SQL to `index.db`."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ingest.errors import EmbedderMismatchError
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
DB_FILES = ("index.db", "index.db-wal", "index.db-shm")


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


def _document_values(doc: Document, status: str, text: str | None, chunker: str | None, count: int) -> tuple:
    """A documents row, in the column order of `Rows._put_document`'s INSERT."""
    return (
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
    )


def _chunk_values(doc_id: str, c: Chunk) -> tuple:
    """A chunks row, in the column order of `Rows._replace`'s INSERT."""
    return (
        c.id,
        doc_id,
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


class Rows:
    """The SQLite database `index.db` in an index folder, opened (and created or upgraded in
    place) on first use."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._db: sqlite3.Connection | None = None
        self._pinned = threading.local()  # the generation a question reads, per thread

    # ---- connection and meta ----------------------------------------------------------------
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

    def delete_files(self) -> None:
        """Remove the database files (the connection closed first)."""
        for name in DB_FILES:
            (self.path / name).unlink(missing_ok=True)

    def get_meta(self, key: str) -> str | None:
        if key == "generation":
            pinned = getattr(self._pinned, "generation", None)
            if pinned is not None:
                return pinned
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (key, value))

    def bind_embedder(self, embedder_id: str, dim: int) -> None:
        """Record which embedder built the index; refuse to mix two."""
        built = self.get_meta("embedder")
        if built and built != embedder_id:
            raise EmbedderMismatchError(self.path, built, embedder_id)
        if not built:
            self.set_meta("embedder", embedder_id)
            self.set_meta("dim", str(dim))
            self.set_meta("schema", str(SCHEMA_VERSION))

    def _bump_generation(self) -> None:
        gen = int((self.db.execute("SELECT value FROM meta WHERE key='generation'").fetchone() or ["0"])[0]) + 1
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (str(gen),))

    @property
    def generation(self) -> str:
        return self.get_meta("generation") or "0"

    @contextmanager
    def pinned(self) -> Iterator[None]:
        """Read the generation once for what this thread does inside: a question's retrieval,
        evidence and answer each checked it (about five reads a question). Each read releases
        the GIL, and with the query embedding running Python on its own thread, taking it back
        cost up to the interpreter's switch interval: 0.7 ms a read on average at 20,000 chunks
        (cProfile of `chibo bench`'s queries), 4 µs alone. One question also sees one state of
        the index throughout."""
        if getattr(self._pinned, "generation", None) is not None:
            yield  # already pinned further up this thread
            return
        self._pinned.generation = self.generation
        try:
            yield
        finally:
            self._pinned.generation = None

    # ---- reads the answer path, BM25 and benchmarks need ---------------------------------------
    def all_tokens(self):
        """The BM25 words of every chunk, one string per chunk."""
        return (tokens or "" for (tokens,) in self.db.execute("SELECT tokens FROM chunks"))

    def token_rows(self, field_name: str) -> Iterable[tuple[str, str | None]]:
        """(chunk id, its `field_name` words) for every chunk in document order, streamed."""
        return self.db.execute(f"SELECT id, {field_name} FROM chunks ORDER BY doc_id, ordinal")

    def tokens_of(self, chunk_id: str) -> str | None:
        row = self.db.execute("SELECT tokens FROM chunks WHERE id=?", (chunk_id,)).fetchone()
        return row[0] if row else None

    def chunk_texts(self) -> list[str]:
        return [t for (t,) in self.db.execute("SELECT text FROM chunks ORDER BY id")]

    def chunkers(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT path, chunker FROM documents").fetchall())

    def clear_error(self, path: str) -> None:
        with self.db:
            self.db.execute("UPDATE documents SET error=NULL WHERE path=?", (path,))

    # ---- documents and chunks -----------------------------------------------------------------
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
            _document_values(doc, status, text, chunker, count),
        )

    def write_documents(self, items: list[tuple[Document, list[Chunk], str]], chunker: str) -> list[str]:
        """Replace several documents and their chunks in one transaction; return the chunk ids
        dropped."""
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
            [_chunk_values(doc.doc_id, c) for c in chunks],
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
        """List a file whose content is already indexed under another name, without chunks of its
        own; return the chunk ids it had before, to drop."""
        old = self.chunk_ids(doc.doc_id)
        doc.meta = {**doc.meta, "duplicate_of": of.doc_id, "duplicate_of_path": of.path}
        with self.db:
            self.db.execute("DELETE FROM chunks WHERE doc_id=?", (doc.doc_id,))
            self._put_document(doc, "duplicate", None, chunker, 0)
            if old:
                self._bump_generation()
        return old

    def remove_document(self, doc_id: str) -> list[str]:
        ids = self.chunk_ids(doc_id)
        with self.db:
            self.db.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))
            self.db.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))
            self._bump_generation()
        return ids

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
