"""The structure of an official text: Phần / Chương / Mục / Điều, khoản (1.), điểm (a)) in legal
texts; I. / 1. / 1.1. / 1.1.1. / a) / - in Hướng dẫn and Quy định. Every paragraph gets its path,
and every path a citation form: "Chương V, Điều 24, khoản 2" or "mục 3.5.1 (Điều 4)".
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ingest.textnorm import UPPER

_PHAN = re.compile(r"^(?:Phần|PHẦN)\s+(thứ\s+\w+|THỨ\s+\w+|[IVXLC]+|\d+)\b[.:]?\s*(.*)$")
_CHUONG = re.compile(r"^(?:Chương|CHƯƠNG)\s+([IVXLC]+|\d+)\b[.:]?\s*(.*)$")
_MUC = re.compile(r"^(?:Mục|MỤC)\s+(\d+|[IVXLC]+)\b[.:]?\s*(.*)$")
_DIEU = re.compile(r"^(?:Điều|ĐIỀU)\s+(\d+)\s*[.:]\s*(.*)$|^(?:Điều|ĐIỀU)\s+(\d+)\s*$")
_ROMAN = re.compile(r"^([IVXLC]{1,7})\s*[.)\-–]\s+(.*)$")
# "1. Text", "1.1. Text", "3.5.1 Text" — the text opens with a capital ("1.000 đảng viên" is a number).
_NUMBERED = re.compile(
    r"^(\d{1,3}(?:\.\d{1,2}){0,4})\s*(?:\.|\))(?:\s+(?=[(\[UPPERCASE\"“])|$)(.*)$|^(\d{1,3}(?:\.\d{1,2}){1,4})\s+(?=[UPPERCASE])(.*)$".replace(
        "UPPERCASE", UPPER
    )
)
_LETTER = re.compile(r"^\(?([a-zđ])\)\s*(.*)$")
# "Điều 1 (Khoản 2)", "Điều 12 (Khoản 2), Điều 20 (Khoản 2)", "(Khoản 1)"
_ARTICLE_REF = re.compile(r"Điều\s+(\d+)(?:\s*\(\s*((?:Khoản|khoản)[^)]*)\))?")
_CLAUSE_REF = re.compile(r"^\(?\s*(?:Khoản|khoản)\s+([\d,\s]+(?:và\s+\d+)?)\)?")
_CLOSING = re.compile(r"^(?:Nơi\s+nhận|T/M|TM\.|K/T|KT\.)")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman(value: str) -> int:
    total = 0
    for a, b in zip(value, value[1:] + " "):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES.get(b, 0) > v else v
    return total


@dataclass(frozen=True)
class Label:
    kind: str  # phan | chuong | muc | dieu | khoan | diem | part | item | letter | preamble | closing
    value: str  # "V", "24", "2", "a", "II", "3.5.1"
    heading: str = ""  # the heading line as printed ("Chương V. TỔ CHỨC CƠ SỞ ĐẢNG")
    refs: tuple[str, ...] = ()  # articles an item implements: ("Điều 4", "Điều 4, khoản 2")


@dataclass
class Block:
    """A paragraph with its place in the structure."""

    text: str
    path: tuple[Label, ...] = ()
    start: int = 0  # offsets in the document text
    end: int = 0

    @property
    def section(self) -> str | None:
        return section_of(self.path)

    @property
    def unit(self) -> tuple[Label, ...]:
        """The top-level unit a chunk must not cross: the path up to its Điều, or its first item."""
        for i, label in enumerate(self.path):
            if label.kind in ("dieu", "item", "preamble", "closing"):
                return self.path[: i + 1]
        return self.path


@dataclass
class Structure:
    blocks: list[Block] = field(default_factory=list)
    style: str = "none"  # legal (Điều) | numbered | none

    @property
    def structured(self) -> bool:
        return self.style != "none"


def section_of(path: tuple[Label, ...]) -> str | None:
    """The citation form of a path.

    >>> section_of((Label("chuong", "V"), Label("dieu", "24"), Label("khoan", "2")))
    'Chương V, Điều 24, khoản 2'
    >>> section_of((Label("item", "3", refs=("Điều 4",)), Label("item", "3.5"), Label("item", "3.5.1")))
    'mục 3.5.1 (Điều 4)'
    >>> section_of((Label("part", "II"), Label("item", "1"), Label("letter", "b")))
    'mục II.1, điểm b'
    """
    parts: list[str] = []
    item: list[str] = []
    refs: tuple[str, ...] = ()
    for label in path:
        if label.kind == "phan":
            parts.append(f"Phần {label.value}")
        elif label.kind == "chuong":
            parts.append(f"Chương {label.value}")
        elif label.kind == "muc":
            parts.append(f"Mục {label.value}")
        elif label.kind == "dieu":
            parts.append(f"Điều {label.value}")
        elif label.kind == "khoan":
            parts.append(f"khoản {label.value}")
        elif label.kind == "diem":
            parts.append(f"điểm {label.value}")
        elif label.kind == "part":
            item = [label.value]
        elif label.kind == "item":
            item = [x for x in item if not x[:1].isdigit()] + [label.value]
            refs = label.refs or refs
        elif label.kind == "letter":
            if item:
                parts.append(_item_text(item, refs))
                item, refs = [], ()
            parts.append(f"điểm {label.value}")
        elif label.kind == "preamble":
            parts.append("phần mở đầu")
        elif label.kind == "closing":
            parts.append("phần cuối")
    if item:
        parts.append(_item_text(item, refs))
    return ", ".join(parts) or None


def _item_text(item: list[str], refs: tuple[str, ...]) -> str:
    text = "mục " + ".".join(item)
    return text + (f" ({'; '.join(refs)})" if refs else "")


_CLAUSE_FIRST = re.compile(r"(?:Khoản|khoản)\s+([\d,\s]+?)\s*,\s*Điều\s+(\d+)")


def _refs(text: str, parent: tuple[str, ...]) -> tuple[str, ...]:
    """Charter articles an item of a Quy định names: "Điều 1 (Khoản 2): …", "(Khoản 6, Điều 22): …",
    or, under an item that names one, "(Khoản 1): …".

    >>> _refs("1. Điều 1 (Khoản 2): Tuổi đời", ())
    ('Điều 1, khoản 2',)
    >>> _refs("21. (Khoản 6, Điều 22): Sinh hoạt định kỳ", ())
    ('Điều 22, khoản 6',)
    >>> _refs("10. Điều 10, Điều 13, Điều 21: Về hệ thống tổ chức", ())
    ('Điều 10, 13, 21',)
    >>> _refs("2.1. (Khoản 1): Quyền được thông tin", ("Điều 3",))
    ('Điều 3, khoản 1',)
    """
    head = text.split(":", 1)[0] if ":" in text[:160] else text[:160]
    found: list[tuple[str, str | None]] = []
    for m in _CLAUSE_FIRST.finditer(head):
        found.append((m.group(2), m.group(1).strip()))
    for m in _ARTICLE_REF.finditer(head):
        if not any(a == m.group(1) for a, _ in found):
            clause = m.group(2)
            found.append((m.group(1), re.sub(r"(?i)khoản\s*", "", clause).strip() if clause else None))
    if not found:
        clause = _CLAUSE_REF.match(re.sub(r"^[\d.]+\s*", "", text))
        if clause and parent:
            article = parent[0].split(",")[0]
            return (f"{article}, khoản {clause.group(1).strip()}",)
        return ()
    if len(found) > 1 and not any(c for _, c in found):
        return ("Điều " + ", ".join(a for a, _ in found),)
    return tuple(f"Điều {a}" + (f", khoản {c}" if c else "") for a, c in found)


def parse(paragraphs: list[str], offsets: list[int] | None = None) -> Structure:
    """Give each paragraph its path. Legal texts (three or more "Điều N." headings) are read as
    Chương / Điều / khoản / điểm; texts with numbered items as I. / 1. / 1.1. / a); others get
    no structure."""
    dieu = sum(1 for p in paragraphs if _DIEU.match(p))
    numbered = sum(1 for p in paragraphs if _NUMBERED.match(p) or _ROMAN.match(p))
    style = "legal" if dieu >= 3 else "numbered" if numbered >= 3 else "none"
    offsets = offsets or [0] * len(paragraphs)
    blocks: list[Block] = []
    path: list[Label] = []
    pending_title: int | None = None  # index of a Chương whose title line follows it
    started = False
    for i, text in enumerate(paragraphs):
        end = offsets[i] + len(text)
        if style == "none":
            blocks.append(Block(text, (), offsets[i], end))
            continue
        label = None
        closing = _CLOSING.match(text)
        if closing and started:
            path = [Label("closing", "", text)]
            blocks.append(Block(text, tuple(path), offsets[i], end))
            continue
        if path and path[0].kind == "closing":
            blocks.append(Block(text, tuple(path), offsets[i], end))
            continue
        if pending_title is not None and _is_caps(text) and not _DIEU.match(text):
            # "Chương V" then "TỔ CHỨC CƠ SỞ ĐẢNG": the title belongs to the chapter's heading
            last = path[-1]
            joiner = ". " if last.heading.split()[-1] == last.value else " "
            path[-1] = Label(last.kind, last.value, f"{last.heading}{joiner}{text}", last.refs)
            blocks.append(Block(text, tuple(path), offsets[i], end))
            continue  # a title may run over several lines in capitals
        pending_title = None
        if style == "legal":
            label, path = _legal(text, path)
            if (
                label is not None
                and label.kind in ("chuong", "phan", "muc")
                and not label.heading.rstrip().endswith(tuple("abcdefghijklmnopqrstuvwxyzđĐ"))
            ):
                pending_title = i
        else:
            label, path = _numbered(text, path)
        if label is not None:
            started = True
        elif not started:
            path = [Label("preamble", "", "")]
        blocks.append(Block(text, tuple(path), offsets[i], end))
    return Structure(blocks, style)


def _legal(text: str, path: list[Label]) -> tuple[Label | None, list[Label]]:
    for kind, pattern, keep in (("phan", _PHAN, ()), ("chuong", _CHUONG, ("phan",)), ("muc", _MUC, ("phan", "chuong"))):
        m = pattern.match(text)
        if m:
            value = m.group(1)
            label = Label(kind, value.upper() if kind != "phan" else value, text)
            return label, [x for x in path if x.kind in keep] + [label]
    m = _DIEU.match(text)
    if m:
        label = Label("dieu", m.group(1) or m.group(3), text)
        return label, [x for x in path if x.kind in ("phan", "chuong", "muc")] + [label]
    if any(x.kind == "dieu" for x in path):
        m = re.match(r"^(\d{1,2})\s*[.)]\s+(.*)$", text)
        if m:
            label = Label("khoan", m.group(1), text)
            return label, [x for x in path if x.kind in ("phan", "chuong", "muc", "dieu")] + [label]
        m = _LETTER.match(text)
        if m:
            label = Label("diem", m.group(1), text)
            return label, [x for x in path if x.kind in ("phan", "chuong", "muc", "dieu", "khoan")] + [label]
    return None, path


def _numbered(text: str, path: list[Label]) -> tuple[Label | None, list[Label]]:
    m = _ROMAN.match(text)
    if m and _is_caps(m.group(2)[:40]) and roman(m.group(1)) <= 40:
        label = Label("part", m.group(1), text)
        return label, [label]
    m = _NUMBERED.match(text)
    if m:
        number = m.group(1) or m.group(3)
        depth = number.count(".") + 1
        parts = [x for x in path if x.kind == "part"]
        items = [x for x in path if x.kind == "item" and x.value.count(".") + 1 < depth]
        # A sub-item must continue its parent's number ("3.5.1" under "3.5"); otherwise it is
        # the first number of a new run.
        if depth > 1 and not (items and number.startswith(items[-1].value + ".")):
            items = [x for x in items if number.startswith(x.value + ".")]
        parent_refs = next((x.refs for x in reversed(items) if x.refs), ())
        label = Label("item", number, text, _refs(text, parent_refs) if depth == 1 or parent_refs else ())
        return label, parts + items + [label]
    m = _LETTER.match(text)
    if m and any(x.kind == "item" for x in path):
        label = Label("letter", m.group(1), text)
        return label, [x for x in path if x.kind in ("part", "item")] + [label]
    return None, path


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def heading_path(path: tuple[Label, ...]) -> list[str]:
    """The printed headings above a paragraph: Phần, Chương, Mục, Điều and the items and
    clauses that contain it (their first line), for the chunk's search context."""
    out = []
    for label in path[:-1] if path and path[-1].kind in ("khoan", "diem", "item", "letter") else path:
        if label.heading:
            out.append(label.heading if len(label.heading) <= 200 else label.heading[:200].rsplit(" ", 1)[0] + " …")
    return out


_ARTICLE_NUMBERS = re.compile(r"Điều\s+(\d+(?:\s*,\s*\d+)*)")


def articles_in(section: str) -> set[str]:
    """The article numbers a section path names ("Chương V, Điều 24, khoản 2" → {"24"};
    "mục 10.4 (Điều 10, 13, 21)" → {"10", "13", "21"}).

    >>> sorted(articles_in("mục 10.4 (Điều 10, 13, 21), điểm b"))
    ['10', '13', '21']
    """
    out: set[str] = set()
    for m in _ARTICLE_NUMBERS.finditer(section):
        out.update(n.strip() for n in m.group(1).split(","))
    return out


_PART = re.compile(r"(Phần|Chương|Mục|mục|Điều|khoản|điểm)\s+(\d+(?:\.\d+)*|[IVXLC]+(?:\.\d+)*|[a-zđ])(?!\w)")


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
    """Whether a passage's section path lies inside a named section ("Điều 24, khoản 2" holds
    "Chương V, Điều 24, khoản 2"; "mục 3.5" holds "mục 3.5.1"; "Điều 4" holds "mục 3 (Điều 4)")."""
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
