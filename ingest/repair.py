"""Text repair: layout lines back into paragraphs, in any format.

PDF text layers, converted Markdown and OCR give one line per printed line. This module joins
hard-wrapped lines back into paragraphs, drops page numbers and the running headers and footers
printed on every page, keeps list items and headings on lines of their own, and strips stray
Markdown marks ("*Hà Nội, ngày 19*", "* |", "-----"). Text that is not hard-wrapped (a Word file,
one paragraph per line) only has its broken continuations joined.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.textnorm import UPPER, normalize

# A line that starts a new block: a list item, a numbered item, a heading of a legal text, the
# preamble and closing formulas of a Party document.
BLOCK_START = re.compile(
    r"""^(?:
        [-–—+•·▪●◦]\s*\S                                  # bullets
      | \(?[a-zđ]\)\s                                     # điểm a) b)
      | \d{1,3}(?:\.\d{1,2}){0,4}\s*[.)]\s*(?=[(\[UPPERCASE"“]|$)   # 1. 1.1. 1.1.1. 2) before a capital
      | \d{1,3}(?:\.\d{1,2}){1,4}\s+(?=[UPPERCASE])          # 1.1 without the final dot
      | [IVXLC]{1,7}\s*[.)\-–]\s                          # I. II- (roman parts)
      | (?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC|Điều|ĐIỀU)\s+(?:thứ\s+\w+|THỨ\s+\w+|[\dIVXLC]+)\b
      | (?:Căn\s+cứ|Nơi\s+nhận|T/M|TM\.|K/T|KT\.|Q\.\s|Số\s)
    )""".replace("UPPERCASE", UPPER),
    re.VERBOSE,
)
_TERMINAL = re.compile(r"[.:;!?…]['\")\]]*\s*$")
# A reference to a part of a text, wrapped onto the next printed line ("… theo quy định tại Điều 2
# và" / "Điều 3 Điều lệ Đảng; …"): a heading has its number followed by "." or ":" or nothing,
# a reference has running text after it.
_REFERENCE = re.compile(r"^(?:Điều|Chương|Mục|Phần|Khoản|khoản|điểm)\s+[\dIVXLC]+(?:\s*,|\s+[^\s.:)\-–])")
_ENDS_LOWER_WORD = re.compile(r"[a-zà-ỹđ,]\s*$")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.IGNORECASE)
_RULE = re.compile(r"^\s*[-_=*–—]{3,}\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_STRAY = re.compile(r"^[\s*_|>]+|[\s*_|]+$")
_NOT_HARD_WRAPPED = 180  # a document whose long lines run past this is one paragraph per line


def clean_markup(line: str) -> str:
    """A line without Markdown marks; the text itself untouched.

    >>> clean_markup("*Hà Nội, ngày 19*")
    'Hà Nội, ngày 19'
    >>> clean_markup("## II. NỘI DUNG")
    'II. NỘI DUNG'
    >>> clean_markup("Ban Bí thư *“Về tiếp tục đổi mới”*; Quy định")
    'Ban Bí thư “Về tiếp tục đổi mới”; Quy định'
    >>> clean_markup("* |")
    '*'
    """
    line = _MD_HEADING.sub("", line)
    line = _MD_EMPHASIS.sub(r"\2", line)
    stripped = line.strip()
    if stripped in ("*", "* |", "|*", "| *"):
        return "*"  # the star under a Party document's issuing body
    if re.fullmatch(r"[-–—]\s.*", stripped):  # a bullet keeps its dash
        return stripped.rstrip(" |*")
    return _MD_STRAY.sub("", line).strip()


def _furniture(pages: list[list[str]]) -> set[str]:
    """Running headers and footers: a line (digits ignored) at the top or bottom of many pages."""
    if len(pages) < 3:
        return set()
    seen: Counter = Counter()
    for lines in pages:
        edge = [ln for ln in lines if ln.strip()]
        for ln in {*edge[:2], *edge[-2:]}:
            seen[_shape(ln)] += 1
    need = max(3, len(pages) // 3)
    return {shape for shape, n in seen.items() if n >= need and len(shape) < 90}


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def _width(lines: list[str]) -> int:
    """The printed line width: what most long lines reach (90th percentile of lengths)."""
    lengths = sorted(len(ln) for ln in lines if len(ln) > 20)
    if not lengths:
        return 0
    return lengths[int(0.9 * (len(lengths) - 1))]


def _starts_lower(line: str) -> bool:
    first = next((c for c in line if c.isalpha()), "")
    return bool(first) and first.islower()


def join_lines(lines: list[str]) -> list[str]:
    """Paragraphs from layout lines ("" marks a break). Where blank lines separate paragraphs
    (converted Markdown), every line of a block joins its paragraph unless it starts a new item;
    elsewhere the printed width decides: a line that reaches the margin goes on."""
    width = _width(lines)
    wrapped = 0 < width <= _NOT_HARD_WRAPPED
    blanks = sum(1 for a, b in zip(lines, lines[1:]) if a and not b)
    blocks = wrapped and blanks >= 0.2 * max(1, sum(1 for ln in lines if ln))
    paragraphs: list[str] = []
    current, last = "", ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = last = ""
            continue
        if current and _continues(current, last, line, width, wrapped, blocks):
            current = current + " " + line
        else:
            if current:
                paragraphs.append(current)
            current = line
        last = line
    if current:
        paragraphs.append(current)
    return paragraphs


def _continues(paragraph: str, last: str, line: str, width: int, wrapped: bool, blocks: bool) -> bool:
    """Whether `line` continues `paragraph`, whose last printed line was `last`."""
    if _REFERENCE.match(line) and _ENDS_LOWER_WORD.search(last):
        return True  # "… quy định tại Điều 2 và" / "Điều 3 Điều lệ Đảng; …"
    if BLOCK_START.match(line) or line == "*" or paragraph == "*":
        return False
    ends = bool(_TERMINAL.search(last))
    if _starts_lower(line) and not ends:
        return True  # "… của Đảng" / "thông qua ngày …": a sentence goes on
    if blocks:
        return True  # a blank-line block is one paragraph
    if not wrapped:
        return False
    if ends and line[:1].isupper() and len(last) < 0.92 * width:
        return False  # a sentence ended before the margin and a new one starts: new paragraph
    if _is_title_line(last) and _is_title_line(line):
        return True  # a title in capitals wrapped over lines
    return len(last) >= 0.75 * width


def _is_title_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters) and not BLOCK_START.match(line)


def repair(pages: list[str]) -> list[str]:
    """Paragraphs of a document given as pages (or one text), page furniture and markup gone.

    >>> repair(["Chi bộ họp thường lệ mỗi tháng một lần; họp bất thường khi cần. Đảng viên phải\\n"
    ...         "dự họp đầy đủ.\\n1. Bí thư chủ trì.\\n- Thư ký ghi biên bản."])
    ['Chi bộ họp thường lệ mỗi tháng một lần; họp bất thường khi cần. Đảng viên phải dự họp đầy đủ.', '1. Bí thư chủ trì.', '- Thư ký ghi biên bản.']
    """
    split = [[ln.rstrip() for ln in normalize(page).split("\n")] for page in pages]
    furniture = _furniture(split)
    lines: list[str] = []
    for n, page in enumerate(split):
        kept = []
        for i, raw in enumerate(page):
            line = clean_markup(raw)
            edge = i < 3 or i >= len(page) - 3
            if edge and len(split) > 1 and (not line or _PAGE_NUMBER.match(line) or _shape(raw) in furniture):
                continue  # page numbers, running headers, and the blank lines around them
            if _RULE.match(raw) and raw.strip() not in ("*",):
                kept.append("")  # a rule separates blocks
                continue
            kept.append(line)
        lines.extend(kept)
        if n < len(split) - 1 and kept and kept[-1]:
            pass  # a paragraph may go on across the page break: no blank line here
    # Emphasis marks can open on one line and close on another: strip them once joined too.
    return [_MD_EMPHASIS.sub(r"\2", p) for p in join_lines(lines) if p.strip()]
