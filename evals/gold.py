"""Gold passages of official guidance from `doc` + `section`, without copying any text.

A question names a document ("294-QĐ/TW", "Điều lệ Đảng") and acceptable section paths ("Điều 24,
khoản 2", "mục 3.5.1"); the gold text is what the index holds under those sections, cut into
sentences. A retrieved passage of any configuration (the naive baseline's 1,000-character
splits included) is relevant when it contains one of those sentences — the same test for all.
"""

from __future__ import annotations

from ingest import textnorm
from ingest.model import Chunk, Document
from ingest.structure import matches

MIN_SENTENCE = 25  # shorter gold sentences ("Điều 24.") match too much


def document_for(doc: str, documents: list[Document]) -> Document | None:
    key = textnorm.canon(doc)
    for d in documents:
        if d.number and textnorm.canon(d.number) == key:
            return d
    # "Điều lệ Đảng" is the Charter, not "Hướng dẫn … thi hành Điều lệ Đảng": a title that opens
    # with the name first, else the shortest title holding it
    named = [d for d in documents if key in textnorm.canon(d.title)]
    named.sort(key=lambda d: (not textnorm.canon(d.title).startswith(key), len(d.title)))
    return named[0] if named else None


def gold_sentences(doc: str, sections: list[str], documents: list[Document], chunks: list[Chunk]) -> list[str]:
    """The sentences the index holds under any of `sections` of `doc` (empty when not found)."""
    d = document_for(doc, documents)
    if d is None:
        return []
    pieces: list[str] = []
    for c in (c for c in chunks if c.doc_id == d.doc_id):
        bounds = [*c.sections, (len(c.text), None)]
        for (start, sec), (end, _) in zip(bounds, bounds[1:]):
            if any(matches(g, sec) for g in sections):
                pieces.append(c.text[start:end])
    out: list[str] = []
    for piece in pieces:
        for a, b in textnorm.sentence_spans(piece):
            s = piece[a:b].strip()
            if len(s) >= MIN_SENTENCE and s not in out:
                out.append(s)
    return out
