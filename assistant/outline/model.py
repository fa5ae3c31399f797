"""The outline's data: `Item`s in `Section`s in an `Outline`, the Party document `Header`, and
the numbering and Markdown that follow from them.

One model travels from the drafter to the editor to the Word file. Numbers are never stored in
the text: `lines()` computes them, the same for the screen, Markdown and Word. Parts are I., II.,
…; inside each part its points or items are 1., 2., … again (the numbering restarts with every
part); items under a point are "-". Removing an item renumbers what follows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.model import Citation

PLACEHOLDER = "……………"
REQUIRED_SECTIONS = [
    "Mục đích, yêu cầu",
    "Nội dung",
    "Gợi ý thảo luận",
    "Liên hệ bản thân",
    "Tiến trình buổi sinh hoạt",
    "Tài liệu tham khảo",
]
# What an item is, for people: the JSON contract's `source` only says corpus or template.
ORIGINS = {
    "corpus": "quote",  # the document's exact words, cited [n]
    "template": "suggestion",  # written by the tool: prompts, placeholders, scaffolding
    "reference": "reference",  # a line of the reference list, built from the citations
    "own": "own",  # the trainer's text (an edited quotation keeps "(tham khảo [n])")
}
LEGEND = (
    "Chữ nghiêng: gợi ý do công cụ soạn, người trình bày sửa hoặc bỏ trước khi dùng (không phải trích dẫn). "
    "Câu trong ngoặc kép có [n]: trích nguyên văn đoạn tài liệu số n (xem Phụ lục)."
)


@dataclass
class Item:
    """One point of the outline.

    `source`: corpus (an exact quotation, `citations` say where from), template (the tool's
    scaffolding), reference (a line of the reference list) or own (the trainer's text; with
    `citations` it is written "… (tham khảo [n])", no longer a quotation)."""

    text: str
    citations: list[int] = field(default_factory=list)
    source: str = "template"
    id: str = ""
    full: str = ""  # a quotation's whole sentence (the text may be trimmed with "…")
    verbatim: bool = True  # False for a model's prose (cited, checked, but not the documents' words)
    lead: str = ""  # where a quotation comes from, written before it: "Điều lệ Đảng (Điều 24, khoản 2):"

    @property
    def is_quote(self) -> bool:
        return self.source == "corpus"

    def marks(self) -> str:
        return "".join(f"[{n}]" for n in self.citations)

    def rendered(self) -> str:
        """The text as the document prints it, citations included.

        >>> Item("Chi bộ họp mỗi tháng một lần.", [2], "own").rendered()
        'Chi bộ họp mỗi tháng một lần. (tham khảo [2])'
        """
        if self.source == "corpus":
            body = f"“{self.text}”" if self.verbatim else self.text
            return f"{self.lead} {body} {self.marks()}" if self.lead else f"{body} {self.marks()}"
        if self.source == "own" and self.citations:
            return f"{self.text} (tham khảo {', '.join(f'[{n}]' for n in self.citations)})"
        return self.text

    def to_json(self) -> dict:
        # Only a quotation is "corpus"; the trainer's text and the reference lines are "template"
        # in the contract (not the documents' words); `origin` tells them apart.
        return {
            "text": self.text if self.source == "corpus" else self.rendered(),
            "citations": self.citations,
            "source": "corpus" if self.source == "corpus" else "template",
            "origin": ORIGINS.get(self.source, self.source),
            "lead": self.lead,
        }


@dataclass
class Section:
    """A part of the outline. `level` 0: the meeting details under the title (not numbered);
    1: a part (I., II., …); 2: a point inside the part before it (1., 2., …)."""

    heading: str
    items: list[Item] = field(default_factory=list)
    level: int = 1
    key: str = ""
    note: str = ""  # a fixed line under the heading, e.g. what kind of sources follow

    def to_json(self) -> dict:
        return {
            "heading": self.heading,
            "items": [i.to_json() for i in self.items],
            "key": self.key,
            "level": self.level,
            "note": self.note,
        }


def _prefixed(value: str, prefix: str) -> str:
    """The name in capitals, with its kind in front when it was typed without it.

    >>> _prefixed("Chi bộ thôn Đông", "CHI BỘ"), _prefixed("thôn Đông", "CHI BỘ"), _prefixed("", "CHI BỘ")
    ('CHI BỘ THÔN ĐÔNG', 'CHI BỘ THÔN ĐÔNG', 'CHI BỘ ……………')
    """
    value = " ".join(value.split())
    if not value:
        return f"{prefix} {PLACEHOLDER}"
    up = value.upper()
    kinds = ("CHI BỘ", "ĐẢNG BỘ", "ĐẢNG ỦY", "ĐẢNG UỶ", "BAN CHẤP HÀNH")
    return up if up.startswith(kinds) else f"{prefix} {up}"


@dataclass
class Header:
    """The Party document's frame: issuing body, place and date, signature, recipients."""

    committee: str = ""  # the cell's party committee, "Đảng bộ xã Thạch Hà"
    cell: str = ""  # "Chi bộ thôn Đông"
    place: str = ""  # the place name of the date line, "Thạch Hà"
    day: str = ""
    month: str = ""
    year: str = ""
    signer: str = ""  # the secretary's name, left blank for a draft
    recipients: list[str] = field(default_factory=list)

    def committee_line(self) -> str:
        return _prefixed(self.committee, "ĐẢNG BỘ")

    def cell_line(self) -> str:
        return _prefixed(self.cell, "CHI BỘ")

    def date_line(self) -> str:
        """'Thạch Hà, ngày … tháng … năm 2025', dots where the draft leaves a blank."""
        dots = "…"
        return (
            f"{self.place.strip() or '……'}, ngày {self.day.strip() or dots * 2} tháng "
            f"{self.month.strip() or dots * 2} năm {self.year.strip() or dots * 3}"
        )

    def recipient_lines(self) -> list[str]:
        if self.recipients:
            return self.recipients
        superior = self.committee.strip()
        if superior:
            superior = superior.replace("Đảng bộ", "Đảng ủy").replace("đảng bộ", "Đảng ủy")
            if not superior.lower().startswith("đảng ủy"):
                superior = f"Đảng ủy {superior}"
        return [f"{superior or 'Đảng ủy ' + PLACEHOLDER} (để báo cáo)", "Đảng viên trong chi bộ", "Lưu chi bộ"]

    def to_json(self) -> dict:
        return {
            "committee": self.committee_line(),
            "cell": self.cell_line(),
            "date_line": self.date_line(),
            "signer": self.signer,
            "recipients": self.recipient_lines(),
        }


@dataclass
class Outline:
    topic: str
    title: str
    sections: list[Section]
    citations: list[Citation]
    warnings: list[str] = field(default_factory=list)
    timings_ms: dict = field(default_factory=dict)
    references: list[str] = field(default_factory=list)
    header: Header = field(default_factory=Header)
    # What the reference list needs once the index is gone (the editor rebuilds it after edits):
    publishers: dict[str, str] = field(default_factory=dict)  # doc_id → publisher
    mentions: dict[str, list[str]] = field(default_factory=dict)  # chunk_id → registry ids it cites

    def to_json(self) -> dict:
        return {
            "topic": self.topic,
            "title": self.title,
            "markdown": self.markdown(),
            "sections": [s.to_json() for s in self.sections],
            "citations": [c.to_json() for c in self.citations],
            "warnings": self.warnings,
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
            "header": self.header.to_json(),
        }

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def item(self, item_id: str) -> Item | None:
        return next((i for s in self.sections for i in s.items if i.id == item_id), None)

    def lines(self) -> list[Line]:
        return lines(self)

    def markdown(self) -> str:
        return markdown(self)


# ---- numbering and Markdown --------------------------------------------------------------------
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@dataclass
class Line:
    kind: str  # info | part | point | item
    label: str  # "II." | "3." | "-" | ""
    text: str
    section: int  # index in outline.sections
    item: Item | None = None
    note: str = ""  # a section's fixed note (part and point lines)


def roman(n: int) -> str:
    return ROMAN[n - 1] if 0 < n <= len(ROMAN) else str(n)


def lines(outline: Outline) -> list[Line]:
    """Every heading and item in document order with its number.

    A part's items and its points share one counter that starts at 1 in every part."""
    out: list[Line] = []
    part = 0
    counter = 0
    for si, s in enumerate(outline.sections):
        if s.level == 0:
            out += [Line("info", "", i.text, si, i) for i in s.items]
            continue
        if s.level == 1:
            part += 1
            counter = 0
            out.append(Line("part", f"{roman(part)}.", s.heading, si, note=s.note))
            for item in s.items:
                counter += 1
                out.append(Line("item", f"{counter}.", item.rendered(), si, item))
            continue
        counter += 1
        out.append(Line("point", f"{counter}.", s.heading, si, note=s.note))
        out += [Line("item", "-", item.rendered(), si, item) for item in s.items]
    return out


def has_suggestions(outline: Outline) -> bool:
    return any(i.source == "template" for s in outline.sections if s.level > 0 for i in s.items)


def markdown(outline: Outline) -> str:
    """The outline as Markdown: suggestions in italics, quotations in quotes with [n]."""
    from assistant.answer import format_date

    h = outline.header
    md = [
        f"{h.committee_line()}  ",
        f"**{h.cell_line()}**  ",
        "\\*",
        "",
        "**ĐẢNG CỘNG SẢN VIỆT NAM**  ",
        f"_{h.date_line()}_",
        "",
        f"# {outline.title}",
        "",
    ]
    for w in outline.warnings:
        md += [f"> ⚠ {w}", ""]
    for line in lines(outline):
        item = line.item
        if line.kind == "info":
            md.append(f"- {_md_item(item, item.text)}")
            continue
        if line.kind == "part":
            md += ["", f"## {line.label} {line.text}", ""]
        elif line.kind == "point":
            md += ["", f"### {line.label} {line.text}", ""]
        else:
            md.append(f"{line.label} {_md_item(item, line.text)}")
        if line.kind in ("part", "point") and line.note:
            md += [f"_{line.note}_", ""]
    md += ["", "**T/M CHI ỦY**  ", "**BÍ THƯ**  ", f"{h.signer or '……………'}", ""]
    md += ["**Nơi nhận:**"] + [f"- {r}" for r in h.recipient_lines()]
    if outline.citations:
        md += ["", "## Phụ lục: Các đoạn trích dẫn", ""]
        for c in outline.citations:
            where = ", ".join(x for x in (c.title, c.section) if x)
            kind = " (tin bài: kinh nghiệm ở cơ sở)" if c.kind == "news" else ""
            quoted = f": “{c.quote}”" if c.quote else " (tham khảo)"
            md.append(f"- [{c.n}] {where} ({format_date(c.date)}){kind}{quoted}")
    if has_suggestions(outline):
        md += ["", f"_{LEGEND}_"]
    return "\n".join(md).strip() + "\n"


def _md_item(item: Item | None, text: str) -> str:
    if item is not None and item.source == "template":
        return f"_{text}_"
    return text
