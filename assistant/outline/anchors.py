"""The Charter clauses an outline's topic is governed by, found through the passages retrieved
for it: a trainer teaches a chuyên đề from the Charter article that defines its matter, and the
implementing texts say which article (and often which clause) each of their items carries out.

1. Each retrieved passage of an official text votes for the Charter articles it belongs to or
   implements (`Provisions.articles`), with the weight of its rank, 1 / (rank + `rank_offset`),
   shared among its articles. A Charter passage votes through its clause that names most of the
   topic; an item of 294-QĐ/TW heading "mục 4.5 (Điều 5, khoản 4)" also votes for that clause.
2. The best article is kept, and the next ones whose votes reach `article_share` of it, at most
   `max_articles`.
3. Of each kept article, the clause quoted is the one naming most of the topic's words (heading
   and text, as the planner weighs them) plus the share of the article's votes cast for it plus
   how much of the topic's phrases it says word for word (`assistant.outline.phrases`: "xin ra
   khỏi Đảng" is Điều 8 khoản 3, where every clause of Điều 8 shares the topic's words).
   Implementing items are chosen the same way. The Charter clause saying the topic's phrases
   best is quoted too, whatever its article, when they are rare enough (`phrase_article`); of
   the clauses saying enough of them, one opening with the topic's actor first ("Chi bộ kiểm
   tra, giám sát …": Điều 24 khoản 2 "Chi bộ lãnh đạo …" before Điều 23 khoản 5, whose clauses
   are the tasks of "Tổ chức cơ sở đảng").

4. When no retrieved passage votes (each is of a text implementing no article: 37-HD/BTGDVTW for
   "Nâng cao chất lượng sinh hoạt chi bộ", whose title says those words) and the topic never
   names what that text alone is about (its "Bản tin"), the Charter and its implementing texts
   are asked alone, and a passage votes only as much as it says the topic's phrases (concepts
   added: "sinh hoạt định kỳ"), so "chuyển sinh hoạt đảng" does not vote for Điều 6.

Measured on the tune half of evals/questions/outlines.jsonl (Charter provisions expected), alone:
recall 0.576 at 1.3 quotes per outline, 0.750 of them on the topic; the weights below are the
ones measured there (a second clause per article, more articles or deeper retrieval did not raise
recall and lowered the on-topic share).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.outline.phrases import PhraseIndex, topic_phrases
from assistant.outline.plan import AIM_WORDS, CELL_ACTORS, LIST_MARK, Planner
from assistant.retrieval.provisions import Provision
from ingest import textnorm
from ingest.model import Hit

_KHOAN = re.compile(r"Điều (\d+), khoản (\d+)")
_NAMED = re.compile(r"\(Điều (\d+), khoản ([\d, ]+)")


@dataclass(frozen=True)
class AnchorSettings:
    rank_offset: float = 2.0
    article_share: float = 0.6
    max_articles: int = 2
    clause_vote_weight: float = 1.0
    # Subjects an outline's other quotations may come from: votes reaching this share of the best.
    subject_share: float = 0.3
    # Implementing texts quoted beside each article: those of these reading ranks
    # (`Provisions.rank`: 1 the texts naming the Charter's articles, 294-QĐ/TW; 2 the texts
    # following its subjects, 06-HD/TW), their item naming most of the topic, a retrieved one
    # counting `hit_weight` / (rank + rank_offset) more.
    implementing_ranks: tuple[int, ...] = (1,)
    hit_weight: float = 1.0
    # The topic's phrases a clause holds word for word (`assistant.outline.phrases`), as a share
    # of the best such score among the clauses compared, count this much more.
    phrase_weight: float = 1.0
    # ... and the Charter's clause saying them best is quoted, whatever its article, from this
    # score (one two-syllable phrase a few dozen provisions have scores about 4; chosen on the
    # tune half: 8, 12 and 16 gave the same, 24 less recall)
    phrase_article: float = 12.0
    # Passages retrieved for the topic (a 20-, 30- or 40-deep list capped at 3 to 8 passages of
    # one text lowered held recall 0.705 to 0.666–0.695: the dominant text is usually right).
    depth: int = 10
    # When no retrieved passage votes (every one is of a text implementing no article) and the
    # topic never names what that text alone is about, the Charter and its implementing texts
    # are asked alone, and a passage votes only as much as it says the topic's phrases.
    fallback: bool = True


def clause_of(p: Provision) -> tuple[str, str] | None:
    """(article, clause) of a Charter clause, from its section path."""
    m = _KHOAN.search(p.section)
    return (m.group(1), m.group(2)) if m else None


def named_clauses(p: Provision) -> set[tuple[str, str]]:
    """The Charter clauses an implementing item names in its heading: "mục 23.1 (Điều 24, khoản
    3, 4)" names Điều 24 khoản 3 and khoản 4."""
    m = _NAMED.search(p.section)
    return {(m.group(1), k) for k in re.findall(r"\d+", m.group(2))} if m else set()


@dataclass
class Anchors:
    articles: list[str]  # the Charter articles governing the topic, best first
    quotes: list[Provision]  # each article's clause, then its implementing items
    # the subjects the retrieved passages are about: ("art", article), or (document, item) for
    # an item no article governs (37-HD/BTGDVTW "mục II"); votes reaching `subject_share` of the best
    subjects: set[tuple[str, str]] = field(default_factory=set)


def charter_anchors(
    planner: Planner,
    q,
    terms,
    weights,
    hits: list[Hit],
    s: AnchorSettings | None = None,
    topic: str | None = None,
    by_phrase: bool = False,
) -> Anchors:
    """The Charter clauses to quote first for the topic (`q` analysed, `terms` and `weights` as
    the planner reads them; `topic` as typed, for its phrases, else `q`'s text), best article
    first. `by_phrase`: a passage votes in proportion to how much of the topic's phrases it says
    (the fallback of `AnchorSettings.fallback`)."""
    s = s or AnchorSettings()
    P = planner.p
    if P.charter is None:
        return Anchors([], [])

    def cover(p: Provision) -> float:
        return planner._cover(q, terms, weights, f"{p.text} {planner.subject_line(p)}")

    phrases = topic_phrases(topic or q.text, AIM_WORDS)
    index = phrase_index(P)
    v = _Votes.cast(P, hits, cover, index, phrases, s, by_phrase)
    if not v.articles:  # the passages' own items are still the topic's subjects
        best = max(v.subjects.values(), default=0.0)
        return Anchors([], [], {k for k, x in v.subjects.items() if x >= s.subject_share * best})
    ranked = sorted(v.articles.items(), key=lambda kv: -kv[1])
    kept = [a for a, x in ranked if x >= s.article_share * ranked[0][1]][: s.max_articles]
    out = []
    for a in kept:
        out += _article_quotes(P, a, v, cover, index, phrases, s)
    best = max(v.subjects.values())
    subjects = {k for k, x in v.subjects.items() if x >= s.subject_share * best}
    # the Charter clause saying the topic's phrases best, under an article the votes left out
    # ("Phát huy vai trò Đoàn Thanh niên …": Điều 44 beside the Điều 4 the passages are about)
    named = _phrase_clause(P, index, phrases, out, topic or q.text, s)
    if named is not None:
        out.append(named)
        subjects |= {("art", a) for a in P.articles(named)}
    return Anchors(kept, out, subjects)


@dataclass
class _Votes:
    """What the retrieved passages vote for: Charter articles, clauses and subjects, each vote
    1 / (rank + `rank_offset`) shared among a passage's articles (clauses, subjects); and the
    rank of each retrieved chunk."""

    articles: dict[str, float] = field(default_factory=dict)
    clauses: dict[tuple[str, str], float] = field(default_factory=dict)
    subjects: dict[tuple[str, str], float] = field(default_factory=dict)
    hit_rank: dict[str, int] = field(default_factory=dict)

    @classmethod
    def cast(cls, P, hits: list[Hit], cover, index, phrases, s: AnchorSettings, by_phrase: bool) -> _Votes:
        v = cls()
        for rank, h in enumerate(hits):
            v.hit_rank.setdefault(h.chunk.id, rank)
            provs = P.clauses_in(h.chunk.id)
            if provs and provs[0].doc_id == P.charter:
                provs = [max(provs, key=cover)]
            arts: set[str] = set()
            clauses: set[tuple[str, str]] = set()
            for p in provs:
                arts |= P.articles(p)
                if p.doc_id != P.charter:
                    clauses |= named_clauses(p)
                elif clause_of(p):
                    clauses.add(clause_of(p))
            w = 1 / (rank + s.rank_offset)
            if by_phrase:
                # the texts linked to the Charter asked alone: a passage votes as much as it says
                # the topic's phrases ("sinh hoạt định kỳ"), not for its words ("chuyển sinh hoạt
                # đảng"); votes are only compared with one another, so their scale is free
                w *= max((index.score(phrases, id(p)) for p in provs), default=0.0)
                if not w:
                    continue
            for a in arts:
                v.articles[a] = v.articles.get(a, 0.0) + w / len(arts)
            for c in clauses:
                v.clauses[c] = v.clauses.get(c, 0.0) + w / len(clauses)
            keys = subjects_of(P, provs)
            for k in keys:
                v.subjects[k] = v.subjects.get(k, 0.0) + w / len(keys)
        return v


def _article_quotes(P, a: str, v: _Votes, cover, index, phrases, s: AnchorSettings) -> list[Provision]:
    """An article's Charter clause naming most of the topic (its words, phrases and the votes
    cast for it), then each implementing text's item chosen alike."""
    provs = [p for p in P.all() if not p.is_heading() and a in P.articles(p)]
    clauses = [p for p in provs if p.doc_id == P.charter]
    if not clauses:
        return []

    def phrase(ps: list[Provision]) -> dict[int, float]:
        """Each provision's phrase score as a share of the best among `ps`."""
        raw = {id(p): index.score(phrases, id(p)) for p in ps}
        top = max(raw.values(), default=0.0)
        return {k: x / top if top else 0.0 for k, x in raw.items()}

    held = phrase(clauses)

    def score(p: Provision) -> float:
        c = clause_of(p)
        base = cover(p) + s.phrase_weight * held[id(p)]
        return base + s.clause_vote_weight * v.clauses.get(c, 0.0) / v.articles[a] if c else base

    out = [max(clauses, key=score)]
    for doc_id in sorted({p.doc_id for p in provs if P.rank(p.doc_id) in s.implementing_ranks}, key=P.rank):
        items = [p for p in provs if p.doc_id == doc_id]
        in_text = phrase(items)

        def beside(p: Provision, in_text=in_text) -> float:
            ranks = [v.hit_rank[c] for c in p.chunk_ids if c in v.hit_rank]
            hit = s.hit_weight / (min(ranks) + s.rank_offset) if ranks else 0.0
            return cover(p) + hit + s.phrase_weight * in_text[id(p)]

        out.append(max(items, key=beside))
    return out


def _phrase_clause(P, index, phrases, quoted: list[Provision], topic: str, s: AnchorSettings) -> Provision | None:
    """The Charter clause not yet quoted that says the topic's phrases best, when it says them
    enough (`phrase_article`); of those, one opening with the topic's actor first."""
    if not s.phrase_article:
        return None
    charter = [p for p in P.all() if p.doc_id == P.charter and not p.is_heading()]
    raw = {id(p): index.score(phrases, id(p)) for p in charter}
    seen = {id(p) for p in quoted}
    actor = _actor(topic)
    named = max(
        (p for p in charter if id(p) not in seen),
        key=lambda p: (raw[id(p)] >= s.phrase_article, bool(actor) and _actor(p.text) == actor, raw[id(p)]),
        default=None,
    )
    return named if named is not None and raw[id(named)] >= s.phrase_article else None


def _actor(text: str) -> str:
    """Who a topic or clause opens with, folded: "chi bo" for "Chi bộ kiểm tra, giám sát …" and
    for "2. Chi bộ lãnh đạo …"; "" when it opens with no cell actor (`CELL_ACTORS`)."""
    m = CELL_ACTORS.match(LIST_MARK.sub("", text.strip()))
    if not m:
        return ""
    words = textnorm.fold(m.group(0)).lower().strip(" -–•+.)0123456789").split()
    return " ".join(words[1:] if words and words[0] in ("moi", "cac", "tung") else words)


@lru_cache(maxsize=4)
def phrase_index(P) -> PhraseIndex:
    """The phrase index of every provision of the official texts (built once per library state)."""
    return PhraseIndex({id(p): p.text for p in P.all() if not p.is_heading()})


def subjects_of(P, provs: list[Provision]) -> set[tuple[str, str]]:
    """The subjects of a passage's provisions: the articles they are or implement, else their items."""
    arts = {a for p in provs for a in P.articles(p)}
    return {("art", a) for a in arts} if arts else {(p.doc_id, p.top) for p in provs}


def cell_tasks(planner: Planner, q, terms, weights, articles: list[str], quoted: list[Provision], min_cover: float):
    """What the cell, its committee, secretary or members must do under the governing articles
    (`Planner.cell_tasks` over their provisions in every text), none of the clauses quoted whole."""
    P = planner.p
    skip = {id(p) for p in quoted}
    pool = [p for p in P.all() if id(p) not in skip and not p.is_heading() and P.articles(p) & set(articles)]
    return planner.cell_tasks(q, terms, weights, pool, min_cover)
