"""Provisions: the official texts cut as they are cited — a Charter clause with its points, a
numbered item of a guidance text with its points — and the link from a Charter article to the
clauses of the texts that implement it.

A chunk is cut for search; a provision is cut for quoting. `provisions(library)` rebuilds the
whole clauses from the chunks' section marks (a clause cut across two chunks is joined again).

Implementing texts are linked two ways:
- a text whose items name the article they implement ("3. Điều 4: …" in 294-QĐ/TW): by that name;
- a text that follows the same subjects without article numbers (06-HD/TW "3. Thủ tục xem xét kết
  nạp đảng viên (kể cả kết nạp lại)"): by the subject of its part's heading, matched to the
  headings of the first kind of text (`SUBJECT_MATCH`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ingest import textnorm
from ingest.model import Document, is_charter
from ingest.structure import articles_in

# A part of an implementing text that names no article is linked to the articles whose text (the
# Charter's clauses and the items naming them) is most like its own (TF-IDF cosine of syllables
# and syllable pairs, its heading counted HEADING_WEIGHT times): at least SUBJECT_MATCH, and every
# article within SUBJECT_TIE of the best. Checked against a table of the 06-HD/TW parts made by
# hand (tests/assistant/retrieval/test_provisions.py): below 0.2 the parts are ones no article
# governs alone ("Giải quyết việc thay đổi họ tên …").
SUBJECT_MATCH = 0.2
SUBJECT_TIE = 0.92
HEADING_WEIGHT = 3
_POINT = re.compile(r",\s*điểm\s+[a-zđ]\s*$")
_ARTICLE_TITLE = re.compile(r"^(?:Điều\s+\d+\.|\d+\.\s*Điều\s+\d+)")
_ITEM_NUMBER = re.compile(r"^mục\s+([\dIVXLC]+)")


@dataclass
class Provision:
    """One citable unit of an official text: its section path (points folded into their clause),
    its text as in the document, and where it starts (chunk and offset) for citations."""

    doc_id: str
    section: str
    text: str
    chunk_id: str
    offset: int
    order: int  # position in its document
    chunk_ids: list[str] = field(default_factory=list)  # every chunk it is cut across
    has_parts: bool = False  # other provisions stand under it (its text is their lead-in)

    @property
    def top(self) -> str:
        return top_section(self.section)

    def is_top(self) -> bool:
        """The provision that opens its article or top-level item (its heading line, often)."""
        head = self.section.split(" (")[0]
        return head == self.top or head.endswith(", " + self.top)

    def is_heading(self) -> bool:
        """A heading line only: "Điều 4.", "Điều 36. Thẩm quyền thi hành kỷ luật đảng viên vi
        phạm:", "3. Điều 4: Giới thiệu và kết nạp người vào Đảng"."""
        body = " ".join(self.text.split())
        if len(body.split()) < 6:
            return True
        one_line = "\n" not in self.text.strip()
        # a lead-in with parts under it ("Điều 36. Thẩm quyền … vi phạm :"), unless it states a
        # rule of its own ("Điều 9. Đảng … tổ chức theo nguyên tắc tập trung dân chủ. Nội dung …")
        short = len(body.split()) < 30
        states = re.search(r"\w[.;]\s+\S", _ARTICLE_TITLE.sub("", body)) is not None
        if short and self.has_parts and not states:
            return True
        return one_line and not body.endswith((".", ";", ":", "…", "”", '"'))


_ITEM = re.compile(r"^(mục\s+[\dIVXLC]+(?:\.\d+)*)\.\d+(.*)$")
_OUTSIDE_COMMA = re.compile(r",(?![^()]*\))")


def section_ancestors(section: str) -> list[str]:
    """The sections a section path sits in, outermost first, itself excluded.

    >>> section_ancestors("Chương VII, Điều 32, khoản 6")
    ['Chương VII', 'Chương VII, Điều 32']
    >>> section_ancestors("mục 28.1.2 (Điều 34)")
    ['mục 28 (Điều 34)', 'mục 28.1 (Điều 34)']
    >>> section_ancestors("mục 1.2.1 (Điều 1, khoản 2), điểm a")
    ['mục 1 (Điều 1, khoản 2)', 'mục 1.2 (Điều 1, khoản 2)', 'mục 1.2.1 (Điều 1, khoản 2)']
    """
    # a comma inside the article a 294-QĐ/TW item names ("(Điều 1, khoản 2)") divides nothing
    parts = [p.strip() for p in _OUTSIDE_COMMA.split(section)]
    out = [", ".join(parts[:i]) for i in range(1, len(parts))]
    items, head = [], parts[0]
    while (m := _ITEM.match(head)) is not None:
        head = m.group(1) + m.group(2)
        items.append(head)
    return list(reversed(items)) + out


def unit_of(section: str) -> str:
    """The clause a point belongs to.

    >>> unit_of("mục 3.5.1 (Điều 4), điểm a"), unit_of("Chương I, Điều 4, khoản 1")
    ('mục 3.5.1 (Điều 4)', 'Chương I, Điều 4, khoản 1')
    """
    return _POINT.sub("", section)


def top_section(section: str) -> str:
    """The article or top-level item a section path belongs to: what a subject is.

    >>> top_section("Chương V, Điều 24, khoản 2"), top_section("mục 3.5.1 (Điều 4), điểm a"), top_section("phần mở đầu")
    ('Điều 24', 'mục 3', 'phần mở đầu')
    """
    m = re.search(r"Điều\s+\d+", section)
    if m and not section.startswith("mục"):
        return m.group(0)
    m = _ITEM_NUMBER.match(section)
    if m:
        return f"mục {m.group(1)}"
    return section.split(",")[0].strip()


def implements_charter(doc: Document) -> bool:
    """A text that carries out the Charter ("… thi hành Điều lệ Đảng")."""
    return not is_charter(doc) and textnorm.canon("Điều lệ") in textnorm.canon(doc.title)


def build(chunks, documents: dict[str, Document]) -> dict[str, list[Provision]]:
    """Provisions of every official (not news) document, in document order."""
    by_doc: dict[str, list] = {}
    for c in chunks:
        d = documents.get(c.doc_id)
        if d is None or d.kind == "news" or not c.sections:
            continue
        by_doc.setdefault(c.doc_id, []).append(c)
    out: dict[str, list[Provision]] = {}
    for doc_id, chunks_ in by_doc.items():
        chunks_.sort(key=lambda c: c.ordinal)
        units: dict[str, Provision] = {}
        for c in chunks_:
            bounds = [*c.sections, (len(c.text), None)]
            for (start, sec), (end, _) in zip(bounds, bounds[1:]):
                piece = c.text[start:end].strip()
                if not piece:
                    continue
                key = unit_of(sec)
                p = units.get(key)
                if p is None:
                    units[key] = Provision(doc_id, key, piece, c.id, start, len(units), [c.id])
                else:
                    p.text += "\n" + piece
                    if c.id not in p.chunk_ids:
                        p.chunk_ids.append(c.id)
        for key in units:
            for parent in section_ancestors(key):
                if parent in units:
                    units[parent].has_parts = True
        out[doc_id] = list(units.values())
    return out


def _vector(counts: Counter, idf: dict[str, float]) -> dict[str, float]:
    v = {w: (1 + math.log(f)) * idf.get(w, 0.0) for w, f in counts.items()}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {w: x / norm for w, x in v.items()}


def _tokens(text: str) -> Counter:
    return Counter(textnorm.bm25_tokens(text, "syllables"))


def link_articles(
    provisions: dict[str, list[Provision]], documents: dict[str, Document]
) -> dict[tuple[str, str], set[str]]:
    """(document, top-level section) → the Charter articles it implements."""
    links: dict[tuple[str, str], set[str]] = {}
    # what each article is about: its own clauses and the items that name it
    about: dict[str, Counter] = {}
    for doc_id, provs in provisions.items():
        charter = is_charter(documents[doc_id])
        for p in provs:
            arts = articles_in(p.section)
            if not arts:
                continue
            if not charter and p.is_top():  # the item's own article
                links.setdefault((doc_id, p.top), set()).update(arts)
            for a in arts if not charter else [top_section(p.section).split()[-1]]:
                about.setdefault(a, Counter()).update(_tokens(p.text))
    if not about:
        return links
    df = Counter(w for c in about.values() for w in c)
    idf = {w: math.log(len(about) / n) for w, n in df.items()}
    articles = {a: _vector(c, idf) for a, c in about.items()}
    for doc_id, provs in provisions.items():
        if not implements_charter(documents[doc_id]) or any(key[0] == doc_id for key in links):
            continue
        parts: dict[str, list[Provision]] = {}
        for p in provs:
            if p.top.startswith("mục"):
                parts.setdefault(p.top, []).append(p)
        for top, ps in parts.items():
            words = Counter()
            for p in ps:
                words.update(_tokens(p.text))
            for _ in range(HEADING_WEIGHT - 1):
                words.update(_tokens(ps[0].text.strip().split("\n")[0]))
            v = _vector(words, idf)
            scores = {a: sum(x * av.get(w, 0.0) for w, x in v.items()) for a, av in articles.items()}
            best = max(scores.values())
            if best >= SUBJECT_MATCH:
                links[(doc_id, top)] = {a for a, sc in scores.items() if sc >= SUBJECT_TIE * best}
    return links


class Provisions:
    """The provisions of one index generation and the links between them."""

    def __init__(
        self, table: dict[str, list[Provision]], links: dict[tuple[str, str], set[str]], documents: dict[str, Document]
    ) -> None:
        self.table = table
        self.links = links
        self.documents = documents
        self.charter = next((d for d in table if is_charter(documents[d])), None)
        self.by_chunk: dict[str, list[Provision]] = {}
        for provs in table.values():
            for p in provs:
                for cid in p.chunk_ids:
                    self.by_chunk.setdefault(cid, []).append(p)
        self._rank = {doc_id: self._reading_order(doc_id) for doc_id in table}

    def all(self):
        for provs in self.table.values():
            yield from provs

    def clauses_in(self, chunk_id: str) -> list[Provision]:
        """The provisions a chunk holds (or holds part of), heading lines left out, in reading order."""
        return [p for p in self.by_chunk.get(chunk_id, []) if not p.is_heading()]

    def articles(self, p: Provision) -> set[str]:
        """The Charter articles a provision is (a Charter clause) or implements."""
        if p.doc_id == self.charter:
            return {top_section(p.section).split()[-1]} if "Điều" in p.section else set()
        return set(self.links.get((p.doc_id, p.top), set()))

    def rank(self, doc_id: str) -> int:
        """Reading order of texts on one subject: the Charter, the texts naming its articles
        (294-QĐ/TW), the texts following its subjects (06-HD/TW), then any other."""
        return self._rank.get(doc_id, 3)

    def _reading_order(self, doc_id: str) -> int:
        if doc_id == self.charter:
            return 0
        named = any(articles_in(p.section) for p in self.table.get(doc_id, [])[:40])
        if named:
            return 1
        return 2 if implements_charter(self.documents[doc_id]) else 3

    def implementing(self, article: str) -> list[Provision]:
        """The provisions of other texts that implement Charter article `article`."""
        return [p for p in self.all() if p.doc_id != self.charter and article in self.links.get((p.doc_id, p.top), ())]
