"""Evidence measures: how much of a question a passage covers, and how close in meaning the
library gets for questions it cannot answer (its noise floor)."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.query import ABBREVIATIONS, STOPWORDS, Query, alternatives, analyze
from ingest import textnorm


def term_in(term: str, folded_text: str) -> bool:
    """Whether a folded term ("sinh_hoat") occurs in folded text as whole syllables."""
    return _term_pattern(term).search(folded_text) is not None


@lru_cache(maxsize=16384)
def _term_pattern(term: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(term.replace('_', ' '))}(?!\w)")


def match_form(q: Query, text: str) -> str:
    """Questions with diacritics are matched exactly ("bò" is not "bộ"); without, folded."""
    return _match_form(text, q.no_diacritics)


@lru_cache(maxsize=8192)
def _match_form(text: str, folded: bool) -> str:
    # Cached: the same passages and sentences are scored for many questions.
    return textnorm.fold(text) if folded else textnorm.normalize(text).lower()


def question_terms(q: Query) -> list[str]:
    """The question's content words as matched against passages."""
    return q.terms if q.no_diacritics else list(_exact_terms(q.text))


@lru_cache(maxsize=4096)
def _exact_terms(text: str) -> tuple[str, ...]:
    # Cached: scoring calls this for every candidate sentence of every answer.
    out: list[str] = []
    for w in textnorm.words(text):
        # an abbreviation counts by its expansion, which the search text carries beside it
        if textnorm.fold(w) not in STOPWORDS and w not in out and w.upper() not in ABBREVIATIONS:
            out.append(w)
    return tuple(out)


@lru_cache(maxsize=65536)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans of a chunk, cached: chunk texts never change."""
    return tuple(textnorm.sentence_spans(text))


def evidence_coverage(q: Query, text: str, idf: dict[str, float], words: frozenset[str] | None = None) -> float:
    """IDF-weighted share of the question's content words found in `text`.

    With `words` (the chunk's segmented words), a one-syllable word must be a word of the
    chunk: "giá" (price) is not found in "giá trị" (value). Compounds match as phrases."""
    terms = question_terms(q)
    if not terms:
        return 0.0
    hay = match_form(q, text)
    weights = [idf.get(textnorm.fold_word(t), 1.0) for t in terms]

    def found(t: str) -> bool:
        return present(q, t, hay, words)

    return sum(w for t, w in zip(terms, weights) if found(t)) / sum(weights)


def found_terms(q: Query, text: str) -> frozenset[str]:
    """The question's content words (as `question_terms`) that `text` holds."""
    hay = match_form(q, text)
    return frozenset(t for t in question_terms(q) if present(q, t, hay))


def coverage_of(q: Query, found: frozenset[str] | set[str], idf: dict[str, float]) -> float:
    """`evidence_coverage` of a text whose found words are known: for a text made of parts
    (header, lead-in, clause head, sentence), each part read once however many sentences share it."""
    terms = question_terms(q)
    if not terms:
        return 0.0
    weights = [idf.get(textnorm.fold_word(t), 1.0) for t in terms]
    return sum(w for t, w in zip(terms, weights) if t in found) / sum(weights)


def present(q: Query, term: str, hay: str, words: frozenset[str] | None = None) -> bool:
    """Whether a question term (or another word for it) is in a passage (`hay`: its match form)."""
    for t in (term, *alternatives(term)):
        if words is not None and "_" not in t:
            if t in words or (q.no_diacritics and textnorm.fold_word(t) in words):
                return True
        elif term_in(t, hay):
            return True
    return False


# Questions no party-cell library answers. Their best dense similarity against this library is
# the "noise floor": a bigger library raises every top score, so refusal compares a question's
# top score with this floor instead of a fixed number. (A calibration of the similarity scale,
# not a list of forbidden topics: no question is compared with them.)
NULL_PROBES = (
    "Thời tiết Hà Nội ngày mai có mưa không?",
    "Kết quả trận bóng đá tối qua thế nào?",
    "Công thức làm bánh bông lan mềm xốp",
    "Giá cổ phiếu ngân hàng hôm nay tăng hay giảm?",
    "Bài hát nào đang nổi tiếng nhất năm nay?",
    "Cách chữa đau đầu và mất ngủ tại nhà",
    "Mua điện thoại thông minh loại nào tốt?",
    "Lịch chiếu phim cuối tuần này",
)


class NoiseFloor:
    """Mean top dense similarity of off-topic probe questions, once per index generation."""

    def __init__(self, retriever) -> None:
        self.retriever = retriever
        self._floor: tuple[str | None, float] | None = None

    def value(self) -> float:
        lib = self.retriever.library
        lib.loaded()
        if self._floor is None or self._floor[0] != lib.generation:
            tops = []
            for probe in NULL_PROBES:
                hits = self.retriever.index.dense_search(self.retriever.embed_query(analyze(probe).text), 1)
                if hits:
                    tops.append(hits[0][1])
            self._floor = (lib.generation, sum(tops) / len(tops) if tops else 0.0)
        return self._floor[1]
