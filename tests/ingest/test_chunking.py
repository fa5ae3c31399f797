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
    for start, end in sentence_spans(loaded.text):
        assert any(c.start <= start and end <= c.end for c in chunks), loaded.text[start:end]
    # in order, each chunk starts at a sentence boundary
    starts = {s for s, _ in sentence_spans(loaded.text)}
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


def test_a_long_sentence_is_never_split():
    long = "Chi bộ " + "bàn bạc, " * 200 + "thống nhất."
    chunks = chunk_text("d", "Mở đầu ngắn. " + long, max_chars=300)
    assert any(c.text.endswith(long) for c in chunks)


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
