"""Notices beside answers: newer guidance, documents only mentioned."""

from __future__ import annotations


def test_newer_guidance_notice(assistant):
    turn = assistant.ask("Phường Bến Nghé nâng cao chất lượng sinh hoạt chi bộ theo hướng dẫn nào?")
    assert "12-HD/BTCTW" in turn.answer.body
    assert any("42-HD/BTCTW" in n and "mới hơn" in n for n in turn.notices)


def test_document_only_mentioned_is_said_so(assistant):
    turn = assistant.ask("Hướng dẫn 12 quy định gì về sinh hoạt chi bộ?")
    assert any("không có văn bản gốc" in n and "12-HD/BTCTW" in n for n in turn.notices)
