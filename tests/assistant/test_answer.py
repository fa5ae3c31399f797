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


def news_hits():
    doc = Document("vy", "/c/vy.txt", "Vĩnh Yên đổi mới sinh hoạt chi bộ", date="2018-11-30", kind="news")
    text = "Bên cạnh hình thức sinh hoạt định kỳ hằng tháng, các chi bộ ở Vĩnh Yên sinh hoạt chuyên đề mỗi quý một lần."
    return [Hit(Chunk("vy", 0, 0, len(text), text), 1.0, 1, document=doc)]


def test_a_rule_is_never_answered_from_a_report():
    # a report tells how one cell does it: shown as an example, labelled, not as the rule
    q = analyze("Chi bộ sinh hoạt chuyên đề bao lâu một lần?")
    a = answer(q, news_hits(), {}, Verdict(True, None, {"coverage": 1.0}))
    assert a.refused and a.refusal_kind == "no_rule" and a.citations == []
    assert "Không tìm thấy quy định" in a.body and "không phải quy định" in a.text
    assert a.closest and a.closest[0].role == "experience" and "mỗi quý một lần" in a.text


def test_a_question_about_a_place_or_what_was_done_is_answered_from_the_report():
    for question in (
        "Các chi bộ ở Vĩnh Yên sinh hoạt chuyên đề bao lâu một lần?",
        "Đảng bộ Vĩnh Yên sinh hoạt chuyên đề bao lâu một lần?",
    ):
        a = answer(analyze(question), news_hits(), {}, Verdict(True, None, {"coverage": 1.0}))
        assert not a.refused and "mỗi quý một lần" in a.body, question
