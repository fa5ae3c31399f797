"""Multiple-choice questions (trắc nghiệm), as contests for cell secretaries ask them.

A question pasted with its options ("A. … B. … C. … D. …", inline or one per line) is split into
its stem and options; each option is scored by how well a sentence of the retrieved passages
supports it (the option's words, numbers written in words included, in a sentence that is about
the stem); the best-supported option is chosen when it stands out, else none ("không đủ căn cứ").
Stems that ask for the exception ("không phải", "không thuộc", "trừ") choose the one option the
passages do not support.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.gates import clause_head
from assistant.gates.evidence import evidence_coverage, sentence_spans
from assistant.query import STOPWORDS, Query
from ingest import textnorm
from ingest.model import Hit

# "A. text", "B) text", "(C) text" at the start of a line or after whitespace.
_OPTION = re.compile(r"(?:(?<=\s)|^)\(?([A-H])[.)]\s+(?=\S)", re.M)  # capitals: "a)" is a legal point
_NEGATED = re.compile(
    r"\b(khong phai|khong dung|khong thuoc|khong nam trong|khong duoc|khong la|ngoai tru|tru truong hop|sai)\b"
)
MIN_SUPPORT = 0.6  # the chosen option's support (words found, as a phrase) in one relevant sentence
# "(trừ trường hợp …)" in a stem names what the answer is not about
_EXCEPT = re.compile(r"\((?:trừ|ngoại trừ|không kể)[^)]*\)|,?\s*(?:trừ|ngoại trừ) trường hợp[^,?.]*", re.IGNORECASE)
MIN_MARGIN = 0.15  # over the runner-up
ABOUT_SHARE = 0.85  # sentences this close to the one most about the stem decide
DENSE_MARGIN = 0.02  # when words do not decide: the closest statement's lead in cosine similarity


@dataclass
class MultipleChoice:
    stem: str
    options: list[str]

    def labelled(self, i: int) -> str:
        return f"{'ABCDEFGH'[i]}. {self.options[i]}"

    @property
    def negated(self) -> bool:
        """The stem asks for the exception ("… nào KHÔNG phải là …"); a parenthesis that only
        narrows a noun ("chi bộ (không phải chi bộ cơ sở)") does not."""
        main = re.sub(r"\([^)]*\)", " ", self.stem)
        return bool(_NEGATED.search(textnorm.fold(main)))


def parse(text: str, options: list[str] | None = None) -> MultipleChoice | None:
    """The stem and options of a multiple-choice question, or None for an ordinary question.

    >>> parse("Thời kỳ dự bị là bao lâu? A. 6 tháng B. 12 tháng C. 18 tháng").options
    ['6 tháng', '12 tháng', '18 tháng']
    >>> parse("Chi bộ họp mấy lần?\\nA) một lần\\nB) hai lần").stem
    'Chi bộ họp mấy lần?'
    >>> parse("Hà Tĩnh có bao nhiêu đảng viên?") is None
    True
    """
    if options:
        return MultipleChoice(text.strip(), [o.strip() for o in options if o.strip()])
    marks = list(_OPTION.finditer(text))
    # Options are consecutive letters from A: "A. … B. … C. …" (a stray "a)" is not enough).
    letters = [m.group(1) for m in marks]
    start = next((i for i, letter in enumerate(letters) if letter == "A"), None)
    if start is None:
        return None
    run = [marks[start]]
    for m in marks[start + 1 :]:
        if m.group(1) == "ABCDEFGH"[len(run)]:
            run.append(m)
    if len(run) < 2:
        return None
    stem = text[: run[0].start()].strip()
    opts = [text[a.end() : b.start()].strip(" ;,\n") for a, b in zip(run, run[1:])] + [text[run[-1].end() :].strip()]
    if not stem or not all(opts):
        return None
    return MultipleChoice(stem, opts)


def _terms(text: str) -> list[str]:
    """Syllables that carry meaning, numbers written in words read as digits."""
    syl = textnorm.syllables(textnorm.spell_out_numbers(text))
    return [s for s in syl if textnorm.fold(s) not in STOPWORDS or s.isdigit()]


def _support(option: list[str], sentence: set[str], folded: bool) -> float:
    if not option:
        return 0.0
    have = {textnorm.fold(s) for s in sentence} if folded else sentence
    want = [textnorm.fold(t) for t in option] if folded else option
    weights = [3.0 if t.isdigit() else 1.0 for t in want]
    return sum(w for t, w in zip(want, weights) if t in have) / sum(weights)


def _plain(text: str, folded: bool) -> str:
    """Lower case, numbers as digits, punctuation gone: for finding an option as a phrase."""
    out = " ".join(textnorm.syllables(textnorm.spell_out_numbers(text)))
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
    parts = [p for p in (_plain(x, folded) for x in re.split(r"[,;]", option)) if p]
    if len(parts) < 2:
        return 0.0
    return sum(1 for p in parts if f" {p} " in plain_sentence) / len(parts)


def _in_parentheses(option: str, sentence: str, folded: bool) -> bool:
    outside = re.sub(r"\([^)]*\)", " ", sentence)
    return f" {_plain(option, folded)} " not in f" {_plain(outside, folded)} "


def _near(option: str, sentence: str, stem: list[str], folded: bool) -> float:
    """How many of the stem's words sit around the option in the sentence (within ~12 words):
    "ít nhất là 36 tháng kể từ khi ra khỏi Đảng" puts 36, not 60, next to the stem's words."""
    words = _plain(sentence, folded).split()
    opt = _plain(option, folded).split()
    if not opt or not stem:
        return 0.0
    for i in range(len(words) - len(opt) + 1):
        if words[i : i + len(opt)] == opt:
            window = set(words[max(0, i - 12) : i + len(opt) + 12])
            return sum(1 for t in stem if t in window) / len(stem)
    return 0.0


@dataclass
class Chosen:
    index: int | None
    hit: Hit | None
    sentence: str
    start: int  # offset of the sentence in the hit's chunk
    scores: list[float]


def choose(
    mc: MultipleChoice, hits: list[Hit], q: Query, idf: dict[str, float], top: int = 5, embed=None
) -> Chosen:
    """The option the passages support (or, for an exception stem, the one they do not).

    Two steps: the sentences most about the stem (its IDF-weighted words, read with the title,
    headings and the first line of the clause they sit in), then, among those, the option whose
    words one of them holds best. Words an option has and the sentence lacks count against it, so
    "khiển trách, cảnh cáo, cách chức" loses to "khiển trách, cảnh cáo" on the probationary
    members' line."""
    folded = not textnorm.has_diacritics(mc.stem + " ".join(mc.options))
    options = [_terms(o) for o in mc.options]
    sentences: list[tuple[float, int, Hit, str, int, set[str]]] = []
    for rank, h in enumerate(hits[:top]):
        text = h.chunk.text
        header = " ".join([h.title if h.document else "", *h.chunk.heading_path])
        for a, b in sentence_spans(text):
            sent = text[a:b]
            context = f"{header} {clause_head(h.chunk, a)} {sent}"
            about = evidence_coverage(q, context, idf) * (1.0 - 0.03 * rank)
            words = set(textnorm.syllables(textnorm.spell_out_numbers(sent)))
            sentences.append((about, rank, h, sent, a, words))
    if not sentences:
        return Chosen(None, None, "", 0, [0.0] * len(options))
    best_about = max(s[0] for s in sentences)
    relevant = [s for s in sentences if s[0] >= ABOUT_SHARE * best_about]
    stem_words = [w for w in _plain(_EXCEPT.sub("", mc.stem), folded).split() if textnorm.fold(w) not in STOPWORDS]
    best: list[tuple[float, Hit | None, str, int]] = [(0.0, None, "", 0) for _ in options]
    for _about, _rank, h, sent, start, words in relevant:
        plain = f" {_plain(sent, folded)} "
        for i, opt in enumerate(options):
            # the option's words in the sentence; more when they stand there as one phrase
            # ("7 chi ủy viên", not "9 … chi ủy"), a little more next to the stem's words
            phrase = f" {_plain(mc.options[i], folded)} " in plain
            score = 0.6 * _support(opt, words, folded) + 0.4 * (1.0 if phrase else _parts_in(mc.options[i], plain, folded))
            if phrase:
                score += 0.1 * _near(mc.options[i], sent, stem_words, folded)
                # an option met only inside a parenthesis ("(riêng người bị án … 60 tháng …)")
                # is the exception the sentence makes, not its rule
                score -= 0.15 if _in_parentheses(mc.options[i], sent, folded) else 0.0
            if score > best[i][0]:
                best[i] = (score, h, sent, start)
    scores = [round(b[0], 3) for b in best]
    order = sorted(range(len(options)), key=lambda i: -scores[i])
    if mc.negated:
        # the exception: every other option supported, this one clearly not
        low = order[-1]
        others = [scores[i] for i in order[:-1]]
        if others and min(others) >= MIN_SUPPORT * 0.8 and min(others) - scores[low] >= MIN_MARGIN:
            hit, sent, start = best[order[0]][1], best[order[0]][2], best[order[0]][3]
            return Chosen(low, hit, sent, start, scores)
        return Chosen(None, None, "", 0, scores)
    first = order[0]
    second = scores[order[1]] if len(order) > 1 else 0.0
    if scores[first] >= MIN_SUPPORT and scores[first] - second >= MIN_MARGIN:
        return Chosen(first, best[first][1], best[first][2], best[first][3], scores)
    if embed is not None and relevant:
        # The options' words do not decide (a contest paraphrases the text): the option whose
        # completed statement ("stem + option") is closest in meaning to the sentence most about
        # the stem, when it stands out.
        _about, _rank, h, sent, start, _words = max(relevant, key=lambda s: s[0])
        anchor = embed(sent)
        sims = [float(embed(f"{mc.stem} {o}") @ anchor) for o in mc.options]
        ranked = sorted(range(len(sims)), key=lambda i: -sims[i])
        if sims[ranked[0]] - sims[ranked[1]] >= DENSE_MARGIN:
            return Chosen(ranked[0], h, sent, start, [round(x, 3) for x in sims])
    return Chosen(None, None, "", 0, scores)
