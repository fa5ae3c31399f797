"""The outline's scaffolding: the parts a thematic meeting outline always has, the tool's
prompts and placeholders (`template` items, never quotations), with the quoted items of the
content parts put in their place."""

from __future__ import annotations

from assistant.outline.model import PLACEHOLDER, Item, Section

EXPERIENCE_NOTE = "Ví dụ từ các chi bộ, đảng bộ khác, trích tin bài; để tham khảo, không phải văn bản chỉ đạo."


def lower_first(text: str) -> str:
    """The topic inside a sentence: first letter lowered, proper names kept.

    >>> lower_first("Học tập và làm theo phong cách Hồ Chí Minh")
    'học tập và làm theo phong cách Hồ Chí Minh'
    """
    return text[:1].lower() + text[1:] if text else text


def scaffold(
    topic: str,
    basis_items: list[Item],
    experience_items: list[Item],
    solution_items: list[Item],
    tasks_missing: bool = False,
    date: str | None = None,
    place: str | None = None,
    presenter: str | None = None,
) -> list[Section]:
    """Every part of the outline in order, the quotations in theirs; ids "basis-1", … set."""
    t = lower_first(topic)  # the topic inside the sections' sentences
    info = _info_section(date, place, presenter)
    purpose = _purpose_section(t)
    content = Section("Nội dung", [], key="content")
    basis = _basis_section(t, basis_items)
    experience = Section("Kinh nghiệm ở cơ sở", experience_items, level=2, key="experience", note=EXPERIENCE_NOTE)
    situation = _situation_section(t)
    solutions = _solutions_section(t, solution_items, tasks_missing)
    sections = [info, purpose, content, basis]
    if experience_items:
        sections.append(experience)
    sections += [situation, solutions, *_closing_sections(topic, t, basis_items + experience_items)]
    for s in sections:
        for k, item in enumerate(s.items, 1):
            item.id = f"{s.key}-{k}"
    return sections


def _info_section(date: str | None, place: str | None, presenter: str | None) -> Section:
    return Section(
        "Thông tin buổi sinh hoạt",
        [
            _detail("Thời gian", date),
            _detail("Địa điểm", place),
            _detail("Người trình bày", presenter),
        ],
        level=0,
        key="info",
    )


def _purpose_section(t: str) -> Section:
    return Section(
        "Mục đích, yêu cầu",
        [
            Item(f"Giúp đảng viên nắm vững quan điểm, chủ trương, quy định của Đảng về {t}."),
            Item("Đánh giá đúng thực trạng ở chi bộ, chỉ rõ ưu điểm, hạn chế và nguyên nhân."),
            Item("Thống nhất nhiệm vụ, giải pháp cụ thể, phân công đảng viên thực hiện, có thời hạn."),
            Item(
                "Buổi sinh hoạt bảo đảm tính lãnh đạo, tính giáo dục, tính chiến đấu; phát huy dân chủ, "
                "tự phê bình và phê bình."
            ),
        ],
        key="purpose",
    )


def _basis_section(t: str, basis_items: list[Item]) -> Section:
    """The quoted official texts, or a prompt for the presenter where the library has none."""
    return Section(
        "Quan điểm, chủ trương, quy định của Đảng",
        basis_items
        or [
            Item(
                f"Người trình bày nêu nội dung nghị quyết, chỉ thị, quy định, hướng dẫn của cấp trên về {t} "
                f"(kho tài liệu chưa có văn bản này): {PLACEHOLDER}"
            )
        ],
        level=2,
        key="basis",
    )


def _situation_section(t: str) -> Section:
    return Section(
        "Thực trạng ở chi bộ",
        [
            Item(f"Kết quả chi bộ đã đạt được về {t} trong thời gian qua: {PLACEHOLDER}"),
            Item(f"Hạn chế, khó khăn và nguyên nhân (chủ quan, khách quan): {PLACEHOLDER}"),
            Item(f"Số liệu cụ thể của chi bộ (số đảng viên, việc đã làm, kết quả): {PLACEHOLDER}"),
        ],
        level=2,
        key="situation",
    )


def _solutions_section(t: str, solution_items: list[Item], tasks_missing: bool) -> Section:
    """The quoted tasks, a note when the texts name none for the cell, and the cell's own to fill."""
    return Section(
        "Nhiệm vụ, giải pháp",
        solution_items
        + (
            [Item(f"Văn bản hiện có không nêu việc chi bộ, đảng viên phải làm về {t}; chi bộ tự đề ra: {PLACEHOLDER}")]
            if tasks_missing
            else []
        )
        + [Item(f"Nhiệm vụ, giải pháp của chi bộ (việc cụ thể, người phụ trách, thời hạn): {PLACEHOLDER}")],
        level=2,
        key="solutions",
    )


def _closing_sections(topic: str, t: str, quoted: list[Item]) -> list[Section]:
    """The parts after the content: discussion, reflection, the meeting's steps, the references."""
    return [
        Section(
            "Gợi ý thảo luận",
            [Item(q) for q in discussion_questions(topic, quoted)],
            key="discussion",
        ),
        Section(
            "Liên hệ bản thân",
            [
                Item(f"Bản thân đã nhận thức và thực hiện {t} như thế nào? Còn điều gì chưa làm được?"),
                Item("Nhiệm vụ được chi bộ phân công đã hoàn thành đến đâu; nguyên nhân của việc chưa hoàn thành?"),
                Item("Bản thân cam kết làm gì trong thời gian tới, với thời hạn cụ thể?"),
            ],
            key="reflection",
        ),
        # The meeting's steps are the tool's scaffolding only: quotations retrieved for
        # "dự thảo nghị quyết, biên bản…" once ended this list with unrelated news sentences.
        Section(
            "Tiến trình buổi sinh hoạt",
            [Item(step) for step in MEETING_STEPS],
            key="process",
        ),
        Section("Tài liệu tham khảo", [], key="references"),
    ]


MEETING_STEPS = [
    "Chuẩn bị: chi ủy xây dựng kế hoạch, phân công đảng viên chuẩn bị nội dung chuyên đề; "
    "chi ủy thông qua đề cương; gửi tài liệu cho đảng viên trước buổi sinh hoạt.",
    "Mở đầu: nêu mục đích, yêu cầu; thông báo số đảng viên có mặt, vắng mặt (lý do); cử thư ký ghi biên bản.",
    "Trình bày: đồng chí được phân công trình bày nội dung chuyên đề (phần II).",
    "Thảo luận: đảng viên phát biểu theo các câu hỏi gợi ý (phần III) và liên hệ bản thân (phần IV).",
    "Kết luận: bí thư chi bộ kết luận, nêu nhiệm vụ, người thực hiện, thời hạn; "
    "chi bộ biểu quyết thông qua kết luận hoặc nghị quyết chuyên đề.",
    "Biên bản: thư ký hoàn chỉnh biên bản, thông qua trước chi bộ; lưu hồ sơ chi bộ.",
]


def _detail(label: str, value: str | None) -> Item:
    """A meeting detail: the trainer's own text when given, else a placeholder to fill."""
    value = (value or "").strip()
    return Item(f"{label}: {value}", [], "own") if value else Item(f"{label}: {PLACEHOLDER}")


def discussion_questions(topic: str, quoted: list[Item]) -> list[str]:
    """5–8 questions tied to the topic; scaffolding, not quotations."""
    t = lower_first(topic)
    qs = [
        f"Vì sao {t} là nhiệm vụ quan trọng đối với chi bộ ta hiện nay?",
        f"Chi bộ ta đã làm được gì về {t}? Kết quả cụ thể nào (số liệu)?",
        f"Những hạn chế, khó khăn của chi bộ về {t} là gì? Nguyên nhân chủ quan, khách quan?",
        "Kinh nghiệm của các nơi nêu trong tài liệu, điều gì chi bộ ta có thể áp dụng ngay?",
        f"Trong thời gian tới, chi bộ cần giải pháp cụ thể nào về {t}; ai phụ trách, thời hạn đến bao giờ?",
        "Cấp ủy cấp trên, đoàn thể và quần chúng có thể hỗ trợ chi bộ những gì?",
    ]
    if any("quần chúng ưu tú" in i.text for i in quoted):
        qs.append("Chi bộ phát hiện, bồi dưỡng quần chúng ưu tú như thế nào; ai được phân công giúp đỡ?")
    return qs[:8]
