"""PDF files: the text layer, and the real Tesseract for scanned pages."""

from __future__ import annotations

import pytest

from ingest.errors import IngestFileError
from ingest.loaders import load
from tests.files import make_mixed_pdf, make_pdf, make_scan
from tests.ingest.loaders.test_ocr import SECOND_PAGE, SENTENCES, word_accuracy


def test_pdf_text_layer(tmp_path):
    loaded = load(
        make_pdf(tmp_path / "a.pdf", ["Sinh hoạt chi bộ cần bảo đảm tính lãnh đạo.", "Bí thư chi bộ chủ trì hội nghị."])
    )
    assert "Sinh hoạt chi bộ cần bảo đảm tính lãnh đạo." in loaded.text
    assert "ocr" not in loaded.meta and not loaded.notes


@pytest.mark.slow
def test_a_scanned_pdf_is_read_by_ocr_page_by_page(tmp_path):
    progress: list[str] = []
    loaded = load(make_scan(tmp_path / "scan.pdf", [SENTENCES, SECOND_PAGE]), progress=progress.append)
    assert word_accuracy(SENTENCES + SECOND_PAGE, loaded.text) >= 0.85, loaded.text
    assert progress == ["nhận dạng chữ trang 1/2", "nhận dạng chữ trang 2/2"]
    assert loaded.meta["ocr"] is True and loaded.meta["ocr_pages"] == 2
    assert "đã nhận dạng chữ (OCR) 2 trang từ bản scan; hãy kiểm tra lại chữ" in loaded.notes


@pytest.mark.slow
def test_only_the_pages_without_a_text_layer_are_read_by_ocr(tmp_path):
    typed = "Cấp ủy chuẩn bị nội dung sinh hoạt trước năm ngày."
    progress: list[str] = []
    loaded = load(make_mixed_pdf(tmp_path / "tron.pdf", [typed], SENTENCES), progress=progress.append)
    assert typed in loaded.text  # from the text layer, exactly
    assert word_accuracy(SENTENCES, loaded.text) >= 0.85, loaded.text
    assert progress == ["nhận dạng chữ trang 2/2 (trang scan 1/1)"]
    assert loaded.meta["ocr_pages"] == 1 and any("OCR) 1 trang" in n for n in loaded.notes)


def test_a_pdf_where_ocr_finds_no_text_gets_a_clear_error(tmp_path):
    with pytest.raises(IngestFileError, match="không nhận dạng được chữ nào từ bản scan.*300 dpi"):
        load(make_pdf(tmp_path / "trang-trang.pdf", []))


def test_a_scan_over_the_page_limit_is_refused_before_any_ocr(tmp_path, monkeypatch):
    monkeypatch.setattr("ingest.loaders.ocr.OCR_MAX_PAGES", 1)
    progress: list[str] = []
    with pytest.raises(IngestFileError, match="2 trang bản scan.*vượt giới hạn 1 trang: hãy tách"):
        load(make_scan(tmp_path / "dai.pdf", [[], []]), progress=progress.append)
    assert progress == []


def test_without_pdftoppm_the_message_says_make_system(tmp_path, monkeypatch):
    scan = make_scan(tmp_path / "scan.pdf", [SENTENCES])
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(IngestFileError, match="chưa cài pdftoppm.*make system"):
        load(scan)
