"""Contest question banks as provinces publish them: Word (.docx), PDF (text layer), .txt/.md.

`import_bank(path)` reads a bank into numbered multiple-choice questions and names every question
it could not read whole (`BankImport.problems`: number and reason, in Vietnamese); nothing is
dropped silently. `write_docx` renders a bank the way banks are printed (used for test files and
the bundled bank); `load_bank` reads our own JSONL or any importable file.

What a bank looks like, and what is read:

- questions numbered "Câu 1.", "Câu 1:", "Câu 1 -", or (when no question says "Câu") "1.", "1)";
  a stem may span lines, start with a preamble ("Theo Quy định số 294-QĐ/TW …:") and hold legal
  points "a)" or numbered lines of its own;
- options "A.", "A)", "a)", "a.", "(A)", one per line or several on one line, wrapping over lines;
  2 to 5 of them (A–E);
- the key as a line "Đáp án: B" / "Đáp án đúng: b" / "ĐA: B" after the question, a bold, underlined,
  coloured or highlighted option (.docx; in a PDF a bold font or a fill colour; `**…**` in .md), a
  mark after an option ("(x)", "*", "✓"), or a key table at the end ("1-B, 2-C", "Câu 1: B", a
  Word table Câu | Đáp án);
- headings that group questions ("Phần I. …", "PHẦN A – …", "I. ĐIỀU LỆ ĐẢNG", a bold or
  upper-case line before a question) become the question's `section`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import ChiboError
from ingest.loaders.docx import word_text

LETTERS = "ABCDE"
TEXT_SUFFIXES = (".txt", ".md")
SUFFIXES = (".docx", ".pdf", *TEXT_SUFFIXES)
DEFAULT_TITLE = "NGÂN HÀNG CÂU HỎI THI BÍ THƯ CHI BỘ GIỎI"
KEY_STYLES = ("inline", "bold", "color", "underline", "table")
PDF_TIMEOUT_S = 60


class BankFileError(ChiboError):
    """A bank file that cannot be read at all (the message says why, in Vietnamese)."""


@dataclass
class BankQuestion:
    number: int
    question: str
    options: list[str]
    answer: int | None  # 0-based; None when the bank gives no key for it
    section: str | None
    id: str
    extra: dict = field(default_factory=dict)  # other fields of a JSONL line (kinds, split, doc…)

    def to_json(self) -> dict:
        """One line of a bank JSONL (the evaluation's multiple-choice format, plus the heading).

        >>> BankQuestion(3, "Thời kỳ dự bị là bao lâu?", ["06 tháng", "12 tháng"], 1, "Phần I", "cau-003").to_json()["answer"]
        1
        """
        out = {
            "id": self.id,
            "type": "mcq",
            "number": self.number,
            "question": self.question,
            "options": list(self.options),
            "answer": self.answer,
            "section": self.section,
            "heading": self.section,
        }
        for k, v in self.extra.items():
            if k == "section" and isinstance(v, list):
                out["section"] = v  # gold section paths of an evaluation set; `heading` holds ours
            else:
                out.setdefault(k, v)
        return out


@dataclass
class BankImport:
    questions: list[BankQuestion]
    problems: list[tuple[str, str]]  # (question number or place, reason in Vietnamese)

    @property
    def with_key(self) -> int:
        return sum(1 for q in self.questions if q.answer is not None)


# ---- patterns ---------------------------------------------------------------------------------
_CAU = r"(?i:c[âa]u)(?:\s+(?i:hỏi))?\s*(?:(?i:số)\s*)?"
_STRONG_Q = re.compile(rf"^{_CAU}(\d{{1,4}})\s*(?:[.:)\-–—]+|(?=\s)|$)\s*(.*)$", re.S)
_BARE_Q = re.compile(r"^(\d{1,4})\s*[.)](?:\s+(\S.*))?$", re.S)
_PAIR = r"(?:(?i:câu)\s*)?(\d{1,4})\s*[-–—.:)=]\s*\(?([A-Ea-e])\)?"
_PAIRS_LINE = re.compile(rf"^\s*{_PAIR}(?:\s*[,;|]?\s*{_PAIR})*\s*[,;.]?\s*$")
_PAIR_LOOSE = re.compile(r"(?:(?i:câu)\s*)?(\d{1,4})\s*[-–—.:)=]?\s*\(?([A-Ea-e])\)?(?![^\W\d_])")
_KEY_LABEL = r"(?:đáp\s*án(?:\s*đúng)?(?:\s*là)?|đ\s*/\s*a|đ\.?a\.?|trả\s*lời)"
_KEY_START = re.compile(
    rf"^\s*[(\[]?\s*(?i:{_KEY_LABEL})\s*[:.\-–=]?\s*(?i:phương\s*án\s*)?[(\[]?([A-Ea-e])(?![^\W\d_])"
)
_KEY_END = re.compile(rf"[\s(\[]+(?i:{_KEY_LABEL})\s*[:\-–=]\s*[(\[]?([A-Ea-e])\s*[)\]]?\s*\.?\s*$")
_KEY_HEAD = re.compile(
    r"^(?i:(?:bảng\s+|phần\s+)?đáp\s*án(?:\s+(?:tham\s+khảo|gợi\s+ý|câu\s+hỏi|trắc\s+nghiệm|các\s+câu(?:\s+hỏi)?|đúng))?"
    r"(?:\s+(?:phần|chương)\s+\S+)?)\s*[:.]?$"
    r"|^(?i:(?:câu|stt|tt|số\s+câu)\s*[|]?\s*đáp\s*án(?:\s+đúng)?)(?:\s*[|]?\s*(?i:(?:câu|stt|tt|số\s+câu)\s*[|]?\s*đáp\s*án(?:\s+đúng)?))*$"
)
_PART_PREFIX = re.compile(r"^(?i:phần|chương|mục|nhóm|chuyên\s+đề)\s+[\wĐđ]{1,6}\s*[:.\-–]\s*")
_LONE_LETTER = re.compile(r"^[(\[]?([A-Ea-e])[)\].]?$")
_LONE_NUMBER = re.compile(r"^(?:(?i:câu)\s*)?(\d{1,4})[.:]?$")
# An option's marker: at a line's start "A." "A)" "a)" "(A)"; inside a line after a space.
_OPT_START = re.compile(r"^\s*(?:([*✓✔√☑✅]+)\s*)?(?:\(([A-Ea-e])\)|([A-Ea-e])\s?[.)])(?=\S|\s|$)")
_OPT_INLINE = re.compile(r"(?<=[\s?:;,…])(?:\(([A-Ea-e])\)|([A-Ea-e])[.)])(?=\s)")
_MARK_END = re.compile(r"\s*(?:\((?i:đúng|đ|x|\*)\)|\[(?i:x|đúng|\*)\]|\*+|[✓✔√☑✅])\s*$")
_EXPLAIN = re.compile(r"^(?i:giải\s*thích|căn\s*cứ|ghi\s*chú|nguồn|lý\s*do|lí\s*do|gợi\s*ý|tham\s*khảo)\s*[:.]")
_STRONG_HEAD = re.compile(
    r"^(?i:phần|chương|chuyên\s+đề|chủ\s+đề|mục|nhóm|lĩnh\s+vực|nội\s+dung|học\s+phần)\s+"
    r"(?:(?i:thứ)\s+\w+|[IVXLC]{1,6}\b|\d{1,2}\b|[A-H]\b)"
    r"|^[IVX]{1,6}\s*[.\-–)]\s*\S"
)
_TITLE = re.compile(
    r"(?i)ngân\s+hàng|bộ\s+câu\s+hỏi|câu\s+hỏi\s+(?:trắc\s+nghiệm|ôn\s+tập|thi)|đề\s+thi|hội\s+thi|cuộc\s+thi"
    r"|tài\s+liệu\s+ôn|kèm\s+theo"
)
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]?\s*\d{1,4}\s*[-–—]?|(?i:trang)\s*\d{1,4}(?:\s*/\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4})$"
)
_LIST_START = re.compile(r"^(?:\d{1,2}[.)]|[a-zđ][)]|[-+•])\s")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_SPACE_LIKE = {ord(c): " " for c in "\t\u00a0\u2007\u202f\u2002\u2003\u2009"}


def _clean(s: str) -> str:
    """One run of text: NFC, tabs and no-break spaces as spaces, invisible characters out."""
    return unicodedata.normalize("NFC", s).translate(_INVISIBLE).translate(_SPACE_LIKE)


# ---- what the readers give the parser ---------------------------------------------------------
@dataclass
class _Line:
    text: str
    marks: list[bool]  # per character: in a bold, underlined, coloured or highlighted run
    bold: bool = False  # every letter bold (a heading, in Word)
    styled: bool = False  # a Word heading style, a Markdown "#"
    where: str = ""

    @classmethod
    def plain(cls, text: str, where: str = "") -> _Line:
        return cls(text, [False] * len(text), where=where)

    def strip(self) -> _Line:
        a = len(self.text) - len(self.text.lstrip())
        b = len(self.text.rstrip())
        return _Line(self.text[a:b], self.marks[a:b], self.bold, self.styled, self.where)


@dataclass
class _Keys:
    """Key pairs read from a table: (question number, letter)."""

    pairs: list[tuple[int, str]]
    where: str = ""


def _build_line(pieces: list[tuple[str, bool, bool]], **kw) -> list[_Line]:
    """(text, marked, bold) runs → lines (a run's "\\n" breaks the line), stripped, empty ones out."""
    lines: list[_Line] = []
    text, marks, bolds = "", [], []
    for piece, marked, bold in [*pieces, ("\n", False, False)]:
        for part_i, part in enumerate(piece.split("\n")):
            if part_i:
                line = _Line(text, marks, **kw)
                letters = [b for ch, b in zip(text, bolds) if ch.isalpha()]
                line.bold = bool(letters) and all(letters)
                line = line.strip()
                if line.text:
                    lines.append(line)
                text, marks, bolds = "", [], []
            text += part
            marks += [marked] * len(part)
            bolds += [bold] * len(part)
    return lines


# ---- readers ----------------------------------------------------------------------------------
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OFF = ("0", "false", "off", "none")


def _non_black(val: str | None) -> bool:
    """A font colour that stands out: not automatic, black, grey or a very dark tone.

    >>> _non_black("FF0000"), _non_black("000000"), _non_black("auto"), _non_black("808080"), _non_black("0070C0")
    (True, False, False, False, True)
    """
    if not val or not re.fullmatch(r"[0-9A-Fa-f]{6}", val):
        return False
    rgb = [int(val[i : i + 2], 16) for i in (0, 2, 4)]
    return max(rgb) >= 0x80 and max(rgb) - min(rgb) > 0x30


def _run_flags(r) -> tuple[bool, bool]:
    """(marked, bold) for a w:r element: bold, underline, colour, highlight or shading."""
    rpr = r.find(f"{_W}rPr")
    if rpr is None:
        return False, False
    b = rpr.find(f"{_W}b")
    bold = b is not None and b.get(f"{_W}val", "true").lower() not in _OFF
    style = rpr.find(f"{_W}rStyle")
    if style is not None and re.search(r"(?i)strong|bold|đậm", style.get(f"{_W}val", "")):
        bold = True
    u = rpr.find(f"{_W}u")
    underline = u is not None and u.get(f"{_W}val", "single").lower() not in _OFF
    c = rpr.find(f"{_W}color")
    colour = c is not None and _non_black(c.get(f"{_W}val"))
    h = rpr.find(f"{_W}highlight")
    highlight = h is not None and h.get(f"{_W}val", "none").lower() not in _OFF
    shd = rpr.find(f"{_W}shd")
    fill = (shd.get(f"{_W}fill") or "auto").lower() if shd is not None else "auto"
    shaded = fill not in ("auto", "ffffff")
    return bold or underline or colour or highlight or shaded, bold


def _para_lines(p, where: str, numbering: _Numbering | None = None) -> list[_Line]:
    pieces: list[tuple[str, bool, bool]] = []
    label = numbering.label(p) if numbering is not None else ""
    if label:  # Word's automatic numbering: "Câu 1." or "A." is not in the paragraph's text
        pieces.append((_clean(label) + " ", False, False))
    for r in p.iter(f"{_W}r"):
        marked, bold = _run_flags(r)
        text = word_text(r, tab=" ", soft_hyphen=None)
        if text:
            pieces.append((_clean(text), marked, bold))
    styled = False
    ppr = p.find(f"{_W}pPr")
    if ppr is not None:
        ps = ppr.find(f"{_W}pStyle")
        styled = ps is not None and bool(re.match(r"(?i)heading|title|tiêu\s*đề", ps.get(f"{_W}val", "")))
    return _build_line(pieces, styled=styled, where=where)


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while n >= value:
            out, n = out + digits, n - value
    return out


def _format_number(n: int, fmt: str) -> str:
    """A list number as Word prints it.

    >>> [_format_number(n, f) for n, f in ((3, "decimal"), (2, "upperLetter"), (4, "lowerRoman"), (7, "decimalZero"))]
    ['3', 'B', 'iv', '07']
    """
    if fmt in ("upperLetter", "lowerLetter"):
        text = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return text if fmt == "upperLetter" else text.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _Numbering:
    """Word's automatic numbering (numbering.xml): the label each numbered paragraph shows.
    Counters belong to the abstract list, as in Word: a list restarted with a startOverride (the
    options of each question, again from "A.") starts there the first time it is used."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.styles: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        val = lambda el, default=None: el.get(f"{_W}val", default) if el is not None else default  # noqa: E731
        for an in root.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in an.findall(f"{_W}lvl"):
                start = val(lvl.find(f"{_W}start"), "1")
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    val(lvl.find(f"{_W}numFmt"), "decimal"),
                    val(lvl.find(f"{_W}lvlText"), ""),
                    int(start) if start.isdigit() else 1,
                )
            self.levels[an.get(f"{_W}abstractNumId")] = levels
        for num in root.findall(f"{_W}num"):
            overrides = {}
            for o in num.findall(f"{_W}lvlOverride"):
                so = val(o.find(f"{_W}startOverride"))
                if so and so.isdigit():
                    overrides[int(o.get(f"{_W}ilvl", "0"))] = int(so)
            self.nums[num.get(f"{_W}numId")] = (val(num.find(f"{_W}abstractNumId")), overrides)
        for style in document.styles.element.findall(f"{_W}style"):
            npr = style.find(f"{_W}pPr/{_W}numPr")
            if npr is not None and npr.find(f"{_W}numId") is not None:
                self.styles[style.get(f"{_W}styleId")] = (
                    val(npr.find(f"{_W}numId")),
                    int(val(npr.find(f"{_W}ilvl"), "0")),
                )

    def label(self, p) -> str:
        ppr = p.find(f"{_W}pPr")
        num_id, ilvl = None, 0
        if ppr is not None:
            ps = ppr.find(f"{_W}pStyle")
            if ps is not None and ps.get(f"{_W}val") in self.styles:
                num_id, ilvl = self.styles[ps.get(f"{_W}val")]
            npr = ppr.find(f"{_W}numPr")
            if npr is not None:
                nid, lvl = npr.find(f"{_W}numId"), npr.find(f"{_W}ilvl")
                num_id = nid.get(f"{_W}val") if nid is not None else num_id
                ilvl = int(lvl.get(f"{_W}val", "0")) if lvl is not None else ilvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        aid, overrides = self.nums[num_id]
        levels = self.levels.get(aid) or {}
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt in ("bullet", "none"):
            return ""

        def fill(m: re.Match) -> str:
            lvl = int(m.group(1)) - 1
            f, _, st = levels.get(lvl, ("decimal", "", 1))
            return _format_number(counters.get(lvl, st), f)

        return re.sub(r"%(\d)", fill, text).strip()


def _read_docx(path: Path) -> list:
    from ingest.loaders.docx import _check_zip  # the zip-bomb guard the ingest loader uses

    if not __import__("zipfile").is_zipfile(path):
        raise BankFileError(f"{path.name}: không phải tệp Word .docx hợp lệ (hãy mở bằng Word và lưu lại dạng .docx)")
    try:
        _check_zip(path)
        import docx

        document = docx.Document(str(path))
    except ChiboError as exc:
        raise BankFileError(str(exc)) from exc
    except Exception as exc:  # python-docx raises many types for broken packages
        raise BankFileError(f"{path.name}: không đọc được tệp Word ({type(exc).__name__})") from exc
    items: list = []
    n_para = n_table = 0
    numbering = _Numbering(document)
    for child in _blocks(document.element.body):
        if child.tag == f"{_W}p":
            n_para += 1
            items += _para_lines(child, f"đoạn {n_para}", numbering)
        else:
            n_table += 1
            rows = []
            for tr in _blocks(child, f"{_W}tr"):
                cells = []
                for tc in _blocks(tr, f"{_W}tc"):
                    lines = []
                    for p in _blocks(tc):
                        if p.tag == f"{_W}p":
                            lines += _para_lines(p, f"bảng {n_table}", numbering)
                    cells.append(lines)
                rows.append(cells)
            items += _table_items(rows, f"bảng {n_table}")
    return items


def _blocks(el, *tags: str):
    """Paragraphs and tables (or `tags`) under `el` in printed order, through content controls."""
    tags = tags or (f"{_W}p", f"{_W}tbl")
    for child in el.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins", f"{_W}smartTag"):
            yield from _blocks(child, *tags)


def _read_pdf(path: Path) -> list:
    pages = _pdf_pages(path)
    if not any(ch.isalpha() for page in pages for ch in page):
        raise BankFileError(
            f"{path.name}: tệp PDF không có lớp chữ (có lẽ là bản quét): hãy dùng tệp Word gốc "
            "hoặc bản PDF xuất từ Word"
        )
    page_lines = [[re.sub(r"\s{2,}", "  ", _clean(x)).strip() for x in page.splitlines()] for page in pages]
    page_lines = [[x for x in lines if x] for lines in page_lines]
    repeated = _running_lines(page_lines)
    marked = _pdf_marked_runs(path, len(page_lines))
    items = []
    for n, lines in enumerate(page_lines, 1):
        page = [_Line.plain(x, f"trang {n}") for x in lines if not (_PAGE_NUMBER.match(x) or _shape(x) in repeated)]
        _mark(page, marked[n - 1])
        items += page
    return items


def _ascii(text: str) -> tuple[str, list[int]]:
    """The ASCII letters and digits of a text, with where each one stands in it. A PDF whose font
    lacks "ầ" draws it from another font, and its text layer then holds "Ph n" here and "ầ" at
    the end of the line: what both spellings share is their ASCII letters."""
    keep = [(i, c) for i, c in enumerate(text) if c.isascii() and c.isalnum()]
    return "".join(c for _, c in keep), [i for i, _ in keep]


def _find_run(want: str, line: _Line) -> tuple[int, int] | None:
    """Where a marked run (its ASCII letters `want`) stands in a line: anywhere for a run of three
    letters or more (widened to whole words); a shorter one ("09", "Có") only as the whole line
    or one whole option of it, with or without its letter."""
    text = line.text
    if len(want) >= 3:
        have, where = _ascii(text)
        k = have.find(want)
        if k < 0:
            return None
        a, b = where[k], where[k + len(want) - 1] + 1
        while a > 0 and text[a - 1].isalnum():  # "ầ" before or after the ASCII letters
            a -= 1
        while b < len(text) and text[b].isalnum():
            b += 1
        return a, b
    spans, pos = [(0, len(text))], 0
    for seg in _segments(line):
        a = text.find(seg.raw, pos)
        if a < 0:
            continue
        pos = a + len(seg.raw)
        spans += [(a, pos), (pos - len(seg.text), pos)]
    for a, b in spans:
        if _ascii(text[a:b])[0] == want:
            return a, b
    return None


def _mark(lines: list[_Line], runs: list[tuple[str, bool]]) -> None:
    """Mark the characters of `lines` that a PDF printed in bold or in colour (`runs`, in reading
    order): each run is looked for from the line the previous one was found on."""
    at = 0
    bolds: dict[int, list[bool]] = {}  # line → its characters in a bold font
    for run, bold in runs:
        want, _ = _ascii(run)
        if not want:
            continue
        for j in range(at, len(lines)):
            span = _find_run(want, lines[j])
            if span is None:
                continue
            line = lines[j]
            for t in range(*span):
                line.marks[t] = True
            if bold:
                flags = bolds.setdefault(j, [False] * len(line.text))
                for t in range(*span):
                    flags[t] = True
                letters = [flag for ch, flag in zip(line.text, flags) if ch.isalpha()]
                line.bold = bool(letters) and all(letters)
            at = j
            break


def _pdf_marked_runs(path: Path, pages: int) -> list[list[tuple[str, bool]]]:
    """Per page, the pieces of text printed in a bold font or a colour that stands out (pypdf's
    text visitor: the font of each piece, the fill colour in force), one piece per printed line."""
    out: list[list[tuple[str, bool]]] = [[] for _ in range(pages)]
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        for n, page in enumerate(reader.pages[:pages]):
            runs, cur, colour = out[n], [], [(0.0, 0.0, 0.0)]

            def flush(runs=runs, cur=cur) -> None:
                text = "".join(t for t, _ in cur).strip()
                if text:
                    runs.append((text, all(b for t, b in cur if t.strip())))
                cur.clear()

            def before(op, args, cm, tm, colour=colour) -> None:
                if op == b"q":
                    colour.append(colour[-1])
                elif op == b"Q" and len(colour) > 1:
                    colour.pop()
                elif op in (b"rg", b"g", b"k", b"sc", b"scn"):
                    colour[-1] = _rgb([float(a) for a in args if isinstance(a, (int, float))])

            def text(t, cm, tm, font, size, colour=colour, cur=cur, flush=flush) -> None:
                name = str(font.get("/BaseFont", "")) if font else ""
                bold = bool(re.search(r"(?i)bold|black|heavy|,b$", name))
                marked = bold or _stands_out(colour[-1])
                for piece in re.split(r"(\n)", t):
                    if piece == "\n" or (piece.strip() and not marked):
                        flush()
                    elif marked:
                        cur.append((piece, bold))

            page.extract_text(visitor_text=text, visitor_operand_before=before)
            flush()
    except Exception:  # a PDF pypdf cannot walk: its text is still read, only without marks
        return [[] for _ in range(pages)]
    return out


def _rgb(values: list[float]) -> tuple[float, float, float]:
    if len(values) == 3:
        return values[0], values[1], values[2]
    if len(values) == 4:  # CMYK
        c, m, y, k = values
        return (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    if len(values) == 1:
        return values[0], values[0], values[0]
    return 0.0, 0.0, 0.0


def _stands_out(rgb: tuple[float, float, float]) -> bool:
    """A fill colour like `_non_black`'s: bright enough and not a grey.

    >>> _stands_out((1.0, 0.0, 0.0)), _stands_out((0.0, 0.0, 0.0)), _stands_out((0.5, 0.5, 0.5))
    (True, False, False)
    """
    return max(rgb) >= 0.5 and max(rgb) - min(rgb) > 0.19


def _pdf_pages(path: Path) -> list[str]:
    """The text layer page by page: poppler's pdftotext in layout mode where it is installed (it
    places each glyph where it is printed, so a letter drawn from a fallback font, as "ầ" often
    is, stays inside its word, and a key table keeps its rows), else pypdf."""
    import shutil
    import subprocess

    if shutil.which("pdftotext"):
        try:
            run = subprocess.run(
                ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
                capture_output=True,
                timeout=PDF_TIMEOUT_S,
            )
            if run.returncode == 0:
                return run.stdout.decode("utf-8", "replace").split("\f")
        except (OSError, subprocess.SubprocessError):
            pass  # read with pypdf below
    try:
        from pypdf import PdfReader

        return [page.extract_text() or "" for page in PdfReader(str(path)).pages]
    except Exception as exc:  # pypdf raises many types for broken files
        raise BankFileError(f"{path.name}: không đọc được tệp PDF ({type(exc).__name__})") from exc


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line)


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Headers and footers: lines at the top or bottom of most pages (numbers aside)."""
    if len(pages) < 3:
        return set()
    counts: dict[str, int] = {}
    for lines in pages:
        for x in {_shape(x) for x in lines[:2] + lines[-2:]}:
            counts[x] = counts.get(x, 0) + 1
    return {
        x
        for x, c in counts.items()
        if c >= max(3, len(pages) // 2) and not (_STRONG_Q.match(x) or _OPT_START.match(x) or _KEY_START.match(x))
    }


def _read_text(path: Path) -> list:
    from ingest.loaders.base import decode_text, unlegacy

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BankFileError(f"{path.name}: không đọc được tệp ({exc.strerror or exc})") from exc
    if b"\x00" in data[:2048] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BankFileError(f"{path.name}: nội dung không phải văn bản (hãy lưu lại dạng .txt, .docx hoặc .pdf)")
    text = unlegacy(decode_text(data, path), [])
    markdown = path.suffix.lower() == ".md"
    items = []
    for n, raw in enumerate(text.splitlines(), 1):
        raw = _clean(raw)
        if markdown:
            items += _markdown_line(raw, f"dòng {n}")
        else:
            items += _build_line([(raw, False, False)], where=f"dòng {n}")
    return items


def _markdown_line(raw: str, where: str) -> list[_Line]:
    """A Markdown line: "#" headings, "- " bullets, **bold** (or __bold__) as marked runs."""
    styled = bool(re.match(r"^\s*#{1,6}\s", raw))
    raw = re.sub(r"^\s*#{1,6}\s+|^\s*[-*+]\s+(?=\S)", "", raw)
    pieces = [(part, i % 2 == 1, i % 2 == 1) for i, part in enumerate(re.split(r"\*\*|__", raw))]
    return _build_line(pieces, styled=styled, where=where)


# ---- tables -----------------------------------------------------------------------------------
def _cell_text(cell: list[_Line]) -> str:
    return " ".join(x.text for x in cell).strip()


def _norm_head(s: str) -> str:
    return re.sub(r"[\s.:]+", " ", s.lower()).strip()


_NUM_HEADS = {"câu", "câu số", "stt", "tt", "số tt", "số câu", "câu hỏi số", "số thứ tự"}
_KEY_HEADS = {"đáp án", "đáp án đúng", "đa", "đ/a", "phương án đúng", "đáp án chọn"}


def _table_items(rows: list[list[list[_Line]]], where: str) -> list:
    """A Word table: a key table (Câu | Đáp án, either way round), a table of questions with one
    column per option, or any other table read cell by cell."""
    rows = [r for r in rows if any(_cell_text(c) for c in r)]
    if not rows:
        return []
    keys = _key_table(rows)
    if keys is not None:
        return [_Keys(keys, where)]
    questions = _question_table(rows, where)
    if questions is not None:
        return questions
    items: list = []
    for row in rows:
        cells = [c for c in row if _cell_text(c)]
        texts = [_cell_text(c) for c in cells]
        # a row "12 | stem | options… | B": the number and the key in cells of their own
        if len(cells) >= 2 and re.fullmatch(r"\d{1,4}\.?", texts[0]):
            first = cells[1][0]
            prefix = f"Câu {texts[0].rstrip('.')}. "
            cells[1] = [_Line(prefix + first.text, [False] * len(prefix) + first.marks, where=where), *cells[1][1:]]
            cells = cells[1:]
            if len(cells) >= 2 and _LONE_LETTER.match(_cell_text(cells[-1])):
                items += [x for c in cells[:-1] for x in c]
                items.append(_Line.plain(f"Đáp án: {_cell_text(cells[-1])}", where))
                continue
        items += [x for c in cells for x in c]
    return items


def _key_table(rows) -> list[tuple[int, str]] | None:
    texts = [[_cell_text(c) for c in r] for r in rows]
    heads = [_norm_head(t) for t in texts[0]]
    # Câu | Đáp án (| Câu | Đáp án …) with one question a row
    cols = [(i, i + 1) for i in range(len(heads) - 1) if heads[i] in _NUM_HEADS and heads[i + 1] in _KEY_HEADS]
    if cols:
        pairs = []
        for r in texts[1:]:
            for a, b in cols:
                if b < len(r) and re.fullmatch(r"\d{1,4}\.?", r[a]) and _LONE_LETTER.match(r[b]):
                    pairs.append((int(r[a].rstrip(".")), _LONE_LETTER.match(r[b]).group(1).upper()))
        return pairs
    # the same turned sideways: a row "Câu | 1 | 2 | 3" above a row "Đáp án | B | C | A"
    firsts = [_norm_head(r[0]) if r else "" for r in texts]
    if any(f in _NUM_HEADS for f in firsts) and any(f in _KEY_HEADS for f in firsts):
        pairs = []
        for i, f in enumerate(firsts[:-1]):
            if f in _NUM_HEADS and firsts[i + 1] in _KEY_HEADS:
                for num, key in zip(texts[i][1:], texts[i + 1][1:]):
                    if re.fullmatch(r"\d{1,4}\.?", num) and _LONE_LETTER.match(key):
                        pairs.append((int(num.rstrip(".")), _LONE_LETTER.match(key).group(1).upper()))
        return pairs
    # no header: every row "number | letter" (possibly several pairs a row)
    flat = [t for r in texts for t in r if t]
    if len(flat) >= 4 and len(flat) % 2 == 0:
        nums, keys = flat[0::2], flat[1::2]
        if all(re.fullmatch(r"\d{1,4}\.?", n) for n in nums) and all(_LONE_LETTER.match(k) for k in keys):
            return [(int(n.rstrip(".")), _LONE_LETTER.match(k).group(1).upper()) for n, k in zip(nums, keys)]
    return None


def _question_table(rows, where: str) -> list[_Line] | None:
    """A table with a column for the question and one for each option (and maybe the key)."""
    heads = [_norm_head(_cell_text(c)) for c in rows[0]]
    q_col = next((i for i, h in enumerate(heads) if h in ("câu hỏi", "nội dung", "nội dung câu hỏi")), None)
    opt_cols = {}
    for i, h in enumerate(heads):
        m = re.fullmatch(r"(?:phương án |đáp án |pa )?([a-e])", h)
        if m:
            opt_cols[m.group(1).upper()] = i
    if q_col is None or len(opt_cols) < 2:
        return None
    num_col = next((i for i, h in enumerate(heads) if h in _NUM_HEADS), None)
    key_col = next((i for i, h in enumerate(heads) if h in _KEY_HEADS), None)
    lines: list[_Line] = []
    for n, row in enumerate(rows[1:], 1):
        num = _cell_text(row[num_col]) if num_col is not None and num_col < len(row) else ""
        num = num.rstrip(".") if re.fullmatch(r"\d{1,4}\.?", num) else str(n)
        stem = _cell_text(row[q_col]) if q_col < len(row) else ""
        lines.append(_Line.plain(f"Câu {num}. {stem}", where))
        for letter, col in sorted(opt_cols.items()):
            cell = row[col] if col < len(row) else []
            text, marks = "", []
            for x in cell:
                sep = " " if text else ""
                text, marks = text + sep + x.text, marks + [False] * len(sep) + x.marks
            prefix = f"{letter}. "
            lines.append(_Line(prefix + text, [False] * len(prefix) + marks, where=where))
        if key_col is not None and key_col < len(row) and _LONE_LETTER.match(_cell_text(row[key_col])):
            lines.append(_Line.plain(f"Đáp án: {_cell_text(row[key_col])}", where))
    return lines


# ---- the parser -------------------------------------------------------------------------------
@dataclass
class _Block:
    number: int
    lines: list[_Line]
    section: str | None
    where: str
    options_seen: int = 0  # lines starting with an option marker so far
    stem_list: set = field(default_factory=set)  # numbers of "1." lines inside the stem


def _question_start(line: _Line, strong_mode: bool) -> tuple[int, str, int] | None:
    """(number, rest of the line, where the rest starts) when a line opens a question."""
    m = _STRONG_Q.match(line.text)
    if m:
        rest = m.group(2)
        if _LONE_LETTER.match(rest.strip()):  # "Câu 1: B" is a key, not a question
            return None
        return int(m.group(1)), rest, m.start(2)
    if not strong_mode:
        m = _BARE_Q.match(line.text)
        if m and not _PAIRS_LINE.match(line.text):
            return int(m.group(1)), m.group(2) or "", m.start(2) if m.group(2) else len(line.text)
    return None


def _is_heading_like(line: _Line) -> bool:
    letters = [c for c in line.text if c.isalpha()]
    upper = len(letters) >= 4 and all(c.isupper() for c in letters)
    return len(line.text) <= 200 and (line.bold or line.styled or upper or bool(_STRONG_HEAD.match(line.text)))


class _Parser:
    def __init__(self, items: list):
        self.items = items
        lines = [x for x in items if isinstance(x, _Line)]
        # "Câu 1." numbering: then a bare "1." is never a question (a stem's list, a key line)
        strong = sum(1 for x in lines if _question_start(x, True))
        bare = sum(1 for x in lines if _BARE_Q.match(x.text) and not _PAIRS_LINE.match(x.text))
        self.strong = strong > 0 and strong * 2 >= bare
        self.blocks: list[_Block] = []
        self.keys: list[tuple[int, str, str]] = []  # (number, letter, where) from key tables
        self.problems: list[tuple[str, str]] = []

    # A bare "3." opens a question only where a question can start (not inside a stem's own list).
    def _opens(self, line: _Line, cur: _Block | None) -> tuple[int, str, int] | None:
        q = _question_start(line, self.strong)
        if q is None or self.strong or cur is None:
            return q
        n = q[0]
        if cur.options_seen >= 2 and n > cur.number:
            return q
        if n == cur.number + 1 and (cur.options_seen or (n - 1) not in cur.stem_list):
            return q
        if not cur.options_seen:
            cur.stem_list.add(n)
        return None

    def _next_opens_question(self, i: int, cur: _Block | None) -> bool:
        """The line after `i` (skipping up to two more heading lines) opens a question."""
        for j in range(i + 1, min(i + 4, len(self.items))):
            x = self.items[j]
            if not isinstance(x, _Line):
                return False
            if _question_start(x, self.strong):
                return True
            if not _is_heading_like(x):
                return False
        return False

    def _heading_span(self, i: int) -> int | None:
        """How many lines after the heading at `i` still belong to it (a long heading wraps in a
        PDF) before a question opens: 0 to 2, or None when no question opens that soon."""
        for k in range(3):
            j = i + 1 + k
            x = self.items[j] if j < len(self.items) else None
            if not isinstance(x, _Line):
                return None
            if _question_start(x, self.strong):
                return k
            if len(x.text) > 150 or x.styled or _STRONG_HEAD.match(x.text):
                return None  # a heading of its own
            if any(p.match(x.text) for p in (_OPT_START, _KEY_START, _KEY_HEAD, _PAIRS_LINE)):
                return None
        return None

    def run(self) -> None:
        cur: _Block | None = None
        section: str | None = None
        head_open = False  # just after a heading, before any question: its second line joins it
        head_wrap = 0  # lines of the heading's own that follow it (a PDF wrapped it)
        key_mode = False
        pending_num: int | None = None
        for i, x in enumerate(self.items):
            if isinstance(x, _Keys):
                self.keys += [(n, k, x.where) for n, k in x.pairs]
                cur = self._close(cur)
                continue
            text = x.text
            if key_mode:
                if _question_start(x, self.strong) is None or _PAIRS_LINE.match(text):
                    pairs = self._loose_pairs(text)
                    if pairs:
                        self.keys += [(n, k, x.where) for n, k in pairs]
                        pending_num = None
                        continue
                    if _LONE_NUMBER.match(text):
                        pending_num = int(_LONE_NUMBER.match(text).group(1))
                        continue
                    if pending_num is not None and _LONE_LETTER.match(text):
                        self.keys.append((pending_num, _LONE_LETTER.match(text).group(1).upper(), x.where))
                        pending_num = None
                        continue
                    continue  # a signature, a note under the key table
                key_mode = False
            if head_wrap:
                head_wrap -= 1
                if not text.startswith("("):  # "(40 câu)" under a heading is not its name
                    wrapped = text[:1].islower() or section.endswith((",", ";", ":", "-", "–"))
                    section = f"{section}{' ' if wrapped else ' – '}{text}"
                continue
            if _KEY_HEAD.match(text):
                nxt = self.items[i + 1] if i + 1 < len(self.items) else None
                if cur is not None and isinstance(nxt, _Line) and _LONE_LETTER.match(nxt.text):
                    cur.lines.append(x)  # "Đáp án:" with the letter on the next line
                    continue
                cur = self._close(cur)
                key_mode, pending_num = True, None
                continue
            if _PAIRS_LINE.match(text) and (cur is None or cur.options_seen or _STRONG_Q.match(text)):
                self.keys += [(n, k, x.where) for n, k in self._loose_pairs(text)]
                continue
            q = self._opens(x, cur)
            if q is not None:
                cur = self._close(cur)
                number, rest, at = q
                first = _Line(rest, x.marks[at:], where=x.where).strip()
                cur = _Block(number, [first] if first.text else [], section, x.where)
                head_open = False
                continue
            if x.styled and not _STRONG_HEAD.match(text) and _TITLE.search(text):
                continue  # the bank's title ("NGÂN HÀNG CÂU HỎI …") groups nothing
            if (_STRONG_HEAD.match(text) or x.styled) and len(text) <= 200:
                span = self._heading_span(i)
                if span is not None or cur is None:
                    cur = self._close(cur)
                    section, head_open, head_wrap = text, span is None, span or 0
                    continue
            if head_open and cur is None and _is_heading_like(x) and not _TITLE.search(text):
                section = f"{section} – {text}"
                continue
            if (
                _is_heading_like(x)
                and not (cur is not None and cur.lines and cur.lines[-1].bold and x.bold)  # a wrapped bold option
                and not _OPT_START.match(text)
                and not _KEY_START.match(text)
                and self._next_opens_question(i, cur)
                and (cur is not None or not _TITLE.search(text))
            ):
                cur = self._close(cur)
                section, head_open = text, True
                continue
            if cur is not None:
                cur.options_seen += sum(1 for s in _segments(x) if s.letter)
                cur.lines.append(x)
        self._close(cur)

    def _close(self, cur: _Block | None) -> None:
        if cur is not None:
            self.blocks.append(cur)
        return None

    @staticmethod
    def _loose_pairs(text: str) -> list[tuple[int, str]]:
        """Key pairs filling a line of a key table ("1-B, 2-C", "1 B", "Phần II: 1-B; 2-A")."""
        text = _PART_PREFIX.sub("", text)
        pairs = [(int(m.group(1)), m.group(2).upper()) for m in _PAIR_LOOSE.finditer(text)]
        rest = _PAIR_LOOSE.sub("", text)
        if pairs and not re.sub(r"[\s,;.|]+", "", rest):
            return pairs
        return []


# ---- one question's lines → stem, options, key ------------------------------------------------
@dataclass
class _Seg:
    letter: str | None  # the option letter as printed ("A", "a"), None for plain text
    text: str  # without the marker
    marks: list[bool]
    raw: str  # as printed, marker included
    raw_marks: list[bool]
    line_start: bool
    marker_marked: bool = False
    star: bool = False  # "*", "✓" before the marker


def _segments(line: _Line) -> list[_Seg]:
    """A line cut at its option markers: "A. 03 tháng  B. 06 tháng" → two segments."""
    text, marks = line.text, line.marks
    cuts: list[tuple[int, int, str, bool]] = []  # (marker start, text start, letter, star)
    m = _OPT_START.match(text)
    if m:
        letter = m.group(2) or m.group(3)
        cuts.append((m.start(2) if m.group(2) else m.start(3), m.end(), letter, bool(m.group(1))))
        pos, nxt = m.end(), chr(ord(letter) + 1)
    else:
        # options after the stem on the same line: only a full "A. … B. …" sequence counts
        first = next(
            (
                mm
                for mm in _OPT_INLINE.finditer(text)
                if (mm.group(1) or mm.group(2)) in "Aa"
                and any((m2.group(1) or m2.group(2)) == chr(ord((mm.group(1) or mm.group(2))) + 1)
                        for m2 in _OPT_INLINE.finditer(text, mm.end()))
            ),
            None,
        )  # fmt: skip
        if first is None:
            return [_Seg(None, text, marks, text, marks, True)]
        letter = first.group(1) or first.group(2)
        cuts.append((first.start(), first.end(), letter, False))
        pos, nxt = first.end(), chr(ord(letter) + 1)
    while nxt in "ABCDEabcde":
        found = next((mm for mm in _OPT_INLINE.finditer(text, pos) if (mm.group(1) or mm.group(2)) == nxt), None)
        if found is None:
            break
        cuts.append((found.start(), found.end(), nxt, False))
        pos, nxt = found.end(), chr(ord(nxt) + 1)
    segs: list[_Seg] = []
    if cuts[0][0] > 0 and text[: cuts[0][0]].strip() and not m:
        a = cuts[0][0]
        segs.append(_Seg(None, text[:a], marks[:a], text[:a], marks[:a], True))
    for k, (ms, ts, letter, star) in enumerate(cuts):
        end = cuts[k + 1][0] if k + 1 < len(cuts) else len(text)
        marker_marks = [mk for ch, mk in zip(text[ms:ts], marks[ms:ts]) if ch.isalpha()]
        segs.append(
            _Seg(
                letter,
                text[ts:end],
                marks[ts:end],
                text[ms:end],
                marks[ms:end],
                line_start=k == 0 and bool(m),
                marker_marked=bool(marker_marks) and all(marker_marks),
                star=star,
            )
        )
    return segs


@dataclass
class _Option:
    letter: str
    text: str = ""
    marks: list[bool] = field(default_factory=list)
    marker_marked: bool = False
    star: bool = False

    def add(self, text: str, marks: list[bool]) -> None:
        if self.text and text.strip():
            sep = _separator(self.text, text)
            self.text += sep
            self.marks += [False] * len(sep)
        if text.strip():
            self.text += text
            self.marks += marks


def _separator(before: str, after: str) -> str:
    """What joins a wrapped line to the one before: nothing after a line-final hyphen or slash
    inside a word ("06-" + "HD/TW": a PDF wraps "06-HD/TW" there), else a space.

    >>> _separator("Hướng dẫn số 06-", "HD/TW"), _separator("đảng viên", "chính thức"), _separator("a -", "b")
    ('', ' ', ' ')
    """
    before, after = before.rstrip(), after.lstrip()
    if re.search(r"\S[-/]$", before) and after[:1].isalnum():
        return ""
    return " "


def _marked_share(text: str, marks: list[bool]) -> float:
    flags = [mk for ch, mk in zip(text, marks) if ch.isalnum()]
    return sum(flags) / len(flags) if flags else 0.0


def _join(parts: list[tuple[str, bool]]) -> str:
    """Stem lines joined: a line that starts a list item stays on its own line."""
    out = ""
    for text, line_start in parts:
        text = text.strip()
        if not text:
            continue
        if not out:
            out = text
        elif line_start and _LIST_START.match(text):
            out += "\n" + text
        else:
            out += _separator(out, text) + text
    return re.sub(r"[ ]{2,}", " ", out)


class _Read:
    """What one question block holds."""

    def __init__(self, block: _Block, dominant_lower: bool):
        self.block = block
        self.keys: list[tuple[str, str]] = []  # (source, letter)
        self.problems: list[str] = []
        segs: list[_Seg] = []
        after_key_label = False
        options_begun = False
        for line in block.lines:
            text = line.text
            if after_key_label and _LONE_LETTER.match(text):
                self.keys.append(("dòng đáp án", _LONE_LETTER.match(text).group(1).upper()))
                after_key_label = False
                continue
            after_key_label = False
            m = _KEY_START.match(text)
            if m:
                self.keys.append(("dòng đáp án", m.group(1).upper()))
                continue
            if _KEY_HEAD.match(text):
                after_key_label = True
                continue
            if options_begun and _EXPLAIN.match(text):
                break
            m = _KEY_END.search(text)
            if m and m.start() > 0:
                self.keys.append(("dòng đáp án", m.group(1).upper()))
                line = _Line(text[: m.start()], line.marks[: m.start()], where=line.where).strip()
            line_segs = _segments(line)
            options_begun = options_begun or any(s.letter for s in line_segs)
            segs += line_segs
        self.stem, self.options, self.skipped = self._split(segs, dominant_lower)

    @staticmethod
    def _run(segs: list[_Seg], i: int) -> tuple[list[_Option], int, list[str]]:
        """The options of the run that starts at segs[i] (an "A"), and where it ends."""
        lower = segs[i].letter.islower()
        opts = [_Option(segs[i].letter.upper())]
        opts[0].add(segs[i].text, segs[i].marks)
        opts[0].marker_marked, opts[0].star = segs[i].marker_marked, segs[i].star
        skipped: list[str] = []
        j = i + 1
        while j < len(segs):
            s = segs[j]
            expected = chr(ord(opts[-1].letter) + 1)
            same = bool(s.letter) and s.letter.islower() == lower
            if same and s.letter.upper() == "A":
                break
            if same and (s.letter.upper() == expected or (s.line_start and s.letter.upper() > expected)):
                skipped += [chr(c) for c in range(ord(expected), ord(s.letter.upper()))]
                o = _Option(s.letter.upper())
                o.add(s.text, s.marks)
                o.marker_marked, o.star = s.marker_marked, s.star
                opts.append(o)
            elif s.letter:
                opts[-1].add(s.raw, s.raw_marks)
            else:
                opts[-1].add(s.text, s.marks)
            j += 1
        return opts, j, skipped

    def _split(self, segs: list[_Seg], dominant_lower: bool):
        starts = [i for i, s in enumerate(segs) if s.letter and s.letter.upper() == "A"]
        runs = []
        for i in starts:
            opts, end, skipped = self._run(segs, i)
            runs.append((i, opts, end, skipped))
        best = None
        for pref in (
            lambda r: r[2] == len(segs) and len(r[1]) >= 2 and segs[r[0]].letter.islower() == dominant_lower,
            lambda r: r[2] == len(segs) and len(r[1]) >= 2,
            lambda r: r[2] == len(segs),
        ):
            chosen = [r for r in runs if pref(r)]
            if chosen:
                best = chosen[-1]
                break
        if best is None:
            return _join([(s.raw, s.line_start) for s in segs]), [], []
        i, opts, _, skipped = best
        stem = _join([(s.raw, s.line_start) for s in segs[:i]])
        return stem, opts, skipped


def _clean_option(o: _Option) -> tuple[str, bool]:
    """The option's text without trailing key marks; whether such a mark was there."""
    text = o.text
    marked = o.star
    m = _MARK_END.search(text)
    if m and m.start() > 0:
        text, marked = text[: m.start()], True
    return re.sub(r"\s+", " ", text).strip(), marked


# ---- the whole import -------------------------------------------------------------------------
def _read_items(path: Path) -> list:
    suffix = path.suffix.lower()
    if not path.exists():
        raise BankFileError(f"Không thấy tệp {path}.")
    if path.is_dir():
        raise BankFileError(f"{path} là một thư mục, không phải tệp ngân hàng câu hỏi.")
    if suffix == ".docx":
        return _read_docx(path)
    if suffix == ".pdf":
        head = path.read_bytes()[:5]
        if head != b"%PDF-":
            raise BankFileError(f"{path.name}: nội dung không phải PDF (hãy mở lại và lưu dạng .pdf hoặc .docx)")
        return _read_pdf(path)
    if suffix in TEXT_SUFFIXES:
        return _read_text(path)
    if suffix == ".doc":
        raise BankFileError(f"{path.name}: tệp Word cũ (.doc): hãy mở bằng Word và lưu lại dạng .docx")
    raise BankFileError(
        f"{path.name}: không đọc được loại tệp '{suffix or 'không đuôi'}'; "
        "ngân hàng câu hỏi cần là tệp .docx, .pdf, .txt hoặc .md"
    )


def import_bank(path) -> BankImport:
    """Read a bank file into questions; every question not read whole is named in `problems`."""
    path = Path(path)
    items = _read_items(path)
    parser = _Parser(items)
    parser.run()
    problems: list[tuple[str, str]] = []
    starts = [s for b in parser.blocks for x in b.lines for s in [_OPT_START.match(x.text)] if s]
    lower = sum(1 for s in starts if (s.group(2) or s.group(3)).islower())
    dominant_lower = lower > len(starts) - lower
    reads = [_Read(b, dominant_lower) for b in parser.blocks]

    problems += _numbering_gaps(parser.blocks)
    counts: dict[int, int] = {}
    for b in parser.blocks:
        counts[b.number] = counts.get(b.number, 0) + 1

    table: dict[int, list[tuple[str, str]]] = {}
    for n, k, where in parser.keys:
        table.setdefault(n, []).append((k, where))

    questions: list[BankQuestion] = []
    seen_ids: set[str] = set()
    keyless: list[str] = []
    used_table: set[int] = set()
    order: dict[int, int] = {}
    for r in reads:
        b = r.block
        label = f"Câu {b.number}" if counts[b.number] == 1 or not b.section else f"Câu {b.number} ({b.section})"
        order[b.number] = order.get(b.number, 0) + 1
        read = _options(r, label, problems)
        if read is None:
            continue
        options, marked_flags = read
        entries = table.get(b.number) or []
        keys, from_table = _keys(r, marked_flags, label, entries, counts[b.number], order[b.number], problems)
        if from_table:
            used_table.add(b.number)
        answer = _answer(keys, [o.letter for o in r.options], label, problems)
        if not keys:
            keyless.append(label)
        qid = _question_id(b.number, seen_ids)
        questions.append(BankQuestion(b.number, r.stem, options, answer, b.section, qid))
    for n in sorted(set(table) - used_table - set(counts)):
        problems.append((f"Câu {n}", "có trong bảng đáp án nhưng không tìm thấy câu hỏi số này"))
    if questions and len(keyless) == len(questions):
        problems.append(
            (
                "cả tệp",
                "không tìm thấy đáp án nào (dòng “Đáp án: B”, phương án tô đậm hoặc tô màu, hay bảng đáp án ở cuối)",
            )
        )
    else:
        problems += [(label, "không có đáp án") for label in keyless]
    return BankImport(questions, _in_order(problems))


def _numbering_gaps(blocks: list[_Block]) -> list[tuple[str, str]]:
    """Numbering: a question whose number line was not recognised would hide inside the one before."""
    problems: list[tuple[str, str]] = []
    for prev, nxt in zip(blocks, blocks[1:]):
        if nxt.number > prev.number + 1:
            missing = (
                f"Câu {prev.number + 1}" if nxt.number == prev.number + 2 else f"Câu {prev.number + 1}–{nxt.number - 1}"
            )
            problems.append((missing, f"không tìm thấy (số câu nhảy từ {prev.number} sang {nxt.number})"))
    return problems


def _options(r: _Read, label: str, problems: list[tuple[str, str]]) -> tuple[list[str], list[bool]] | None:
    """The question's options cleaned of key marks, and which ones carried a mark; None (the reason
    in `problems`) when it cannot be a question."""
    if not r.stem:
        problems.append((label, "không có nội dung câu hỏi"))
        return None
    if not r.options:
        problems.append((label, "không tìm thấy phương án"))
        return None
    options, marked_flags = [], []
    for o in r.options:
        text, marked = _clean_option(o)
        options.append(text)
        marked_flags.append(marked)
    if len(options) < 2:
        problems.append((label, f"chỉ có {len(options)} phương án"))
        return None
    if any(not t for t in options):
        empty = ", ".join(o.letter for o, t in zip(r.options, options) if not t)
        problems.append((label, f"phương án {empty} không có nội dung"))
    if r.skipped:
        problems.append((label, f"thiếu phương án {', '.join(r.skipped)}"))
    return options, marked_flags


def _keys(
    r: _Read,
    marked_flags: list[bool],
    label: str,
    entries: list[tuple[str, str]],
    count: int,
    nth: int,
    problems: list[tuple[str, str]],
) -> tuple[list[tuple[str, str]], bool]:
    """Every key the bank gives for a question, as (source, letter): its key lines, a mark after
    an option, a marked option, the answer table (`entries` for its number, the question being
    the `nth` of `count` with that number); and whether the table's key was taken."""
    keys = list(r.keys)
    # a key mark after an option ("(x)", "*", "✓")
    starred = [o.letter for o, f in zip(r.options, marked_flags) if f]
    if len(starred) == 1:
        keys.append(("dấu đánh dấu", starred[0]))
    # a bold, underlined or coloured option (its text, or else only its letter)
    shares = [_marked_share(o.text, o.marks) for o in r.options]
    marked = [o.letter for o, s in zip(r.options, shares) if s >= 0.6]
    if not 0 < len(marked) < len(r.options):
        marked = [o.letter for o in r.options if o.marker_marked]
    if 0 < len(marked) < len(r.options):
        if len(marked) == 1:
            keys.append(("phương án tô đậm hoặc tô màu", marked[0]))
        else:
            problems.append((label, f"nhiều phương án được tô đậm hoặc tô màu ({', '.join(marked)})"))
    from_table = False
    if entries:
        if len(entries) == count:
            keys.append(("bảng đáp án", entries[nth - 1][0]))
            from_table = True
        elif len(entries) == 1:
            keys.append(("bảng đáp án", entries[0][0]))
            from_table = True
        else:
            problems.append((label, "bảng đáp án có nhiều dòng cho số câu này"))
    return keys, from_table


def _answer(keys: list[tuple[str, str]], letters: list[str], label: str, problems: list[tuple[str, str]]) -> int | None:
    """The answer's index from the keys (the first when they disagree); None without a key."""
    answer = None
    if keys:
        distinct = list(dict.fromkeys(k for _, k in keys))
        chosen = distinct[0]
        if len(distinct) > 1:
            said = "; ".join(f"{src}: {k}" for src, k in dict.fromkeys(keys))
            problems.append((label, f"các đáp án không khớp nhau ({said}); lấy {chosen}"))
        if chosen in letters:
            answer = letters.index(chosen)
        else:
            problems.append((label, f"đáp án {chosen} không có trong các phương án ({', '.join(letters)})"))
    return answer


def _question_id(number: int, seen_ids: set[str]) -> str:
    """The id "cau-007", or "cau-007-2" for a second question numbered 7; recorded in `seen_ids`."""
    qid = f"cau-{number:03d}"
    k = 2
    while qid in seen_ids:
        qid, k = f"cau-{number:03d}-{k}", k + 1
    seen_ids.add(qid)
    return qid


def _in_order(problems: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Problems by question number (places that are not a question last)."""

    def key(p):
        m = re.match(r"Câu (\d+)", p[0])
        return (0, int(m.group(1))) if m else (1, 0)

    return sorted(dict.fromkeys(problems), key=key)


# ---- our own JSONL, and any bank -------------------------------------------------------------
_OWN_FIELDS = ("id", "type", "number", "question", "options", "answer", "section", "heading")


def read_bank(path) -> BankImport:
    """A bank JSONL (the evaluation's multiple-choice lines) or any file `import_bank` reads."""
    path = Path(path)
    if path.suffix.lower() != ".jsonl":
        return import_bank(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BankFileError(f"{path.name}: không đọc được tệp JSONL ({type(exc).__name__})") from exc
    questions, problems = [], []
    seen: set[str] = set()
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError:
            problems.append((f"dòng {n}", "không phải JSON hợp lệ"))
            continue
        if not isinstance(d, dict) or not isinstance(d.get("question"), str) or not d["question"].strip():
            problems.append((f"dòng {n}", "không có câu hỏi"))
            continue
        options = d.get("options")
        if not isinstance(options, list) or len(options) < 2:
            problems.append((f"dòng {n}", "cần ít nhất 2 phương án"))
            continue
        answer = d.get("answer")
        if answer is not None and (not isinstance(answer, int) or not 0 <= answer < len(options)):
            problems.append((f"dòng {n}", "đáp án không phải số thứ tự của một phương án"))
            answer = None
        heading = d.get("heading")
        if not isinstance(heading, str):
            heading = d.get("section") if isinstance(d.get("section"), str) else None
        number = d.get("number")
        qid = str(d.get("id") or f"dong-{n}")
        if qid in seen:
            problems.append((f"dòng {n}", f"trùng mã câu hỏi '{qid}'"))
            continue
        seen.add(qid)
        questions.append(
            BankQuestion(
                number=number if isinstance(number, int) else len(questions) + 1,
                question=d["question"].strip(),
                options=[str(o) for o in options],
                answer=answer,
                section=heading or None,
                id=qid,
                extra={k: v for k, v in d.items() if k not in _OWN_FIELDS or (k == "section" and isinstance(v, list))},
            )
        )
    return BankImport(questions, problems)


def load_bank(path) -> list[BankQuestion]:
    """The questions of a bank JSONL or of any importable bank file."""
    return read_bank(path).questions


def write_jsonl(questions: list[BankQuestion], path) -> None:
    Path(path).write_text(
        "".join(json.dumps(q.to_json(), ensure_ascii=False) + "\n" for q in questions), encoding="utf-8"
    )


# ---- writing a bank as provinces print it -----------------------------------------------------
def write_docx(questions: list[BankQuestion], path, key: str = "inline", title: str = DEFAULT_TITLE) -> Path:
    """A Word bank: the title, each heading, "Câu N." in bold, options "A. …" one a line, and the
    key as a line "Đáp án: B" (`inline`), the right option in bold / red / underlined (`bold`,
    `color`, `underline`) or a table Câu | Đáp án at the end (`table`)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    if key not in KEY_STYLES:
        raise ValueError(f"key must be one of {KEY_STYLES}")
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    if title:
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(title).bold = True
    section = None
    for q in questions:
        if q.section and q.section != section:
            p = d.add_paragraph()
            p.add_run(q.section).bold = True
        section = q.section
        p = d.add_paragraph()
        p.add_run(f"Câu {q.number}.").bold = True
        lines = q.question.split("\n")
        p.add_run(" " + lines[0])
        for extra in lines[1:]:
            p.add_run().add_break()
            p.add_run(extra)
        for i, option in enumerate(q.options):
            p = d.add_paragraph()
            run = p.add_run(f"{LETTERS[i]}. {option}")
            if i == q.answer:
                if key == "bold":
                    run.bold = True
                elif key == "color":
                    run.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
                elif key == "underline":
                    run.underline = True
        if key == "inline" and q.answer is not None:
            d.add_paragraph(f"Đáp án: {LETTERS[q.answer]}")
    if key == "table":
        p = d.add_paragraph()
        p.add_run("ĐÁP ÁN").bold = True
        keyed = [q for q in questions if q.answer is not None]
        t = d.add_table(rows=1 + len(keyed), cols=2)
        t.style = "Table Grid"
        t.cell(0, 0).text, t.cell(0, 1).text = "Câu", "Đáp án"
        for row, q in enumerate(keyed, 1):
            t.cell(row, 0).text, t.cell(row, 1).text = str(q.number), LETTERS[q.answer]
    path = Path(path)
    d.save(str(path))
    return path
