"""A trainer's edits to a drafted outline, and what follows from them.

`Edits` records what was changed (texts, removals, additions, the document header) with a history
for undo; `apply(outline, edits)` gives the outline as edited. An edited quotation is no longer
the document's words: it becomes the trainer's text with "(tham khảo [n])". `renumber` numbers
the citations in the order they appear and rebuilds the reference list and the quoted passages,
so removed or rewritten quotations leave both.
"""

from __future__ import annotations

from collections import defaultdict
from copy import deepcopy
from dataclasses import dataclass, field, replace

from assistant.outline.model import Item, Outline, lines
from ingest.model import Citation
from ingest.registry import lookup

HEADER_FIELDS = ("committee", "cell", "place", "day", "month", "year", "signer")


@dataclass
class Edits:
    texts: dict[str, str] = field(default_factory=dict)  # item id → new text
    removed: list[str] = field(default_factory=list)  # item ids, in the order removed
    added: list[tuple[str, str]] = field(default_factory=list)  # (section key, item id)
    header: dict[str, str] = field(default_factory=dict)
    history: list[tuple[str, str, object]] = field(default_factory=list)
    _next: int = 0

    def set_text(self, item_id: str, text: str) -> None:
        self.history.append(("text", item_id, self.texts.get(item_id)))
        self.texts[item_id] = text

    def remove(self, item_id: str) -> None:
        if item_id not in self.removed:
            self.removed.append(item_id)
            self.history.append(("remove", item_id, None))

    def add(self, section_key: str, text: str) -> str:
        """A new item of the trainer's at the end of a section; returns its id."""
        self._next += 1
        item_id = f"new-{self._next}"
        self.added.append((section_key, item_id))
        self.texts[item_id] = text
        self.history.append(("add", item_id, None))
        return item_id

    def set_header(self, name: str, value: str) -> None:
        if name not in HEADER_FIELDS:
            raise ValueError(f"Unknown header field {name!r}. Supported: {', '.join(HEADER_FIELDS)}")
        self.history.append(("header", name, self.header.get(name)))
        self.header[name] = value

    def undo(self) -> tuple[str, str] | None:
        """Take back the last change; returns (what, item id or header field), None when nothing is left."""
        if not self.history:
            return None
        what, key, previous = self.history.pop()
        if what == "text":
            if previous is None:
                self.texts.pop(key, None)
            else:
                self.texts[key] = previous
        elif what == "remove":
            self.removed.remove(key)
        elif what == "add":
            self.added = [a for a in self.added if a[1] != key]
            self.texts.pop(key, None)
        elif what == "header":
            if previous is None:
                self.header.pop(key, None)
            else:
                self.header[key] = previous
        return what, key

    def last_removed(self) -> str | None:
        """The item removed by the last change, if the last change was a removal."""
        return self.history[-1][1] if self.history and self.history[-1][0] == "remove" else None


def _clean(text: str) -> str:
    return " ".join(text.split())


def edited_item(item: Item, text: str) -> Item | None:
    """The item after its text was changed; None when the text was emptied.

    >>> edited_item(Item("Chi bộ họp mỗi tháng một lần.", [3], "corpus"), "Chi bộ họp hằng tháng.").rendered()
    'Chi bộ họp hằng tháng. (tham khảo [3])'
    """
    text = _clean(text)
    if not text:
        return None
    if text == _clean(item.text) or item.source == "reference":
        return item
    # A quotation that was changed is the trainer's text that refers to the passage.
    return Item(text, list(item.citations) if item.source in ("corpus", "own") else [], "own", item.id)


def apply(outline: Outline, edits: Edits) -> Outline:
    """The outline as edited: texts changed, items removed or added, citations renumbered."""
    out = deepcopy(outline)
    added = defaultdict(list)
    for key, item_id in edits.added:
        added[key].append(Item(edits.texts.get(item_id, ""), [], "own", item_id))
    removed = set(edits.removed)
    for s in out.sections:
        items = []
        for item in s.items + added.get(s.key, []):
            if item.id in removed:
                continue
            if item.id in edits.texts:
                item = edited_item(item, edits.texts[item.id])
                if item is None:
                    continue
            items.append(item)
        s.items = items
    for name, value in edits.header.items():
        setattr(out.header, name, value)
    return renumber(out)


def renumber(outline: Outline) -> Outline:
    """Citations numbered 1, 2, … in the order the document shows them; unused ones dropped.

    Each citation's `quote` becomes the sentences still quoted from it (empty when only
    "(tham khảo [n])" points to it); the reference list is rebuilt from what is left."""
    order: list[int] = []
    quoted: dict[int, list[str]] = defaultdict(list)
    for line in lines(outline):
        item = line.item
        if item is None or item.source not in ("corpus", "own"):
            continue
        for n in item.citations:
            if n not in order:
                order.append(n)
            if item.source == "corpus" and item.verbatim:
                sentence = item.full or item.text
                if sentence not in quoted[n]:
                    quoted[n].append(sentence)
    new_n = {old: k for k, old in enumerate(order, 1)}
    by_n = {c.n: c for c in outline.citations}
    outline.citations = [replace(by_n[old], n=new_n[old], quote=" ".join(quoted[old])) for old in order if old in by_n]
    for s in outline.sections:
        for item in s.items:
            item.citations = [new_n[n] for n in item.citations if n in new_n]
    outline.references = reference_lines(outline.citations, outline.publishers, outline.mentions)
    refs = outline.section("references")
    if refs is not None:
        own = [i for i in refs.items if i.source != "reference"]
        refs.items = [Item(text, [], "reference", f"ref-{k}") for k, text in enumerate(outline.references, 1)] + own
    return outline


def reference_lines(citations: list[Citation], publishers: dict[str, str], mentions: dict[str, list[str]]) -> list[str]:
    """One line per cited document (official texts as they are cited: number, date, issuer), then
    the guidance the passages mention that the library does not hold."""
    from assistant.answer import format_date

    refs: list[str] = []
    seen: set[str] = set()
    numbers: list[str] = []
    for c in citations:
        for nid in mentions.get(c.chunk_id, []):
            if nid not in numbers:
                numbers.append(nid)
        if c.doc_id in seen:
            continue
        seen.add(c.doc_id)
        mine = [x for x in citations if x.doc_id == c.doc_id]
        quoted = ", ".join(f"[{x.n}]" for x in mine if x.quote)
        referred = ", ".join(f"[{x.n}]" for x in mine if not x.quote)
        uses = "; ".join(
            p for p in (f"trích {quoted}" if quoted else "", f"tham khảo {referred}" if referred else "") if p
        )
        parts = [c.title]
        if c.number and c.number.upper() not in c.title.upper():
            parts.append(f"số {c.number}")
        if publishers.get(c.doc_id):
            parts.append(publishers[c.doc_id])
        when = format_date(c.date) if c.date else "không rõ ngày"
        kind = ", tin bài" if c.kind == "news" else ""
        refs.append(f"{', '.join(parts)} ({when}{kind}) — {uses}")
    for nid in numbers:
        rec = lookup(nid)
        if not rec:
            continue
        refs.append(
            f"{rec['type']} {rec['id']}"
            + (f" ngày {format_date(rec.get('date'))}" if rec.get("date") else "")
            + (f" của {rec['issuer']}" if rec.get("issuer") else "")
            + (f": {rec['title']}" if rec.get("title") else "")
            + " (được nhắc đến trong tài liệu trích dẫn; kho tài liệu không có văn bản gốc"
            # "newer guidance on the same subject", never "replaced": the corpus does not say so
            + (f"; đã có văn bản mới hơn về cùng nội dung: {', '.join(rec['newer'])}" if rec.get("newer") else "")
            + ")"
        )
    return refs
