"""The extractive answerer: exact sentences from the top chunks, each with its [n] citation.

No LLM. It picks the sentences that best cover the question's content words (IDF-weighted),
favouring better-ranked chunks, answers with one to three of them (a bullet list for
"những … nào / gồm / các bước / như thế nào" questions), then lists the sources. When the
evidence is too thin it refuses, and offers the closest passages instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.query import Query
from assistant.retrieval import Hit, term_in
from ingest import textnorm

MAX_WORDS = 120
LONG_SENTENCE_WORDS = 60  # longer sentences are quoted by their relevant clauses only

_LIST_CUES = re.compile(
    r"\b(những\s+\w+(\s+\w+)?\s+(nào|gì)|gồm|bao gồm|các bước|như thế nào|thế nào|ra sao|những gì|"
    r"nhung\s+\w+(\s+\w+)?\s+(nao|gi)|cac buoc|nhu the nao)\b",
    re.IGNORECASE,
)

# Refusal rule, calibrated with `python -m evals.calibrate` on the dev set, on the seed corpus
# and with 250 and 995 distractor articles: answer when the best of the top three chunks (with
# its title) covers enough of the question's IDF-weighted content words, or covers some and
# is closer in meaning than off-topic probe questions get in the same library. Out-of-scope
# questions reached coverage ≤ 0.24 and a dense margin ≤ +0.007; answerable ones with coverage
# under 0.45 had margins ≥ +0.031. The thresholds sit between the groups.
MIN_COVERAGE = 0.45
MIN_COVERAGE_WITH_DENSE = 0.15
MIN_DENSE_MARGIN = 0.02  # over the library's noise floor (Retriever.dense_floor)
_QUANTITY = re.compile(
    r"\b(bao nhiêu|mấy|tỷ lệ|tỉ lệ|số lượng|bao lâu|khi nào|năm nào|ngày nào|"
    r"bao nhieu|may|ty le|bao lau|khi nao)\b",
    re.IGNORECASE,
)
_QUESTION_SYLLABLES = {"bao", "nhiêu", "mấy", "lâu", "nào", "khi", "là", "có", "được", "của", "và", "nhieu", "may"}


def _counts_something(q: Query, sentence: str) -> bool:
    """A number followed (within two words) by a word of the question: "100.274 đảng viên",
    "mỗi tháng 1 lần"; or a percentage for a "tỷ lệ" question. A date ("Chiều 14/12") is not."""
    words = set(textnorm.syllables(q.raw)) - _QUESTION_SYLLABLES
    if q.no_diacritics:
        words = {textnorm.fold(w) for w in words}
    low = textnorm.fold(sentence) if q.no_diacritics else sentence.lower()
    if "%" in sentence and re.search(r"t[ỷỉyi] l[ệe]", low):
        return True
    for m in re.finditer(r"\d[\d.,]*%?\s+(\S+)(?:\s+(\S+))?", low):
        following = {w.strip(".,;:()") for w in m.groups() if w}
        if following & words:
            return True
    return False


# A sentence that lists things: "… các nội dung như: A, B, C" or "gồm: A; B".
_ENUMERATES = re.compile(r"(như|gồm|bao gồm|sau|là)\s*:|:\s*[^,;]+[,;][^,;]+[,;]", re.IGNORECASE)


@dataclass
class Citation:
    n: int
    chunk_id: str
    doc_id: str
    title: str
    text: str
    date: str | None = None
    source: str | None = None
    quote: str = ""  # the cited sentence(s) inside `text`

    def to_json(self) -> dict:
        return {
            "n": self.n,
            "doc_id": self.doc_id,
            "title": self.title,
            "chunk_id": self.chunk_id,
            "text": self.text,
            "date": self.date,
            "source": self.source,
        }


@dataclass
class Answer:
    text: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    sentences: list[tuple[str, int]] = field(default_factory=list)  # (sentence, citation n)
    notices: list[str] = field(default_factory=list)
    closest: list[Citation] = field(default_factory=list)  # offered with a refusal, not cited
    evidence: dict = field(default_factory=dict)  # the refusal signals, for logs and calibration


def is_list_question(question: str) -> bool:
    return bool(_LIST_CUES.search(question))


def _folded_or_exact(q: Query, text: str) -> str:
    # Questions with diacritics are matched exactly ("bò" is not "bộ"); without, folded.
    return _match_form(text, q.no_diacritics)


@lru_cache(maxsize=8192)
def _match_form(text: str, folded: bool) -> str:
    # Cached: the same passages and sentences are scored for many questions.
    return textnorm.fold(text) if folded else textnorm.normalize(text).lower()


def _terms(q: Query) -> list[str]:
    return q.terms if q.no_diacritics else list(_exact_terms(q.text))


@lru_cache(maxsize=4096)
def _exact_terms(text: str) -> tuple[str, ...]:
    # Cached: scoring calls this for every candidate sentence of every answer.
    from assistant.query import STOPWORDS

    out: list[str] = []
    for w in textnorm.words(text):
        if textnorm.fold(w) not in STOPWORDS and w not in out:
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
    terms = _terms(q)
    if not terms:
        return 0.0
    hay = _folded_or_exact(q, text)
    weights = [idf.get(textnorm.fold_word(t), 1.0) for t in terms]

    def found(t: str) -> bool:
        if words is not None and "_" not in t:
            return t in words or (q.no_diacritics and textnorm.fold_word(t) in words)
        return term_in(t, hay)

    return sum(w for t, w in zip(terms, weights) if found(t)) / sum(weights)


def should_refuse(coverage: float, dense_margin: float | None) -> bool:
    """Refuse unless the question's words are in the passage, or some are and the passage is
    clearly closer in meaning than off-topic questions get in this library."""
    if coverage >= MIN_COVERAGE:
        return False
    return not (coverage >= MIN_COVERAGE_WITH_DENSE and (dense_margin or 0.0) >= MIN_DENSE_MARGIN)


def _clause_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a sentence, cut after ";" and ":"."""
    spans, start = [], 0
    for m in re.finditer(r"[;:]\s+", sentence):
        spans.append((start, m.start() + 1))
        start = m.end()
    spans.append((start, len(sentence)))
    return [(a, b) for a, b in spans if sentence[a:b].strip()]


def _trim(sentence: str, q: Query, idf: dict[str, float]) -> str:
    """Quote a very long sentence by its head clause and its most relevant clause.

    The head (who says or does what) is always kept; the other clause is the one that best
    covers the question's terms the head does not. Left-out text is marked with "…".
    """
    if len(sentence.split()) <= LONG_SENTENCE_WORDS:
        return sentence
    spans = _clause_spans(sentence)
    if len(spans) < 2:
        return sentence
    head = sentence[spans[0][0] : spans[0][1]]
    hay = _folded_or_exact(q, head)
    rest_terms = [t for t in _terms(q) if not term_in(t, hay)]
    sub = Query(
        raw=" ".join(rest_terms),
        text=" ".join(t.replace("_", " ") for t in rest_terms),
        tokens=[],
        syllable_tokens=[],
        terms=[textnorm.fold(t) for t in rest_terms],
        no_diacritics=q.no_diacritics,
    )
    best = max(
        range(1, len(spans)), key=lambda i: (evidence_coverage(sub, sentence[spans[i][0] : spans[i][1]], idf), -i)
    )
    chosen = [0] if len(head.split()) >= LONG_SENTENCE_WORDS else [0, best]
    out = sentence[spans[0][0] : spans[0][1]]
    for prev, i in zip(chosen, chosen[1:]):
        a, b = spans[i]
        out += (" " if i == prev + 1 else " … ") + sentence[a:b]
    if chosen[-1] < len(spans) - 1:
        out = out.rstrip(";:,") + " …"
    return out


def compose(
    q: Query,
    hits: list[Hit],
    idf: dict[str, float],
    docs: dict,
    max_context: int = 5,
    list_question: bool | None = None,
    words_of=None,
    dense_floor: float = 0.0,
    in_domain: bool = True,
) -> Answer:
    """Build the extractive answer (or refusal) from ranked hits."""
    context = hits[:max_context]

    def with_header(h: Hit) -> str:  # the title and headings retrieval also saw
        doc = docs.get(h.chunk.doc_id)
        return "\n".join([doc.title if doc else "", *h.chunk.heading_path, h.chunk.text])

    cov = max(
        (evidence_coverage(q, with_header(h), idf, words_of(h.chunk.id) if words_of else None) for h in context[:3]),
        default=0.0,
    )
    dense = max((h.dense_score or 0.0 for h in context[:3]), default=0.0)
    evidence = {"coverage": round(cov, 3), "dense": round(dense, 3), "dense_margin": round(dense - dense_floor, 3)}
    evidence["in_domain"] = in_domain
    if not in_domain:
        return refusal(q, hits, docs, evidence, OUT_OF_DOMAIN_TEXT)
    if not context or should_refuse(cov, dense - dense_floor):
        return refusal(q, hits, docs, evidence)

    candidates = []
    wants_number = bool(_QUANTITY.search(q.raw))
    want_list = is_list_question(q.raw) if list_question is None else list_question
    for rank, h in enumerate(context):
        doc = docs.get(h.chunk.doc_id)
        header = " ".join([doc.title if doc else "", *h.chunk.heading_path])
        for a, b in sentence_spans(h.chunk.text):
            sent = h.chunk.text[a:b]
            if len(sent.split()) < 4 or sent in h.chunk.heading_path:
                continue
            # The sentence is read with its document's title ("Toàn tỉnh có …" in a Hà Tĩnh
            # article answers "Hà Tĩnh có bao nhiêu …"), then by its own words.
            score = (
                0.2 * evidence_coverage(q, sent, idf)
                + 0.8 * evidence_coverage(q, header + " " + sent, idf)
                + 0.25 / (rank + 1)
                + (0.3 if wants_number and _counts_something(q, sent) else 0.0)
                + (0.2 if want_list and _ENUMERATES.search(sent) else 0.0)
            )
            candidates.append((score, rank, a, sent, h))
    candidates.sort(key=lambda c: -c[0])
    if not candidates:
        return refusal(q, hits, docs, evidence)
    best = candidates[0][0]
    limit = 5 if want_list else 3
    chosen, seen = [], set()
    words = 0
    for score, _rank, _start, sent, h in candidates:
        if len(chosen) >= limit or score < best * (0.5 if want_list else 0.7):
            break
        key = textnorm.fold(sent)
        if key in seen or (chosen and wants_number and not _counts_something(q, sent)):
            continue  # a "how many" answer adds only sentences that also give a number
        quoted = _trim(sent, q, idf)
        n_words = len(quoted.split())
        if chosen and words + n_words > MAX_WORDS:
            continue
        seen.add(key)
        chosen.append((quoted, sent, h))
        words += n_words
    citations: list[Citation] = []
    by_chunk: dict[str, Citation] = {}
    sentences: list[tuple[str, int]] = []
    for quoted, sent, h in chosen:
        cit = by_chunk.get(h.chunk.id)
        if cit is None:
            cit = citation_for(h, len(citations) + 1, docs)
            citations.append(cit)
            by_chunk[h.chunk.id] = cit
        cit.quote = (cit.quote + " " + sent).strip()
        sentences.append((quoted, cit.n))
    if want_list and len(sentences) > 1:
        body = "\n".join(f"- {s} [{n}]" for s, n in sentences)
    else:
        body = " ".join(f"{s} [{n}]" for s, n in sentences)
    return Answer(
        text=body + "\n\n" + format_sources(citations),
        refused=False,
        citations=citations,
        sentences=sentences,
        evidence=evidence,
    )


def citation_for(hit: Hit, n: int, docs: dict) -> Citation:
    """Citation number `n` for a retrieved chunk, with its document's title, date and source."""
    doc = docs.get(hit.chunk.doc_id)
    return Citation(
        n=n,
        chunk_id=hit.chunk.id,
        doc_id=hit.chunk.doc_id,
        title=doc.title if doc else hit.chunk.doc_id,
        text=hit.chunk.text,
        date=_doc_date(doc),
        source=_doc_source(doc),
    )


def _doc_date(doc) -> str | None:
    if doc is None:
        return None
    return doc.date or doc.meta.get("event_date")


def _doc_source(doc) -> str | None:
    if doc is None:
        return None
    return doc.meta.get("publisher") or doc.meta.get("file_name") or doc.path


def format_date(iso: str | None) -> str:
    if not iso:
        return "không rõ ngày"
    parts = str(iso).split("-")
    return "/".join(reversed(parts)) if len(parts) == 3 else str(iso)


def format_sources(citations: list[Citation]) -> str:
    lines = ["Nguồn:"]
    for c in citations:
        quote = c.quote or c.text
        if len(quote) > 300:
            quote = quote[:297].rsplit(" ", 1)[0] + "…"
        src = f", {c.source}" if c.source and not c.source.endswith((".txt", ".md")) else ""
        lines.append(f'[{c.n}] {c.title} ({format_date(c.date)}{src}) — "{quote}"')
    return "\n".join(lines)


REFUSAL_TEXT = (
    "Không tìm thấy nội dung trả lời câu hỏi này trong các tài liệu hiện có. "
    "Tôi không trả lời khi tài liệu không nói đến, để tránh đoán sai."
)


OUT_OF_DOMAIN_TEXT = (
    "Câu hỏi này nằm ngoài phạm vi của trợ lý: tôi chỉ trả lời về sinh hoạt chi bộ và công tác xây dựng Đảng, "
    "dựa trên các tài liệu hiện có. Không tìm thấy nội dung trả lời trong tài liệu."
)


def refusal(q: Query, hits: list[Hit], docs: dict, evidence: dict, text: str = REFUSAL_TEXT) -> Answer:
    """The honest "not in the documents" answer, with the closest passages to look at."""
    closest = [citation_for(h, n, docs) for n, h in enumerate(hits[:3], 1)]
    if closest and text == REFUSAL_TEXT:
        text += "\n\nCác đoạn gần nhất (không trả lời trực tiếp câu hỏi):\n" + "\n".join(
            f'- {c.title} ({format_date(c.date)}): "{_snippet(c.text)}"' for c in closest
        )
    return Answer(text=text, refused=True, closest=closest, evidence=evidence)


def _snippet(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n].rsplit(" ", 1)[0] + "…"
