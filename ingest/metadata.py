"""Document metadata: the folder manifest and what the file itself says (title, date, kind)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from ingest import registry


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


def _infer_kind(text: str, name: str) -> str:
    head = (name + " " + text[:400]).lower()
    if re.search(r"đề cương|de-cuong|de_cuong", head):
        return "outline"
    if re.search(r"\bmẫu\b|biểu mẫu|template", head):
        return "template"
    if re.search(r"^(hướng dẫn|chỉ thị|nghị quyết|quy định|quyết định|kế hoạch|kết luận)\b", text[:200].lower()):
        return "guidance"
    return "document"


# What a document says of itself, in the order it is trusted: an administrator's correction,
# the folder's manifest, the document's own header, what is inferred from the file.
FIELDS = ("title", "number", "date", "kind", "issuer")


def document_metadata(path: Path, loaded, corrections: dict | None = None) -> dict:
    """Title, number, date, kind, issuer and the rest for one loaded file."""
    entry = manifest_entry(path)
    own = loaded.meta
    first_line = next((ln for ln in loaded.text.split("\n") if ln.strip()), path.stem)
    meta = {
        "title": own.get("title") or own.get("html_title") or first_line[:200],
        "date": own.get("date") or own.get("published"),
        "kind": own.get("kind") or _infer_kind(loaded.text, path.name),
        "byline": own.get("byline"),
        "file_name": path.name,
        "mentions": registry.linked_mentions(loaded.text),
    }
    if own.get("doc_type") == "Đề cương":
        meta["kind"] = "outline"
    for key in ("number", "issuer", "doc_type", "parent_issuer", "place", "signed_for", "number_form", "numbers", "ocr"):
        if own.get(key):
            meta[key] = own[key]
    meta.update(entry)
    if entry and "date" in entry:
        meta["date"] = entry["date"]
    for key, value in (corrections or {}).items():
        if key in FIELDS:
            meta[key] = value or None
    if meta.get("number"):
        meta["numbers"] = list(dict.fromkeys([meta["number"], *meta.get("numbers", [])]))
    return {k: v for k, v in meta.items() if v is not None or k == "date"}
