"""The data model every package shares: one `Document`, one `Chunk` from loader to store to
answer, and the `Hit`, `Citation`, `Answer` and `Turn` of a question.

It lives at the bottom of the import graph (it imports nothing of the project) so that
ingest, assistant, ui and evals all speak the same types (haystack's `dataclasses/`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ingest import textnorm


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# How each kind of document is named to users.
KIND_LABELS = {
    "guidance": "văn bản chỉ đạo, hướng dẫn",
    "news": "tin bài",
    "outline": "đề cương",
    "template": "biểu mẫu",
    "document": "tài liệu",
    "unknown": "chưa rõ",
}


@dataclass
class Document:
    """One indexed file: what it is (title, number, issuer, date, kind) and its index state."""

    doc_id: str
    path: str
    title: str
    date: str | None = None  # ISO: YYYY-MM-DD, or YYYY-MM when the day is blank in the text
    kind: str = "document"  # guidance | news | outline | template | document | unknown
    number: str | None = None  # the document's own number, "294-QĐ/TW"
    issuer: str | None = None  # "Ban Chấp hành Trung ương"
    sha256: str = ""
    size: int = 0
    meta: dict = field(default_factory=dict)  # publisher, event_date, mentions, ocr, duplicate_of…
    chunk_count: int = 0
    status: str = "ok"  # ok | failed | duplicate
    error: str | None = None
    updated_at: float | None = None

    @property
    def is_guidance(self) -> bool:
        """An official text (Điều lệ, Quy định, Hướng dẫn, …), as opposed to a news report."""
        return self.kind == "guidance"


@dataclass
class Chunk:
    """A passage of a document. The ingest pipeline fills the index fields (`tokens`,
    `syllables`, `embed_text`); chunks read back for answering leave them None."""

    doc_id: str
    ordinal: int
    start: int
    end: int
    text: str
    heading_path: list[str] = field(default_factory=list)
    section: str | None = None  # "Chương V, Điều 24, khoản 2"; None when the document has no structure
    doc_numbers: list[str] = field(default_factory=list)  # document numbers mentioned (ids and keys)
    sections: list[tuple[int, str]] = field(default_factory=list)  # (offset in text, section) of each part
    id: str = ""
    tokens: str | None = None  # BM25 words (underthesea), title and section included
    syllables: str | None = None  # BM25 syllables and syllable pairs
    embed_text: str | None = None  # what the embedder reads

    def __post_init__(self) -> None:
        if not self.id:
            self.id = f"{self.doc_id}:{self.ordinal:04d}:{text_hash(self.text)[:8]}"

    @property
    def text_hash(self) -> str:
        return text_hash(self.text)

    def section_at(self, offset: int) -> str | None:
        """The section of the part of the chunk at `offset` (a quoted sentence's own khoản)."""
        found = self.section
        for start, sec in self.sections:
            if start <= offset:
                found = sec
        return found


@dataclass
class Hit:
    """A chunk retrieved for a question, with its fused score and the ranks that made it."""

    chunk: Chunk
    score: float
    rank: int = 0
    bm25_rank: int | None = None
    dense_rank: int | None = None
    dense_score: float | None = None
    bm25_score: float | None = None
    document: Document | None = None

    @property
    def id(self) -> str:
        return self.chunk.id

    @property
    def title(self) -> str:
        return self.document.title if self.document else self.chunk.doc_id

    def header(self, section: bool = True, sep: str = " ") -> str:
        """The passage's header as retrieval reads it: its document's title (none for a chunk
        without a document), its headings and, with `section`, its section path; joined by `sep`."""
        parts = [self.title if self.document else "", *self.chunk.heading_path]
        return sep.join([*parts, self.chunk.section or ""] if section else parts)


@dataclass
class Citation:
    """Passage `n` of an answer: where it comes from (document, section) and what is quoted."""

    n: int
    chunk_id: str
    doc_id: str
    title: str
    text: str
    date: str | None = None
    source: str | None = None
    quote: str = ""  # the cited sentence(s) inside `text`
    section: str | None = None
    kind: str = "document"
    number: str | None = None
    ocr: bool = False  # the passage was read from a scanned page by OCR
    role: str = "source"  # source | implementing (Hướng dẫn thi hành) | experience (news: kinh nghiệm ở cơ sở)

    def to_json(self) -> dict:
        return {
            "n": self.n,
            "doc_id": self.doc_id,
            "title": self.title,
            "chunk_id": self.chunk_id,
            "section": self.section,
            "text": self.text,
            "quote": self.quote,
            "date": self.date,
            "source": self.source,
            "kind": self.kind,
            "number": self.number,
            "ocr": self.ocr,
            "role": self.role,
        }


@dataclass
class Basis:
    """The passage behind one option of a multiple-choice answer: the quoted sentence, where it
    stands (document, number, section path) and why it counts (`reason`, Vietnamese)."""

    option: int
    quote: str
    doc_id: str
    title: str
    section: str | None = None
    number: str | None = None
    chunk_id: str | None = None
    reason: str = ""

    def to_json(self) -> dict:
        return {
            "option": self.option,
            "quote": self.quote,
            "doc_id": self.doc_id,
            "title": self.title,
            "number": self.number,
            "section": self.section,
            "chunk_id": self.chunk_id,
            "reason": self.reason,
        }


@dataclass
class Answer:
    """What the assistant says. `body` is the answer itself (quoted sentences with [n], or the
    refusal message); `text` is the whole plain-text answer with its sources, as printed."""

    text: str
    refused: bool
    body: str = ""
    citations: list[Citation] = field(default_factory=list)
    sentences: list[tuple[str, int]] = field(default_factory=list)  # (sentence, citation n)
    notices: list[str] = field(default_factory=list)
    closest: list[Citation] = field(default_factory=list)  # offered with a refusal, not cited
    evidence: dict = field(default_factory=dict)  # the refusal signals, for logs and calibration
    choice: int | None = None  # multiple-choice: the 0-based option the cited passage supports
    options: list[str] = field(default_factory=list)
    refusal_kind: str | None = None  # empty | no_evidence | out_of_scope | no_choice
    # multiple-choice: the clause that decides (`Basis` of the chosen option), and for each other
    # option the sentence showing why it is not the answer, where the text shows it
    basis: Basis | None = None
    why_not: dict[int, Basis] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.body:
            self.body = self.text


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

    @property
    def rewritten(self) -> bool:
        return self.rewritten_query != self.question

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "question": self.question,
            "rewritten_query": self.rewritten_query,
            "answer": self.answer.text,
            "body": self.answer.body,
            "refused": self.answer.refused,
            "choice": self.answer.choice,
            "basis": self.answer.basis.to_json() if self.answer.basis else None,
            "why_not": {str(i): b.to_json() for i, b in sorted(self.answer.why_not.items())},
            "backend": self.backend,
            "notices": self.notices,
            "citations": [c.to_json() for c in self.answer.citations],
            "retrieved": [
                {
                    "rank": h.rank,
                    "chunk_id": h.chunk.id,
                    "doc_id": h.chunk.doc_id,
                    "title": h.title,
                    "section": h.chunk.section,
                    "text": h.chunk.text,
                    "score": round(h.score, 6),
                    "bm25_rank": h.bm25_rank,
                    "dense_rank": h.dense_rank,
                }
                for h in self.hits
            ],
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }


def is_charter(doc: Document) -> bool:
    """The Party Charter ("Điều lệ Đảng …"), whatever its edition."""
    return textnorm.canon(doc.title).startswith(textnorm.canon("Điều lệ Đảng"))
