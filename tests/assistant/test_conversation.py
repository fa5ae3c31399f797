"""Follow-up questions rewritten from the previous turn."""

from __future__ import annotations

from assistant.conversation import is_follow_up, rewrite


def test_follow_up_is_rewritten_from_the_previous_turn(assistant):
    assert is_follow_up("Còn sinh hoạt chuyên đề thì sao?") and is_follow_up("Ai chủ trì?")
    assert not is_follow_up("Sinh hoạt chi bộ cần bảo đảm những tính chất gì?")
    first = assistant.ask("Tổ công tác của Thành ủy Vĩnh Yên dự sinh hoạt chi bộ bao lâu một lần?")
    follow = assistant.ask("Ai làm tổ trưởng?", history=[(first.question, first.rewritten_query)])
    assert "Vĩnh Yên" in follow.rewritten_query
    assert "Ủy viên BTV làm tổ trưởng" in " ".join(h.chunk.text for h in follow.hits[:3])
    assert (
        rewrite("Còn sinh hoạt chuyên đề thì sao?", [("Sinh hoạt thường kỳ cần chuẩn bị gì?", "")])
        == "sinh hoạt chuyên đề cần chuẩn bị gì?"
    )
