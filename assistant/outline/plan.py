"""Plan an outline's content before quoting: which provisions govern the topic, in the order a
chuyên đề is taught, and what the cell itself must do.

1. Every provision of the official texts (a whole clause with its points, see
   `assistant.retrieval.provisions`) is scored against the topic by its subject (the heading of
   its article or item and its lead-in line), its own words, and the rank of the retrieved
   passage it stands in.
2. Subjects (a Charter article, a top-level item of a guidance text) are chosen by their best
   provision; a guidance item that implements a chosen article belongs to that article's subject.
3. For each subject, the best clauses of each text are quoted whole, the Charter first, then the
   items that name the article (294-QĐ/TW), then the parts that follow its subject (06-HD/TW),
   then any other text; inside a text, in the text's order.
4. Tasks for the cell: sentences of the chosen subjects (and the retrieved passages) whose subject
   is the cell, its committee, its secretary or its members, not yet quoted.

The weights are named in `PlanSettings`, each with the reason it has its value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.gates.evidence import match_form, present, question_terms, sentence_spans, term_in
from assistant.query import STOPWORDS_EXACT
from assistant.retrieval.provisions import Provision
from ingest import textnorm
from ingest.model import Hit


@dataclass(frozen=True)
class PlanSettings:
    # A provision's score: its subject counts most (a heading says what the whole article or item
    # governs), then its own words, then where retrieval ranked its passage.
    heading_weight: float = 0.45
    body_weight: float = 0.35
    rank_weight: float = 0.2
    rank_scale: float = 3.0  # retrieval rank r counts 1 / (1 + r / rank_scale)
    # Subjects kept: the best, and others scoring this share of it (a topic such as "kết nạp và
    # công nhận đảng viên chính thức" spans two articles), at most `max_subjects`.
    subject_share: float = 0.8
    max_subjects: int = 3
    # Clauses kept inside a subject's text: those scoring this share of the text's best there.
    clause_share: float = 0.75
    per_text: int = 2
    max_basis: int = 8
    # A provision must name this share of the topic's own words (heading or body): nothing
    # about a neighbouring subject is quoted.
    min_cover: float = 0.3
    min_task_cover: float = 0.3
    # A subject whose heading names more than the topic (another matter) loses up to this share.
    misfit: float = 0.5
    max_quote_chars: int = 1200


# Who a cell's task is for: the cell, its committee, its secretary, its members. A sentence
# whose subject is a higher committee ("Ban Thường vụ tỉnh ủy quyết định …") is not a cell's task.
CELL_ACTORS = re.compile(
    r"^(?:[-–•+]\s*|[a-zđ]\)\s*|\d+(?:\.\d+)*\.?\s*)*(?:Mỗi\s+|Các\s+|Từng\s+)?"
    r"(?:chi bộ|chi ủy|chi uỷ|bí thư chi bộ|bí thư|đảng viên|cấp ủy, chi bộ|cấp uỷ, chi bộ)(?!\s+(?:cơ sở\s+)?(?:cấp trên|trực thuộc đảng ủy cấp trên))\b",
    re.IGNORECASE,
)
DUTY = re.compile(
    r"\b(?:phải|có trách nhiệm|có nhiệm vụ|cần|thường xuyên|chủ động|nêu cao|gương mẫu|tích cực)\b", re.IGNORECASE
)
# The aim of a chuyên đề's title, not its matter: "Nâng cao chất lượng sinh hoạt chi bộ" is about
# the cell's meetings, "Tăng cường công tác kiểm tra" about inspection. These words count
# AIM_WEIGHT of their weight (from how trainers title their topics: evals/questions/outlines.jsonl
# tune half, dev.jsonl outline items).
AIM_WORDS = frozenset(
    "nang_cao chat_luong hieu_qua tang_cuong doi_moi day_manh thuc_hien phat_huy giu_vung cung_co "
    "lam_tot chan_chinh cong_tac vai_tro trach_nhiem y_thuc nhan_thuc hien_nay moi tot viec van_de "
    "mot_so ve quan_triet nghiem".split()
)
AIM_WEIGHT = 0.25
# Words a concept adds ("chất lượng sinh hoạt" → "sinh hoạt định kỳ, sinh hoạt chuyên đề …")
# widen the search but say less of the topic than its own words.
EXPANSION_WEIGHT = 0.5


def topic_words(q, vocabulary=None) -> list[str]:
    """The topic's content words, a compound the library never has cut into words it has."""
    terms = _topic_words(q.text) if not q.no_diacritics else question_terms(q)
    if vocabulary is not None:
        terms = [piece for t in terms for piece in _known_pieces(t, vocabulary)]
    return terms


def term_weights(terms: list[str], idf: dict[str, float], own: set[str] | None = None) -> list[float]:
    """Each topic word's weight: IDF, the aim's words lightened, and the words added by
    `expand_concepts` (not in `own`, the topic's folded words) lightened too."""
    folded = [textnorm.fold_word(t) for t in terms]
    if "nang" in folded and "cao" in folded:  # "nâng cao" read as two words
        folded = ["nang_cao" if f in ("nang", "cao") else f for f in folded]
    weights = []
    for t, f in zip(terms, folded):
        w = idf.get(textnorm.fold_word(t), 1.0) * (AIM_WEIGHT if f in AIM_WORDS else 1.0)
        weights.append(w * (EXPANSION_WEIGHT if own is not None and textnorm.fold_word(t) not in own else 1.0))
    return weights


_HEADING_LABEL = re.compile(
    r"^\s*(?:[\dIVXLC]+(?:\.\d+)*\.?\s*)?(?:Điều\s+\d+\.\s*|\(?(?:Điều|Khoản)[^:]*:\s*)?(?:Chương\s+[IVXLC]+\.?\s*)?",
    re.IGNORECASE,
)
# "2. ", "a) ", "- " before a quoted clause: its place is said in the lead
LIST_MARK = re.compile(r"^(?:\d+(?:\.\d+)*\.|[a-zđ]\)|[-–•+])\s+")


@dataclass
class Chosen:
    provision: Provision
    score: float
    role: str  # "source" (the rule) | "implementing" (a text carrying it out)


@dataclass
class Task:
    provision: Provision
    sentence: str
    offset: int  # in the provision's first chunk
    score: float


@dataclass
class Plan:
    basis: list[Chosen] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)


class Planner:
    def __init__(self, library, settings: PlanSettings | None = None) -> None:
        self.p = library.provisions()
        self.chunk = library.chunk
        self.leads = lambda p: library.lead_ins(library.chunk(p.chunk_id), p.offset)
        self.s = settings or PlanSettings()
        self._tops: dict[tuple[str, str], str] = {}
        headed: set[tuple[str, str]] = set()  # items whose opening line is a heading proper
        for p in self.p.all():
            if not p.is_top():
                continue
            heading = p.is_heading()
            if heading:
                headed.add((p.doc_id, p.top))
            if (heading or p.has_parts) and (p.doc_id, p.top) not in self._tops:
                self._tops[(p.doc_id, p.top)] = p.text.strip().split("\n")[0][:200]
        # the headings proper (not a lead-in that states a rule): what an item is about
        self._heads = {k: v for k, v in self._tops.items() if k in headed}
        self._lines: dict[tuple[str, str], str] = {}
        self._impl: dict[str, list[Provision]] = {}
        self._fit: dict[tuple[str, str], float] = {}
        self.idf = library.idf
        self.vocabulary = library.vocabulary

    # ---- scoring ---------------------------------------------------------------------------
    def _found(self, q, terms, text: str) -> set[int]:
        hay = match_form(q, text)
        return {i for i, t in enumerate(terms) if present(q, t, hay)}

    def _cover(self, q, terms, weights, text: str) -> float:
        if not terms:
            return 0.0
        return sum(weights[i] for i in self._found(q, terms, text)) / sum(weights)

    def subject_line(self, p: Provision) -> str:
        """What a provision is about, in the words of headings: its chapter's or part's title,
        its article's or item's heading, its lead-in lines, and for a Charter clause the headings
        of the items implementing its article ("(Khoản 6, Điều 22): Sinh hoạt định kỳ của đảng
        bộ cơ sở, chi bộ" says what Điều 22 khoản 6 is about; the Charter's articles have no
        titles)."""
        key = (p.doc_id, p.top)
        line = self._lines.get(key)
        if line is None:
            parts = [self._chapter(p), self._tops.get(key, "")]
            if p.doc_id == self.p.charter:
                for a in self.p.articles(p):
                    parts += [self._tops.get((q.doc_id, q.top), "") for q in self._implementing(a)]
            line = self._lines[key] = " ".join(dict.fromkeys(x for x in parts if x))
        return f"{line} {self.leads(p)}".strip()

    def _fits(self, q, p: Provision, idf: dict[str, float]) -> float:
        """How much of its item's heading the topic covers: 1 when the topic names all the item
        is about, less when the item is about something more the topic never names (37-HD/BTGDVTW
        "Nội dung … Bản tin sinh hoạt chi bộ" for "Nâng cao chất lượng sinh hoạt chi bộ")."""
        heading = self._heads.get((p.doc_id, p.top), "")
        key = (heading, q.text)
        if key not in self._fit:
            words = [w for w in _heading_terms(heading) if w not in AIM_WORDS]
            if not words:
                self._fit[key] = 1.0
            else:
                hay = textnorm.fold(q.text)
                weights = [idf.get(w) or self.idf([w])[w] for w in words]
                found = sum(wt for w, wt in zip(words, weights) if term_in(w, hay))
                self._fit[key] = 1 - self.s.misfit * (1 - found / sum(weights))
        return self._fit[key]

    def _chapter(self, p: Provision) -> str:
        """The chapter's or part's title, from the passage's heading path ("Chương V. CHI BỘ, …")."""
        chunk = self.chunk(p.chunk_id)
        first = p.section.split(",")[0].split(" (")[0]
        if chunk and chunk.heading_path and chunk.heading_path[0].startswith(first + ".") and first != p.top:
            return chunk.heading_path[0]
        return ""

    def _implementing(self, article: str) -> list[Provision]:
        if article not in self._impl:
            self._impl[article] = [q for q in self.p.implementing(article) if q.is_top()]
        return self._impl[article]

    def plan(self, q, idf: dict[str, float], hits: list[Hit], own: set[str] | None = None) -> Plan:
        """`q`: the topic analysed with its concepts expanded; `own`: the folded words of the
        topic as typed; `hits`: passages of official texts retrieved for it."""
        s = self.s
        terms, idf, weights = self.weigh(q, idf, own)
        rank_of = self._ranks(hits)
        found, reach = self._words_found(q, terms)
        total = sum(weights[i] for i in reach) or 1.0
        scored, by_article = self._score(q, idf, weights, total, found, rank_of)
        if not scored:
            return Plan()
        scored.sort(key=lambda x: -x[0])

        best_of = self._best_of(scored)
        if not best_of:
            return Plan()
        ranked = sorted(best_of.items(), key=lambda kv: -kv[1])
        top_score = ranked[0][1]
        subjects = [k for k, v in ranked if v >= s.subject_share * top_score][: s.max_subjects]

        basis, quoted = self._basis(subjects, best_of, scored, by_article)
        tasks = self._tasks(q, terms, weights, scored, subjects, quoted)
        return Plan(basis, tasks)

    def weigh(self, q, idf: dict[str, float], own: set[str] | None) -> tuple[list[str], dict[str, float], list[float]]:
        """The topic's words as provisions are matched on (`topic_words`), the IDF of the library
        with theirs added, and each word's weight (`term_weights`)."""
        terms = topic_words(q, self.vocabulary)
        idf = {**idf, **self.idf([textnorm.fold_word(t) for t in terms])}
        return terms, idf, term_weights(terms, idf, own)

    def cell_tasks(self, q, terms, weights, pool, min_cover: float) -> list[Task]:
        """The sentences of the provisions in `pool` whose subject is the cell, its committee, its
        secretary or its members and that state a duty, naming at least `min_cover` of the topic,
        each once, best first."""
        tasks: list[Task] = []
        seen: set[str] = set()
        for p in pool:
            for a, b in sentence_spans(p.text):
                sent = " ".join(p.text[a:b].split())
                if len(sent.split()) < 8 or not CELL_ACTORS.match(sent) or not DUTY.search(sent):
                    continue
                cover = self._cover(q, terms, weights, sent)
                key = textnorm.fold(sent)
                if cover < min_cover or key in seen:
                    continue
                seen.add(key)
                tasks.append(Task(p, sent, a, cover))
        tasks.sort(key=lambda t: -t.score)
        return tasks

    def _ranks(self, hits: list[Hit]) -> dict[int, int]:
        """The rank of the best retrieved passage each provision stands in, by the provision's id()."""
        rank_of: dict[int, int] = {}
        for r, h in enumerate(hits):
            for p in self.p.by_chunk.get(h.chunk.id, []):
                rank_of.setdefault(id(p), r)
        return rank_of

    def _words_found(self, q, terms: list[str]) -> tuple[list[tuple[Provision, set[int], set[int]]], set[int]]:
        """Which topic words each provision has, in its headings and in its text. A word no
        provision has ("giữ gìn" in "Giữ gìn, sử dụng thẻ đảng viên") cannot tell them apart:
        shares are of the words some provision has (the second value, the words found anywhere)."""
        found: list[tuple[Provision, set[int], set[int]]] = []
        reach: set[int] = set()
        for p in self.p.all():
            if p.is_heading():
                continue
            head_words = self._found(q, terms, self.subject_line(p))
            body_words = self._found(q, terms, p.text)
            found.append((p, head_words, body_words))
            reach |= head_words | body_words
        return found, reach

    def _score(
        self,
        q,
        idf: dict[str, float],
        weights: list[float],
        total: float,
        found: list[tuple[Provision, set[int], set[int]]],
        rank_of: dict[int, int],
    ) -> tuple[list[tuple[float, float, Provision]], dict[str, list[tuple[float, Provision]]]]:
        """(score, cover, provision) of the provisions naming enough of the topic, and every
        provision of an article's texts by article, whatever its score: the article's own clause
        and its implementing clauses are quoted beside each other even when one shares few words."""
        s = self.s
        scored: list[tuple[float, float, Provision]] = []
        by_article: dict[str, list[tuple[float, Provision]]] = {}
        for p, head_words, body_words in found:
            head = sum(weights[i] for i in head_words) / total * self._fits(q, p, idf)
            body = sum(weights[i] for i in body_words) / total
            r = rank_of.get(id(p))
            rank = 1 / (1 + r / s.rank_scale) if r is not None else 0.0
            score = s.heading_weight * head + s.body_weight * body + s.rank_weight * rank
            for a in self.p.articles(p):
                by_article.setdefault(a, []).append((score + s.body_weight * body, p))
            if max(head, body) >= s.min_cover:
                scored.append((score, max(head, body), p))
        return scored, by_article

    def _subjects_of(self, p: Provision) -> list[tuple]:
        """A provision's subjects: a Charter article with the items implementing it, or an item
        of its own."""
        arts = self.p.articles(p)
        return [("art", a) for a in sorted(arts, key=int)] or [(p.doc_id, p.top)]

    def _best_of(self, scored: list[tuple[float, float, Provision]]) -> dict[tuple, float]:
        """A subject is as good as its best provision that belongs to it alone: a part linked to
        two articles (06-HD/TW "Một số vấn đề liên quan đến kết nạp … và công nhận …") does not
        raise both."""
        best_of: dict[tuple, float] = {}
        for score, _, p in scored:
            keys = self._subjects_of(p)
            if len(keys) == 1:
                best_of.setdefault(keys[0], score)
        return best_of

    def _basis(
        self,
        subjects: list[tuple],
        best_of: dict[tuple, float],
        scored: list[tuple[float, float, Provision]],
        by_article: dict[str, list[tuple[float, Provision]]],
    ) -> tuple[list[Chosen], set[int]]:
        """The clauses quoted, and the id() of each. The budget goes to the best subjects first;
        they are taught in the Charter's order (principle, who decides, procedure), the subjects
        no article governs after them."""
        s = self.s
        picked: dict[tuple, list[Chosen]] = {}
        quoted: set[int] = set()
        n = 0
        for subj in subjects:
            by_text: dict[str, list[tuple[float, Provision]]] = {}
            for sc, p in self._members(subj, scored, by_article, quoted):
                by_text.setdefault(p.doc_id, []).append((sc, p))
            chosen: list[Chosen] = []
            for doc_id in sorted(by_text, key=self.p.rank):
                cands = by_text[doc_id]
                best = cands[0][0]
                keep = [p for sc, p in cands if sc >= s.clause_share * best][: s.per_text]
                for p in sorted(keep, key=lambda p: p.order):
                    if n >= s.max_basis:
                        break
                    quoted.add(id(p))
                    n += 1
                    role = "source" if self.p.rank(doc_id) in (0, 3) else "implementing"
                    chosen.append(Chosen(p, best_of[subj], role))
            picked[subj] = chosen
        order = sorted(subjects, key=lambda k: (0, int(k[1]), "") if k[0] == "art" else (1, 0, str(k)))
        return [c for k in order for c in picked[k]], quoted

    def _members(
        self,
        subj: tuple,
        scored: list[tuple[float, float, Provision]],
        by_article: dict[str, list[tuple[float, Provision]]],
        quoted: set[int],
    ) -> list[tuple[float, Provision]]:
        """A subject's provisions not yet quoted, best first."""
        members = [(sc, p) for sc, _, p in scored if subj in self._subjects_of(p) and id(p) not in quoted]
        if subj[0] == "art":
            # the Charter's clause and each implementing text's, the one with most of the
            # topic's words, even where that text was not among the best
            have = {p.doc_id for _, p in members}
            for sc, p in sorted(by_article.get(subj[1], []), key=lambda x: -x[0]):
                if p.doc_id not in have and id(p) not in quoted and not p.is_heading():
                    have.add(p.doc_id)
                    members.append((sc, p))
        return members

    def _tasks(
        self,
        q,
        terms: list[str],
        weights: list[float],
        scored: list[tuple[float, float, Provision]],
        subjects: list[tuple],
        quoted: set[int],
    ) -> list[Task]:
        """Tasks for the cell: sentences whose subject is the cell, its committee, its secretary or
        its members, in provisions not yet quoted, best first."""
        chosen = set(subjects)
        # only the chosen subjects: a cell's task under another subject is a neighbouring matter
        pool = [p for _, _, p in scored if id(p) not in quoted and chosen & set(self._subjects_of(p))]
        return self.cell_tasks(q, terms, weights, pool, self.s.min_task_cover)


def _known_pieces(term: str, vocabulary) -> list[str]:
    """A compound the library never has, cut where both pieces are words it has: the segmenter
    reads "nghiêm nguyên tắc" as one word, the texts have "nguyên tắc"."""
    parts = term.split("_")
    if len(parts) < 3 or textnorm.fold_word(term) in vocabulary:
        return [term]
    for k in range(1, len(parts)):
        left, right = "_".join(parts[:k]), "_".join(parts[k:])
        if textnorm.fold_word(left) in vocabulary and textnorm.fold_word(right) in vocabulary:
            return [left, right]
    return [term]


@lru_cache(maxsize=1024)
def _topic_words(text: str) -> list[str]:
    """A topic's content words as written ("thẻ" is a word, though folded it is "thế")."""
    out: list[str] = []
    for w in textnorm.words(text):
        low = w.lower()
        if low not in STOPWORDS_EXACT and any(ch.isalpha() for ch in low) and low not in out:
            out.append(low)
    return out


@lru_cache(maxsize=4096)
def _heading_terms(heading: str) -> tuple[str, ...]:
    """The folded content words of a heading, without its label ("3. Điều 4:", "II.")."""
    text = _HEADING_LABEL.sub("", heading).lower()  # the segmenter reads capitals badly
    return tuple(
        dict.fromkeys(
            textnorm.fold_word(w)
            for w in textnorm.words(text)
            if w not in STOPWORDS_EXACT and any(ch.isalpha() for ch in w)
        )
    )


def quote_text(p: Provision, limit: int) -> tuple[str, str]:
    """(text shown, whole text) of a provision: its lines joined, its own number left out (the
    lead says where it is from); cut at a sentence end past `limit`, marked "…"."""
    whole = " ".join(
        LIST_MARK.sub("", line.strip()) if i == 0 else line.strip() for i, line in enumerate(p.text.strip().split("\n"))
    )
    whole = " ".join(whole.split())
    if len(whole) <= limit:
        return whole, whole
    cut = whole
    for a, b in sentence_spans(whole):
        if b > limit and a > 0:
            cut = whole[:a].rstrip() + " …"
            break
    return cut, whole
