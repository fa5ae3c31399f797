"""Legacy Vietnamese encodings: TCVN3 (ABC, .VnTime fonts) and VNI (VNI-Times) to Unicode.

Old .doc/.docx/.txt files typed with these fonts look like mojibake ("®¶ng" for "đảng",
"ñaûng" for "đảng") once the font is gone. Text that already contains Vietnamese Unicode
letters is never converted.
"""

from __future__ import annotations

import re
import unicodedata

# TCVN3 (TCVN 5712:1993 VN3): one Latin-1 code point per Vietnamese letter. Capital letters with
# tone marks do not exist in VN3 (documents switch to a capitals font), so only lower case here
# plus the capital base letters Ă Â Ê Ô Ơ Ư Đ.
_TCVN3_LOWER = {
    "a": "µ¶·¸¹",
    "ă": "»¼½¾Æ",
    "â": "ÇÈÉÊË",
    "e": "ÌÎÏÐÑ",
    "ê": "ÒÓÔÕÖ",
    "i": "×ØÜÝÞ",
    "o": "ßáâãä",
    "ô": "åæçèé",
    "ơ": "êëìíî",
    "u": "ïñòóô",
    "ư": "õö÷øù",
    "y": "úûüýþ",
}
# order of the five tone marks in each group above: grave, hook above, tilde, acute, dot below
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
TCVN3: dict[str, str] = {
    "¨": "ă",
    "©": "â",
    "ª": "ê",
    "«": "ô",
    "¬": "ơ",
    "\u00ad": "ư",
    "®": "đ",
    "¡": "Ă",
    "¢": "Â",
    "£": "Ê",
    "¤": "Ô",
    "¥": "Ơ",
    "¦": "Ư",
    "§": "Đ",
}
for _base, _chars in _TCVN3_LOWER.items():
    for _ch, _tone in zip(_chars, _TONES):
        TCVN3[_ch] = unicodedata.normalize("NFC", _base + _tone)

# VNI: an ASCII letter followed by Latin-1 "mark" characters (two marks for â/ă/ê/ô + tone).
_VNI_TONES_LOWER = {"ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ù": "\u0301", "ï": "\u0323"}
_VNI_TONES_UPPER = {"Ø": "\u0300", "Û": "\u0309", "Õ": "\u0303", "Ù": "\u0301", "Ï": "\u0323"}
# circumflex and breve vowels take their tone in one combined mark character
_VNI_CIRC_LOWER = {"â": "", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "á": "\u0301", "ä": "\u0323"}
_VNI_BREVE_LOWER = {"ê": "", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "é": "\u0301", "ë": "\u0323"}
_VNI_CIRC_UPPER = {"Â": "", "À": "\u0300", "Å": "\u0309", "Ã": "\u0303", "Á": "\u0301", "Ä": "\u0323"}
_VNI_BREVE_UPPER = {"Ê": "", "È": "\u0300", "Ú": "\u0309", "Ü": "\u0303", "É": "\u0301", "Ë": "\u0323"}


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _vni_table() -> dict[str, str]:
    t: dict[str, str] = {}
    for lower, tones, circ, breve in (
        (True, _VNI_TONES_LOWER, _VNI_CIRC_LOWER, _VNI_BREVE_LOWER),
        (False, _VNI_TONES_UPPER, _VNI_CIRC_UPPER, _VNI_BREVE_UPPER),
    ):

        def case(c: str, lower: bool = lower) -> str:
            return c if lower else c.upper()

        for v in "aeiouy":
            for mark, tone in tones.items():
                t[case(v) + mark] = _nfc(case(v) + tone)
        for v, circ_mark in (("a", "\u0302"), ("e", "\u0302"), ("o", "\u0302")):
            for mark, tone in circ.items():
                t[case(v) + mark] = _nfc(case(v) + circ_mark + tone)
        for mark, tone in breve.items():
            t[case("a") + mark] = _nfc(case("a") + "\u0306" + tone)
    # ơ, ư are single characters that then take the ordinary tone marks
    t.update({"ô": "ơ", "ö": "ư", "Ô": "Ơ", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ"})
    for base, uni in (("ô", "ơ"), ("ö", "ư")):
        for mark, tone in _VNI_TONES_LOWER.items():
            t[base + mark] = _nfc(uni + tone)
    for base, uni in (("Ô", "Ơ"), ("Ö", "Ư")):
        for mark, tone in _VNI_TONES_UPPER.items():
            t[base + mark] = _nfc(uni + tone)
    # i and y: ì í are themselves; ỉ ĩ ị (and ỵ) have single characters of their own
    t.update({"æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ"})
    return t


VNI = _vni_table()
_VNI_RE = re.compile("|".join(sorted(map(re.escape, VNI), key=len, reverse=True)))
_TCVN3_RE = re.compile("[" + re.escape("".join(TCVN3)) + "]")
# Letters only Unicode Vietnamese text has (ă đ ơ ư and every precomposed tone letter).
_UNICODE_VI = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
# Characters that TCVN3 uses for the commonest Vietnamese letters (à ả ã á ạ ă â ê ô ơ ư đ) and
# that Western text almost never contains; accented letters like é or Ø prove nothing.
_TCVN3_MARKERS = re.compile("[µ¶·¸¹»¼½¾¨©ª«¬®§¡¢£¤¥¦\u00adþ]")
_VNI_MARKERS = re.compile("[aeiouyAEIOUY][øûõùïâàåãáäêèúüéëØÛÕÙÏÂÀÅÃÁÄÊÈÚÜÉË]|[ñÑ]|[ôöÔÖ][øûõùïØÛÕÙÏ]?")


def detect(text: str) -> str | None:
    """ "tcvn3", "vni", or None (already Unicode, or plain text).

    >>> detect("Sinh ho¹t chi bé ®¶ng"), detect("Sinh hoaït chi boä"), detect("Sinh hoạt chi bộ")
    ('tcvn3', 'vni', None)
    """
    words = text.split()
    if not words:
        return None
    if len(_UNICODE_VI.findall(text)) >= max(3, len(words) // 50):
        return None  # Unicode Vietnamese: never convert
    tcvn = sum(1 for w in words if _TCVN3_MARKERS.search(w))
    vni = sum(1 for w in words if _VNI_MARKERS.search(w))
    best, score = ("vni", vni) if vni > tcvn else ("tcvn3", tcvn)
    return best if score >= max(2, len(words) * 0.08) else None


def convert(text: str, encoding: str) -> str:
    """Convert legacy-font text to NFC Unicode.

    >>> convert("§¶ng viªn sinh ho¹t chi bé", "tcvn3")
    'Đảng viên sinh hoạt chi bộ'
    >>> convert("Ñaûng vieân sinh hoaït chi boä", "vni")
    'Đảng viên sinh hoạt chi bộ'
    """
    if encoding == "tcvn3":
        return _nfc(_TCVN3_RE.sub(lambda m: TCVN3[m.group(0)], text))
    if encoding == "vni":
        return _nfc(_VNI_RE.sub(lambda m: VNI[m.group(0)], text))
    raise ValueError(f"Unknown legacy encoding '{encoding}'. Supported: tcvn3, vni.")


def to_legacy(text: str, encoding: str) -> str:
    """Unicode → legacy form (for tests and for checking a conversion by eye)."""
    table = TCVN3 if encoding == "tcvn3" else VNI
    reverse: dict[str, str] = {}
    for k, v in table.items():
        reverse.setdefault(v, k)
    out = []
    for ch in _nfc(text):
        out.append(reverse.get(ch, ch))
    return "".join(out)


LABELS = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI", "cp1258": "Windows-1258"}
_TONE_MARKS = set("\u0300\u0301\u0303\u0309\u0323")
_SHAPE_MARKS = set("\u0302\u0306\u031b")  # circumflex, breve, horn
_WORD = re.compile(r"[^\W\d_]+")


def vietnamese_score(text: str) -> float:
    """Share of words that are well-formed Vietnamese syllables: Latin letters (with đ) carrying
    at most one tone mark and only circumflex, breve or horn otherwise."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    good = 0
    for w in words:
        d = unicodedata.normalize("NFD", w.lower().replace("đ", "d"))
        tones = sum(1 for c in d if c in _TONE_MARKS)
        if tones <= 1 and all(("a" <= c <= "z") or c in _TONE_MARKS or c in _SHAPE_MARKS for c in d):
            good += 1
    return good / len(words)


def fix(text: str) -> tuple[str, str | None]:
    """(Unicode text, legacy encoding it was converted from, or None)."""
    enc = detect(text)
    if not enc:
        return text, None
    converted = convert(text, enc)
    # Convert only when it really yields better-formed Vietnamese than the text as it is.
    if vietnamese_score(converted) <= vietnamese_score(text) + 0.05:
        return text, None
    return converted, enc


def decode_single_byte(data: bytes) -> tuple[str, str]:
    """Bytes that are not UTF-8: Windows-1258, TCVN3 or VNI, whichever reads as Vietnamese best."""
    latin = data.decode("latin-1")
    candidates = {"tcvn3": convert(latin, "tcvn3"), "vni": convert(latin, "vni")}
    try:
        candidates["cp1258"] = _nfc(data.decode("cp1258"))
    except UnicodeDecodeError:
        pass
    best = max(candidates, key=lambda k: (vietnamese_score(candidates[k]), k == "cp1258"))
    return candidates[best], best
