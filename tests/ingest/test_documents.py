"""Document management for the app: uploads checked by content and name, kept in the uploads folder."""

from __future__ import annotations

import pytest

from ingest.documents import add_uploads, uploads_dir


def test_an_upload_over_the_limit_is_refused(settings):
    result = add_uploads(settings, [("lon.txt", b"a" * (21 * 2**20))])
    assert result.rejected and "20 MB" in result.rejected[0][1]
    assert not list(uploads_dir(settings).glob("*"))


@pytest.mark.parametrize(
    "name",
    ["../../thoat.txt", "..\\..\\thoat.txt", "/etc/passwd.txt", "thu/muc/con.txt", "..", "a/../../b.txt", "\0x.txt"],
)
def test_upload_names_never_leave_the_uploads_folder(settings, name):
    result = add_uploads(settings, [(name, "Chi bộ họp bàn công tác phát triển đảng viên.".encode())])
    root = uploads_dir(settings).resolve()
    assert len(result.saved) + len(result.rejected) == 1
    for f in result.saved:
        assert f.resolve().parent == root and "/" not in f.name and "\\" not in f.name and ".." not in f.name
    for f in settings.home.parent.rglob("*.txt"):
        assert f.resolve().is_relative_to(root), f


def test_a_good_upload_is_indexed_and_a_bad_one_names_its_problem(settings):
    files = [
        ("bien-ban.txt", "Thư ký ghi biên bản sinh hoạt chi bộ đầy đủ ý kiến của đảng viên.".encode()),
        ("hong.docx", b"not a zip at all"),
    ]
    result = add_uploads(settings, files)
    assert [p.name for p in result.saved] == ["bien-ban.txt"]
    assert result.rejected[0][0] == "hong.docx" and ".docx" in result.rejected[0][1]
    assert result.report.count("new") == 1
