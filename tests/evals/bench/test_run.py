"""`chibo bench` end to end on a tiny library."""

from __future__ import annotations

import json

import pytest

from evals import bench


@pytest.mark.slow
def test_bench_writes_the_report_schema(tmp_path):
    out = tmp_path / "bench"
    result = bench.run([30], out, log=lambda *_: None)
    data = json.loads((out / "bench.json").read_text())
    assert data == json.loads(json.dumps(result))
    (size,) = data["sizes"]
    for key in ("chunks", "embedder_floor_chunks_per_s", "ingest_chunks_per_s", "reingest_s", "index_mb", "hit_at_5"):
        assert isinstance(size[key], (int, float)) and size[key] > 0, key
    for key in ("retrieve_ms", "answer_ms", "embed_ms"):
        assert 0 < size[key]["p50"] <= size[key]["p95"] <= size[key]["p99"]
    assert size["answer_vs_embed_p50"] > 0 and size["answer_p99_vs_p50"] >= 1
    checked = {c["check"] for c in data["checks"]}
    assert {"answer p50 ÷ bare query embedding p50", "answer p99 ÷ answer p50"} <= checked
    assert size["rss_mb"]["ingest"] > 100 and size["rss_mb"]["serve"] > 100
    assert size["naive"]["answer_ms"]["p95"] > 0 and 0 <= size["naive"]["hit_at_5"] <= 1
    # the latency ratio comes from both pipelines timed query by query in one process
    paired = size["paired"]
    assert 0 < paired["answer_ms"]["p50"] <= paired["answer_ms"]["p95"]
    assert 0 < paired["naive_ms"]["p50"] <= paired["naive_ms"]["p95"]
    assert size["naive_latency_ratio_p95"] == round(paired["answer_ms"]["p95"] / paired["naive_ms"]["p95"], 2)
    assert "paired in one process" in (out / "bench.md").read_text()
    assert size["ingest_embedded"] == size["chunks"]  # a fresh cache: every text embedded once
    assert size["errors"] == 0 and size["hit_at_5"] >= size["naive"]["hit_at_5"]
    assert (out / "bench.md").read_text().count("|") > 50
    assert (out / "bench-latency.png").stat().st_size > 10_000
    assert (out / "bench-ingest-stages.png").stat().st_size > 10_000
