"""Rank fusion rules."""

from __future__ import annotations

import pytest

from assistant.retrieval import Fusion, RetrievalConfig, fuse


def test_fusion_rules():
    cfg = RetrievalConfig(fusion=Fusion.RRF, rrf_k=60, dense_weight=1.0)
    fused = dict(fuse([("a", 9.0), ("b", 5.0)], [("b", 0.9), ("c", 0.8)], [], cfg))
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert max(fused, key=fused.get) == "b"
    weighted = dict(fuse([("a", 9.0)], [("c", 0.9)], [], RetrievalConfig(rrf_k=20, dense_weight=0.7)))
    assert weighted["a"] == pytest.approx(1 / 21) and weighted["c"] == pytest.approx(0.7 / 21)
    mm = dict(
        fuse(
            [("a", 9.0), ("b", 5.0)],
            [("b", 0.9), ("c", 0.8)],
            [],
            RetrievalConfig(fusion=Fusion.MINMAX, dense_weight=1.0),
        )
    )
    assert mm["a"] == pytest.approx(1.0) and mm["b"] == pytest.approx(1.0) and mm["c"] == pytest.approx(0.0)
