"""A multiple-choice answer: the body, the basis of the chosen option and why each other option
is not the answer (small passages written for the test)."""

from __future__ import annotations

from assistant.answer.choice import answer_choice, explain
from assistant.choice import choose, parse
from assistant.gates import Verdict
from assistant.query import analyze
from tests.assistant.choice.test_decide import _hits


def _answer(question: str, options: list[str]):
    mc = parse(question, options)
    q = analyze(mc.question)
    idf = {t: 1.0 for t in q.terms}
    return mc, q, idf, answer_choice(mc, q, _hits(), idf, Verdict(True, None, {}))


def test_the_basis_is_a_quoted_sentence_with_its_section():
    _mc, _q, _idf, a = _answer("Chi bộ có bao nhiêu đảng viên chính thức trở lên thì bầu chi ủy?", ["03", "07", "09"])
    assert a.choice == 2 and a.body.startswith("Đáp án: C. 09")
    assert a.basis.option == 2 and "chín đảng viên" in a.basis.quote and a.basis.section == "Điều 9, khoản 2"
    assert a.citations and a.citations[0].quote == a.basis.quote
    # the others: each with a sentence of the text and the tool's own reason, told apart
    assert set(a.why_not) == {0, 1}
    assert "ba đảng viên" in a.why_not[0].quote and a.why_not[0].reason
    assert a.why_not[1].quote == a.basis.quote and "không nêu" in a.why_not[1].reason


def test_no_choice_no_basis():
    _mc, _q, _idf, a = _answer("Màu cờ của đội bóng nào đẹp nhất?", ["Đỏ", "Xanh"])
    assert a.choice is None and a.refused and a.basis is None and a.why_not == {}


def test_explain_the_key_even_when_the_assistant_abstains():
    mc = parse("Chi bộ có bao nhiêu đảng viên chính thức trở lên thì bầu chi ủy?", ["03", "07", "09"])
    q = analyze(mc.question)
    chosen = choose(mc, _hits(), q, {t: 1.0 for t in q.terms})
    basis, wrong = explain(mc, chosen, correct=2, picked=1)
    assert basis.option == 2 and "chín" in basis.quote
    assert wrong.option == 1 and wrong.reason
    basis, wrong = explain(mc, chosen, correct=1, picked=None)  # a key the text does not state
    assert basis is None and wrong is None
