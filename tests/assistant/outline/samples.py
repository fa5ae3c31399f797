"""A small outline built by hand: two official quotations and two news quotations, in the
shape `OutlineDrafter` gives (for the tests that need no index)."""

from __future__ import annotations

from assistant.outline import Header, Item, Outline, Section, renumber
from ingest.model import Citation

RULE = "Chi bộ lãnh đạo công tác phát triển đảng viên ở thôn."
RULE_2 = "Chi ủy phân công đảng viên giúp đỡ quần chúng ưu tú."
NEWS = "Thôn Đông kết nạp ba đảng viên trong năm qua."
NEWS_2 = "Chi bộ thôn Tây mở lớp cảm tình Đảng cho quần chúng."


def sample_outline() -> Outline:
    cites = [
        Citation(1, "g:1", "g", "Hướng dẫn 99-HD/HU về phát triển đảng viên", f"{RULE} {RULE_2}", "2025-03-10",
                 section="mục 1", kind="guidance", number="99-HD/HU", quote=f"{RULE} {RULE_2}"),
        Citation(2, "n:1", "n1", "Thôn Đông phát triển đảng viên", NEWS, kind="news", quote=NEWS, role="experience"),
        Citation(3, "m:1", "n2", "Thôn Tây tạo nguồn", NEWS_2, "2024-05-01", kind="news", quote=NEWS_2,
                 role="experience"),
    ]  # fmt: skip
    sections = [
        Section("Thông tin buổi sinh hoạt", [Item("Thời gian: ……………", id="info-1")], level=0, key="info"),
        Section("Mục đích, yêu cầu", [Item("Giúp đảng viên nắm vững…", id="purpose-1")], key="purpose"),
        Section("Nội dung", [], key="content"),
        Section(
            "Quan điểm, chủ trương, quy định của Đảng",
            [
                Item(RULE, [1], "corpus", "basis-1", full=RULE, lead="Hướng dẫn 99-HD/HU (mục 1):"),
                Item(RULE_2, [1], "corpus", "basis-2", full=RULE_2, lead="Hướng dẫn 99-HD/HU (mục 1):"),
            ],
            level=2,
            key="basis",
        ),
        Section(
            "Kinh nghiệm ở cơ sở",
            [
                Item(NEWS, [2], "corpus", "experience-1", full=NEWS),
                Item(NEWS_2, [3], "corpus", "experience-2", full=NEWS_2),
            ],
            level=2,
            key="experience",
            note="Ví dụ từ các chi bộ, đảng bộ khác, trích tin bài.",
        ),
        Section("Thực trạng ở chi bộ", [Item("Kết quả: ……………", id="situation-1")], level=2, key="situation"),
        Section("Gợi ý thảo luận", [Item(f"Câu hỏi {k}?", id=f"discussion-{k}") for k in (1, 2, 3)], key="discussion"),
        Section("Tiến trình buổi sinh hoạt", [Item(f"Bước {k}.", id=f"process-{k}") for k in (1, 2)], key="process"),
        Section("Tài liệu tham khảo", [], key="references"),
    ]
    outline = Outline(
        topic="Phát triển đảng viên",
        title="Đề cương sinh hoạt chuyên đề: Phát triển đảng viên",
        sections=sections,
        citations=cites,
        header=Header(committee="Đảng bộ xã Thạch Hà", cell="Chi bộ thôn Đông"),
        publishers={"g": "Ban Thường vụ Huyện ủy"},
    )
    return renumber(outline)
