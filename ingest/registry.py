"""The registry of guidance documents: facts the project knows (number, date, issuer, title, which
newer guidance exists), from `corpus/registry.yaml`, and mention resolution against it.

Numbers restart with each term, so "01-HD/TW" of 2021 and "01-HD/TW" of 2026 are two documents:
a record is (number, year); a mention is resolved by the date written with it ("Hướng dẫn số
01-HD/TW, ngày 28/9/2021"), by a year nearby, or stays ambiguous — and is then said to be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ingest import docnumbers
from ingest.settings import CORPUS_DIR

REGISTRY_FILE = CORPUS_DIR / "registry.yaml"


@lru_cache(maxsize=4)
def _registry(path: str) -> tuple[dict, ...]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError):
        return ()
    return tuple(d for d in data if isinstance(d, dict) and d.get("id"))


def registry(path: Path | None = None) -> list[dict]:
    """The guidance documents known to the project (corpus/registry.yaml)."""
    return list(_registry(str(path or REGISTRY_FILE)))


def year_of(rec: dict) -> str | None:
    date = str(rec.get("date") or "")
    return date[:4] if date[:4].isdigit() else None


def ref(rec: dict) -> str:
    """A record's unique reference: its number, or "01-HD/TW@2021" when the number was reused."""
    shared = sum(1 for other in registry() if other["id"] == rec["id"]) > 1
    return f"{rec['id']}@{year_of(rec)}" if shared and year_of(rec) else rec["id"]


def _keys(rec: dict) -> set[str]:
    parsed = docnumbers.parse_id(rec["id"])
    keys = {rec["id"].upper()} | {a.upper() for a in rec.get("aliases", [])}
    if parsed:
        keys.add(parsed.key.upper())
    return keys


@lru_cache(maxsize=4)
def _by_key(path: str) -> dict[str, tuple[dict, ...]]:
    """Each key of the registry's records (number, aliases, parsed key), with its records in
    registry order: a question's mentions are resolved twice per answer (gate and notices)."""
    out: dict[str, list[dict]] = {}
    for rec in _registry(path):
        for key in _keys(rec):
            out.setdefault(key, []).append(rec)
    return {key: tuple(recs) for key, recs in out.items()}


def candidates(mention: str) -> list[dict]:
    """Every record a mention ("01-HD/TW", "HD:1", "294-QĐ/TW@2025") may mean."""
    number, _, year = mention.partition("@")
    found = list(_by_key(str(REGISTRY_FILE)).get(number.upper(), ()))
    if year:
        found = [rec for rec in found if year_of(rec) == year]
    return found


@dataclass
class Resolved:
    record: dict | None  # the one record meant, when it can be told
    choices: list[dict] = field(default_factory=list)  # all records the number may mean

    @property
    def ambiguous(self) -> bool:
        return self.record is None and len(self.choices) > 1


def resolve(mention: str, date: str | None = None, context: str = "") -> Resolved:
    """The record a mention means, told apart by its date or by a year in `context`."""
    found = candidates(mention)
    if len(found) <= 1:
        return Resolved(found[0] if found else None, found)
    years = set(re.findall(r"\b(19\d\d|20\d\d)\b", context))
    if date:
        years = {date[:4]}
    matched = [rec for rec in found if year_of(rec) in years]
    return Resolved(matched[0] if len(matched) == 1 else None, found)


def lookup(mention: str, date: str | None = None) -> dict | None:
    """The registry record for an id or key, when the mention means exactly one."""
    return resolve(mention, date).record


def linked_mentions(text: str) -> list[str]:
    """References ("12-HD/BTCTW", "01-HD/TW@2021") of the documents `text` mentions, in order of first mention;
    a mention that could mean several records is resolved by the date written with it."""
    out: list[str] = []
    for n in docnumbers.find(text):
        window = text[max(0, n.start - 20) : n.end + 40]
        rec = resolve(n.id, n.date, window).record or resolve(n.key, n.date, window).record
        if rec and ref(rec) not in out:
            out.append(ref(rec))
    return out


def label(rec: dict) -> str:
    """ "Hướng dẫn 01-HD/TW ngày 28/09/2021" (or "năm 2026" when only the year is known)."""
    date = str(rec.get("date") or "")
    when = ""
    if len(date) == 10:
        y, m, d = date.split("-")
        when = f" ngày {d}/{m}/{y}"
    elif date[:4].isdigit():
        when = f" năm {date[:4]}"
    return f"{rec.get('type', 'Văn bản')} {rec['id']}{when}"
