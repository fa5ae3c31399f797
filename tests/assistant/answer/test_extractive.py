"""Extractive answers: exact sentences, short, cited; lists as bullets."""

from __future__ import annotations

import re


def test_direct_answer_is_exact_short_and_cited(assistant):
    turn = assistant.ask("Đảng bộ huyện Ia Pa có bao nhiêu đảng viên?")
    assert not turn.answer.refused
    assert "1.837" in turn.answer.body
    assert len(turn.answer.body.split()) <= 130
    assert "Nguồn:" in turn.answer.text
    # every sentence is corpus text with a marker pointing at a returned citation
    for sentence, n in turn.answer.sentences:
        cited = turn.answer.citations[n - 1]
        assert sentence.replace(" …", "").split(" … ")[0] in cited.text
        assert f"[{n}]" in turn.answer.body
    assert turn.answer.citations[0].title == "Ia Pa nâng cao năng lực lãnh đạo của cấp ủy cơ sở"


def test_list_questions_get_bullets(assistant):
    turn = assistant.ask("Nội dung bồi dưỡng nghiệp vụ cho bí thư chi bộ gồm những gì?")
    lines = [ln for ln in turn.answer.body.splitlines() if ln.startswith("- ")]
    assert len(lines) >= 2 and all(re.search(r"\[\d+\]$", ln) for ln in lines)
    assert "công tác chính trị tư tưởng" in turn.answer.body


def test_quoting_weights_come_from_the_settings(assistant):
    """Settings.scoring decides what is quoted: with every weight at 0 but the retrieval's order,
    the first passage's first long sentence is quoted, whatever the question asks."""
    from dataclasses import replace

    from assistant.answer.extractive import quote_sentences
    from ingest.settings import ScoringSettings

    question = "Đảng bộ huyện Ia Pa có bao nhiêu đảng viên?"
    retrieved = assistant.retriever.run(question)
    q, hits = retrieved.query, retrieved.hits
    idf = assistant.library.idf(q.terms)
    as_set = quote_sentences(q, hits, idf)
    assert "1.837" in as_set[0].quoted
    zero = {name: 0.0 for name in ("sentence", "context", "counts", "enumerates", "gives_kind", "official", "subject")}
    order_only = quote_sentences(q, hits, idf, scoring=replace(ScoringSettings(), **zero))
    assert order_only[0].hit is hits[0] and all(c.hit is hits[0] for c in order_only)
