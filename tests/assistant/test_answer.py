"""From passages to the answer a secretary reads: refusals offer the closest passages."""

from __future__ import annotations

from assistant.answer import REFUSAL_TEXT, answer, refusal
from assistant.gates import Verdict
from assistant.query import analyze
from ingest.model import Chunk, Document, Hit


def hits():
    doc = Document("vy", "/c/vy.txt", "Vĩnh Yên đổi mới sinh hoạt chi bộ", date="2018-11-30")
    texts = ["Tổ công tác dự sinh hoạt chi bộ mỗi tháng 1 lần.", "Ủy viên BTV làm tổ trưởng tổ công tác."]
    return [Hit(Chunk("vy", i, 0, len(t), t), 1.0 / (i + 1), i + 1, document=doc) for i, t in enumerate(texts)]


def test_a_declined_question_offers_the_closest_passages_not_citations():
    a = refusal(hits(), {"coverage": 0.1})
    assert a.refused and a.body == REFUSAL_TEXT and a.citations == []
    assert [c.n for c in a.closest] == [1, 2] and "Các đoạn gần nhất" in a.text
    assert a.refusal_kind == "no_evidence"


def test_out_of_scope_refusals_name_the_scope_and_list_no_passages():
    a = refusal(hits(), {}, "out_of_scope", scope="công tác đảng viên")
    assert a.refused and "ngoài phạm vi" in a.body and "(công tác đảng viên)" in a.body
    assert "Các đoạn gần nhất" not in a.text and a.refusal_kind == "out_of_scope"


def test_the_gate_decides_and_the_answer_quotes():
    q = analyze("Tổ công tác dự sinh hoạt chi bộ bao lâu một lần?")
    declined = answer(q, hits(), {}, Verdict(False, "no_evidence", {}))
    assert declined.refused
    quoted = answer(q, hits(), {}, Verdict(True, None, {"coverage": 1.0}))
    assert not quoted.refused and "mỗi tháng 1 lần. [1]" in quoted.body
    assert quoted.text.startswith(quoted.body) and "Nguồn:\n[1] Vĩnh Yên" in quoted.text
