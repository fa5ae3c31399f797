"""Synthetic libraries for the benchmark."""

from __future__ import annotations

from evals import synth
from ingest.settings import CORPUS_DIR


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
