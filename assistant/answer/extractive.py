"""The extractive answerer: exact sentences from the top chunks, each with its [n] citation.

No LLM. It picks the sentences that best cover the question's content words (IDF-weighted),
favouring better-ranked chunks, answers with one to three of them (a bullet list for
"những … nào / gồm / các bước / như thế nào" questions), then lists the sources. When the
evidence is too thin it refuses, and offers the closest passages instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.answer import rules
from assistant.answer.citations import Citations
from assistant.answer.format import answer_with_sources
from assistant.gates import kinds
from assistant.gates.evidence import candidates as sentence_candidates
from assistant.gates.evidence import clause_head, evidence_coverage, match_form, question_terms, term_in
from assistant.query import Query
from ingest import textnorm
from ingest.model import Answer, Hit
from ingest.settings import ScoringSettings

MAX_WORDS = 120
LONG_SENTENCE_WORDS = 60  # longer sentences are quoted by their relevant clauses only

_QUESTION_SYLLABLES = {"bao", "nhiêu", "mấy", "lâu", "nào", "khi", "là", "có", "được", "của", "và", "nhieu", "may"}


def _counts_something(q: Query, sentence: str) -> bool:
    """A number followed (within two words) by a word of the question: "100.274 đảng viên",
    "mỗi tháng 1 lần"; or a percentage for a "tỷ lệ" question. A date ("Chiều 14/12") is not."""
    words = _counted_words(q.raw, q.no_diacritics)
    low = textnorm.fold(sentence) if q.no_diacritics else sentence.lower()
    if "%" in sentence and re.search(r"t[ỷỉyi] l[ệe]", low):
        return True
    for m in re.finditer(r"\d[\d.,]*%?\s+(\S+)(?:\s+(\S+))?", low):
        following = {w.strip(".,;:()") for w in m.groups() if w}
        if following & words:
            return True
    return False


@lru_cache(maxsize=256)
def _counted_words(question: str, no_diacritics: bool) -> frozenset[str]:
    """The question's words a number may count (read once per question, not per sentence)."""
    words = set(textnorm.syllables(question)) - _QUESTION_SYLLABLES
    return frozenset(textnorm.fold(w) for w in words) if no_diacritics else frozenset(words)


# A sentence that lists things: "… các nội dung như: A, B, C" or "gồm: A; B".
_ENUMERATES = re.compile(r"(như|gồm|bao gồm|sau|là)\s*:|:\s*[^,;]+[,;][^,;]+[,;]", re.IGNORECASE)


def _has_subject(sentence: str, subject: str | None) -> bool:
    if not subject:
        return False
    head = textnorm.fold(kinds.ENUMERATOR.sub("", sentence, count=1))
    return head == subject or head.startswith(subject + " ")


def _clause_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a sentence, cut after ";" and ":"."""
    spans, start = [], 0
    for m in re.finditer(r"[;:]\s+", sentence):
        spans.append((start, m.start() + 1))
        start = m.end()
    spans.append((start, len(sentence)))
    return [(a, b) for a, b in spans if sentence[a:b].strip()]


def trim(sentence: str, q: Query, idf: dict[str, float]) -> str:
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
    hay = match_form(q, head)
    rest_terms = [t for t in question_terms(q) if not term_in(t, hay)]
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


@dataclass
class Quote:
    quoted: str  # what the answer says (a long sentence trimmed to its relevant clauses)
    sentence: str  # the sentence as the passage has it
    hit: Hit
    start: int  # offset of the sentence in the chunk


def quote_sentences(
    q: Query,
    hits: list[Hit],
    idf: dict[str, float],
    max_context: int = 5,
    list_question: bool | None = None,
    prefer_guidance: bool = False,
    scoring: ScoringSettings = ScoringSettings(),
) -> list[Quote]:
    """The sentences that best answer `q` from the top hits, best first (weights: `scoring`)."""
    w = scoring
    wants_number = q.wants_number
    want_list = q.wants_list if list_question is None else list_question
    wanted = kinds.strict_kinds(q.asks)
    subject = q.subject
    scored = []
    # A sentence is read with its document's title ("Toàn tỉnh có …" in a Hà Tĩnh article answers
    # "Hà Tĩnh có bao nhiêu …") and the first line of its clause ("2. Hình thức kỷ luật :" over
    # "- Đối với đảng viên chính thức : …"), then by its own words.
    for c in sentence_candidates(q, hits[:max_context], idf, min_words=4):
        h, sent = c.hit, c.text
        official = bool(h.document and h.document.is_guidance)
        score = (
            w.sentence * c.own
            + w.context * c.about
            + w.rank / (c.rank + 1)
            + (w.counts if wants_number and _counts_something(q, sent) else 0.0)
            + (w.enumerates if want_list and _ENUMERATES.search(sent) else 0.0)
            + (w.gives_kind * sum(kinds.gives(k, sent, q.raw) for k in wanted) if wanted else 0.0)
            + (w.official if prefer_guidance and official else 0.0)
            # a rule about the very subject asked ("1. Chi bộ quyết định …") over the rules
            # of other bodies the ranking put first ("Bộ Chính trị, Ban Bí thư quyết định …")
            + (w.subject if official and c.about >= w.subject_min_context and _has_subject(sent, subject) else 0.0)
        )
        scored.append((score, c.rank, c.start, sent, h))
    scored.sort(key=lambda c: -c[0])
    if not scored:
        return []
    best = scored[0][0]
    limit = 5 if want_list else 3
    chosen: list[Quote] = []
    seen: set[str] = set()
    words = 0
    for score, _rank, start, sent, h in scored:
        if len(chosen) >= limit or score < best * (w.keep_list if want_list else w.keep):
            break
        key = textnorm.fold(sent)
        if key in seen or (chosen and wants_number and not _counts_something(q, sent)):
            continue  # a "how many" answer adds only sentences that also give a number
        quoted = trim(sent, q, idf)
        n_words = len(quoted.split())
        if chosen and words + n_words > MAX_WORDS:
            continue
        seen.add(key)
        chosen.append(Quote(quoted, sent, h, start))
        words += n_words
    return chosen


EXPERIENCE_LABEL = "Kinh nghiệm ở cơ sở (tin bài, không phải văn bản hướng dẫn):"
IMPLEMENTING_LABEL = "Hướng dẫn thi hành:"


def compose(
    q: Query,
    hits: list[Hit],
    idf: dict[str, float],
    evidence: dict,
    list_question: bool | None = None,
    candidates: list[Hit] | None = None,
    scoring: ScoringSettings = ScoringSettings(),
) -> Answer | None:
    """The extractive answer from ranked hits the gate judged answerable; None when no sentence
    of them can be quoted.

    A rule of an official text is quoted whole (its clause, with its points for a list
    question) under its section path; for procedural questions official texts come first and
    news reports follow as "kinh nghiệm ở cơ sở"; a Charter article's implementing clauses of
    newer guidance follow as "Hướng dẫn thi hành" (`candidates`: other passages to look in)."""
    want_list = q.wants_list if list_question is None else list_question
    procedural = q.procedural
    official_hits = [h for h in hits[:5] if rules.is_rule(h)]
    chosen = quote_sentences(
        q, hits, idf, list_question=list_question, prefer_guidance=procedural and bool(official_hits), scoring=scoring
    )
    if not chosen:
        return None
    main = chosen
    experience: list[Quote] = []
    if procedural and any(rules.is_rule(c.hit) for c in chosen):
        main = [c for c in chosen if c.hit.document and c.hit.document.is_guidance]
        experience = [c for c in chosen if not (c.hit.document and c.hit.document.is_guidance)][:2]
    cites = Citations()
    sentences: list[tuple[str, int]] = []
    lines: list[str] = []
    first = main[0]
    if rules.is_rule(first.hit):
        # The rule as the text states it: the clause of the best sentence, whole.
        clause = rules.clause_at(first.hit.chunk, first.start, with_points=want_list)
        if clause is not None and not want_list and clause.text(first.hit.chunk).rstrip().endswith(":"):
            # "Đảng viên có quyền :" says nothing without the points that follow it
            clause = rules.clause_at(first.hit.chunk, first.start, with_points=True)
            want_list = True
        if clause is not None and (want_list or len(clause.text(first.hit.chunk)) <= 2 * len(first.sentence) + 200):
            text = clause.text(first.hit.chunk)
            cit = cites.cite(first.hit, clause.section)
            cit.quote = text
            sentences.append((text, cit.n))
            lines.append(f"{text} [{cit.n}]")
            # one more sentence of the same text at most; other official texts speak through
            # their implementing clauses below
            main = [
                c
                for c in main[1:]
                if c.hit.chunk.doc_id == first.hit.chunk.doc_id
                and not (c.hit is first.hit and clause.start <= c.start < clause.end)
            ][:1]
    for c in main:
        cit = cites.cite(c.hit, c.hit.chunk.section_at(c.start))
        cit.quote = (cit.quote + " " + c.sentence).strip()
        sentences.append((c.quoted, cit.n))
        lines.append(f"{c.quoted} [{cit.n}]")
    if want_list and len(lines) > 1 and not rules.is_rule(first.hit):
        body = "\n".join(f"- {line}" for line in lines)
    else:
        body = "\n".join(lines) if rules.is_rule(first.hit) else " ".join(lines)
    body += _implementing(q, hits, candidates or [], idf, cites, sentences, scoring)
    body += _experience(experience, cites, sentences)
    return answer_with_sources(body, cites.items, sentences=sentences, evidence=evidence)


def _implementing(
    q: Query,
    hits: list[Hit],
    candidates: list[Hit],
    idf: dict[str, float],
    cites: Citations,
    sentences: list[tuple[str, int]],
    scoring: ScoringSettings,
) -> str:
    """ "Hướng dẫn thi hành": the clauses of other official texts that implement the cited rule and
    say what the question asks ("" when none does)."""
    cited_rule = next((c for c in cites.items if c.section and c.kind == "guidance"), None)
    if cited_rule is None:
        return ""
    impl = rules.implementing(q, cited_rule.section, cited_rule.doc_id, hits, candidates, idf)
    parts = []
    quoted_ids = {c.chunk_id for c in cites.items}
    for h in impl:
        if h.chunk.id in quoted_ids:
            continue
        best = quote_sentences(q, [h], idf, max_context=1, scoring=scoring)
        if not best:
            continue
        header = " ".join([h.title, *h.chunk.heading_path, h.chunk.section or ""])
        if evidence_coverage(q, f"{header} {clause_head(h.chunk, best[0].start)} {best[0].sentence}", idf) < 0.5:
            continue  # the passage names the article but not what the question asks
        cit = cites.cite(h, h.chunk.section_at(best[0].start), role="implementing")
        cit.quote = best[0].sentence
        sentences.append((best[0].quoted, cit.n))
        parts.append(f"- {best[0].quoted} [{cit.n}]")
    return f"\n\n{IMPLEMENTING_LABEL}\n" + "\n".join(parts) if parts else ""


def _experience(experience: list[Quote], cites: Citations, sentences: list[tuple[str, int]]) -> str:
    """ "Kinh nghiệm ở cơ sở": news reports quoted after the rules of a procedural answer."""
    if not experience:
        return ""
    parts = []
    for c in experience:
        cit = cites.cite(c.hit, c.hit.chunk.section_at(c.start), role="experience")
        cit.quote = (cit.quote + " " + c.sentence).strip()
        sentences.append((c.quoted, cit.n))
        parts.append(f"- {c.quoted} [{cit.n}]")
    return f"\n\n{EXPERIENCE_LABEL}\n" + "\n".join(parts)
