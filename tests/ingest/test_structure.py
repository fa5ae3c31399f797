"""Structure of official texts: Chương / Điều / khoản / điểm and I. / 1. / 1.1. / a) paths."""

from __future__ import annotations

import pytest

from ingest.header import parse_header
from ingest.repair import repair
from ingest.structure import matches, parse, section_of
from tests.guidance import CHARTER, HD37, QD294, needs_guidance, pages

LEGAL = [
    "Chương I",
    "ĐẢNG VIÊN",
    "Điều 1.",
    "1. Đảng viên là chiến sĩ cách mạng.",
    "2. Công dân từ mười tám tuổi trở lên.",
    "Điều 2.",
    "Đảng viên có nhiệm vụ :",
    "1. Tuyệt đối trung thành.",
    "a) Một điểm.",
    "- Một gạch đầu dòng.",
    "Điều 3.",
    "Đảng viên có quyền.",
]


def test_legal_paths():
    s = parse(LEGAL)
    assert s.style == "legal"
    sections = [b.section for b in s.blocks]
    assert sections[3] == "Chương I, Điều 1, khoản 1" and sections[4] == "Chương I, Điều 1, khoản 2"
    assert sections[6] == "Chương I, Điều 2" and sections[8] == "Chương I, Điều 2, khoản 1, điểm a"
    assert sections[9] == "Chương I, Điều 2, khoản 1, điểm a"  # a bullet stays in its point
    assert sections[11] == "Chương I, Điều 3"
    assert s.blocks[2].path[0].heading == "Chương I. ĐẢNG VIÊN"  # the title line joins its chapter


def test_numbered_paths_and_the_articles_a_regulation_implements():
    s = parse(
        [
            "1. Điều 1 (Khoản 2): Tuổi đời của người vào Đảng",
            "1.1. Về tuổi đời.",
            "1.1.1. Người vào Đảng phải đủ 18 tuổi.",
            "2. Điều 3: Về quyền của đảng viên",
            "2.1. (Khoản 1): Quyền được thông tin.",
            "Định kỳ hằng tháng, cấp ủy thông tin cho đảng viên.",
            "a) Một điểm.",
        ]
    )
    assert s.style == "numbered"
    assert [b.section for b in s.blocks] == [
        "mục 1 (Điều 1, khoản 2)",
        "mục 1.1 (Điều 1, khoản 2)",
        "mục 1.1.1 (Điều 1, khoản 2)",
        "mục 2 (Điều 3)",
        "mục 2.1 (Điều 3, khoản 1)",
        "mục 2.1 (Điều 3, khoản 1)",
        "mục 2.1 (Điều 3, khoản 1), điểm a",
    ]


def test_roman_parts():
    s = parse(["I. MỤC ĐÍCH, YÊU CẦU", "1. Nâng cao nhận thức.", "II. NỘI DUNG", "1. Bản tin thường kỳ.", "- Một ý."])
    assert [b.section for b in s.blocks] == ["mục I", "mục I.1", "mục II", "mục II.1", "mục II.1"]
    assert section_of(()) is None


@needs_guidance
def test_the_charter_and_the_regulation():
    charter = repair(pages(CHARTER))
    s = parse(charter[parse_header(charter).body_start :])
    forms = next(b for b in s.blocks if b.text.startswith("- Đối với đảng viên chính thức"))
    assert forms.section == "Chương VIII, Điều 35, khoản 2"
    assert any(b.section == "Chương V, Điều 24, khoản 2" for b in s.blocks)
    qd = repair(pages(QD294))
    s = parse(qd[parse_header(qd).body_start :])
    assert any(b.section == "mục 3.5.1 (Điều 4), điểm b" for b in s.blocks)
    assert any(b.section and b.section.startswith("mục 21 (Điều 22, khoản 6)") for b in s.blocks)
    hd = repair(pages(HD37))
    s = parse(hd[parse_header(hd).body_start :])
    assert {b.section for b in s.blocks} >= {"phần mở đầu", "mục II.1", "mục IV.2", "phần cuối"}


@pytest.mark.parametrize(
    "named, section, inside",
    [
        ("Điều 24, khoản 2", "Chương V, Điều 24, khoản 2", True),
        ("Điều 24", "Chương V, Điều 24, khoản 2", True),
        ("Điều 24, khoản 2", "Chương V, Điều 24, khoản 3", False),
        ("Điều 2", "Chương I, Điều 24", False),
        ("mục 3.5", "mục 3.5.1", True),
        ("mục 3.5", "mục 3.51", False),
        ("Điều 4", "mục 3 (Điều 4)", True),
        ("Điều 13", "mục 10.4 (Điều 10, 13, 21)", True),
        ("Điều 24", None, False),
    ],
)
def test_a_named_section_holds_its_parts_and_nothing_else(named, section, inside):
    assert matches(named, section) is inside
