"""Word .docx files."""

from __future__ import annotations

import zipfile

import pytest

from ingest.errors import IngestFileError
from ingest.loaders import load
from tests.files import make_docx


def test_docx_keeps_headings_and_numbered_lists(tmp_path):
    loaded = load(make_docx(tmp_path / "huong-dan.docx"))
    assert loaded.headings == ["Chuẩn bị sinh hoạt chi bộ", "Tiến hành"]
    assert "1. Thông qua dự thảo nghị quyết" in loaded.text
    assert "2. Biểu quyết kết luận" in loaded.text
    assert "Bí thư chi bộ chủ trì, thư ký ghi biên bản." in loaded.text


def test_corrupt_docx_zip(tmp_path):
    path = tmp_path / "corrupt.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a word document")
    with pytest.raises(IngestFileError, match="docx hợp lệ"):
        load(path)
