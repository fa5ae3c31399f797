"""Document metadata: the corpus manifest, inference from the file, and the registry."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from ingest import docnumbers
from ingest.config import CORPUS_DIR


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


def document_metadata(path: Path, loaded) -> dict:
    """Title, date, kind and the rest for one loaded file; the manifest wins over inference."""
    entry = manifest_entry(path)
    first_line = next((ln for ln in loaded.text.split("\n") if ln.strip()), path.stem)
    meta = {
        "title": loaded.meta.get("title") or loaded.meta.get("html_title") or first_line[:200],
        "date": loaded.meta.get("published"),
        "kind": _infer_kind(loaded.text, path.name),
        "byline": loaded.meta.get("byline"),
        "file_name": path.name,
        "mentions": linked_mentions(loaded.text),
    }
    meta.update({k: v for k, v in entry.items()})
    if entry and "date" in entry:
        meta["date"] = entry["date"]
    return {k: v for k, v in meta.items() if v is not None or k == "date"}


# ---- registry ---------------------------------------------------------------------------
@lru_cache(maxsize=4)
def _registry(path: str) -> tuple[dict, ...]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError):
        return ()
    return tuple(d for d in data if isinstance(d, dict) and d.get("id"))


def registry(path: Path | None = None) -> list[dict]:
    """The guidance documents known to the project (corpus/registry.yaml)."""
    return list(_registry(str(path or CORPUS_DIR / "registry.yaml")))


def lookup(mention: str) -> dict | None:
    """The registry record for an id ("12-HD/BTCTW") or key ("HD:12"), if any."""
    for rec in registry():
        parsed = docnumbers.parse_id(rec["id"])
        keys = {rec["id"].upper()} | {a.upper() for a in rec.get("aliases", [])}
        if parsed:
            keys.add(parsed.key.upper())
        if mention.upper() in keys:
            return rec
    return None


def linked_mentions(text: str) -> list[str]:
    """Registry ids of the documents `text` mentions, in order of first mention."""
    out: list[str] = []
    for n in docnumbers.find(text):
        rec = lookup(n.id) or lookup(n.key)
        if rec and rec["id"] not in out:
            out.append(rec["id"])
    return out
