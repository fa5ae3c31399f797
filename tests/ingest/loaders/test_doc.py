"""Old Word .doc files, converted by the real LibreOffice (antiword when LibreOffice is missing)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from ingest import legacy
from ingest.documents import add_uploads
from ingest.errors import IngestFileError
from ingest.loaders import load
from tests.files import make_doc, make_docx, save_as_doc
from tests.guidance import CHARTER, needs_guidance

PARAGRAPHS = [
    "Chi bộ họp thường lệ mỗi tháng một lần, do bí thư chủ trì.",
    "Các dấu: ằ ẳ ẵ ắ ặ, ầ ẩ ẫ ấ ậ, ề ể ễ ế ệ, ồ ổ ỗ ố ộ, ờ ở ỡ ớ ợ, ừ ử ữ ứ ự, ỳ ỷ ỹ ý ỵ, Đ đ.",
    # antiword refuses a .doc whose text is shorter than about 300 characters ("too small")
    "Những người được giao nhiệm vụ phải nghiêm túc thực hiện, báo cáo kết quả trước ngày 25 hằng tháng.",
    "Cấp ủy chuẩn bị nội dung sinh hoạt trước năm ngày, gửi dự thảo nghị quyết cho đảng viên nghiên cứu.",
]
NUMBERED = ["Thông qua dự thảo nghị quyết", "Biểu quyết kết luận"]

pytestmark = pytest.mark.slow  # each .doc is made and read by LibreOffice (about 2 s a run)


@pytest.fixture(scope="module")
def doc_file(tmp_path_factory):
    return make_doc(tmp_path_factory.mktemp("doc") / "bien-ban.doc", PARAGRAPHS, NUMBERED)


def test_doc_keeps_vietnamese_and_list_numbers(doc_file):
    progress: list[str] = []
    loaded = load(doc_file, progress=progress.append)
    for paragraph in PARAGRAPHS:
        assert paragraph in loaded.text
    assert "1. Thông qua dự thảo nghị quyết" in loaded.text
    assert "2. Biểu quyết kết luận" in loaded.text
    assert progress == ["chuyển tệp .doc bằng LibreOffice"] and not loaded.notes


def test_tcvn3_doc_is_converted_and_noted(tmp_path, monkeypatch):
    typed = [legacy.to_legacy(p.lower(), "tcvn3") for p in PARAGRAPHS]
    assert "®" in typed[1] and "\u00ad" in typed[0]  # đ, and ư (a soft hyphen in TCVN3)
    doc = make_doc(tmp_path / "cu.doc", typed, legacy_font=".VnTime")
    loaded = load(doc)
    for paragraph in PARAGRAPHS:  # "thường", "thư": the soft hyphen survived
        assert paragraph.lower() in loaded.text
    assert loaded.notes == ["đã chuyển từ bảng mã TCVN3 (ABC) sang Unicode, hãy kiểm tra kết quả"]
    monkeypatch.setenv("PATH", _only(tmp_path, "antiword"))
    fallback = load(doc)  # antiword drops the soft hyphen: converted, and the loss is said
    assert "bí thư chủ trì" not in fallback.text and "chi bộ họp" in fallback.text
    assert any("chữ «ư» có thể bị mất" in n for n in fallback.notes)


def _only(tmp_path, program: str) -> str:
    """A PATH with one program on it."""
    folder = tmp_path / f"bin-{program}"
    folder.mkdir()
    (folder / program).symlink_to(f"/usr/bin/{program}")
    return str(folder)


def test_without_libreoffice_antiword_reads_it(doc_file, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", _only(tmp_path, "antiword"))
    progress: list[str] = []
    loaded = load(doc_file, progress=progress.append)
    assert progress == ["chuyển tệp .doc bằng LibreOffice", "chuyển tệp .doc bằng antiword"]
    assert PARAGRAPHS[0] in loaded.text
    assert "1. Thông qua dự thảo nghị quyết" in loaded.text  # antiword's DocBook keeps the numbers


def test_without_any_converter_the_message_says_what_to_do(doc_file, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(
        IngestFileError, match=r"chưa cài LibreOffice hay antiword.*lưu lại dưới dạng \.docx.*make system"
    ):
        load(doc_file)


def test_corrupt_doc_gets_a_vietnamese_message(tmp_path):
    broken = tmp_path / "hong.doc"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(20_000))
    with pytest.raises(
        IngestFileError, match=r"không chuyển được tệp \.doc.*lưu lại dưới dạng \.docx rồi tải lên"
    ) as info:
        load(broken)
    assert "LibreOffice không mở được" in info.value.reason and "antiword không đọc được" in info.value.reason


def _converters_running(marker: str) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if marker.encode() in cmdline:
            found.append(proc.name)
    return found


def _path_without(tmp_path, program: str) -> str:
    """A PATH with every program of /usr/bin but one."""
    folder = tmp_path / f"bin-without-{program}"
    folder.mkdir()
    for tool in Path("/usr/bin").iterdir():
        if tool.name != program:
            (folder / tool.name).symlink_to(tool)
    return str(folder)


def test_a_converter_that_runs_too_long_is_stopped(doc_file, tmp_path, monkeypatch):
    monkeypatch.setattr("ingest.loaders.doc.DOC_CONVERT_TIMEOUT_S", 0.05)
    progress: list[str] = []
    loaded = load(doc_file, progress=progress.append)  # LibreOffice cannot start in 50 ms; antiword can
    assert progress[-1] == "chuyển tệp .doc bằng antiword" and PARAGRAPHS[0] in loaded.text
    assert _converters_running("chibo-doc-") == []  # soffice.bin killed with its launcher
    monkeypatch.setenv("PATH", _path_without(tmp_path, "antiword"))
    with pytest.raises(IngestFileError, match=r"LibreOffice chạy quá 0.05 giây.*lưu lại dưới dạng \.docx"):
        load(doc_file)
    assert _converters_running("chibo-doc-") == []


def test_two_conversions_at_once_and_an_unwritable_home(doc_file, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", "/proc/no-home")
    second = tmp_path / "ban-sao.doc"
    second.write_bytes(doc_file.read_bytes())
    results: dict[str, str] = {}

    def run(path):
        try:
            results[path.name] = load(path).text
        except Exception as exc:  # reported below
            results[path.name] = repr(exc)

    threads = [threading.Thread(target=run, args=(p,)) for p in (doc_file, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(PARAGRAPHS[0] in text for text in results.values()), results


@needs_guidance
def test_an_official_text_saved_as_doc_keeps_its_structure(tmp_path):
    import docx

    lines = [line.strip().lstrip("#").strip() for line in CHARTER.read_text(encoding="utf-8").splitlines()]
    d = docx.Document()
    for line in filter(None, lines):
        d.add_paragraph(line)
    d.save(tmp_path / "dieu-le.docx")
    loaded, original = load(save_as_doc(tmp_path / "dieu-le.docx")), load(CHARTER)
    assert loaded.meta["title"] == original.meta["title"] == "Điều lệ Đảng Cộng sản Việt Nam"
    assert len(loaded.structure.blocks) == len(original.structure.blocks) > 100
    assert loaded.text == original.text


@pytest.mark.parametrize(
    "name, make, reason",
    [
        ("that-ra-la-docx.doc", lambda p: make_docx(p), "đổi tên thành .docx"),
        ("that-ra-la-pdf.doc", lambda p: p.write_bytes(b"%PDF-1.4 ..."), "đổi tên thành .pdf"),
        ("that-ra-la-chu.doc", lambda p: p.write_text("Chi bộ họp.", encoding="utf-8"), "đổi tên thành .txt"),
        ("that-ra-la-doc.docx", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0rest"), "đổi tên thành .doc"),
    ],
)
def test_a_misnamed_file_is_told_to_rename(tmp_path, name, make, reason):
    path = tmp_path / name
    make(path)
    with pytest.raises(IngestFileError, match=reason):
        load(path)


def test_uploads_of_old_word_files_are_checked_by_content(settings, doc_file):
    result = add_uploads(
        settings,
        [
            ("cu.doc", b"PK\x03\x04 a .docx after all"),
            ("la.doc", b"\x00\x01\x02\x03 not text"),
            ("bang.xls", b"\xd0\xcf\x11\xe0"),
        ],
    )
    reasons = dict(result.rejected)
    assert reasons["cu.doc"].endswith("hãy đổi tên thành .docx rồi tải lên")
    assert "lưu lại dưới dạng .docx hoặc .pdf rồi tải lên" in reasons["la.doc"]
    assert "lưu lại dưới dạng .docx" in reasons["bang.xls"]
    for reason in reasons.values():
        assert "binary" not in reason and "nhận ra" not in reason
    good = add_uploads(settings, [("bien-ban.doc", doc_file.read_bytes())])
    assert [p.name for p in good.saved] == ["bien-ban.doc"] and good.report.count("new") == 1
