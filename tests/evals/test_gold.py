"""Gold passages of guidance from doc + section, without copied text."""

from __future__ import annotations

from evals.gold import gold_sentences, matches
from ingest.store import Index


def test_section_paths_match_inside_their_section():
    assert matches("Điều 24, khoản 2", "Chương V, Điều 24, khoản 2")
    assert matches("Điều 24", "Chương V, Điều 24, khoản 1–2")
    assert not matches("Điều 24, khoản 2", "Chương V, Điều 24, khoản 3")
    assert matches("mục 3.5", "mục 3.5.1 (Điều 4), điểm b") and not matches("mục 3.5", "mục 3.6")
    assert matches("Điều 4", "mục 3.5.1 (Điều 4)") and matches("mục II.1", "mục II.1")
    assert not matches("Điều 4", None)


def test_gold_sentences_come_from_the_index(guidance_index):
    index = Index.open(guidance_index.index)
    docs, chunks = index.documents(), index.chunks()
    gold = gold_sentences("Điều lệ Đảng", ["Điều 35, khoản 2"], docs, chunks)
    assert any("khiển trách, cảnh cáo, cách chức, khai trừ" in s for s in gold)
    assert gold_sentences("294-QĐ/TW", ["mục 99.9"], docs, chunks) == []
