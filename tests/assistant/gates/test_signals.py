"""The refusal signals as a list: every one named, explained in Vietnamese, run in order by the
gate, and a gate with another list decides with that list."""

from __future__ import annotations

from assistant.gates import AnswerabilityGate
from assistant.gates.signals import SIGNALS, KindGiven, Signal
from tests.ui.browser import english


def test_every_signal_is_named_and_explained_in_vietnamese():
    names = [s.name for s in SIGNALS]
    assert len(set(names)) == len(names) and names[:3] == ["scope", "now", "evidence"]
    assert all(s.explain and not english([s.explain]) for s in SIGNALS)
    assert {s.reason for s in SIGNALS} == {"out_of_scope", "not_current", "no_evidence"}


class _Never(Signal):
    """A signal for this test: refuses every question, with its own evidence."""

    name = "never"
    explain = "Không bao giờ cho qua."

    def check(self, ctx):
        return False, {"never": True}


def test_the_gate_runs_its_list(assistant):
    # a question with a number in the top passages passes the default list
    question = "Tổ công tác của Thành ủy Vĩnh Yên dự sinh hoạt chi bộ bao lâu một lần?"
    turn = assistant.ask(question)
    assert not turn.answer.refused
    # the same retrieval under a gate with one more signal at the end: refused by it, with its evidence
    gate = AnswerabilityGate(assistant.retriever, signals=[*SIGNALS, _Never()])
    retrieved = assistant.retriever.run(question)
    idf = assistant.library.idf(retrieved.query.terms)
    verdict = gate.check(retrieved.query, retrieved.hits, idf)
    assert not verdict.answerable and verdict.evidence["never"] is True
    # and without the kind check, a "bao nhiêu" question is not held to a number
    lenient = AnswerabilityGate(assistant.retriever, signals=[s for s in SIGNALS if not isinstance(s, KindGiven)])
    assert lenient.check(retrieved.query, retrieved.hits, idf).answerable
