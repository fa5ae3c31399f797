"""An administrator's scope: off by default; on, questions far from it are declined."""

from __future__ import annotations

from assistant.gates.scope import Scope
from assistant.service import Assistant


def test_a_scope_declines_what_is_far_from_it(corpus_index):
    a = Assistant(corpus_index.with_(scope="Công tác đảng: sinh hoạt chi bộ, đảng viên, cấp ủy"), log=False)
    scope = Scope(a.settings.scope, a.retriever.embed_query)
    assert scope.allows(a.retriever.embed_query("Bí thư chi bộ chuẩn bị sinh hoạt thế nào?"))
    assert not scope.allows(a.retriever.embed_query("Cách nấu phở bò ngon?"))
    turn = a.ask("Cách nấu phở bò ngon?")
    assert turn.answer.refused and turn.answer.refusal_kind == "out_of_scope"


def test_without_a_scope_the_evidence_decides(corpus_index):
    a = Assistant(corpus_index, log=False)
    assert a.gate.scope is None
