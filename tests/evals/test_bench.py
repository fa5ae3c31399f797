"""The benchmark and the load test run end to end on small sizes (no timing asserted)."""

from __future__ import annotations

import json

import pytest

from evals import bench, load, synth
from ingest.config import CORPUS_DIR


def test_synthetic_library_is_deterministic_nested_and_varied(tmp_path):
    small = synth.build(60, tmp_path / "small")
    big = synth.build(200, tmp_path / "big")
    s_files = sorted(p.name for p in (small / "synthetic").iterdir())
    b_files = sorted(p.name for p in (big / "synthetic").iterdir())
    assert b_files[: len(s_files)] == s_files  # a smaller library is a prefix of a larger one
    for name in s_files:
        assert (small / "synthetic" / name).read_text() == (big / "synthetic" / name).read_text()
    assert {p.name for p in CORPUS_DIR.glob("*.txt")} <= {p.name for p in big.iterdir()}
    paragraphs = [p for f in (big / "synthetic").iterdir() for p in f.read_text().split("\n\n")[1:]]
    assert len(set(paragraphs)) > 0.95 * len(paragraphs)


def test_queries_are_distinct_variations_of_the_dev_set():
    qs = bench.queries()
    assert len(qs) >= 200 and len({q["text"] for q in qs}) == len(qs)
    assert any(q["refuse"] for q in qs) and all(q["evidence"] for q in qs if not q["refuse"])


@pytest.mark.slow
def test_bench_writes_the_report_schema(tmp_path):
    out = tmp_path / "bench"
    result = bench.run([30], out, log=lambda *_: None)
    data = json.loads((out / "bench.json").read_text())
    assert data == json.loads(json.dumps(result))
    (size,) = data["sizes"]
    for key in ("chunks", "embedder_floor_chunks_per_s", "ingest_chunks_per_s", "reingest_s", "index_mb", "hit_at_5"):
        assert isinstance(size[key], (int, float)) and size[key] > 0, key
    for key in ("retrieve_ms", "answer_ms"):
        assert 0 < size[key]["p50"] <= size[key]["p95"] <= size[key]["p99"]
    assert size["rss_mb"]["ingest"] > 100 and size["rss_mb"]["serve"] > 100
    assert size["naive"]["answer_ms"]["p95"] > 0 and 0 <= size["naive"]["hit_at_5"] <= 1
    assert size["ingest_embedded"] == size["chunks"]  # a fresh cache: every text embedded once
    assert size["errors"] == 0 and size["hit_at_5"] >= size["naive"]["hit_at_5"]
    assert (out / "bench.md").read_text().count("|") > 50
    assert (out / "bench-latency.png").stat().st_size > 10_000
    assert (out / "bench-ingest-stages.png").stat().st_size > 10_000


@pytest.mark.slow
def test_load_test_concurrent_clients_lose_no_log_rows(corpus_index):
    result = load.run(corpus_index, clients=4, seconds=4)
    assert result["requests"] > 4 and result["errors"] == 0, result["error_samples"]
    assert result["lost_log_rows"] == 0 and result["distinct_turn_ids"] == result["requests"]
