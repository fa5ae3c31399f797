"""Answerability: the one policy that decides whether the library answers a question, used by
answers and outlines alike. `AnswerabilityGate.check(query, hits, idf)` → `Verdict`.

It rests on the evidence, not on a list of topics: the best passages must cover the question's
words (IDF-weighted) or be clearly closer in meaning than off-topic questions get in this library
(`evidence`); they must hold the kind of answer asked for — a number, a duration, a time, an
authority (`kinds`); a follow-up's own words must be in them too; a question about today needs a
document from today. An administrator may add a scope (`scope`, off by default). Thresholds are
`Settings.gates`; a new refusal signal is a module here and a line in `check`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from assistant.gates import kinds
from assistant.gates.evidence import NoiseFloor, candidates, evidence_coverage
from assistant.gates.scope import Scope
from assistant.query import Query
from ingest import textnorm
from ingest.model import Hit
from ingest.settings import GateSettings
from ingest.structure import matches

# Questions about the present moment: a passage dated long ago cannot answer them.
_YEAR = re.compile(
    r"(?<![\d./-])((?:19[4-9]|20[0-9])\d)(?![\d./-]?\d)"
)  # 1940–2099, not inside 12/2022-style numbers' digits
_NOW = re.compile(r"\b(hom nay|ngay mai|toi nay|sang nay|chieu nay|dem nay|bay gio|luc nay|tuan nay|hien gio)\b")
CURRENT_DAYS = 7  # a document this recent may answer a question about today
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_START = re.compile(r"(?:^|[.?!:;\n•*-]\s*|\d[.)]\s+)$")
MAX_CAPITALISED_SHARE = 0.5  # a question in Title Case Throughout names nothing in particular
# "ở Đà Nẵng", "tại xã Ia Trok": where the asker is, not what the question is about
_PLACE_BEFORE = re.compile(
    r"\b(?:ở|tại)\s+(?:(?:tỉnh|thành phố|tp\.?|huyện|quận|thị xã|thị trấn|xã|phường|thôn|bản|làng|ấp|khu phố|tổ dân phố)\s+)?$",
    re.IGNORECASE,
)


@dataclass
class Verdict:
    answerable: bool
    reason: str | None = None  # out_of_scope | not_current | no_evidence, when not answerable
    evidence: dict = field(default_factory=dict)  # the signals, for logs and calibration


def passes(coverage: float, dense_margin: float | None, t: GateSettings) -> bool:
    """The question's words are in the passage, or some are and the passage is clearly closer in
    meaning than off-topic questions get in this library."""
    if coverage >= t.min_coverage:
        return True
    return coverage >= t.min_coverage_with_dense and (dense_margin or 0.0) >= t.min_dense_margin


def asks_about_now(question: str) -> bool:
    """ "Giá vàng hôm nay?", "Thời tiết ngày mai thế nào?" ask about the present moment."""
    return bool(_NOW.search(textnorm.fold(question)))


class AnswerabilityGate:
    """Cheap to construct; probe vectors are embedded on first use (or `warm()`)."""

    def __init__(
        self, retriever, thresholds: GateSettings | None = None, scope: str | None = None, signals: list | None = None
    ) -> None:
        """`signals`: the refusal signals to run, in order (default `assistant.gates.signals.SIGNALS`)."""
        from assistant.gates.signals import SIGNALS

        self.signals = list(signals) if signals is not None else SIGNALS
        self.retriever = retriever
        self.thresholds = thresholds or retriever.settings.gates
        self.floor = NoiseFloor(retriever)
        scope = scope if scope is not None else retriever.settings.scope
        self.scope = Scope(scope, retriever.embed_query) if scope else None

    # what the signals (assistant.gates.signals) call, reached through the gate they are given
    passes = staticmethod(passes)
    asks_about_now = staticmethod(asks_about_now)
    recent = staticmethod(lambda hit: _recent(hit))
    holds = staticmethod(lambda hit, named: _holds(hit, named))

    def warm(self) -> None:
        """Embed the noise-floor probes (and the scope) now, not on a first question."""
        self.floor.value()
        if self.scope is not None:
            self.scope.allows(self.retriever.embed_query("chi bộ"))

    def with_header(self, hit: Hit) -> str:
        """A passage as retrieval saw it: its document title, headings and section, then its text."""
        return hit.header(sep="\n") + "\n" + hit.chunk.text

    def around(self, hits: list[Hit]) -> list[Hit]:
        """The passages a kind of answer or a named thing may come from: the evidence passages and
        the two after them."""
        return hits[: self.thresholds.evidence_top_n + 2]

    def coverage(self, q: Query, hits: list[Hit], idf: dict[str, float]) -> float:
        """The best coverage of the question among the top passages."""
        lib = self.retriever.library
        top = hits[: self.thresholds.evidence_top_n]
        return max(
            (evidence_coverage(q, self.with_header(h), idf, lib.token_set(h.chunk.id)) for h in top), default=0.0
        )

    def gives_kind(self, q: Query, hits: list[Hit], idf: dict[str, float]) -> tuple[bool, list[str]]:
        """Whether a sentence of the top passages that is about the question holds every strict
        kind of answer the question asks for (number, duration, time, authority)."""
        wanted = kinds.strict_kinds(q.asks)
        if not wanted:
            return True, []
        for c in candidates(q, self.around(hits), idf):
            if c.about >= self.thresholds.min_coverage_with_dense and all(
                kinds.gives(k, c.text, q.raw) for k in wanted
            ):
                return True, sorted(wanted)
        return False, sorted(wanted)

    def _years_not_found(self, q: Query, hits: list[Hit]) -> list[str]:
        """Years the question names ("2022") that none of the top passages holds, in its text,
        headings, title or document date."""
        asked = sorted(set(_YEAR.findall(q.raw)))
        if not asked:
            return []
        seen = " ".join(
            f"{self.with_header(h)} {(h.document.date or '') if h.document else ''}" for h in self.around(hits)
        )
        return [y for y in asked if not re.search(rf"(?<!\d){y}(?!\d)", seen)]

    def _names_not_found(self, q: Query, hits: list[Hit]) -> tuple[list[str], list[str]]:
        """The names the question gives ("Đảng Dân chủ Mỹ") with a word that none of the top
        passages holds, in its text, headings, title or its document's issuer and publisher (the
        passages are about something else that shares the question's common words), and the
        places it is asked from that they do not name (`places`)."""
        asked, where = names(q.raw), places(q.raw)
        if not asked and not where:
            return [], []
        folded = not textnorm.has_diacritics(q.raw)
        seen: set[str] = set()
        for h in self.around(hits):
            seen.update(textnorm.syllables(self.with_header(h)))
            if h.document:  # "Huyện ủy Ia Pa": the issuer is in the document's header, not in every passage
                seen.update(textnorm.syllables(f"{h.document.issuer or ''} {h.document.meta.get('publisher') or ''}"))
        if folded:
            seen = {textnorm.fold_word(w) for w in seen}

        def held(word: str) -> bool:
            return (textnorm.fold_word(word) if folded else word) in seen

        missing_places = [p for p in where if not all(held(w) for w in p.lower().split())]
        place_words = {w for p in missing_places for w in p.lower().split()}
        return [n for n in asked if not held(n) and n not in place_words], missing_places

    def _documents_not_held(self, q: Query, hits: list[Hit]) -> list[str]:
        """Full numbers the question names ("150-NQ/TW") that no document of the library is and
        no retrieved passage mentions."""
        lib = self.retriever.library
        out = []
        for m in q.mentions:
            if not m.issuer:
                continue  # "Hướng dẫn 12": short mentions are matched loosely, not refused on
            ids = {m.id, m.key}
            if lib.documents_numbered(ids) or any(ids & set(h.chunk.doc_numbers) for h in hits[:5]):
                continue
            out.append(m.id)
        return out

    def check(
        self,
        q: Query,
        hits: list[Hit],
        idf: dict[str, float],
        coverage_query: Query | None = None,
        own: Query | None = None,
    ) -> Verdict:
        """Whether the retrieved passages answer `q`. `coverage_query`: measure coverage for this
        query instead (an outline's topic widened with its concepts); `own`: a follow-up's own
        words, which must be covered as well as the rewritten question's."""
        from assistant.gates.signals import Context

        t = self.thresholds
        top = hits[: t.evidence_top_n]
        cov = self.coverage(coverage_query or q, hits, idf)
        dense = max((h.dense_score or 0.0 for h in top), default=0.0)
        floor = self.floor.value()
        evidence: dict = {"coverage": round(cov, 3), "dense": round(dense, 3), "dense_margin": round(dense - floor, 3)}
        ctx = Context(self, q, hits, idf, top, cov, dense - floor, own, evidence)
        for signal in self.signals:
            ok, found = signal.check(ctx)
            evidence.update(found)
            if not ok:
                return Verdict(False, signal.reason, evidence)
        return Verdict(True, None, evidence)


def names(question: str) -> list[str]:
    """Capitalised words inside a sentence of the question, lower-cased: the words of the names it
    gives. A sentence's first word, acronyms ("TW", "UBND"), option letters and questions typed
    mostly in capitals give none.

    >>> names("Đảng Dân chủ Mỹ hiện có bao nhiêu đảng viên?")
    ['dân', 'mỹ']
    >>> names("Theo Điều lệ Đảng, chi bộ họp mấy lần? A. Một lần B. Hai lần")
    ['điều', 'đảng']
    >>> names("Tết Nguyên đán công chức nghỉ mấy ngày?")
    ['nguyên']
    >>> names("Chi Bộ Họp Mấy Lần?")
    []
    """
    found: list[str] = []
    for word, _start, place in _capitalised(question):
        low = word.lower()
        if place is None and low not in found:
            found.append(low)
    return found


def places(question: str) -> list[str]:
    """The places the question is asked from ("ở Đà Nẵng", "tại xã Ia Trok"), as written: the
    answer may be a rule that holds there too, so a place the passages do not name is said, not
    refused on.

    >>> places("Ở chi bộ tại thành phố Đà Nẵng, chi bộ có bao nhiêu đảng viên thì bầu chi ủy?")
    ['Đà Nẵng']
    >>> names("Ở chi bộ tại thành phố Đà Nẵng, chi bộ có bao nhiêu đảng viên thì bầu chi ủy?")
    []
    """
    out: dict[int, list[str]] = {}
    for word, _start, place in _capitalised(question):
        if place is not None:
            out.setdefault(place, []).append(word)
    return [" ".join(words) for words in out.values()]


def _capitalised(question: str) -> list[tuple[str, int, int | None]]:
    """(word, offset, place run) for each capitalised word a name may hold; place run: the offset
    of the place phrase the word belongs to, or None."""
    text = textnorm.normalize(question)
    out: list[tuple[str, int, int | None]] = []
    total = capitalised = 0
    run: int | None = None  # the place phrase being read
    last_end = -1
    for m in _WORD.finditer(text):
        word = m.group(0)
        total += 1
        if not word[0].isupper():
            run = None
            continue
        capitalised += 1
        before = text[: m.start()]
        if word.isupper() or _SENTENCE_START.search(before):
            run = None
            continue
        if run is not None and text[last_end : m.start()].strip() == "":
            place = run  # "Đà Nẵng": the place goes on
        elif _PLACE_BEFORE.search(before):
            place = run = m.start()
        else:
            place = run = None
        last_end = m.end()
        out.append((word, m.start(), place))
    if total and capitalised / total > MAX_CAPITALISED_SHARE:
        return []
    return out


def _holds(hit: Hit, named: list[str]) -> bool:
    sections = hit.chunk.sections or [(0, hit.chunk.section)]
    return any(matches(n, sec) for n in named for _, sec in sections)


def _recent(hit: Hit) -> bool:
    when = hit.document.date if hit.document else None
    if not when or len(when) < 10:
        return False
    try:
        return (date.today() - date.fromisoformat(when)).days <= CURRENT_DAYS
    except ValueError:
        return False
