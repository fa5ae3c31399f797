"""The index's stores by role, composed by `ingest.store.Index` (the one door the rest of the
code uses):

- `rows`: SQLite, the truth — documents, chunks, administrators' corrections, meta and the
  generation stamp; the only module that speaks SQL to `index.db`;
- `vectors`: Chroma, one vector per chunk id, embedded or on a `chroma run` server;
- `keywords`: the BM25 indexes (fields "tokens" and "syllables"), rebuilt from the tokens in
  SQLite when the generation moved on.
"""
