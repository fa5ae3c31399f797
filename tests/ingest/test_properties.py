"""Property tests: normalisation is idempotent, chunking never loses or reorders a sentence,
document-number parsing never crashes."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import docnumbers, legacy, textnorm
from ingest.chunking import chunk_text

VI_WORDS = [
    "chi",
    "bộ",
    "đảng",
    "viên",
    "sinh",
    "hoạt",
    "hoà",
    "thuỷ",
    "uỷ",
    "ban",
    "nghị",
    "quyết",
    "12-HD/BTCTW",
    "số",
    "ngày",
    "22-7-2019",
    "Hướng",
    "dẫn",
    "Đề",
    "án",
    "2403",
    "tính",
    "lãnh",
    "đạo",
    "khoẻ",
    "quý",
]
words = st.lists(st.sampled_from(VI_WORDS) | st.text(min_size=1, max_size=8), min_size=1, max_size=12)
sentence = words.map(lambda ws: " ".join(ws).strip().capitalize() + ".")
paragraph = st.lists(sentence, min_size=1, max_size=6).map(" ".join)
document = st.lists(paragraph, min_size=1, max_size=6).map("\n\n".join)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text(max_size=300) | document)
def test_normalize_is_idempotent(text):
    once = textnorm.normalize(text)
    assert textnorm.normalize(once) == once
    assert textnorm.fold(textnorm.fold(once)) == textnorm.fold(once)


@FAST
@given(document, st.integers(min_value=40, max_value=600), st.integers(min_value=0, max_value=2))
def test_chunking_never_loses_or_reorders_a_sentence(text, max_chars, overlap):
    text = textnorm.normalize(text)
    chunks = chunk_text("d", text, max_chars=max_chars, overlap=overlap)
    spans = textnorm.sentence_spans(text, max_chars)
    for c in chunks:
        assert text[c.start : c.end] == c.text
        assert len(c.text) <= max_chars  # an over-long sentence is cut, never kept whole
    for a, b in spans:  # every sentence (or piece of an over-long one) lies inside some chunk
        assert any(c.start <= a and b <= c.end for c in chunks)
    starts = [c.start for c in chunks]
    assert starts == sorted(starts)  # in document order
    assert all(a.end <= b.end for a, b in zip(chunks, chunks[1:]))


@FAST
@given(st.text(max_size=200) | document)
def test_document_number_parsing_never_crashes(text):
    for n in docnumbers.find(text):
        assert n.id and n.key and n.start <= n.end
        assert docnumbers.parse_id(n.id) is not None


@FAST
@given(document)
def test_legacy_detection_leaves_unicode_vietnamese_alone(text):
    text = textnorm.normalize(text) + " Đảng viên sinh hoạt chi bộ định kỳ hằng tháng."
    assert legacy.fix(text)[0] == text
