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

from ingest.config import CORPUS_DIR, Settings
from ingest.loaders import MAX_FILE_BYTES, SUPPORTED, sniff
from ingest.pipeline import IngestReport, ingest
from ingest.store import ChunkRow, DocRow, Index

UPLOAD_TYPES = (".docx", ".pdf", ".txt", ".md", ".html")
MAX_UPLOAD_MB = 20
_EXPECTED = {
    ".docx": {"zip"},
    ".pdf": {"pdf"},
    ".txt": {"text"},
    ".md": {"text"},
    ".html": {"html", "text"},
    ".htm": {"html", "text"},
}


@dataclass
class UploadResult:
    saved: list[Path] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)
    report: IngestReport | None = None


def uploads_dir(settings: Settings) -> Path:
    return settings.home / "uploads"


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


def list_documents(settings: Settings) -> list[DocRow]:
    if not (settings.index / "index.db").exists():
        return []
    return Index.open(settings.index, chroma_url=settings.chroma_url).documents()


def chunks(settings: Settings, doc_id: str) -> list[ChunkRow]:
    return Index.open(settings.index, chroma_url=settings.chroma_url).chunks(doc_id=doc_id)


def add_uploads(
    settings: Settings, files: list[tuple[str, bytes]], on_progress: Callable[[int, int], None] | None = None
) -> UploadResult:
    """Check, store and ingest uploaded files; a bad file is rejected by name, the rest go on."""
    result = UploadResult()
    target = uploads_dir(settings)
    target.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        clean = safe_name(name)
        suffix = Path(clean).suffix.lower()
        if suffix not in UPLOAD_TYPES and suffix != ".htm":
            result.rejected.append((clean, f"không nhận loại tệp '{suffix or 'không đuôi'}'"))
            continue
        if len(data) > MAX_UPLOAD_MB * 1024 * 1024 or len(data) > MAX_FILE_BYTES:
            result.rejected.append((clean, f"tệp lớn hơn {MAX_UPLOAD_MB} MB"))
            continue
        if not data.strip():
            result.rejected.append((clean, "tệp rỗng"))
            continue
        kind = sniff(data)
        if kind not in _EXPECTED.get(suffix, set()):
            result.rejected.append((clean, f"nội dung tệp không phải {suffix} (nhận ra: {kind})"))
            continue
        path = target / clean
        n = 1
        while path.exists() and path.read_bytes() != data:
            path = target / f"{Path(clean).stem}-{n}{suffix}"
            n += 1
        path.write_bytes(data)
        result.saved.append(path)
    if result.saved:
        result.report = ingest(result.saved, settings, on_progress=on_progress)
        for f in result.report.failed:  # keep no file the index could not read
            Path(f.path).unlink(missing_ok=True)
    return result


def reindex(settings: Settings) -> IngestReport:
    return ingest([p for p in sources(settings) if p.exists()], settings, exclude=excluded(settings))


def excluded(settings: Settings) -> set[str]:
    if not (settings.index / "index.db").exists():
        return set()
    raw = Index.open(settings.index, chroma_url=settings.chroma_url).get_meta("excluded_paths")
    return set(json.loads(raw)) if raw else set()


def remove(settings: Settings, doc_id: str) -> None:
    """Remove a document from the index; an upload is deleted, a corpus file is excluded from
    later re-indexing (the bundled file itself is left alone)."""
    index = Index.open(settings.index, chroma_url=settings.chroma_url)
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


__all__ = ["SUPPORTED", "UPLOAD_TYPES", "add_uploads", "chunks", "list_documents", "reindex", "remove", "safe_name"]
