"""The LangChain retriever seam."""

from __future__ import annotations


def test_langchain_retriever(corpus_index):
    from assistant.lc import ChiboRetriever

    docs = ChiboRetriever.from_settings(corpus_index, top_k=3).invoke("Đảng bộ huyện Ia Pa có bao nhiêu đảng viên?")
    assert len(docs) == 3
    assert "1.837 đảng viên" in docs[0].page_content
    assert docs[0].metadata["title"] == "Ia Pa nâng cao năng lực lãnh đạo của cấp ủy cơ sở"
    assert docs[0].metadata["chunk_id"] and docs[0].metadata["rank"] == 1
