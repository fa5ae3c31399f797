"""Gold passages of official guidance from `doc` + `section`, without copying any text.

A question names a document ("294-QĐ/TW", "Điều lệ Đảng") and acceptable section paths ("Điều 24,
khoản 2", "mục 3.5.1"); the gold text is what the index holds under those sections, cut into
sentences. A retrieved passage of any configuration (the naive baseline's 1,000-character
splits included) is relevant when it contains one of those sentences — the same test for all.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ingest import textnorm
from ingest.model import Chunk, Document

_PART = re.compile(r"(Phần|Chương|Mục|mục|Điều|khoản|điểm)\s+(\d+(?:\.\d+)*|[IVXLC]+(?:\.\d+)*|[a-zđ])(?!\w)")
MIN_SENTENCE = 25  # shorter gold sentences ("Điều 24.") match too much


def section_parts(section: str) -> dict[str, set[str]]:
    """ "Chương V, Điều 24, khoản 2" → {chương: {V}, điều: {24}, khoản: {2}};
    "mục 10.4 (Điều 10, 13, 21)" → {mục: {10.4}, điều: {10, 13, 21}}.

    >>> section_parts("mục 3.5.1 (Điều 4, khoản 2), điểm b") == {"mục": {"3.5.1"}, "điều": {"4"}, "khoản": {"2"}, "điểm": {"b"}}
    True
    >>> section_parts("mục 10.4 (Điều 10, 13, 21)")["điều"] == {"10", "13", "21"}
    True
    """
    parts: dict[str, set[str]] = defaultdict(set)
    for kind, value in _PART.findall(section):
        kind = kind.lower()
        parts[kind].add(value)
    # "Điều 10, 13, 21" also reads as a list after the first number
    for m in re.finditer(r"Điều\s+(\d+(?:\s*,\s*\d+)+)", section):
        parts["điều"].update(v.strip() for v in m.group(1).split(","))
    return dict(parts)


def matches(gold: str, section: str | None) -> bool:
    """Whether a passage's section path lies inside the gold section."""
    if not section:
        return False
    want, have = section_parts(gold), section_parts(section)
    if not want:
        return False
    for kind, values in want.items():
        got = have.get(kind, set())
        if kind == "mục":
            if not any(h == v or h.startswith(v + ".") for v in values for h in got):
                return False
        elif not values <= got and not (kind == "khoản" and values & got):
            return False
    return True


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
