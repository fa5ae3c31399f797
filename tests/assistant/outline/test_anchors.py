"""The default drafter opens the basis with the Charter clauses governing the topic, each with its
implementing item (assistant.outline.anchors). Topics here are not in
evals/questions/outlines.jsonl."""

from __future__ import annotations

import pytest

from assistant.outline import OutlineDrafter
from assistant.outline.anchors import clause_of, named_clauses
from assistant.retrieval import Retriever
from assistant.retrieval.provisions import Provision
from ingest import textnorm


@pytest.fixture(scope="module")
def drafter(guidance_index):
    return OutlineDrafter(Retriever(guidance_index))


def _quotes(outline, key):
    by_n = {c.n: c for c in outline.citations}
    section = next(s for s in outline.sections if s.key == key)
    return [(i, by_n[i.citations[0]]) for i in section.items if i.is_quote]


def _prov(section: str) -> Provision:
    return Provision("d", section, "text", "c", 0, 0)


def test_an_implementing_item_names_the_clauses_it_carries_out():
    assert named_clauses(_prov("mục 23.1 (Điều 24, khoản 3, 4)")) == {("24", "3"), ("24", "4")}
    assert named_clauses(_prov("mục 3.5 (Điều 4)")) == set()
    assert clause_of(_prov("Chương I, Điều 5, khoản 4")) == ("5", "4")
    assert clause_of(_prov("Chương I, Điều 6")) is None


def test_the_basis_opens_with_the_governing_charter_clause_and_its_implementing_item(drafter):
    o = drafter.draft("Kết nạp quần chúng ưu tú vào Đảng ở chi bộ")
    basis = _quotes(o, "basis")
    assert len(basis) >= 3, o.markdown()
    (first, rule), (second, impl) = basis[0], basis[1]
    assert rule.title.startswith("Điều lệ Đảng") and "Điều 4" in rule.section, rule.section
    assert "294-QĐ/TW" in impl.title and impl.role == "implementing" and "Điều 4" in impl.section
    # quoted whole, led by where it comes from
    for item in (first, second):
        assert item.lead.endswith(":") and item.text.rstrip(" …").endswith((".", ";", ":"))
    # no sentence of a clause quoted whole is quoted again elsewhere
    wholes = [textnorm.fold(i.full) for i, _ in basis[:2]]
    later = [textnorm.fold(i.full) for s in o.sections for i in s.items if i.is_quote][2:]
    assert not [x for x in later if any(x in w for w in wholes)]


def test_discipline_is_taught_from_the_charter_chapter_on_discipline(drafter):
    o = drafter.draft("Kiểm điểm và xử lý kỷ luật đảng viên vi phạm ở chi bộ")
    charter = [c.section for _, c in _quotes(o, "basis") if c.title.startswith("Điều lệ Đảng")]
    assert charter and "Chương VIII" in charter[0], charter


def test_the_solutions_open_with_the_cells_tasks(drafter):
    o = drafter.draft("Giúp đỡ đảng viên dự bị học tập, rèn luyện trong thời gian dự bị")
    tasks = _quotes(o, "solutions")
    assert tasks, o.markdown()
    first = tasks[0][0].text.lower()
    assert first.startswith(("chi bộ", "chi ủy", "bí thư", "đảng viên")), first
    assert any(w in first for w in ("phải", "có trách nhiệm", "có nhiệm vụ")), first


def test_the_clause_is_the_one_that_says_the_topics_phrase(drafter):
    # every clause of Điều 8 is about members leaving; only khoản 3 says "xin ra khỏi Đảng"
    o = drafter.draft("Chi bộ xem xét đơn của đảng viên xin ra khỏi Đảng")
    charter = [c.section for _, c in _quotes(o, "basis") if c.title.startswith("Điều lệ Đảng")]
    assert charter and charter[0].endswith("Điều 8, khoản 3"), charter


def test_a_topic_the_charter_governs_finds_its_article_when_another_text_fills_retrieval(drafter):
    # every passage retrieved for it is of 37-HD/BTGDVTW (its title says "nâng cao chất lượng …
    # sinh hoạt chi bộ"), which implements no article; the Charter's texts are asked alone
    # (outlines.jsonl o-057, tune)
    o = drafter.draft("Nâng cao chất lượng sinh hoạt chi bộ")
    basis = [c for _, c in _quotes(o, "basis")]
    charter = [c.section for c in basis if c.title.startswith("Điều lệ Đảng")]
    assert charter and charter[0].endswith("Điều 22, khoản 6"), o.markdown()
    assert any("294-QĐ/TW" in c.title and "mục 21" in c.section for c in basis), [c.section for c in basis]


def test_a_topic_naming_what_one_text_alone_is_about_is_taught_from_that_text(drafter):
    # "Bản tin" is 37-HD/BTGDVTW's own word: no Charter article is looked for elsewhere
    o = drafter.draft("Sử dụng Bản tin sinh hoạt chi bộ trong buổi sinh hoạt")
    basis = [c for _, c in _quotes(o, "basis")]
    assert basis and all("37-HD/BTGDVTW" in c.title for c in basis), [c.title for c in basis]


def test_of_the_clauses_saying_the_topics_phrases_the_one_opening_with_its_actor_is_quoted(drafter):
    # Điều 23 khoản 5 (the tasks of "Tổ chức cơ sở đảng") and Điều 24 khoản 2 ("Chi bộ lãnh đạo
    # …") both say "kiểm tra, giám sát"; the topic's actor is the cell
    o = drafter.draft("Chi bộ kiểm tra, giám sát việc đảng viên chấp hành nghị quyết của chi bộ")
    charter = [c.section for _, c in _quotes(o, "basis") if c.title.startswith("Điều lệ Đảng")]
    assert any(s.endswith("Điều 24, khoản 2") for s in charter), charter
