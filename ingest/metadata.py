"""Document metadata: the folder manifest and what the file itself says (title, date, kind)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from ingest import registry
from ingest.header import untitled
from ingest.textnorm import fold


@lru_cache(maxsize=64)
def _manifest(folder: str, mtime: float) -> dict:
    path = Path(folder) / "manifest.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def manifest_entry(path: Path) -> dict:
    """The manifest.yaml entry for `path` in its own folder, or {}."""
    manifest = path.parent / "manifest.yaml"
    if not manifest.exists():
        return {}
    entry = _manifest(str(path.parent), manifest.stat().st_mtime).get(path.name)
    return dict(entry) if isinstance(entry, dict) else {}


def _infer_kind(text: str, name: str, title: str = "") -> str:
    """An outline or a form only on evidence that says so: a title that is one ("Đề cương …", "Mẫu
    …"), a form's corner mark ("Mẫu số 1-KNĐ") or "template" in the file name; a word met in the
    text ("theo đề cương của …", "gương mẫu") is not."""
    if re.match(r"(?i)đề cương\b", title):
        return "outline"
    if (
        re.match(r"(?i)(biểu )?mẫu\b", title)
        or re.search(r"(?im)^\s*mẫu(\s+số)?\s+\d", text[:300])
        or "template" in name.lower()
    ):
        return "template"
    if re.search(r"^(hướng dẫn|chỉ thị|nghị quyết|quy định|quyết định|kế hoạch|kết luận)\b", text[:200].lower()):
        return "guidance"
    return "document"


def _file_name_title(title: str, path: Path) -> bool:
    """A title property that is only the file's own name (a scanner or PIL writes it)."""
    slug = lambda s: re.sub(r"[^a-z0-9]+", "-", fold(s)).strip("-")  # noqa: E731
    return slug(title) == slug(path.stem) or slug(title) == slug(path.name)


# What a document says of itself, in the order it is trusted: an administrator's correction,
# the folder's manifest, the document's own header, what is inferred from the file.
FIELDS = ("title", "number", "date", "kind", "issuer")


def document_metadata(path: Path, loaded, corrections: dict | None = None) -> dict:
    """Title, number, date, kind, issuer and the rest for one loaded file."""
    entry = manifest_entry(path)
    own = loaded.meta
    first_line = next((ln for ln in loaded.text.split("\n") if ln.strip()), path.stem)
    # No header: the text's heading or first sentence, its type, speaker and date (ingest.header).
    said = {} if own.get("doc_type") else untitled(loaded.text.split("\n")[:60] + loaded.text.split("\n")[-15:])
    title = own.get("title") or own.get("html_title")
    if title and _file_name_title(title, path):
        title = None
    meta = {
        "title": title or said.get("title") or first_line[:200],
        "date": own.get("date") or own.get("published") or said.get("date"),
        "kind": own.get("kind")
        or (said["kind"] if said.get("doc_type") else None)
        or _infer_kind(loaded.text, path.name, title or said.get("title") or first_line),
        "byline": own.get("byline"),
        "file_name": path.name,
        "mentions": registry.linked_mentions(loaded.text),
    }
    if own.get("doc_type") == "Đề cương":
        meta["kind"] = "outline"
    for key in (
        "number",
        "issuer",
        "doc_type",
        "parent_issuer",
        "place",
        "signed_for",
        "number_form",
        "numbers",
        "ocr",
    ):
        if own.get(key):
            meta[key] = own[key]
    for key in ("issuer", "doc_type"):
        if said.get(key) and not own.get(key):
            meta[key] = said[key]
    meta.update(entry)
    if meta.get("kind") == "news":  # a report's first sentence names who acted, not who wrote it
        for key in ("issuer", "doc_type"):
            if said.get(key) and meta.get(key) == said[key] and key not in entry:
                meta.pop(key)
    if entry and "date" in entry:
        meta["date"] = entry["date"]
    for key, value in (corrections or {}).items():
        if key in FIELDS:
            meta[key] = value or None
    if meta.get("number"):
        meta["numbers"] = list(dict.fromkeys([meta["number"], *meta.get("numbers", [])]))
    return {k: v for k, v in meta.items() if v is not None or k == "date"}
