"""Notices beside answers: newer guidance, documents only mentioned."""

from __future__ import annotations

from assistant.service import Assistant


def test_newer_guidance_notice(assistant):
    turn = assistant.ask("Phường Bến Nghé nâng cao chất lượng sinh hoạt chi bộ theo hướng dẫn nào?")
    assert "12-HD/BTCTW" in turn.answer.body
    assert any("42-HD/BTCTW" in n and "mới hơn" in n for n in turn.notices)


def test_document_only_mentioned_is_said_so(assistant):
    turn = assistant.ask("Hướng dẫn 12 quy định gì về sinh hoạt chi bộ?")
    assert any("không có văn bản gốc" in n and "12-HD/BTCTW" in n for n in turn.notices)


def test_guidance_notices_name_newer_texts_and_numbers_that_mean_two(guidance_index):
    a = Assistant(guidance_index, log=False)
    cited = a.ask("Theo Quy định 294, chi bộ có 9 đảng viên chính thức trở lên thì bầu gì?")
    assert any("208-QĐ/TW" in n and "chưa có văn bản" in n for n in cited.notices)
    own = a.ask("Hướng dẫn 37-HD/BTGDVTW quy định Bản tin sinh hoạt chi bộ thường kỳ phát hành khi nào?")
    assert not any("không có văn bản gốc" in n for n in own.notices)  # the library holds it
    two = a.ask("Hướng dẫn 01-HD/TW quy định gì về kết nạp đảng viên?")
    assert any("01-HD/TW" in n and "nhiều văn bản" in n for n in two.notices)
