"""The one Vietnamese text module used by ingest and by queries.

Normalisation (NFC, tone-mark placement, spaces and quotes), diacritic folding, sentence
and word segmentation (underthesea, loaded lazily once per process) and the token
streams fed to BM25. If ingest and query segmented text differently BM25 would silently
degrade, so both sides call only these functions.
"""

from __future__ import annotations

import functools
import re
import sys
import threading
import unicodedata
from functools import lru_cache

# Upper-case Latin letters, Vietnamese ones included ("Đ", "Ư", "Ấ"), as the body of a regex
# character class: patterns that need "a capital" use it instead of A-ZĐÀ-Ỹ, a range that also
# holds lower-case letters.
UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper() and "LATIN" in unicodedata.name(c, ""))

# Combining tone marks in NFD: grave, acute, hook above, tilde, dot below.
_TONES = "\u0300\u0301\u0309\u0303\u0323"

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "\u00ad": None,
        "\ufeff": None,
    }
)


_OLD_TONE = re.compile(r"(?<![qQ])([oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?!\w)")


def _move_tone(match: re.Match) -> str:
    # "hoà" → "hòa", "thuỷ" → "thủy", "khoẻ" → "khỏe": in an open oa/oe/uy syllable the tone
    # goes on the first vowel, as underthesea and most Vietnamese text place it.
    first, second = match.group(1)
    decomposed = unicodedata.normalize("NFD", second)
    tone = "".join(c for c in decomposed if c in _TONES)
    bare = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", first + tone + bare)


def normalize(text: str) -> str:
    """NFC, unified tone marks, plain quotes, single spaces; newlines kept.

    >>> normalize("Hoà  “thuỷ”  uỷ ban")
    'Hòa "thủy" ủy ban'
    """
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    text = _OLD_TONE.sub(_move_tone, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def fold(text: str) -> str:
    """Lower case without diacritics, for matching text typed without them.

    >>> fold("Sinh hoạt Chi bộ Đảng")
    'sinh hoat chi bo dang'
    """
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


def canon(text: str) -> str:
    """Comparison form used by the metrics: normalised, lower case, `_` as space, one space."""
    return " ".join(normalize(text).lower().replace("_", " ").split())


def has_diacritics(text: str) -> bool:
    return fold(text) != text.lower()


# ---- segmentation (underthesea) -------------------------------------------------------

_lock = threading.Lock()


# underthesea's package import tries each of its optional pipelines; "translate" imports
# transformers and torch when they are installed (sentence-transformers brings them), which made
# the import 4.4 s instead of 0.5 s and a fresh `chibo ask` spend most of its first second there.
# Segmentation needs none of them: they are kept out while underthesea loads.
_UNUSED_PIPELINES = (
    "underthesea.pipeline.classification",
    "underthesea.pipeline.sentiment",
    "underthesea.pipeline.lang_detect",
    "underthesea.pipeline.dependency_parse",
    "underthesea.pipeline.translate",
    "underthesea.agent",
    "underthesea.address",
)


@lru_cache(maxsize=1)
def _underthesea():
    # Imported on first use: the CLI's fast paths (docs, --help) should not pay for it.
    with _lock:
        blocked = [m for m in _UNUSED_PIPELINES if m not in sys.modules]
        for name in blocked:
            sys.modules[name] = None  # an import of it raises ImportError: underthesea skips it
        try:
            from underthesea import sent_tokenize, word_tokenize
        finally:
            for name in blocked:
                if sys.modules.get(name, "") is None:
                    del sys.modules[name]
        return sent_tokenize, word_tokenize


def sentences(paragraph: str) -> list[str]:
    """Split one paragraph (no newlines) into sentences with underthesea.

    >>> sentences("Chi bộ họp mỗi tháng một lần. Bí thư chủ trì.")
    ['Chi bộ họp mỗi tháng một lần.', 'Bí thư chủ trì.']
    """
    paragraph = paragraph.strip()
    if not paragraph:
        return []
    sent_tokenize, _ = _underthesea()
    return [s.strip() for s in sent_tokenize(paragraph) if s.strip()]


_ENUMERATOR = re.compile(r"^\s*(?:\d{1,3}|[a-zđ]|[IVXLC]{1,5})[.)]?\s*$", re.IGNORECASE)


def sentence_spans(text: str, max_len: int | None = None) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text`; lines (paragraphs) never merge.

    Spans are cut at the sentence ends underthesea finds, so every non-blank character
    of `text` lies in exactly one span and chunks built from spans cannot lose text. With
    `max_len`, a longer sentence (a text without punctuation, a table read as one line) is cut
    at its last clause boundary, else word boundary, before the limit.
    """
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        cuts, cursor = [line_start], line_start
        for sent in sentences(line):
            found = text.find(sent, cursor, line_end)
            if found < 0:  # underthesea altered the sentence: stop cutting this line
                break
            cursor = found + len(sent)
            if _ENUMERATOR.match(text[cuts[-1] : cursor]):
                continue  # "1." alone is a list number, not a sentence: keep it with its item
            cuts.append(cursor)
        cuts.append(line_end)
        for a, b in zip(cuts, cuts[1:]):
            piece = text[a:b]
            if piece.strip():
                a += len(piece) - len(piece.lstrip())
                b -= len(piece) - len(piece.rstrip())
                spans.extend(_bounded(text, a, b, max_len) if max_len else [(a, b)])
        line_start = line_end + 1
    return spans


_CLAUSE_END = re.compile(r"[;:,)]\s")


def _bounded(text: str, a: int, b: int, max_len: int) -> list[tuple[int, int]]:
    """(a, b) cut into pieces of at most `max_len` characters, at clause ends, else spaces."""
    out = []
    while b - a > max_len:
        window = text[a : a + max_len]
        floor = max_len // 2
        clause = [m.end() for m in _CLAUSE_END.finditer(window) if m.end() > floor]
        cut = clause[-1] if clause else (window.rfind(" ") + 1 if window.rfind(" ") > floor else max_len)
        piece_end = a + cut
        stripped = text[a:piece_end].rstrip()
        out.append((a, a + len(stripped)))
        a = piece_end
        while a < b and text[a].isspace():
            a += 1
    if b > a:
        out.append((a, b))
    return out


_PUNCT_TOKEN = re.compile(r"^[\W_]+$")
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Word-segmented tokens, lower case, punctuation dropped; compounds joined by `_`.

    >>> words("Sinh hoạt chi bộ cần bảo đảm tính lãnh đạo.")
    ['sinh_hoạt', 'chi_bộ', 'cần', 'bảo_đảm', 'tính', 'lãnh_đạo']
    """
    return list(_words(text))


@functools.lru_cache(maxsize=1024)
def _words(text: str) -> tuple[str, ...]:
    # Cached: a question is segmented for BM25, for its content terms and for sentence scoring.
    text = normalize(text)
    if not text.strip():
        return ()
    out: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            out += _line_words(line)
    return tuple(out)


@functools.lru_cache(maxsize=8192)
def _line_words(line: str) -> tuple[str, ...]:
    # Lines are segmented one by one, so a chunk's header lines (title, headings), the same for
    # every chunk of a section, and lines shared by overlapping chunks are segmented once.
    _, word_tokenize = _underthesea()
    out = []
    for tok in word_tokenize(line):
        tok = tok.lower().replace(" ", "_")
        if not _PUNCT_TOKEN.match(tok):
            out.append(tok)
    return tuple(out)


def syllables(text: str) -> list[str]:
    """Lower-case syllables (letters and digits), punctuation dropped."""
    return _TOKEN_RE.findall(normalize(text).lower())


def syllable_spans(text: str) -> list[re.Match]:
    """The syllables `syllables` reads, as matches over the normalised lower-case text (`.string`)
    with their positions: where a syllable stands beside the punctuation `syllables` drops."""
    return list(_TOKEN_RE.finditer(normalize(text).lower()))


def bm25_tokens(text: str, mode: str = "words") -> list[str]:
    """Tokens that BM25 indexes for `text`: each token plus its folded form when different.

    mode "words": underthesea words; "syllables": syllables and adjacent-syllable pairs.
    """
    if mode == "words":
        base = words(text)
    elif mode == "syllables":
        syl = syllables(text)
        base = syl + [f"{a}_{b}" for a, b in zip(syl, syl[1:])]
    else:
        raise ValueError(f"Unknown tokenizer mode '{mode}'. Supported: words, syllables.")
    out = list(base)
    for tok in base:
        folded = fold_word(tok)
        if folded != tok:
            out.append(folded)
    return out


@functools.lru_cache(maxsize=200_000)
def fold_word(token: str) -> str:
    """`fold` for one word, cached: a library has a few ten thousand distinct ones."""
    return fold(token)


# ---- numbers written in words ------------------------------------------------------------
_UNITS = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "nhăm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}  # fmt: skip
_NUMBER_WORDS = set(_UNITS) | {"mười", "mươi", "trăm", "linh", "lẻ"}
_UNIT_AFTER = {"mươi", "mười", "linh", "lẻ"}  # after these a digit word continues the number
_NUMBER_UNIT = {
    "tuổi", "tháng", "ngày", "năm", "tuần", "giờ", "lần", "người", "đảng", "đồng", "phần", "ủy", "uỷ", "đại",
    "thành", "chi", "cấp", "kỳ", "nhiệm", "bước", "nội", "hình", "loại", "trường", "phút", "quý", "tiếng",
    "ngàn", "nghìn", "triệu", "tỷ", "cán", "thôn", "tổ", "xã", "huyện", "tỉnh", "chữ", "trang", "ban", "lớp",
}  # fmt: skip
_TOKEN = re.compile(r"\w+", re.UNICODE)
# a word `spell_out_numbers` reads as a number, in any case: a text without one is left as it is
_ANY_NUMBER_WORD = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE
)


def _read_number(words: list[str], i: int) -> tuple[int, int] | None:
    """(value, next index) of the number written in words from `words[i]`, greedily."""
    value, current, j = 0, None, i
    while j < len(words):
        w = words[j]
        if w == "trăm" and j > i:
            value += (current or 1) * 100
            current = None
        elif w == "mười" and current is None:
            current = 10
        elif w == "mươi" and current is not None and current < 10:
            current *= 10
        elif w in ("linh", "lẻ") and j > i and words[j - 1] == "trăm":
            pass
        elif w in _UNITS and (current is None or (current >= 10 and current % 10 == 0)):
            prev = words[j - 1] if j > i else None
            if current is not None and prev not in _UNIT_AFTER:
                break
            current = (current or 0) + _UNITS[w] if current is not None else _UNITS[w]
        else:
            break
        j += 1
        if current is not None and current < 10 and j < len(words) and words[j] not in ("mươi", "trăm"):
            break  # a single digit word ends unless "mươi"/"trăm" follows
    if j == i:
        return None
    return value + (current or 0), j


def spell_out_numbers(text: str) -> str:
    """Numbers written in words as digits, so that "mười hai tháng" matches "12 tháng".

    Only numbers followed by a unit or a fraction are converted ("năm" alone is also "year",
    "ba" also "father"): "mười tám tuổi" → "18 tuổi", "hai phần ba" → "2/3".

    >>> spell_out_numbers("Công dân từ mười tám tuổi trở lên, ít nhất hai phần ba số đảng viên, mỗi tháng một lần")
    'Công dân từ 18 tuổi trở lên, ít nhất 2/3 số đảng viên, mỗi tháng 1 lần'
    >>> spell_out_numbers("năm năm một lần; ba mươi ngày; một trăm linh năm người")
    '5 năm 1 lần; 30 ngày; 105 người'

    A unit read is not read again as a number, nor is a word right after digits: "năm" there is
    the year ("quá một năm; đảng viên 90 năm tuổi đảng", not "1 5 đảng viên", "90 5 tuổi").

    >>> spell_out_numbers("không quá một năm; đảng viên 90 năm tuổi đảng")
    'không quá 1 năm; đảng viên 90 năm tuổi đảng'
    """
    if _ANY_NUMBER_WORD.search(text) is None:  # most sentences: nothing to read as a number
        return _fractions(text)
    tokens = list(_TOKEN.finditer(text))
    words = [t.group().lower() for t in tokens]
    out, pos, i = [], 0, 0
    while i < len(tokens):
        if words[i] not in _NUMBER_WORDS or (
            i and words[i - 1].isdigit() and not text[tokens[i - 1].end() : tokens[i].start()].strip()
        ):
            i += 1
            continue
        read = _read_number(words, i)
        if read is None:
            i += 1
            continue
        value, j = read
        follows = words[j] if j < len(words) else ""
        if follows in _NUMBER_UNIT:
            out.append(text[pos : tokens[i].start()] + str(value))
            pos = tokens[j - 1].end()
            j += 1  # the unit is read: "một năm" is one year, its "năm" not a five
        i = j
    out.append(text[pos:])
    return _fractions("".join(out))


def _fractions(text: str) -> str:
    return _FRACTION.sub(_fraction, text) if "phần" in text else text


_FRACTION = re.compile(r"(\d+)\s+phần\s+(\d+|\w+)")


def _fraction(m: re.Match) -> str:
    denominator = m.group(2)
    if not denominator.isdigit():
        read = _read_number([denominator.lower()], 0)
        if read is None:
            return m.group()
        denominator = str(read[0])
    return f"{m.group(1)}/{denominator}"
