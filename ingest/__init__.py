"""Files → clean Vietnamese text → chunks → indexes (Chroma + BM25 + SQLite)."""
