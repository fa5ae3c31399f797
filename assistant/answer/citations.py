"""Citations: a retrieved passage as numbered source `[n]`, and numbering shared by a text."""

from __future__ import annotations

from ingest.model import Citation, Document, Hit


class Citations:
    """Numbers passages in order of first use; the same chunk keeps its number."""

    def __init__(self) -> None:
        self.items: list[Citation] = []
        self._by_chunk: dict[str, Citation] = {}

    def cite(self, hit: Hit, section: str | None = None, role: str | None = None) -> Citation:
        """The citation of a passage (at `section`, when a sentence's own clause is known)."""
        key = f"{hit.chunk.id}|{section or ''}"
        c = self._by_chunk.get(key)
        if c is None:
            c = citation_for(hit, len(self.items) + 1)
            if section:
                c.section = section
            if role:
                c.role = role
            elif hit.document and hit.document.kind == "news":
                c.role = "experience"
            self.items.append(c)
            self._by_chunk[key] = c
        return c


def citation_for(hit: Hit, n: int) -> Citation:
    """Citation number `n` for a retrieved chunk, with its document's title, date and source."""
    doc = hit.document
    return Citation(
        n=n,
        chunk_id=hit.chunk.id,
        doc_id=hit.chunk.doc_id,
        title=doc.title if doc else hit.chunk.doc_id,
        text=hit.chunk.text,
        date=document_date(doc),
        source=document_source(doc),
        section=hit.chunk.section,
        kind=doc.kind if doc else "document",
        number=doc.number if doc else None,
        ocr=bool(doc and doc.meta.get("ocr")),
    )


def document_date(doc: Document | None) -> str | None:
    if doc is None:
        return None
    return doc.date or doc.meta.get("event_date")


def document_source(doc: Document | None) -> str | None:
    if doc is None:
        return None
    return doc.meta.get("publisher") or doc.meta.get("file_name") or doc.path


def renumber(citations: list[Citation], used: list[int]) -> dict[int, int]:
    """Keep the citations whose numbers are `used` (in that order) and number them 1, 2, …;
    returns old number → new number."""
    keep = {c.n: c for c in citations}
    mapping: dict[int, int] = {}
    for n in used:
        if n in keep and n not in mapping:
            mapping[n] = len(mapping) + 1
    for c in citations:
        if c.n in mapping:
            c.n = mapping[c.n]
    return mapping
