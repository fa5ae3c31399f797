"""Load test: N concurrent clients asking dev-set questions against one serving process.

The clients are threads calling the app's Python API (`Assistant.ask`, the object the
Streamlit app shares between sessions), each asking the dev questions and their variations
in its own order for a fixed time. Reports throughput, latency percentiles and errors, and
checks that every answered question left exactly one row in the turn log.
"""

from __future__ import annotations

import json
import random
import sqlite3
import threading
import time
from pathlib import Path

from evals.metrics import percentile
from evals.variants import queries
from ingest.settings import Settings


def run(settings: Settings, clients: int = 8, seconds: float = 60.0, seed: int = 1, new_questions: bool = True) -> dict:
    """`new_questions`: embed every question as if never seen (no query-vector cache); else the
    app's caches stay on and the few hundred questions repeat."""
    from assistant.service import Assistant

    assistant = Assistant(settings)
    assistant.warm()
    assistant.ask("Sinh hoạt chi bộ gồm những bước nào?")
    retriever = assistant.retriever
    retriever.vectors.persist = not new_questions
    log_path = settings.log_db
    rows_before = _log_rows(log_path)
    qs = [q["text"] for q in queries()]
    latencies: list[float] = []
    errors: list[str] = []
    turn_ids: list[int] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        order = qs[:]
        rng.shuffle(order)
        i = 0
        while time.perf_counter() < stop_at:
            q = order[i % len(order)]
            i += 1
            if new_questions:
                retriever.vectors.forget()
            t0 = time.perf_counter()
            try:
                turn = assistant.ask(q)
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    latencies.append(ms)
                    turn_ids.append(turn.turn_id)
            except Exception as exc:  # counted, never hidden
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}"[:300])

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    rows_after = _log_rows(log_path)
    return {
        "clients": clients,
        "new_questions": new_questions,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "throughput_qps": round(len(latencies) / elapsed, 2),
        "latency_ms": {
            p: round(percentile(latencies, q) or 0.0, 1) for p, q in (("p50", 50), ("p95", 95), ("p99", 99))
        },
        "errors": len(errors),
        "error_samples": errors[:5],
        "log_rows_added": rows_after - rows_before,
        "lost_log_rows": len(latencies) - (rows_after - rows_before),
        "distinct_turn_ids": len(set(turn_ids)),
    }


def _log_rows(path: Path) -> int:
    if not Path(path).exists():
        return 0
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT COUNT(*) FROM turns").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        db.close()


def cli(args, settings: Settings) -> int:
    results = [
        run(settings, clients=n, seconds=args.seconds, new_questions=new) for new in (True, False) for n in args.load
    ]
    lines = [
        "| questions | clients | requests | q/s | p50 ms | p95 ms | p99 ms | errors | lost log rows |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lat = r["latency_ms"]
        lines.append(
            f"| {'new (embedded each time)' if r['new_questions'] else 'repeated (caches on)'} "
            f"| {r['clients']} | {r['requests']} | {r['throughput_qps']} | {lat['p50']} | {lat['p95']} | {lat['p99']} "
            f"| {r['errors']} | {r['lost_log_rows']} |"
        )
    table = "\n".join(lines) + "\n"
    print(table)
    if args.out:
        Path(args.out).mkdir(parents=True, exist_ok=True)
        (Path(args.out) / "load.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
        (Path(args.out) / "load.md").write_text(table, encoding="utf-8")
        print(f"Đã ghi {args.out}/load.json và load.md.")
    return 1 if any(r["errors"] or r["lost_log_rows"] for r in results) else 0
