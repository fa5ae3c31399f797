"""Versions of one document: the same number (or, without a number, the same long title) held
twice, e.g. a committee's guidance re-uploaded with changes under another file name. The newest
(by its date, then by when it was loaded) is the one answers cite; `changes` says what differs.
"""

from __future__ import annotations

from ingest import textnorm
from ingest.model import Document

MIN_TITLE = 20  # a title shorter than this ("Hướng dẫn") names no document on its own


def _key(d: Document) -> str | None:
    if d.kind == "news" or d.status != "ok":
        return None
    if d.number:
        return "n:" + textnorm.canon(d.number)
    title = textnorm.canon(d.title)
    return "t:" + title if len(title) >= MIN_TITLE else None


def _order(d: Document) -> tuple:
    return (str(d.date or ""), d.updated_at or 0.0)


def groups(documents) -> list[list[Document]]:
    """The documents held in more than one version, each group oldest first."""
    by_key: dict[str, list[Document]] = {}
    for d in documents:
        key = _key(d)
        if key:
            by_key.setdefault(key, []).append(d)
    return [sorted(g, key=_order) for g in by_key.values() if len(g) > 1]


def superseded(documents) -> dict[str, str]:
    """Older version → the newest version of its document."""
    out: dict[str, str] = {}
    for g in groups(documents):
        for d in g[:-1]:
            out[d.doc_id] = g[-1].doc_id
    return out


def changes(old: list, new: list) -> dict[str, list[str]]:
    """Sections added, removed and changed between two versions' provisions (whitespace aside)."""

    def texts(provs) -> dict[str, str]:
        return {p.section: " ".join(p.text.split()) for p in provs}

    a, b = texts(old), texts(new)
    return {
        "added": [s for s in b if s not in a],
        "removed": [s for s in a if s not in b],
        "changed": [s for s in b if s in a and a[s] != b[s]],
    }
