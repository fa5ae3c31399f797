"""Contrasting alternatives (`contrasts.toml`): the member of a closed class a true/false statement
names where the text names another ("chế độ thủ trưởng" for "chế độ tập thể")."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from ingest import textnorm

CONTRASTS_FILE = Path(__file__).with_name("contrasts.toml")


def _folded(text: str) -> str:
    return " ".join(textnorm.fold(w) for w in textnorm.syllables(text))


@lru_cache(maxsize=1)
def classes_named() -> dict[str, tuple[tuple[str, str], ...]]:
    """Each class by its name, its members as (folded, as written), longest first."""
    with open(CONTRASTS_FILE, "rb") as f:
        data = tomllib.load(f)
    return {
        name: tuple(sorted(((_folded(m), m) for m in spec["members"]), key=lambda fm: -len(fm[0].split())))
        for name, spec in data.items()
    }


@lru_cache(maxsize=1)
def classes() -> tuple[tuple[tuple[str, str], ...], ...]:
    """Each class's members, as `classes_named` reads them."""
    return tuple(classes_named().values())


def distinct(a: str, b: str) -> bool:
    """Whether two members (folded) name different things: neither's words hold the other's
    ("cấp trên" and "cấp trên trực tiếp", "chi bộ" and "chi bộ cơ sở" do not contrast)."""
    wa, wb = set(a.split()), set(b.split())
    return not (wa <= wb or wb <= wa)


def _named(members: tuple[tuple[str, str], ...], folded: str) -> dict[str, str]:
    """The members `folded` names (each span read once, longest member first)."""
    text, found = f" {folded} ", {}
    for key, written in members:
        if f" {key} " in text:
            found[key] = written
            text = text.replace(f" {key} ", " | ")
    return found


_OPENING = re.compile(r"^(?:[-–•+]\s*|[a-zđ]\)\s*|\d+(?:\.\d+)*\.?\s*)*(?:(?:các|mỗi|từng)\s+)?", re.IGNORECASE)


@lru_cache(maxsize=8192)
def opening_body(text: str) -> str | None:
    """The body a text opens with, folded (class "body" of `contrasts.toml`): "chi bo co so" for
    "Chi bộ cơ sở: Biểu dương, tặng giấy khen …", "dang uy co so" for "- Đảng ủy cơ sở quyết định
    …"; None when it opens with something else.

    >>> opening_body("1. Chi bộ quyết định khiển trách, cảnh cáo đảng viên trong chi bộ.")
    'chi bo'
    >>> opening_body("Đảng viên được thông tin và thảo luận.") is None
    True
    """
    head = f" {_folded(_OPENING.sub('', text.strip(), count=1))} "
    members = classes_named().get("body", ())
    return next((key for key, _ in members if head.startswith(f" {key} ")), None)


def contrast(statement: str, sentence: str) -> tuple[str, str] | None:
    """(what the statement names, what the sentence names instead): a member of some class the
    statement names and the sentence does not, and one the sentence names and the statement
    does not, neither holding the other's words.

    >>> contrast("Ủy ban kiểm tra làm việc theo chế độ thủ trưởng.", "Ủy ban kiểm tra các cấp làm việc theo chế độ tập thể.")
    ('thủ trưởng', 'tập thể')
    >>> contrast("Báo cáo cấp trên trực tiếp.", "Báo cáo cấp ủy cấp trên.") is None
    True
    """
    mine_text, theirs_text = _folded(statement), _folded(sentence)
    for members in classes():
        mine, theirs = _named(members, mine_text), _named(members, theirs_text)
        for a in [k for k in mine if k not in theirs]:
            for b in [k for k in theirs if k not in mine]:
                if distinct(a, b):
                    return mine[a], theirs[b]
    return None


_CLAUSE_BREAK = re.compile(r"[,;:.!?\n]")
ANCHOR = 2  # syllables the statement and the sentence share on each side of a swapped phrase
SWAP_MAX = 6  # syllables of the statement's phrase at most (the text's may be a little longer)


def align(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """The index pairs of a longest common subsequence of `a` and `b`."""
    n, m = len(a), len(b)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if a[i] == b[j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


@lru_cache(maxsize=64)
def _aligned(statement: str, sentence: str):
    """Both texts' syllables, as written and folded, and their alignment (`align`), once per pair:
    the true/false check reads it for the covered span and for a swapped phrase."""
    said, text = tuple(textnorm.syllables(statement)), tuple(textnorm.syllables(sentence))
    a, b = tuple(textnorm.fold(w) for w in said), tuple(textnorm.fold(w) for w in text)
    return said, text, a, b, tuple(align(a, b))


def swapped(
    statement: str, sentence: str, stopwords: frozenset[str] | set[str] = frozenset()
) -> tuple[str, str] | None:
    """(the statement's phrase, the sentence's phrase in its place): where the two share at least
    `ANCHOR` syllables on each side of a short phrase and the phrases share no content syllable
    with the other text at all ("tổ chức đảng ở địa phương nơi cư trú xem xét" against "tổ chức
    đảng ở trường học, cơ sở đào tạo đó xem xét"). Numbers are left to the number check.

    >>> swapped("Người đang chờ tốt nghiệp thì tổ chức đảng ở địa phương nơi cư trú xem xét kết nạp.",
    ...         "Người đang chờ tốt nghiệp thì tổ chức đảng ở trường học đó xem xét kết nạp.")
    ('địa phương nơi cư trú', 'trường học đó')
    >>> swapped("Chi bộ có từ chín đảng viên thì bầu chi ủy.", "Chi bộ có chín đảng viên, bầu chi ủy.", {"tu", "thi"}) is None
    True
    >>> swapped("Khi bị tạm giam thì chi bộ hoãn việc bầu cử đại hội.",
    ...         "Khi bị tạm giam, chi bộ vẫn tiến hành bầu cử đại hội.")
    ('hoãn việc', 'vẫn tiến hành')
    >>> swapped("Chi bộ họp để thông qua nghị quyết.", "Chi bộ họp để bàn bạc nghị quyết, rồi thông qua.") is None
    True

    The last words too, when both texts end there: "… giải thể đảng bộ, chi bộ cùng cấp" against
    "… giải thể đảng bộ, chi bộ trực thuộc".

    >>> swapped("Cấp ủy cấp trên quyết định giải thể chi bộ cùng cấp.", "Cấp ủy cấp trên quyết định giải thể chi bộ trực thuộc.")
    ('cùng cấp', 'trực thuộc')

    Phrases are told apart as written when both texts carry their diacritics ("thôi" is not the
    "thời" of "tạm thời"), and as words when they share a syllable but no word:

    >>> swapped("Khi chuyển sinh hoạt tạm thời thì thôi là cấp ủy viên nơi sinh hoạt chính thức.",
    ...         "Khi chuyển sinh hoạt tạm thời thì vẫn là cấp ủy viên nơi sinh hoạt chính thức.")
    ('thôi', 'vẫn')
    >>> swapped("Tổ đảng hoạt động dưới sự chỉ đạo của đảng ủy cơ sở.", "Tổ đảng hoạt động dưới sự chỉ đạo của chi ủy.")
    ('đảng ủy cơ sở', 'chi ủy')
    """
    said, text, a, b, pairs = _aligned(statement, sentence)
    # the phrases are told apart as written when both texts are ("thôi" is not "thời", which
    # fold alike); aligned folded, so a statement typed without diacritics still lines up
    ka, kb = (_written(said), _written(text)) if _accented(said) and _accented(text) else (a, b)
    in_a, in_b = set(ka), set(kb)

    def content(words: tuple[str, ...], keys: tuple[str, ...]) -> list[str]:
        return [k for w, k in zip(words, keys) if w not in stopwords and w.isalpha()]

    def differ(i1: int, i2: int, j1: int, j2: int) -> tuple[str, str] | None:
        ours, theirs = a[i1 + 1 : i2], b[j1 + 1 : j2]
        if len(ours) > SWAP_MAX or len(theirs) > SWAP_MAX + 2:
            return None
        if any(any(c.isdigit() for c in w) for w in ours + theirs):
            return None
        ko, kt = ka[i1 + 1 : i2], kb[j1 + 1 : j2]
        mine, other = content(ours, ko), content(theirs, kt)
        if (
            mine
            and other
            and (
                _foreign(ko, kt, mine, other, ka, kb, in_a, in_b)
                or _foreign_words(statement, i1 + 1, i2, sentence, j1 + 1, j2, stopwords)
            )
        ):
            return " ".join(said[i1 + 1 : i2]), " ".join(text[j1 + 1 : j2])
        return None

    for k in range(ANCHOR - 1, len(pairs) - ANCHOR):
        (i1, j1), (i2, j2) = pairs[k], pairs[k + 1]
        if i2 - i1 < 2 or j2 - j1 < 2:
            continue  # nothing between on one side: a word added or left out, not swapped
        # the anchors: runs of matched syllables, contiguous on both sides
        before = all(pairs[k - d] == (i1 - d, j1 - d) for d in range(ANCHOR))
        after = all(pairs[k + 1 + d] == (i2 + d, j2 + d) for d in range(ANCHOR))
        if before and after and (found := differ(i1, i2, j1, j2)):
            return found
    # the tails after the last shared run, each the end of its text; a syllable shared after
    # it alone does not end it ("của đảng ủy cơ sở" against "của chi ủy")
    for k in (len(pairs) - 1, len(pairs) - 2):
        if k < ANCHOR - 1:
            break
        i1, j1 = pairs[k]
        if all(pairs[k - d] == (i1 - d, j1 - d) for d in range(ANCHOR)):
            return differ(i1, len(a), j1, len(b)) if i1 + 1 < len(a) and j1 + 1 < len(b) else None
    return None


def _foreign(ours, theirs, mine, other, a, b, in_a, in_b) -> bool:
    """Whether two phrases in the same place say different things: no content syllable of
    either is anywhere in the other text; or, both of two syllables or more and sharing no
    content syllable, no pair of adjacent syllables of either is in the other text ("tạm dừng
    việc" against "vẫn tiến hành", where the sentence has "tạm" in "bị tạm giam" earlier: a
    syllable met elsewhere is no sign the phrase was moved, a pair of them is)."""
    if not any(w in in_b for w in mine) and not any(w in in_a for w in other):
        return True
    if len(ours) < 2 or len(theirs) < 2 or set(mine) & set(other):
        return False
    return not (_pairs(ours) & _pairs(b)) and not (_pairs(theirs) & _pairs(a))


def _foreign_words(text_a: str, i1: int, i2: int, text_b: str, j1: int, j2: int, stopwords) -> bool:
    """Whether the phrases at syllables i1:i2 of `text_a` and j1:j2 of `text_b` say different
    things read as words (segmented in their sentences), not syllables: no content word of
    either is in the other text ("đảng ủy cơ sở" against "chi ủy", which share the syllable "ủy"
    and no word)."""
    wa, wb = _syllable_words(text_a), _syllable_words(text_b)
    if not wa or not wb:
        return False  # the segmenter and the syllables did not line up
    mine = {w for w in wa[i1:i2] if _content(w, stopwords)}
    other = {w for w in wb[j1:j2] if _content(w, stopwords)}
    return bool(mine and other) and not (mine & set(wb)) and not (other & set(wa))


def _content(word: str, stopwords) -> bool:
    return word.replace("_", "").isalpha() and textnorm.fold(word) not in stopwords


@lru_cache(maxsize=256)
def _syllable_words(text: str) -> tuple[str, ...]:
    """The word (`textnorm.words`, segmented in context) each syllable of `text` belongs to;
    empty when the two readings count syllables differently."""
    out = tuple(w for w in textnorm.words(text) for _ in w.split("_"))
    return out if len(out) == len(textnorm.syllables(text)) else ()


def _written(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w.lower() for w in words)


def _accented(words: tuple[str, ...]) -> bool:
    """Whether a text is written with its diacritics (some syllable folds to another spelling)."""
    return any(textnorm.fold(w) != w.lower() for w in words)


def _pairs(words) -> set[tuple[str, str]]:
    return set(zip(words, words[1:]))


def covered_span(statement: str, sentence: str) -> str:
    """`sentence` up to the last syllable the statement's words run to: a clause the sentence
    adds after what the statement quotes says nothing about the statement (what stands before
    it may govern it: "Không xem xét kết nạp lại những người …").

    >>> covered_span("Đảng viên được bảo lưu ý kiến.", "Đảng viên được bảo lưu ý kiến, không được truyền bá ý kiến trái.")
    'đảng viên được bảo lưu ý kiến'
    """
    _said, text, _a, _b, pairs = _aligned(statement, sentence)
    if not pairs:
        return sentence
    return " ".join(text[: _clause_end(sentence, pairs[-1][1] + 1)])


def said_closely(statement: str, sentence: str) -> float:
    """How much of the statement `sentence` says, and how closely: the syllables both share in
    order, squared, over the stretch of the sentence they run across. Of two sentences holding
    a statement's words, the one saying them in one place is the one about it ("… thì vẫn là cấp
    ủy viên nơi sinh hoạt chính thức", not a long sentence holding the same words across three
    rules); of two saying them closely, the one saying more."""
    *_, pairs = _aligned(statement, sentence)
    if not pairs:
        return 0.0
    return len(pairs) ** 2 / (pairs[-1][1] - pairs[0][1] + 1)


def _clause_end(sentence: str, k: int) -> int:
    """How many syllables of `sentence` run to the end of the clause its `k`-th syllable is in
    (the next comma, semicolon, colon or full stop): a phrase the statement's last words start
    ("cấp ủy cấp" of "cấp ủy cấp trên trực tiếp") is read whole."""
    tokens = textnorm.syllable_spans(sentence)
    if k >= len(tokens):
        return len(tokens)
    text = tokens[0].string
    stop = _CLAUSE_BREAK.search(text, tokens[k - 1].end())
    end = stop.start() if stop else len(text)
    return k + sum(1 for t in tokens[k:] if t.start() < end)
