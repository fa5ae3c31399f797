"""Document numbers in text and questions."""

from __future__ import annotations

import pytest

from ingest import docnumbers


@pytest.mark.parametrize(
    "text, ident, date",
    [
        ("theo Hướng dẫn số 12-HD/BTCTW của Ban Tổ chức", "12-HD/BTCTW", None),
        ("12-HD/BTCTW", "12-HD/BTCTW", None),
        ("Chỉ thị 10-CT / TW", "10-CT/TW", None),
        ("Quyết định số 2403-QĐ/HU ngày 22-7-2019", "2403-QĐ/HU", "2019-07-22"),
        ("Kế hoạch số 82-KH/HU ngày 6-11-2019", "82-KH/HU", "2019-11-06"),
        ("Đề án số 16-ĐA/TU ngày 03/01/2020", "16-ĐA/TU", "2020-01-03"),
        ("Đề án 06-ĐA/TU của Thành ủy", "06-ĐA/TU", None),
        ("Nghị quyết số 21-NQ/TW Hội nghị lần thứ 5", "21-NQ/TW", None),
        ("số 42 - HD / BTCTW ngày 28/10/2025", "42-HD/BTCTW", "2025-10-28"),
    ],
)
def test_full_numbers(text, ident, date):
    found = docnumbers.find(text)
    assert [n.id for n in found] == [ident]
    assert found[0].date == date


@pytest.mark.parametrize(
    "text, key",
    [
        ("Hướng dẫn 12", "HD:12"),
        ("HD12", "HD:12"),
        ("hd 12", "HD:12"),
        ("chỉ thị 10", "CT:10"),
        ("nghị quyết 21", "NQ:21"),
        ("nghi quyet 21", "NQ:21"),
        ("Đề án 2403", "ĐA:2403"),
        ("Quyết định số 724 về việc", "QĐ:724"),
        ("Hướng dẫn số 12 của Ban Tổ chức Trung ương", "HD:12"),
    ],
)
def test_short_mentions(text, key):
    assert [n.key for n in docnumbers.find(text)] == [key]


def test_plain_numbers_are_not_documents():
    assert docnumbers.find("Năm 2019 chi bộ có 12 đảng viên, đạt 31,3%.") == []


def test_full_and_short_forms_share_a_key():
    full = docnumbers.find("Hướng dẫn số 12-HD/BTCTW")[0]
    short = docnumbers.find("HD12")[0]
    assert full.key == short.key == "HD:12"
