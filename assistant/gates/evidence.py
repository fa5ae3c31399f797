"""Evidence measures: how much of a question a passage covers, and how close in meaning the
library gets for questions it cannot answer (its noise floor)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from assistant.query import ABBREVIATIONS, STOPWORDS, Query, alternatives, analyze
from ingest import textnorm
from ingest.model import Hit


def term_in(term: str, folded_text: str) -> bool:
    """Whether a folded term ("sinh_hoat") occurs in folded text as whole syllables.

    >>> term_in("sinh_hoạt", "chi bộ sinh hoạt, họp"), term_in("sinh_hoạt", "sinh, hoạt"), term_in("hoạt", "hoạt_động")
    (True, False, False)
    """
    # a run absent as a substring is absent as whole words: most terms of most texts are
    # settled without the pattern search
    return term.replace("_", " ") in folded_text and _term_pattern(term).search(folded_text) is not None


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


def clause_head(chunk, offset: int) -> str:
    """The first line of the clause a sentence sits in ("2. Hình thức kỷ luật :"): read with the
    sentence, a bullet "- Đối với đảng viên chính thức : khiển trách, …" is about discipline."""
    head = ""
    for start, _section in chunk.sections:
        if start <= offset:
            end = chunk.text.find("\n", start)
            head = chunk.text[start : end if end >= 0 else len(chunk.text)]
    return head[:200]


def evidence_coverage(q: Query, text: str, idf: dict[str, float], words: frozenset[str] | None = None) -> float:
    """IDF-weighted share of the question's content words found in `text`.

    With `words` (the chunk's segmented words), a one-syllable word must be a word of the
    chunk: "giá" (price) is not found in "giá trị" (value). Compounds match as phrases."""
    weighted = _weighted(q, idf)
    if not weighted[0]:
        return 0.0
    hay = match_form(q, text)
    return _share(weighted, {t for t in weighted[0] if present(q, t, hay, words)})


def _weighted(q: Query, idf: dict[str, float]) -> tuple[tuple[str, ...], list[float], float]:
    """The question's content words, their IDF weights and the weights' sum."""
    terms = tuple(question_terms(q))
    weights = [idf.get(textnorm.fold_word(t), 1.0) for t in terms]
    return terms, weights, sum(weights)


def _share(weighted: tuple[tuple[str, ...], list[float], float], found: frozenset[str] | set[str]) -> float:
    """The weighted share of the question's words that are `found`."""
    terms, weights, total = weighted
    return sum(w for t, w in zip(terms, weights) if t in found) / total if total else 0.0


def found_terms(q: Query, text: str) -> frozenset[str]:
    """The question's content words (as `question_terms`) that `text` holds, or another word
    for them (`present` without a chunk's word set). Cached: a passage's header, a clause's
    lead-in and its sentences are read again by the gate, the composer and each option."""
    return _found(tuple(question_terms(q)), q.no_diacritics, text)


@lru_cache(maxsize=32768)
def _found(terms: tuple[str, ...], folded: bool, text: str) -> frozenset[str]:
    hay = _match_form(text, folded)
    out = []
    for t, forms in _forms(terms):
        for f in forms:  # `term_in` inlined (its forms already spaced): 1.8 against 3.6 µs a text
            if f in hay and _term_pattern(f).search(hay) is not None:
                out.append(t)
                break
    return frozenset(out)


@lru_cache(maxsize=4096)
def _forms(terms: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each term with the word runs it is found as (itself and its other words, "_" as a
    space), worked out once per question."""
    return tuple((t, tuple(a.replace("_", " ") for a in (t, *alternatives(t)))) for t in terms)


def coverage_of(q: Query, found: frozenset[str] | set[str], idf: dict[str, float]) -> float:
    """`evidence_coverage` of a text whose found words are known: for a text made of parts
    (header, lead-in, clause head, sentence), each part read once however many sentences share it."""
    return _share(_weighted(q, idf), found)


def present(q: Query, term: str, hay: str, words: frozenset[str] | None = None) -> bool:
    """Whether a question term (or another word for it) is in a passage (`hay`: its match form)."""
    for t in (term, *alternatives(term)):
        if words is not None and "_" not in t:
            if t in words or (q.no_diacritics and textnorm.fold_word(t) in words):
                return True
        elif term_in(t, hay):
            return True
    return False


# The one sentence reader: every sentence of the top passages, read with its context and scored
# by how much of the question it covers. The answer composer, multiple choice and the refusal gate
# weigh these candidates each their own way; none splits or reads passages itself. A sentence is
# read with its passage's header (title, headings, section path), the lead-in lines above its
# clause (multiple choice) and its clause's first line ("2. Hình thức kỷ luật :" over "- Đối với
# đảng viên chính thức : …"); each part is read once for the question's words however many
# sentences share it.


@dataclass
class Candidate:
    hit: Hit
    rank: int  # the passage's rank among the hits read, from 0
    start: int  # the sentence's offset in its chunk
    text: str
    context: str  # header, lead-in, clause head and sentence
    about: float  # the question's IDF-weighted words found in the context
    own: float  # … in the sentence alone


def candidates(
    q: Query, hits: list[Hit], idf: dict[str, float], section: bool = True, lead=None, min_words: int = 0
) -> Iterator[Candidate]:
    """Every sentence of `hits` in order, with its context and coverage of `q`, read as they
    are asked for (the gate stops at the first sentence that gives what the question asks).

    `section`: the header holds the section path; `lead(chunk, offset)`: the lead-in lines above
    a sentence's clause (`Library.lead_ins`); `min_words`: shorter sentences, and a passage's own
    headings, are left out."""
    found: dict[str, frozenset[str]] = {}
    weighted = _weighted(q, idf)  # read once for every sentence, not by `coverage_of` each time

    def holds(part: str) -> frozenset[str]:
        if part not in found:
            found[part] = _found(weighted[0], q.no_diacritics, part)
        return found[part]

    for rank, h in enumerate(hits):
        text = h.chunk.text
        header = h.header(section)
        for a, b in sentence_spans(text):
            sent = text[a:b]
            if min_words and (len(sent.split()) < min_words or sent in h.chunk.heading_path):
                continue
            above = lead(h.chunk, a) if lead is not None else ""
            head = clause_head(h.chunk, a)
            context = f"{header} {above} {head} {sent}" if lead is not None else f"{header} {head} {sent}"
            own = holds(sent)
            about = _share(weighted, holds(header) | holds(above) | holds(head) | own)
            yield Candidate(h, rank, a, sent, context, about, _share(weighted, own))


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
