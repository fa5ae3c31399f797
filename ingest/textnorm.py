"""The one Vietnamese text module used by ingest and by queries.

Normalisation (NFC, tone-mark placement, spaces and quotes), diacritic folding, sentence
and word segmentation (underthesea, loaded lazily once per process) and the token
streams fed to BM25. If ingest and query segmented text differently BM25 would silently
degrade, so both sides call only these functions.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from functools import lru_cache

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


@lru_cache(maxsize=1)
def _underthesea():
    # Imported on first use: loading underthesea costs ~2 s and the CLI's fast paths
    # (docs, --help) should not pay it.
    with _lock:
        from underthesea import sent_tokenize, word_tokenize

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


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text`; lines (paragraphs) never merge.

    Spans are cut at the sentence ends underthesea finds, so every non-blank character
    of `text` lies in exactly one span and chunks built from spans cannot lose text.
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
                spans.append((a, b))
        line_start = line_end + 1
    return spans


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
