"""BM25 over the stored tokens."""

from __future__ import annotations

from assistant.retrieval.bm25 import bm25_search


def test_bm25_finds_the_passage_with_the_words_and_respects_filters(retriever):
    lib = retriever.library
    chunks = lib.chunk_map()
    # the syllable index splits numbers at their dots: what `analyze` gives for "100.274 đảng viên"
    top = bm25_search(retriever.index, "syllables", ["100", "274", "100_274", "đảng_viên"], 5, None, chunks)
    assert "100.274 đảng viên" in chunks[top[0][0]].text
    assert [s for _, s in top] == sorted((s for _, s in top), reverse=True)
    other = {d for d in lib.documents() if d != chunks[top[0][0]].doc_id}
    assert all(
        chunks[c].doc_id in other for c, _ in bm25_search(retriever.index, "syllables", ["đảng"], 5, other, chunks)
    )


def test_words_the_index_does_not_know_score_nothing(retriever):
    assert bm25_search(retriever.index, "syllables", ["zzzqx"], 5, None, retriever.library.chunk_map()) == []


def test_one_bm25_snapshot_per_search(retriever):
    """An ingest may load a new BM25 index between two reads of it; a search scores and ranks with
    the one it read first (it scored with one and took the ids of the next, and failed on an index
    of another size while an ingest ran)."""
    index = retriever.index
    real, ids = index.bm25("syllables")

    class Reloading:
        """The index as an ingest reloads it: each read of the BM25 index after the first
        returns a newer one (here an empty one)."""

        def __init__(self):
            self.reads = 0

        def bm25(self, field_name):
            self.reads += 1
            return (real, ids) if self.reads == 1 else (None, [])

    reloading = Reloading()
    top = bm25_search(reloading, "syllables", ["đảng_viên"], 5, None, retriever.library.chunk_map())
    assert reloading.reads == 1 and top and [s for _, s in top] == sorted((s for _, s in top), reverse=True)

    from assistant.query import analyze

    q = analyze("Chi bộ họp mấy lần?")
    runs = retriever.keyword_runs(q, [analyze("một tháng"), analyze("hai tháng")], [3, 3])
    assert len(runs) == 2 and all(len(r) <= 3 for r in runs)


def test_scores_are_bm25s_own_bit_for_bit_and_kept_columns_change_nothing(retriever, monkeypatch):
    import numpy as np

    from assistant.retrieval import bm25

    real, _ids = retriever.index.bm25("tokens")
    queries = [["đảng_viên", "chi_bộ", "họp"], ["chi_bộ", "đảng_viên", "đảng_viên"], ["kết_nạp", "zzzqx", "chi_bộ"]]
    for tokens in queries * 2:  # the second time from the kept columns
        known = [t for t in tokens if t in real.vocab_dict]
        assert np.array_equal(bm25.bm25_scores(real, tokens), real.get_scores(known))
    # a cache of a single column evicts on every token and still scores the same
    monkeypatch.setattr(bm25, "COLUMN_CACHE_BYTES", 1)
    bm25._SNAPSHOTS.clear()
    assert bm25._columns(real).limit == 16
    known = [t for t in queries[0] if t in real.vocab_dict]
    assert np.array_equal(bm25.bm25_scores(real, queries[0]), real.get_scores(known))
    bm25._SNAPSHOTS.clear()
