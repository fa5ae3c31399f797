"""The header of a Party (or State) document: issuing body, number, place and date, type, trích yếu.

Thể thức văn bản của Đảng: top left the issuing body under its parent ("BAN CHẤP HÀNH TRUNG ƯƠNG"
/ "BAN TỔ CHỨC"), a "*", "Số 294-QĐ/TW"; top right "ĐẢNG CỘNG SẢN VIỆT NAM" and "Hà Nội, ngày 26
tháng 5 năm 2025"; centred the type (QUY ĐỊNH, HƯỚNG DẪN, …) and the trích yếu. In PDFs the two
columns often arrive interleaved or on one line, so fields are found by their shape, not their
position. Capitals are re-cased from the document's own body ("ĐIỀU LỆ ĐẢNG" → "Điều lệ Đảng").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.textnorm import normalize

# Type words → how a title writes them. Longest first when matching ("QUYẾT ĐỊNH" ≠ "QUY ĐỊNH").
DOC_TYPES = {
    "QUY ĐỊNH": "Quy định",
    "HƯỚNG DẪN": "Hướng dẫn",
    "CHỈ THỊ": "Chỉ thị",
    "NGHỊ QUYẾT": "Nghị quyết",
    "KẾT LUẬN": "Kết luận",
    "QUYẾT ĐỊNH": "Quyết định",
    "KẾ HOẠCH": "Kế hoạch",
    "BÁO CÁO": "Báo cáo",
    "ĐIỀU LỆ": "Điều lệ",
    "THÔNG BÁO": "Thông báo",
    "CÔNG VĂN": "Công văn",
    "THÔNG TRI": "Thông tri",
    "ĐỀ ÁN": "Đề án",
    "CHƯƠNG TRÌNH": "Chương trình",
    "QUY CHẾ": "Quy chế",
    "TỜ TRÌNH": "Tờ trình",
    "ĐỀ CƯƠNG": "Đề cương",
    "LUẬT": "Luật",
    "NGHỊ ĐỊNH": "Nghị định",
    "THÔNG TƯ": "Thông tư",
}
# Types whose trích yếu is a subject ("về …"); the others are names ("Điều lệ Đảng …", "Luật Đất đai").
_ABOUT = {"QUY ĐỊNH", "HƯỚNG DẪN", "CHỈ THỊ", "NGHỊ QUYẾT", "KẾT LUẬN", "QUYẾT ĐỊNH", "THÔNG BÁO", "CÔNG VĂN",
          "THÔNG TRI", "NGHỊ ĐỊNH", "THÔNG TƯ"}  # fmt: skip
_TYPE_RE = re.compile(r"^(" + "|".join(sorted(map(re.escape, DOC_TYPES), key=len, reverse=True)) + r")(?:\s+|$)(.*)$")
_NATIONAL = re.compile(
    r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|"
    r"Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc",
    re.IGNORECASE,
)
# "Số 294-QĐ/TW", "Số: 06-HD/TW", "Số      - HD/BTCTU" (a draft: the number left blank)
_PARTY_NUMBER = re.compile(
    r"\bSố\s*:?\s*(\d{0,5})\s*[-–]\s*([A-ZĐ][A-ZĐa-zđ]{0,4})\s*/\s*([A-ZĐ][A-ZĐa-zđ0-9&]{0,14})", re.UNICODE
)
# State documents: "Số: 45/2019/QH14", "Số: 123/2020/NĐ-CP", "Luật số: 31/2024/QH15"
_STATE_NUMBER = re.compile(r"\b[Ss]ố\s*:?\s*(\d{1,5}/\d{4}/[A-ZĐ0-9][A-ZĐ0-9-]{1,15})")
_DATE = re.compile(
    r"ngày\s*(\d{1,2})?\s*(?:[-/.…_\s]*)tháng\s*(\d{1,2})?\s*(?:[-/.…_\s]*)năm\s*(\d{4})", re.IGNORECASE
)
_PLACE = re.compile(r"((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ.]*\.?\s+){0,5}[A-ZĐÀ-Ỹ][\wÀ-ỹ.]*)\s*,\s*ngày", re.UNICODE)
# Words that open an organisation's name in the issuing block.
_UNIT = re.compile(
    r"(?<!\w)(BAN CHẤP HÀNH|BAN THƯỜNG VỤ|BAN(?! CHẤP| THƯỜNG)|ĐẢNG BỘ|ĐẢNG ỦY|ĐẢNG UỶ|ĐẢNG ĐOÀN|THÀNH ỦY|THÀNH UỶ|"
    r"TỈNH ỦY|TỈNH UỶ|HUYỆN ỦY|HUYỆN UỶ|QUẬN ỦY|QUẬN UỶ|THỊ ỦY|THỊ UỶ|CHI BỘ|CHI ỦY|CHI UỶ|ỦY BAN|UỶ BAN|"
    r"VĂN PHÒNG|BỘ CHÍNH TRỊ|ĐẠI HỘI|HỘI ĐỒNG|QUỐC HỘI|CHÍNH PHỦ|BỘ(?= [A-ZĐ])|SỞ|TRUNG TÂM)(?!\w)"
)
# Where the body starts: the preamble formulas and the first numbered block.
_BODY = re.compile(
    r"^(?:[-–+]\s*)?(?:Căn\s+cứ|Thực\s+hiện|Để|Nhằm|Qua|Trong|Ngày|Xét|Theo|Tiếp\s+tục|Sau\s+khi)\b|"
    r"^(?:\d{1,3}\.|[IVXLC]{1,6}\.|Chương\s|CHƯƠNG\s|Điều\s+\d|ĐIỀU\s+\d|Phần\s|PHẦN\s)"
)
# Signing block at the end: "T/M BAN BÍ THƯ", "K/T TRƯỞNG BAN", "TM. BAN THƯỜNG VỤ"
_SIGN = re.compile(r"^(T/M|TM\.?|K/T|KT\.?|Q\.|TL\.?|T/L)\s+(.+)$")


@dataclass
class Header:
    doc_type: str | None = None  # "QUY ĐỊNH"
    number: str | None = None  # "294-QĐ/TW"; None when left blank in a draft
    number_form: str | None = None  # "-HD/BTCTU" when the number is blank
    issuer: str | None = None  # "Ban Bí thư"
    parent: str | None = None  # "Ban Chấp hành Trung ương"
    place: str | None = None
    date: str | None = None  # ISO; "2025-11" or "2025" when the day or month is blank
    subject: str | None = None  # trích yếu, re-cased
    body_start: int = 0  # index of the first paragraph after the header
    signed_for: str | None = None  # "Ban Bí thư" from "T/M BAN BÍ THƯ"
    notes: list[str] = field(default_factory=list)

    @property
    def type_label(self) -> str | None:
        return DOC_TYPES.get(self.doc_type or "")

    @property
    def title(self) -> str | None:
        """Type + number + trích yếu: "Quy định 294-QĐ/TW về thi hành Điều lệ Đảng"."""
        if not self.type_label:
            return None
        parts = [self.type_label]
        if self.number:
            parts.append(self.number)
        elif self.number_form:
            parts.append(f"…{self.number_form}")
        subject = (self.subject or "").strip()
        if subject:
            if self.doc_type in _ABOUT and not re.match(r"(?i)^(về|v/v)\b", subject):
                subject = "về " + subject
            elif re.match(r"^Về\b", subject):
                subject = "v" + subject[1:]
            parts.append(subject)
        return " ".join(parts)


def _iso(day: str | None, month: str | None, year: str) -> str:
    if month and day:
        return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    if month:
        return f"{int(year):04d}-{int(month):02d}"
    return year


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


class Recaser:
    """Re-case capitals as the document's own body writes the same words."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.low = body.lower()

    def phrase(self, caps: str, name: bool = False) -> str:
        """ "BAN TUYÊN GIÁO VÀ DÂN VẬN" → "Ban Tuyên giáo và Dân vận" when the body says so;
        words the body never writes fall back to lower case, the first one capitalised. In an
        organisation's `name`, words after a place word ("TỈNH NGHỆ AN") are a place: title case."""
        words = caps.split()
        out: list[str] = []
        i = 0
        place = False
        while i < len(words):
            for n in range(min(6, len(words) - i), 0, -1):
                piece = " ".join(words[i : i + n])
                found = NAMES.get(piece.upper()) or self._find(piece)
                if found:
                    out += found.split()
                    i += n
                    break
            else:
                word = words[i]
                out.append(word.capitalize() if name and place else word.lower())
                i += 1
            place = place or (name and out[-1].lower() in _PLACE_WORDS)
        text = " ".join(out)
        return text[:1].upper() + text[1:] if text else text

    def _find(self, phrase: str) -> str | None:
        """The body's spelling of a phrase, from an occurrence that does not open a sentence."""
        key = phrase.lower()
        if len(key) < 2:
            return None
        i = self.low.find(key)
        while i >= 0:
            end = i + len(key)
            whole = (i == 0 or not self.low[i - 1].isalnum()) and (end >= len(self.low) or not self.low[end].isalnum())
            opens = i == 0 or bool(re.search(r"(^|[.!?:;\n(\"'“-])\s*$", self.body[max(0, i - 3) : i]))
            found = self.body[i:end]
            if whole and not opens and not self._in_capitals(found, i, end):
                return found
            i = self.low.find(key, i + 1)
        return None


    def _in_capitals(self, found: str, i: int, end: int) -> bool:
        """A heading in capitals tells nothing of a spelling; a short abbreviation among lower-case
        words ("TW", "BCH") does."""
        if not _is_caps(found):
            return False
        if len(found.replace(" ", "")) > 5:
            return True
        before = self.body[max(0, i - 20) : i].split()[-1:]
        after = self.body[end : end + 20].split()[:1]
        return any(_is_caps(w) and len(w) > 1 for w in before + after)


# How official names are written (Quy định về thể thức văn bản của Đảng); the body's own spelling
# decides every other word.
NAMES = {
    n.upper(): n
    for n in (
        "Ban Chấp hành Trung ương", "Ban Chấp hành", "Ban Thường vụ", "Bộ Chính trị", "Ban Bí thư", "Trung ương",
        "Ban Tổ chức", "Ban Tuyên giáo và Dân vận", "Ban Tuyên giáo", "Ban Dân vận", "Ban Nội chính", "Ban Kinh tế",
        "Ủy ban Kiểm tra", "Uỷ ban Kiểm tra", "Văn phòng", "Đảng ủy Khối", "Quốc hội", "Chính phủ",
        "Đại hội đại biểu toàn quốc", "Đảng Cộng sản Việt Nam", "Điều lệ Đảng", "Mặt trận Tổ quốc Việt Nam",
    )
}  # fmt: skip
_PLACE_WORDS = {"tỉnh", "huyện", "quận", "xã", "phường", "thị", "trấn", "phố", "thôn", "bản", "ấp", "ủy", "uỷ", "khu"}


def _units(caps: str) -> list[str]:
    """Split an issuing block into organisation names at the words that open one.

    >>> _units("BAN CHẤP HÀNH TRUNG ƯƠNG BAN TUYÊN GIÁO VÀ DÂN VẬN")
    ['BAN CHẤP HÀNH TRUNG ƯƠNG', 'BAN TUYÊN GIÁO VÀ DÂN VẬN']
    >>> _units("THÀNH ỦY HÀ NỘI BAN TỔ CHỨC")
    ['THÀNH ỦY HÀ NỘI', 'BAN TỔ CHỨC']
    >>> _units("BAN CHẤP HÀNH ĐẢNG BỘ TỈNH NGHỆ AN")
    ['BAN CHẤP HÀNH ĐẢNG BỘ TỈNH NGHỆ AN']
    """
    starts = [m.start() for m in _UNIT.finditer(caps)]
    cuts = [0]
    for s in starts:
        if s == 0:
            continue
        before = caps[cuts[-1] : s].strip()
        if before in ("BAN CHẤP HÀNH", "BAN THƯỜNG VỤ", "ỦY BAN", "UỶ BAN") or len(before.split()) < 2:
            continue  # "BAN CHẤP HÀNH ĐẢNG BỘ …": one name
        cuts.append(s)
    return [caps[a:b].strip(" -*") for a, b in zip(cuts, cuts[1:] + [len(caps)]) if caps[a:b].strip(" -*")]


def parse_header(paragraphs: list[str], body: str | None = None) -> Header | None:
    """The header of an official document, or None when the text does not open like one."""
    head = [normalize(p) for p in paragraphs[:40]]
    h = Header()
    recase = Recaser(body if body is not None else "\n".join(paragraphs))
    type_at = None
    issuing: list[str] = []
    for i, p in enumerate(head):
        m = _TYPE_RE.match(p)
        if m and _is_caps(m.group(1)) and (not m.group(2) or _is_caps(m.group(2))):
            type_at = i
            h.doc_type = m.group(1)
            break
        if i >= 20:
            break
    if type_at is None:
        return None
    top = " ¶ ".join(head[:type_at])
    national = bool(_NATIONAL.search(top))
    number = _PARTY_NUMBER.search(top)
    if number:
        if number.group(1):
            h.number = f"{number.group(1)}-{number.group(2)}/{number.group(3)}"
        else:
            h.number_form = f"-{number.group(2)}/{number.group(3)}"
    else:
        state = _STATE_NUMBER.search(top)
        if state:
            h.number = state.group(1)
    date = _DATE.search(top)
    if date:
        h.date = _iso(date.group(1), date.group(2), date.group(3))
        place = _PLACE.search(top[: date.end()])
        if place:
            words = place.group(1).split()
            while words and (_is_caps(words[0]) and len(words[0]) > 1 and not words[0].istitle()):
                words.pop(0)  # "VIỆT NAM Hà Nội": the capitals belong to the line beside it
            h.place = " ".join(words) or None
    if not (national or h.number or h.number_form or h.date) and type_at > 0:
        return None  # capitals at the top of a page that is not a document header
    # The issuing block: capitals before the national line, the star and the number.
    for p in head[:type_at]:
        text = _NATIONAL.sub(" ", p)
        text = _PARTY_NUMBER.sub(" ", text)
        text = _STATE_NUMBER.sub(" ", text)
        if date and _DATE.search(text):
            text = text[: _PLACE.search(text).start()] if _PLACE.search(text) else _DATE.sub(" ", text)
        text = text.replace("*", " ").replace("¶", " ").strip(" -–_")
        caps = " ".join(w for w in text.split() if _is_caps(w) or w in ("&",))
        if caps and len(caps) >= 3:
            issuing.append(caps)
    units = _units(" ".join(issuing)) if issuing else []
    if units:
        h.issuer = recase.phrase(units[-1], name=True)
        if len(units) > 1:
            h.parent = recase.phrase(" ".join(units[:-1]), name=True)
    # The type line may carry the trích yếu; further lines in capitals or opening with "về" too.
    rest = _TYPE_RE.match(head[type_at]).group(2).strip()
    subject = [rest] if rest else []
    i = type_at + 1
    while i < len(head) and len(subject) < 4:
        p = head[i]
        if p.startswith("(") or _BODY.match(p) or p in ("*",) or not (_is_caps(p) or re.match(r"(?i)^(về|v/v)\b", p)):
            break
        subject.append(p)
        i += 1
    h.body_start = i
    if subject:
        raw = " ".join(subject)
        h.subject = _recase_subject(raw, recase) if _is_caps(raw) else raw
    h.signed_for = _signed_for(paragraphs, recase)
    if h.signed_for and not re.match(r"(?i)^(trưởng|phó|bí thư|chủ tịch|giám đốc)", h.signed_for):
        h.issuer = h.signed_for  # "T/M BAN BÍ THƯ": the Secretariat issues it under the CC's header
    return h


def _recase_subject(caps: str, recase: Recaser) -> str:
    """A trích yếu reads on from its type: "về thi hành Điều lệ Đảng", lower case unless the body
    writes its first words as a name ("Đảng Cộng sản Việt Nam")."""
    text = recase.phrase(caps)
    first = " ".join(caps.split()[:2])
    spelled = recase._find(first)
    if not (spelled and spelled[:1].isupper()):
        text = text[:1].lower() + text[1:]
    return text


def _signed_for(paragraphs: list[str], recase: Recaser) -> str | None:
    for p in paragraphs[-15:]:
        m = _SIGN.match(p.strip())
        if m and _is_caps(m.group(2)):
            return recase.phrase(m.group(2), name=True)
    return None
