"""What kind of answer a question asks for, and whether a sentence gives it.

"Bao nhiêu / mấy" asks for a number, "bao lâu / thời hạn" for a duration, "khi nào" for a time,
"ai / cấp nào quyết định" for an authority, "những … nào / gồm" for a list, "như thế nào / các
bước" for a procedure. A passage that covers the question's words but holds no number for a
"how many" question does not answer it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant import cues
from ingest import textnorm

NUMBER = "number"
DURATION = "duration"
TIME = "time"
AUTHORITY = "authority"
LIST = "list"
PROCEDURE = "procedure"
SUPERLATIVE = "superlative"

KINDS = (NUMBER, DURATION, TIME, AUTHORITY, LIST, SUPERLATIVE, PROCEDURE)
# The words asking for each kind are the cue groups "asks_<kind>" of assistant/cues.toml.

_DIGIT = re.compile(r"\d")
_DURATION_UNIT = re.compile(
    r"\d+\s*(ngày|tháng|năm|tuần|giờ|quý)|hằng (tháng|năm|tuần|quý)|mỗi (tháng|năm|tuần|quý)", re.I
)
_TIME = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}|ngày \d|tháng \d|năm \d{4}|sau khi|trước khi|khi |thời điểm|kể từ", re.I)
# Who decides: an actor before a decision verb, or "do … quyết định / thực hiện".
_AUTHORITY = re.compile(
    r"(quyết định|có thẩm quyền|thẩm quyền|chịu trách nhiệm|xem xét|phê duyệt|chuẩn y|chỉ định|triệu tập|chủ trì|"
    r"ký|ban hành|giao cho|phụ trách|bầu|cử|được ủy quyền|được uỷ quyền|\bdo\b)",
    re.I,
)
# "cao nhất", "nhiều nhất": a superlative, not "thống nhất", "nhất trí", "hợp nhất", "duy nhất"
_SUPERLATIVE = re.compile(r"(?<!thống )(?<!hợp )(?<!đồng )(?<!duy )(?<!thứ )\bnhất\b(?! trí| quán)", re.I)
_ENUMERATION = re.compile(r"(:\s*\S)|([^,;]+[,;][^,;]+[,;])|(^\s*[-–+•]|\n\s*[-–+•]|\n\s*[a-zđ]\))", re.M)


def asks(question: str) -> set[str]:
    """The kinds of answer a question asks for (possibly several, possibly none).

    >>> sorted(asks("Đảng viên dự bị có thời gian dự bị bao lâu?"))
    ['duration']
    >>> sorted(asks("Cấp nào quyết định kỷ luật khai trừ đảng viên?"))
    ['authority']
    >>> sorted(asks("Có mấy hình thức kỷ luật đối với đảng viên chính thức?"))
    ['number']
    >>> sorted(asks("Những hình thức kỷ luật nào áp dụng với đảng viên dự bị?"))
    ['list']
    >>> sorted(asks("Bí thư chi bộ nào giàu nhất Việt Nam?"))
    ['superlative']
    """
    return cues.kinds_asked(question)


# What a rule says: how often or how many, how long, when, who decides. ("Cần làm gì để …", how
# a thing is done, asks for practice as much as for a rule: reports may answer it.)
RULE_KINDS = {NUMBER, DURATION, TIME, AUTHORITY}
# "hiện có", "hiện nay", "đã …" (a question after a state of affairs, not a rule) and "phải …
# không", "theo quy định" (after what is required or allowed): cue groups "fact_wording" and
# "rule_wording" of assistant/cues.toml.
# Capitalised words a question after a rule still has: the names of the rule texts and of the
# Party ("Theo Điều lệ Đảng, …", "Quy định 294"); any other name makes it a question about one
# place or body ("Đảng bộ Vĩnh Yên sinh hoạt chuyên đề mấy lần?"), which a report may answer.
_RULE_TEXT_NAMES = set(
    "đảng điều lệ quy định hướng dẫn nghị quyết chỉ thị kết luận ban chấp hành trung ương bộ chính trị "
    "bí thư tw hd qđ nq ct".split()
)
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def names_in(text: str) -> set[str]:
    """The folded names a passage gives: runs of two or more capitalised words inside a sentence
    ("Tuyên Quang", "Ia Pa", "Vĩnh Yên"), the rule texts' and the Party's names left out.

    >>> sorted(names_in("Đảng bộ thành phố Tuyên Quang hiện có 214 bí thư. Theo Điều lệ Đảng, chi bộ họp."))
    ['tuyen quang']
    """
    out: set[str] = set()
    run: list[str] = []
    first = True
    for m in re.finditer(r"\w+|[.!?:;\n]", text):
        word = m.group(0)
        if word in ".!?:;\n":
            first, run = True, _flush(run, out)
            continue
        if word[0].isupper() and not first:
            run.append(word)
        else:
            run = _flush(run, out)
        first = False
    _flush(run, out)
    return out


def _flush(run: list[str], out: set[str]) -> list[str]:
    kept = [w for w in run if w.lower() not in _RULE_TEXT_NAMES]
    if len(kept) >= 2 and len(kept) == len(run):  # "Ban Thường vụ" is not a name of a place
        out.add(textnorm.fold(" ".join(kept)))
    return []


def asks_for_rule(question: str, names: list[str], places: list[str] = (), mentions: int = 0) -> bool:
    """Whether a question asks what the rules are, not what happened somewhere: it asks how many,
    how long, when or who decides (or whether something is required or allowed), and names no
    body, person, place, year or document other than the rule texts, nor asks what is ("hiện có",
    "đã"). `names`, `places`: the question's capitalised words and the places it is asked from
    (`assistant.gates.names`, `places`); `mentions`: the document numbers it names.

    >>> asks_for_rule("Chi bộ sinh hoạt thường kỳ mấy lần một tháng?", [])
    True
    >>> asks_for_rule("Đảng bộ Vĩnh Yên sinh hoạt chuyên đề mấy lần?", ["vĩnh", "yên"])
    False
    >>> asks_for_rule("Năm 2023, chi bộ đã kết nạp bao nhiêu đảng viên?", [])
    False
    >>> asks_for_rule("Theo Điều lệ Đảng, ai quyết định kỷ luật khai trừ?", ["điều", "đảng"])
    True
    >>> asks_for_rule("Ở huyện Tân Lập có bao nhiêu chi bộ?", [], ["Tân Lập"])
    False
    """
    if places or mentions or _YEAR.search(question) or any(n not in _RULE_TEXT_NAMES for n in names):
        return False
    folded = textnorm.fold(question)
    if cues.match("fact_wording", question, folded):
        return False
    return bool(asks(question) & RULE_KINDS) or cues.match("rule_wording", question, folded)


# "bao nhiêu phút", "mấy đảng viên", "bao nhiêu phần trăm": the unit the number must carry.
_UNIT_ASKED = re.compile(r"\b(?:bao nhieu|may)\s+(\w+(?:\s+\w+)?)")
_UNIT_FORMS = {
    "phan tram": r"(%|phần trăm)",
    "tien": r"(đồng|triệu|nghìn|ngàn|tỷ|vnđ|lương)",
}
# a list marker opening a sentence ("- ", "a)", "(b)", "3.", "1.2.", "4)"); also used by the answer
# composer to find a rule sentence's subject
ENUMERATOR = re.compile(r"^\s*(?:[-–+•]|\(?[a-zđ]\)|\d{1,3}(?:\.\d{1,3})*[.)])\s*")


@lru_cache(maxsize=4096)
def asked_unit(question: str) -> str | None:
    """The unit a number must carry to answer a "how many" question, folded ("tuoi", "ngay",
    "dang vien", "phan tram", "tien"), or None.

    >>> asked_unit("Chi bộ có từ bao nhiêu đảng viên chính thức trở lên?"), asked_unit("Kéo dài bao nhiêu phút?")
    ('dang vien', 'phut')
    >>> asked_unit("Tặng phẩm trị giá bao nhiêu tiền?"), asked_unit("Có mấy hình thức?")
    ('tien', 'hinh thuc')
    """
    folded = textnorm.fold(question)
    if cues.match("money", question, folded):
        return "tien"
    m = _UNIT_ASKED.search(folded)
    if not m:
        return None
    words = m.group(1).split()
    if not words or words[0] in ("la", "nguoi", "thi", "de", "ma", "va", "cua", "duoc", "co", "trong"):
        return "nguoi" if words and words[0] == "nguoi" else None
    if words[:2] == ["phan", "tram"]:
        return "phan tram"
    return " ".join(words[:2]) if words[0] in ("dang", "chi", "uy", "hinh", "noi", "nhiem", "truong") else words[0]


def _carries(text: str, unit: str) -> bool:
    """A number followed, within three words, by the unit (or, for money, a currency)."""
    if not _DIGIT.search(text):
        return unit == "phan tram" and "%" in text
    form = _UNIT_FORMS.get(unit)
    if form:
        return bool(re.search(r"\d[\d.,]*\s*(?:\S+\s+){0,2}?" + form, text, re.I)) or (
            unit == "phan tram" and "%" in text
        )
    folded = textnorm.fold(text)
    return bool(re.search(r"\d[\d.,/]*\s+(?:\S+\s+){0,2}?" + re.escape(unit) + r"\b", folded))


@lru_cache(maxsize=16384)
def _readable(sentence: str) -> str:
    """The sentence with numbers written as digits and its list marker gone (cached: the gate
    and the composer ask it of the same sentences, once per kind asked)."""
    return ENUMERATOR.sub("", textnorm.spell_out_numbers(sentence))


def gives(kind: str, sentence: str, question: str | None = None) -> bool:
    """Whether a sentence holds the kind of answer asked for (numbers written in words count;
    a list marker "3." is not a number; with the `question`, the number must carry its unit)."""
    text = _readable(sentence)
    if kind == NUMBER:
        unit = asked_unit(question) if question else None
        if unit:
            return _carries(text, unit)
        return bool(_DIGIT.search(text))
    if kind == DURATION:
        return bool(_DURATION_UNIT.search(text))
    if kind == TIME:
        return bool(_TIME.search(text))
    if kind == AUTHORITY:
        return bool(_AUTHORITY.search(text))
    if kind == LIST:
        return bool(_ENUMERATION.search(text))
    if kind == SUPERLATIVE:
        if not question:
            return bool(_SUPERLATIVE.search(text))
        # the superlative asked: "giàu nhất" needs "giàu nhất", "nhiều … nhất" needs "nhiều nhất";
        # a rule's "ít nhất", "chậm nhất" does not say who is richest
        asked = set(textnorm.fold(question).split())
        return any(
            textnorm.fold(m.group(1)) in asked
            for m in re.finditer(r"(\w+)\s+nhất\b", text, re.I)
            if _SUPERLATIVE.search(m.group(0))
        )
    return True


def strict_kinds(kinds: set[str]) -> set[str]:
    """The kinds a passage must give for the question to count as answered (a list or a
    procedure can be answered in many shapes; a number, a duration, a time, an authority or a
    superlative ("… nào … nhất") not)."""
    return kinds & {NUMBER, DURATION, TIME, AUTHORITY, SUPERLATIVE}
