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
