"""How contest banks write a multiple-choice question, read into plain parts.

Real banks ("Hội thi bí thư chi bộ giỏi") open stems with the source ("Theo Quy định số
294-QĐ/TW ngày 26/5/2025 của Ban Chấp hành Trung ương về …:"), ask "Đúng hay sai?", write numbers
as digits with a leading zero ("03 tháng") where the text writes words, add qualifiers in
parentheses, end options with "…" or a full stop, and offer "Cả 3 phương án trên". Each of those
is read here once, so that scoring compares what the option says, not how it is typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant import cues
from ingest import textnorm

# "Câu 12." / "Câu hỏi:" before the stem
_LEAD = re.compile(r"^\s*(?:câu\s*(?:hỏi)?\s*\d*\s*[:.)\-–]\s*)+", re.IGNORECASE)
# "Theo Quy định số …, ngày …, của … về …:" — a source named before the question proper
_PREAMBLE = re.compile(r"^\s*((?:theo|căn cứ|căn cứ vào)\s+[^:?]{3,260}?)\s*:\s*(?=\S)", re.IGNORECASE)
# "Theo Điều lệ Đảng, …" (short, comma): kept in the stem, it names where to look
# "Theo Hướng dẫn số 06-HD/TW ngày 09/6/2025 của Ban Bí thư về …, …": the number (and date)
# name the text; its issuer and title, a third of a long stem's words, are kept as its source
_CITED = re.compile(
    r"^(\s*(?:theo|căn cứ|căn cứ vào)\s+[^,:?]*?\d+\s*[-–]\s*[^\s,:?]+"
    r"(?:\s+ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4})?)\s+(?:của|về)\s[^:?]*?,\s*(?=\S)",
    re.IGNORECASE,
)
_TRUE_FALSE = re.compile(
    r"[\s,:;(\-–]*(?:nhận định|khẳng định|ý kiến|câu)?\s*(?:sau(?: đây)?|trên)?\s*(?:là\s*)?đúng\s+hay\s+sai\s*[?.)]*\s*[:.]?",
    re.IGNORECASE,
)
BLANK = re.compile(r"(?:\.{3,}|…+|_{3,})")  # a blank to fill in a stem
# "(đối với đảng viên chính thức)" inside an option
_PAREN = re.compile(r"\(([^()]*)\)")


@lru_cache(maxsize=32768)
def plain_numbers(text: str) -> str:
    """Numbers as values: words as digits, leading zeros gone ("03 tháng", "ba tháng" → "3 tháng").

    >>> plain_numbers("02 đảng viên chính thức; hai phần ba; 01 năm")
    '2 đảng viên chính thức; 2/3; 1 năm'
    """
    text = _ordinals(textnorm.spell_out_numbers(text))
    if "nửa" in text:
        text = _HALF.sub("1/2", text)  # "trên một nửa số ủy viên" is "trên 1/2 số ủy viên"
    return re.sub(r"(?<![\d/.,])0+(?=\d)", "", text)


_HALF = re.compile(r"(?i)\bmột\s+nửa\b")
# an ordinal written in words: "lần thứ ba" is "lần thứ 3" (banks write either)
_ORDINAL_WORDS = {
    "nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
}  # fmt: skip
_ORDINAL = re.compile(r"(?i)\b(thứ)\s+(" + "|".join(_ORDINAL_WORDS) + r")\b")


def _ordinals(text: str) -> str:
    """ "lần thứ ba" → "lần thứ 3" (the Charter and the guides write both).

    >>> _ordinals("đến lần thứ ba; Thứ nhất, …; lần thứ 3")
    'đến lần thứ 3; Thứ 1, …; lần thứ 3'
    """
    if "th" not in text.lower():
        return text
    return _ORDINAL.sub(lambda m: f"{m.group(1)} {_ORDINAL_WORDS[m.group(2).lower()]}", text)


@dataclass
class Stem:
    """A stem as the user typed it, and its parts: `question` without the bank's lead-in and
    without a long preamble (for a true/false item, the statement judged), `source` the preamble
    ("Theo Quy định số 294-QĐ/TW …")."""

    text: str
    question: str
    source: str = ""
    true_false: bool = False


def read_stem(text: str, options: list[str]) -> Stem:
    """The parts of a stem.

    >>> s = read_stem("Câu 3. Theo Quy định số 294-QĐ/TW ngày 26/5/2025 của BCH Trung ương về thi hành Điều lệ Đảng: Đảng viên dự bị được biểu quyết không?", [])
    >>> s.source, s.question
    ('Theo Quy định số 294-QĐ/TW ngày 26/5/2025 của BCH Trung ương về thi hành Điều lệ Đảng', 'Đảng viên dự bị được biểu quyết không?')
    >>> read_stem("Nhận định sau đúng hay sai: Chi bộ họp thường kỳ mỗi tháng một lần.", ["Đúng", "Sai"]).question
    'Chi bộ họp thường kỳ mỗi tháng một lần.'
    >>> read_stem("Theo Điều lệ Đảng, chi bộ họp mấy lần?", []).question
    'Theo Điều lệ Đảng, chi bộ họp mấy lần?'
    >>> read_stem("Theo Quy định số 5-QĐ/TW ngày 2/1/2026 của Ban Bí thư về thẻ đảng viên, thẻ cấp khi nào?", []).question
    'Theo Quy định số 5-QĐ/TW ngày 2/1/2026, thẻ cấp khi nào?'
    >>> read_stem("Theo Điều 5 của Điều lệ Đảng, ai được kết nạp?", []).question
    'Theo Điều 5 của Điều lệ Đảng, ai được kết nạp?'
    >>> read_stem("Nội dung nào sau đây là nhiệm vụ của ủy ban kiểm tra?", []).question
    'là nhiệm vụ của ủy ban kiểm tra?'
    """
    body = _LEAD.sub("", text).strip()
    source = ""
    m = _PREAMBLE.match(body)
    if m and len(body) - m.end() > 10:
        source, body = m.group(1).strip(), body[m.end() :].strip()
    elif (m := _CITED.match(body)) and len(body) - m.end() > 10:
        source, body = body[: m.end()].strip(" ,"), f"{m.group(1).strip()}, {body[m.end() :].strip()}"
    folded_opts = [textnorm.fold(o).strip(" .") for o in options]
    tf = bool(_TRUE_FALSE.search(body)) or (len(options) == 2 and set(folded_opts) == {"dung", "sai"})
    if tf:
        body = _TRUE_FALSE.sub(" ", body).strip(" :;,-–")
        body = re.sub(r"\s{2,}", " ", body).strip()
    # "Nội dung nào sau đây là …", "Phương án nào …": the bank's framing, not the question's topic
    body = re.sub(r"\s{2,}", " ", _FRAMING.cut(body)).strip(" ,")
    return Stem(text=text, question=body or text, source=source, true_false=tf)


_FRAMING = cues.cue("stem_framing")


# "Cả 3 phương án trên", "Tất cả các phương án trên", "Cả A và B", "Cả a, b, c đều đúng"
_ALL = re.compile(
    r"^(?:ca|tat ca)\s+(?:(?:\d+|hai|ba|bon|nam)\s+)?(?:cac\s+)?(?:phuong an|dap an|y|noi dung|truong hop|cau)(?:\s+tren|\s+neu tren)?"
    r"(?:\s+deu\s+dung)?\W*$|^tat ca\s+(?:deu\s+)?dung\W*$|^ca\s+(?:hai|ba|bon)\s+(?:deu\s+)?dung\W*$"
)
# … and "A và B đúng", "Phương án A và B", "Cả 2 phương án A, B", "Đáp án A, B và C", bare "A và B"
# (bare only in capitals: "a và c" might be an option's own words)
_LETTERS = re.compile(
    r"^(?P<lead>(?:ca|tat ca)\s+)?(?P<name>(?:(?:\d|hai|ba|bon)\s+)?(?:cac\s+)?(?:phuong an|dap an|y|cau)\s+)?"
    r"(?P<letters>(?:[a-e]\s*(?:,|va|\+|&)\s*)+[a-e])(?P<tail>\s+(?:deu\s+)?dung)?(?:\s+(?:tren|neu tren))?\W*$"
)
_BARE_LETTERS = re.compile(r"[A-E](?:\s*(?:,|và|\+|&)\s*[A-E])+\W*")
_NONE = re.compile(
    r"^(?:khong\s+(?:co\s+)?(?:phuong an|dap an|y)\s+nao|ca\s+(?:\d+|hai|ba|bon)\s+.*\bdeu sai|tat ca\s+.*\bdeu sai)"
)


@dataclass
class Option:
    """One option: its `core` (what it claims, qualifiers and trailing marks removed), the
    `qualifier` in parentheses, and for "Cả 3 phương án trên" the options it stands for."""

    text: str
    core: str
    qualifier: str = ""
    refers_to: list[int] = field(default_factory=list)  # an "all of the above" option
    none_of: bool = False  # "Không phương án nào đúng"

    @property
    def aggregate(self) -> bool:
        return bool(self.refers_to) or self.none_of


def read_option(text: str, index: int, count: int) -> Option:
    """An option's parts.

    >>> read_option("Cả 3 phương án trên", 3, 4).refers_to
    [0, 1, 2]
    >>> read_option("Cả A và C đều đúng", 3, 4).refers_to
    [0, 2]
    >>> [read_option(t, 3, 4).refers_to for t in ("A và B đúng", "Phương án A và C", "Đáp án A, B và C", "A và B", "a và b")]
    [[0, 1], [0, 2], [0, 1, 2], [0, 1], []]
    >>> o = read_option("Khai trừ (đối với đảng viên chính thức).", 0, 4)
    >>> o.core, o.qualifier
    ('Khai trừ', 'đối với đảng viên chính thức')
    >>> read_option("03 tháng…", 0, 4).core
    '3 tháng'
    """
    folded = textnorm.fold(text).strip().rstrip(".…;,! ")
    folded = re.sub(r"\s+", " ", folded)
    if _ALL.match(folded):
        return Option(
            text,
            text,
            refers_to=[i for i in range(count) if i != index and i < index] or [i for i in range(count) if i != index],
        )
    m = _LETTERS.match(folded)
    if m and not (m["lead"] or m["name"] or m["tail"]) and not _BARE_LETTERS.fullmatch(text.strip()):
        m = None
    if m:
        refs = sorted({"abcde".index(x) for x in re.findall(r"[a-e]", m["letters"]) if "abcde".index(x) < count})
        if len(refs) >= 2 and index not in refs:
            return Option(text, text, refers_to=refs)
    if _NONE.match(folded):
        return Option(text, text, none_of=True)
    qualifier = " ".join(q.strip() for q in _PAREN.findall(text))
    core = _PAREN.sub(" ", text)
    core = re.sub(r"\s+", " ", core).strip().rstrip(".…;,! ").strip()
    core = core.rstrip(".").strip() or text.strip()
    return Option(text, plain_numbers(core), qualifier=plain_numbers(qualifier))


SHARED_MIN_WORDS = 2  # a tail every option repeats is left out from this many words on
KEPT_MIN_WORDS = 2  # … when every option keeps this many words, not only a number


def without_shared_tail(options: list[Option]) -> None:
    """Leave out the words every plain option ends with ("Cha, mẹ đẻ của người vào Đảng", "Vợ
    hoặc chồng của người vào Đảng", …): they repeat the stem and let the clause that holds them
    everywhere support every option alike. Kept when an option would be left with fewer than
    two words or a bare number ("30 ngày làm việc" vs "45 ngày làm việc": the unit matters).

    >>> opts = [read_option(t, i, 3) for i, t in enumerate(["Cha, mẹ đẻ của người vào Đảng", "Vợ hoặc chồng của người vào Đảng", "Anh, chị, em ruột của người vào Đảng"])]
    >>> without_shared_tail(opts); [o.core for o in opts]
    ['Cha, mẹ đẻ', 'Vợ hoặc chồng', 'Anh, chị, em ruột']
    >>> opts = [read_option(t, i, 2) for i, t in enumerate(["30 ngày làm việc", "45 ngày làm việc"])]
    >>> without_shared_tail(opts); [o.core for o in opts]
    ['30 ngày làm việc', '45 ngày làm việc']
    """
    plain = [o for o in options if not o.aggregate]
    if len(plain) < 2:
        return
    words = [o.core.split() for o in plain]
    shared = 0
    while all(len(w) > shared for w in words) and len({textnorm.fold(w[-1 - shared]) for w in words}) == 1:
        shared += 1
    if shared < SHARED_MIN_WORDS:
        return
    kept = [w[:-shared] for w in words]
    if any(len(k) < KEPT_MIN_WORDS or all(x.strip(",.;:").isdigit() for x in k) for k in kept):
        return
    for o, k in zip(plain, kept):
        o.core = " ".join(k).rstrip(",;:").strip()


def fill_blank(stem: str, option: str) -> str:
    """The statement an option completes: into the blank ("…") when the stem has one, else after it.

    >>> fill_blank("Chi bộ sinh hoạt thường kỳ … một lần.", "mỗi tháng")
    'Chi bộ sinh hoạt thường kỳ mỗi tháng một lần.'
    """
    if BLANK.search(stem):
        return BLANK.sub(option, stem, count=1)
    return f"{stem} {option}"
