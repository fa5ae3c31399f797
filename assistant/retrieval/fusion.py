"""Combining ranked lists: weighted reciprocal-rank fusion or weighted min-max score fusion."""

from __future__ import annotations

from assistant.retrieval.config import Fusion, Mode, RetrievalConfig


def fuse(
    bm25: list[tuple[str, float]], dense: list[tuple[str, float]], mentioned: list[str], cfg: RetrievalConfig
) -> list[tuple[str, float]]:
    """Combine ranked (chunk id, score) lists; chunks that mention a document the question names
    get a bonus worth a first rank in one more list."""
    scores: dict[str, float] = {}
    if cfg.fusion == Fusion.RRF or cfg.mode != Mode.HYBRID:
        for weight, ranked in ((cfg.bm25_weight, [c for c, _ in bm25]), (cfg.dense_weight, [c for c, _ in dense])):
            for r, cid in enumerate(ranked, 1):
                scores[cid] = scores.get(cid, 0.0) + weight / (cfg.rrf_k + r)
        bonus = cfg.mention_weight / (cfg.rrf_k + 1)
    else:
        for weight, ranked in ((cfg.bm25_weight, bm25), (cfg.dense_weight, dense)):
            if not ranked:
                continue
            hi, lo = ranked[0][1], ranked[-1][1]
            span = (hi - lo) or 1.0
            for cid, s in ranked:
                scores[cid] = scores.get(cid, 0.0) + weight * (s - lo) / span
        bonus = cfg.mention_weight * 0.5
    for cid in mentioned:
        if cid in scores or cfg.mode == Mode.HYBRID:
            scores[cid] = scores.get(cid, 0.0) + bonus
    return sorted(scores.items(), key=lambda kv: -kv[1])
