"""BM25, the index's keyword search: one bm25s index per field of words ("tokens": word-segmented,
"syllables"), saved under the index folder (`bm25/<field>/`) with the index generation it was
built at, rebuilt from the words stored in SQLite when that generation moved on, and kept in
memory per generation. bm25s is imported on first use."""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np


class Keywords:
    """The BM25 indexes in `folder`; `token_rows(field)` streams (chunk id, words) from the
    truth, `generation()` reads the index's current generation."""

    def __init__(
        self,
        folder: Path,
        token_rows: Callable[[str], Iterable[tuple[str, str | None]]],
        generation: Callable[[], str],
    ) -> None:
        self.folder = Path(folder)
        self._token_rows = token_rows
        self._generation = generation
        self._cache: dict[str, tuple] = {}

    def build(self, field_name: str = "tokens") -> None:
        """Rebuild the BM25 index from stored tokens and save it atomically."""
        import bm25s

        # bm25s sets its logger to DEBUG on import and logs "Building index…" at every build.
        logging.getLogger("bm25s").setLevel(logging.WARNING)

        from bm25s.tokenization import Tokenized

        # Token ids in compact arrays, streamed from SQLite: at 20k chunks this peaks at 0.3 GB
        # where lists of strings took 1.3 GB (same scores).
        vocab: dict[str, int] = {}
        ids: list[str] = []
        token_ids: list[np.ndarray] = []
        for cid, tokens in self._token_rows(field_name):
            ids.append(cid)
            words = (tokens or "").split() or ["∅"]
            token_ids.append(np.fromiter((vocab.setdefault(w, len(vocab)) for w in words), np.int32, len(words)))
        target = self.folder / field_name
        tmp = target.with_name(f".{field_name}.tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if ids:
            retriever = bm25s.BM25()
            retriever.index(Tokenized(ids=token_ids, vocab=vocab), show_progress=False)
            retriever.save(str(tmp), show_progress=False)
        (tmp / "ids.json").write_text(json.dumps({"generation": self._generation(), "ids": ids}))
        old = target.with_name(f".{field_name}.old{os.getpid()}")
        if target.exists():
            target.rename(old)
        tmp.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        self._cache.pop(field_name, None)

    def get(self, field_name: str = "tokens"):
        """(retriever or None, chunk ids), rebuilt first when stale or missing."""
        cached = self._cache.get(field_name)
        if cached and cached[2] == self._generation():
            return cached[0], cached[1]
        import bm25s

        target = self.folder / field_name
        stamp = target / "ids.json"
        if not stamp.exists() or json.loads(stamp.read_text())["generation"] != self._generation():
            self.build(field_name)
        info = json.loads(stamp.read_text())
        retriever = bm25s.BM25.load(str(target), show_progress=False) if info["ids"] else None
        self._cache[field_name] = (retriever, info["ids"], info["generation"])
        return retriever, info["ids"]

    def wipe(self) -> None:
        """Forget and delete every BM25 index."""
        self._cache = {}
        shutil.rmtree(self.folder, ignore_errors=True)
