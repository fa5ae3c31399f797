"""`chibo eval` and `chibo bench`, registered into the CLI (`register_commands`)."""

from __future__ import annotations

from pathlib import Path


def register_commands(sub, common) -> None:
    p = sub.add_parser("eval", help="run question sets and compare configurations")
    p.add_argument("questions", type=Path, nargs="?")
    common.index(p)
    p.add_argument(
        "--configs",
        default="default",
        help="comma-separated: default,bm25-words,bm25-syllables,dense,naive-langchain,…",
    )
    p.add_argument("--out", type=Path, help="write report.json, report.md and charts here")
    p.add_argument("--top-k", type=int, default=10)
    p.add_argument(
        "--extra",
        type=Path,
        action="append",
        default=[],
        help="also ingest this folder beside the index documents (e.g. distractors)",
    )
    p.add_argument("--history", action="store_true", help="print earlier evaluation runs")
    p.set_defaults(func=lambda a: _eval(a, common.settings(a)))

    p = sub.add_parser("bench", help="benchmark ingest, query latency and memory on synthetic libraries")
    p.add_argument("--chunks", default="2000,20000", help="library sizes in chunks, comma-separated")
    p.add_argument("--out", type=Path, default=Path("bench-report"), help="write bench.json, bench.md, PNGs here")
    p.add_argument(
        "--keep-cache", action="store_true", help="reuse vectors from an earlier run (ingest then is not cold)"
    )
    p.add_argument(
        "--load",
        help="instead: load test the current index with these numbers of concurrent clients, e.g. 1,4,16",
    )
    p.add_argument("--seconds", type=float, default=60.0, help="duration of each load-test run")
    p.add_argument(
        "--library",
        type=Path,
        help="instead: ingest this real folder cold and compare with the bare embedder on its chunks",
    )
    common.index(p, embedder=False)
    p.set_defaults(func=lambda a: _bench(a, common.settings(a)))


def _eval(args, settings) -> int:
    from evals.run import cli

    return cli(args, settings)


def _bench(args, settings) -> int:
    from evals.bench import cli

    return cli(args, settings)
