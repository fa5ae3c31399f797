"""Page images read by the real Tesseract (`vie`); the bounds around every external program."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import pytest

from ingest.errors import IngestFileError
from ingest.loaders import load
from ingest.loaders.ocr import render_dpi, run_tool, tiff_pages
from tests.files import make_scan

SENTENCES = [
    "Chi bộ họp thường lệ mỗi tháng một lần.",
    "Bí thư chi bộ chủ trì, thư ký ghi biên bản đầy đủ ý kiến của đảng viên.",
]
SECOND_PAGE = ["Những người được giao nhiệm vụ phải báo cáo kết quả trước ngày hai mươi lăm hằng tháng."]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def word_accuracy(expected: list[str], text: str) -> float:
    """Share of the expected words (with their diacritics) found in the text."""
    found = set(words(text))
    wanted = [w for s in expected for w in words(s)]
    return sum(w in found for w in wanted) / len(wanted)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["trang.png", "trang.jpg"])
def test_a_page_image_is_read_with_its_diacritics(tmp_path, name):
    progress: list[str] = []
    loaded = load(make_scan(tmp_path / name, [SENTENCES]), progress=progress.append)
    assert word_accuracy(SENTENCES, loaded.text) >= 0.85, loaded.text
    assert loaded.meta["ocr"] is True and loaded.meta["ocr_pages"] == 1
    assert progress == ["nhận dạng chữ trang 1/1"]
    assert "đã nhận dạng chữ (OCR) 1 trang từ bản scan; hãy kiểm tra lại chữ" in loaded.notes


@pytest.mark.slow
def test_a_multi_page_tiff_is_read_page_by_page(tmp_path):
    path = make_scan(tmp_path / "hai-trang.tif", [SENTENCES, SECOND_PAGE])
    assert tiff_pages(path.read_bytes()) == 2
    progress: list[str] = []
    loaded = load(path, progress=progress.append)
    assert progress == ["nhận dạng chữ trang 1/2", "nhận dạng chữ trang 2/2"]
    assert word_accuracy(SENTENCES + SECOND_PAGE, loaded.text) >= 0.85, loaded.text
    assert loaded.meta["ocr_pages"] == 2


def test_a_png_named_jpg_is_read_and_a_pdf_named_png_is_told_to_rename(tmp_path):
    blank = tmp_path / "trong.jpg"
    make_scan(blank.with_suffix(".png"), [[]]).rename(blank)  # a PNG with a .jpg name: read anyway
    with pytest.raises(IngestFileError, match="không nhận dạng được chữ nào"):
        load(blank)
    fake = tmp_path / "anh.png"
    fake.write_bytes(b"%PDF-1.4 ...")
    with pytest.raises(IngestFileError, match="nội dung là PDF, không khớp đuôi '.png': hãy đổi tên thành .pdf"):
        load(fake)


def test_a_broken_image_gets_a_named_error(tmp_path):
    broken = tmp_path / "hong.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(IngestFileError, match="không nhận dạng được chữ.*trang 1: Tesseract không đọc được ảnh"):
        load(broken)


def test_without_tesseract_or_its_vietnamese_data_the_message_says_make_system(tmp_path, monkeypatch):
    page = make_scan(tmp_path / "trang.png", [SENTENCES])
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # a tessdata folder with no vie
    with pytest.raises(IngestFileError, match=r"chưa có dữ liệu tiếng Việt.*make system.*tesseract-ocr-vie"):
        load(page)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(IngestFileError, match=r"chưa cài Tesseract.*make system"):
        load(page)


def test_a_program_that_runs_too_long_is_killed_with_its_children():
    started = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired):  # a shell, its background child and a foreground one
        run_tool(["sh", "-c", "sleep 37.4821 & sleep 38.4821; true"], 0.5)
    assert time.monotonic() - started < 10
    time.sleep(0.1)
    left = subprocess.run(["pgrep", "-f", "sleep 3[78].4821"], capture_output=True, text=True).stdout.split()
    assert left == []
    assert run_tool(["sh", "-c", "echo xin chào"], 10).stdout.decode().strip() == "xin chào"


def test_render_dpi_bounds_a_large_page():
    assert render_dpi(595, 842) == 300
    w, h = 2384, 3370  # A0
    dpi = render_dpi(w, h)
    assert dpi < 300 and (w / 72 * dpi) * (h / 72 * dpi) <= 40_000_000


def test_tiff_page_count_survives_a_truncated_chain():
    assert tiff_pages(b"II*\x00\x08\x00\x00\x00\x01\x00") == 1
    assert tiff_pages(b"MM\x00*\x00\x00\x00\x08") == 1
    assert tiff_pages(Path(__file__).read_bytes()[:8]) == 1


@pytest.mark.slow
def test_an_uploaded_page_photo_is_indexed_as_ocr_and_a_misnamed_one_is_told_what_to_do(settings):
    from ingest.documents import add_uploads, list_documents

    page = make_scan(settings.home / "trang.png", [SENTENCES]).read_bytes()
    result = add_uploads(settings, [("bien-ban.png", page), ("anh.jpg", b"%PDF-1.4 ..."), ("anh.bmp", b"BM..")])
    assert [p.name for p in result.saved] == ["bien-ban.png"] and result.report.count("new") == 1
    reasons = dict(result.rejected)
    assert reasons["anh.jpg"] == "nội dung là PDF, không khớp đuôi '.jpg': hãy đổi tên thành .pdf rồi tải lên"
    assert reasons["anh.bmp"].endswith("hãy lưu lại dưới dạng .docx hoặc .pdf rồi tải lên")
    (doc,) = list_documents(settings)
    assert doc.meta.get("ocr") is True
