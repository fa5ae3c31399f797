"""PDF files: the text layer (pypdf), and Tesseract OCR for the pages that have none (scans)."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.errors import IngestFileError
from ingest.loaders.base import Loaded, from_pages
from ingest.loaders.ocr import NO_TEXT, Progress, ocr_note, pdf_pages

# A scanned page often still carries a few characters of text layer (a stamped page number, a
# scanner's footer): below this many letters, a page with an image is read by OCR as well.
_FEW_LETTERS = 20


def load_pdf(path: Path, data: bytes, progress: Progress | None = None) -> Loaded:
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many types for broken files
        raise IngestFileError(path, f"không đọc được PDF ({type(exc).__name__}: {exc})") from exc
    meta: dict = {}
    info = reader.metadata
    if info and info.title and not _producer_title(str(info.title)):
        meta["title"] = str(info.title)
    scanned = [n for n, text in enumerate(pages, 1) if _needs_ocr(reader.pages[n - 1], text)]
    notes: list[str] = []
    if scanned:
        sizes = {n: _size(reader.pages[n - 1]) for n in scanned}
        texts, notes = pdf_pages(path, scanned, len(pages), sizes, progress)
        read = [n for n in scanned if _letters(texts.get(n, "")) > _letters(pages[n - 1])]
        for n in read:
            pages[n - 1] = texts[n]
        if read:
            meta.update(ocr=True, ocr_pages=len(read))
            notes = [ocr_note(len(read)), *notes]
    if not "".join(pages).strip():
        raise IngestFileError(path, NO_TEXT)
    return from_pages(pages, meta, notes)


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _needs_ocr(page, text: str) -> bool:
    """No text layer, or hardly any over an image (a scan with a stamped page number)."""
    letters = _letters(text)
    return letters == 0 or (letters < _FEW_LETTERS and _has_image(page))


def _has_image(page) -> bool:
    try:
        xobjects = page["/Resources"].get_object().get("/XObject")
        if xobjects is None:
            return False
        return any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.get_object().values())
    except Exception:  # a malformed resource dictionary: read the text layer as it is
        return False


def _size(page) -> tuple[float, float]:
    """Page width and height in points (1/72 inch)."""
    try:
        box = page.mediabox
        unit = float(page.get("/UserUnit", 1) or 1)
        return abs(float(box.width)) * unit, abs(float(box.height)) * unit
    except Exception:
        return 595.0, 842.0  # A4


def _producer_title(title: str) -> bool:
    """A title property the writing program made up ("Microsoft Word - hd06.docx")."""
    return bool(re.match(r"(?i)^(microsoft word|untitled|document\d*|tài liệu\d*)\b|\.(docx?|pdf|odt)$", title.strip()))
