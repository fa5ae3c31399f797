"""Retrieval settings: mode, tokenizer, fusion and their weights."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class _Choice(StrEnum):
    """A setting parsed from a string; a bad value lists the valid ones (haystack's JoinMode)."""

    @classmethod
    def from_str(cls, value: str):
        try:
            return cls(value)
        except ValueError:
            what = cls.__name__.lower()
            raise ValueError(f"Unknown {what} '{value}'. Supported {what}s: {[m.value for m in cls]}") from None


class Mode(_Choice):
    HYBRID = "hybrid"
    BM25 = "bm25"
    DENSE = "dense"


class Fusion(_Choice):
    RRF = "rrf"
    MINMAX = "minmax"


@dataclass(frozen=True)
class RetrievalConfig:
    # Defaults chosen by `chibo eval --configs` on the dev set, on the seed corpus and with the
    # 995 distractor articles (README, Evaluation): syllable+pair BM25 beats word BM25; RRF with
    # k=20 and a lighter dense list held up best as the library grew (min-max fusion won on the
    # seeds alone, 0.976, but fell to 0.849 with distractors).
    mode: Mode = Mode.HYBRID
    tokenizer: str = "syllables"  # syllables (syllables + adjacent pairs) | words (underthesea)
    fusion: Fusion = Fusion.RRF
    rrf_k: int = 20
    bm25_weight: float = 1.0
    dense_weight: float = 0.7
    mention_weight: float = 1.0  # weight of the "mentions the named document" list
    candidates: int = 50  # per retriever, before fusion
    max_per_doc: int | None = None  # cap of chunks per document in the results

    def with_(self, **kw) -> RetrievalConfig:
        return replace(self, **{k: v for k, v in kw.items() if v is not None})
