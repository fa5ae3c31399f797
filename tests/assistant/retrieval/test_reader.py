"""`chibo read`: a part of a document whole, and the clauses implementing a Charter article."""

from __future__ import annotations

import json

import pytest

from assistant.cli import main
from assistant.retrieval.library import Library
from assistant.retrieval.reader import NotFound, read


@pytest.fixture(scope="module")
def library(guidance_index):
    return Library(guidance_index)


def test_an_article_whole_with_its_implementing_clauses(library):
    r = read(library, "Điều lệ", "Điều 4")
    assert r.document.startswith("Điều lệ Đảng") and r.section == "Chương I, Điều 4"
    # the whole article, in order: its four clauses
    for first_words in (
        "1. Người vào Đảng phải",
        "2. Người giới thiệu phải",
        "3. Trách nhiệm của chi bộ",
        "4. Nơi chưa có",
    ):
        assert first_words in r.text
    assert r.text.index("1. Người vào Đảng") < r.text.index("4. Nơi chưa có")
    # checked by hand: admission is 294-QĐ/TW mục 3 and 06-HD/TW mục 3
    places = {(p.number, p.section.split(" (")[0].split(".")[0]) for p in r.implementing}
    assert ("294-QĐ/TW", "mục 3") in places and ("06-HD/TW", "mục 3") in places
    # 294-QĐ/TW (naming the article) before 06-HD/TW (following its subject)
    numbers = [p.number for p in r.implementing]
    assert numbers.index("294-QĐ/TW") < numbers.index("06-HD/TW")


def test_a_clause_brings_the_items_naming_it(library):
    r = read(library, "dieu le dang", "Điều 24, khoản 4")  # without diacritics too
    assert r.section.endswith("Điều 24, khoản 4")
    assert r.implementing and all("khoản 3, 4" in p.section or "khoản 4" in p.section for p in r.implementing)


def test_contents_without_a_section(library):
    r = read(library, "294-QĐ/TW")
    assert r.section is None and r.number == "294-QĐ/TW"
    tops = [c["section"] for c in r.children]
    assert "mục 3" in tops and all(c["parts"] >= 1 for c in r.children)


def test_unknown_document_or_part_names_the_closest(library):
    with pytest.raises(NotFound) as e:
        read(library, "Điều lệ", "Điều 99")
    assert "không có phần «Điều 99»" in str(e.value) and e.value.closest
    with pytest.raises(NotFound) as e:
        read(library, "Nghị quyết 999-NQ/TW")
    assert "Không tìm thấy văn bản" in str(e.value)


def test_the_command_prints_json_and_exits_non_zero_on_unknown(guidance_index, monkeypatch, capsys):
    monkeypatch.setenv("CHIBO_HOME", str(guidance_index.home))
    assert main(["read", "Điều lệ", "Điều 4", "--json", "--index", str(guidance_index.index)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"document", "number", "date", "section", "text", "children", "implementing"} <= set(out)
    assert {"document", "number", "section", "text"} <= set(out["implementing"][0])
    assert main(["read", "Điều lệ", "Điều 99", "--index", str(guidance_index.index)]) == 2
    assert "Điều 99" in capsys.readouterr().err
