"""The shared data model: one Chunk, stable ids, the answer's JSON contract."""

from __future__ import annotations

from ingest.model import Answer, Chunk, Citation, Document, Hit, Turn


def test_a_chunk_id_depends_on_document_position_and_text():
    a = Chunk("doc", 3, 0, 10, "Chi bộ họp.")
    assert a.id.startswith("doc:0003:") and a.id == Chunk("doc", 3, 5, 15, "Chi bộ họp.").id
    assert a.id != Chunk("doc", 3, 0, 10, "Chi bộ họp mỗi tháng.").id
    assert Chunk("doc", 3, 0, 10, "x", id="given").id == "given"


def test_an_answer_without_a_separate_body_is_its_text():
    assert Answer(text="Không tìm thấy.", refused=True).body == "Không tìm thấy."


def test_turn_json_names_sections_and_titles():
    doc = Document("dl", "/x/dieu-le.md", "Điều lệ Đảng", kind="guidance")
    chunk = Chunk("dl", 0, 0, 5, "Chi bộ họp thường lệ mỗi tháng một lần.", section="Chương V, Điều 24, khoản 2")
    cit = Citation(1, chunk.id, "dl", "Điều lệ Đảng", chunk.text, section=chunk.section)
    turn = Turn(
        "Chi bộ họp mấy lần?",
        "Chi bộ họp mấy lần?",
        Answer(text="… [1]\n\nNguồn: …", body="… [1]", refused=False, citations=[cit]),
        [Hit(chunk, 0.5, 1, document=doc)],
        "extractive",
        {"total": 1.234},
    )
    data = turn.to_json()
    assert data["body"] == "… [1]" and data["citations"][0]["section"] == "Chương V, Điều 24, khoản 2"
    assert data["retrieved"][0]["title"] == "Điều lệ Đảng" and data["retrieved"][0]["section"] == chunk.section
    assert data["timings_ms"] == {"total": 1.23} and not turn.rewritten
