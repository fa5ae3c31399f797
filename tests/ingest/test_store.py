"""The index store: one Document and Chunk shape in and out, older index files upgraded in place."""

from __future__ import annotations

import sqlite3

import pytest

from ingest.errors import NoIndexError
from ingest.model import Chunk, Document
from ingest.store import Index


def test_documents_and_chunks_round_trip(tmp_path):
    index = Index.open(tmp_path, create=True)
    doc = Document(
        "qd294",
        "/x/qd294.pdf",
        "Quy định 294-QĐ/TW về thi hành Điều lệ Đảng",
        date="2025-05-26",
        kind="guidance",
        number="294-QĐ/TW",
        issuer="Ban Chấp hành Trung ương",
        sha256="s",
        size=3,
        meta={"ocr": True},
    )
    chunks = [
        Chunk(
            "qd294",
            0,
            0,
            20,
            "Chi bộ họp thường lệ mỗi tháng một lần.",
            ["Điều 24"],
            "Điều 24, khoản 2",
            ["hd:12"],
            tokens="chi_bộ họp",
            syllables="chi bộ",
        ),
    ]
    assert index.write_document(doc, chunks, "Chi bộ họp…", "v1") == []
    back = index.document("qd294")
    assert (back.title, back.date, back.kind, back.number, back.issuer, back.meta) == (
        doc.title,
        doc.date,
        doc.kind,
        doc.number,
        doc.issuer,
        {"ocr": True},
    )
    [c] = index.chunks(doc_id="qd294")
    assert (c.id, c.section, c.heading_path, c.doc_numbers) == (
        chunks[0].id,
        "Điều 24, khoản 2",
        ["Điều 24"],
        ["hd:12"],
    )
    assert c.tokens is None  # what BM25 indexes is not carried back to answers
    # rewriting with other chunks returns the ids to drop from the vector store
    assert index.write_document(doc, [Chunk("qd294", 0, 0, 5, "Khác.")], "Khác.", "v1") == [chunks[0].id]


def test_an_index_from_before_the_new_columns_is_upgraded(tmp_path):
    db = sqlite3.connect(tmp_path / "index.db")
    db.executescript(
        "CREATE TABLE documents (doc_id TEXT PRIMARY KEY, path TEXT UNIQUE, sha256 TEXT, size INTEGER, title TEXT,"
        " date TEXT, kind TEXT, meta TEXT, chunk_count INTEGER DEFAULT 0, status TEXT, error TEXT, text TEXT,"
        " chunker TEXT, updated_at REAL);"
        "INSERT INTO documents VALUES ('a', '/a.txt', 's', 1, 'Cũ', NULL, 'news', '{}', 0, 'ok', NULL, '', 'c4', 0);"
        'CREATE TABLE chunks (id TEXT PRIMARY KEY, doc_id TEXT, ordinal INTEGER, start INTEGER, "end" INTEGER,'
        " text TEXT, heading_path TEXT, doc_numbers TEXT, tokens TEXT, syllables TEXT, text_hash TEXT);"
    )
    db.commit()
    db.close()
    [doc] = Index.open(tmp_path).documents()
    assert doc.title == "Cũ" and doc.number is None and doc.issuer is None


def test_a_missing_index_says_what_to_run(tmp_path):
    with pytest.raises(NoIndexError, match="chibo ingest"):
        Index.open(tmp_path / "khong-co")


def test_the_index_is_opened_from_the_settings(tmp_path):
    from ingest.errors import EmbedderMismatchError, NoIndexError
    from ingest.settings import Settings
    from ingest.store import Index

    settings = Settings(home=tmp_path, chroma_url="http://127.0.0.1:9")
    with pytest.raises(NoIndexError):
        Index.from_settings(settings)
    index = Index.from_settings(settings, create=True)
    assert index.chroma_url == "http://127.0.0.1:9" and index.path == settings.index
    index.set_meta("embedder", "another-model")
    with pytest.raises(EmbedderMismatchError):
        Index.from_settings(settings, check_embedder=True)
    assert Index.from_settings(settings).chunk_texts() == []
