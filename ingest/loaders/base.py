"""What every loader shares: the `Loaded` result, limits, content sniffing and text decoding."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ingest import legacy
from ingest.cleaning import Cleaned, clean_plain
from ingest.official import read_official
from ingest.repair import repair
from ingest.structure import Structure

MAX_FILE_BYTES = 50 * 1024 * 1024
# A .docx is a zip: refuse one that would inflate beyond these (a "zip bomb"). Sizes declared in
# the archive bind what zipfile inflates (it stops there and checks the CRC).
MAX_DOCX_UNZIPPED = 200 * 1024 * 1024
MAX_DOCX_MEMBERS = 5000
MAX_DOCX_RATIO = 200  # inflated / compressed, for members over 1 MB inflated
MAX_HTML_DEPTH = 256  # deeper markup is read as plain text (no tree, no recursion)
# Old .doc files go through an external converter and scans through Tesseract: every call is
# bounded in time, so one broken file cannot hang a batch.
DOC_CONVERT_TIMEOUT_S = 60  # per converter (LibreOffice, then antiword)
OCR_DPI = 300  # pdftoppm -r: Tesseract reads body text best at 300 dpi
OCR_MAX_PIXELS = 40_000_000  # a page larger than this (a poster) is rendered at a lower dpi
OCR_PAGE_TIMEOUT_S = 120  # per page; a full A4 page of text took 4 s here
OCR_MAX_PAGES = 300
OCR_MAX_FAILED_PAGES = 3  # pages skipped (timeout, unreadable) before the whole file is refused
IMAGE_KINDS = ("png", "jpeg", "tiff")
# What `sniff` found, said to a person ("nội dung là …").
KIND_VI = {
    "pdf": "PDF",
    "zip": "gói zip (như tệp .docx)",
    "ole": "tệp Office cũ (như tệp Word .doc)",
    "html": "trang web HTML",
    "text": "văn bản thường",
    "png": "ảnh PNG",
    "jpeg": "ảnh JPEG",
    "tiff": "ảnh TIFF",
    "binary": "dữ liệu máy (không phải chữ hay ảnh đọc được)",
}


@dataclass
class Loaded:
    text: str
    headings: list[str] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # conversions a person should know about
    structure: Structure | None = None  # sections of an official text, for structured chunks


def sniff(data: bytes) -> str:
    """Guess the real type from the first bytes: pdf, zip, ole, png, jpeg, tiff, html, text or binary.

    >>> sniff(b"\\x89PNG\\r\\n\\x1a\\n..."), sniff(b"\\xff\\xd8\\xff\\xe0..."), sniff(b"II*\\x00..."), sniff("Chi bộ".encode())
    ('png', 'jpeg', 'tiff', 'text')
    """
    head = data[:2048]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # legacy .doc / .xls
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")):  # classic and BigTIFF
        return "tiff"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<p")):
        return "html"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    if b"\x00" in head:
        return "binary"
    return "text"


def decode_text(data: bytes, path: Path, notes: list[str] | None = None) -> str:
    """Decode text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, legacy TCVN3/VNI
    single-byte text, else Windows-1258 (whose combining tone marks NFC later joins)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text, encoding = legacy.decode_single_byte(data)
    if notes is not None:
        notes.append(legacy_note(encoding))
    return text


def legacy_note(encoding: str) -> str:
    return f"đã chuyển từ bảng mã {legacy.LABELS[encoding]} sang Unicode, hãy kiểm tra kết quả"


def unlegacy(text: str, notes: list[str]) -> str:
    """Convert TCVN3/VNI text to Unicode and say so; Unicode text passes untouched."""
    fixed, enc = legacy.fix(text)
    if enc:
        notes.append(legacy_note(enc))
    return fixed


def from_cleaned(c: Cleaned, **meta) -> Loaded:
    m = {k: v for k, v in {"byline": c.byline, "published": c.published, **meta}.items() if v}
    return Loaded(text=c.text, headings=c.headings, meta=m)


def from_pages(pages: list[str], meta: dict | None = None, notes: list[str] | None = None) -> Loaded:
    """Text given as pages or layout lines (PDF, OCR, Word paragraphs, converted Markdown):
    an official document read with its header and structure, anything else as repaired
    paragraphs. What the header says wins over a file's own title property."""
    meta = dict(meta or {})
    official = read_official(pages)
    if official is not None:
        return Loaded(text=official.text, meta={**meta, **official.meta()}, notes=list(notes or []),
                      structure=official.structure)  # fmt: skip
    cleaned = clean_plain("\n".join(repair(pages)))
    return Loaded(text=cleaned.text, headings=cleaned.headings, meta=meta, notes=list(notes or []))
