"""The Chroma store (embedded here; tests/ingest/test_chroma_server.py runs a real server)."""

from __future__ import annotations

import numpy as np
import pytest

from ingest.errors import EmbedderMismatchError
from ingest.storage.vectors import Vectors


def test_vectors_round_trip_and_search(tmp_path):
    meta = {"embedder": "e1", "dim": "3", "generation": "1"}
    vectors = Vectors(tmp_path, None, meta.get)
    assert vectors.name == "chunks"
    assert vectors.dense_search(np.ones(3), 5) == []
    ids = ["a", "b", "c"]
    vectors.upsert(ids, np.array([[1, 0, 0], [0, 1, 0], [1, 1, 0]], np.float32), ["d1", "d1", "d2"])
    assert vectors.dense_search(np.ones(3), 5) == []  # counted once per generation
    meta["generation"] = "2"
    top = vectors.dense_search(np.array([1, 0.1, 0]), 2)
    assert [cid for cid, _ in top] == ["a", "c"] and top[0][1] == pytest.approx(0.995, abs=1e-3)
    assert [cid for cid, _ in vectors.dense_search(np.array([1, 0, 0]), 3, where={"doc_id": "d2"})] == ["c"]
    sims = vectors.similarities(np.array([0, 2, 0]), ["b", "c"])
    assert sims["b"] == pytest.approx(1.0) and sims["c"] == pytest.approx(2**-0.5)
    assert vectors.similarities(np.ones(3), []) == {}
    vectors.delete(["b"])
    assert vectors.ids() == {"a", "c"}
    vectors.wipe()
    assert not (tmp_path / "chroma").exists()


def test_a_server_collection_is_named_after_the_index_and_checks_its_embedder(tmp_path):
    a = Vectors(tmp_path / "a", "http://127.0.0.1:9", {}.get)
    b = Vectors(tmp_path / "b", "127.0.0.1:9", {}.get)
    assert a.name.startswith("chibo-") and a.name != b.name
    made = Vectors(tmp_path, None, {"embedder": "e1", "dim": "3"}.get).collection
    assert made.metadata == {"embedder": "e1", "dim": 3}
    with pytest.raises(EmbedderMismatchError):
        _ = Vectors(tmp_path, None, {"embedder": "e2", "dim": "3"}.get).collection


def _filled(tmp_path, n=300, dim=8, seed=3):
    meta = {"embedder": "e1", "dim": str(dim), "generation": "1"}
    vectors = Vectors(tmp_path, None, meta.get)
    rng = np.random.default_rng(seed)
    mat = rng.standard_normal((n, dim)).astype(np.float32)
    ids = [f"c{i}" for i in range(n)]
    vectors.upsert(ids, mat, [f"d{i % 7}" for i in range(n)])
    return vectors, meta, rng


def test_exact_search_ranks_as_chroma_does_and_follows_the_generation(tmp_path, monkeypatch):
    from ingest.storage import vectors as module

    vectors, meta, rng = _filled(tmp_path)
    queries = rng.standard_normal((20, 8)).astype(np.float32)
    exact = [vectors.dense_search(q, 10) for q in queries]
    assert vectors._exact is not None and vectors._exact.generation == "1"
    where = {"doc_id": {"$in": ["d2", "d5"]}}
    exact_filtered = vectors.dense_search(queries[0], 10, where)
    assert {cid for cid, _ in exact_filtered} <= {f"c{i}" for i in range(300) if i % 7 in (2, 5)}
    # the same searches through Chroma's HNSW index (an embedded store too large for memory)
    monkeypatch.setattr(module, "EXACT_MAX", 0)
    vectors._exact = None
    through_chroma = [vectors.dense_search(q, 10) for q in queries]
    assert vectors._exact is None
    for a, b in zip(exact, through_chroma):
        assert [cid for cid, _ in a] == [cid for cid, _ in b]
        assert [s for _, s in a] == pytest.approx([s for _, s in b], abs=1e-5)
    assert [c for c, _ in vectors.dense_search(queries[0], 10, where)] == [c for c, _ in exact_filtered]
    monkeypatch.setattr(module, "EXACT_MAX", 50_000)
    # a new generation (another process ingested) is read again; a write here drops the copy
    vectors.upsert(["new"], queries[:1] * 5, ["d9"])
    assert vectors._exact is None
    meta["generation"] = "2"
    assert vectors.dense_search(queries[0], 1) == [("new", pytest.approx(1.0))]
    assert vectors.dense_search(queries[0], 3, {"doc_id": "d9"}) == [("new", pytest.approx(1.0))]
    assert vectors.similarities(queries[0], ["new", "gone"]) == {"new": pytest.approx(1.0)}


def test_a_filter_exact_search_does_not_read_goes_to_chroma(tmp_path):
    vectors, _, rng = _filled(tmp_path, n=30)
    q = rng.standard_normal(8).astype(np.float32)
    got = vectors.dense_search(q, 5, {"doc_id": {"$nin": ["d0"]}})
    assert got and all(int(cid[1:]) % 7 != 0 for cid, _ in got)


def test_a_read_that_fails_during_an_ingest_falls_back_to_chroma_for_that_generation(tmp_path, monkeypatch):
    from ingest.storage import vectors as module

    vectors, meta, rng = _filled(tmp_path, n=40)
    q = rng.standard_normal(8).astype(np.float32)
    calls = []

    def failing_read(*args, **kwargs):
        calls.append(args[1])
        raise RuntimeError("Error executing plan: Internal error: Error finding id")

    monkeypatch.setattr(module.ExactVectors, "read", failing_read)
    got = vectors.dense_search(q, 5)
    assert len(got) == 5 and vectors._exact is None  # answered through Chroma
    vectors.dense_search(q, 5)
    assert calls == ["1"]  # not read again in the same generation
    monkeypatch.undo()
    meta["generation"] = "2"
    assert [c for c, _ in vectors.dense_search(q, 5)] == [c for c, _ in got]
    assert vectors._exact is not None and vectors._exact.generation == "2"
