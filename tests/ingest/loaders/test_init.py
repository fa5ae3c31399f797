"""Any file: bad ones get a named error."""

from __future__ import annotations

import pytest

from ingest.errors import IngestFileError
from ingest.loaders import load


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "tệp rỗng"),
        ("blank.md", b"  \n\n ", "tệp rỗng"),
        ("binary.txt", b"\x00\x01\x02\x03abc", "nhị phân"),
        ("broken.docx", b"this is not a zip", "không khớp đuôi '.docx'"),
        ("broken.pdf", b"hello, not a pdf", "không khớp đuôi '.pdf'"),
        ("really-a-pdf.docx", b"%PDF-1.4 garbage", "nội dung là PDF"),
        ("really-a-docx.txt", b"PK\x03\x04garbage", "gói zip"),
        ("truncated.pdf", b"%PDF-1.4\n1 0 obj <<", "PDF"),
        ("old.doc", b"\xd0\xcf\x11\xe0rest", "không chuyển được tệp .doc.*lưu lại dưới dạng .docx"),
        ("notes.xyz", b"abc", "không hỗ trợ"),
    ],
)
def test_bad_files_get_a_named_error(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestFileError, match=reason) as info:
        load(path)
    assert info.value.path == str(path)
