"""Read a file into clean text plus its headings and metadata: `load(path)`.

Each loader checks the content, not only the name: a .docx that is not a zip archive or a
.pdf that is not a PDF is refused with a message naming the file and what to do. One module per
file kind (old .doc through a converter, scans and page images through Tesseract OCR); a new kind
is a module here and a line in `load`.
"""

from __future__ import annotations

from pathlib import Path

from ingest.cleaning import clean_web
from ingest.errors import IngestFileError
from ingest.loaders.base import (
    IMAGE_KINDS,
    KIND_VI,
    MAX_FILE_BYTES,
    Loaded,
    decode_text,
    from_cleaned,
    sniff,
    unlegacy,
)
from ingest.loaders.ocr import Progress
from ingest.official import read_official

SUPPORTED = (".txt", ".md", ".html", ".htm", ".docx", ".doc", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")

_KINDS_FOR_SUFFIX = {
    ".txt": ("text",),
    ".md": ("text",),
    ".html": ("html",),
    ".htm": ("html",),
    ".docx": ("zip",),
    ".doc": ("ole",),
    ".pdf": ("pdf",),
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".tif", ".tiff"), IMAGE_KINDS),  # Tesseract reads any of them
}
_SUFFIX_FOR_KIND = {
    "pdf": ".pdf",
    "zip": ".docx",
    "html": ".html",
    "text": ".txt",
    "ole": ".doc",
    "png": ".png",
    "jpeg": ".jpg",
    "tiff": ".tif",
}


def mismatch(suffix: str, kind: str) -> str:
    """What to tell a person whose file's content does not match its name.

    >>> mismatch(".docx", "pdf")
    "nội dung là PDF, không khớp đuôi '.docx': hãy đổi tên thành .pdf"
    """
    what = f"nội dung là {KIND_VI.get(kind, kind)}, không khớp đuôi '{suffix}'"
    right = _SUFFIX_FOR_KIND.get(kind)
    if right:
        return f"{what}: hãy đổi tên thành {right}"
    return f"{what}: hãy mở tệp bằng chương trình đã tạo ra nó và lưu lại dưới dạng .docx hoặc .pdf"


def _load_text(path: Path, data: bytes, notes: list[str]) -> Loaded:
    """Plain text or Markdown: an official document (a converted Hướng dẫn, a typed Quy định)
    with its header and structure, else a web capture to clean."""
    text = unlegacy(decode_text(data, path, notes), notes)
    official = read_official([text])
    if official is not None:
        return Loaded(text=official.text, meta=official.meta(), structure=official.structure)
    return from_cleaned(clean_web(text))


def load(path: Path, progress: Progress | None = None) -> Loaded:
    """Load one file, raising IngestFileError with a reason a person can act on; `progress` hears
    about long steps ("nhận dạng chữ trang 3/12")."""
    from ingest.loaders.doc import load_doc
    from ingest.loaders.docx import load_docx
    from ingest.loaders.html import load_html
    from ingest.loaders.ocr import load_image
    from ingest.loaders.pdf import load_pdf

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise IngestFileError(
            path,
            f"không hỗ trợ loại tệp '{suffix or 'không đuôi'}'; hỗ trợ: {', '.join(SUPPORTED)}: "
            "hãy lưu lại dưới dạng .docx hoặc .pdf",
        )
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise IngestFileError(
                path, f"tệp nặng {size // (1024 * 1024)} MB, vượt giới hạn {MAX_FILE_BYTES // (1024 * 1024)} MB"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise IngestFileError(path, f"không đọc được tệp ({exc.strerror or exc})") from exc
    if not data.strip():
        raise IngestFileError(path, "tệp rỗng")
    kind = sniff(data)
    expected = _KINDS_FOR_SUFFIX[suffix]
    if kind == "binary":
        raise IngestFileError(
            path,
            "nội dung nhị phân, không phải văn bản: hãy mở tệp bằng chương trình đã tạo ra nó "
            "và lưu lại dưới dạng .docx hoặc .pdf",
        )
    # Text that looks like HTML (or the reverse) is read either way; every other kind must match.
    lenient = set(expected) <= {"text", "html"} and kind in ("text", "html")
    if kind not in expected and not lenient:
        raise IngestFileError(path, mismatch(suffix, kind))
    notes: list[str] = []
    if suffix == ".docx":
        loaded = load_docx(path, data)
    elif suffix == ".doc":
        loaded = load_doc(path, data, progress)
    elif suffix == ".pdf":
        loaded = load_pdf(path, data, progress)
    elif kind in IMAGE_KINDS:
        loaded = load_image(path, data, progress)
    elif suffix in (".html", ".htm") or kind == "html":
        loaded = load_html(path, data)
    else:
        loaded = _load_text(path, data, notes)
    loaded.notes = notes + loaded.notes
    if not loaded.text.strip():
        raise IngestFileError(path, "không còn nội dung sau khi làm sạch")
    return loaded


__all__ = [
    "IMAGE_KINDS",
    "KIND_VI",
    "MAX_FILE_BYTES",
    "SUPPORTED",
    "Loaded",
    "Progress",
    "decode_text",
    "load",
    "mismatch",
    "sniff",
]
