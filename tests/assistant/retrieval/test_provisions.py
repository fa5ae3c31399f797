"""Provisions of the official texts and the Charter articles their parts implement."""

from __future__ import annotations

import pytest

from assistant.retrieval.library import Library
from assistant.retrieval.provisions import top_section, unit_of

# 06-HD/TW's parts follow the Charter's subjects without article numbers. Checked by hand against
# the texts: the article each part carries out (a part about admission and full membership
# together may link both 4 and 5). Parts no single article governs (9. thay đổi họ tên, 12. the
# Secretariat's delegation) are left out of the check.
HAND_TABLE_06 = {
    "mục 1": {"1"},  # tuổi đời, trình độ học vấn của người vào Đảng
    "mục 3": {"4"},  # thủ tục xem xét kết nạp đảng viên
    "mục 4": {"5"},  # hồ sơ, thủ tục xét công nhận đảng viên chính thức
    "mục 7": {"6"},  # phát và quản lý thẻ đảng viên
    "mục 8": {"6"},  # quản lý hồ sơ đảng viên
    "mục 10": {"6"},  # chuyển sinh hoạt đảng
    "mục 11": {"8"},  # xóa tên, xin ra khỏi Đảng
    "mục 18": {"34"},  # tặng Huy hiệu Đảng
    "mục 19": {"34"},  # khen thưởng
}


def test_units_and_subjects():
    assert unit_of("mục 3.5.1 (Điều 4), điểm a") == "mục 3.5.1 (Điều 4)"
    assert top_section("Chương V, Điều 24, khoản 2") == "Điều 24"
    assert top_section("mục 23.4 (Điều 24, khoản 3, 4)") == "mục 23"


@pytest.fixture(scope="module")
def provisions(guidance_index):
    return Library(guidance_index).provisions()


def _doc(provisions, prefix: str) -> str:
    return next(d for d in provisions.table if d.startswith(prefix))


def test_a_clause_is_whole_with_its_points(provisions):
    charter = _doc(provisions, "dieu-le-dang")
    by_section = {p.section: p for p in provisions.table[charter]}
    forms = by_section["Chương VIII, Điều 35, khoản 2"]  # "Hình thức kỷ luật :" with a), b), c)
    assert "khiển trách" in forms.text and "khai trừ" in forms.text
    # a heading line is not a provision to quote; a lead-in that states a rule is
    assert by_section["Chương VIII, Điều 36"].is_heading()
    assert not by_section["Chương II, Điều 9"].is_heading()  # "… tổ chức theo nguyên tắc tập trung dân chủ."


def test_items_that_name_their_article_are_linked_by_it(provisions):
    qd294 = _doc(provisions, "qd-294")
    assert provisions.links[(qd294, "mục 3")] == {"4"}
    assert provisions.links[(qd294, "mục 7")] == {"7"}
    assert provisions.rank(qd294) == 1 and provisions.rank(provisions.charter) == 0


def test_parts_without_article_numbers_are_linked_by_subject(provisions):
    hd06 = _doc(provisions, "hd-06")
    right = 0
    for top, want in HAND_TABLE_06.items():
        got = provisions.links.get((hd06, top), set())
        right += bool(want & got)
    assert right >= len(HAND_TABLE_06) - 1, {t: provisions.links.get((hd06, t)) for t in HAND_TABLE_06}
    # and a Charter article finds both kinds of implementing text
    docs = {p.doc_id for p in provisions.implementing("4")}
    assert {_doc(provisions, "qd-294"), hd06} <= docs
