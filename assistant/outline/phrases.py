"""The topic's phrases found word for word in a provision: a sign of which clause of an article
governs the topic that single words miss.

"Giải quyết đơn xin ra khỏi Đảng" shares "đảng viên", "chi bộ" with every clause of Điều 8; only
khoản 3 says "xin ra khỏi Đảng". "Phát huy vai trò Đoàn Thanh niên …" names Điều 44 by "Đoàn
Thanh niên", where the passages retrieved are about admission (Điều 4). A phrase is a run of the topic's words that starts
and ends with a content word and holds at least two of them, not all of them words every passage
here shares ("đảng viên", "chi bộ"); it is matched on folded syllables, punctuation aside
("kiểm tra, giám sát" is "kiem tra giam sat"). A provision's score is the sum, over the longest
phrases it holds, of each phrase's syllables times its rarity among the official texts'
provisions, log(1 + N / df): a phrase half the library has says little.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from assistant.query import STOPWORDS_EXACT
from ingest import textnorm

# Words every passage of this library shares: a phrase made of them alone names no clause.
GENERIC = frozenset({"dang_vien", "chi_bo", "sinh_hoat", "dang", "cap_uy", "cap", "uy", "to_chuc", "co_so"})
MAX_WORDS = 6
# A phrase does not run across these ("Tuổi đảng: tính thế nào …"); a comma it may ("kiểm tra,
# giám sát").
_BREAK = re.compile(r"[:;.()?!–—]|\s-\s")  # longest run of topic words tried as one phrase


def syllables(text: str) -> str:
    """Folded syllables joined by single spaces, padded: " kiem tra giam sat "."""
    return " " + " ".join(re.findall(r"\w+", textnorm.fold(text).lower())) + " "


@lru_cache(maxsize=512)
def topic_phrases(topic: str, aim: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The topic's phrases (folded syllables), words in `aim` ("nâng cao", "chất lượng") not
    counted as content."""
    out: dict[str, None] = {}
    for part in _BREAK.split(topic):
        ws = _joined(textnorm.words(part))
        content = [
            w.lower() not in STOPWORDS_EXACT and any(c.isalpha() for c in w) and textnorm.fold_word(w) not in aim
            for w in ws
        ]
        for i in range(len(ws)):
            if not content[i]:
                continue
            for j in range(i + 1, min(len(ws), i + MAX_WORDS)):
                if not content[j]:
                    continue
                inner = [textnorm.fold_word(ws[k]) for k in range(i, j + 1) if content[k]]
                phrase = syllables(" ".join(ws[i : j + 1]).replace("_", " ")).strip()
                if len(inner) >= 2 and not all(w in GENERIC for w in inner):
                    out[phrase] = None
    return tuple(out)


def _joined(ws: list[str]) -> list[str]:
    """Words with "nâng cao", which the segmenter reads as two, as one."""
    out: list[str] = []
    for w in ws:
        if out and textnorm.fold_word(out[-1]) == "nang" and textnorm.fold_word(w) == "cao":
            out[-1] = f"{out[-1]}_{w}"
        else:
            out.append(w)
    return out


class PhraseIndex:
    """Folded texts of a set of provisions, for phrase counts and scores."""

    def __init__(self, texts: dict[int, str]) -> None:
        self.texts = {k: syllables(t) for k, t in texts.items()}
        self._df: dict[str, int] = {}

    def df(self, phrase: str) -> int:
        if phrase not in self._df:
            needle = f" {phrase} "
            self._df[phrase] = sum(needle in t for t in self.texts.values())
        return self._df[phrase]

    def score(self, phrases: tuple[str, ...], key: int) -> float:
        """The phrase score of the provision `key` for a topic's `phrases`."""
        text = self.texts.get(key)
        if not text:
            return 0.0
        held = [p for p in phrases if f" {p} " in text]
        longest = [p for p in held if not any(p != o and f" {p} " in f" {o} " for o in held)]
        n = len(self.texts)
        return sum(len(p.split()) * math.log(1 + n / self.df(p)) for p in longest)
