"""Practice for contest question banks, without the screen: one question at a time (`Practice`),
timed mock tests (`MockTest`), the wrong-answer notebook and the score history (`Notebook`, SQLite
in CHIBO_HOME), and what the assistant says about a question (`explain`, `advise`).

The app's "Ôn thi" page (ui/views/on_thi.py) renders these; nothing here imports Streamlit.
A question is an `Item`, whatever bank it came from (the bundled JSONL, an imported Word or PDF
bank, or the notebook itself), keyed by its text and options so the same question is the same
notebook entry in every bank.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sqlite3
import time
import uuid
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.model import Basis
from ingest.settings import REPO_ROOT, Settings

LETTERS = "ABCDEFGHIJ"
QUESTION_DIR = REPO_ROOT / "evals" / "questions"
BUNDLED_BANKS = ("contest_bank.jsonl", "mcq.jsonl")  # the first one present is the bundled bank
NO_BASIS = "Thư viện chưa có đoạn văn nêu căn cứ cho phương án này."


def letter(i: int) -> str:
    """The option's letter as banks print it.

    >>> letter(0), letter(3), letter(12)
    ('A', 'D', '13')
    """
    return LETTERS[i] if 0 <= i < len(LETTERS) else str(i + 1)


def question_key(question: str, options: Iterable[str]) -> str:
    """A question's identity: its words and options, spacing and case aside.

    >>> question_key("Thời kỳ  dự bị?", ["6 tháng"]) == question_key("thời kỳ dự bị?", ["6 THÁNG"])
    True
    """
    norm = " | ".join(re.sub(r"\s+", " ", s).strip().lower() for s in [question, *options])
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Item:
    """One multiple-choice question with its key (`answer`, 0-based)."""

    question: str
    options: tuple[str, ...]
    answer: int
    section: str | None = None  # the bank's heading the question stands under
    number: str | None = None  # its number in the bank ("12")
    id: str | None = None

    @property
    def key(self) -> str:
        return question_key(self.question, self.options)

    @classmethod
    def of(cls, q: Any) -> Item:
        """From a bank's question (`assistant.practice.bankfile.BankQuestion` or a JSONL object)."""
        get = q.get if isinstance(q, dict) else lambda k, d=None: getattr(q, k, d)
        section = get("section") if not isinstance(q, dict) else (get("heading") or None)
        if isinstance(section, (list, tuple)):
            section = ", ".join(str(s) for s in section) or None
        number, answer = get("number"), get("answer")
        return cls(
            question=str(get("question") or "").strip(),
            options=tuple(str(o).strip() for o in get("options") or ()),
            answer=int(answer) if isinstance(answer, int) else -1,  # no key: not usable
            section=section or None,
            number=str(number) if number not in (None, "") else None,
            id=str(get("id")) if get("id") not in (None, "") else None,
        )

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "options": list(self.options),
            "answer": self.answer,
            "section": self.section,
            "number": self.number,
            "id": self.id,
        }

    @classmethod
    def from_json(cls, data: dict) -> Item:
        return cls(
            question=data["question"],
            options=tuple(data["options"]),
            answer=int(data["answer"]),
            section=data.get("section"),
            number=data.get("number"),
            id=data.get("id"),
        )

    @property
    def usable(self) -> bool:
        return bool(self.question) and len(self.options) >= 2 and 0 <= self.answer < len(self.options)


# ---- banks ----------------------------------------------------------------------------------------
def bundled_bank() -> Path:
    """The bank that comes with the app."""
    for name in BUNDLED_BANKS:
        if (QUESTION_DIR / name).exists():
            return QUESTION_DIR / name
    raise FileNotFoundError(f"Không thấy bộ câu hỏi kèm theo trong {QUESTION_DIR}.")


def load_items(path: Path) -> list[Item]:
    """A bank file's questions as items (through the bank reader, which reads JSONL, Word, PDF
    and text banks); questions without a usable key are left out (the import report names them)."""
    from assistant.practice.bankfile import load_bank

    return [item for item in (Item.of(q) for q in load_bank(Path(path))) if item.usable]


@dataclass
class ImportReport:
    """An uploaded bank as read: its questions with a key, and each question not read whole with
    its place ("Câu 12", "dòng 3") and the reason, in Vietnamese."""

    name: str
    items: list[Item]
    problems: list[tuple[str, str]]


def import_items(path: Path, name: str | None = None) -> ImportReport:
    """An uploaded bank file read by the bank reader; a question without a usable key is left out
    of the items and named among the problems (the reader names most of them itself)."""
    from assistant.practice.bankfile import read_bank

    result = read_bank(Path(path))
    problems = [(str(place), str(reason)) for place, reason in result.problems]
    named = {place for place, _ in problems}
    items = []
    for q in result.questions:
        item = Item.of(q)
        if item.usable:
            items.append(item)
        elif f"Câu {item.number}" not in named and "cả tệp" not in named:
            problems.append((f"Câu {item.number}", "không có đáp án dùng được"))
    return ImportReport(name=name or Path(path).name, items=items, problems=problems)


# ---- one question at a time --------------------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    item: Item
    picked: int | None

    @property
    def correct(self) -> bool:
        return self.picked == self.item.answer


@dataclass
class Practice:
    """Questions one at a time: choose, check, next. `checked` holds what was picked per position."""

    items: list[Item]
    order: list[int]
    pos: int = 0
    checked: dict[int, int | None] = field(default_factory=dict)

    @classmethod
    def start(cls, items: list[Item], shuffle: bool = False, rng: random.Random | None = None) -> Practice:
        order = list(range(len(items)))
        if shuffle:
            (rng or random.Random()).shuffle(order)
        return cls(items=list(items), order=order)

    @property
    def total(self) -> int:
        return len(self.order)

    @property
    def current(self) -> Item:
        return self.items[self.order[self.pos]]

    def check(self, picked: int | None) -> Outcome:
        """The answer to the current question, kept (checking again replaces it)."""
        self.checked[self.pos] = picked
        return Outcome(self.current, picked)

    def outcome(self) -> Outcome | None:
        """The current question's checked answer, if it was checked."""
        return Outcome(self.current, self.checked[self.pos]) if self.pos in self.checked else None

    def go(self, pos: int) -> None:
        self.pos = max(0, min(self.total - 1, pos))

    def next(self) -> None:
        self.go(self.pos + 1)

    def previous(self) -> None:
        self.go(self.pos - 1)

    @property
    def right(self) -> int:
        return sum(1 for p, picked in self.checked.items() if picked == self.items[self.order[p]].answer)

    @property
    def answered(self) -> int:
        return len(self.checked)


# ---- timed mock test -----------------------------------------------------------------------------------
@dataclass
class Score:
    right: int
    total: int
    outcomes: list[Outcome]
    seconds: float
    timed_out: bool

    @property
    def percent(self) -> int:
        return round(100 * self.right / self.total) if self.total else 0


@dataclass
class MockTest:
    """N questions drawn at random, M minutes. Answers after the deadline are not taken; the test
    is submitted by the person or, at the deadline, by the page."""

    items: list[Item]
    minutes: float
    started: float
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:10])
    answers: dict[int, int] = field(default_factory=dict)
    submitted: float | None = None
    score: Score | None = None

    @classmethod
    def start(
        cls,
        bank: list[Item],
        n: int,
        minutes: float,
        rng: random.Random | None = None,
        now: float | None = None,
    ) -> MockTest:
        if not bank:
            raise ValueError("Bộ câu hỏi không có câu nào.")
        n = max(1, min(int(n), len(bank)))
        items = (rng or random.Random()).sample(list(bank), n)
        return cls(items=items, minutes=max(0.1, float(minutes)), started=time.time() if now is None else now)

    @property
    def deadline(self) -> float:
        return self.started + self.minutes * 60

    def time_left(self, now: float | None = None) -> float:
        return max(0.0, self.deadline - (time.time() if now is None else now))

    def expired(self, now: float | None = None) -> bool:
        return self.time_left(now) <= 0

    @property
    def done(self) -> bool:
        return self.submitted is not None

    def answer(self, pos: int, picked: int | None, now: float | None = None) -> bool:
        """Record an answer; False (not taken) once submitted or past the deadline."""
        if self.done or self.expired(now) or not 0 <= pos < len(self.items):
            return False
        if picked is None:
            self.answers.pop(pos, None)
        else:
            self.answers[pos] = picked
        return True

    def submit(self, now: float | None = None) -> Score:
        """Hand in (once: a second submit returns the same score)."""
        if self.score is not None:
            return self.score
        now = time.time() if now is None else now
        self.submitted = min(now, self.deadline)
        outcomes = [Outcome(item, self.answers.get(i)) for i, item in enumerate(self.items)]
        self.score = Score(
            right=sum(o.correct for o in outcomes),
            total=len(outcomes),
            outcomes=outcomes,
            seconds=self.submitted - self.started,
            timed_out=now >= self.deadline,
        )
        return self.score


# ---- the notebook and the score history ------------------------------------------------------------------
def new_browser_id() -> str:
    return uuid.uuid4().hex


def valid_browser_id(value: object) -> bool:
    """An id this app made (32 hex digits): anything else in a URL or cookie is ignored.

    >>> valid_browser_id(new_browser_id()), valid_browser_id("x'; drop"), valid_browser_id(None)
    (True, False, False)
    """
    return isinstance(value, str) and re.fullmatch(r"[0-9a-f]{32}", value) is not None


@dataclass(frozen=True)
class Entry:
    """A question in the notebook: the last wrong pick, how often wrong, right since."""

    item: Item
    bank: str
    picked: int | None
    times_wrong: int
    right_since: int
    last_wrong: float


@dataclass(frozen=True)
class Attempt:
    id: int
    when: float
    bank: str
    right: int
    total: int
    seconds: float | None
    timed_out: bool

    @property
    def percent(self) -> int:
        return round(100 * self.right / self.total) if self.total else 0


_SCHEMA = """
CREATE TABLE IF NOT EXISTS wrong (
    browser TEXT NOT NULL,
    key TEXT NOT NULL,
    bank TEXT NOT NULL,
    item TEXT NOT NULL,
    picked INTEGER,
    times_wrong INTEGER NOT NULL DEFAULT 0,
    right_since INTEGER NOT NULL DEFAULT 0,
    last_wrong REAL NOT NULL,
    PRIMARY KEY (browser, key)
);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    browser TEXT NOT NULL,
    created REAL NOT NULL,
    bank TEXT NOT NULL,
    right INTEGER NOT NULL,
    total INTEGER NOT NULL,
    seconds REAL,
    timed_out INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS attempts_browser ON attempts (browser, created);
"""


class Notebook:
    """Wrong answers and mock-test scores per browser, in `practice.db` in CHIBO_HOME.

    A question answered wrongly is entered (or its count raised); answered rightly later, it stays
    with "right since" counted until the person removes it. One connection per call: the app calls
    from several threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.executescript(_SCHEMA)

    @classmethod
    def of(cls, settings: Settings) -> Notebook:
        return cls(settings.home / "practice.db")

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.row_factory = sqlite3.Row
        return db

    def record(self, browser: str, bank: str, outcome: Outcome, when: float | None = None) -> None:
        """One answered question: a wrong one enters the notebook, a right one counts for an
        entry already there."""
        when = time.time() if when is None else when
        key = outcome.item.key
        with closing(self._connect()) as db, db:
            if outcome.correct:
                db.execute(
                    "UPDATE wrong SET right_since = right_since + 1 WHERE browser = ? AND key = ?", (browser, key)
                )
                return
            db.execute(
                "INSERT INTO wrong (browser, key, bank, item, picked, times_wrong, right_since, last_wrong)"
                " VALUES (?, ?, ?, ?, ?, 1, 0, ?)"
                " ON CONFLICT (browser, key) DO UPDATE SET bank = excluded.bank, item = excluded.item,"
                " picked = excluded.picked, times_wrong = times_wrong + 1, right_since = 0,"
                " last_wrong = excluded.last_wrong",
                (browser, key, bank, json.dumps(outcome.item.to_json(), ensure_ascii=False), outcome.picked, when),
            )

    def entries(self, browser: str) -> list[Entry]:
        """The notebook, most recently missed first."""
        with closing(self._connect()) as db:
            rows = db.execute(
                "SELECT * FROM wrong WHERE browser = ? ORDER BY last_wrong DESC, times_wrong DESC", (browser,)
            ).fetchall()
        return [
            Entry(
                item=Item.from_json(json.loads(r["item"])),
                bank=r["bank"],
                picked=r["picked"],
                times_wrong=r["times_wrong"],
                right_since=r["right_since"],
                last_wrong=r["last_wrong"],
            )
            for r in rows
        ]

    def count(self, browser: str) -> int:
        with closing(self._connect()) as db:
            return db.execute("SELECT COUNT(*) FROM wrong WHERE browser = ?", (browser,)).fetchone()[0]

    def remove(self, browser: str, key: str) -> None:
        with closing(self._connect()) as db, db:
            db.execute("DELETE FROM wrong WHERE browser = ? AND key = ?", (browser, key))

    def add_attempt(self, browser: str, bank: str, score: Score, when: float | None = None) -> int:
        with closing(self._connect()) as db, db:
            cur = db.execute(
                "INSERT INTO attempts (browser, created, bank, right, total, seconds, timed_out)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    browser,
                    time.time() if when is None else when,
                    bank,
                    score.right,
                    score.total,
                    score.seconds,
                    int(score.timed_out),
                ),
            )
            return int(cur.lastrowid)

    def attempts(self, browser: str) -> list[Attempt]:
        """Mock tests taken in this browser, oldest first."""
        with closing(self._connect()) as db:
            rows = db.execute("SELECT * FROM attempts WHERE browser = ? ORDER BY created, id", (browser,)).fetchall()
        return [
            Attempt(
                id=r["id"],
                when=r["created"],
                bank=r["bank"],
                right=r["right"],
                total=r["total"],
                seconds=r["seconds"],
                timed_out=bool(r["timed_out"]),
            )
            for r in rows
        ]


# ---- what the assistant says about a question ----------------------------------------------------------------
@dataclass(frozen=True)
class Advice:
    """What the assistant would choose for a question, and on what passage; `choice` None when it
    abstains."""

    choice: int | None
    basis: Basis | None
    why_not: dict[int, Basis]
    body: str
    notices: list[str]

    @property
    def abstained(self) -> bool:
        return self.choice is None


@dataclass(frozen=True)
class Explanation:
    """The passage stating the correct option, and the one showing why the picked option is not
    it: each None when the library holds no such passage (never made up). `advice`: the
    assistant's own answer to the question, when the explanation came with it."""

    basis: Basis | None
    why_not: Basis | None
    advice: Advice | None = None


def _sourced(basis: Basis | None, option: int | None) -> Basis | None:
    """A basis only when it quotes a document for that very option."""
    if basis is None or option is None or basis.option != option:
        return None
    if not (basis.quote or "").strip() or not basis.doc_id:
        return None
    return basis


def _advice(turn: Any, n_options: int) -> Advice:
    a = turn.answer
    choice = a.choice if a.choice is not None and 0 <= a.choice < n_options else None
    why_not = {i: b for i, b in (getattr(a, "why_not", None) or {}).items() if _sourced(b, i)}
    return Advice(
        choice=choice,
        basis=_sourced(getattr(a, "basis", None), choice),
        why_not=why_not,
        body=a.body,
        notices=list(getattr(turn, "notices", None) or []),
    )


def explain(assistant: Any, item: Item, picked: int | None) -> Explanation:
    """Why the key is right and, for a wrong pick, why the pick is not (`Assistant.explain`)."""
    wrong = picked if picked is not None and picked != item.answer else None
    result = assistant.explain(item.question, list(item.options), item.answer, wrong)
    turn = getattr(result, "turn", None)
    return Explanation(
        basis=_sourced(result.basis, item.answer),
        why_not=_sourced(result.why_not, wrong),
        advice=_advice(turn, len(item.options)) if turn is not None else None,
    )


def advise(assistant: Any, item: Item) -> Advice:
    """What the assistant would choose, asked as a person would ask it (`Assistant.ask`)."""
    return _advice(assistant.ask(item.question, options=list(item.options)), len(item.options))
