"""Official documents read with their header and structure; other texts are not taken for one."""

from __future__ import annotations

from ingest.official import read_official
from ingest.settings import CORPUS_DIR
from tests.guidance import QD294, needs_guidance, pages


def test_news_reports_are_not_official_texts():
    for path in sorted(CORPUS_DIR.glob("*.txt")):
        assert read_official([path.read_text(encoding="utf-8")]) is None, path.name


@needs_guidance
def test_a_regulation_with_its_facts_and_sections():
    doc = read_official(pages(QD294))
    meta = doc.meta()
    assert meta["title"] == "Quy định 294-QĐ/TW về thi hành Điều lệ Đảng"
    assert meta["numbers"] == ["294-QĐ/TW"] and meta["kind"] == "guidance" and meta["doc_type"] == "Quy định"
    assert doc.structure.blocks[0].section == "phần mở đầu"  # the header itself is the preamble
    for b in doc.structure.blocks:
        assert doc.text[b.start : b.end] == b.text  # offsets point into the stored text
