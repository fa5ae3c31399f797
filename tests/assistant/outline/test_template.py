"""The outline's scaffolding, without an index: every part in order, the quotations in their
places, placeholders where the library has nothing, ids numbered per part."""

from __future__ import annotations

from assistant.outline.model import PLACEHOLDER, REQUIRED_SECTIONS, Item
from assistant.outline.template import MEETING_STEPS, scaffold


def test_every_part_in_order_with_the_quotations_in_place():
    quote = Item("Chi bộ họp thường lệ mỗi tháng một lần.", [1], "corpus")
    sections = scaffold("Nâng cao chất lượng sinh hoạt chi bộ", [quote], [], [], presenter="đồng chí Bí thư")
    headings = [s.heading for s in sections]
    for required in REQUIRED_SECTIONS:
        assert any(required in h for h in headings), required
    basis = next(s for s in sections if s.key == "basis")
    assert basis.items == [quote] and quote.id == "basis-1"
    assert "experience" not in [s.key for s in sections]  # no news quoted: no part for it
    info = next(s for s in sections if s.key == "info")
    assert info.items[2].text == "Người trình bày: đồng chí Bí thư" and PLACEHOLDER in info.items[0].text
    process = next(s for s in sections if s.key == "process")
    assert [i.text for i in process.items] == MEETING_STEPS


def test_nothing_in_the_library_leaves_marked_placeholders():
    sections = scaffold("Chăm sóc cây cảnh", [], [], [], tasks_missing=True)
    basis = next(s for s in sections if s.key == "basis")
    assert len(basis.items) == 1 and basis.items[0].source == "template" and PLACEHOLDER in basis.items[0].text
    solutions = next(s for s in sections if s.key == "solutions")
    assert solutions.items[0].text.startswith(
        "Văn bản hiện có không nêu việc chi bộ, đảng viên phải làm về chăm sóc cây cảnh"
    )
    assert all(not i.is_quote for i in solutions.items)
