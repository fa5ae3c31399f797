"""Benchmark report: targets checked, Markdown and charts."""

from __future__ import annotations

from pathlib import Path

STAGES = ("load_clean", "segment", "tokenize", "embed", "chroma_write", "sqlite_write", "bm25_build")
TARGETS = {
    "ingest_vs_floor": 0.90,
    "reingest_s_at_20k": 5.0,
    "answer_p95_ms_at_20k": 100.0,
    "serve_rss_mb_at_20k": 1024.0,
    "mcq_vs_answer": 2.0,  # a multiple-choice question within 2× an ordinary one (issue 22)
    "answer_vs_embed_p50": 1.5,  # an answer within 1.5× the bare query embedding at p50 (issue 25)
    "answer_p99_vs_p50": 3.0,  # an answer's p99 within 3× its p50 (issue 25)
}


def checks(result: dict) -> list[dict]:
    """Each target against the largest size (ingest ratio: the worst size)."""
    sizes = result["sizes"]
    if not sizes:
        return []
    big = sizes[-1]
    ratios = [s["ingest_vs_floor"] for s in sizes if s["ingest_vs_floor"] is not None]
    rows = [
        ("ingest ≥ 90% of embedder floor", min(ratios) if ratios else None, TARGETS["ingest_vs_floor"], ">="),
        (f"re-ingest unchanged at {big['chunks']} chunks (s)", big["reingest_s"], TARGETS["reingest_s_at_20k"], "<="),
        (f"answer p95 at {big['chunks']} chunks (ms)", big["answer_ms"]["p95"], TARGETS["answer_p95_ms_at_20k"], "<="),
        (f"serving RSS at {big['chunks']} chunks (MB)", big["rss_mb"]["serve"], TARGETS["serve_rss_mb_at_20k"], "<="),
        ("answer p95 ≤ naive p95 (ratio)", big["naive_latency_ratio_p95"], 1.0, "<="),
        ("hit@5 − naive hit@5", round(big["hit_at_5"] - big["naive"]["hit_at_5"], 3), 0.0, ">="),
    ]
    if big.get("answer_vs_embed_p50"):
        rows.append(
            ("answer p50 ÷ bare query embedding p50", big["answer_vs_embed_p50"], TARGETS["answer_vs_embed_p50"], "<=")
        )
    if big.get("answer_p99_vs_p50"):
        rows.append(("answer p99 ÷ answer p50", big["answer_p99_vs_p50"], TARGETS["answer_p99_vs_p50"], "<="))
    if big.get("mcq_vs_answer"):
        rows.append(
            ("multiple choice p95 ÷ answer p95", big["mcq_vs_answer"].get("p95"), TARGETS["mcq_vs_answer"], "<=")
        )
    out = []
    for name, value, target, op in rows:
        ok = value is not None and (value >= target if op == ">=" else value <= target)
        entry = {"check": name, "value": value, "target": f"{op} {target}", "met": ok}
        if not ok and value is not None:
            entry["missed_by"] = round(abs(value - target), 3)
            entry["why"] = _why(name, result)
        out.append(entry)
    return out


def _why(check: str, result: dict) -> str:
    """The measured reason for a missed target, from the run's own figures."""
    sizes = result["sizes"]
    if check.startswith("ingest"):
        worst = min((s for s in sizes if s["ingest_vs_floor"] is not None), key=lambda s: s["ingest_vs_floor"])
        embed_share = worst["stages_s"]["embed"] / worst["ingest_s"] if worst["ingest_s"] else 0.0
        return (
            f"at {worst['chunks']} chunks embedding took {embed_share:.0%} of the ingest wall time, so the other "
            f"stages were overlapped; the embedder itself ran at {worst['ingest_embedded_per_s']} of its "
            f"{worst['embedder_floor_chunks_per_s']} chunks/s because the preparing and writing threads share "
            f"the {result['machine']['cpus']} cores with it"
        )
    if check.startswith("answer p95 ≤ naive"):
        big = sizes[-1]
        pair = big.get("paired") or {"answer_ms": big["answer_ms"], "naive_ms": big["naive"]["answer_ms"]}
        extra = round(pair["answer_ms"]["p95"] - pair["naive_ms"]["p95"], 1)
        return (
            f"both embed the question; BM25 scoring, fusion, sentence extraction and the log add {extra} ms at "
            f"p95, for hit@5 {big['hit_at_5']} against the naive pipeline's {big['naive']['hit_at_5']}"
        )
    return "see bench.json"


def _slash(key: str):
    """A row's cell: the percentiles (or ratios) of `key` joined by "/", "–" when not measured."""
    return lambda s: "/".join(str(v) for v in s[key].values()) if s.get(key) else "–"


def _paired(s: dict) -> str:
    if not s.get("paired"):
        return "–"
    a, n = s["paired"]["answer_ms"], s["paired"]["naive_ms"]
    return f"{a['p50']}/{n['p50']} · {a['p95']}/{n['p95']}"


# The per-size table: (label, cell of one size's result)
_ROWS = [
    ("documents", lambda s: s["files"]),
    ("mean chunk (chars)", lambda s: s["mean_chunk_chars"]),
    ("embedder floor (chunks/s)", lambda s: s["embedder_floor_chunks_per_s"]),
    ("ingest, new texts embedded", lambda s: s["ingest_embedded"]),
    ("ingest end to end (embedded chunks/s)", lambda s: s["ingest_embedded_per_s"]),
    ("ingest / floor", lambda s: s["ingest_vs_floor"]),
    ("ingest wall (s)", lambda s: s["ingest_s"]),
    *[(f"· stage {k} (s)", lambda s, k=k: s["stages_s"][k]) for k in STAGES],
    ("re-ingest unchanged (s, in process)", lambda s: s["reingest_s"]),
    ("re-ingest unchanged (s, whole command)", lambda s: s["reingest_process_s"]),
    ("retrieve p50/p95/p99 (ms)", _slash("retrieve_ms")),
    ("answer p50/p95/p99 (ms)", _slash("answer_ms")),
    ("naive answer p50/p95/p99 (ms)", lambda s: _slash("answer_ms")(s["naive"])),
    ("paired in one process: answer / naive p50/p95 (ms)", _paired),
    (
        "answer p95 / naive p95 (paired; separate processes)",
        lambda s: f"{s['naive_latency_ratio_p95']}; {s.get('naive_latency_ratio_p95_separate', '–')}",
    ),
    ("bare query embedding p50/p95/p99 (ms)", _slash("embed_ms")),
    (
        "answer p50 ÷ embedding p50; answer p99 ÷ p50",
        lambda s: f"{s.get('answer_vs_embed_p50', '–')}; {s.get('answer_p99_vs_p50', '–')}",
    ),
    ("multiple choice p50/p95/p99 (ms)", _slash("mcq_ms")),
    ("multiple choice ÷ ordinary answer p50 / p95 (paired)", _slash("mcq_vs_answer")),
    ("stem embedding ÷ question embedding p50 / p95", _slash("stem_vs_question_embed")),
    ("hit@5 (naive)", lambda s: f"{s['hit_at_5']} ({s['naive']['hit_at_5']})"),
    ("false refusals / errors", lambda s: f"{s['false_refusals']} / {s['errors']}"),
    (
        "peak RSS ingest / serve / naive (MB)",
        lambda s: f"{s['rss_mb']['ingest']} / {s['rss_mb']['serve']} / {s['naive']['rss_mb']}",
    ),
    ("index on disk (MB)", lambda s: s["index_mb"]),
]


def markdown(result: dict) -> str:
    sizes = result["sizes"]
    cols = [f"{s['chunks']:,} chunks" for s in sizes]
    lines = [
        f"# chibo bench — {result['embedder']}, {result['machine']['cpus']} CPUs, {result['queries']} queries, "
        f"{result['seconds']:.0f} s",
        "",
        "| | " + " | ".join(cols) + " |",
        "|---|" + "---:|" * len(sizes),
        *[f"| {label} | " + " | ".join(str(fn(s)) for s in sizes) + " |" for label, fn in _ROWS],
        "",
        "| target | value | wanted | met |",
        "|---|---:|---:|:---:|",
    ]
    for c in result["checks"]:
        lines.append(f"| {c['check']} | {c['value']} | {c['target']} | {'yes' if c['met'] else 'NO'} |")
    missed = [c for c in result["checks"] if not c["met"] and "why" in c]
    if missed:
        lines.append("")
        lines += [f"- **{c['check']}** missed by {c['missed_by']}: {c['why']}." for c in missed]
    lines += [
        "",
        "Ingest rate counts the texts embedded in that run (a smaller size's texts come from the vector "
        "cache). Stages overlap: loading, segmentation and tokenising run in a thread beside embedding.",
    ]
    return "\n".join(lines) + "\n"


def charts(result: dict, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = result["sizes"]
    xs = [s["chunks"] for s in sizes]
    fig, ax = plt.subplots(figsize=(7, 4.2))
    for k in STAGES:
        ax.plot(xs, [max(s["stages_s"][k], 1e-3) for s in sizes], marker="o", label=k)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("chunks")
    ax.set_ylabel("seconds (stage total)")
    ax.set_title("Ingest stages by library size")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "bench-ingest-stages.png", dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(7, 4.2))
    for label, get in (
        ("retrieve p50", lambda s: s["retrieve_ms"]["p50"]),
        ("retrieve p95", lambda s: s["retrieve_ms"]["p95"]),
        ("answer p50", lambda s: s["answer_ms"]["p50"]),
        ("answer p95", lambda s: s["answer_ms"]["p95"]),
        ("naive p95", lambda s: s["naive"]["answer_ms"]["p95"]),
    ):
        ax.plot(xs, [get(s) for s in sizes], marker="o", label=label)
    ax.axhline(TARGETS["answer_p95_ms_at_20k"], color="grey", ls="--", lw=1, label="target p95")
    ax.set_xscale("log")
    ax.set_xlabel("chunks")
    ax.set_ylabel("ms per query (query embedding included)")
    ax.set_title("Query latency by library size")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "bench-latency.png", dpi=110)
    plt.close(fig)
