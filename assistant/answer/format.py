"""How answers read: dates, the sources list, refusal messages."""

from __future__ import annotations

from ingest.model import Answer, Citation


def format_date(iso: str | None) -> str:
    """An ISO date as Vietnamese write it.

    >>> format_date("2025-05-26"), format_date("2025-11"), format_date(None)
    ('26/05/2025', 'tháng 11/2025', 'không rõ ngày')
    """
    if not iso:
        return "không rõ ngày"
    parts = str(iso).split("-")
    if len(parts) == 3:
        return "/".join(reversed(parts))
    if len(parts) == 2:
        return f"tháng {parts[1]}/{parts[0]}"
    return str(iso)


def citation_label(c: Citation) -> str:
    """ "Title, section (date, source)" for a sources list."""
    src = f", {c.source}" if c.source and not c.source.endswith((".txt", ".md")) else ""
    section = f", {c.section}" if c.section else ""
    return f"{c.title}{section} ({format_date(c.date)}{src})"


def format_sources(citations: list[Citation]) -> str:
    lines = ["Nguồn:"]
    for c in citations:
        quote = c.quote or c.text
        if len(quote) > 300:
            quote = quote[:297].rsplit(" ", 1)[0] + "…"
        lines.append(f'[{c.n}] {citation_label(c)} — "{quote}"')
    return "\n".join(lines)


def answer_with_sources(body: str, citations: list[Citation], **fields) -> Answer:
    """An answer whose plain text is its body followed by its sources list."""
    return Answer(
        text=body + "\n\n" + format_sources(citations), body=body, refused=False, citations=citations, **fields
    )


REFUSAL_TEXT = (
    "Không tìm thấy nội dung trả lời câu hỏi này trong các tài liệu hiện có. "
    "Tôi không trả lời khi tài liệu không nói đến, để tránh đoán sai."
)
OUT_OF_SCOPE_TEXT = (
    "Câu hỏi này nằm ngoài phạm vi quản trị viên đã đặt cho trợ lý ({scope}). "
    "Không tìm thấy nội dung trả lời trong tài liệu."
)
NOT_CURRENT_TEXT = (
    "Không tìm thấy thông tin cập nhật (hôm nay, hiện giờ) trong các tài liệu hiện có: "
    "tài liệu chỉ nói đến thời điểm chúng được ban hành. Tôi không trả lời để tránh đoán sai."
)
NO_RULE_TEXT = (
    "Không tìm thấy quy định về việc này trong các văn bản chỉ đạo (Điều lệ, quy định, hướng dẫn) "
    "hiện có. Tin bài dưới đây chỉ kể cách làm ở một chi bộ, đảng bộ khác, không phải quy định."
)
NO_CHOICE_TEXT = "Không đủ căn cứ trong tài liệu hiện có để chọn một đáp án."
EMPTY_QUESTION_TEXT = (
    "Câu hỏi chưa có nội dung để tìm. Hãy gõ câu hỏi bằng chữ, ví dụ: "
    "«Sinh hoạt chi bộ cần bảo đảm những tính chất gì?»"
)


def snippet(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n].rsplit(" ", 1)[0] + "…"


def refusal_answer(body: str, closest: list[Citation], evidence: dict, kind: str, **fields) -> Answer:
    """The honest "not in the documents" answer, with the closest passages to look at."""
    text = body
    if closest and body == NO_RULE_TEXT:
        text += "\n\nVí dụ ở chi bộ, đảng bộ khác (trích tin bài, không phải quy định):\n" + "\n".join(
            f'- {c.title} ({format_date(c.date)}): "{c.quote or snippet(c.text)}"' for c in closest
        )
    if closest and body == REFUSAL_TEXT:
        text += "\n\nCác đoạn gần nhất (không trả lời trực tiếp câu hỏi):\n" + "\n".join(
            f'- {c.title} ({format_date(c.date)}): "{snippet(c.text)}"' for c in closest
        )
    return Answer(text=text, body=body, refused=True, closest=closest, evidence=evidence, refusal_kind=kind, **fields)
