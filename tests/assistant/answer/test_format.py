"""How answers read: Vietnamese dates, sources with their section."""

from __future__ import annotations

from assistant.answer.format import citation_label, format_date, format_sources
from ingest.model import Citation


def test_dates_day_and_month_precision():
    assert format_date("2025-05-26") == "26/05/2025"
    assert format_date("2025-11") == "tháng 11/2025"
    assert format_date(None) == "không rõ ngày"


def test_sources_name_the_section_and_cut_long_quotes():
    c = Citation(
        1,
        "c",
        "d",
        "Điều lệ Đảng",
        "x" * 10,
        date="2011-01-19",
        section="Chương VIII, Điều 35, khoản 2",
        quote="Đối với đảng viên chính thức: " + "khiển trách, " * 40,
    )
    assert citation_label(c) == "Điều lệ Đảng, Chương VIII, Điều 35, khoản 2 (19/01/2011)"
    text = format_sources([c])
    assert text.startswith("Nguồn:\n[1] Điều lệ Đảng, Chương VIII") and text.endswith('…"')
