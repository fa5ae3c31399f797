import zipfile

import pytest

from ingest.errors import IngestFileError
from ingest.loaders import load


def make_docx(path, heading="Chuẩn bị sinh hoạt chi bộ"):
    import docx

    d = docx.Document()
    d.add_heading(heading, level=1)
    d.add_paragraph("Cấp ủy chuẩn bị nội dung sinh hoạt trước 5 ngày.")
    d.add_paragraph("Thông qua dự thảo nghị quyết", style="List Number")
    d.add_paragraph("Biểu quyết kết luận", style="List Number")
    d.add_heading("Tiến hành", level=2)
    d.add_paragraph("Bí thư chi bộ chủ trì, thư ký ghi biên bản.")
    d.save(path)
    return path


def make_pdf(path, lines):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    matplotlib.rcParams["pdf.fonttype"] = 42
    with PdfPages(path) as pdf:
        fig = plt.figure(figsize=(8.27, 11.69))
        for i, line in enumerate(lines):
            fig.text(0.08, 0.92 - i * 0.04, line)
        pdf.savefig(fig)
        plt.close(fig)
    return path


def test_docx_keeps_headings_and_numbered_lists(tmp_path):
    loaded = load(make_docx(tmp_path / "huong-dan.docx"))
    assert loaded.headings == ["Chuẩn bị sinh hoạt chi bộ", "Tiến hành"]
    assert "1. Thông qua dự thảo nghị quyết" in loaded.text
    assert "2. Biểu quyết kết luận" in loaded.text
    assert "Bí thư chi bộ chủ trì, thư ký ghi biên bản." in loaded.text


def test_pdf_text_layer(tmp_path):
    loaded = load(
        make_pdf(tmp_path / "a.pdf", ["Sinh hoạt chi bộ cần bảo đảm tính lãnh đạo.", "Bí thư chi bộ chủ trì hội nghị."])
    )
    assert "Sinh hoạt chi bộ cần bảo đảm tính lãnh đạo." in loaded.text


def test_pdf_without_text_layer_needs_ocr(tmp_path):
    path = make_pdf(tmp_path / "scan.pdf", [])
    with pytest.raises(IngestFileError, match="OCR"):
        load(path)


def test_html_drops_scripts_and_navigation(tmp_path):
    page = tmp_path / "tin.html"
    page.write_text(
        "<html><head><title>Tin</title><script>var x=1;</script></head><body><nav>Trang chủ | Tin tức</nav>"
        "<h1>Chi bộ thôn A sinh hoạt chuyên đề</h1><p>Chi bộ thôn A tổ chức sinh hoạt chuyên đề về "
        "phát triển đảng viên.</p><p>Đăng nhập</p><h3>Có thể bạn quan tâm</h3><p>Giá vàng hôm nay</p>"
        "</body></html>",
        encoding="utf-8",
    )
    loaded = load(page)
    assert "Chi bộ thôn A tổ chức sinh hoạt chuyên đề về phát triển đảng viên." in loaded.text
    for junk in ("var x", "Trang chủ", "Đăng nhập", "Giá vàng"):
        assert junk not in loaded.text
    assert loaded.headings == ["Chi bộ thôn A sinh hoạt chuyên đề"]


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
        ("old.doc", b"\xd0\xcf\x11\xe0rest", "lưu lại thành .docx"),
        ("notes.xyz", b"abc", "không hỗ trợ"),
    ],
)
def test_bad_files_get_a_named_error(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestFileError, match=reason) as info:
        load(path)
    assert info.value.path == str(path)


def test_corrupt_docx_zip(tmp_path):
    path = tmp_path / "corrupt.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a word document")
    with pytest.raises(IngestFileError, match="docx hợp lệ"):
        load(path)
