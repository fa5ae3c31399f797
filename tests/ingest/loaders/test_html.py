"""Web pages."""

from __future__ import annotations

from ingest.loaders import load


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
