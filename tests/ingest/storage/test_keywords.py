"""The BM25 store: built from the stored words, rebuilt when the generation moves on."""

from __future__ import annotations

import numpy as np

from ingest.storage.keywords import Keywords


class Truth:
    def __init__(self) -> None:
        self.rows = [("c1", "chi_bộ họp thường_lệ"), ("c2", "đảng_viên đóng đảng_phí"), ("c3", None)]
        self.generation = "1"
        self.reads = 0

    def token_rows(self, field_name: str):
        assert field_name == "tokens"
        self.reads += 1
        return iter(self.rows)


def test_built_once_per_generation_and_searched(tmp_path):
    truth = Truth()
    keywords = Keywords(tmp_path / "bm25", truth.token_rows, lambda: truth.generation)
    retriever, ids = keywords.get("tokens")
    assert ids == ["c1", "c2", "c3"] and truth.reads == 1
    scores = retriever.get_scores(["đảng_phí"])
    assert ids[int(np.argmax(scores))] == "c2" and scores.max() > 0
    assert keywords.get("tokens")[1] == ids and truth.reads == 1  # cached in memory
    # another process opening the same folder loads the saved index without rebuilding it
    assert Keywords(tmp_path / "bm25", truth.token_rows, lambda: truth.generation).get()[1] == ids
    assert truth.reads == 1
    truth.rows, truth.generation = truth.rows[:1], "2"
    assert keywords.get("tokens")[1] == ["c1"] and truth.reads == 2


def test_no_chunks_give_no_retriever_and_wipe_deletes(tmp_path):
    keywords = Keywords(tmp_path / "bm25", lambda field: iter(()), lambda: "0")
    assert keywords.get("tokens") == (None, [])
    assert (tmp_path / "bm25" / "tokens" / "ids.json").exists()
    keywords.wipe()
    assert not (tmp_path / "bm25").exists()
