"""OpenDocument text (.odt) files, converted by the real LibreOffice and read like Word files;
a file that only carries the name is refused with what to do."""

from __future__ import annotations

import shutil

import pytest

from ingest.documents import add_uploads
from ingest.errors import IngestFileError
from ingest.loaders import LOADERS, SUPPORTED, UPLOAD_TYPES, load, spec_for
from tests.files import make_docx, save_as_doc

pytestmark = pytest.mark.slow  # each .odt is made and read by LibreOffice (about 2 s a run)

HEADER = [
    "ĐẢNG BỘ XÃ TÂN LẬP",
    "CHI BỘ THÔN ĐÔNG",
    "Số 03-TB/CB",
    "THÔNG BÁO",
    "Về lịch sinh hoạt chi bộ quý I",
    "1. Chi bộ họp thường lệ vào ngày mùng 5 hằng tháng, do bí thư chủ trì.",
    "2. Đảng viên vắng mặt phải báo cáo lý do với bí thư chi bộ trước buổi sinh hoạt.",
    "3. Chi ủy chuẩn bị nội dung sinh hoạt và gửi dự thảo nghị quyết trước ba ngày.",
]


def test_the_registry_is_one_table():
    assert ".odt" in SUPPORTED and ".odt" in UPLOAD_TYPES and ".htm" not in UPLOAD_TYPES
    assert spec_for(".ODT").label == "tệp LibreOffice" and spec_for(".xlsx") is None
    assert len({s for spec in LOADERS for s in spec.suffixes}) == len(SUPPORTED)  # no suffix twice


@pytest.fixture(scope="module")
def odt(tmp_path_factory):
    import docx

    folder = tmp_path_factory.mktemp("odt")
    d = docx.Document()
    for line in HEADER:
        d.add_paragraph(line)
    source = folder / "thong-bao.docx"
    d.save(source)
    path = save_as_doc(source, "odt")
    source.unlink()
    return path


def test_an_odt_reads_like_a_word_file(odt):
    loaded = load(odt)
    assert "Chi bộ họp thường lệ vào ngày mùng 5 hằng tháng" in loaded.text
    assert "Đảng viên vắng mặt phải báo cáo lý do" in loaded.text
    # the Party header is read as in a .docx: number, subject line, the cell under its committee
    assert loaded.meta["number"] == "03-TB/CB" and loaded.meta["doc_type"] == "Thông báo"
    assert loaded.meta["title"] == "Thông báo 03-TB/CB về lịch sinh hoạt chi bộ quý I"
    assert loaded.meta["issuer"] == "Chi bộ thôn Đông" and loaded.structure is not None


def test_a_zip_named_odt_is_refused_with_what_to_do(tmp_path):
    fake = tmp_path / "gia.odt"
    shutil.copy(make_docx(tmp_path / "that.docx"), fake)  # a Word file renamed
    with pytest.raises(IngestFileError) as e:
        load(fake)
    assert e.value.code == "mismatch" and "OpenDocument" in e.value.reason and ".docx" in e.value.reason


def test_an_odt_upload_is_accepted(odt, settings):
    result = add_uploads(settings, [(odt.name, odt.read_bytes())])
    assert not result.rejected and result.report and not result.report.failed
