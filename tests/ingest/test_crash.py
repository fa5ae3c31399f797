"""Crash safety and concurrency: SIGKILL at random points, queries during an ingest, WAL logs.

`CHIBO_KILLS` sets the number of kill rounds (default 8 here; the release check runs 50).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time

from assistant.retrieval import Retriever
from ingest.pipeline import ingest
from ingest.settings import REPO_ROOT
from ingest.store import Index

# (question, evidence) about documents the loop never touches
STABLE = [
    ("Hà Tĩnh có tổng cộng bao nhiêu đảng viên?", "100.274"),
    ("Phường Bến Nghé tổ chức sinh hoạt chuyên đề nhằm thực hiện nghị quyết nào?", "21-NQ/TW"),
]
TOUCHED = "vinh-yen-doi-moi-sinh-hoat-chi-bo.txt"

ASKER = """
import sys
from assistant.service import Assistant
from ingest.settings import Settings
assistant = Assistant(Settings.from_env())  # CHIBO_HOME of the test, as `chibo` reads it
questions = sys.argv[1:]
i = 0
while True:
    turn = assistant.ask(questions[i % len(questions)])
    found = any(h.chunk.text for h in turn.hits)
    print("ok", turn.turn_id, int(found), flush=True)
    i += 1
"""


def _env(settings) -> dict:
    return {**os.environ, "CHIBO_HOME": str(settings.home), "PYTHONPATH": str(REPO_ROOT)}


def _check_sqlite(path) -> None:
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", path
    finally:
        db.close()


def _answers_as_before(settings) -> None:
    retriever = Retriever(settings)
    for question, evidence in STABLE:
        hits = retriever.run(question, top_k=5).hits
        assert any(evidence in h.chunk.text for h in hits), question


def _read_acks(proc, acks: list[int]) -> None:
    for line in proc.stdout:
        parts = line.split()
        if len(parts) == 3 and parts[0] == "ok":
            acks.append(int(parts[1]))


def test_kill_loop_never_corrupts_the_index_or_the_log(settings, corpus_copy):
    kills = int(os.environ.get("CHIBO_KILLS", "8"))
    rng = random.Random(int(os.environ.get("CHIBO_KILL_SEED", "20261123")))
    ingest([corpus_copy], settings)
    env = _env(settings)
    # How long a whole `chibo ingest` of one change takes on this machine, so that the kills
    # below land inside the run however fast it is (a fixed window went stale when the
    # command's start-up got faster)
    with open(corpus_copy / TOUCHED, "a", encoding="utf-8") as fh:
        fh.write("\nVòng đo: chi bộ đo thời gian nạp.\n")
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "assistant.cli", "ingest", str(corpus_copy)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    whole = time.monotonic() - started
    acked: list[int] = []
    outcomes = {"killed": 0, "finished_first": 0}
    for round_ in range(kills):
        # a change the next ingest must embed and write: an edited file, a new or removed one
        with open(corpus_copy / TOUCHED, "a", encoding="utf-8") as fh:
            fh.write(f"\nVòng {round_}: chi bộ bổ sung nội dung sinh hoạt số {rng.randint(1, 10**6)}.\n")
        extra = corpus_copy / f"them-{round_ % 3}.txt"
        if extra.exists():
            extra.unlink()
        else:
            extra.write_text(f"Chi bộ khu {round_} họp bàn việc kết nạp đảng viên mới, lần {rng.random()}.\n")
        asker = subprocess.Popen(
            [sys.executable, "-c", ASKER, *(q for q, _ in STABLE)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        acks: list[int] = []
        reader = threading.Thread(target=_read_acks, args=(asker, acks), daemon=True)
        reader.start()
        # the asker is answering (and logging) before the ingest starts, so every kill below
        # lands on a process that is writing its log
        deadline = time.monotonic() + 120
        while not acks and asker.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert acks, "the asking process never answered"
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "ingest", str(corpus_copy)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.1, max(0.3, 0.8 * whole)))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            outcomes["killed"] += 1
        else:
            outcomes["finished_first"] += 1
        proc.wait()
        time.sleep(rng.uniform(0.0, 1.0))
        asker.send_signal(signal.SIGKILL)
        asker.wait()
        reader.join(5)
        acked += acks

        # the index opens, SQLite is sound, old documents answer as before
        _check_sqlite(settings.index / "index.db")
        _check_sqlite(settings.log_db)
        Index.open(settings.index).close()
        _answers_as_before(settings)

    # every acknowledged log row survived; the next ingest completes and agrees with Chroma
    db = sqlite3.connect(settings.log_db)
    ids = {r[0] for r in db.execute("SELECT id FROM turns")}
    db.close()
    assert set(acked) <= ids, sorted(set(acked) - ids)[:5]
    assert len(acked) >= kills  # turns were really logged while the kills happened
    report = ingest([corpus_copy], settings)
    assert not report.failed
    index = Index.open(settings.index)
    assert index.vector_ids() == set(index.chunk_ids())
    assert len(index.documents()) == len(list(corpus_copy.glob("*.txt")))
    _answers_as_before(settings)
    print(f"kill loop: {outcomes}, {len(acked)} logged turns acknowledged", file=sys.stderr)
    assert outcomes["killed"] >= kills // 2  # most rounds really were killed mid-run


def test_queries_keep_working_while_an_ingest_runs(settings, corpus_copy, tmp_path):
    ingest([corpus_copy], settings)
    extra = tmp_path / "them"
    extra.mkdir()
    for i in range(4):  # texts the cache has never seen: the ingest embeds for a while
        (extra / f"bai-{i}.txt").write_text(
            "\n\n".join(
                f"Mục {i}-{j}: chi bộ số {i * 97 + j} thảo luận nhiệm vụ tháng {j}, biểu quyết nghị quyết."
                for j in range(25)
            )
        )
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "ingest", str(corpus_copy), str(extra)],
        env=_env(settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    answered = 0
    retriever = Retriever(settings)
    while proc.poll() is None:
        retriever.refresh()
        _answers_as_before(settings)
        answered += 1
    out = proc.stdout.read()
    assert proc.returncode == 0, out
    assert answered >= 2, "the ingest ended before any query ran"
    _answers_as_before(settings)
    assert len(Index.open(settings.index).documents()) == 9
