"""Document management for the app: list, upload, re-index, remove, browse chunks.

Uploads are stored under `$CHIBO_HOME/uploads` with a safe file name (never a path from the
browser), checked by content before they are kept, and ingested with the bundled corpus.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.loaders import MAX_FILE_BYTES, SUPPORTED, UPLOAD_TYPES, mismatch, sniff, spec_for
from ingest.model import Chunk, Document
from ingest.pipeline import IngestReport, ingest
from ingest.settings import CORPUS_DIR, Settings
from ingest.store import Index

MAX_UPLOAD_MB = 20
_RESAVE = "hãy lưu lại dưới dạng .docx hoặc .pdf rồi tải lên"


@dataclass
class UploadResult:
    saved: list[Path] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)
    report: IngestReport | None = None


def uploads_dir(settings: Settings) -> Path:
    return settings.uploads_dir


def sources(settings: Settings) -> list[Path]:
    """Folders the app's index is built from: the bundled corpus and the uploads."""
    up = uploads_dir(settings)
    up.mkdir(parents=True, exist_ok=True)
    return [CORPUS_DIR, up]


def safe_name(name: str) -> str:
    """A plain file name from whatever the browser sent: no directories, no "..", no controls.

    >>> safe_name("../../etc/passwd.txt")
    'passwd.txt'
    >>> safe_name("C:\\\\Users\\\\a\\\\Hướng dẫn 12.docx")
    'Hướng dẫn 12.docx'
    """
    base = re.split(r"[\\\\/]", name)[-1]
    base = unicodedata.normalize("NFC", "".join(ch for ch in base if ch.isprintable()))
    base = base.strip(" .") or "tai-lieu"
    stem, dot, ext = base.rpartition(".")
    return (stem[:120] + dot + ext[:10]) if dot else base[:120]


def list_documents(settings: Settings) -> list[Document]:
    if not (settings.index / "index.db").exists():
        return []
    return Index.from_settings(settings).documents()


def chunks(settings: Settings, doc_id: str) -> list[Chunk]:
    return Index.from_settings(settings).chunks(doc_id=doc_id)


def add_uploads(
    settings: Settings,
    files: list[tuple[str, bytes]],
    on_progress: Callable[[int, int], None] | None = None,
    on_step: Callable[[str, str], None] | None = None,
) -> UploadResult:
    """Check, store and ingest uploaded files; a bad file is rejected by name, the rest go on.
    `on_progress(done, total)` after each file, `on_step(path, message)` within a long one (OCR)."""
    result = UploadResult()
    target = uploads_dir(settings)
    target.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        clean = safe_name(name)
        suffix = Path(clean).suffix.lower()
        spec = spec_for(suffix)
        if spec is None:
            known = ", ".join(UPLOAD_TYPES)
            result.rejected.append(
                (clean, f"không nhận loại tệp '{suffix or 'không đuôi'}' (chỉ nhận {known}): {_RESAVE}")
            )
            continue
        if len(data) > MAX_UPLOAD_MB * 1024 * 1024 or len(data) > MAX_FILE_BYTES:
            result.rejected.append(
                (clean, f"tệp lớn hơn {MAX_UPLOAD_MB} MB: hãy tách thành các tệp nhỏ hơn rồi tải lên")
            )
            continue
        if not data.strip():
            result.rejected.append((clean, "tệp rỗng: hãy kiểm tra lại tệp rồi tải lên"))
            continue
        kind = sniff(data)
        if kind not in spec.kinds:
            result.rejected.append((clean, f"{mismatch(suffix, kind)} rồi tải lên"))
            continue
        path = target / clean
        n = 1
        while path.exists() and path.read_bytes() != data:
            path = target / f"{Path(clean).stem}-{n}{suffix}"
            n += 1
        path.write_bytes(data)
        result.saved.append(path)
    if result.saved:
        result.report = ingest(result.saved, settings, on_progress=on_progress, on_step=on_step)
        for f in result.report.failed:  # keep no file the index could not read
            Path(f.path).unlink(missing_ok=True)
    return result


def reindex(settings: Settings) -> IngestReport:
    return ingest([p for p in sources(settings) if p.exists()], settings, exclude=excluded(settings))


def excluded(settings: Settings) -> set[str]:
    if not (settings.index / "index.db").exists():
        return set()
    raw = Index.from_settings(settings).get_meta("excluded_paths")
    return set(json.loads(raw)) if raw else set()


def remove(settings: Settings, doc_id: str) -> None:
    """Remove a document from the index; an upload is deleted, a corpus file is excluded from
    later re-indexing (the bundled file itself is left alone)."""
    index = Index.from_settings(settings)
    doc = index.document(doc_id)
    if doc is None:
        return
    index.delete_vectors(index.remove_document(doc_id))
    path = Path(doc.path)
    if path.is_relative_to(uploads_dir(settings)):
        path.unlink(missing_ok=True)
    else:
        index.set_meta("excluded_paths", json.dumps(sorted(excluded(settings) | {str(path)})))
    index.build_bm25("tokens")
    index.build_bm25("syllables")


class CorrectionError(ValueError):
    """A correction a person can fix: the message says what is wrong, in Vietnamese."""


_DATE_FORMS = (
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), lambda m: (m[1], m[2], m[3])),
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"), lambda m: (m[3], m[2], m[1])),
    (re.compile(r"^(\d{4})-(\d{2})$"), lambda m: (m[1], m[2], None)),
    (re.compile(r"^(\d{1,2})[/.-](\d{4})$"), lambda m: (m[2], m[1], None)),
    (re.compile(r"^(\d{4})$"), lambda m: (m[1], None, None)),
)
KINDS = ("guidance", "news", "outline", "template", "document")


def normalize_date(text: str) -> str:
    """A date as a person types it, in ISO form ("26/5/2025" → "2025-05-26", "11/2025" → "2025-11").

    >>> normalize_date("26/5/2025"), normalize_date("2025-11"), normalize_date("11/2025")
    ('2025-05-26', '2025-11', '2025-11')
    """
    from datetime import date

    text = text.strip()
    for pattern, parts in _DATE_FORMS:
        m = pattern.match(text)
        if m:
            y, mo, d = parts(m)
            try:
                date(int(y), int(mo or 1), int(d or 1))
            except ValueError:
                break
            return "-".join(p for p in (y, f"{int(mo):02d}" if mo else None, f"{int(d):02d}" if d else None) if p)
    raise CorrectionError(f"Ngày «{text}» không hợp lệ: hãy ghi dạng 26/5/2025, 5/2025 hoặc 2025.")


def correct(settings: Settings, doc_id: str, **fields) -> Document:
    """Correct a document's title, number, date, kind or issuer. The correction is kept with the
    index (keyed by the file), applied now and again at every later ingest; an empty value
    ("") removes a correction, so the document's own header decides again."""
    from ingest.metadata import FIELDS

    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise CorrectionError(f"Không sửa được trường {sorted(unknown)}; chỉ sửa được: {', '.join(FIELDS)}.")
    index = Index.from_settings(settings)
    doc = index.document(doc_id)
    if doc is None:
        raise CorrectionError(f"Không có tài liệu '{doc_id}' trong chỉ mục.")
    clean: dict = {}
    for key, value in fields.items():
        value = (value or "").strip() if isinstance(value, str) or value is None else value
        if value == "":
            clean[key] = None  # drop the correction
        elif key == "date":
            clean[key] = normalize_date(value)
        elif key == "kind" and value not in KINDS:
            raise CorrectionError(f"Loại «{value}» không có; chọn một trong: {', '.join(KINDS)}.")
        else:
            clean[key] = value
    index.set_correction(doc.path, doc.sha256, clean)
    index.close()
    ingest([Path(doc.path)], settings, refresh={doc.path})
    return Index.from_settings(settings).document(doc_id) or doc


__all__ = [
    "SUPPORTED",
    "UPLOAD_TYPES",
    "add_uploads",
    "chunks",
    "correct",
    "list_documents",
    "reindex",
    "remove",
    "safe_name",
]
