"""Legacy Vietnamese encodings: converted to Unicode, reported, retrievable; Unicode untouched."""

import pytest

from ingest import legacy
from ingest.loaders import load

SENTENCES = [
    "Trước mỗi kỳ sinh hoạt, bí thư chi bộ nắm tình hình tư tưởng của đảng viên, quần chúng.",
    "Chi bộ thảo luận dân chủ, biểu quyết thông qua nghị quyết; thư ký ghi biên bản đầy đủ.",
    "Đồng chí Bí thư Đảng ủy phường kết luận, phân công nhiệm vụ cho từng đảng viên.",
]
TEXT = " ".join(SENTENCES)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_round_trip(encoding):
    text = TEXT if encoding == "vni" else TEXT.lower()  # VN3 has no toned capitals
    legacy_text = legacy.to_legacy(text, encoding)
    assert legacy_text != text
    assert legacy.detect(legacy_text) == encoding
    assert legacy.convert(legacy_text, encoding) == text


def test_unicode_is_never_converted():
    for text in (TEXT, "Café, naïve résumé — Åsa Ørsted", "Sinh hoạt chi bộ ở Hà Nội"):
        assert legacy.detect(text) is None
        assert legacy.fix(text) == (text, None)


def to_cp1258(text: str) -> bytes:
    """Windows-1258 has â ê ô ă ơ ư đ but writes tone marks as separate combining characters."""
    import unicodedata

    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)) + tones)
    return "".join(out).encode("cp1258")


def test_windows_1258_combining_tones_become_nfc(tmp_path):
    f = tmp_path / "cp1258.txt"
    f.write_bytes(to_cp1258("Tiêu đề\n\n" + SENTENCES[0]))
    loaded = load(f)
    assert SENTENCES[0] in loaded.text
    assert any("Windows-1258" in n for n in loaded.notes)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_files_are_converted_reported_and_retrievable(encoding, tmp_path, settings):
    from assistant.retrieval import Retriever
    from ingest.pipeline import ingest

    body = "\n\n".join(s.lower() if encoding == "tcvn3" else s for s in SENTENCES)
    legacy_body = legacy.to_legacy(body, encoding)
    folder = tmp_path / "docs"
    folder.mkdir()
    # a .txt saved by an old editor (single-byte), and a .docx whose runs carry the legacy characters
    (folder / f"cu-{encoding}.txt").write_bytes(legacy_body.encode("latin-1"))
    import docx

    d = docx.Document()
    for para in legacy_body.split("\n\n"):
        d.add_paragraph(para)
    d.save(folder / f"cu-{encoding}.docx")
    # and a web page saved in the same fonts
    paragraphs = "".join(f"<p>{p}</p>" for p in legacy_body.split("\n\n"))
    (folder / f"cu-{encoding}.html").write_bytes(f"<html><body>{paragraphs}</body></html>".encode("latin-1"))
    for name in (f"cu-{encoding}.txt", f"cu-{encoding}.docx", f"cu-{encoding}.html"):
        loaded = load(folder / name)
        assert "nắm tình hình tư tưởng của đảng viên" in loaded.text.lower()
        assert any(legacy.LABELS[encoding] in n for n in loaded.notes)
    lines = []
    report = ingest([folder], settings, on_file=lines.append)
    assert not report.failed
    assert len(lines) == 3 and all("đã chuyển từ bảng mã" in r.message for r in lines)
    hits = Retriever(settings).run("bí thư nắm tình hình tư tưởng đảng viên trước kỳ sinh hoạt", top_k=2).hits
    assert "nắm tình hình tư tưởng" in hits[0].chunk.text.lower()
