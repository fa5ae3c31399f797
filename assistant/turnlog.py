"""Every question and answer turn, and every evaluation run, logged to SQLite.

Numbered migrations (simonw/llm style): each runs once, in order, recorded in `_migrations`.
WAL mode so that logs survive a killed process and readers never block the writer.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

MIGRATIONS = [
    # 1: turns
    """CREATE TABLE turns (
        id INTEGER PRIMARY KEY AUTOINCREMENT, created REAL, question TEXT, rewritten_query TEXT,
        retrieved TEXT, answer TEXT, refused INTEGER, backend TEXT, latency_ms REAL, timings TEXT,
        notices TEXT, feedback INTEGER, feedback_comment TEXT)""",
    # 2: evaluation runs
    """CREATE TABLE eval_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT, created REAL, questions TEXT, index_dir TEXT,
        configs TEXT, metrics TEXT, out_dir TEXT)""",
    # 3: citations per turn, for the UI's sources panel and audits
    "ALTER TABLE turns ADD COLUMN citations TEXT",
]


class TurnLog:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            # In WAL mode NORMAL skips the fsync per answer and still loses nothing when the
            # process is killed (the kill-loop test checks every acknowledged row); only an OS
            # crash or power cut can drop the last turns.
            db.execute("PRAGMA synchronous=NORMAL")
            migrate(db)
            self._db = db
        return self._db

    def record(self, turn) -> int:
        data = turn.to_json()
        with self._lock, self.db:
            cur = self.db.execute(
                "INSERT INTO turns (created, question, rewritten_query, retrieved, answer, refused, backend, "
                "latency_ms, timings, notices, citations) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    time.time(),
                    data["question"],
                    data["rewritten_query"],
                    json.dumps(
                        [{"chunk_id": r["chunk_id"], "score": r["score"], "rank": r["rank"]} for r in data["retrieved"]]
                    ),
                    data["answer"],
                    int(data["refused"]),
                    data["backend"],
                    data["timings_ms"]["total"],
                    json.dumps(data["timings_ms"]),
                    json.dumps(data["notices"], ensure_ascii=False),
                    json.dumps([c["chunk_id"] for c in data["citations"]]),
                ),
            )
            return int(cur.lastrowid)

    def feedback(self, turn_id: int, value: int, comment: str | None = None) -> None:
        """Store 👍 (1) or 👎 (-1) and an optional comment for a turn."""
        with self._lock, self.db:
            self.db.execute("UPDATE turns SET feedback=?, feedback_comment=? WHERE id=?", (value, comment, turn_id))

    def turns(self, limit: int = 100) -> list[dict]:
        cur = self.db.execute("SELECT * FROM turns ORDER BY id DESC LIMIT ?", (limit,))
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def record_eval(
        self, questions: str, index_dir: str, configs: list[str], metrics: dict, out_dir: str | None
    ) -> int:
        with self._lock, self.db:
            cur = self.db.execute(
                "INSERT INTO eval_runs (created, questions, index_dir, configs, metrics, out_dir) VALUES (?,?,?,?,?,?)",
                (time.time(), questions, index_dir, json.dumps(configs), json.dumps(metrics), out_dir),
            )
            return int(cur.lastrowid)

    def eval_runs(self, limit: int = 50) -> list[dict]:
        cur = self.db.execute("SELECT * FROM eval_runs ORDER BY id DESC LIMIT ?", (limit,))
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]


def migrate(db: sqlite3.Connection) -> None:
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (n INTEGER PRIMARY KEY, applied REAL)")
    done = {r[0] for r in db.execute("SELECT n FROM _migrations")}
    for n, sql in enumerate(MIGRATIONS, 1):
        if n not in done:
            with db:
                db.execute(sql)
                db.execute("INSERT INTO _migrations VALUES (?, ?)", (n, time.time()))
