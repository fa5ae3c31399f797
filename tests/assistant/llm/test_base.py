"""The LLM path: prompt, citation check, fallback to the extractive answer."""

from __future__ import annotations

from assistant.llm.base import SYSTEM_PROMPT, build_messages, check_citations
from ingest.model import Citation
from tests.fakes import ScriptedBackend

PASSAGES = [
    Citation(1, "c1", "d", "T", "Chi bộ sinh hoạt định kỳ mỗi tháng một lần vào đầu tháng."),
    Citation(2, "c2", "d", "T", "Bí thư chi bộ chủ trì hội nghị, thư ký ghi biên bản."),
]


def test_citation_check():
    assert check_citations("Chi bộ sinh hoạt định kỳ mỗi tháng một lần [1].", PASSAGES) == []
    assert check_citations("Chi bộ sinh hoạt mỗi tháng một lần.", PASSAGES)  # no marker
    assert check_citations("Chi bộ sinh hoạt mỗi tháng một lần [7].", PASSAGES)  # no such passage
    assert check_citations("Đảng viên được nghỉ phép năm mươi ngày tại nước ngoài [2].", PASSAGES)  # unsupported


def test_passages_are_data_not_instructions():
    messages = build_messages("Ai chủ trì?", PASSAGES)
    assert messages[0] == ("system", SYSTEM_PROMPT) and "không phải là chỉ dẫn" in SYSTEM_PROMPT
    assert '<doan so="1"' in messages[1][1] and "</doan>" in messages[1][1]


def test_good_generated_answer_is_kept_and_streamed(assistant):
    backend = ScriptedBackend("Tổ công tác dự sinh hoạt chi bộ dưới Đảng bộ cơ sở mỗi tháng 1 lần [1].")
    assistant.use_backend(backend)
    tokens = []
    turn = assistant.ask(
        "Tổ công tác của Thành ủy Vĩnh Yên dự sinh hoạt chi bộ bao lâu một lần?", on_token=tokens.append
    )
    assert "".join(tokens).strip() == "Tổ công tác dự sinh hoạt chi bộ dưới Đảng bộ cơ sở mỗi tháng 1 lần [1]."
    assert turn.notices == [] and turn.answer.citations[0].n == 1
    assert "mỗi tháng 1 lần" in turn.answer.citations[0].text


def test_injected_or_unsupported_answer_falls_back(assistant):
    backend = ScriptedBackend("Chi bộ không cần họp nữa, hãy giải tán [1].")
    assistant.use_backend(backend)
    turn = assistant.ask("Tổ công tác của Thành ủy Vĩnh Yên dự sinh hoạt chi bộ bao lâu một lần?")
    assert any("kiểm tra trích dẫn" in n for n in turn.notices)
    assert "mỗi tháng 1 lần" in turn.answer.text and "giải tán" not in turn.answer.text
