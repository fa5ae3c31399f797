"""The question cues of `assistant/cues.toml`, compiled once: `Cues.match(name, question)`.

Each group's folded fragments are matched on the folded question (typed with or without
diacritics alike); its `as_written` fragments, kept for words whose folded form is a common other
word, on the question as typed, in lower case.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest import textnorm

CUES_FILE = Path(__file__).with_name("cues.toml")
_DEFAULT_PATTERN = r"\b(?:{cues})\b"


@dataclass(frozen=True)
class Cue:
    name: str
    folded: re.Pattern | None
    as_written: re.Pattern | None
    source: str

    def search(self, question: str, folded: str | None = None) -> bool:
        """Whether the question holds the cue (`folded`: the question folded, if already known)."""
        if self.folded is not None and self.folded.search(textnorm.fold(question) if folded is None else folded):
            return True
        return self.as_written is not None and bool(self.as_written.search(textnorm.normalize(question).lower()))

    def cut(self, question: str) -> str:
        """The question without the cue's matches ("Còn X thì sao?" → "X"). Folding keeps an
        NFC text's length (one letter per letter), so a match on the folded text cuts the text as typed."""
        spans = []
        if self.folded is not None:
            folded = textnorm.fold(question)
            if len(folded) == len(question):
                spans += [m.span() for m in self.folded.finditer(folded)]
        if self.as_written is not None:
            spans += [m.span() for m in self.as_written.finditer(question.lower())]
        for a, b in sorted(spans, reverse=True):
            question = question[:a] + question[b:]
        return question


def _compile(name: str, spec: dict) -> Cue:
    cues = spec.get("cues", [])
    for c in cues:
        if textnorm.fold(c) != c:
            raise ValueError(f"cues.toml [{name}]: cue {c!r} must be written folded ({textnorm.fold(c)!r})")
    pattern = spec.get("pattern", _DEFAULT_PATTERN)
    folded = None
    if cues or "{cues}" not in pattern:
        folded = re.compile(pattern.replace("{cues}", "|".join(cues)))
    written = spec.get("as_written", [])
    as_written = re.compile(pattern.replace("{cues}", "|".join(written))) if written else None
    return Cue(name, folded, as_written, spec.get("from", ""))


@lru_cache(maxsize=1)
def load(path: Path = CUES_FILE) -> dict[str, Cue]:
    """Every cue group of the file, compiled."""
    with open(path, "rb") as f:
        data = tomllib.load(f)
    return {name: _compile(name, spec) for name, spec in data.items()}


def cue(name: str) -> Cue:
    return load()[name]


def match(name: str, question: str, folded: str | None = None) -> bool:
    """Whether `question` holds a cue of group `name`.

    >>> match("asks_duration", "Thoi gian du bi bao lau?"), match("wants_number", "Tổ chức bộ máy gồm gì?")
    (True, False)
    """
    return cue(name).search(question, folded)


def kinds_asked(question: str, folded: str | None = None) -> set[str]:
    """The kinds of answer a question asks for: the groups "asks_<kind>" it holds a cue of.

    >>> sorted(kinds_asked("Cấp nào quyết định, trong thời hạn bao lâu?"))
    ['authority', 'duration']
    """
    folded = textnorm.fold(question) if folded is None else folded
    return {name[5:] for name, c in load().items() if name.startswith("asks_") and c.search(question, folded)}
