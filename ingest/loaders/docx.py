"""Word .docx files: paragraphs with headings and list numbering kept, tables, legacy fonts."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ingest import legacy
from ingest.cleaning import clean_plain
from ingest.errors import IngestFileError
from ingest.loaders.base import MAX_DOCX_MEMBERS, MAX_DOCX_RATIO, MAX_DOCX_UNZIPPED, Loaded, from_pages, legacy_note


def _check_zip(path: Path) -> None:
    """Refuse archives that would inflate out of proportion before anything unpacks them."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestFileError(path, f"không phải tệp .docx hợp lệ ({type(exc).__name__}: {exc})") from exc
    if len(infos) > MAX_DOCX_MEMBERS:
        raise IngestFileError(
            path, f"gói .docx có {len(infos)} phần, quá nhiều (tối đa {MAX_DOCX_MEMBERS}): có thể là zip bomb"
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_DOCX_UNZIPPED:
        raise IngestFileError(
            path,
            f"gói .docx giải nén ra {total // 2**20} MB, vượt giới hạn {MAX_DOCX_UNZIPPED // 2**20} MB: có thể là zip bomb",
        )
    for i in infos:
        if i.file_size > 2**20 and i.file_size > MAX_DOCX_RATIO * max(i.compress_size, 1):
            raise IngestFileError(
                path,
                f"phần '{i.filename}' nén {i.file_size // max(i.compress_size, 1)}:1, bất thường: có thể là zip bomb",
            )


def load_docx(path: Path, data: bytes) -> Loaded:
    if not zipfile.is_zipfile(path):
        raise IngestFileError(path, "không phải tệp .docx hợp lệ (không phải gói zip)")
    _check_zip(path)
    try:
        import docx

        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many types for broken packages
        raise IngestFileError(path, f"không phải tệp .docx hợp lệ ({type(exc).__name__}: {exc})") from exc
    lines: list[str] = []
    headings: list[str] = []
    counters: dict[tuple, int] = {}
    tables = 0
    # The body in order: a Party document's header is usually a two-column table at the top.
    for kind, item in _body(document):
        if kind == "table":
            tables += 1
            for row in item.rows:
                cells = list(dict.fromkeys(c for c in row.cells))  # merged cells repeat
                if tables == 1 and len(lines) < 5:
                    for cell in cells:  # a header table: each cell's lines as printed
                        lines += [_text(p).strip() for p in cell.paragraphs if _text(p).strip()]
                else:
                    texts = [c.text.strip() for c in cells if c.text.strip()]
                    if texts:
                        lines.append(" | ".join(dict.fromkeys(texts)))
            continue
        para = item
        text = _text(para).strip()
        if not text:
            continue
        style = (para.style.name or "").lower() if para.style is not None else ""
        if style.startswith("heading") or style == "title":
            headings.append(text)
        elif _numbered(para) or style.startswith("list number"):
            key = (style, _num_id(para))
            counters[key] = counters.get(key, 0) + 1
            if not re.match(r"^\(?\d+[.)]", text):
                text = f"{counters[key]}. {text}"
        elif style.startswith("list bullet") and not text.startswith(("-", "•")):
            text = f"- {text}"
        lines.append(text)
    notes: list[str] = []
    raw = "\n".join(lines)
    enc = legacy.detect(raw)
    if enc:  # the headings were typed in the same font as the body
        raw, headings = legacy.convert(raw, enc), [legacy.convert(h, enc) for h in headings]
        notes.append(legacy_note(enc))
    props = document.core_properties
    meta = {k: v for k, v in {"title": props.title or None, "author": props.author or None}.items() if v}
    loaded = from_pages([raw], meta, notes)
    if loaded.structure is None:
        cleaned = clean_plain(raw)
        loaded.text, loaded.headings = cleaned.text, headings or cleaned.headings
    return loaded


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(para) -> str:
    """A paragraph's text as Word shows it, soft hyphens included: a TCVN3 document stores its
    "ư" as one (python-docx's `.text` drops it, and "đường" came back as "đ­ờng")."""
    return word_text(para._p.iter())


def word_text(elements, tab: str = "\t", soft_hyphen: str | None = "\u00ad") -> str:
    """The text of Word XML elements (a paragraph's or a run's): text, tabs, line breaks and
    hyphens as Word shows them; `soft_hyphen=None` leaves soft hyphens out."""
    out = []
    for el in elements:
        tag = el.tag
        if tag == f"{_W}t":
            out.append(el.text or "")
        elif tag == f"{_W}tab":
            out.append(tab)
        elif tag in (f"{_W}br", f"{_W}cr"):
            out.append("\n")
        elif tag == f"{_W}softHyphen" and soft_hyphen is not None:
            out.append(soft_hyphen)
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
    return "".join(out)


def _body(document):
    """Paragraphs and tables in the order they are printed."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield "paragraph", Paragraph(child, document)
        elif tag == "tbl":
            yield "table", Table(child, document)


def _numbered(para) -> bool:
    ppr = para._p.pPr
    return ppr is not None and ppr.numPr is not None


def _num_id(para):
    ppr = para._p.pPr
    if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
        return None
    return ppr.numPr.numId.val
