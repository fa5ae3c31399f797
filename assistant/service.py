"""The assistant: question (and history) → rewritten query → retrieval → gate → answer → log."""

from __future__ import annotations

import time
from dataclasses import dataclass

from assistant import choice, conversation
from assistant.answer import EMPTY_QUESTION_TEXT, answer, answer_choice
from assistant.answer.choice import explain as explain_choice
from assistant.gates import AnswerabilityGate
from assistant.notices import document_notices
from assistant.query import analyze
from assistant.retrieval import Filters, RetrievalConfig, Retriever
from ingest.model import Answer, Basis, Turn
from ingest.settings import Settings

MAX_QUESTION_CHARS = 2000


@dataclass
class Explanation:
    """A practice question explained: the basis of the correct option (None when the library
    does not state it), why the picked option is wrong, and the assistant's own answer."""

    basis: Basis | None
    why_not: Basis | None
    turn: Turn


def clean_question(question: str) -> tuple[str, list[str]]:
    """Drop control characters; an over-long question is cut (and the user told)."""
    text = "".join(ch for ch in (question or "") if ch.isprintable() or ch in "\n\t").strip()
    notices = []
    if len(text) > MAX_QUESTION_CHARS:
        text = text[:MAX_QUESTION_CHARS].rsplit(" ", 1)[0]
        notices.append(f"Câu hỏi quá dài nên chỉ {MAX_QUESTION_CHARS} ký tự đầu được dùng để tìm.")
    if not any(ch.isalnum() for ch in text):
        return "", notices
    return text, notices


def _merge(first: list, second: list, top_k: int) -> list:
    """Two ranked hit lists as one: the first's order, then what only the second found."""
    seen = {h.chunk.id for h in first}
    merged = list(first) + [h for h in second if h.chunk.id not in seen]
    for rank, h in enumerate(merged, 1):
        h.rank = rank
    return merged[: max(top_k, len(first))]


class Assistant:
    """Cheap to construct; models and indexes load on the first question (or `warm()`)."""

    def __init__(
        self,
        settings: Settings | None = None,
        config: RetrievalConfig | None = None,
        backend: str | None = None,
        log: bool = True,
        **backend_options,
    ) -> None:
        self.settings = settings or Settings()
        self.retriever = Retriever(self.settings, config)
        self.gate = AnswerabilityGate(self.retriever, self.settings.gates)
        self.backend_id = backend or self.settings.backend
        self.backend_options = backend_options
        self._backend = None
        self._log = None
        self.log_enabled = log

    @property
    def library(self):
        return self.retriever.library

    @property
    def backend(self):
        if self._backend is None:
            from assistant.llm import get_backend

            self._backend = get_backend(self.backend_id, self.settings, **self.backend_options)
        return self._backend

    def use_backend(self, backend) -> None:
        """Answer with this backend object (any `ChatBackend`), e.g. one built by a test."""
        self._backend, self.backend_id = backend, backend.id

    @property
    def log(self):
        if self._log is None and self.log_enabled:
            from assistant.turnlog import TurnLog

            self._log = TurnLog(self.settings.log_db)
        return self._log

    def _implementing_candidates(self, q, hits) -> list:
        """Passages of other official texts that name the article the top passage comes from
        (a Charter article's implementing clauses), found through the library's article table."""
        top = next((h for h in hits[:3] if h.chunk.sections and h.document and h.document.is_guidance), None)
        if top is None:
            return []
        return self.library.hits_naming_articles(top.chunk.section or "", exclude_doc=top.chunk.doc_id)

    def _option_hits(self, mc, q, hits: list, top_k: int, filters, config) -> list:
        """Each option judged on its own: the passages keyword search finds for the stem with
        that option, after the stem's own, then those of the stem with all options. Keyword search
        only, the stem analysed and scored once (each option is segmented alone and its scores
        added): the stem's own search is the one embedding (a second one for the widened query
        changed no choice on the tune halves and cost a query embedding)."""
        vocabulary = self.library.vocabulary
        options = [analyze(form.core, vocabulary) for form in mc.forms if not form.aggregate]
        every = options[0] if options else None
        for option in options[1:]:
            every = every.plus(option)
        extras = options + ([every] if every is not None else [])
        sizes = [3] * len(options) + [top_k]
        runs = self.retriever.keyword_runs(q, extras, sizes, filters=filters, config=config)
        for found in runs[: len(options)]:
            hits = _merge(hits, found, top_k + 3)
        return _merge(hits, runs[-1], top_k + 6) if every is not None else hits

    def explain(self, question: str, options: list[str], correct: int, picked: int | None = None) -> Explanation:
        """For practice: why `correct` is the answer (the sentence of the library that states it)
        and why `picked` is not, with the assistant's own choice beside them."""
        turn = self.ask(question, options=options)
        mc = choice.parse(question, options)
        q = analyze(mc.question, self.library.vocabulary)
        idf = self.library.question_idf(q)
        chosen = choice.choose(mc, turn.hits, q, idf, lead=self.library.lead_ins)
        basis, wrong = explain_choice(mc, chosen, correct, picked)
        return Explanation(basis=basis, why_not=wrong, turn=turn)

    def warm(self) -> None:
        """Load the index, models and gate vectors now, so that no question waits for them."""
        self.retriever.warm()
        self.gate.warm()

    def ask(
        self,
        question: str,
        history: list[tuple[str, str]] | None = None,
        top_k: int = 10,
        filters: Filters | None = None,
        qid: str | None = None,
        on_token=None,
        config: RetrievalConfig | None = None,
        options: list[str] | None = None,
    ) -> Turn:
        """Answer one question; `history` is [(question, rewritten query)] of earlier turns;
        `options`: the choices of a multiple-choice question (else found in the text)."""
        with self.library.index.pinned():  # one state of the index, its generation read once
            return self._ask(question, history, top_k, filters, qid, on_token, config, options)

    def _ask(self, question, history, top_k, filters, qid, on_token, config, options) -> Turn:
        t0 = time.perf_counter()
        question, notices = clean_question(question)
        if not question:
            empty = Answer(text=EMPTY_QUESTION_TEXT, refused=True, evidence={"empty": True}, refusal_kind="empty")
            return Turn(
                question="",
                rewritten_query="",
                answer=empty,
                hits=[],
                backend=self.backend_id,
                id=qid,
                notices=notices,
                timings_ms={"retrieve": 0.0, "answer": 0.0, "total": 0.0},
            )
        mc = choice.parse(question, options)
        rewritten = mc.question if mc else conversation.rewrite(question, history or [])
        retrieved = self.retriever.run(rewritten, top_k=top_k, filters=filters, config=config)
        hits = retrieved.hits
        if mc:
            hits = self._option_hits(mc, retrieved.query, hits, top_k, filters, config)
        t1 = time.perf_counter()
        q = retrieved.query
        idf = self.library.question_idf(q)
        # A rewritten follow-up is held to its own words too, not only to the previous turn's.
        own = analyze(question, self.library.vocabulary) if rewritten != question and not mc else None
        verdict = self.gate.check(q, hits, idf, own=own)
        if mc:
            result = answer_choice(mc, q, hits, idf, verdict, lead=self.library.lead_ins)
        else:
            result = answer(
                q, hits, idf, verdict, candidates=self._implementing_candidates(q, hits), scoring=self.settings.scoring
            )
        if self.backend_id != "extractive" and not result.refused and not mc:
            result, backend_notices = self.backend.answer(question, q, hits, result, on_token=on_token)
            notices += backend_notices
        elif on_token:
            on_token(result.body)
        t2 = time.perf_counter()
        # a bank's preamble ("Theo Quy định số 208-QĐ/TW …:") is not searched with, but a
        # document it names that the library lacks is said so beside the answer
        named = mc.named if mc and mc.parts.source else q
        named_notices = document_notices(named, result, self.library)
        if (
            named is not q
            and result.basis is not None
            and any(n.startswith("Kho tài liệu không có") for n in named_notices)
        ):
            where = ", ".join(x for x in (result.basis.title, result.basis.section) if x)
            named_notices.append(
                f"Câu hỏi dẫn văn bản kho tài liệu chưa có; đáp án dựa trên {where} — quy định cùng nội dung "
                "trong văn bản kho tài liệu có. Hãy đối chiếu với văn bản câu hỏi dẫn."
            )
        notices += named_notices
        result.notices = notices
        turn = Turn(
            question=question,
            rewritten_query=rewritten,
            answer=result,
            hits=hits,
            backend=self.backend_id,
            id=qid,
            notices=notices,
            timings_ms={"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000, "total": (t2 - t0) * 1000},
        )
        if self.log is not None:
            turn.turn_id = self.log.record(turn)
        return turn
