"""Question → ranked passages: `Retriever.run(question, top_k, filters, config)`.

`library` holds the loaded index tables, `bm25` and `dense` search one list each, `fusion`
combines them, `retriever` runs the whole step."""

from assistant.retrieval.config import Fusion, Mode, RetrievalConfig
from assistant.retrieval.fusion import fuse
from assistant.retrieval.library import Filters, Library
from assistant.retrieval.retriever import Retrieved, Retriever
from ingest.model import Hit

__all__ = ["Filters", "Fusion", "Hit", "Library", "Mode", "RetrievalConfig", "Retrieved", "Retriever", "fuse"]
