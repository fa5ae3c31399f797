"""Metric definitions on hand-made cases."""

from __future__ import annotations

import pytest

from evals import metrics as M


def test_hit_and_mrr_for_a_hit_at_rank_three():
    texts = ["không liên quan", "cũng không", "Chi bộ đảm bảo tính lãnh đạo, tính giáo dục, tính chiến đấu.", "x"]
    rank = M.first_hit_rank(texts, ["tính lãnh đạo, tính giáo dục, tính chiến đấu"])
    assert rank == 3
    assert M.reciprocal_rank(rank) == pytest.approx(1 / 3)
    assert [M.hit_at(rank, k) for k in (1, 3, 5, 10)] == [0, 1, 1, 1]
    assert M.reciprocal_rank(None) == 0 and M.reciprocal_rank(11, 10) == 0


def test_evidence_matching_is_normalised():
    # case, "_" from segmented text, old tone placement, extra spaces
    assert M.contains_any("SINH_HOẠT  chi bộ thường kỳ hoà", ["sinh hoạt chi bộ thường kỳ hòa"])


def test_ndcg_binary():
    ev = ["A1"]
    assert M.ndcg_at(["a1", "b", "c"], ev) == pytest.approx(1.0)
    assert M.ndcg_at(["b", "a1"], ev) == pytest.approx(1 / 1.584962500721156)
    assert M.ndcg_at(["b", "c"], ev) == 0.0


def test_answer_metrics():
    assert M.keyword_recall("Toàn tỉnh có 100.274 đảng viên", ["100.274", "63.924"]) == 0.5
    assert M.keyword_recall("x", []) is None
    answer = "Câu một [1]. Câu hai [3].\n\nNguồn:\n[1] A\n[2] B"
    assert M.citation_validity(answer, [1, 2]) == 0.5
    assert M.citation_validity("không có dấu", [1]) is None
    assert M.answer_words("một hai ba\n\nNguồn:\n[1] bốn năm") == 3
    assert M.percentile([1, 2, 3, 4], 50) == 2.5 and M.percentile([], 95) is None


def test_refusal_accounting():
    from evals.questions import Question
    from evals.run import Row, summarize

    rows = [
        Row(Question("a", "procedural", "q", ["bằng chứng"], ["bằng"]), ["có bằng chứng"], "bằng [1]", True, [1], {}),
        Row(Question("b", "procedural", "q", ["bằng chứng"], ["bằng"]), ["có bằng chứng"], "bằng [1]", False, [1], {}),
        Row(Question("c", "out_of_scope", "q", should_refuse=True), [], "Không tìm thấy", True, [], {}),
        Row(Question("d", "out_of_scope", "q", should_refuse=True), [], "trả lời bừa", False, [], {}),
    ]
    m = summarize(rows)
    assert m["false_refusal_rate"] == 0.5  # a refused in-scope question is a false refusal
    assert m["refusal_accuracy"] == 0.5
    assert m["hit@1"] == 1.0 and m["retrieval_questions"] == 2


def test_multiple_choice_right_wrong_and_abstained():
    stats = M.choice_stats([(2, 2), (None, 1), (0, 3), (1, 1), (None, 0)])
    assert stats == {"questions": 5, "accuracy": 0.4, "wrong": 0.2, "abstained": 0.4}
    assert M.choice_stats([]) == {"questions": 0, "accuracy": None, "wrong": None, "abstained": None}
