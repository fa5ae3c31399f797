"""Text repair: hard-wrapped lines joined, page furniture dropped, items kept on their own lines."""

from __future__ import annotations

import re

from ingest.repair import clean_markup, repair
from tests.guidance import HD37, QD294, needs_guidance, pages


def test_wrapped_pdf_lines_become_paragraphs_and_page_numbers_go():
    filler = "và các điều kiện khác theo quy định của cấp ủy có thẩm quyền xem xét"
    page1 = (
        f"1.1. Về tuổi đời.\n1.1.1. Tại thời điểm chi bộ xét kết nạp, người vào Đảng {filler}\nphải đủ 18 tuổi đến đủ"
    )
    page2 = "2\n \n60 tuổi (tính theo tháng).\n- Gạch đầu dòng giữ nguyên.\n"
    out = repair([page1, page2])
    assert out[0] == "1.1. Về tuổi đời."
    assert (
        out[1]
        == f"1.1.1. Tại thời điểm chi bộ xét kết nạp, người vào Đảng {filler} phải đủ 18 tuổi đến đủ 60 tuổi (tính theo tháng)."
    )
    assert out[2:] == ["- Gạch đầu dòng giữ nguyên."]  # the page number "2" and the blank line are gone


def test_running_headers_repeated_on_every_page_are_dropped():
    topics = ["chuẩn bị", "khai mạc", "thảo luận", "kết luận", "biên bản"]
    pages_ = [
        f"HƯỚNG DẪN SỐ 12 – TRANG {n}\nNội dung trang về {t} trong sinh hoạt chi bộ.\nThêm một câu về {t}.\n{n}"
        for n, t in enumerate(topics, 1)
    ]
    out = repair(pages_)
    assert not any(p.startswith("HƯỚNG DẪN SỐ 12") for p in out)
    assert sum("Nội dung trang" in p for p in out) == 5


def test_markdown_marks_are_stripped():
    assert clean_markup("**Điều 5.** Nội dung") == "Điều 5. Nội dung"
    assert clean_markup("- Bản tin | ") == "- Bản tin"


@needs_guidance
def test_real_guidance_reads_as_paragraphs():
    hd37 = repair(pages(HD37))
    assert "Hà Nội, ngày 19 tháng 11 năm 2025" in hd37
    assert any(p.startswith("II. NỘI DUNG ĐỔI MỚI, NÂNG CAO CHẤT LƯỢNG") for p in hd37)  # a title over two lines
    assert not any("*" in p and p != "*" for p in hd37)  # no stray emphasis marks
    qd = repair(pages(QD294))
    item = next(p for p in qd if p.startswith("1.1.1."))
    assert item.endswith("(tính theo tháng).")  # a line wrapped in the PDF, joined back
    # no half lines left over: only points ("a) …") open with a lower-case letter
    assert not [p for p in qd if p[:1].islower() and not re.match(r"^[a-zđ]\) ", p)]


def test_a_reference_wrapped_onto_a_new_line_is_not_a_heading():
    """A printed line that starts "Điều 3 …" after a line ending mid-sentence ("… tại Điều 2 và")
    continues the sentence; "Điều 3." after a finished sentence is the article's heading."""
    out = repair(
        [
            "- Ở nơi sinh hoạt chính thức thì thực hiện đầy đủ nhiệm vụ và quyền theo quy định tại Điều 2 và\n"
            "Điều 3 Điều lệ Đảng; ở nơi sinh hoạt tạm thời thì trừ quyền biểu quyết, ứng cử và bầu cử.\n"
            "Điều 4.\nNgười vào Đảng phải có đơn tự nguyện."
        ]
    )
    assert out[0].endswith(
        "tại Điều 2 và Điều 3 Điều lệ Đảng; ở nơi sinh hoạt tạm thời thì trừ quyền biểu quyết, ứng cử và bầu cử."
    )
    assert out[1:] == ["Điều 4.", "Người vào Đảng phải có đơn tự nguyện."]
