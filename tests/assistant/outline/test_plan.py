"""Outlines planned from the governing provisions, over the Charter and its implementing texts.

The topics here are not in evals/questions/outlines.jsonl (the evaluation's held half is never
quoted by a test)."""

from __future__ import annotations

import pytest

from assistant.outline import OutlineDrafter
from assistant.retrieval import Retriever


@pytest.fixture(scope="module")
def drafter(guidance_index):
    return OutlineDrafter(Retriever(guidance_index), strategy="plan")


def _quotes(outline, key):
    by_n = {c.n: c for c in outline.citations}
    section = next(s for s in outline.sections if s.key == key)
    return [(i, by_n[i.citations[0]]) for i in section.items if i.is_quote]


def test_governing_articles_first_then_implementing_clauses(drafter):
    o = drafter.draft("Kết nạp người vào Đảng và tổ chức lễ kết nạp")
    basis = _quotes(o, "basis")
    assert basis, o.markdown()
    first = basis[0][1]
    assert first.title.startswith("Điều lệ Đảng") and "Điều 4" in first.section
    titles = [c.title for _, c in basis]
    assert any("294-QĐ/TW" in t for t in titles) and any("06-HD/TW" in t for t in titles)
    # the implementing texts come after the Charter's clause, marked as implementing
    first_impl = next(k for k, (_, c) in enumerate(basis) if c.role == "implementing")
    assert all(c.title.startswith("Điều lệ Đảng") for _, c in basis[:first_impl])
    # every quotation is a whole clause, cited with its section and led by where it comes from
    for item, c in basis:
        assert c.section and item.lead.endswith(":") and item.text.rstrip(" …").endswith((".", ";", ":"))
    assert not [c for _, c in basis if c.kind == "news"]


def test_discipline_quotes_the_charter_chapter_on_discipline(drafter):
    o = drafter.draft("Xử lý kỷ luật đảng viên vi phạm: hình thức và thẩm quyền")
    sections = [c.section for _, c in _quotes(o, "basis")]
    assert sections and all("Chương VIII" in s for s in sections), sections
    articles = {s.split(",")[1].strip() for s in sections}
    assert {"Điều 35", "Điều 36"} & articles


def test_tasks_are_what_the_cell_and_its_members_do(drafter):
    o = drafter.draft("Kết nạp người vào Đảng và tổ chức lễ kết nạp")
    tasks = _quotes(o, "solutions")
    for item, _ in tasks:
        assert item.text.lower().startswith(
            ("chi bộ", "chi ủy", "chi uỷ", "bí thư", "đảng viên", "mỗi", "các", "cấp ủy, chi bộ")
        ), item.text
    basis_text = {i.full for i, _ in _quotes(o, "basis")}
    assert not [i for i, _ in tasks if i.full in basis_text]  # a provision appears once
    # the scaffolding names the topic in words, never an object of the code
    scaffolding = [i.text for s in o.sections for i in s.items if not i.is_quote]
    assert not [x for x in scaffolding if "Task(" in x or "provision=" in x]
    assert any("kết nạp người vào Đảng" in x for x in scaffolding)


def test_a_topic_no_text_governs_gets_marked_scaffolding(drafter):
    o = drafter.draft("Chăm sóc cây cảnh trong khuôn viên nhà văn hóa thôn")
    assert not _quotes(o, "basis")
    solutions = next(s for s in o.sections if s.key == "solutions")
    assert solutions.items and not any(i.is_quote for i in solutions.items)
