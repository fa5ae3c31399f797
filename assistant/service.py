"""The assistant: question (and history) → rewritten query → retrieval → answer → log."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from assistant import conversation
from assistant.answer import Answer, compose, format_date
from assistant.retrieval import Filters, Hit, RetrievalConfig, Retriever
from ingest.config import Settings
from ingest.metadata import lookup


@dataclass
class Turn:
    """One question and its answer, in the shape of the `chibo ask --json` contract."""

    question: str
    rewritten_query: str
    answer: Answer
    hits: list[Hit]
    backend: str
    timings_ms: dict
    id: str | None = None
    notices: list[str] = field(default_factory=list)
    turn_id: int | None = None  # row in the turn log

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "question": self.question,
            "rewritten_query": self.rewritten_query,
            "answer": self.answer.text,
            "refused": self.answer.refused,
            "backend": self.backend,
            "notices": self.notices,
            "citations": [c.to_json() for c in self.answer.citations],
            "retrieved": [
                {
                    "rank": h.rank,
                    "chunk_id": h.chunk.id,
                    "doc_id": h.chunk.doc_id,
                    "title": self._title(h),
                    "text": h.chunk.text,
                    "score": round(h.score, 6),
                    "bm25_rank": h.bm25_rank,
                    "dense_rank": h.dense_rank,
                }
                for h in self.hits
            ],
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }

    _titles: dict = field(default_factory=dict, repr=False)

    def _title(self, h: Hit) -> str:
        return self._titles.get(h.chunk.doc_id, h.chunk.doc_id)


def newer_guidance_notices(cited_mentions: list[str]) -> list[str]:
    """A notice for each cited document number for which the registry knows newer guidance."""
    out, seen = [], set()
    for mention in cited_mentions:
        rec = lookup(mention)
        if not rec or rec["id"] in seen or not rec.get("newer"):
            continue
        seen.add(rec["id"])
        newer = []
        for nid in rec["newer"]:
            n = lookup(nid)
            newer.append(
                f"{n['type']} {nid}" + (f" ngày {format_date(n.get('date'))}" if n and n.get("date") else "")
                if n
                else nid
            )
        out.append(
            f"Lưu ý: đoạn trích dẫn nhắc đến {rec['type']} {rec['id']}"
            + (f" ngày {format_date(rec.get('date'))}" if rec.get("date") else "")
            + f"; về cùng nội dung đã có văn bản mới hơn: {', '.join(newer)}. "
            "Hãy đối chiếu với văn bản mới hơn."
        )
    return out


MAX_QUESTION_CHARS = 2000
EMPTY_QUESTION_TEXT = (
    "Câu hỏi chưa có nội dung để tìm. Hãy gõ câu hỏi bằng chữ, ví dụ: "
    "«Sinh hoạt chi bộ cần bảo đảm những tính chất gì?»"
)


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


class Assistant:
    """Cheap to construct; models and indexes load on the first question."""

    def __init__(
        self,
        settings: Settings | None = None,
        config: RetrievalConfig | None = None,
        backend: str = "extractive",
        log: bool = True,
        **backend_options,
    ) -> None:
        self.settings = settings or Settings()
        self.retriever = Retriever(self.settings, config)
        self.backend_id = backend
        self.backend_options = backend_options
        self._backend = None
        self._log = None
        self.log_enabled = log

    @property
    def domain(self):
        from assistant.domain import gate_for

        return gate_for(self.retriever)

    @property
    def backend(self):
        if self._backend is None:
            from assistant.llm import get_backend

            self._backend = get_backend(self.backend_id, **self.backend_options)
        return self._backend

    @property
    def log(self):
        if self._log is None and self.log_enabled:
            from assistant.turnlog import TurnLog

            self._log = TurnLog(self.settings.log_db)
        return self._log

    def ask(
        self,
        question: str,
        history: list[tuple[str, str]] | None = None,
        top_k: int = 10,
        filters: Filters | None = None,
        qid: str | None = None,
        on_token=None,
        config: RetrievalConfig | None = None,
    ) -> Turn:
        """Answer one question; `history` is [(question, rewritten query)] of earlier turns."""
        t0 = time.perf_counter()
        question, notices = clean_question(question)
        if not question:
            answer = Answer(text=EMPTY_QUESTION_TEXT, refused=True, evidence={"empty": True})
            return Turn(
                question="",
                rewritten_query="",
                answer=answer,
                hits=[],
                backend=self.backend_id,
                id=qid,
                notices=notices,
                timings_ms={"retrieve": 0.0, "answer": 0.0, "total": 0.0},
            )
        rewritten = conversation.rewrite(question, history or [])
        retrieved = self.retriever.run(rewritten, top_k=top_k, filters=filters, config=config)
        t1 = time.perf_counter()
        idf = self.retriever.idf(retrieved.query.terms + [w for w in retrieved.query.tokens if "_" in w])
        docs = self.retriever._docs
        in_domain = self.domain.in_domain(retrieved.query, self.retriever.embed_query(retrieved.query.text))
        extractive = compose(
            retrieved.query,
            retrieved.hits,
            idf,
            docs,
            words_of=self.retriever.token_set,
            dense_floor=self.retriever.dense_floor(),
            in_domain=in_domain,
        )
        answer = extractive
        if self.backend_id != "extractive" and not extractive.refused:
            answer, backend_notices = self.backend.answer(
                question, retrieved.query, retrieved.hits, docs, extractive, on_token=on_token
            )
            notices += backend_notices
        elif on_token:
            on_token(answer.text)
        t2 = time.perf_counter()
        notices += self._document_notices(retrieved, answer)
        answer.notices = notices
        turn = Turn(
            question=question,
            rewritten_query=rewritten,
            answer=answer,
            hits=retrieved.hits,
            backend=self.backend_id,
            id=qid,
            notices=notices,
            timings_ms={"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000, "total": (t2 - t0) * 1000},
        )
        turn._titles = {h.chunk.doc_id: docs[h.chunk.doc_id].title for h in retrieved.hits if h.chunk.doc_id in docs}
        if self.log is not None:
            turn.turn_id = self.log.record(turn)
        return turn

    def _document_notices(self, retrieved, answer: Answer) -> list[str]:
        notices = []
        cited = [
            m
            for c in answer.citations
            for m in (self.retriever.chunk(c.chunk_id).doc_numbers if self.retriever.chunk(c.chunk_id) else [])
        ]
        notices += newer_guidance_notices(cited)
        # A document the question names but the corpus holds only mentions of.
        for m in retrieved.query.mentions:
            rec = lookup(m.id) or lookup(m.key)
            label = f"{rec['type']} {rec['id']}" if rec else m.id
            ids = {m.key, m.id} | ({rec["id"]} if rec else set())
            own = [d for d in self.retriever._docs.values() if ids & set(d.meta.get("numbers", []))]
            if own:
                continue
            where = sorted(
                {
                    self.retriever._docs[c.doc_id].title
                    for c in self.retriever._chunks.values()
                    if ids & set(c.doc_numbers) and c.doc_id in self.retriever._docs
                }
            )
            if where:
                notices.append(
                    f"Kho tài liệu không có văn bản gốc của {label}; văn bản này chỉ được nhắc đến "
                    f"trong: {'; '.join(where)}."
                )
            else:
                notices.append(f"Kho tài liệu không có văn bản gốc của {label} và không có tài liệu nào nhắc đến nó.")
        return notices
