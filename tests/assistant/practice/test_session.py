"""Practice sessions without the screen: one question at a time, the timed mock test, the
wrong-answer notebook and score history in SQLite, and what the assistant says about a question."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from assistant.practice.session import (
    NO_BASIS,
    Item,
    MockTest,
    Notebook,
    Outcome,
    Practice,
    Score,
    advise,
    bundled_bank,
    explain,
    letter,
    load_items,
    new_browser_id,
    question_key,
    valid_browser_id,
)
from ingest.model import Basis


def items(n: int = 5) -> list[Item]:
    return [Item(f"Câu hỏi số {i}?", ("Một", "Hai", "Ba", "Bốn"), answer=i % 4, number=str(i + 1)) for i in range(n)]


# ---- items and banks ----------------------------------------------------------------------------------
def test_an_item_from_a_jsonl_line_and_from_a_bank_question():
    line = {
        "id": "c-1",
        "question": " Thời kỳ dự bị? ",
        "options": ["6 tháng", "12 tháng"],
        "answer": 1,
        "heading": "Phần I",
    }
    item = Item.of(line)
    assert item == Item("Thời kỳ dự bị?", ("6 tháng", "12 tháng"), 1, section="Phần I", id="c-1")
    bank_question = SimpleNamespace(
        number=7, question="Thời kỳ dự bị?", options=["6 tháng", "12 tháng"], answer=1, section="Phần I", id="b7"
    )
    from_bank = Item.of(bank_question)
    assert from_bank.number == "7" and from_bank.section == "Phần I"
    assert from_bank.key == item.key  # the same question is the same notebook entry in any bank
    assert Item.from_json(item.to_json()) == item


def test_question_key_ignores_spacing_and_case_not_options():
    assert question_key("A  b?", ["x"]) == question_key("a b?", ["X"])
    assert question_key("A b?", ["x"]) != question_key("A b?", ["y"])


def test_unusable_items():
    assert not Item("Q?", ("Một",), 0).usable
    assert not Item("Q?", ("Một", "Hai"), 2).usable
    assert not Item("", ("Một", "Hai"), 0).usable
    assert Item("Q?", ("Một", "Hai"), 1).usable


def test_the_bundled_bank_loads():
    bank = load_items(bundled_bank())
    assert len(bank) >= 20
    assert all(i.usable for i in bank)
    assert len({i.key for i in bank}) == len(bank)


def test_letters():
    assert [letter(i) for i in range(4)] == ["A", "B", "C", "D"]


# ---- practice --------------------------------------------------------------------------------------------
def test_practice_checks_and_moves():
    run = Practice.start(items(3))
    assert run.current.question == "Câu hỏi số 0?" and run.outcome() is None
    outcome = run.check(1)
    assert not outcome.correct and run.outcome() == outcome
    run.previous()
    assert run.pos == 0  # not before the first
    run.next()
    assert run.check(1).correct
    run.next()
    run.next()
    assert run.pos == 2  # not past the last
    assert (run.answered, run.right) == (2, 1)
    run.previous()
    assert run.outcome().picked == 1  # what was checked stays with its question


def test_practice_shuffles_every_question_once():
    run = Practice.start(items(20), shuffle=True, rng=random.Random(3))
    assert sorted(run.order) == list(range(20)) and run.order != list(range(20))


# ---- mock test ---------------------------------------------------------------------------------------------
def test_mock_test_draws_distinct_questions_and_scores():
    bank = items(10)
    test = MockTest.start(bank, 3, 1, rng=random.Random(1), now=1000.0)
    assert len(test.items) == 3 and len({i.key for i in test.items}) == 3
    assert test.time_left(now=1030.0) == 30.0
    assert test.answer(0, test.items[0].answer, now=1010.0)
    assert test.answer(1, (test.items[1].answer + 1) % 4, now=1020.0)
    score = test.submit(now=1045.0)
    assert (score.right, score.total, score.timed_out) == (1, 3, False)
    assert score.seconds == 45.0 and score.percent == 33
    assert score.outcomes[2].picked is None and not score.outcomes[2].correct
    assert not test.answer(2, 0, now=1046.0)  # handed in
    assert test.submit(now=2000.0) is score  # once


def test_mock_test_after_the_deadline():
    test = MockTest.start(items(5), 2, 1, rng=random.Random(2), now=0.0)
    assert test.answer(0, test.items[0].answer, now=59.0)
    assert not test.answer(1, test.items[1].answer, now=61.0)  # too late: not taken
    assert test.expired(now=60.0)
    score = test.submit(now=75.0)
    assert score.timed_out and score.seconds == 60.0 and score.right == 1


def test_mock_test_asks_at_most_the_bank():
    assert len(MockTest.start(items(4), 50, 10).items) == 4
    with pytest.raises(ValueError):
        MockTest.start([], 3, 1)


# ---- notebook and history -----------------------------------------------------------------------------------
def test_notebook_keeps_wrong_answers_per_browser(tmp_path):
    me, other = new_browser_id(), new_browser_id()
    book = Notebook(tmp_path / "practice.db")
    q0, q1 = items(2)
    book.record(me, "Bộ kèm theo", Outcome(q0, 3), when=100.0)
    book.record(me, "Bộ kèm theo", Outcome(q1, q1.answer), when=110.0)  # right: not entered
    book.record(me, "Bộ kèm theo", Outcome(q1, None), when=120.0)  # not answered counts as wrong
    book.record(other, "Tệp khác", Outcome(q0, 2), when=130.0)
    entries = book.entries(me)
    assert [e.item for e in entries] == [q1, q0]  # most recent first
    assert entries[0].picked is None and entries[1].picked == 3
    assert book.count(me) == 2 and book.count(other) == 1

    book.record(me, "Bộ kèm theo", Outcome(q0, 1), when=140.0)
    book.record(me, "Bộ kèm theo", Outcome(q0, q0.answer), when=150.0)
    # kept across sessions: a new connection on the same file
    again = Notebook(tmp_path / "practice.db")
    e = next(e for e in again.entries(me) if e.item == q0)
    assert (e.times_wrong, e.picked, e.right_since, e.last_wrong) == (2, 1, 1, 140.0)
    again.remove(me, q0.key)
    assert [e.item for e in again.entries(me)] == [q1]
    assert again.count(other) == 1


def test_score_history(tmp_path, settings):
    book = Notebook.of(settings)
    assert book.path.parent == settings.home
    me = new_browser_id()
    book.add_attempt(me, "Bộ kèm theo", Score(2, 3, [], 50.0, False), when=200.0)
    book.add_attempt(me, "de-thi.docx", Score(1, 3, [], 60.0, True), when=300.0)
    book.add_attempt(new_browser_id(), "Bộ kèm theo", Score(3, 3, [], 10.0, False), when=250.0)
    history = book.attempts(me)
    assert [(a.bank, a.right, a.total, a.percent, a.timed_out) for a in history] == [
        ("Bộ kèm theo", 2, 3, 67, False),
        ("de-thi.docx", 1, 3, 33, True),
    ]


def test_browser_ids():
    assert valid_browser_id(new_browser_id())
    assert new_browser_id() != new_browser_id()
    for bad in ("", "abc", "G" * 32, "<script>" + "0" * 24, 42):
        assert not valid_browser_id(bad)


# ---- what the assistant says -----------------------------------------------------------------------------------
def basis(option: int, quote: str = "Thời kỳ dự bị mười hai tháng.") -> Basis:
    return Basis(option=option, quote=quote, doc_id="dieu-le", title="Điều lệ Đảng", section="Điều 5, khoản 1")


class Explaining:
    """A stand-in that answers `explain` as the service does, recording what it was asked."""

    def __init__(self, result) -> None:
        self.result, self.calls = result, []

    def explain(self, question, options, correct, picked):
        self.calls.append((question, options, correct, picked))
        return self.result


def test_explain_passes_the_key_and_a_wrong_pick():
    item = Item("Thời kỳ dự bị?", ("6 tháng", "12 tháng"), 1)
    a = Explaining(SimpleNamespace(basis=basis(1), why_not=basis(0, "Không phải sáu tháng.")))
    exp = explain(a, item, 0)
    assert a.calls == [("Thời kỳ dự bị?", ["6 tháng", "12 tháng"], 1, 0)]
    assert exp.basis.quote == "Thời kỳ dự bị mười hai tháng." and exp.why_not.option == 0
    explain(a, item, 1)  # a right pick has no "why not"
    assert a.calls[-1][-1] is None


def test_explain_never_shows_a_basis_for_another_option_or_without_a_document():
    item = Item("Thời kỳ dự bị?", ("6 tháng", "12 tháng"), 1)
    exp = explain(Explaining(SimpleNamespace(basis=basis(0), why_not=None)), item, 0)
    assert exp.basis is None and exp.why_not is None
    unsourced = Basis(option=1, quote="Theo trợ lý là 12 tháng.", doc_id="", title="")
    assert explain(Explaining(SimpleNamespace(basis=unsourced, why_not=None)), item, None).basis is None
    assert NO_BASIS == "Thư viện chưa có đoạn văn nêu căn cứ cho phương án này."


def test_advise_reports_the_choice_or_an_abstention():
    item = Item("Thời kỳ dự bị?", ("6 tháng", "12 tháng"), 1)

    def asking(choice, basis_=None, why_not=None):
        answer = SimpleNamespace(choice=choice, basis=basis_, why_not=why_not or {}, body="…")
        return SimpleNamespace(ask=lambda q, options: SimpleNamespace(answer=answer, notices=["Ghi chú."]))

    advice = advise(asking(1, basis(1), {0: basis(0, "Không phải sáu tháng.")}), item)
    assert advice.choice == 1 and not advice.abstained and advice.basis.option == 1
    assert list(advice.why_not) == [0] and advice.notices == ["Ghi chú."]
    advice = advise(asking(None), item)
    assert advice.abstained and advice.basis is None


def test_an_explanation_carries_the_assistants_own_answer():
    item = Item("Thời kỳ dự bị?", ("6 tháng", "12 tháng"), 1)
    turn = SimpleNamespace(
        answer=SimpleNamespace(choice=1, basis=basis(1), why_not={0: basis(0, "Không phải sáu tháng.")}, body="…"),
        notices=[],
    )
    exp = explain(Explaining(SimpleNamespace(basis=basis(1), why_not=None, turn=turn)), item, 0)
    assert exp.advice.choice == 1 and exp.advice.basis.option == 1


# ---- with the real assistant over the official texts ---------------------------------------------------------------
@pytest.fixture(scope="module")
def guidance_assistant(guidance_index):
    from assistant.service import Assistant

    a = Assistant(guidance_index)
    a.warm()
    return a


PROBATION = Item(
    "Theo Điều lệ Đảng, người được kết nạp vào Đảng phải trải qua thời kỳ dự bị bao lâu?",
    ("6 tháng", "9 tháng", "12 tháng", "18 tháng"),
    answer=2,
)


def test_a_real_explanation_quotes_the_charter(guidance_assistant):
    exp = explain(guidance_assistant, PROBATION, 0)
    assert exp.basis is not None and exp.basis.option == 2
    assert "mười hai tháng" in exp.basis.quote and "Điều 5" in (exp.basis.section or "")
    assert exp.basis.title.startswith("Điều lệ Đảng")
    assert exp.why_not is None or (exp.why_not.option == 0 and exp.why_not.quote)
    assert exp.advice is not None and exp.advice.choice == 2
    assert advise(guidance_assistant, PROBATION).choice == 2


def test_a_real_assistant_abstains_rather_than_inventing(guidance_assistant):
    item = Item(
        "Theo quy định, mỗi chi bộ phải trồng bao nhiêu cây xanh mỗi năm?",
        ("10 cây", "20 cây", "50 cây", "100 cây"),
        answer=1,
    )
    assert advise(guidance_assistant, item).abstained
    exp = explain(guidance_assistant, item, 0)
    assert exp.basis is None and exp.why_not is None
