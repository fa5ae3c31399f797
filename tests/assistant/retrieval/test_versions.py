"""Two versions of one document in the library: listed with what changed, the older one marked
as such in the reader, and answers citing the newest unless the question asks for the older."""

from __future__ import annotations

import pytest

from assistant.retrieval import Retriever
from assistant.retrieval.library import Library
from assistant.retrieval.reader import read
from assistant.retrieval.versions import changes, groups
from ingest.model import Document
from ingest.settings import Settings

# Written for this test (no real committee's text): a district guidance re-issued with one rule
# changed and one added.
OLD = """HƯỚNG DẪN
Về sinh hoạt chi bộ ở các chi bộ thôn

1. Chi bộ thôn họp thường lệ vào ngày mùng 5 hằng tháng.
2. Bí thư chi bộ chuẩn bị nội dung sinh hoạt và gửi trước cho chi ủy ba ngày.
3. Chi ủy phân công một đảng viên ghi biên bản mỗi buổi sinh hoạt.
"""
NEW = """HƯỚNG DẪN
Về sinh hoạt chi bộ ở các chi bộ thôn

1. Chi bộ thôn họp thường lệ vào ngày mùng 3 hằng tháng.
2. Bí thư chi bộ chuẩn bị nội dung sinh hoạt và gửi trước cho chi ủy ba ngày.
3. Chi ủy phân công một đảng viên ghi biên bản mỗi buổi sinh hoạt.
4. Mỗi quý chi bộ sinh hoạt chuyên đề ít nhất một lần.
"""
MANIFEST = """ban-2023.txt:
  title: Hướng dẫn về sinh hoạt chi bộ ở các chi bộ thôn
  number: 07-HD/HU
  issuer: Ban Thường vụ Huyện ủy
  date: "2023-02-01"
  kind: guidance
ban-2025.txt:
  title: Hướng dẫn về sinh hoạt chi bộ ở các chi bộ thôn
  number: 07-HD/HU
  issuer: Ban Thường vụ Huyện ủy
  date: "2025-03-01"
  kind: guidance
"""


def test_groups_and_changes_without_an_index():
    a = Document(
        "a",
        "/a",
        "Hướng dẫn về sinh hoạt chi bộ ở các chi bộ thôn",
        date="2023-02-01",
        kind="guidance",
        number="07-HD/HU",
    )
    b = Document(
        "b",
        "/b",
        "Hướng dẫn về sinh hoạt chi bộ ở các chi bộ thôn",
        date="2025-03-01",
        kind="guidance",
        number="07-HD/HU",
    )
    news = Document("n", "/n", "Hướng dẫn về sinh hoạt chi bộ ở các chi bộ thôn", kind="news")
    assert [[d.doc_id for d in g] for g in groups([b, news, a])] == [["a", "b"]]


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory, shared_cache) -> Settings:
    from ingest.pipeline import ingest

    root = tmp_path_factory.mktemp("versions")
    folder = root / "docs"
    folder.mkdir()
    (folder / "ban-2023.txt").write_text(OLD, encoding="utf-8")
    (folder / "ban-2025.txt").write_text(NEW, encoding="utf-8")
    (folder / "manifest.yaml").write_text(MANIFEST, encoding="utf-8")
    home = root / "home"
    home.mkdir()
    (home / "cache").symlink_to(shared_cache, target_is_directory=True)
    settings = Settings(home=home)
    assert not ingest([folder], settings).failed
    return settings


def test_the_reader_lists_versions_with_what_changed(two_versions):
    lib = Library(two_versions)
    newest = read(lib, "07-HD/HU")
    assert len(newest.versions) == 2 and newest.versions[-1]["newest"]
    diff = newest.versions[-1]["changes"]
    assert diff == {"added": ["mục 4"], "removed": [], "changed": ["mục 1"]}, diff
    old_id = newest.versions[0]["doc_id"]
    old = read(lib, old_id)
    assert old.notices and old.notices[0].startswith("Đây là bản cũ")
    assert "Các phiên bản" in old.markdown()
    assert changes([], []) == {"added": [], "removed": [], "changed": []}


def test_answers_cite_the_newest_unless_asked(two_versions):
    r = Retriever(two_versions)
    lib = r.library
    dates = {d.doc_id: d.date for d in lib.documents().values()}
    hits = r.run("Chi bộ thôn họp thường lệ vào ngày nào hằng tháng?", top_k=5).hits
    assert hits and {dates[h.chunk.doc_id] for h in hits} == {"2025-03-01"}
    asked = r.run("Theo hướng dẫn năm 2023, chi bộ thôn họp thường lệ vào ngày nào?", top_k=5).hits
    assert "2023-02-01" in {dates[h.chunk.doc_id] for h in asked}
