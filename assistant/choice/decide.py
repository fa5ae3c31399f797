"""Choosing an option: each option judged against the sentences of the retrieved passages.

The sentences most about the stem (its IDF-weighted words, read with the title, headings and the
first line of the clause they sit in) are the candidates; an option is supported by the one of
them that holds its words, numbers compared as values, best as a phrase. The best-supported
option is chosen when it stands out; "Cả 3 phương án trên" when every option it names is
supported; for a stem asking for the exception, the one option the passages do not support; for
"Đúng hay sai?", the statement against the sentence most about it. Otherwise none ("không đủ căn
cứ"). Every choice keeps the sentence it rests on and, for each other option, what the text says
instead, where it shows it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from assistant import cues
from assistant.choice.contrast import align, contrast, covered_span, distinct, opening_body, said_closely, swapped
from assistant.choice.forms import BLANK, Option, Stem, plain_numbers, read_option, read_stem, without_shared_tail
from assistant.gates.evidence import candidates
from assistant.query import SOURCE_CLAUSE, STOPWORDS, STOPWORDS_EXACT, Query, mentions_of
from ingest import docnumbers, textnorm
from ingest.model import Hit, is_charter

# "A. text", "B) text", "(C) text" at the start of a line or after whitespace.
_OPTION = re.compile(r"(?:(?<=\s)|^)\(?([A-H])[.)]\s+(?=\S)", re.M)  # capitals: "a)" is a legal point
# lower-case "a." / "a)" options only when each sits at the start of a line
_OPTION_LOWER = re.compile(r"^\s*\(?([a-h])[.)]\s+(?=\S)", re.M)
# a stem asking for the exception ("KHÔNG phải", "ngoại trừ", "câu nào sai"): cue group
# "exception_stem" of assistant/cues.toml
_NEGATED = cues.cue("exception_stem")
_STATED_EXCEPTION = re.compile(r"\b(?:tru|ngoai tru)\s+(?:truong hop|khi|doi tuong)\s+(?:nao|gi)\b")
# Decision thresholds, set on the tune halves of mcq.jsonl and contest_bank.jsonl (README).
MIN_SUPPORT = 0.6  # the chosen option's support (words found, as a phrase) in one relevant sentence
MIN_MARGIN = 0.1  # over the runner-up
LIST_REL = 0.8  # an exception read off a list: clauses this close to the most relevant one
LIST_PHRASE = 0.9  # … naming an option this well (as a phrase)
LIST_LEAD = 0.05  # two such clauses that disagree: the closer one decides when it leads by this
EXCEPTION_STATED = 0.8  # the exception's option, as a phrase in some passage, is not the exception
STATED_ABOUT = 0.8  # ... when that sentence is this much about the stem as the list clause
ALL_SUPPORT = 0.7  # "Cả 3 phương án trên": every option it names at least this well supported
LONE_MARGIN = 0.2  # … else one named option alone, when it leads the others it names by this
# "Đúng": the statement's words in the sentence that holds most of them, when no number, negation
# or contrasting word says otherwise, and that share of them in the same order. Sixth stop: 0.6 in
# order (was 0.75) answered tune b-207, whose statement says the sentence's words in another order;
# 0.85 of the words (from 0.95) also answered tune b-074 but turned the fresh held b-263 wrong (its
# "đảng ủy cơ sở" in place of the text's "chi ủy"): a word the sentence lacks may be the one a
# false statement changed, so every word is still wanted
TRUE_COVER = 0.95
TF_NUMBER_COVER = 0.7  # "Sai" on another number only in a sentence holding this much of the statement
TRUE_IN_ORDER = 0.6  # … and this share of the statement's syllables in the same order
TF_NEGATION_COVER = 0.6  # "Sai" on a negation only in a sentence holding this much of the statement
TF_CONTRAST_COVER = 0.6  # "Sai" on another member of a class (contrasts.toml) or a swapped phrase likewise
# "(trừ trường hợp …)" in a stem names what the answer is not about
_EXCEPT = re.compile(r"\((?:trừ|ngoại trừ|không kể)[^)]*\)|,?\s*(?:trừ|ngoại trừ) trường hợp[^,?.]*", re.IGNORECASE)
TOP_PASSAGES = 16  # passages whose sentences are weighed (the stem's first, then each option's)
RANK_CAP = 5  # a passage's rank lowers its sentences' relevance up to this rank
POOL_SHARE = 0.6  # sentences this close to the one most about the stem are weighed at all
FOCUS_WEIGHT = 0.5  # relevance: the stem's words (IDF) and its distinctive words among these sentences
REL_POWER = 2.0  # how fast support fades with relevance
REL_CLIP = 1.0  # relevance above the best option-holding sentence's counts as equal
ABOUT_SHARE = 0.85  # sentences this close to the one most about the stem decide
CLOSING = "phần cuối"  # the section of a text's closing block (`ingest.structure`: "Nơi nhận", "T/M")
# a stem naming a held text: another text's sentences count this share of their coverage (bank tune
# half: 0.9 turned b-260 from wrong to abstained and changed no other answer; 0.8 also turned held
# b-212 from right to wrong)
OTHER_SOURCE = 0.9
# a stem opening with a body ("chi bộ có thẩm quyền …"): a sentence opening with another body
# ("Đảng ủy cơ sở quyết định …") supports an option this much (bank tune half: 0.85 answered
# b-162 and b-177, 0.75 also b-260, 0.6 the same as 0.75; none turned wrong)
OTHER_BODY = 0.75


@dataclass
class MultipleChoice:
    stem: str
    options: list[str]
    parts: Stem | None = None
    forms: list[Option] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.parts is None:
            self.parts = read_stem(self.stem, self.options)
        if not self.forms:
            self.forms = [read_option(o, i, len(self.options)) for i, o in enumerate(self.options)]
            without_shared_tail(self.forms)

    def labelled(self, i: int) -> str:
        return f"{'ABCDEFGH'[i]}. {self.options[i]}"

    @property
    def question(self) -> str:
        """The stem to search with: without the bank's lead-in and a long source preamble."""
        return self.parts.question

    @property
    def true_false(self) -> bool:
        return self.parts.true_false

    @cached_property
    def folded(self) -> bool:
        """Typed without diacritics (stem and options): words are then compared folded."""
        return not textnorm.has_diacritics(self.stem + " ".join(self.options))

    @cached_property
    def statement(self) -> str:
        """The stem proper, after the source it names ("Theo Quy định 294-QĐ/TW, …"): a true/false
        item's statement, the body a stem opens with."""
        return SOURCE_CLAUSE.sub("", self.question).strip() or self.question

    @cached_property
    def named(self) -> Query:
        """The stem read for the documents it names (read once: `_prefer_named` prefers them,
        the service's notices say when the library lacks one)."""
        return mentions_of(self.parts.text)

    @cached_property
    def negated(self) -> bool:
        """The stem asks for the exception ("… nào KHÔNG phải là …"); a parenthesis that only
        narrows a noun ("chi bộ (không phải chi bộ cơ sở)") does not; nor does "Đúng hay sai?"."""
        if self.true_false:
            return False
        main = re.sub(r"\([^)]*\)", " ", self.question)
        if _STATED_EXCEPTION.search(textnorm.fold(main)):
            return False  # "không được …, TRỪ trường hợp nào?" asks for the case the text names
        # banks capitalise the word that asks for the exception: "… KHÔNG …", "… SAI?", "TRỪ"
        if re.search(r"\b(?:KHÔNG|SAI|TRỪ|NGOẠI TRỪ)\b", main):
            return True
        if BLANK.search(main) and not _ASKED.search(f" {textnorm.fold(BLANK.sub(' ', main).lower())} "):
            return False  # a statement to complete: "… trong vòng ……, không được bầu vào cấp ủy"
        return bool(_NEGATED.search(main))


def parse(text: str, options: list[str] | None = None) -> MultipleChoice | None:
    """The stem and options of a multiple-choice question, or None for an ordinary question.

    >>> parse("Thời kỳ dự bị là bao lâu? A. 6 tháng B. 12 tháng C. 18 tháng").options
    ['6 tháng', '12 tháng', '18 tháng']
    >>> parse("Chi bộ họp mấy lần?\\nA) một lần\\nB) hai lần").stem
    'Chi bộ họp mấy lần?'
    >>> parse("Chi bộ họp mấy lần?\\na. một lần\\nb. hai lần\\nc. Cả a, b đều đúng").options
    ['một lần', 'hai lần', 'Cả a, b đều đúng']
    >>> parse("Hà Tĩnh có bao nhiêu đảng viên?") is None
    True
    """
    if options:
        return MultipleChoice(text.strip(), [o.strip() for o in options if o.strip()])
    for pattern, first, letters in ((_OPTION, "A", "ABCDEFGH"), (_OPTION_LOWER, "a", "abcdefgh")):
        found = _split(text, pattern, first, letters)
        if found:
            return found
    return None


def _split(text: str, pattern: re.Pattern, first: str, letters: str) -> MultipleChoice | None:
    marks = list(pattern.finditer(text))
    # Options are consecutive letters from A: "A. … B. … C. …" (a stray "a)" is not enough).
    found = [m.group(1) for m in marks]
    start = next((i for i, letter in enumerate(found) if letter == first), None)
    if start is None:
        return None
    run = [marks[start]]
    for m in marks[start + 1 :]:
        if m.group(1) == letters[len(run)]:
            run.append(m)
    if len(run) < 2:
        return None
    stem = text[: run[0].start()].strip()
    opts = [text[a.end() : b.start()].strip(" ;,\n") for a, b in zip(run, run[1:])] + [text[run[-1].end() :].strip()]
    if not stem or not all(opts):
        return None
    return MultipleChoice(stem, opts)


@lru_cache(maxsize=8192)
def _terms(text: str) -> list[str]:
    """Syllables that carry meaning, numbers as values (cached: the same options and sentences
    are read for every option of every question; callers do not change the list)."""
    syl = textnorm.syllables(plain_numbers(text))
    return [s for s in syl if not _stop(s) or s.isdigit()]


def _stop(word: str) -> bool:
    """Whether a word carries no topic. A word typed with diacritics is checked as written:
    folded, "đảng", "cờ", "bí", "tội", "đầu" are the stop words "đang", "có", "bị", "tôi", "đâu".

    >>> [w for w in "Tặng cờ cho đảng viên bị kỷ luật".split() if not _stop(w)]
    ['Tặng', 'cờ', 'đảng', 'viên', 'kỷ', 'luật']
    >>> [w for w in "tang co cho dang vien".split() if not _stop(w)]
    ['tang', 'vien']
    """
    return word.lower() in STOPWORDS_EXACT if not word.isascii() else textnorm.fold(word) in STOPWORDS


def _support_of(text: str, sentence: set[str] | frozenset[str], folded: bool) -> float:
    """The share of a text's meaningful words (`_terms`) a sentence holds, numbers weighing 3;
    the text's words and weights are read once."""
    pairs, total = _weighted_terms(text, folded)
    if not pairs:
        return 0.0
    have = {textnorm.fold(s) for s in sentence} if folded else sentence
    return sum(w for t, w in pairs if t in have) / total


@lru_cache(maxsize=8192)
def _weighted_terms(text: str, folded: bool) -> tuple[tuple[tuple[str, float], ...], float]:
    """An option's words (folded for a question typed without diacritics), numbers weighing 3."""
    want = [textnorm.fold(t) for t in _terms(text)] if folded else _terms(text)
    pairs = tuple((t, 3.0 if t.isdigit() or "/" in t else 1.0) for t in want)
    return pairs, sum(w for _, w in pairs)


@lru_cache(maxsize=32768)
def _plain(text: str, folded: bool) -> str:
    """Lower case, numbers as values, punctuation gone: for finding an option as a phrase."""
    out = " ".join(textnorm.syllables(plain_numbers(text)))
    return textnorm.fold(out) if folded else out


def _parts_in(option: str, plain_sentence: str, folded: bool) -> float:
    """The share of an option's comma-separated parts the sentence holds as phrases: a contest
    shortens "để biểu quyết trong sinh hoạt đảng, trừ trường hợp bỏ phiếu kín" to "Biểu quyết,
    trừ trường hợp bỏ phiếu kín"; an option of one part is a phrase or not.

    >>> _parts_in("Biểu quyết, trừ trường hợp bỏ phiếu kín", " để biểu quyết trong họp , trừ trường hợp bỏ phiếu kín ", False)
    1.0
    >>> _parts_in("Khiển trách, cảnh cáo, cách chức", " khiển trách , cảnh cáo ", False)
    0.6666666666666666
    >>> _parts_in("Tặng giấy khen", " biểu dương ", False)
    0.0
    """
    parts = _option_parts(option, folded)
    if len(parts) < 2:
        return 0.0
    return sum(1 for p in parts if _affirmed(f" {p} ", plain_sentence)) / len(parts)


def _affirmed(phrase: str, plain_sentence: str) -> bool:
    """Whether a phrase (between spaces) stands in a sentence (`_padded`) other than right after a
    negation: "không tính vào đảng số của đảng bộ nơi sinh hoạt tạm thời mà tính vào …" denies the
    option "Tính vào đảng số của đảng bộ nơi sinh hoạt tạm thời" (cue group "rule_negation": "không
    quá 3 tháng" bounds a number and does not deny it).

    >>> _affirmed(" tính vào đảng số ", " không tính vào đảng số ở đây mà tính vào đảng số ở kia ")
    True
    >>> _affirmed(" tính vào đảng số ở đây ", " không tính vào đảng số ở đây mà tính vào đảng số ở kia ")
    False
    >>> _affirmed(" quá 3 tháng ", " không quá 3 tháng ")
    True
    """
    at = plain_sentence.find(phrase)
    while at >= 0:
        if not _denied(plain_sentence[:at].rsplit(" ", 1)[-1], phrase.strip()):
            return True
        at = plain_sentence.find(phrase, at + 1)
    return False


def _denied(before: str, phrase: str) -> bool:
    """Whether the word `before` a phrase negates it (cue group "rule_negation")."""
    # most words before a phrase negate nothing: settled on the word alone, folded once
    return bool(before) and _may_negate(before) and _NEGATION.match(textnorm.fold(f"{before} {phrase}")) is not None


@lru_cache(maxsize=8192)
def _may_negate(word: str) -> bool:
    """Whether a word can open a negation (what follows it may still make it a bound)."""
    return _NEGATION.match(f"{textnorm.fold(word)} ") is not None


@lru_cache(maxsize=8192)
def _option_parts(option: str, folded: bool) -> tuple[str, ...]:
    return tuple(p for p in (_plain(x, folded) for x in re.split(r"[,;]", option)) if p)


@lru_cache(maxsize=4096)
def _syllable_set(text: str) -> frozenset[str]:
    """A sentence's context as syllables, numbers as values (every qualified option reads it)."""
    return frozenset(textnorm.syllables(plain_numbers(text)))


@lru_cache(maxsize=32768)
def _padded(text: str, folded: bool) -> str:
    """`_plain(text)` between spaces, to find a phrase as whole words."""
    return f" {_plain(text, folded)} "


@lru_cache(maxsize=32768)
def _plain_words(text: str, folded: bool) -> tuple[str, ...]:
    """`_plain(text)` as words (cached: every option is placed in the same sentences)."""
    return tuple(_plain(text, folded).split())


@lru_cache(maxsize=32768)
def _folded_words(text: str, folded: bool) -> tuple[str, ...]:
    return tuple(_folded_padded(text, folded).split())


@lru_cache(maxsize=32768)
def _folded_padded(text: str, folded: bool) -> str:
    """`_padded(text)` folded (numbers, bounds and the like are found on it whatever was typed)."""
    return textnorm.fold(_padded(text, folded))


def _in_parentheses(option: str, sentence: str, folded: bool) -> bool:
    outside = re.sub(r"\([^)]*\)", " ", sentence)
    return f" {_plain(option, folded)} " not in f" {_plain(outside, folded)} "


def _stem_in_parenthesis(option: str, sentence: str, stem: list[str], folded: bool) -> bool:
    """Whether the parenthesis holding the option holds more of the stem's words than the rest
    of the sentence does."""
    opt = f" {_plain(option, folded)} "
    for inside in re.findall(r"\(([^)]*)\)", sentence):
        words = f" {_plain(inside, folded)} "
        if opt in words:
            outside = set(_plain(sentence.replace(inside, " "), folded).split())
            within = set(words.split())
            return sum(1 for t in stem if t in within) > sum(1 for t in stem if t in outside)
    return False


def _near(option: str, sentence: str, stem: list[str], folded: bool) -> float:
    """How many of the stem's words sit around the option in the sentence (within ~12 words):
    "ít nhất là 36 tháng kể từ khi ra khỏi Đảng" puts 36, not 60, next to the stem's words."""
    words = _plain_words(sentence, folded)
    opt = _plain_words(option, folded)
    if not opt or not stem:
        return 0.0
    for i in range(len(words) - len(opt) + 1):
        if words[i : i + len(opt)] == opt:
            window = set(words[max(0, i - 12) : i + len(opt) + 12])
            return sum(1 for t in stem if t in window) / len(stem)
    return 0.0


@dataclass
class Sentence:
    about: float  # how much of the stem it (with its header and clause head) covers
    hit: Hit
    text: str
    start: int  # offset in the hit's chunk
    words: frozenset[str]
    context: str  # header + clause head + sentence

    @property
    def section(self) -> str | None:
        return self.hit.chunk.section_at(self.start)


@dataclass
class Support:
    score: float = 0.0
    sentence: Sentence | None = None


@dataclass
class Chosen:
    index: int | None
    hit: Hit | None
    sentence: str
    start: int  # offset of the sentence in the hit's chunk
    scores: list[float]
    support: list[Support] = field(default_factory=list)  # per option: its best sentence
    basis: Sentence | None = None
    reason: str = ""  # how the choice was made (Vietnamese, shown with the basis)


def _sentences(hits: list[Hit], q: Query, idf: dict[str, float], top: int, lead=None) -> list[Sentence]:
    """The candidate sentences (headers without section paths, with lead-ins), their coverage of
    the stem discounted by their passage's rank."""
    return [
        Sentence(c.about * (1.0 - 0.03 * min(c.rank, RANK_CAP)), c.hit, c.text, c.start, _words(c.text), c.context)
        for c in candidates(q, hits[:top], idf, section=False, lead=lead)
        # "Nơi nhận: - Các tỉnh ủy, …", the signature: a text's addressees state no rule
        if c.hit.chunk.section_at(c.start) != CLOSING
    ]


@lru_cache(maxsize=32768)
def _words(sentence: str) -> frozenset[str]:
    return frozenset(_plain_words(sentence, False))


# what the stem asks for: the option stands where these words stand in the text
_ASKED = cues.cue("asked_slot").folded  # the word an option stands in for (assistant/cues.toml)
# an option whose clause's own words the stem says less than another option's clause does loses up
# to this, in proportion to how much less (relative to the best-fitting clause: a clause of many
# numbers, "70 năm, 75 năm, … tuổi đảng trở lên", never fits a stem whole)
CLAUSE_WEIGHT = 0.15
SLOT_WORDS = 3  # syllables of the stem read on each side of what it asks for
SLOT_WEIGHT = 0.6  # an option standing between the stem's words around the question word


def slot_context(question: str) -> tuple[list[str], list[str]]:
    """The stem's words just before and after what it asks for, folded: "không quá bao nhiêu
    tổng số cấp ủy viên" → (["khong", "qua"], ["tong", "so", "cap"]).

    >>> slot_context("Số ủy viên ban thường vụ không quá bao nhiêu tổng số cấp ủy viên?")
    (['vien', 'ban', 'thuong', 'vu', 'khong', 'qua'], ['tong', 'so', 'cap'])
    >>> slot_context("Đại hội chi bộ do ai triệu tập?")
    (['dai', 'hoi', 'chi', 'bo', 'do'], ['trieu', 'tap'])
    >>> slot_context("Chi bộ cơ sở họp thường lệ ……; họp bất thường khi cần.")
    (['chi', 'bo', 'so', 'hop', 'thuong', 'le'], ['hop', 'bat', 'thuong'])
    """
    # a blank to fill ("……", "....") is what the stem asks for (the last one: a preamble may
    # leave its number out, "Theo Quy định số …"); written as "___", the one mark that stays a
    # word when the stem is cut into syllables
    blanks = list(BLANK.finditer(question))
    if blanks:
        question = f"{question[: blanks[-1].start()]} ___ {question[blanks[-1].end() :]}"
    folded = " ".join(textnorm.fold(w) for w in textnorm.syllables(plain_numbers(question)))
    found = list(_ASKED.finditer(" " + textnorm.fold(question.lower()) + " "))
    m = found[-1] if found else None  # the last question word: "… nào … bao nhiêu?" asks the number
    if m is None:
        return [], []
    asked = " ".join(textnorm.syllables(m.group()))
    # the question word as a word, the last one ("ai" is not the end of "đại")
    padded = f" {folded} "
    at = padded.rfind(f" {asked} ") if asked else -1
    if at < 0:
        return [], []
    left = [w for w in padded[:at].split() if w not in _SLOT_STOP][-SLOT_WORDS * 2 :]
    right = [w for w in padded[at + len(asked) + 2 :].split() if w not in _SLOT_STOP][:SLOT_WORDS]
    return left, right


_SLOT_STOP = {"la", "thi", "co", "duoc", "phai", "se", "da", "cua", "cho", "trong", "theo", "sau", "day"}


def _slot(option_words: tuple[str, ...], sentence_words: tuple[str, ...], left: list[str], right: list[str]) -> float:
    """How well the option stands in the stem's slot in one sentence: the share of the stem's
    words found just before (within 6 syllables) and just after (within 4) the option."""
    if not option_words or not (left or right):
        return 0.0
    n, best = len(option_words), 0.0
    for i in range(len(sentence_words) - n + 1):
        if sentence_words[i : i + n] != option_words:
            continue
        before = set(sentence_words[max(0, i - 6) : i])
        after = set(sentence_words[i + n : i + n + 4])
        hits = sum(1 for w in left[-3:] if w in before) + sum(1 for w in right if w in after)
        best = max(best, hits / (min(len(left), 3) + len(right)))
    return best


def _clause_fit(options: list[str], sentence: str, stem: list[str], folded: bool) -> dict[int, float]:
    """Options held in different clauses of one sentence (";" between them: "trong thời hạn 45
    ngày … đề nghị kết nạp; trong thời hạn 30 ngày … đề nghị công nhận đảng viên chính thức"): for
    each, the share of its clause's own words (those no other clause of the sentence has) that the
    stem says. Empty unless two options stand in two clauses.

    >>> _clause_fit(["45 ngày", "30 ngày"], "Trong 45 ngày kể từ khi đề nghị kết nạp; trong 30 ngày kể từ khi đề nghị công nhận.", ["kể", "từ", "đề", "nghị", "công", "nhận"], False)
    {0: 0.0, 1: 1.0}
    """
    if ";" not in sentence:
        return {}
    clauses = [_padded(c, folded) for c in sentence.split(";")]
    where = {}
    for k, option in enumerate(options):
        held = [j for j, c in enumerate(clauses) if _affirmed(_padded(option, folded), c)]
        if len(held) == 1:
            where[k] = held[0]
    if len(set(where.values())) < 2:
        return {}
    stem_set = set(stem)
    words = [{w for w in c.split() if not _stop(w)} for c in clauses]
    out = {}
    for k, j in where.items():
        others = set().union(*(w for i, w in enumerate(words) if i != j))
        own = words[j] - others - set(_plain_words(options[k], folded))
        out[k] = len(own & stem_set) / len(own) if own else 0.0
    return out


_BOUND = re.compile(r"^(?:tu )?(\d+(?: \d+)?) (tro len|tro xuong)$")  # "2/3" reads "2 3" in `_plain`


def _bound_in(option: str, sentence: str, folded: bool) -> bool:
    """An option "Từ 2/3 trở lên" held by a sentence that puts what is counted between the number
    and its bound ("hai phần ba đảng viên chính thức trở lên").

    >>> _bound_in("Từ 2/3 trở lên", "nếu có hai phần ba đảng viên chính thức trở lên biểu quyết", False)
    True
    >>> _bound_in("Từ 2/3 trở lên", "nếu có hai phần ba đảng viên chính thức biểu quyết", False)
    False
    """
    pattern = _bound_pattern(option, folded)
    return pattern is not None and pattern.search(_folded_padded(sentence, folded)) is not None


@lru_cache(maxsize=8192)
def _bound_pattern(option: str, folded: bool) -> re.Pattern | None:
    m = _BOUND.match(textnorm.fold(_plain(option, folded)))
    if m is None:
        return None
    return re.compile(rf" {re.escape(m.group(1))} (?:\S+ ){{0,4}}{m.group(2)} ")


GAP_WORDS = 2  # words a sentence may insert into an option and still say it as one phrase …
PHRASE_WORDS = 6  # … of at least this many words (in "ngày 3 hằng tháng" two words put in change the date)


def _nearly_phrase(option: str, sentence: str, folded: bool) -> bool:
    """An option of several words that a sentence says in order with at most `GAP_WORDS` words put
    in ("trên 1/2 số ủy viên ban chấp hành đồng ý" in "trên một nửa số ủy viên ban chấp hành đảng
    bộ đồng ý").

    >>> _nearly_phrase("Trên 1/2 số ủy viên ban chấp hành đồng ý", "khi có trên một nửa số ủy viên ban chấp hành đảng bộ đồng ý bằng phiếu kín", False)
    True
    >>> _nearly_phrase("Trên 1/3 số ủy viên ban chấp hành đồng ý", "khi có trên một nửa số ủy viên ban chấp hành đảng bộ đồng ý", False)
    False
    """
    want = _plain_words(option, folded)
    if len(want) < PHRASE_WORDS or f" {want[0]} " not in _padded(sentence, folded):
        return False
    words = _plain_words(sentence, folded)
    for start in (i for i, w in enumerate(words) if w == want[0]):
        if start and _denied(words[start - 1], " ".join(want)):
            continue
        k, gaps = 1, 0
        for w in words[start + 1 :]:
            if w == want[k]:
                k += 1
                if k == len(want):
                    return True
            else:
                gaps += 1
                if gaps > GAP_WORDS:
                    break
    return False


def _option_score(opt: Option, sent: Sentence, stem_words: list[str], folded: bool, slot=None) -> float:
    """How well one sentence supports one option: its words (numbers weigh most), more when they
    stand there as one phrase ("7 chi ủy viên", not "9 … chi ủy"), a little more next to the
    stem's words; a qualifier in parentheses counts when the clause holds it too."""
    plain = _padded(sent.text, folded)
    core = opt.core
    phrase = _affirmed(_padded(core, folded), plain)
    parts = 0.0 if phrase else _parts_in(core, plain, folded)
    if not phrase and not parts and (_bound_in(core, sent.text, folded) or _nearly_phrase(core, sent.text, folded)):
        parts = 1.0
    score = 0.6 * _support_of(core, sent.words, folded) + 0.4 * (1.0 if phrase else parts)
    if slot is not None and SLOT_WEIGHT and (phrase or parts == 1.0):
        # where the option (or, for "30 ngày …, 90 ngày …", its first part) stands
        first = core if phrase else re.split(r"[,;]", core)[0]
        words = _folded_words(sent.text, folded)
        score += SLOT_WEIGHT * _slot(_folded_words(first, folded), words, *slot)
    if phrase:
        score += 0.1 * _near(core, sent.text, stem_words, folded)
        # an option met only inside a parenthesis ("(riêng người bị án … 60 tháng …)")
        # is the exception the sentence makes, not its rule
        # (unless the stem asks about what the parenthesis says: "riêng người bị án … ít nghiêm
        # trọng thì phải sau 60 tháng" answers a stem about those people)
        if _in_parentheses(core, sent.text, folded) and not _stem_in_parenthesis(core, sent.text, stem_words, folded):
            score -= 0.15
    if opt.qualifier:
        score = 0.85 * score + 0.15 * _support_of(opt.qualifier, _syllable_set(sent.context), folded)
    return score


def _focus(stem_words: list[str], sentences: list[Sentence], folded: bool) -> dict[int, float]:
    """How much of the stem's distinctive words each sentence (with its header and clause head)
    holds, each word weighted by how few of these sentences hold it: among clauses on discipline,
    "dự bị" tells the probationary members' line apart, "kỷ luật" does not."""
    words = set(stem_words)
    held = {id(s): words & set(_plain(s.context, folded).split()) for s in sentences}
    n = len(sentences)
    weight = {w: math.log(1.0 + n / (1.0 + sum(1 for h in held.values() if w in h))) for w in words}
    total = sum(weight.values()) or 1.0
    return {k: sum(weight[w] for w in h) / total for k, h in held.items()}


def choose(
    mc: MultipleChoice, hits: list[Hit], q: Query, idf: dict[str, float], top: int | None = None, lead=None
) -> Chosen:
    """The option the passages support (or, for an exception stem, the one they do not).
    `lead(chunk, offset)`: the lead-in lines above a sentence's clause (`Library.lead_ins`).

    When the options' words do not decide, no option is chosen. (A fallback that picked the
    statement closest in meaning to the passage by embedding stem + option was removed: on the
    contest bank and the multiple-choice set it chose 4 times, 2 right and 2 wrong, and it cost
    an embedding per option, about 200 ms, the slowest multiple-choice answers.)"""
    folded = mc.folded
    sentences = _sentences(hits, q, idf, top or TOP_PASSAGES, lead)
    if OTHER_SOURCE < 1.0:
        _prefer_named(mc, sentences)
    n = len(mc.options)
    if not sentences:
        return Chosen(None, None, "", 0, [0.0] * n, [Support() for _ in range(n)])
    best_about = max(s.about for s in sentences)
    if mc.true_false:
        return _true_false(mc, [s for s in sentences if s.about >= ABOUT_SHARE * best_about], folded)
    stem_words = [w for w in _plain(_EXCEPT.sub("", mc.question), folded).split() if textnorm.fold(w) not in STOPWORDS]
    plain = [i for i, o in enumerate(mc.forms) if not o.aggregate]
    slot = slot_context(mc.question)
    table = {id(s): [_option_score(mc.forms[i], s, stem_words, folded, slot) for i in plain] for s in sentences}
    # The sentences that can decide are those holding some option; among them, the ones most
    # about the stem. (A sentence most about the stem that holds no option decides nothing, and
    # measured against it the clause listing the options looked off-topic.)
    holding = [s for s in sentences if max(table[id(s)], default=0.0) >= MIN_SUPPORT]
    if holding:
        best_about = max(s.about for s in holding)
    relevant = [s for s in sentences if s.about >= POOL_SHARE * best_about]
    rel = _relevance(stem_words, relevant, holding, best_about, folded)
    support = [Support() for _ in range(n)]
    cores = [mc.forms[i].core for i in plain]
    body = opening_body(mc.statement)
    for s in relevant:
        # an option's support in a sentence, discounted by how far the sentence is from the one
        # most about the stem (its words, and the stem's distinctive words), and when the stem is
        # about one body and the sentence states what another does
        weight = rel[id(s)] ** REL_POWER * (OTHER_BODY if _other_body(body, s.text) else 1.0)
        # in a sentence most about the stem, of options held in different clauses, those whose
        # clause fits the stem less than another's are supported less
        fit = _clause_fit(cores, s.text, stem_words, folded) if rel[id(s)] >= REL_CLIP else {}
        best_fit = max(fit.values(), default=0.0)
        for k, i in enumerate(plain):
            score = table[id(s)][k] - (CLAUSE_WEIGHT * (best_fit - fit[k]) / (best_fit or 1.0) if k in fit else 0.0)
            mine = (round(score * weight, 2), rel[id(s)])
            held = support[i]
            if held.sentence is None or mine > (round(held.score, 2), rel[id(held.sentence)]):
                support[i] = Support(score * weight, s)
    aggregates = [i for i, o in enumerate(mc.forms) if o.refers_to]
    for i in aggregates:
        named = mc.forms[i].refers_to
        score = min(support[j].score for j in named) if named else 0.0
        # its basis: the sentence holding most of the options it names
        ks = [plain.index(j) for j in named if j in plain]
        best = max(relevant, key=lambda s: (sum(table[id(s)][k] for k in ks), rel[id(s)]))
        support[i] = Support(score, best)
    scores = [round(s.score, 3) for s in support]
    # each option's support anywhere in the passages, however far from the stem
    raw = [max((table[id(s)][plain.index(i)] for s in sentences), default=0.0) if i in plain else 0.0 for i in range(n)]
    if mc.negated:
        args = (mc, sentences, relevant, table, plain, rel, scores, support, folded, stem_words)
        chosen = _list_exception(*args) or _section_exception(*args)
    else:
        chosen = _fullest(mc, plain, relevant, scores, support, folded)
    chosen = chosen or _decide(mc, support, scores, aggregates, raw)
    if chosen is not None:
        return chosen
    return Chosen(None, None, "", 0, scores, support)


def _relevance(stem_words, relevant: list[Sentence], holding: list[Sentence], best_about: float, folded: bool):
    """Each relevant sentence's relevance: how much of the stem it covers beside the best
    option-holding one, and how much of the stem's distinctive words (`_focus`), clipped."""
    focus = _focus(stem_words, relevant, folded)
    top_focus = (
        max((focus[id(s)] for s in relevant if s in holding), default=0.0) or max(focus.values(), default=1.0) or 1.0
    )
    return {
        id(s): min(
            REL_CLIP, (1 - FOCUS_WEIGHT) * s.about / (best_about or 1.0) + FOCUS_WEIGHT * focus[id(s)] / top_focus
        )
        for s in relevant
    }


def _list_exception(mc, sentences, relevant, table, plain, rel, scores, support, folded, stem_words) -> Chosen | None:
    """An exception asked from a list: a clause close to the stem that names every option but
    one (as a phrase, or every word of it: "Biểu dương, tặng giấy khen, bằng khen, Huy hiệu
    Đảng" names "Tặng Huy hiệu Đảng") makes that one the exception. Clauses that disagree decide
    nothing unless one of them is clearly closer to the stem."""
    if len(plain) < 3:
        return None
    top = max(rel[id(s)] for s in relevant)
    found: dict[int, Sentence] = {}
    for s in relevant:
        if rel[id(s)] < LIST_REL * top:
            continue
        held = [i for k, i in enumerate(plain) if _names(mc, table, s, k, i, folded)]
        if len(held) == len(plain) - 1:
            missing = next(i for i in plain if i not in held)
            if missing not in found or rel[id(s)] > rel[id(found[missing])]:
                found[missing] = s
    if not found:
        return None
    ranked = sorted(found.items(), key=lambda kv: -rel[id(kv[1])])
    if len(ranked) > 1 and rel[id(ranked[0][1])] - rel[id(ranked[1][1])] < LIST_LEAD:
        return None
    index, s = ranked[0]
    # the missing option stated, as a phrase, in another sentence about the stem nearly as much
    # as the list is: not the exception. A sentence much less about the stem states it of
    # something else (06-HD/TW: "anh, chị, em ruột" where relatives already members spare the
    # check, beside the list of relatives to check).
    if _stated_elsewhere(table, sentences, plain.index(index), s, _subject(stem_words, [s], folded), folded):
        return None
    return _chosen(index, s, scores, support, "Điều khoản liệt kê các phương án khác; phương án này không có trong đó.")


def _names(mc, table, s: Sentence, k: int, i: int, folded: bool) -> bool:
    """Whether a sentence names option `i` (column `k` of `table`) as a list does: as a phrase, or
    every word of it ("Biểu dương, tặng giấy khen, bằng khen, Huy hiệu Đảng" names "Tặng Huy hiệu
    Đảng")."""
    return table[id(s)][k] >= LIST_PHRASE or _support_of(mc.forms[i].core, s.words, folded) >= 1.0


def _stated_elsewhere(table, sentences: list[Sentence], k: int, basis: Sentence, need, folded: bool) -> bool:
    """Whether the option of column `k`, found missing beside `basis`, is stated as a phrase by a
    sentence about the stem nearly as much as `basis` is, and on its subject (`need`): then it is
    not the exception."""
    return any(
        table[id(x)][k] >= EXCEPTION_STATED and x.about >= STATED_ABOUT * basis.about and _on_subject(x, need, folded)
        for x in sentences
    )


def _subject(stem_words: list[str], bases: list[Sentence | None], folded: bool) -> frozenset[str]:
    """The stem's words every one of `bases` holds (with its header and clause head): what they
    are about that the stem asks. An exception stem's option stated in a sentence lacking one of
    them is stated of another subject: "cách chức" for "đảng viên chính thức" beside "Đối với tổ
    chức đảng: khiển trách, cảnh cáo, giải tán". (Read also for the plain exception reading, an
    option stated only off the subject of the other options' sentences counting as unstated, it
    answered two more and turned one held item wrong whose own sentence had not been retrieved:
    there an option stated anywhere still blocks.)"""
    held = [_context_words(b.context, folded) for b in bases if b is not None]
    if not held:
        return frozenset()
    return frozenset(stem_words).intersection(*held)


def _on_subject(s: Sentence, need: frozenset[str], folded: bool) -> bool:
    return need <= _context_words(s.context, folded)


@lru_cache(maxsize=8192)
def _context_words(context: str, folded: bool) -> frozenset[str]:
    return frozenset(_plain(context, folded).split())


def _section_exception(
    mc, sentences, relevant, table, plain, rel, scores, support, folded, stem_words
) -> Chosen | None:
    """An exception asked from a part of a text that states the other options in sentences of
    its own (37-HD/BTGDVTW mục IV.2: what provincial committees do, a task a paragraph): of the
    sentences of the section closest to the stem, every option but one is stated by one of them
    (as a phrase, or every word of it); the one left is the exception unless a sentence about the
    stem nearly as much states it."""
    if len(plain) < 3:
        return None
    top = max(relevant, key=lambda s: rel[id(s)])
    part = [
        s
        for s in relevant
        if s.hit.chunk.doc_id == top.hit.chunk.doc_id
        and s.section == top.section
        and rel[id(s)] >= LIST_REL * rel[id(top)]
    ]
    missing = [i for k, i in enumerate(plain) if not any(_names(mc, table, s, k, i, folded) for s in part)]
    need = _subject(stem_words, [top], folded)
    if len(missing) != 1 or _stated_elsewhere(table, sentences, plain.index(missing[0]), top, need, folded):
        return None
    return _chosen(
        missing[0], top, scores, support, "Phần văn bản nêu các phương án khác; phương án này không có trong đó."
    )


_LIST_ITEM = re.compile(r"^\s*(?:[-–•+]|[a-zđ]\))\s")
_PARTS = re.compile(r"\s*[,;]\s*|\s+(?:và|va|hoặc|hoac)\s+")


def _parts(core: str, folded: bool) -> frozenset[str]:
    """An option's items ("Khiển trách, cảnh cáo, cách chức" → three), as plain text."""
    return frozenset(p for x in _PARTS.split(core) if (p := _plain(x, folded).strip()))


def _fullest(mc, plain, relevant, scores, support, folded) -> Chosen | None:
    """Of options that list items, some holding others' ("Khiển trách, cảnh cáo" and "Khiển
    trách, cảnh cáo, cách chức, khai trừ"): the one holding every other supported option's items,
    when the part of the text its best sentence stands in (its section) states each of its items.
    Banks ask for "phương án đầy đủ nhất" this way, and the shorter options are true but partial."""
    # the options in contention: supported, and within the margin of the best supported
    top = max((scores[i] for i in plain), default=0.0)
    held = [i for i in plain if scores[i] >= max(MIN_SUPPORT, top - MIN_MARGIN) and support[i].sentence is not None]
    if len(held) < 2:
        return None
    # "Khiển trách, cảnh cáo (đối với đảng viên dự bị)" is not part of "… (đối với đảng viên chính thức)"
    if len({mc.forms[i].qualifier for i in held}) > 1:
        return None
    parts = {i: _parts(mc.forms[i].core, folded) for i in held}
    widest = max(held, key=lambda i: len(parts[i]))
    if any(widest in o.refers_to for o in mc.forms):
        return None  # "Cả hai phương án trên" names it: the combined options decide
    if len(parts[widest]) < 2 or any(i != widest and not (parts[i] < parts[widest]) for i in held):
        return None
    basis = support[widest].sentence
    # its items stated in its best sentence, or in the items of the list that sentence is one of
    # ("- Có đơn …;", "- Báo cáo …;", "- Được hai đảng viên …" under "Người vào Đảng phải :")
    near = [basis]
    if _LIST_ITEM.match(basis.text):
        near += [
            s
            for s in relevant
            if s.hit.chunk.id == basis.hit.chunk.id and s.section == basis.section and _LIST_ITEM.match(s.text)
        ]
    texts = [_padded(s.text, folded) for s in near]
    if not all(any(_affirmed(f" {part} ", t) for t in texts) for part in parts[widest]):
        return None
    return _chosen(
        widest,
        basis,
        scores,
        support,
        "Văn bản nêu đủ các nội dung của phương án này; các phương án khác chỉ nêu một phần.",
    )


_CHARTER_NAMED = re.compile(r"(?:^|\btheo\s+)dieu le dang(?:\s+cong san viet nam)?\b(?!\s+(?:cua|ve)\b)")


def _prefer_named(mc: MultipleChoice, sentences: list[Sentence]) -> None:
    """A stem that names its source ("Theo Điều lệ Đảng, …", "Theo Quy định 294-QĐ/TW, …") is
    answered from that text first: another text's sentences count OTHER_SOURCE of their share of
    the stem (06-HD/TW's "đảng ủy họp thường lệ 3 tháng một lần" beside the Charter's "Đảng ủy, chi
    ủy cơ sở họp thường lệ mỗi tháng một lần"). Nothing changes when no held text is named."""
    folded = textnorm.fold(mc.parts.text.lower())
    keys = {m.key for m in mc.named.mentions}
    charter = bool(_CHARTER_NAMED.search(folded)) and "thi hanh dieu le" not in folded
    if not (keys or charter):
        return
    named: dict[str, bool] = {}
    for s in sentences:
        doc = s.hit.document
        if doc is not None and s.hit.chunk.doc_id not in named:
            named[s.hit.chunk.doc_id] = (charter and is_charter(doc)) or bool(_number_keys(doc.number) & keys)
    if not any(named.values()):
        return
    for s in sentences:
        if not named.get(s.hit.chunk.doc_id, False):
            s.about *= OTHER_SOURCE


@lru_cache(maxsize=1024)
def _number_keys(number: str | None) -> frozenset[str]:
    """The keys of the document numbers a document's own number reads as."""
    return frozenset(m.key for m in docnumbers.find(number)) if number else frozenset()


def _chosen(index: int, s: Sentence, scores: list[float], support: list[Support], reason: str) -> Chosen:
    return Chosen(index, s.hit, s.text, s.start, scores, support, basis=s, reason=reason)


def _other_body(body: str | None, text: str) -> bool:
    """Whether `text` opens with a body (`opening_body`) other than the stem's `body`: "Đảng ủy
    cơ sở quyết định khiển trách …" for a stem on what "chi bộ" decides ("chi bộ cơ sở" is not
    another body than "chi bộ": one's words hold the other's)."""
    theirs = opening_body(text) if body else None
    return bool(theirs) and distinct(body, theirs)


def _decide(
    mc: MultipleChoice,
    support: list[Support],
    scores: list[float],
    aggregates: list[int],
    raw: list[float] | None = None,
) -> Chosen | None:
    plain = [i for i in range(len(scores)) if i not in aggregates and not mc.forms[i].none_of]
    order = sorted(plain, key=lambda i: -scores[i])
    if not order:
        return None
    if mc.negated:
        # the exception: every other option supported, this one clearly not
        low = order[-1]
        others = [scores[i] for i in order[:-1]]
        # … and not stated in some other passage retrieved for it either
        stated = raw[low] >= EXCEPTION_STATED if raw else False
        if others and not stated and min(others) >= MIN_SUPPORT * 0.8 and min(others) - scores[low] >= MIN_MARGIN:
            s = support[order[0]].sentence
            return _chosen(low, s, scores, support, "Các phương án khác đều được văn bản nêu; phương án này thì không.")
        return None
    for i in aggregates:
        if scores[i] >= ALL_SUPPORT:
            return _chosen(
                i, support[i].sentence, scores, support, "Văn bản nêu đủ các phương án mà phương án này gộp lại."
            )
    first = order[0]
    second = scores[order[1]] if len(order) > 1 else 0.0
    if scores[first] >= MIN_SUPPORT and scores[first] - second < MIN_MARGIN:
        first = _unelided(mc, order, scores, support)
        second = 0.0
    if first is None or scores[first] < MIN_SUPPORT or scores[first] - second < MIN_MARGIN:
        return None
    for i in aggregates:
        # one option named by "Cả … trên" stands alone only when it leads the others it names
        # by twice the margin; otherwise the aggregate might be the answer the passages only
        # half show
        others = [scores[j] for j in mc.forms[i].refers_to if j != first]
        if first in mc.forms[i].refers_to and others and scores[first] - max(others) < LONE_MARGIN:
            return None
    return _chosen(first, support[first].sentence, scores, support, "Văn bản nêu đúng nội dung phương án này.")


def _unelided(mc: MultipleChoice, order: list[int], scores: list[float], support: list[Support]) -> int | None:
    """Of options close in support, the one its sentence states as a phrase when each other
    close one is that phrase with words left out in the middle, which the sentence does not say
    as a phrase: "Chi bộ xem xét, quyết định" drops the "đề nghị cấp có thẩm quyền" of "chi bộ
    xem xét, đề nghị cấp có thẩm quyền … quyết định", and says another rule. None otherwise."""
    folded = mc.folded
    close = [i for i in order if scores[i] >= MIN_SUPPORT and scores[order[0]] - scores[i] < MIN_MARGIN]
    for i in close:
        s = support[i].sentence
        if s is None or not _affirmed(_padded(mc.forms[i].core, folded), _padded(s.text, folded)):
            continue
        mine = _plain_words(mc.forms[i].core, folded)
        if all(
            support[j].sentence is s
            and _elides(_plain_words(mc.forms[j].core, folded), mine)
            and not _affirmed(_padded(mc.forms[j].core, folded), _padded(s.text, folded))
            for j in close
            if j != i
        ):
            return i
    return None


def _elides(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether `short` is `long` with words left out of its middle: its first and last words, and
    the rest in order between.

    >>> _elides(("chi", "bo", "xem", "xet", "quyet", "dinh"), ("chi", "bo", "xem", "xet", "de", "nghi", "quyet", "dinh"))
    True
    >>> _elides(("chi", "bo", "xem", "xet"), ("chi", "bo", "xem", "xet", "quyet", "dinh"))
    False
    """
    if not short or len(short) >= len(long) or short[0] != long[0] or short[-1] != long[-1]:
        return False
    return len(align(short, long)) == len(short)


_NUMBER = re.compile(r"\d+(?:/\d+)?")
# negations that flip a rule ("không được", "chưa"), not those that bound a number ("không quá")
_NEGATION = cues.cue("rule_negation").folded  # "không được", "chưa"; not "không quá" (assistant/cues.toml)


def _negations(text: str) -> int:
    return len(_NEGATION.findall(textnorm.fold(text)))


def _in_order(said: list[str], text: list[str]) -> float:
    """The share of `said` that `text` holds in the same order (longest common subsequence)."""
    if not said or not text:
        return 0.0
    return len(align(said, text)) / len(said)


def _true_false(mc: MultipleChoice, relevant: list[Sentence], folded: bool) -> Chosen:
    """ "Đúng hay sai?": the statement against the sentence that holds most of it. False when that
    sentence gives another number in the same place, negates where the statement does not (or
    the reverse) where the statement runs, names another member of a class of alternatives
    (`contrasts.toml`: "tập thể" where the statement says "thủ trưởng"), or another short phrase
    between the words both share ("tổ chức đảng ở trường học … xem xét" where the statement says
    "ở địa phương nơi cư trú"); true when it holds the statement's words, numbers and negations; else
    undecided."""
    n = len(mc.options)
    yes = next((i for i, o in enumerate(mc.options) if textnorm.fold(o).strip(" .").startswith("dung")), 0)
    no = next(
        (i for i, o in enumerate(mc.options) if textnorm.fold(o).strip(" .").startswith("sai")), 1 if n > 1 else 0
    )
    # "Theo Quy định 294-QĐ/TW, …": the statement proper starts after the source it names
    statement = mc.statement
    stmt_plain = _plain(statement, folded)
    numbers = _NUMBER.findall(stmt_plain)
    said = _plain(statement, folded).split()
    best, best_cover, best_key = None, 0.0, 0.0
    for s in relevant:
        cover = _support_of(statement, s.words, folded)
        key = said_closely(statement, s.text) if cover else 0.0
        if key > best_key:
            best, best_cover, best_key = s, cover, key
    scores = [0.0] * n
    support = [Support() for _ in range(n)]
    if best is None:
        return Chosen(None, None, "", 0, scores, support)

    def verdict(i: int, reason: str) -> Chosen:
        scores[i] = round(best_cover, 3)
        support[i] = Support(best_cover, best)
        return _chosen(i, best, scores, support, reason)

    sent_plain = f" {_plain(best.text, folded)} "
    missing = [x for x in numbers if f" {x} " not in sent_plain]
    for x in missing if best_cover >= TF_NUMBER_COVER else []:
        # "12 tháng" stated where the text has "24 tháng": the unit after it, another value before
        # (in a sentence that holds the rest of the statement: not some other rule's number)
        after = stmt_plain.split(x, 1)[1].split()[:1]
        if after and re.search(rf" \d+ {re.escape(after[0])} ", sent_plain):
            return verdict(no, "Văn bản nêu con số khác với nhận định.")
    # what the sentence says where the statement runs (not a clause it adds after)
    span = covered_span(statement, best.text)
    if best_cover >= TF_NEGATION_COVER and _negations(statement) != _negations(span):
        return verdict(no, "Văn bản nêu ngược với nhận định (có hoặc không có phủ định).")
    if best_cover >= TF_CONTRAST_COVER:
        swap = contrast(statement, span) or swapped(statement, best.text, STOPWORDS)
        if swap:
            return verdict(no, f"Văn bản nêu “{swap[1]}” ở chỗ nhận định nêu “{swap[0]}”.")
    if not missing and best_cover >= TRUE_COVER and _in_order(said, _plain(best.text, folded).split()) >= TRUE_IN_ORDER:
        return verdict(yes, "Văn bản nêu đúng như nhận định.")
    return Chosen(None, None, "", 0, scores, support)
