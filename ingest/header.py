"""The header of a Party (or State) document: issuing body, number, place and date, type, trích yếu.

Thể thức văn bản của Đảng: top left the issuing body under its parent ("BAN CHẤP HÀNH TRUNG ƯƠNG"
/ "BAN TỔ CHỨC"), a "*", "Số 294-QĐ/TW"; top right "ĐẢNG CỘNG SẢN VIỆT NAM" and "Hà Nội, ngày 26
tháng 5 năm 2025"; centred the type (QUY ĐỊNH, HƯỚNG DẪN, …) and the trích yếu. In PDFs the two
columns often arrive interleaved or on one line, so fields are found by their shape, not their
position. Capitals are re-cased from the document's own body ("ĐIỀU LỆ ĐẢNG" → "Điều lệ Đảng").

Documents nobody here has seen are read by the same signals: the trích yếu may be typed in sentence
case, wrap over lines, share a line with the type or run into the next paragraph ("…2027-----Căn cứ");
a department is named with the committee above it ("TỈNH ỦY NGHỆ AN / BAN TỔ CHỨC" → "Ban Tổ chức
Tỉnh ủy Nghệ An"); a cell's own papers with no Party header (a notice, minutes, a resolution) take
their heading or first sentence as title, their type from what they say, their date from the
"<place>, ngày … tháng … năm …" line and their issuer from the body that speaks in the first sentence.
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
    "BIÊN BẢN": "Biên bản",
}
# Rule texts, cited with their subject: "Quy định … về thi hành Điều lệ Đảng".
_ABOUT = {"QUY ĐỊNH", "CHỈ THỊ", "NGHỊ QUYẾT", "KẾT LUẬN", "QUYẾT ĐỊNH", "THÔNG TRI", "NGHỊ ĐỊNH", "THÔNG TƯ"}
# Types whose trích yếu says what they do ("Hướng dẫn công tác phát triển đảng viên", "Thông báo
# kết luận kiểm tra …") or, opening with a quantifier, what they are about ("Hướng dẫn về một số vấn
# đề …"). Kế hoạch, Báo cáo, Chương trình, Đề cương, Biên bản and names (Điều lệ, Luật) read on directly.
_ACTS = {"HƯỚNG DẪN", "THÔNG BÁO", "CÔNG VĂN"}
_TOPIC = re.compile(r"^(một số|những|các|vấn đề)\b", re.IGNORECASE)
# A trích yếu that opens with a body's name is a name: "Nghị quyết Chi bộ thôn Đông tháng 4", "Nghị
# quyết Đại hội đại biểu Đảng bộ tỉnh …".
_NAMED = re.compile(
    r"^(chi bộ|đảng bộ|đảng ủy|chi ủy|đại hội|hội nghị|ban chấp hành|ban thường vụ|bộ chính trị|ban bí thư|"
    r"(?:tỉnh|thành|huyện|quận|thị) ủy)\b",
    re.IGNORECASE,
)
# Types a cell or committee directs with (the library's "guidance"); minutes and outlines are not.
_GUIDANCE_TYPES = {"QUY ĐỊNH", "HƯỚNG DẪN", "CHỈ THỊ", "NGHỊ QUYẾT", "KẾT LUẬN", "QUYẾT ĐỊNH", "KẾ HOẠCH", "ĐIỀU LỆ",
                   "THÔNG TRI", "ĐỀ ÁN", "CHƯƠNG TRÌNH", "QUY CHẾ", "LUẬT", "NGHỊ ĐỊNH", "THÔNG TƯ"}  # fmt: skip
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
# The gaps may hold dots or dashes of a blank ("ngày … tháng 3"), a line break of the right column
# ("năm ¶ 2025") or what OCR makes of it ("năm : 2025").
_DATE = re.compile(
    r"ngày\s*(\d{1,2})?\s*(?:[-/.…_:\s¶]*)tháng\s*(\d{1,2})?\s*(?:[-/.…_:\s¶]*)năm\s*[:.¶\s]*(\d{4})", re.IGNORECASE
)
_PLACE = re.compile(r"((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ.]*\.?\s+){0,5}[A-ZĐÀ-Ỹ][\wÀ-ỹ.]*)\s*,\s*ngày", re.UNICODE)
# Words that open an organisation's name in the issuing block.
_UNIT = re.compile(
    r"(?<!\w)(BAN CHẤP HÀNH|BAN THƯỜNG VỤ|BAN(?! CHẤP| THƯỜNG)|ĐẢNG BỘ|ĐẢNG ỦY|ĐẢNG UỶ|ĐẢNG ĐOÀN|THÀNH ỦY|THÀNH UỶ|"
    r"TỈNH ỦY|TỈNH UỶ|HUYỆN ỦY|HUYỆN UỶ|QUẬN ỦY|QUẬN UỶ|THỊ ỦY|THỊ UỶ|CHI BỘ|CHI ỦY|CHI UỶ|ỦY BAN|UỶ BAN|"
    r"VĂN PHÒNG|BỘ CHÍNH TRỊ|ĐẠI HỘI|HỘI ĐỒNG|QUỐC HỘI|CHÍNH PHỦ|BỘ(?= [A-ZĐ])|SỞ|TRUNG TÂM)(?!\w)"
)
# Openings of a letter's address and of minutes.
_OPENS = r"(?:Kính\s+gửi|Hôm\s+nay|Vào\s+(?:lúc|hồi)\s)"
# Where the body starts: the preamble formulas and the first numbered block.
_BODY = re.compile(
    r"^(?:[-–+]\s*)?(?:Căn\s+cứ|Thực\s+hiện|Để|Nhằm|Qua|Trong|Ngày|Xét|Theo|Tiếp\s+tục|Sau\s+khi)\b|"
    r"^(?:\d{1,3}\.|[IVXLC]{1,6}\.|Chương\s|CHƯƠNG\s|Điều\s+\d|ĐIỀU\s+\d|Phần\s|PHẦN\s)|" + r"^" + _OPENS
)
# What never starts a trích yếu, even as its first line: a list item, a numbered part, the preamble
# "Căn cứ …", the address of a letter, the opening of minutes, the signing and distribution blocks.
_NOT_SUBJECT = re.compile(
    r"^(?:[-–+•]\s|\(|\d{1,3}[.)]\s|[IVXLC]{1,6}[.)]\s|Căn\s+cứ|Xét\s|Chương\s|CHƯƠNG\s|Điều\s+\d|ĐIỀU\s+\d|"
    r"Phần\s|PHẦN\s|Nơi\s+nhận|T/M|K/T|TM\.|KT\.)|^" + _OPENS
)
# The body glued onto the trích yếu's line: a rule ("…2027-----Căn cứ"), a preamble formula or the
# first sentence of minutes after a space, or a committee that starts speaking without a full stop
# ("… năm 2025 Chi ủy Chi bộ 7 thông báo …", as OCR joins a notice's lines).
_GLUED = re.compile(
    r"\s*[-–_=]{3,}\s*|\s+(?=(?:Căn\s+cứ|Thực\s+hiện|Kính\s+gửi|Hôm\s+nay|Vào\s+(?:lúc|hồi)\s|Xét\s+đề\s+nghị|"
    r"Ngày\s+\d{1,2}\b))"
)
_SPEAKS = (
    r"(?:thông báo|báo cáo|hướng dẫn|xây dựng|ban hành|tổ chức|tiến hành|quyết nghị|kết luận|đề nghị|yêu cầu|"
    r"triển khai|thống nhất|họp)"
)
_ACTOR_WORDS = (
    r"(?:Chi ủy|Chi bộ|Đảng ủy|Đảng bộ|Ban Thường vụ|Ban Chấp hành|Ban [A-ZĐÀ-Ỹ]\w*|Ủy ban Kiểm tra|Văn phòng|"
    r"(?:Tỉnh|Thành|Huyện|Quận|Thị) ủy)"
)
_GLUED_ACTOR = re.compile(r"\s+(?=" + _ACTOR_WORDS + r"\s[^.;:]{0,80}?\s" + _SPEAKS + r"\s)")
_PREPOSITION = re.compile(r"(?i)(?:của|với|đối|cho|tại|về|và|thuộc|trong|giữa|các|ở)$")
# The body that speaks in a document's first sentences: "Chi ủy Chi bộ Tổ dân phố 7 thông báo …",
# "…, Chi bộ thôn Đông quyết nghị:". Its name runs up to the verb.
_ACTOR = re.compile(r"(?:^|[,;:]\s*)(" + _ACTOR_WORDS + r"(?:\s+[^\s,.;:]+){0,9}?)\s+" + _SPEAKS + r"\b")
_SPEAKS_TYPE = {"thông báo": "THÔNG BÁO", "báo cáo": "BÁO CÁO", "hướng dẫn": "HƯỚNG DẪN", "quyết nghị": "NGHỊ QUYẾT",
                "kết luận": "KẾT LUẬN"}  # fmt: skip
# The place and date line, alone or ending a paragraph OCR joined: "Tổ dân phố 7, ngày 16 tháng 6 năm 2025".
_PLACE_DATE = re.compile(r"(?:^|[.;:]\s+)([^\W\d_][^,.;:]{0,40}),\s*(?=ngày\b)")
# Minutes say when the meeting opened: "Hôm nay, vào lúc 19 giờ 30 phút, ngày 05 tháng 3 năm 2025, …".
_MEETING = re.compile(r"^(?:Hôm\s+nay|Vào\s+(?:lúc|hồi)|Hồi|Thời\s+gian)\b", re.IGNORECASE)
# Lines of minutes: their parts and the people who run them.
_MINUTES = re.compile(r"(?im)^(?:[IVX]+\.\s*)?(?:thành phần|chủ trì|thư ký|địa điểm|thời gian)\b")
# An official letter has no type line: "Số 215-CV/VPQU" and "V/v …" (về việc) under it.
_VV = re.compile(r"(?:^|\s)V/v\s+(.+)$")
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
    headed: bool = True  # a Party or State header above the type; False for a cell's own notice or minutes
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
            if re.match(r"(?i)^v/v\b", subject):
                subject = "về việc" + subject[3:]
            elif re.match(r"^Về\b", subject):
                subject = "v" + subject[1:]
            elif _needs_about(self.doc_type, subject):
                subject = "về " + subject
            parts.append(subject)
        return " ".join(parts)

    @property
    def kind(self) -> str:
        """The library's kind: an outline (Đề cương), minutes and a cell's unheaded notice or report
        a plain document, every directive or any text under a Party header guidance."""
        return kind_for(self.doc_type, self.headed)


def kind_for(doc_type: str | None, headed: bool) -> str:
    if doc_type == "ĐỀ CƯƠNG":
        return "outline"
    if doc_type == "BIÊN BẢN":
        return "document"
    return "guidance" if headed or doc_type in _GUIDANCE_TYPES else "document"


def _needs_about(doc_type: str | None, subject: str) -> bool:
    """Whether the title puts "về" before the trích yếu (see `_ABOUT` and `_ACTS`)."""
    if re.match(r"(?i)^(về|của)\b", subject) or _NAMED.match(subject):
        return False
    if doc_type in _ABOUT:
        return True
    return doc_type in _ACTS and bool(_TOPIC.match(subject))


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
        organisation's `name`, words after a place word ("TỈNH NGHỆ AN") are a place: title case.
        Numbers and codes keep their form ("294-QĐ/TW", "2/9", "XIII")."""
        words = caps.split()
        out: list[str] = []
        i = 0
        place = False
        while i < len(words):
            for n in range(min(6, len(words) - i), 0, -1):
                piece = " ".join(words[i : i + n])
                found = (
                    NAMES.get(piece.upper())
                    or self._find(piece, generic=not name)
                    or (COMMITTEES.get(piece.upper()) if name else None)
                )
                if found:
                    out += found.split()
                    i += n
                    break
            else:
                word = words[i]
                if re.search(r"\d", word) or re.fullmatch(r"[IVXLC]{2,6}", word):
                    out.append(word)
                elif name and place and not _level(words, i):
                    out.append(word.capitalize())
                else:
                    out.append(word.lower())  # "Đảng ủy xã Diễn Châu": the level word stays lower case
                i += 1
            place = place or (name and out[-1].lower() in _PLACE_WORDS)
        text = " ".join(out)
        return text[:1].upper() + text[1:] if text else text

    def _find(self, phrase: str, generic: bool = False) -> str | None:
        """The body's spelling of a phrase, from an occurrence that does not open a sentence. A
        `generic` phrase (words of a trích yếu) is spelled as where it stands on its own, not inside
        a longer name: "sinh hoạt chi bộ" though the body also writes "Chi bộ thôn Phú Xuân"."""
        key = phrase.lower()
        if len(key) < 2:
            return None
        first = None
        i = self.low.find(key)
        while i >= 0:
            end = i + len(key)
            whole = (i == 0 or not self.low[i - 1].isalnum()) and (end >= len(self.low) or not self.low[end].isalnum())
            opens = i == 0 or bool(re.search(r"(^|[.!?:;\n(\"'“-])\s*$", self.body[max(0, i - 3) : i]))
            found = self.body[i:end]
            if whole and not opens and not self._in_capitals(found, i, end):
                if not generic or not found[:1].isupper() or not self._in_name(i, end):
                    return found
                first = first or found
            i = self.low.find(key, i + 1)
        return first

    def _in_name(self, i: int, end: int) -> bool:
        """Whether an occurrence sits in a longer name: a capitalised word just before it ("Bí thư
        Chi bộ"), or after it, directly or after a place word ("Chi bộ Khu phố 5", "Chi bộ thôn Đông")."""
        gap = re.search(r"([^\W\d_]+)\s+([^\W\d_]+)\s*$", self.body[max(0, i - 30) : i])
        before = [w for w in (gap.groups() if gap else ()) if w]
        after = re.findall(r"[^\W\d_]+|\d+", self.body[end : end + 40])[:2]
        named = lambda w: w[:1].isupper() or w.isdigit()  # noqa: E731
        if any(named(w) for w in before):
            return True
        if after and named(after[0]):
            return True
        return len(after) == 2 and after[0].lower() in _PLACE_WORDS and named(after[1])

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
# Committees as their names write them, for issuing bodies only: a trích yếu writes "cấp ủy", "đảng
# ủy cơ sở" in lower case as the body does.
COMMITTEES = {
    n.upper(): n
    for n in ("Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Đảng ủy", "Chi ủy", "Đảng bộ", "Chi bộ")
}
_LEVELS = {"tỉnh", "huyện", "quận", "xã", "phường", "thôn", "ấp"}


def _level(words: list[str], i: int) -> bool:
    """Whether words[i] names an administrative level ("xã", "thị trấn"), not part of a name ("Võ Thị Sáu")."""
    w = words[i].lower()
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    prev = words[i - 1].lower() if i else ""
    return w in _LEVELS or (w == "thị" and nxt in ("xã", "trấn")) or (w == "trấn" and prev == "thị")


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


def _type_line(p: str) -> re.Match | None:
    """A type word in capitals opening a line, alone or followed by the trích yếu: in capitals, in
    sentence case ("HƯỚNG DẪN Về việc …", as PDFs and OCR join the lines) or a rule."""
    m = _TYPE_RE.match(p)
    if not (m and _is_caps(m.group(1))):
        return None
    rest = m.group(2)
    if not rest or _is_caps(rest) or rest[:1].isupper() or re.match(r"[-–_=]{3,}", rest):
        return m
    return None


_COMMITTEE = re.compile(r"^(?:BAN CHẤP HÀNH\s+)?(?:(?:TỈNH|THÀNH|HUYỆN|QUẬN|THỊ|ĐẢNG|CHI) ỦY|ĐẢNG BỘ|CHI BỘ)\b")
_OWN_COMMITTEE = re.compile(r"(?:TỈNH|THÀNH|HUYỆN|QUẬN|THỊ|ĐẢNG|CHI) ỦY|ĐẢNG BỘ|CHI BỘ|TRUNG ƯƠNG")
_DEPARTMENT = re.compile(r"^(?:BAN(?! CHẤP HÀNH)|ỦY BAN|VĂN PHÒNG|TRUNG TÂM)\b")


def _issuer(units: list[str], recase: Recaser) -> tuple[str | None, str | None]:
    """(issuer, parent) from the names of the issuing block, the issuer last. A department or
    standing committee under a local committee is named with it: "THÀNH ỦY HÀ NỘI / BAN TỔ CHỨC" →
    "Ban Tổ chức Thành ủy Hà Nội"; one under the Central Committee keeps its own name."""
    if not units:
        return None, None
    issuer = recase.phrase(units[-1], name=True)
    parent = recase.phrase(" ".join(units[:-1]), name=True) if len(units) > 1 else None
    if len(units) > 1 and _DEPARTMENT.match(units[-1]) and not _OWN_COMMITTEE.search(units[-1]):
        above = units[-2]
        if _COMMITTEE.match(above) and not re.search(r"TRUNG ƯƠNG", above) and not above.startswith("ĐẢNG BỘ"):
            issuer = f"{issuer} {recase.phrase(above, name=True)}"
    return issuer, parent


def parse_header(paragraphs: list[str], body: str | None = None) -> Header | None:
    """The header of an official document, or None when the text does not open like one."""
    head = [normalize(p) for p in paragraphs[:40]]
    h = Header()
    recase = Recaser(body if body is not None else "\n".join(paragraphs))
    type_at = None
    top_end = None  # where the header's top ends: the type line, or a letter's "Kính gửi"
    subject_lines: list[str] = []
    for i, p in enumerate(head[:21]):
        m = _type_line(p)
        if m:
            type_at = top_end = i
            h.doc_type = m.group(1)
            break
    if type_at is None:
        letter = _letter(head)
        if letter is None:
            return None
        type_at, top_end, subject_lines = letter
        h.doc_type = "CÔNG VĂN"
    # A letter's top runs on past its "V/v" line (the right column comes after it in a text layer).
    top_lines = [_VV.sub("", p) for p in head[:top_end]] if h.doc_type == "CÔNG VĂN" else head[:top_end]
    top = " ¶ ".join(top_lines)
    national = bool(_NATIONAL.search(top))
    _number(h, top)
    date = _date_place(h, top)
    h.headed = bool(national or h.number or h.number_form or h.date)
    if not h.headed and type_at > 0:
        return None  # capitals at the top of a page that is not a document header
    issuing = _issuing_block(top_lines, date)
    h.issuer, h.parent = _issuer(_units(" ".join(issuing)) if issuing else [], recase)
    tail = ""
    if h.doc_type == "CÔNG VĂN":
        subject, h.body_start = ["V/v " + " ".join(subject_lines)], top_end
    else:
        subject, h.body_start, tail = _subject(head, type_at, _TYPE_RE.match(head[type_at]).group(2).strip())
    if subject:
        raw = " ".join(subject)
        h.subject = _recase_subject(raw, recase) if _is_caps(raw) else _sentence_subject(raw, recase)
    opening = [tail, *head[h.body_start : h.body_start + 4]]  # the first sentences of the body
    if h.date is None:
        h.date = _closing_date(head if len(paragraphs) <= 40 else head + [normalize(p) for p in paragraphs[-15:]],
                               h.doc_type, opening)  # fmt: skip
    if h.issuer is None:
        h.issuer = _actor(opening, recase)
    h.signed_for = _signed_for(paragraphs, recase)
    h.issuer = _with_signer(h.issuer, h.signed_for)
    return h


def _number(h: Header, top: str) -> None:
    """The document's number from the header's top: a party number ("12-HD/TW"; only its form,
    "-HD/TW", when the number is left blank), else a state one."""
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


def _date_place(h: Header, top: str) -> re.Match | None:
    """The date and the place before it from the header's top; the date's match, if any."""
    date = _DATE.search(top)
    if date:
        h.date = _iso(date.group(1), date.group(2), date.group(3))
        place = _PLACE.search(top[: date.end()])
        if place:
            words = place.group(1).split()
            while words and (_is_caps(words[0]) and len(words[0]) > 1 and not words[0].istitle()):
                words.pop(0)  # "VIỆT NAM Hà Nội": the capitals belong to the line beside it
            h.place = " ".join(words) or None
    return date


def _issuing_block(top_lines: list[str], date: re.Match | None) -> list[str]:
    """The issuing block: capitals before the national line, the star and the number."""
    issuing: list[str] = []
    for p in top_lines:
        text = _NATIONAL.sub(" ", p)
        text = _PARTY_NUMBER.sub(" ", text)
        text = _STATE_NUMBER.sub(" ", text)
        if date and _DATE.search(text):
            text = text[: _PLACE.search(text).start()] if _PLACE.search(text) else _DATE.sub(" ", text)
        text = text.replace("*", " ").replace("¶", " ").strip(" -–_")
        kept: list[str] = []
        words = text.split()
        for k, w in enumerate(words):  # capitals, and a number right after them ("CHI BỘ KHU PHỐ 5")
            if _is_caps(w) or w == "&" or (k and kept and kept[-1] == words[k - 1] and re.fullmatch(r"\d{1,4}", w)):
                kept.append(w)
        caps = " ".join(kept)
        if caps and len(caps) >= 3:
            issuing.append(caps)
    return issuing


def _letter(head: list[str]) -> tuple[int, int, list[str]] | None:
    """An official letter (công văn): a "-CV/" number and a "V/v …" line in the header, no type line.
    Returns (index of the V/v line, where the header ends, the V/v text)."""
    for i, p in enumerate(head[:15]):
        m = _VV.search(p)
        if not m:
            continue
        before = " ".join(head[: i + 1])
        if not _PARTY_NUMBER.search(before) and not _NATIONAL.search(" ".join(head[:15])):
            return None
        lines = [m.group(1).strip()]
        end = i + 1
        # the V/v text may wrap; the right column (national line, date) may follow before the address
        while end < len(head) and end < i + 6 and not re.match(r"^(Kính\s+gửi|Căn\s+cứ|Thực\s+hiện)", head[end]):
            p2 = head[end]
            if _NATIONAL.search(p2) or _DATE.search(p2) or _is_caps(p2) or p2.startswith("-"):
                end += 1
                continue
            if len(" ".join(lines)) < 200 and (p2[:1].islower() or re.fullmatch(r"\d{4}", p2)):
                lines.append(p2)
                end += 1
                continue
            break
        return i, end, lines
    return None


def _subject(head: list[str], type_at: int, rest: str) -> tuple[list[str], int, str]:
    """The trích yếu after the type word: on the type line and the lines after it, up to the body.

    It ends at a rule, a preamble formula ("Căn cứ", "Thực hiện" after the first line), a numbered
    part, the address of a letter, a place and date line, a change from sentence case to capitals
    (the issuing authority "BAN THƯỜNG VỤ …" before "Căn cứ") or a line that ends a sentence; the
    body glued onto its last line is cut off. Returns the lines, where the body starts and the
    glued body ("" when there is none)."""
    lines: list[str] = []
    tail = ""
    caps: bool | None = None  # the case of the lines taken so far
    candidates = ([(rest, type_at)] if rest else []) + [(head[k], k + 1) for k in range(type_at + 1, len(head))]
    body_start = type_at + 1
    for text, after in candidates:
        if len(lines) >= 4 or len(" ".join(lines)) > 300:
            break
        glued = _GLUED.search(text)
        if glued and glued.start() == 0:
            break  # a rule: the trích yếu is over
        actor = _glued_actor(text)
        note = re.search(r"\s\((?=[^)]*[a-zđà-ỹ])", text)  # "ĐỀ CƯƠNG … (Dùng cho sinh hoạt chi bộ)"
        if note and not _is_caps(text[: note.start()]):
            note = None
        cut = min((x.start() if isinstance(x, re.Match) else x for x in (glued, actor, note) if x is not None),
                  default=None)  # fmt: skip
        part = text[:cut].strip() if cut is not None else text.strip()
        if not part or (lines and _BODY.match(part)) or _NOT_SUBJECT.match(part) or _DATE.search(part):
            break
        is_caps = _is_caps(part)
        if lines:
            if caps and not is_caps and not re.match(r"(?i)^(về|v/v)\b", part):
                break  # capitals, then a sentence: the body
            if caps is False and is_caps:
                break  # a sentence-case trích yếu, then capitals: an authority line ("BAN THƯỜNG VỤ …")
            if caps is False and not part[:1].islower() and (re.search(r"[.:;!?]$", lines[-1]) or len(part) > 150):
                break
        if cut is None and not is_caps and re.search(r"[.:;!?]$", part) and not lines:
            break  # a first line that ends a sentence is the body, not a trích yếu
        if cut is None and not is_caps and re.search(r"[.:;!?]$", part):
            break
        lines.append(part)
        caps = is_caps if caps is None else caps
        body_start = after
        if cut is not None:
            tail = text[cut:].strip(" -–_=")
            break  # the body was glued on: the trích yếu is over
    return lines, body_start, tail


def _glued_actor(text: str) -> int | None:
    """Where a committee starts speaking inside the line, not after "của", "với"…: "… năm 2025 Chi ủy
    Chi bộ 7 thông báo đến …"."""
    for m in _GLUED_ACTOR.finditer(text):
        before = text[: m.start()].split()
        if before and not _PREPOSITION.search(before[-1]):
            return m.start()
    return None


def _sentence_subject(text: str, recase: Recaser) -> str:
    """A trích yếu typed in sentence case reads on from its type: its first letter lower case unless
    the body writes the first words so in mid-sentence (a name: "Chi bộ thôn Đông …")."""
    words = text.split()
    if not words or (_is_caps(words[0]) and len(words[0]) > 1):
        return text
    spelled = recase._find(" ".join(words[:2])) if len(words) > 1 else None
    if spelled and spelled[:1].isupper() and _NAMED.match(text):
        return text
    return text[:1].lower() + text[1:]


def _recase_subject(caps: str, recase: Recaser) -> str:
    """A trích yếu reads on from its type: "về thi hành Điều lệ Đảng", lower case unless the body
    writes its first words as a name ("Đảng Cộng sản Việt Nam")."""
    text = recase.phrase(caps)
    first = " ".join(caps.split()[:2])
    spelled = recase._find(first)
    if not (spelled and spelled[:1].isupper()):
        text = text[:1].lower() + text[1:]
    return text


def _closing_date(paragraphs: list[str], doc_type: str | None, opening: list[str]) -> str | None:
    """A date the header's top does not give: the "<place>, ngày … tháng … năm …" line (often above
    the signature), or for minutes the day the meeting opened."""
    for p in paragraphs:
        for m in _PLACE_DATE.finditer(p):
            date = _DATE.match(p, m.end())
            if date and len(m.group(1).split()) <= 6 and not p[date.end() :].strip(" .;,"):
                return _iso(date.group(1), date.group(2), date.group(3))
    if doc_type == "BIÊN BẢN":
        for p in opening:
            date = _DATE.search(p)
            if _MEETING.match(p) and date:
                return _iso(date.group(1), date.group(2), date.group(3))
    return None


def _actor(paragraphs: list[str], recase: Recaser) -> str | None:
    """The body that speaks in the first sentences ("Chi bộ thôn Phú Xuân tiến hành …")."""
    for p in paragraphs:
        m = _ACTOR.search(p)
        if m:
            return m.group(1)
    return None


_PERSON = re.compile(r"(?i)^(trưởng|phó|bí thư|chủ tịch|giám đốc|chủ nhiệm|chánh)")
# A committee signing without its name ("T/M TỈNH ỦY", "T/M CHI BỘ"): the header names it better.
_BARE = re.compile(r"(?i)^(?:(?:tỉnh|thành|huyện|quận|thị|đảng|chi) ủy|đảng bộ|chi bộ)$")
_LOCAL = re.compile(r"(?i)^(?:(?:tỉnh|thành|huyện|quận|thị|đảng) ủy|chi bộ|đảng bộ)\b")


def _with_signer(issuer: str | None, signer: str | None) -> str | None:
    """The issuer once the signing block is read. "T/M BAN BÍ THƯ" under the Central Committee's
    header: the Secretariat issues it; "T/M BAN THƯỜNG VỤ" under "HUYỆN ỦY ĐẠI LỘC": the district
    committee's standing committee; a person's title or the issuer's own name change nothing."""
    if not signer or _PERSON.match(signer):
        return issuer
    if issuer is None:
        return None if _BARE.match(signer) or signer.lower() in ("ban thường vụ", "chi ủy") else signer
    if issuer.lower().startswith(signer.lower()) or _BARE.match(signer):
        return issuer
    if issuer == "Ban Chấp hành Trung ương":
        return signer
    if _LOCAL.match(issuer):
        return f"{signer} {issuer}"
    return issuer


def _signed_for(paragraphs: list[str], recase: Recaser) -> str | None:
    for p in paragraphs[-15:]:
        m = _SIGN.match(p.strip())
        if m and _is_caps(m.group(2)):
            body = _PERSON_TAIL.sub("", m.group(2))
            return recase.phrase(body if len(body.split()) > 1 else m.group(2), name=True)  # not "BAN BÍ THƯ"
    return None


# OCR and PDFs join the signer's title onto the committee line: "T/M CHI ỦY BÍ THƯ".
_PERSON_TAIL = re.compile(r"\s+(?:PHÓ\s+)?(?:BÍ THƯ|TRƯỞNG BAN|CHỦ NHIỆM|CHÁNH VĂN PHÒNG)(?:\s+THƯỜNG TRỰC)?$")


def untitled(paragraphs: list[str]) -> dict:
    """What a text with no type heading says of itself: its first heading or first sentence as
    title, a type from what that sentence does ("Chi ủy … thông báo …") or the parts of minutes,
    the body that speaks in it, the place and date line. {} when there is no text."""
    paras = [normalize(p) for p in paragraphs if p.strip()]
    if not paras:
        return {}
    recase = Recaser("\n".join(paras))
    first = paras[0]
    sentence = re.split(r"(?<=[.;!?])\s|:\s*$", first, maxsplit=1)[0]
    title = re.sub(r"(?:\s+như\s+sau)?\s*[.:;]*$", "", sentence).strip()  # a question keeps its "?"
    if _is_caps(title):
        title = recase.phrase(title)
    out: dict = {"title": title[:200] or None}
    actor = _ACTOR.search(sentence)
    if actor:
        out["issuer"] = actor.group(1)
        verb = re.match(r"\s*" + _SPEAKS, sentence[actor.end(1) :])
        doc_type = _SPEAKS_TYPE.get(verb.group(0).strip().lower()) if verb else None
        if doc_type:
            out["doc_type"] = doc_type
    if "doc_type" not in out and len(_MINUTES.findall("\n".join(paras[:15]))) >= 3:
        out["doc_type"] = "BIÊN BẢN"
    date = _closing_date(paras[:40] + paras[-15:], out.get("doc_type"), paras[:4])
    if date:
        out["date"] = date
    out["kind"] = kind_for(out.get("doc_type"), headed=False)
    if out.get("doc_type"):
        out["doc_type"] = DOC_TYPES[out["doc_type"]]
    return out
