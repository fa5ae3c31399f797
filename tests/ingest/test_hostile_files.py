"""Hostile and messy files: zip bombs, huge files, deep HTML, unsafe names, duplicates.

Each gets a named error or a defined behaviour, the rest of the batch goes on and what was
already indexed stays as it was.
"""

from __future__ import annotations

import os
import shutil
import zipfile

import pytest

from assistant.retrieval import Retriever
from ingest.documents import list_documents
from ingest.errors import IngestFileError
from ingest.loaders import docx as docx_loader
from ingest.loaders import load
from ingest.pipeline import ingest
from ingest.store import Index
from tests.files import make_docx

GOOD = "vinh-yen-doi-moi-sinh-hoat-chi-bo.txt"


def _bomb(path, members: dict[str, bytes]):
    """A real .docx with extra members appended (highly compressible payloads)."""
    make_docx(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def test_zip_bomb_by_ratio_is_refused_before_unpacking(tmp_path):
    f = _bomb(tmp_path / "bom.docx", {"word/media/x.bin": b"\0" * (24 * 2**20)})
    assert f.stat().st_size < 200_000
    with pytest.raises(IngestFileError, match="zip bomb") as exc:
        load(f)
    assert "bom.docx" in str(exc.value)


def test_zip_bomb_by_member_count_and_total_size(tmp_path, monkeypatch):
    many = _bomb(tmp_path / "nhieu.docx", {f"word/p{i}.xml": b"x" for i in range(docx_loader.MAX_DOCX_MEMBERS + 1)})
    with pytest.raises(IngestFileError, match="quá nhiều"):
        load(many)
    monkeypatch.setattr(docx_loader, "MAX_DOCX_UNZIPPED", 2 * 2**20)  # the limit the .docx loader reads
    big = _bomb(tmp_path / "lon.docx", {"word/media/a.bin": os.urandom(3 * 2**20)})  # incompressible
    with pytest.raises(IngestFileError, match="giải nén ra 3 MB"):
        load(big)


def test_a_normal_docx_passes_the_checks(tmp_path):
    assert "Bí thư chi bộ chủ trì" in load(make_docx(tmp_path / "ok.docx")).text


def test_bomb_in_a_batch_keeps_the_old_version_and_the_rest(settings, corpus_copy):
    doc = make_docx(corpus_copy / "huong-dan.docx")
    ingest([corpus_copy], settings)
    before = {d.path: d.chunk_count for d in Index.open(settings.index).documents()}
    _bomb(doc, {"word/media/x.bin": b"\0" * (24 * 2**20)})  # the same name, now a bomb
    (corpus_copy / "moi.txt").write_text("Chi bộ thôn Bắc họp ngày 5 hằng tháng để kiểm điểm nghị quyết.\n")
    report = ingest([corpus_copy], settings)
    failed = {f.path: f.message for f in report.failed}
    assert list(failed) == [str(doc)] and "zip bomb" in failed[str(doc)]
    assert report.count("new") == 1
    docs = {d.path: d for d in Index.open(settings.index).documents()}
    assert docs[str(doc)].chunk_count == before[str(doc)] > 0  # still answers from the good version
    assert "zip bomb" in docs[str(doc)].error


def test_a_200_mb_file_is_refused_by_size_without_reading_it(settings, corpus_copy):
    huge = corpus_copy / "bao-cao-rat-lon.txt"
    with open(huge, "wb") as fh:
        fh.truncate(200 * 2**20)  # sparse: 200 MB on paper, nothing to read
    report = ingest([corpus_copy], settings)
    (failed,) = report.failed
    assert failed.path == str(huge) and "200 MB" in failed.message and "giới hạn 50 MB" in failed.message
    assert report.count("new") == 5


def test_deeply_nested_html_is_read_as_text(tmp_path):
    depth = 100_000
    page = "<html><body>" + "<div>" * depth + "<p>Chi bộ sinh hoạt định kỳ mỗi tháng một lần.</p>"
    page += "</div>" * depth + "</body></html>"
    f = tmp_path / "long-sau.html"
    f.write_text(page)
    loaded = load(f)
    assert "Chi bộ sinh hoạt định kỳ mỗi tháng một lần." in loaded.text
    assert any("lồng" in n for n in loaded.notes)


def test_unclosed_deep_html_and_normal_html_keep_the_tree(tmp_path):
    f = tmp_path / "mo.html"
    f.write_text("<div>" * 50_000 + "Đảng viên dự họp đầy đủ.")
    assert "Đảng viên dự họp đầy đủ." in load(f).text
    normal = tmp_path / "thuong.html"
    normal.write_text("<html><body><h1>Chuẩn bị họp</h1><p>Cấp ủy chuẩn bị nội dung.</p></body></html>")
    loaded = load(normal)
    assert loaded.headings == ["Chuẩn bị họp"] and not loaded.notes


def test_duplicate_files_are_indexed_once_and_both_names_listed(settings, corpus_copy):
    twin = corpus_copy / "ban-sao-vinh-yen.txt"
    shutil.copy(corpus_copy / GOOD, twin)
    report = ingest([corpus_copy], settings)
    status = {os.path.basename(f.path): f for f in report.files}
    first, second = sorted([GOOD, twin.name], key=lambda n: str(corpus_copy / n))
    assert status[first].status == "new" and status[second].status == "duplicate"
    assert first in status[second].message
    index = Index.open(settings.index)
    docs = {os.path.basename(d.path): d for d in index.documents()}
    assert {first, second} <= set(docs) and docs[second].chunk_count == 0
    assert index.vector_ids() == set(index.chunk_ids())
    texts = [c.text for c in index.chunks()]
    assert len(texts) == len(set(texts))  # no chunk twice
    assert {d.path for d in list_documents(settings)} >= {str(corpus_copy / first), str(corpus_copy / second)}
    # unchanged on the next run; the copy takes over when the first name goes
    again = ingest([corpus_copy], settings)
    assert {f.status for f in again.files} == {"unchanged"}
    (corpus_copy / first).unlink()
    after = ingest([corpus_copy], settings)
    got = {os.path.basename(f.path): f.status for f in after.files}
    assert got[first] == "removed" and got[second] == "new"
    hits = Retriever(settings).run("Tổ công tác của Thành ủy Vĩnh Yên dự sinh hoạt chi bộ bao lâu một lần?").hits
    assert hits and Retriever(settings).library.document(hits[0].chunk.doc_id).path == str(corpus_copy / second)


def test_a_duplicate_whose_first_copy_changes_is_indexed(settings, corpus_copy):
    twin = corpus_copy / "z-ban-sao.txt"
    shutil.copy(corpus_copy / GOOD, twin)
    ingest([corpus_copy], settings)
    with open(corpus_copy / GOOD, "a", encoding="utf-8") as fh:
        fh.write("\nĐoạn bổ sung: chi bộ họp thêm một buổi chuyên đề vào tháng 12.\n")
    report = ingest([corpus_copy], settings)
    got = {os.path.basename(f.path): f.status for f in report.files}
    assert got[GOOD] == "updated" and got[twin.name] == "new"
