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
