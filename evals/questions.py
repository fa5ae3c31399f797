"""Question sets: JSONL, one question per line; malformed lines are reported, not fatal.

Formats: evals/questions/README.md. Gold passages are given as `evidence` strings (the bundled
news reports) or as `doc` + `section` (official guidance; resolved to the passages of that
section by `evals.gold` at evaluation time, so no text of the guidance is kept here)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

TYPES = ("procedural", "factual", "out_of_scope", "outline", "mcq", "conversation")
SPLITS = ("tune", "held")


@dataclass
class Question:
    id: str
    type: str
    text: str  # the question, or the topic of an outline item
    evidence: list[str] = field(default_factory=list)
    answer_must_include: list[str] = field(default_factory=list)
    outline_must_cover: list[str] = field(default_factory=list)
    should_refuse: bool = False
    split: str = "tune"
    doc: str | None = None  # "294-QĐ/TW", "Điều lệ Đảng"
    section: list[str] = field(default_factory=list)  # acceptable section paths
    options: list[str] = field(default_factory=list)  # multiple choice
    answer: int | None = None  # the correct option (0-based)
    turns: list[dict] = field(default_factory=list)  # a conversation's turns
    expect_rewritten: bool | None = None  # a conversation turn: must (not) be rewritten
    heading: str | None = None  # a bank's heading the question stands under ("Phần I. Điều lệ Đảng")
    kinds: list[str] = field(default_factory=list)  # kinds of difficulty ("numbers", "all_of_the_above")
    # an outline's gold provisions: [{"doc": "Điều lệ Đảng", "section": "Điều 4"}, …] it must quote,
    # and others on its topic it may quote
    expect: list[dict] = field(default_factory=list)
    allow: list[dict] = field(default_factory=list)

    @property
    def in_scope(self) -> bool:
        return not self.should_refuse and self.type != "out_of_scope"

    @property
    def has_gold(self) -> bool:
        return bool(self.evidence or (self.doc and self.section))


def _provisions(value) -> list[dict]:
    out = []
    for item in value or []:
        if not isinstance(item, dict) or not item.get("doc") or not item.get("section"):
            raise ValueError("'expect' and 'allow' hold {\"doc\": …, \"section\": …} objects")
        out.append({"doc": str(item["doc"]), "section": str(item["section"])})
    return out


# Fields that hold a list when given.
_LIST_FIELDS = (
    "evidence",
    "answer_must_include",
    "outline_must_cover",
    "section",
    "options",
    "kinds",
    "expect",
    "allow",
)


def _question_text(d: dict, qtype: str) -> str:
    """The question (a conversation's: its turns' questions joined), or the topic."""
    text = d.get("question") or d.get("topic")
    if qtype == "conversation":
        turns = d.get("turns")
        if (
            not isinstance(turns, list)
            or not turns
            or not all(isinstance(t, dict) and t.get("question") for t in turns)
        ):
            raise ValueError("a conversation needs 'turns', each with a 'question'")
        text = " / ".join(t["question"] for t in turns)
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no 'question' or 'topic'")
    return text


def _heading(d: dict) -> str | None:
    """The heading a question stands under; a bank's `section` string is one (and is taken out
    of `d`, where `section` means gold sections)."""
    heading = d.get("heading")
    if isinstance(d.get("section"), str):  # a bank's heading (`chibo bank import`), not gold
        heading = heading or d.pop("section")
    if heading is not None and not isinstance(heading, str):
        raise ValueError("'heading' must be a string")
    return heading


def _check_choice(options: list, answer) -> None:
    if answer is None and len(options) >= 2:
        raise ValueError("câu trắc nghiệm chưa có đáp án ('answer'), bỏ qua")
    if len(options) < 2 or not isinstance(answer, int) or not 0 <= answer < len(options):
        raise ValueError("a multiple-choice question needs 2+ 'options' and an 'answer' index among them")


def _question(d, n: int, seen: set[str]) -> Question:
    """Line `n`'s question (its id added to `seen`); a ValueError says what is wrong with it."""
    if not isinstance(d, dict):
        raise ValueError("not a JSON object")
    qtype = d.get("type", "procedural")
    if qtype not in TYPES:
        raise ValueError(f"unknown type '{qtype}' (one of {', '.join(TYPES)})")
    text = _question_text(d, qtype)
    qid = str(d.get("id") or f"line-{n}")
    if qid in seen:
        raise ValueError(f"duplicate id '{qid}'")
    heading = _heading(d)
    for key in _LIST_FIELDS:
        if not isinstance(d.get(key) or [], list):
            raise ValueError(f"'{key}' must be a list")
    split = d.get("split", "tune")
    if split not in SPLITS:
        raise ValueError(f"unknown split '{split}' (tune or held)")
    options = list(d.get("options") or [])
    answer = d.get("answer")
    if qtype == "mcq":
        _check_choice(options, answer)
    seen.add(qid)
    return Question(
        id=qid,
        type=qtype,
        text=text.strip(),
        evidence=list(d.get("evidence") or []),
        answer_must_include=list(d.get("answer_must_include") or []),
        outline_must_cover=list(d.get("outline_must_cover") or []),
        should_refuse=bool(d.get("should_refuse", qtype == "out_of_scope")),
        split=split,
        doc=d.get("doc"),
        section=list(d.get("section") or []),
        options=options,
        answer=answer if qtype == "mcq" else None,
        turns=list(d.get("turns") or []),
        heading=heading or None,
        kinds=[str(k) for k in d.get("kinds") or []],
        expect=_provisions(d.get("expect")),
        allow=_provisions(d.get("allow")),
    )


def load_questions(path: Path) -> tuple[list[Question], list[str]]:
    """(questions, problems); each problem names the line and what is wrong with it."""
    questions, problems = [], []
    seen: set[str] = set()
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            questions.append(_question(json.loads(line), n, seen))
        except (json.JSONDecodeError, ValueError) as exc:
            problems.append(f"line {n}: {exc}")
    return questions, problems


BANK_SUFFIXES = (".docx", ".pdf", ".txt", ".md")


def is_bank_file(path: Path) -> bool:
    """A contest bank as published (Word, PDF, text), read by `assistant.practice.bankfile`."""
    return Path(path).suffix.lower() in BANK_SUFFIXES


def load_question_file(path: Path) -> tuple[list[Question], list[str]]:
    """A question set (JSONL, as `load_questions`) or a contest bank file (.docx, .pdf, .txt,
    .md): its questions with a key become multiple-choice questions under their heading; the
    import's problems and the questions left out for want of a key are reported."""
    if not is_bank_file(path):
        return load_questions(path)
    from assistant.practice.bankfile import import_bank

    result = import_bank(path)
    problems = [f"{where}: {reason}" for where, reason in result.problems]
    questions = [
        Question(id=q.id, type="mcq", text=q.question, options=list(q.options), answer=q.answer, heading=q.section)
        for q in result.questions
        if q.answer is not None
    ]
    if len(questions) < len(result.questions):
        problems.append(f"{len(result.questions) - len(questions)} câu không có đáp án, không đánh giá")
    return questions, problems


def conversation_turns(q: Question) -> list[Question]:
    """A conversation's turns as questions of their own (asked in order, with history)."""
    out = []
    for i, t in enumerate(q.turns, 1):
        out.append(
            Question(
                id=f"{q.id}.{i}",
                type="factual",
                text=t["question"],
                evidence=list(t.get("evidence") or []),
                answer_must_include=list(t.get("answer_must_include") or []),
                should_refuse=t.get("expect") == "refuse",
                split=q.split,
                doc=t.get("doc"),
                section=list(t.get("section") or []),
                expect_rewritten=t.get("rewritten"),
            )
        )
    return out
