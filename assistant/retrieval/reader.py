"""Reading a document as secretaries study it: a part whole and in order, and beside a Charter
article the clauses of the texts that implement it (`chibo read`).

A document is named by its id, its number ("294-QĐ/TW") or words of its title, with or without
diacritics; a part by its path ("Điều 4", "Điều 24, khoản 4", "mục 23.2", "Chương V"). Without a
part, the document's table of contents. What cannot be found is said in Vietnamese with the
closest names (`NotFound`).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from assistant.retrieval import versions
from assistant.retrieval.library import Library
from assistant.retrieval.provisions import Provision, Provisions
from ingest import registry, textnorm
from ingest.errors import ChiboError
from ingest.model import Document
from ingest.structure import matches, section_parts

_LABEL = re.compile(r"^(?:Điều\s+\d+\.?|Chương\s+[IVXLC]+\.?|[\dIVXLC]+(?:\.\d+)*\.)\s*")


class NotFound(ChiboError):
    """A document or a part the library does not have, with the closest names it does have."""

    def __init__(self, message: str, closest: list[str]) -> None:
        hint = f" Gần nhất: {'; '.join(closest)}." if closest else ""
        super().__init__(message + hint)
        self.closest = closest


@dataclass
class Part:
    document: str
    number: str | None
    section: str
    text: str

    def to_json(self) -> dict:
        return {"document": self.document, "number": self.number, "section": self.section, "text": self.text}


@dataclass
class Reading:
    """A part of a document (or, with no section asked, its table of contents in `children`)."""

    document: str
    number: str | None
    date: str | None
    section: str | None
    text: str
    children: list[dict] = field(default_factory=list)  # {"section", "heading", "parts"} or {"section", "text"}
    implementing: list[Part] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # a newer text replaces it; an older version
    versions: list[dict] = field(default_factory=list)  # {"doc_id", "title", "date", "newest", "changes"}

    def to_json(self) -> dict:
        return {
            "document": self.document,
            "number": self.number,
            "date": self.date,
            "section": self.section,
            "text": self.text,
            "children": self.children,
            "implementing": [p.to_json() for p in self.implementing],
            "notices": self.notices,
            "versions": self.versions,
        }

    def markdown(self) -> str:
        """The reading as printed by `chibo read`."""
        head = self.document + (f" — {self.section}" if self.section else "")
        lines = [head, "=" * min(len(head), 80)]
        lines += [f"⚠ {n}" for n in self.notices]
        if self.versions:
            lines.append("Các phiên bản (cũ trước, mới sau):")
            lines += [f"- {version_line(v)}" for v in self.versions]
        if self.section is None:
            lines.append("Mục lục (số đoạn trong từng phần):")
            lines += [f"- {c['section']}: {c['heading']} ({c['parts']})" for c in self.children]
            return "\n".join(lines)
        lines.append(self.text)
        if self.implementing:
            lines += ["", "Văn bản hướng dẫn thi hành:"]
            for p in self.implementing:
                lines += ["", f"{p.document} — {p.section}", p.text]
        return "\n".join(lines)


def find_document(library: Library, name: str) -> Document:
    """The document `name` names: its id, its number, or words of its title (the shortest title
    holding them all: "Điều lệ" is the Charter, not "… thi hành Điều lệ Đảng")."""
    docs = [d for d in library.documents().values() if d.status == "ok"]
    key = textnorm.canon(name)
    for d in docs:
        if d.doc_id == name or (d.number and textnorm.canon(d.number) == key):
            return d
    words = textnorm.fold(name).split()
    named = [d for d in docs if words and all(w in textnorm.fold(d.title).split() for w in words)]
    if named:
        named.sort(key=lambda d: (not textnorm.fold(d.title).startswith(" ".join(words)), len(d.title)))
        return named[0]
    labels = {f"{d.title}" + (f" ({d.number})" if d.number else ""): d for d in docs}
    closest = difflib.get_close_matches(name, list(labels), n=3, cutoff=0.0)
    raise NotFound(f"Không tìm thấy văn bản «{name}» trong thư viện.", closest)


def read(library: Library, name: str, section: str | None = None) -> Reading:
    """The part `section` of document `name` whole, in order; a Charter article's implementing
    clauses beside it; without `section`, the table of contents."""
    doc = find_document(library, name)
    reading = _read(library, doc, section)
    reading.notices, reading.versions = notices(library, doc), version_list(library, doc)
    return reading


def _read(library: Library, doc: Document, section: str | None) -> Reading:
    table = library.provisions()
    provs = table.table.get(doc.doc_id)
    if not provs:
        chunks = sorted((c for c in library.chunks() if c.doc_id == doc.doc_id), key=lambda c: c.ordinal)
        if section:
            raise NotFound(f"Văn bản «{doc.title}» không chia theo điều, khoản, mục.", [])
        text = "\n".join(c.text for c in chunks)
        return Reading(doc.title, doc.number, doc.date, None, text)
    if not section:
        return Reading(doc.title, doc.number, doc.date, None, "", contents(provs))
    part = [p for p in provs if matches(section, p.section)]
    if not part:
        tops = list(dict.fromkeys(p.top for p in provs))
        closest = difflib.get_close_matches(section, tops, n=3, cutoff=0.0)
        raise NotFound(f"Văn bản «{doc.title}» không có phần «{section}».", closest)
    reading = Reading(
        doc.title,
        doc.number,
        doc.date,
        _common_path(part),
        "\n".join(p.text.strip() for p in part),
        [{"section": p.section, "text": p.text.strip()} for p in part],
    )
    if doc.doc_id == table.charter:
        reading.implementing = implementing(table, library, section)
    return reading


def version_line(v: dict, most: int = 8) -> str:
    """One version as a person reads it: title, date, what changed from the one before."""
    c = v.get("changes") or {}
    what = "; ".join(
        f"{label}: {', '.join(c[k][:most])}" + (" …" if len(c[k]) > most else "")
        for k, label in (("added", "thêm"), ("removed", "bỏ"), ("changed", "sửa"))
        if c.get(k)
    )
    return (
        f"{v['title']} ({v['date'] or 'không rõ ngày'})"
        + (f" — {what}" if what else "")
        + (" — bản mới nhất" if v["newest"] else "")
    )


def version_list(library: Library, doc: Document) -> list[dict]:
    """The versions of `doc` held (oldest first), each with what changed from the one before."""
    group = next((g for g in versions.groups(library.documents().values()) if doc in g), [])
    table = library.provisions().table
    out = []
    for i, d in enumerate(group):
        diff = versions.changes(table.get(group[i - 1].doc_id, []), table.get(d.doc_id, [])) if i else {}
        out.append({"doc_id": d.doc_id, "title": d.title, "date": d.date, "newest": d is group[-1], "changes": diff})
    return out


def notices(library: Library, doc: Document) -> list[str]:
    """What the reader is told at the top: a newer version of this document is held (answers cite
    it), or the registry knows a newer text on the same subject (e.g. 208-QĐ/TW after 294-QĐ/TW)."""
    out = []
    newest = library.superseded().get(doc.doc_id)
    if newest:
        n = library.document(newest)
        out.append(
            f"Đây là bản cũ. Bản mới nhất: {n.title} ({n.date or 'không rõ ngày'}); câu trả lời trích bản mới nhất."
        )
    if doc.number:
        rec = registry.resolve(f"{doc.number}@{str(doc.date)[:4]}" if doc.date else doc.number).record
        newer = []
        for ref in (rec or {}).get("newer", []):
            r = registry.resolve(ref).record
            if r is None:
                newer.append(ref)
                continue
            held = library.documents_numbered({r["id"]})
            newer.append(registry.label(r) + ("" if held else " (thư viện chưa có văn bản này)"))
        if newer:
            out.append(
                f"Về cùng nội dung đã có văn bản mới hơn: {', '.join(newer)}. Hãy đối chiếu với văn bản mới hơn."
            )
    return out


def implementing(table: Provisions, library: Library, section: str) -> list[Part]:
    """The clauses implementing the Charter articles (and clauses) `section` names: the items of
    a text that name the clause itself where there are some, else every item on the article."""
    parts = section_parts(section)
    out: list[Part] = []
    for article in sorted(parts.get("điều", set()), key=int):
        provs = [p for p in table.implementing(article) if not p.is_heading() or p.has_parts]
        clauses = parts.get("khoản")
        if clauses:
            named = [p for p in provs if section_parts(p.section).get("khoản", set()) & clauses]
            provs = named or provs
        for p in sorted(provs, key=lambda p: (table.rank(p.doc_id), p.doc_id, p.order)):
            d = library.document(p.doc_id)
            out.append(Part(_short(d), d.number if d else None, p.section, p.text.strip()))
    return out


def contents(provs: list[Provision]) -> list[dict]:
    """Top-level parts in order, each with its heading and its number of provisions. A Charter
    article has no title ("Điều 22."): its first clause's opening words stand for it."""
    out: dict[str, dict] = {}
    for p in provs:
        entry = out.setdefault(p.top, {"section": p.top, "heading": "", "parts": 0})
        entry["parts"] += 1
        if not entry["heading"]:
            # the first line with words besides its label ("Điều 2." then "Đảng viên có nhiệm vụ :")
            lines = [" ".join(x.split()) for x in p.text.strip().split("\n")]
            line = next((x for x in lines if _LABEL.sub("", x).strip()), "")
            if line:
                entry["heading"] = line if len(line) <= 100 else line[:100].rsplit(" ", 1)[0] + " …"
    return list(out.values())


def _common_path(part: list[Provision]) -> str:
    """The path the part's provisions share ("Chương I, Điều 4")."""
    paths = [p.section.split(", ") for p in part]
    common = []
    for pieces in zip(*paths):
        if len(set(pieces)) != 1:
            break
        common.append(pieces[0])
    return ", ".join(common) or part[0].section


def _short(doc: Document | None) -> str:
    if doc is None:
        return ""
    if doc.number and doc.number in doc.title:
        return doc.title[: doc.title.index(doc.number) + len(doc.number)]
    return doc.title
