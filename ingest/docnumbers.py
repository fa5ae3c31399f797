"""Recognise party-document numbers in text and queries and link them to one record.

Full numbers ("Hướng dẫn số 12-HD/BTCTW", "10-CT / TW", "Quyết định số 2403-QĐ/HU ngày 22-7-2019")
give an id with type, issuer and date; short mentions ("Hướng dẫn 12", "HD12", "chỉ thị 10",
"Đề án 2403") give a type and number only, which `key` matches against full ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ingest.textnorm import fold, normalize

# Written type name → abbreviation used in document numbers.
TYPE_NAMES = {
    "nghị quyết": "NQ",
    "chỉ thị": "CT",
    "hướng dẫn": "HD",
    "quyết định": "QĐ",
    "quy định": "QĐ",
    "kế hoạch": "KH",
    "đề án": "ĐA",
    "kết luận": "KL",
    "thông báo": "TB",
    "công văn": "CV",
    "báo cáo": "BC",
    "thông tri": "TT",
    "chương trình": "CTr",
}
TYPE_LABELS = {
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
    "HD": "Hướng dẫn",
    "QĐ": "Quyết định",
    "KH": "Kế hoạch",
    "ĐA": "Đề án",
    "KL": "Kết luận",
    "TB": "Thông báo",
    "CV": "Công văn",
    "BC": "Báo cáo",
    "TT": "Thông tri",
    "CTr": "Chương trình",
}
_ABBR = "NQLT|NQ|CTr|CT|HD|QĐi|QĐ|QD|KH|ĐA|DA|KL|TB|CV|BC|TT"
_FOLDED_TYPES = {fold(k): v for k, v in TYPE_NAMES.items()}
_TYPE_WORDS = "|".join(
    sorted({re.escape(k) for k in TYPE_NAMES} | {re.escape(k) for k in _FOLDED_TYPES}, key=len, reverse=True)
)

_DATE = r"(?:,?\s*ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))?"
_FULL = re.compile(
    rf"(?:\b({_TYPE_WORDS})\s+)?(?:số\s+|so\s+)?\b(\d{{1,5}})\s*[-–]\s*({_ABBR})\s*/\s*([A-ZĐ][A-ZĐa-z0-9]{{0,11}})\b{_DATE}",
    re.IGNORECASE,
)
_SHORT_NAMED = re.compile(rf"\b({_TYPE_WORDS})\s+(?:số\s+|so\s+)?(\d{{1,5}})\b(?!\s*[-–/]\s*[A-ZĐa-zđ])", re.IGNORECASE)
_SHORT_ABBR = re.compile(rf"\b({_ABBR})\s*[-.]?\s*(\d{{1,5}})\b(?!\s*[-–/])", re.IGNORECASE)


@dataclass(frozen=True)
class DocNumber:
    number: str
    type: str  # abbreviation: HD, CT, NQ, QĐ, ĐA…
    issuer: str | None = None
    date: str | None = None  # ISO date when the text gives one
    start: int = 0
    end: int = 0

    @property
    def id(self) -> str:
        """Normalised id, "12-HD/BTCTW", or "12-HD" when the issuer is not given."""
        return f"{self.number}-{self.type}/{self.issuer}" if self.issuer else f"{self.number}-{self.type}"

    @property
    def key(self) -> str:
        """Type and number without leading zeros: what a short mention ("Hướng dẫn 12") can match."""
        return f"{self.type}:{int(self.number)}"


def _type_abbr(word: str) -> str:
    word = word.strip()
    upper = word.upper()
    fixed = {"QD": "QĐ", "DA": "ĐA", "QĐI": "QĐ", "CTR": "CTr"}
    if upper in fixed:
        return fixed[upper]
    if upper in {a.upper() for a in _ABBR.split("|")}:
        return next(a for a in _ABBR.split("|") if a.upper() == upper)
    return TYPE_NAMES.get(word.lower()) or _FOLDED_TYPES.get(fold(word), upper)


def _iso(d: str | None, m: str | None, y: str | None) -> str | None:
    if not (d and m and y):
        return None
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def find(text: str) -> list[DocNumber]:
    """All document numbers in `text`, full forms first, in order of appearance.

    >>> [n.id for n in find("theo Hướng dẫn số 12-HD/BTCTW và Chỉ thị 10-CT / TW")]
    ['12-HD/BTCTW', '10-CT/TW']
    >>> find("Quyết định số 2403-QĐ/HU ngày 22-7-2019")[0].date
    '2019-07-22'
    >>> [n.key for n in find("Hướng dẫn 12, HD12 và đề án 2403")]
    ['HD:12', 'HD:12', 'ĐA:2403']
    """
    text = normalize(text)
    found: list[DocNumber] = []
    taken: list[tuple[int, int]] = []
    for m in _FULL.finditer(text):
        found.append(
            DocNumber(
                number=m.group(2),
                type=_type_abbr(m.group(3)),
                issuer=m.group(4).upper(),
                date=_iso(m.group(5), m.group(6), m.group(7)),
                start=m.start(),
                end=m.end(),
            )
        )
        taken.append((m.start(), m.end()))

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for pattern in (_SHORT_NAMED, _SHORT_ABBR):
        for m in pattern.finditer(text):
            if free(m.start(), m.end()):
                found.append(DocNumber(number=m.group(2), type=_type_abbr(m.group(1)), start=m.start(), end=m.end()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda n: n.start)


def parse_id(doc_id: str) -> DocNumber | None:
    """Parse a normalised id such as "12-HD/BTCTW" or "724-QĐ"."""
    m = re.fullmatch(rf"(\d{{1,5}})-({_ABBR})(?:/(\S+))?", doc_id.strip(), re.IGNORECASE)
    if not m:
        return None
    return DocNumber(number=m.group(1), type=_type_abbr(m.group(2)), issuer=m.group(3))
