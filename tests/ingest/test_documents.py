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


def test_a_correction_survives_reingest_and_can_be_undone(settings, corpus_copy):
    import pytest as _pytest

    from ingest.documents import CorrectionError, correct
    from ingest.pipeline import ingest
    from ingest.store import Index

    ingest([corpus_copy], settings)
    doc = next(d for d in Index.open(settings.index).documents() if "Vĩnh Yên" in d.title)
    fixed = correct(
        settings, doc.doc_id, title="Vĩnh Yên: đổi mới sinh hoạt chi bộ", date="30/11/2018", number="724-QĐ"
    )
    assert (fixed.title, fixed.date, fixed.number) == ("Vĩnh Yên: đổi mới sinh hoạt chi bộ", "2018-11-30", "724-QĐ")
    (corpus_copy / "moi.txt").write_text("Chi bộ thôn Bắc họp bàn làm đường giao thông.", encoding="utf-8")
    ingest([corpus_copy], settings, refresh={doc.path})  # re-read, the correction still wins
    again = Index.open(settings.index).document(doc.doc_id)
    assert again.title == "Vĩnh Yên: đổi mới sinh hoạt chi bộ" and again.date == "2018-11-30"
    with _pytest.raises(CorrectionError, match="không hợp lệ"):
        correct(settings, doc.doc_id, date="31/02/2018")
    restored = correct(settings, doc.doc_id, title="")
    assert restored.title == doc.title  # the manifest's title decides again
