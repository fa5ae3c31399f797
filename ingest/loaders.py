"""Read a file into clean text plus its headings and metadata.

Each loader checks the content, not only the name: a .docx that is not a zip archive or a
.pdf that is not a PDF is refused with a message naming the file.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ingest import legacy
from ingest.cleaning import Cleaned, clean_plain, clean_web
from ingest.errors import IngestFileError

SUPPORTED = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
MAX_FILE_BYTES = 50 * 1024 * 1024
# A .docx is a zip: refuse one that would inflate beyond these (a "zip bomb"). Sizes declared in
# the archive bind what zipfile inflates (it stops there and checks the CRC).
MAX_DOCX_UNZIPPED = 200 * 1024 * 1024
MAX_DOCX_MEMBERS = 5000
MAX_DOCX_RATIO = 200  # inflated / compressed, for members over 1 MB inflated
MAX_HTML_DEPTH = 256  # deeper markup is read as plain text (no tree, no recursion)


@dataclass
class Loaded:
    text: str
    headings: list[str] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # conversions a person should know about


def sniff(data: bytes) -> str:
    """Guess the real type from the first bytes: pdf, zip, html, text or binary."""
    head = data[:2048]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # legacy .doc / .xls
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<p")):
        return "html"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    if b"\x00" in head:
        return "binary"
    return "text"


_KIND_FOR_SUFFIX = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html", ".docx": "zip", ".pdf": "pdf"}
_KIND_VI = {
    "pdf": "PDF",
    "zip": "gói zip (.docx)",
    "html": "trang HTML",
    "text": "văn bản thường",
    "ole": "tệp Word cũ (.doc)",
}
_SUFFIX_FOR_KIND = {"pdf": ".pdf", "zip": ".docx", "html": ".html", "text": ".txt", "ole": ".doc"}


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
        notes.append(f"đã chuyển từ bảng mã {legacy.LABELS[encoding]} sang Unicode, hãy kiểm tra kết quả")
    return text


def load(path: Path) -> Loaded:
    """Load one file, raising IngestFileError with a reason a person can act on."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        hint = " (tệp Word cũ .doc: hãy lưu lại thành .docx)" if suffix == ".doc" else ""
        raise IngestFileError(
            path, f"không hỗ trợ loại tệp '{suffix or 'không đuôi'}'{hint}; hỗ trợ: {', '.join(SUPPORTED)}"
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
    expected = _KIND_FOR_SUFFIX[suffix]
    if kind == "binary":
        raise IngestFileError(path, "nội dung nhị phân, không phải văn bản")
    if kind != expected and not (expected == "text" and kind == "html"):
        if expected in ("zip", "pdf") or kind in ("pdf", "zip", "ole"):
            raise IngestFileError(
                path,
                f"nội dung là {_KIND_VI.get(kind, kind)}, không khớp đuôi '{suffix}': "
                f"hãy đổi tên thành {_SUFFIX_FOR_KIND.get(kind, 'đuôi đúng')}",
            )
    notes: list[str] = []
    if suffix == ".docx":
        loaded = _load_docx(path, data)
    elif suffix == ".pdf":
        loaded = _load_pdf(path, data)
    elif suffix in (".html", ".htm") or kind == "html":
        loaded = _load_html(path, data)
    else:
        loaded = _from_cleaned(clean_web(_unlegacy(decode_text(data, path, notes), notes)))
    loaded.notes = notes + loaded.notes
    if not loaded.text.strip():
        raise IngestFileError(path, "không còn nội dung sau khi làm sạch")
    return loaded


def _unlegacy(text: str, notes: list[str]) -> str:
    """Convert TCVN3/VNI text to Unicode and say so; Unicode text passes untouched."""
    fixed, enc = legacy.fix(text)
    if enc:
        notes.append(f"đã chuyển từ bảng mã {legacy.LABELS[enc]} sang Unicode, hãy kiểm tra kết quả")
    return fixed


def _from_cleaned(c: Cleaned, **meta) -> Loaded:
    m = {k: v for k, v in {"byline": c.byline, "published": c.published, **meta}.items() if v}
    return Loaded(text=c.text, headings=c.headings, meta=m)


class _DepthProbe(HTMLParser):
    """One linear pass: the nesting depth of the markup and its text outside script/style."""

    _VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}
    _BLOCK = {"p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "section", "article"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = self.max_depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript", "template"):
            self.skip += 1
        if tag in self._BLOCK:
            self.parts.append("\n")
        if tag not in self._VOID:
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript", "template"):
            self.skip = max(0, self.skip - 1)
        if tag in self._BLOCK:
            self.parts.append("\n")
        if tag not in self._VOID:
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def _load_html(path: Path, data: bytes) -> Loaded:
    from bs4 import BeautifulSoup

    notes: list[str] = []
    text = _unlegacy(decode_text(data, path, notes), notes)
    probe = _DepthProbe()
    probe.feed(text)
    probe.close()
    if probe.max_depth > MAX_HTML_DEPTH:
        # A tree this deep is not a real page layout; read its text without building one.
        notes.append(f"HTML lồng {probe.max_depth} tầng (quá {MAX_HTML_DEPTH}): chỉ lấy chữ, bỏ cấu trúc")
        loaded = _from_cleaned(clean_web("\n".join(" ".join(p.split()) for p in "".join(probe.parts).split("\n"))))
        loaded.notes = notes
        return loaded
    soup = BeautifulSoup(text, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    for tag in soup(
        [
            "script",
            "style",
            "noscript",
            "nav",
            "header",
            "footer",
            "aside",
            "form",
            "iframe",
            "svg",
            "button",
            "template",
        ]
    ):
        tag.decompose()
    blocks = []
    for el in soup.find_all(
        ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "td", "figcaption", "div"]
    ):
        if el.name == "div" and el.find(["p", "div", "li", "h1", "h2", "h3", "table"]):
            continue  # a container: its children carry the text
        text = el.get_text(" ", strip=True)
        if text:
            blocks.append(text)
    cleaned = clean_web("\n".join(blocks))
    h_tags = [h.get_text(" ", strip=True) for h in soup.find_all(["h1", "h2", "h3", "h4"])]
    headings = [h for h in h_tags if h and h in cleaned.text] or cleaned.headings
    loaded = _from_cleaned(cleaned, html_title=title)
    loaded.headings = headings
    loaded.notes = notes
    return loaded


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


def _load_docx(path: Path, data: bytes) -> Loaded:
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
    for para in document.paragraphs:
        text = para.text.strip()
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
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if cells:
                lines.append(" | ".join(dict.fromkeys(cells)))
    notes: list[str] = []
    raw = "\n".join(lines)
    enc = legacy.detect(raw)
    if enc:  # the headings were typed in the same font as the body
        raw, headings = legacy.convert(raw, enc), [legacy.convert(h, enc) for h in headings]
        notes.append(f"đã chuyển từ bảng mã {legacy.LABELS[enc]} sang Unicode, hãy kiểm tra kết quả")
    cleaned = clean_plain(raw)
    props = document.core_properties
    meta = {k: v for k, v in {"title": props.title or None, "author": props.author or None}.items() if v}
    return Loaded(text=cleaned.text, headings=headings or cleaned.headings, meta=meta, notes=notes)


def _numbered(para) -> bool:
    ppr = para._p.pPr
    return ppr is not None and ppr.numPr is not None


def _num_id(para):
    ppr = para._p.pPr
    if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
        return None
    return ppr.numPr.numId.val


def _load_pdf(path: Path, data: bytes) -> Loaded:
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many types for broken files
        raise IngestFileError(path, f"không đọc được PDF ({type(exc).__name__}: {exc})") from exc
    if not "".join(pages).strip():
        raise IngestFileError(
            path, "PDF không có lớp chữ (bản scan?): cần nhận dạng chữ (OCR) trước khi đưa vào chỉ mục"
        )
    # PDF lines are layout lines; join wrapped lines back into paragraphs.
    paras: list[str] = []
    for page in pages:
        buf = ""
        for line in page.split("\n"):
            line = line.strip()
            if not line:
                if buf:
                    paras.append(buf)
                buf = ""
                continue
            if buf and not re.search(r"[.!?:;]$", buf) and not re.match(r"^(\d+[.)]|[-•])\s", line):
                buf += " " + line
            else:
                if buf:
                    paras.append(buf)
                buf = line
        if buf:
            paras.append(buf)
    cleaned = clean_plain("\n".join(paras))
    meta = {}
    info = reader.metadata
    if info and info.title:
        meta["title"] = str(info.title)
    return Loaded(text=cleaned.text, headings=cleaned.headings, meta=meta)
