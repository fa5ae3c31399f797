"""Document metadata: the folder manifest wins over what the file itself says."""

from __future__ import annotations

from ingest.loaders.base import Loaded
from ingest.metadata import document_metadata


def test_the_manifest_wins_and_the_file_fills_the_rest(tmp_path):
    f = tmp_path / "hd.txt"
    f.write_text("x")
    (tmp_path / "manifest.yaml").write_text("hd.txt:\n  title: Tên trong manifest\n  date: '2025-06-09'\n")
    meta = document_metadata(f, Loaded(text="Hướng dẫn số 12-HD/BTCTW về sinh hoạt chi bộ\n\nNội dung.", meta={}))
    assert meta["title"] == "Tên trong manifest" and meta["date"] == "2025-06-09"
    assert meta["kind"] == "guidance" and meta["mentions"] == ["12-HD/BTCTW"]


def test_without_a_manifest_the_first_line_is_the_title(tmp_path):
    f = tmp_path / "tin.txt"
    f.write_text("x")
    meta = document_metadata(f, Loaded(text="Chi bộ thôn Đông sinh hoạt chuyên đề\n\nBài viết.", meta={}))
    assert meta["title"] == "Chi bộ thôn Đông sinh hoạt chuyên đề" and meta["date"] is None
    assert meta["kind"] == "document" and meta["file_name"] == "tin.txt"
