import pytest

from ingest import textnorm


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("hoà bình", "hòa bình"),
        ("Thuỷ lợi, uỷ ban, khoẻ mạnh", "Thủy lợi, ủy ban, khỏe mạnh"),
        ("hoàn thành, ngoài ra, quý", "hoàn thành, ngoài ra, quý"),  # closed syllables, qu: unchanged
        ("“Sinh hoạt”  chi\u00a0bộ", '"Sinh hoạt" chi bộ'),
        ("Chi bo\u0323\u0302", "Chi bộ"),  # decomposed input becomes NFC
    ],
)
def test_normalize(raw, expected):
    assert textnorm.normalize(raw) == expected


def test_normalize_is_idempotent_on_seed_text(corpus_copy):
    for path in corpus_copy.glob("*.txt"):
        once = textnorm.normalize(path.read_text())
        assert textnorm.normalize(once) == once


def test_fold_matches_text_typed_without_diacritics():
    assert textnorm.fold("Sinh hoạt chi bộ Đảng") == "sinh hoat chi bo dang"
    assert textnorm.fold("sinh hoat chi bo") == "sinh hoat chi bo"


def test_words_are_segmented_by_underthesea():
    assert textnorm.words("Bí thư chi bộ chủ trì sinh hoạt chi bộ.") == [
        "bí_thư",
        "chi_bộ",
        "chủ_trì",
        "sinh_hoạt",
        "chi_bộ",
    ]


def test_bm25_tokens_add_folded_forms():
    tokens = textnorm.bm25_tokens("Sinh hoạt chi bộ")
    assert {"sinh_hoạt", "chi_bộ", "sinh_hoat", "chi_bo"} <= set(tokens)
    syl = textnorm.bm25_tokens("sinh hoạt chi bộ", mode="syllables")
    assert {"sinh", "hoạt", "sinh_hoạt", "hoạt_chi", "hoat_chi"} <= set(syl)
    with pytest.raises(ValueError, match="Supported: words, syllables"):
        textnorm.bm25_tokens("x", mode="chars")


def test_sentence_spans_cover_every_character():
    text = "Chi bộ họp mỗi tháng. Bí thư chủ trì!\n\n1. Chuẩn bị nội dung; phân công.\nKết luận"
    spans = textnorm.sentence_spans(text)
    pieces = [text[a:b] for a, b in spans]
    assert pieces == ["Chi bộ họp mỗi tháng.", "Bí thư chủ trì!", "1. Chuẩn bị nội dung; phân công.", "Kết luận"]
    covered = "".join(pieces).replace(" ", "")
    assert covered == text.replace(" ", "").replace("\n", "")
