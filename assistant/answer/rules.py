"""Rules quoted as rules: the clause a sentence belongs to (with its points when a list is asked),
and the implementing clauses of newer guidance for an article of the Charter."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.gates.evidence import evidence_coverage
from assistant.query import Query
from ingest.model import Chunk, Hit
from ingest.structure import articles_in

MAX_CLAUSE_CHARS = 1400  # a clause longer than this is quoted from its start, then "…"


@dataclass
class Clause:
    start: int  # offsets in the chunk's text
    end: int
    section: str | None

    def text(self, chunk: Chunk) -> str:
        body = chunk.text[self.start : self.end].strip()
        if len(body) > MAX_CLAUSE_CHARS:
            body = body[:MAX_CLAUSE_CHARS].rsplit(" ", 1)[0] + " …"
        return body


def clause_at(chunk: Chunk, offset: int, with_points: bool) -> Clause | None:
    """The clause (khoản, điểm, mục) holding `offset`; with its points (a), b), …) when asked.
    None for a chunk without sections (a news report)."""
    if not chunk.sections:
        return None
    bounds = [*chunk.sections, (len(chunk.text), None)]
    for i, ((start, section), (end, _)) in enumerate(zip(bounds, bounds[1:])):
        if start <= offset < end or (i == len(bounds) - 2 and offset >= start):
            if with_points:
                j = i + 1
                while j < len(bounds) - 1 and bounds[j][1] and bounds[j][1].startswith(f"{section}, "):
                    j += 1
                end = bounds[j][0]
            return Clause(start, end, section)
    return None


def is_rule(hit: Hit) -> bool:
    """A passage of an official text with sections: quoted as a rule, with its section path."""
    return bool(hit.document and hit.document.is_guidance and hit.chunk.sections)


def implementing(
    q: Query, section: str | None, doc_id: str, hits: list[Hit], candidates: list[Hit], idf: dict, limit: int = 2
) -> list[Hit]:
    """Passages of other official texts that implement the article a rule comes from: those whose
    sections name the same article ("mục 23 (Điều 24, khoản 3)"), or, from texts on carrying out
    the Charter, those the question's words are found in. Best covered first."""
    articles = articles_in(section or "")
    if not articles:
        return []
    scored: list[tuple[float, Hit]] = []
    seen_docs = {doc_id}
    for h in [*hits, *candidates]:
        if not (h.document and h.document.is_guidance) or h.chunk.doc_id in seen_docs:
            continue
        named = any(articles & articles_in(sec) for _, sec in h.chunk.sections) or bool(
            articles & articles_in(h.chunk.section or "")
        )
        implements = "thi hành" in h.document.title.lower()
        if not named and not (implements and h in hits):
            continue  # neither names the article nor carries out the Charter: not read further
        cov = evidence_coverage(q, h.chunk.text, idf)
        if (named and cov >= 0.3) or (implements and cov >= 0.5):
            scored.append((cov + (0.5 if named else 0.0), h))
    scored.sort(key=lambda x: -x[0])
    out: list[Hit] = []
    for _, h in scored:
        if h.chunk.doc_id in seen_docs:
            continue
        seen_docs.add(h.chunk.doc_id)
        out.append(h)
        if len(out) >= limit:
            break
    return out
