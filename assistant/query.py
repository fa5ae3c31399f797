"""Question analysis: normalisation, abbreviations, document mentions, search terms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from assistant import cues
from ingest import docnumbers, textnorm

# What users type → what documents write (DOMAIN.md). Kept in the query, expansion added.
ABBREVIATIONS = {
    "BCH": "Ban Chấp hành",
    "BTV": "Ban Thường vụ",
    "BCT": "Bộ Chính trị",
    "BBT": "Ban Bí thư",
    "TW": "Trung ương",
    "TƯ": "Trung ương",
    "BTC": "Ban Tổ chức",
    "BTCTW": "Ban Tổ chức Trung ương",
    "BTG": "Ban Tuyên giáo",
    "UBKT": "Ủy ban Kiểm tra",
    "MTTQ": "Mặt trận Tổ quốc",
    "HTCT": "hệ thống chính trị",
    "TCCSĐ": "tổ chức cơ sở đảng",
    "TCCSD": "tổ chức cơ sở đảng",
    "ĐV": "đảng viên",
    "DV": "đảng viên",
    "HU": "Huyện ủy",
    "TU": "Tỉnh ủy",
    "ĐU": "Đảng ủy",
    "DU": "Đảng ủy",
    "UBND": "Ủy ban nhân dân",
    "NQ": "nghị quyết",
    "CT": "chỉ thị",
    "QĐ": "quyết định",
    "QD": "quyết định",
    "HD": "hướng dẫn",
    "KL": "kết luận",
    "KH": "kế hoạch",
    "ĐA": "đề án",
    "CB": "chi bộ",
    "SHCB": "sinh hoạt chi bộ",
    "BT": "bí thư",
}
_ABBR_RE = re.compile(
    r"(?<![\w/-])(" + "|".join(sorted(map(re.escape, ABBREVIATIONS), key=len, reverse=True)) + r")(?![\w/-])"
)

# Function words and question words that carry no topic, as written (STOPWORDS_EXACT) and folded
# (STOPWORDS). Folded, some collide with content words ("thế" and "thẻ" are both "the", "hỏi"
# and "hội" both "hoi"): text with diacritics is checked against the written forms.
STOPWORDS_EXACT = {
    w
    for w in """
là và của có được cho các những một này đó thì mà với về trong ở tại để khi nào gì ai bao nhiêu
như thế sao làm không hay hoặc cũng đã đang sẽ phải cần nên theo từ đến ra vào lên bị do vì nếu
thì_sao như_thế_nào thế_nào bao_nhiêu bao_lâu là_gì gồm gồm_có những_gì điều_gì việc cái người
hãy xin cho_biết cho_tôi tôi bạn ông bà anh chị em chúng_tôi hỏi vậy ạ nhé à ư hả đâu lần
trả_lời ngắn_gọn giúp vui_lòng muốn biết muốn_biết đồng_chí mấy nhiêu áp_dụng quy_định_như
""".split()
}
STOPWORDS = {textnorm.fold(w) for w in STOPWORDS_EXACT}


# Domain concepts and the words documents use for them (party-building vocabulary), used to
# widen outline topics: a topic "phát triển đảng viên" is about admitting members too.
CONCEPTS = {
    "phát triển đảng viên": "kết nạp đảng viên, quần chúng ưu tú, tạo nguồn phát triển đảng",
    "phát triển đảng": "kết nạp đảng viên, quần chúng ưu tú, tạo nguồn",
    "chất lượng sinh hoạt": "nội dung sinh hoạt, hình thức sinh hoạt, sinh hoạt chuyên đề, sinh hoạt định kỳ",
    "sinh hoạt chuyên đề": "chuyên đề, bàn sâu, đề cương sinh hoạt chuyên đề",
    "tự phê bình": "phê bình, kiểm điểm, đánh giá, phân loại đảng viên",
    "phân công nhiệm vụ": "giao nhiệm vụ, phân công công việc, kiểm tra, giám sát",
    "học tập và làm theo": "tư tưởng, đạo đức, phong cách Hồ Chí Minh, tấm gương",
    "bí thư chi bộ": "chi ủy, cấp ủy, hạt nhân, người đứng đầu",
    "kiểm tra, giám sát": "kiểm tra, giám sát, kỷ luật đảng",
    "năng lực lãnh đạo": "sức chiến đấu, tổ chức cơ sở đảng",
    "dân vận": "vận động quần chúng, Nhân dân, Mặt trận Tổ quốc, đoàn thể",
}


def expand_concepts(text: str) -> str:
    """Add the document vocabulary for the domain concepts `text` names.

    >>> expand_concepts("Phát triển đảng viên ở thôn")
    'Phát triển đảng viên ở thôn; kết nạp đảng viên, quần chúng ưu tú, tạo nguồn phát triển đảng'
    """
    low = textnorm.normalize(text).lower()
    names = [k for k in CONCEPTS if k in low]
    # "phát triển đảng" inside "phát triển đảng viên" is the same concept: keep the longest.
    extra = [CONCEPTS[k] for k in names if not any(k != o and k in o for o in names)]
    return text + ("; " + "; ".join(dict.fromkeys(extra)) if extra else "")


# Words documents and users use for the same thing: a passage that has one of them covers the
# question's other (evidence coverage). Kept small: a member must mean the same in every sentence
# it appears in. Not added to the search itself: measured, "họp" beside every "sinh hoạt" moved
# news passages down the dev set's ranking (dev-013 from 1 to 3).
SYNONYMS = [
    ("thường kỳ", "thường lệ", "định kỳ"),
    ("sinh hoạt thường kỳ", "họp thường lệ"),
    ("thời kỳ", "thời gian"),
    ("hằng tháng", "hàng tháng", "mỗi tháng"),
    ("hằng năm", "hàng năm", "mỗi năm"),
    ("xóa tên", "xoá tên"),
    ("tối đa", "không quá"),
    ("tối thiểu", "ít nhất"),
    ("đảng phí", "đảng phí"),
]
_SYNONYM_OF = {m.replace(" ", "_"): [o.replace(" ", "_") for o in group if o != m] for group in SYNONYMS for m in group}


def alternatives(term: str) -> list[str]:
    """Other words for a term ("thường_kỳ" → ["thường_lệ", "định_kỳ"]); folded terms too.

    >>> alternatives("thường_kỳ"), alternatives("thuong_ky")
    (['thường_lệ', 'định_kỳ'], ['thuong_le', 'dinh_ky'])
    """
    if term in _SYNONYM_OF:
        return _SYNONYM_OF[term]
    return _folded_synonyms().get(term, [])


@lru_cache(maxsize=1)
def _folded_synonyms() -> dict[str, list[str]]:
    """The synonym table folded, built once (it was rebuilt for every term looked up: most of
    the time of scoring a multiple-choice question's sentences)."""
    return {textnorm.fold(k): [textnorm.fold(v) for v in vs] for k, vs in _SYNONYM_OF.items()}


@dataclass
class Query:
    raw: str
    text: str  # normalised, abbreviations expanded: what the embedder sees
    tokens: list[str]  # BM25 tokens (words mode)
    syllable_tokens: list[str]  # BM25 tokens (syllables mode)
    terms: list[str]  # folded content words, for evidence coverage and sentence scoring
    mentions: list[docnumbers.DocNumber] = field(default_factory=list)
    no_diacritics: bool = False
    sections: list[str] = field(default_factory=list)  # sections the question names: "Điều 24, khoản 2"
    folded: str = ""  # the question as typed, folded (lower case, no diacritics)
    # What the question asks for, read once from its cue words (assistant/cues.toml):
    asks: frozenset[str] = frozenset()  # kinds of answer: number, duration, time, authority, list, …
    wants_list: bool = False  # "những … nào", "gồm", "các bước": a list, up to five sentences
    wants_number: bool = False  # "bao nhiêu", "mấy", "tỷ lệ": every quoted sentence gives a number
    procedural: bool = False  # how a thing is done or what is required: official texts first
    subject: str | None = None  # "Chi bộ được quyết định …" → "chi bo" (folded); None for "Ai …"

    def plus(self, words: Query) -> Query:
        """This question searched together with more words (a multiple-choice option analysed on
        its own): their search tokens added, this question's documents and sections kept. The
        same search as analysing the two texts joined, without segmenting the question again."""
        return replace(
            self,
            text=f"{self.text} {words.text}",
            tokens=self.tokens + words.tokens,
            syllable_tokens=self.syllable_tokens + words.syllable_tokens,
            terms=self.terms + [t for t in words.terms if t not in self.terms],
        )

    @property
    def mention_keys(self) -> set[str]:
        keys = set()
        for m in self.mentions:
            keys.add(m.key)
            if m.issuer:
                keys.add(m.id)
        return keys


def expand_abbreviations(text: str) -> str:
    """Append the expansion after each abbreviation: "BTV" → "BTV (Ban Thường vụ)".

    >>> expand_abbreviations("BTV Huyện ủy họp với MTTQ")
    'BTV (Ban Thường vụ) Huyện ủy họp với MTTQ (Mặt trận Tổ quốc)'
    """
    return _ABBR_RE.sub(lambda m: f"{m.group(1)} ({ABBREVIATIONS[m.group(1)]})", text)


def _is_content(folded: str) -> bool:
    return folded not in STOPWORDS and not all(p in STOPWORDS for p in folded.split("_"))


def content_terms(text: str) -> list[str]:
    """Folded content words of `text` (segmented, stopwords removed), in order, unique."""
    out: list[str] = []
    for w in textnorm.words(text):
        f = textnorm.fold(w)
        if f not in out and _is_content(f):
            out.append(f)
    return out


def vocabulary_terms(text: str, vocabulary) -> list[str]:
    """Content terms of a question typed without diacritics, segmented by the library's own words.

    underthesea cannot segment "ha tinh co tong cong bao nhieu dang vien" (it returns nonsense
    such as "tinh_co_tong"), so the folded syllables are matched greedily, longest first (up to
    four syllables), against the folded words the library contains; stopwords are dropped.

    >>> vocabulary_terms("ha tinh co tong cong bao nhieu dang vien?", {"ha_tinh", "tong_cong", "dang_vien"})
    ['ha_tinh', 'tong_cong', 'dang_vien']
    """
    syl = _folded_syllables(text)
    out: list[str] = []
    i = 0
    while i < len(syl):
        for n in range(min(4, len(syl) - i), 0, -1):
            word = "_".join(syl[i : i + n])
            if n == 1 or word in vocabulary:
                break
        i += n
        if word not in out and _is_content(word):
            out.append(word)
    return out


def _folded_syllables(text: str) -> list[str]:
    return [textnorm.fold(s) for s in textnorm.syllables(text)]


def _folded_ngrams(text: str) -> list[str]:
    syl = _folded_syllables(text)
    return [f"{a}_{b}" for a, b in zip(syl, syl[1:])] + [f"{a}_{b}_{c}" for a, b, c in zip(syl, syl[1:], syl[2:])]


def typed_without_diacritics(text: str) -> bool:
    """Whether a question was typed without diacritics, also when a polite frame around it has
    them ("Cho tôi hỏi: sinh hoat chi bo ..."): most of its syllables plain, and at least three.
    Ordinary Vietnamese has about one syllable in four without a mark."""
    syllables = re.findall(r"[^\W\d_]+", text)
    plain = [s for s in syllables if s.isascii()]
    if not syllables:
        return False
    return len(plain) == len(syllables) or (len(plain) >= 3 and len(plain) >= 0.6 * len(syllables))


_WORD_RE = re.compile(r"\S+")


def uncaps(text: str) -> str:
    """A question typed with caps lock on, in sentence case; any other text unchanged.

    Known abbreviations and words with digits or slashes (document numbers) keep their case.
    Capitals carry nothing here, and cost: the embedder's tokenizer splits upper-case Vietnamese
    into about 1.6 times as many pieces (measured: 15.3 ms a query against 9.5 ms).

    >>> uncaps("BTV CHI BỘ HỌP THEO HƯỚNG DẪN 12-HD/BTCTW THẾ NÀO?")
    'BTV chi bộ họp theo hướng dẫn 12-HD/BTCTW thế nào?'
    >>> uncaps("Chi bộ họp mấy lần?")
    'Chi bộ họp mấy lần?'
    """
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    if upper < 8 or upper < 0.8 * len(letters):
        return text

    def lower(m: re.Match) -> str:
        word = m.group()
        core = word.strip(".,;:!?()\"'")
        if core in ABBREVIATIONS or any(c.isdigit() or c == "/" for c in core):
            return word
        return word.lower()

    out = _WORD_RE.sub(lower, text)
    return out[:1].upper() + out[1:]


# "Theo Hướng dẫn số 06-HD/TW ngày 09/6/2025 của Ban Bí thư về …, " opening a question: the
# source it is asked from, not what it asks (a true/false statement proper starts after it).
# Embedding a question without this clause's date and issuer (half a real bank's stem) was tried:
# with the news distractors beside the library one held contest answer changed, so questions are
# embedded as typed.
SOURCE_CLAUSE = re.compile(
    r"^\s*(?:theo|căn cứ)\s+(?:[^,]{0,40}?)(?:điều lệ|quy định|hướng dẫn|chỉ thị|nghị quyết|kết luận|quyết định|văn bản)[^,]{0,150},\s*",
    re.IGNORECASE,
)


def query_text(question: str) -> str:
    """The text a question is embedded and searched as: normalised, caps lock undone,
    abbreviations expanded. Cheap (no segmentation), so retrieval can start the query
    embedding before `analyze`.

    >>> query_text("BTV họp thế nào?")
    'BTV (Ban Thường vụ) họp thế nào?'
    """
    return _search_form(textnorm.normalize(question).strip())


def _search_form(normalized: str) -> str:
    # Abbreviations of document types inside numbers ("12-HD/BTCTW") are left alone.
    return expand_abbreviations(uncaps(normalized))


_NAMED_SECTION = re.compile(
    r"(?i)(?:(khoản|khoan)\s+(\d+)\s*,?\s*)?(điều|dieu)\s+(\d+)(?:\s*,?\s*(?:khoản|khoan)\s+(\d+))?|"
    r"\b(mục|muc|điểm|diem)\s+(\d+(?:\.\d+)*|[IVX]+(?:\.\d+)*)\b"
)


def named_sections(question: str) -> list[str]:
    """Sections a question names, in the citation form of `ingest.structure`.

    >>> named_sections("Khoản 2 Điều 24 Điều lệ Đảng quy định gì?"), named_sections("Theo mục 3.5.1, …")
    (['Điều 24, khoản 2'], ['mục 3.5.1'])
    >>> named_sections("Mục 58 của Quy định 294-QĐ/TW nói gì?")
    ['mục 58']
    """
    out = []
    for m in _NAMED_SECTION.finditer(question):
        if m.group(4):
            clause = m.group(2) or m.group(5)
            out.append(f"Điều {m.group(4)}" + (f", khoản {clause}" if clause else ""))
        elif m.group(7) and (m.group(6).lower().startswith("m") or "." in m.group(7)):
            out.append(f"mục {m.group(7)}")  # "mục 58", "mục 3.5.1"; "điểm 2" is a point, not an item
    return out


def mentions_of(question: str) -> Query:
    """A text read only for the documents it names (a bank's preamble, "Theo Quy định số
    294-QĐ/TW ngày …:", for the notices on them): no segmentation, no search words.

    >>> [m.id for m in mentions_of("Theo Quy định số 294-QĐ/TW ngày 26/5/2025: …").mentions]
    ['294-QĐ/TW']
    """
    text = textnorm.normalize(question).strip()
    return Query(
        raw=question, text=_search_form(text), tokens=[], syllable_tokens=[], terms=[], mentions=docnumbers.find(text)
    )


def analyze(question: str, vocabulary=None) -> Query:
    """Everything retrieval needs from a question, computed once.

    `vocabulary` (the library's folded words) segments a question typed without diacritics
    into content terms; without it such a question's terms come from underthesea."""
    text = textnorm.normalize(question).strip()
    expanded = _search_form(text)
    no_diacritics = typed_without_diacritics(text)
    mentions = docnumbers.find(text)
    tokens = textnorm.bm25_tokens(expanded, "words")
    syllable_tokens = textnorm.bm25_tokens(expanded, "syllables")
    if no_diacritics:
        # underthesea cannot segment text typed without diacritics: try every folded
        # two- and three-syllable word; the index knows the folded forms of its words.
        tokens += _folded_ngrams(expanded)
    extra = [k.lower() for m in mentions for k in ([m.id, m.key] if m.issuer else [m.key])]
    if no_diacritics and vocabulary is not None:
        terms = vocabulary_terms(expanded, vocabulary)
    else:
        terms = content_terms(expanded)
    if no_diacritics:
        terms = [t for t in terms if "_" in t or len(t) > 1]
    folded = textnorm.fold(question)
    return Query(
        raw=question,
        text=expanded,
        tokens=tokens + extra,
        syllable_tokens=syllable_tokens + extra,
        terms=terms,
        mentions=mentions,
        no_diacritics=no_diacritics,
        sections=named_sections(text),
        folded=folded,
        asks=frozenset(cues.kinds_asked(question, folded)),
        wants_list=cues.match("wants_list", question, folded),
        wants_number=cues.match("wants_number", question, folded),
        procedural=cues.match("procedural", question, folded),
        subject=question_subject(question),
    )


# The subject a question asks about, "Chi bộ được quyết định …" → "chi bộ": a sentence of a rule
# with that subject ("1. Chi bộ quyết định khiển trách, cảnh cáo …") answers it, whatever its rank.
_SUBJECT = re.compile(
    r"^\s*(?:theo\s+[^,]{3,60},\s*)?(\w+(?:\s+\w+){0,3}?)\s+"
    r"(?:được|có quyền|có trách nhiệm|có nhiệm vụ|phải|quyết định|cần|do|duoc|co quyen|phai)\b",
    re.IGNORECASE,
)
_NOT_SUBJECTS = {"ai", "cấp nào", "tổ chức nào", "cơ quan nào", "ai là người", "những ai"}


def question_subject(question: str) -> str | None:
    """The subject a question starts with, folded; None for "Ai …", "Cấp nào …".

    >>> question_subject("Chi bộ được quyết định những hình thức kỷ luật nào?"), question_subject("Ai được …?")
    ('chi bo', None)
    """
    m = _SUBJECT.match(question)
    if not m or m.group(1).lower() in _NOT_SUBJECTS or m.group(1).lower().endswith(" nào"):
        return None
    return textnorm.fold(m.group(1))
