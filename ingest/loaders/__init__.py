"""Read a file into clean text plus its headings and metadata: `load(path)`.

Each loader checks the content, not only the name: a .docx that is not a zip archive or a
.pdf that is not a PDF is refused with a message naming the file and what to do. One module per
file kind (old .doc and .odt through LibreOffice, scans and page images through Tesseract OCR); a
new kind is a module here and a line in `LOADERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class LoaderSpec:
    """One kind of file: its suffixes, what `sniff` may find inside such a file, how a person
    calls it (the upload page groups types by `label`), and how it is read:
    `read(path, data, progress, notes) -> Loaded`. A new kind is a module and one line in
    `LOADERS`."""

    suffixes: tuple[str, ...]
    kinds: tuple[str, ...]
    label: str
    read: Callable[[Path, bytes, Progress | None, list[str]], Loaded]
    upload: bool = True  # offered on the upload page (".htm" is read, not advertised)


def _docx(path, data, progress, notes):
    from ingest.loaders.docx import load_docx

    return load_docx(path, data)


def _doc(path, data, progress, notes):
    from ingest.loaders.doc import load_doc

    return load_doc(path, data, progress)


def _odt(path, data, progress, notes):
    from ingest.loaders.odt import load_odt

    return load_odt(path, data, progress)


def _pdf(path, data, progress, notes):
    from ingest.loaders.pdf import load_pdf

    return load_pdf(path, data, progress)


def _image(path, data, progress, notes):
    from ingest.loaders.ocr import load_image

    return load_image(path, data, progress)


def _html(path, data, progress, notes):
    from ingest.loaders.html import load_html

    return load_html(path, data)


def _text_or_html(path, data, progress, notes):
    """A .txt or .md that is really a saved web page is read as one."""
    return _html(path, data, progress, notes) if sniff(data) == "html" else _load_text(path, data, notes)


# Heavy readers (python-docx, pypdf, Tesseract, LibreOffice) are imported when a file needs them.
LOADERS: list[LoaderSpec] = [
    LoaderSpec((".docx",), ("zip",), "Word", _docx),
    LoaderSpec((".doc",), ("ole",), "Word", _doc),
    LoaderSpec((".odt",), ("zip",), "tệp LibreOffice", _odt),
    LoaderSpec((".pdf",), ("pdf",), "PDF", _pdf),
    # Tesseract reads any of them: a page photo saved as .jpg that is really a PNG reads the same
    LoaderSpec((".jpg", ".jpeg", ".png", ".tif", ".tiff"), IMAGE_KINDS, "ảnh chụp văn bản", _image),
    LoaderSpec((".txt", ".md"), ("text", "html"), "văn bản thường", _text_or_html),
    LoaderSpec((".html",), ("html", "text"), "trang web", _html),
    LoaderSpec((".htm",), ("html", "text"), "trang web", _html, upload=False),
]
SUPPORTED = tuple(s for spec in LOADERS for s in spec.suffixes)
UPLOAD_TYPES = tuple(s for spec in LOADERS if spec.upload for s in spec.suffixes)


def spec_for(suffix: str) -> LoaderSpec | None:
    """The loader for a file suffix (".docx"), or None when no kind of file has it."""
    return next((spec for spec in LOADERS if suffix.lower() in spec.suffixes), None)


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
    """Load one file, raising IngestFileError with a reason a person can act on (and a `code`
    the app maps to its message); `progress` hears about long steps ("nhận dạng chữ trang 3/12")."""
    path = Path(path)
    suffix = path.suffix.lower()
    spec = spec_for(suffix)
    if spec is None:
        raise IngestFileError(
            path,
            f"không hỗ trợ loại tệp '{suffix or 'không đuôi'}'; hỗ trợ: {', '.join(SUPPORTED)}: "
            "hãy lưu lại dưới dạng .docx hoặc .pdf",
            code="unsupported",
        )
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise IngestFileError(
                path,
                f"tệp nặng {size // (1024 * 1024)} MB, vượt giới hạn {MAX_FILE_BYTES // (1024 * 1024)} MB",
                code="too_large",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise IngestFileError(path, f"không đọc được tệp ({exc.strerror or exc})", code="unreadable") from exc
    if not data.strip():
        raise IngestFileError(path, "tệp rỗng", code="empty")
    kind = sniff(data)
    if kind == "binary":
        raise IngestFileError(
            path,
            "nội dung nhị phân, không phải văn bản: hãy mở tệp bằng chương trình đã tạo ra nó "
            "và lưu lại dưới dạng .docx hoặc .pdf",
            code="binary",
        )
    if kind not in spec.kinds:
        raise IngestFileError(path, mismatch(suffix, kind), code="mismatch")
    notes: list[str] = []
    loaded = spec.read(path, data, progress, notes)
    loaded.notes = notes + loaded.notes
    if not loaded.text.strip():
        raise IngestFileError(path, "không còn nội dung sau khi làm sạch", code="no_text")
    return loaded


__all__ = [
    "IMAGE_KINDS",
    "LOADERS",
    "UPLOAD_TYPES",
    "LoaderSpec",
    "spec_for",
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
