"""Thematic meeting outlines (đề cương sinh hoạt chuyên đề), grounded in the documents.

The content part quotes official texts (`kind == "guidance"`: Điều lệ, Quy định, Hướng dẫn…)
first, under "Quan điểm, chủ trương, quy định của Đảng" and "Nhiệm vụ, giải pháp"; news reports
are quoted only under "Kinh nghiệm ở cơ sở", as examples from other cells. Each sentence is
quoted exactly and cited; no sentence is used twice. The scaffolding the tool writes itself
(prompts, placeholders, the meeting steps) is `template` and never ends with a quotation.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.answer import citation_for
from assistant.answer.extractive import trim
from assistant.gates import AnswerabilityGate
from assistant.gates.evidence import candidates as sentence_candidates
from assistant.gates.evidence import coverage_of, found_terms, match_form, question_terms, term_in
from assistant.outline.anchors import Anchors, AnchorSettings, cell_tasks, charter_anchors, subjects_of
from assistant.outline.edit import renumber
from assistant.outline.model import REQUIRED_SECTIONS, Header, Item, Outline, Section
from assistant.outline.phrases import GENERIC
from assistant.outline.plan import CELL_ACTORS, LIST_MARK, Planner, PlanSettings, quote_text
from assistant.outline.template import scaffold
from assistant.query import Query, analyze, expand_concepts
from assistant.retrieval import Retriever
from assistant.retrieval.library import Filters
from assistant.retrieval.provisions import Provision
from ingest import textnorm
from ingest.model import Citation, Hit
from ingest.registry import lookup

__all__ = ["REQUIRED_SECTIONS", "Item", "Outline", "OutlineDrafter", "Section"]

NO_EVIDENCE_WARNING = (
    "Tài liệu hiện có không có nội dung về chủ đề «{topic}». Đề cương dưới đây chỉ là khung "
    "để chi bộ tự điền; không có nội dung nào được trích từ tài liệu."
)
NO_GUIDANCE_WARNING = (
    "Kho tài liệu chưa có văn bản chỉ đạo (nghị quyết, chỉ thị, quy định, hướng dẫn) về chủ đề này: "
    "đề cương chỉ trích tin bài, xếp vào mục «Kinh nghiệm ở cơ sở». Người trình bày cần bổ sung văn bản của cấp trên."
)

# What each content part asks the retriever for, besides the topic.
SECTION_QUERIES = {
    "basis": "chủ trương, nghị quyết, quy định, hướng dẫn, yêu cầu, vai trò, ý nghĩa",
    "experience": "kết quả đạt được, cách làm hay, kinh nghiệm, mô hình, hạn chế, khó khăn, nguyên nhân",
    "solutions": "nhiệm vụ, giải pháp, trách nhiệm, cần, phải, thực hiện, tăng cường, nâng cao",
}
_PRACTICE_CUES = re.compile(
    r"\d|kết quả|đã |hạn chế|khó khăn|còn |chưa |nhờ đó|cách làm|mô hình|kinh nghiệm", re.IGNORECASE
)
_SOLUTION_CUES = re.compile(
    r"cần |phải |tiếp tục|đề nghị|tăng cường|nâng cao|chú trọng|giải pháp|thời gian tới|trách nhiệm|có nhiệm vụ",
    re.IGNORECASE,
)
# Official texts first, then the user's other documents; news reports only as experience.
KIND_RANK = {"guidance": 0, "document": 1, "outline": 1, "template": 1, "unknown": 2, "news": 3}
NEWS_KINDS = ["news"]
ANCHORS = AnchorSettings()


@dataclass
class _Candidate:
    score: float
    sentence: str
    hit: Hit
    offset: int
    cell: bool = True  # its subject is the cell, its committee, secretary or members (or not an official text)


@dataclass
class _Drafting:
    """One outline being drafted: the topic as the retriever reads it, whether the documents speak
    of it, and what has been quoted so far (the citations, one number per passage and section, and
    the sentences used: no sentence is quoted twice)."""

    retriever: Retriever
    topic: str
    q_topic: Query
    idf: dict[str, float]
    grounded: bool
    kinds_present: set[str]
    official_kinds: list[str] = field(init=False)
    distinct: list[str] = field(init=False)
    min_distinct: int = field(init=False)
    citations: list[Citation] = field(default_factory=list)
    by_place: dict[tuple[str, str | None], Citation] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    subjects: set[tuple[str, str]] | None = None  # the topic's subjects (anchor strategy): nothing beside them
    whole: list[str] = field(default_factory=list)  # clauses quoted whole (folded): their sentences are used

    def __post_init__(self) -> None:
        self.official_kinds = sorted(k for k in self.kinds_present if k not in NEWS_KINDS)
        # The topic's own words, without the ones every passage here shares: a quotation must
        # have some of them ("tạo sự thống nhất" shares one word with "tạo nguồn kết nạp").
        self.distinct = [w for w in question_terms(self.q_topic) if textnorm.fold_word(w) not in GENERIC]
        self.min_distinct = 2 if len(self.distinct) >= 4 else 1

    def on_topic(self, sentence: str) -> bool:
        hay = match_form(self.q_topic, sentence)
        return sum(term_in(w.lower(), hay) for w in self.distinct) >= min(self.min_distinct, len(self.distinct))

    def cite(self, hit: Hit, offset: int) -> Citation:
        """One number per passage and section: "Điều 24, khoản 2" and "khoản 3" are two sources."""
        section = hit.chunk.section_at(offset)
        c = self.by_place.get((hit.chunk.id, section))
        if c is None:
            c = citation_for(hit, len(self.citations) + 1)
            c.section = section
            c.role = "experience" if c.kind in NEWS_KINDS else "source"
            self.citations.append(c)
            self.by_place[(hit.chunk.id, section)] = c
        return c

    def candidates(self, key: str, kinds: list[str], cue: re.Pattern | None) -> list[_Candidate]:
        """The sentences on the topic in the passages retrieved for a content part, best first."""
        if not self.grounded or not kinds:
            return []
        query = f"{expand_concepts(self.topic)}. {SECTION_QUERIES[key]}"
        hits = self.retriever.run(query, top_k=12, filters=Filters(kinds=kinds)).hits
        out = []
        # the sentences of the passages (the one reader: assistant.gates.evidence.candidates),
        # each weighed on the topic's words in itself and with its document's title
        for c in sentence_candidates(self.q_topic, hits, self.idf, min_words=6):
            h, sent = c.hit, c.text.strip()
            official = bool(h.document and h.document.kind not in NEWS_KINDS)
            if sent in h.chunk.heading_path or _is_heading(sent, official) or not self.on_topic(sent):
                continue
            # Off-topic sentences never fill an outline; the best-ranked chunks (what the
            # topic means in the documents, e.g. "kết nạp" for "phát triển đảng viên")
            # may contribute sentences that share less of the topic's wording.
            if c.own < (0.1 if c.rank < 3 else 0.25):
                continue
            if self.subjects is not None and not self._on_subject(h, c.start):
                continue
            # the cell's tasks, not what higher committees decide (anchor strategy: those go to the basis)
            cell = not (self.subjects is not None and official and not CELL_ACTORS.match(LIST_MARK.sub("", sent)))
            title = h.title if h.document else ""
            with_title = coverage_of(
                self.q_topic, found_terms(self.q_topic, title) | found_terms(self.q_topic, sent), self.idf
            )
            kind = h.document.kind if h.document else "unknown"
            score = (
                c.own
                + 0.3 * with_title
                + 0.3 / (c.rank + 1)
                + (0.15 if cue and cue.search(sent) else 0.0)
                - 0.2 * KIND_RANK.get(kind, 2)
            )
            out.append(_Candidate(score, sent, h, c.start, cell))
        out.sort(key=lambda c: -c.score)
        return out

    def _on_subject(self, h: Hit, offset: int) -> bool:
        """Whether a sentence of an official text stands under one of the topic's subjects (a
        passage outside the texts' provisions, a news report or the user's own document, does)."""
        P = self.retriever.library.provisions()
        provs = P.clauses_in(h.chunk.id)
        if not provs:
            return True
        at = [p for p in provs if p.chunk_id != h.chunk.id or p.offset <= offset] or provs
        return bool(subjects_of(P, at[-1:]) & self.subjects)

    def take(self, cands: list[_Candidate], limit: int) -> list[Item]:
        """Up to `limit` of the candidates, not quoted before, as the items of a part."""
        if limit <= 0:
            return []
        chosen = []
        per_passage: dict[str, int] = {}
        for c in cands:
            key_ = textnorm.fold(c.sentence)
            # a sentence of a clause quoted whole is quoted already (its list mark is not)
            bare = textnorm.fold(" ".join(LIST_MARK.sub("", c.sentence).split()))
            # at most two sentences of one passage: an outline draws on several sources
            if key_ in self.used or per_passage.get(c.hit.chunk.id, 0) >= 2 or any(bare in w for w in self.whole):
                continue
            self.used.add(key_)
            per_passage[c.hit.chunk.id] = per_passage.get(c.hit.chunk.id, 0) + 1
            chosen.append(c)
            if len(chosen) >= limit:
                break
        # Official texts before the user's other documents; a passage's sentences together,
        # in reading order, where its best sentence ranked.
        first = {}
        for k, c in enumerate(chosen):
            first.setdefault(c.hit.chunk.id, k)
        chosen.sort(
            key=lambda c: (
                KIND_RANK.get(c.hit.document.kind if c.hit.document else "unknown", 2),
                first[c.hit.chunk.id],
                c.offset,
            )
        )
        items = []
        for c in chosen:
            citation = self.cite(c.hit, c.offset)
            sentence = LIST_MARK.sub("", c.sentence)
            text = trim(sentence, self.q_topic, self.idf)
            if text[:1].islower():  # a clause from inside a sentence: show that text comes before it
                text = "… " + text
            items.append(Item(text, [citation.n], "corpus", full=sentence, lead=lead_for(citation)))
        return items

    def quote(self, p: Provision, role: str, text: str, whole: str) -> Item:
        """A provision chosen by the plan, quoted as an item of a part."""
        library = self.retriever.library
        hit = Hit(library.chunk(p.chunk_id), 0.0, document=library.document(p.doc_id))
        citation = self.cite(hit, p.offset)
        if role == "implementing":
            citation.role = "implementing"
        self.used.add(textnorm.fold(whole))
        self.whole.append(textnorm.fold(" ".join(whole.split())))
        return Item(text, [citation.n], "corpus", full=whole, lead=lead_for(citation))


DEFAULT_STRATEGY = "anchor"  # what the app, `chibo outline` and the eval's outline rows use


class OutlineDrafter:
    def __init__(
        self,
        retriever: Retriever,
        backend=None,
        gate: AnswerabilityGate | None = None,
        strategy: str = DEFAULT_STRATEGY,
        plan_settings: PlanSettings | None = None,
    ) -> None:
        """`strategy`:
        - "anchor" (the default): the basis opens with the Charter clauses governing the topic,
          each with its implementing item (`assistant.outline.anchors`: the articles the retrieved
          passages belong to or implement), then sentences on the topic from passages under the
          topic's subjects only; the solutions are the cell's tasks under those articles;
        - "overlap" (the earlier drafter, kept as the baseline): sentences by their words in
          common with the topic;
        - "plan" (experimental): the governing provisions chosen from headings first
          (`assistant.outline.plan`); on the held half of evals/questions/outlines.jsonl it
          recalls fewer of the expected provisions (README, Outlines)."""
        self.retriever = retriever
        self.backend = backend
        self.gate = gate or AnswerabilityGate(retriever)
        self.strategy = strategy
        self.plan_settings = plan_settings or PlanSettings()

    def draft(
        self,
        topic: str,
        cell: str | None = None,
        date: str | None = None,
        place: str | None = None,
        presenter: str | None = None,
        per_section: int = 4,
        committee: str | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> Outline:
        """An outline for `topic`; `cell`, `committee` fill the document header, `date`, `place`,
        `presenter` the meeting details (placeholders where not given). `progress` is told, in
        Vietnamese, what is being done (the app shows it while the outline is drafted)."""
        t0 = time.perf_counter()
        say = progress or (lambda message: None)
        say("Kiểm tra tài liệu về chủ đề…")
        topic = textnorm.normalize(topic).strip().rstrip(".")
        d = self._survey(topic)

        tasks_missing = False
        if d.grounded and self.strategy == "plan" and d.official_kinds:
            basis_items, solution_items, tasks_missing = self._planned_content(d, per_section, say)
        else:
            anchored = self.strategy == "anchor" and d.grounded and bool(d.official_kinds)
            first, tasks = self._anchors(d, say, per_section) if anchored else ([], [])
            # the cell's tasks first, topped up with the sentences the earlier drafter finds whose
            # subject is the cell too; none: the part is scaffolding, marked so
            solutions_limit = max(2, per_section - 1) - len(tasks)
            basis_items, solution_items = _overlap_content(
                d, per_section, say, basis_limit=per_section - len(first) // 2, solutions_limit=solutions_limit
            )
            basis_items, solution_items = first + basis_items, tasks + solution_items
            tasks_missing = anchored and not solution_items
        if d.grounded:
            say("Tìm kinh nghiệm ở cơ sở trong tin bài…")
        experience_items = d.take(
            d.candidates("experience", NEWS_KINDS if "news" in d.kinds_present else [], _PRACTICE_CUES),
            per_section + (2 if not basis_items else 0),
        )

        sections = scaffold(
            topic,
            basis_items,
            experience_items,
            solution_items,
            tasks_missing,
            date=date,
            place=place,
            presenter=presenter,
        )
        warnings = _warnings(d, basis_items, solution_items)
        if self.backend is not None and d.grounded:
            say("Mô hình ngôn ngữ viết lại các phần có trích dẫn…")
            warnings += self._draft_with_llm(topic, sections, d.citations)

        library = self.retriever.library
        docs = library.documents()
        mentions = _mentions(library, docs, d.citations)
        publishers = _publishers(docs, d.citations)
        outline = Outline(
            topic=topic,
            title=f"Đề cương sinh hoạt chuyên đề: {topic}",
            sections=sections,
            citations=d.citations,
            warnings=warnings,
            header=Header(committee=committee or "", cell=cell or ""),
            publishers=publishers,
            mentions=mentions,
        )
        outline = renumber(outline)
        outline.timings_ms = {"total": (time.perf_counter() - t0) * 1000}
        return outline

    def _survey(self, topic: str) -> _Drafting:
        """The topic as the retriever reads it, whether the documents speak of it (the gate on
        the best passages for it), and which kinds of documents the library has."""
        r = self.retriever
        r.refresh()
        q_topic = analyze(expand_concepts(topic))
        idf = r.library.idf(q_topic.terms)
        probe = r.run(analyze(topic), top_k=5)
        grounded = bool(probe.hits) and self.gate.check(probe.query, probe.hits, idf, coverage_query=q_topic).answerable
        kinds_present = {d.kind for d in r.library.documents().values() if d.status == "ok"}
        return _Drafting(r, topic, q_topic, idf, grounded, kinds_present)

    def _planned_content(
        self, d: _Drafting, per_section: int, say: Callable[[str], None]
    ) -> tuple[list[Item], list[Item], bool]:
        """The "plan" strategy's basis and solutions (`assistant.outline.plan`): the governing
        provisions quoted whole, then the cell's tasks in them; and whether no task was found."""
        r = self.retriever
        say("Chọn các quy định của Đảng về chủ đề (điều, khoản, văn bản hướng dẫn thi hành)…")
        hits = r.run(expand_concepts(d.topic), top_k=20, filters=Filters(kinds=d.official_kinds)).hits
        plan = Planner(r.library, self.plan_settings).plan(d.q_topic, d.idf, hits, _own_words(d.topic))
        basis_items = [
            d.quote(c.provision, c.role, *quote_text(c.provision, self.plan_settings.max_quote_chars))
            for c in plan.basis
        ]
        say("Tìm nhiệm vụ của chi bộ, đảng viên trong văn bản chỉ đạo…")
        solution_items = []
        for task in plan.tasks[: max(2, per_section - 1)]:
            text = LIST_MARK.sub("", task.sentence)
            solution_items.append(d.quote(task.provision, "source", text, text))
        return basis_items, solution_items, not solution_items

    def _anchors(self, d: _Drafting, say: Callable[[str], None], per_section: int) -> tuple[list[Item], list[Item]]:
        """The Charter clauses governing the topic, each with its implementing item
        (`assistant.outline.anchors`), quoted whole: the basis starts with them; and the cell's
        tasks under those articles (none: the solutions are found as the default drafter does)."""
        say("Xác định điều, khoản Điều lệ Đảng chi phối chủ đề…")
        r = self.retriever
        planner = Planner(r.library, self.plan_settings)
        terms, _idf, weights = planner.weigh(d.q_topic, d.idf, _own_words(d.topic))
        hits = r.run(expand_concepts(d.topic), top_k=ANCHORS.depth, filters=Filters(kinds=d.official_kinds)).hits
        anchors = charter_anchors(planner, d.q_topic, terms, weights, hits, ANCHORS, topic=d.topic)
        if not anchors.articles and ANCHORS.fallback and hits:
            anchors = self._linked_anchors(d, planner, terms, weights, hits, anchors)
        # nothing beside the topic's subjects, where they are known (a library without the Charter
        # or its implementing texts has none: its sentences are chosen as the overlap drafter does)
        d.subjects = (anchors.subjects | {("art", a) for a in anchors.articles}) if anchors.articles else None
        quotes = [
            d.quote(
                p,
                "source" if p.doc_id == planner.p.charter else "implementing",
                *quote_text(p, self.plan_settings.max_quote_chars),
            )
            for p in anchors.quotes
        ]
        found = cell_tasks(
            planner, d.q_topic, terms, weights, anchors.articles, anchors.quotes, self.plan_settings.min_task_cover
        )
        tasks = []
        for task in found[: max(2, per_section - 1)]:
            text = LIST_MARK.sub("", task.sentence)
            tasks.append(d.quote(task.provision, "source", text, text))
        return quotes, tasks

    def _linked_anchors(
        self, d: _Drafting, planner: Planner, terms, weights, hits: list[Hit], anchors: Anchors
    ) -> Anchors:
        """No retrieved passage voted: every one is of a text implementing no article. Unless the
        topic names what that text alone is about ("Bản tin" of 37-HD/BTGDVTW), the Charter and
        its implementing texts are asked alone and vote by the topic's phrases ("Nâng cao chất
        lượng sinh hoạt chi bộ": Điều 22 khoản 6, sinh hoạt định kỳ)."""
        r = self.retriever
        linked = [doc for doc in planner.p.table if planner.p.rank(doc) < 3]
        if not linked or _names_text(r.library, hits[0].chunk.doc_id, d.topic):
            return anchors
        more = r.run(expand_concepts(d.topic), top_k=ANCHORS.depth, filters=Filters(doc_ids=linked)).hits
        found = charter_anchors(planner, d.q_topic, terms, weights, more, ANCHORS, by_phrase=True)
        return Anchors(found.articles, found.quotes, anchors.subjects | found.subjects)

    def _draft_with_llm(self, topic, sections, citations) -> list[str]:
        """Optional: an LLM rewrites each quoted section as prose under the citation check."""
        from assistant.llm.base import build_messages, check_citations

        notes = []
        for s in sections:
            corpus = [i for i in s.items if i.source == "corpus"]
            if not corpus:
                continue
            wanted = {n for i in corpus for n in i.citations}
            passages = [c for c in citations if c.n in wanted]
            question = f"Soạn phần «{s.heading}» của đề cương sinh hoạt chuyên đề về: {topic}"
            try:
                text = "".join(
                    str(getattr(p, "content", p)) for p in self.backend.stream(build_messages(question, passages))
                ).strip()
            except Exception as exc:
                notes.append(f"Phần «{s.heading}»: không gọi được mô hình ({exc}); giữ bản trích dẫn.")
                continue
            if check_citations(text, passages):
                notes.append(
                    f"Phần «{s.heading}»: bản do mô hình soạn không qua kiểm tra trích dẫn; giữ bản trích dẫn."
                )
                continue
            ns = sorted({int(n) for n in re.findall(r"\[(\d+)\]", text)})
            s.items = [i for i in s.items if i.source != "corpus"] + [
                Item(re.sub(r"\s*\[\d+\]", "", text), ns, "corpus", verbatim=False)
            ]
        return notes


def _names_text(library, doc_id: str, topic: str) -> bool:
    """Whether the topic names a word only that text has: one in at least half its passages and
    in few others (no more than a tenth of the passages holding it), "bản_tin" of 37-HD/BTGDVTW."""
    own = [c.id for c in library.chunks() if c.doc_id == doc_id]
    if not own:
        return False
    inside: dict[str, int] = {}
    for cid in own:
        for t in library.token_set(cid):
            inside[t] = inside.get(t, 0) + 1
    df = library.vocabulary
    words = _own_words(topic) | {textnorm.fold_word(w) for w in analyze(topic).tokens}
    return any(inside.get(w, 0) * 2 >= len(own) and inside.get(w, 0) >= 0.9 * df.get(w, 0) for w in words)


def _own_words(topic: str) -> set[str]:
    """The folded words of a topic as typed (the planner weighs the words concepts add less)."""
    return {textnorm.fold_word(w) for w in question_terms(analyze(topic))}


def _overlap_content(
    d: _Drafting,
    per_section: int,
    say: Callable[[str], None],
    basis_limit: int | None = None,
    solutions_limit: int | None = None,
) -> tuple[list[Item], list[Item]]:
    """The "overlap" strategy's basis and solutions: the official texts' sentences with most of
    the topic's words; `basis_limit` of them in the basis and `solutions_limit` in the solutions
    (`per_section` and one less unless said)."""
    if d.grounded:
        say("Tìm quan điểm, chủ trương, quy định của Đảng trong văn bản chỉ đạo…")
    limit = per_section if basis_limit is None else max(1, basis_limit)
    basis_items = d.take(d.candidates("basis", d.official_kinds, None), limit)
    if d.grounded:
        say("Tìm nhiệm vụ, giải pháp trong văn bản chỉ đạo…")
    wanted = max(2, per_section - 1) if solutions_limit is None else solutions_limit
    cands = d.candidates("solutions", d.official_kinds, _SOLUTION_CUES)
    # what higher committees decide and how (anchor strategy) is taught with the rules: after them,
    # the best one only (on the tune half of the outline set a second one was off the topic as
    # often as not: on topic 0.775 with one, 0.764 with two, the same recall)
    rules = [c for c in cands if not c.cell]
    if rules:
        basis_items += d.take(rules, 1)
    solution_items = d.take([c for c in cands if c.cell], wanted)
    return basis_items, solution_items


def _warnings(d: _Drafting, basis_items: list[Item], solution_items: list[Item]) -> list[str]:
    """What the trainer is told about the outline's sources: none on the topic, no official text, few."""
    warnings = [] if d.grounded else [NO_EVIDENCE_WARNING.format(topic=d.topic)]
    if d.grounded and not basis_items and not solution_items:
        warnings.append(NO_GUIDANCE_WARNING)
    if d.grounded and len(d.citations) < 3:
        warnings.append("Tài liệu hiện có chỉ có ít nội dung về chủ đề này; cần bổ sung tài liệu trước khi dùng.")
    return warnings


def _mentions(library, docs: dict, citations: list[Citation]) -> dict[str, list[str]]:
    """Per cited passage, the registry ids of the documents it names that the index does not hold."""
    indexed_numbers = {d.number.upper() for d in docs.values() if d.number}
    mentions = {}
    for c in citations:
        chunk = library.chunk(c.chunk_id)
        ids = []
        for m in chunk.doc_numbers if chunk else []:
            rec = lookup(m)
            if rec and rec["id"] not in ids and rec["id"].upper() not in indexed_numbers:
                ids.append(rec["id"])
        mentions[c.chunk_id] = ids
    return mentions


def _publishers(docs: dict, citations: list[Citation]) -> dict[str, str]:
    """Who published a report, who issued an official text."""
    publishers = {}
    for c in citations:
        doc = docs.get(c.doc_id)
        if doc and (doc.meta.get("publisher") or doc.issuer):
            publishers[c.doc_id] = doc.meta.get("publisher") or doc.issuer
    return publishers


_HEADING = re.compile(r"^(Chương|Điều|CHƯƠNG|ĐIỀU|Mục|MỤC)\s+[\dIVXLC]+\b[^.]{0,80}$")


def _is_heading(sentence: str, official: bool = False) -> bool:
    """A heading line ("Điều 24. Tổ chức cơ sở đảng") is not a quotation; in an official text
    neither is a line without a sentence's final punctuation ("Điều 24 (Khoản 3, Khoản 4): Nhiệm
    kỳ chi bộ; việc bầu chi ủy, bí thư")."""
    if _HEADING.match(sentence) or (sentence.isupper() and len(sentence.split()) < 20):
        return True
    return official and not sentence.rstrip().endswith((".", ";", "!", "?", "…", "”", '"'))


def short_name(c: Citation) -> str:
    """How an official text is named in a sentence: its type and number.

    >>> short_name(Citation(1, "c", "d", "Quy định 294-QĐ/TW về thi hành Điều lệ Đảng", "", number="294-QĐ/TW"))
    'Quy định 294-QĐ/TW'
    >>> short_name(Citation(1, "c", "d", "Hướng dẫn về công tác phát triển đảng viên", "", number="99-HD/HU"))
    'Hướng dẫn 99-HD/HU'
    """
    title = c.title.strip()
    if c.number and c.number in title:
        return title[: title.index(c.number) + len(c.number)]
    head = title.split(" về ")[0].strip()
    if c.number:
        return f"{head} {c.number}"
    return head if len(head) <= 60 else head[:60].rsplit(" ", 1)[0] + "…"


def lead_for(c: Citation) -> str:
    """Where an official quotation comes from, written before it; news has none (its part says so).

    >>> lead_for(Citation(3, "c", "d", "Điều lệ Đảng Cộng sản Việt Nam", "", section="Chương V, Điều 24, khoản 2"))
    'Điều lệ Đảng Cộng sản Việt Nam (Chương V, Điều 24, khoản 2):'
    >>> lead_for(Citation(4, "c", "d", "Quy định 294-QĐ/TW", "", section="mục 23.4 (Điều 24, khoản 3, 4)", number="294-QĐ/TW"))
    'Quy định 294-QĐ/TW (mục 23.4, Điều 24, khoản 3, 4):'
    """
    if c.kind in NEWS_KINDS:
        return ""
    section = re.sub(r"\s*\(([^()]*)\)", r", \1", c.section or "")  # "mục 23 (Điều 24, khoản 3)"
    return f"{short_name(c)}" + (f" ({section})" if section else "") + ":"
