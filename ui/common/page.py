"""Page furniture: our style sheet, Vietnamese for Streamlit's own strings, the example questions."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

STATIC = Path(__file__).resolve().parent.parent / "static"
EXAMPLES = [
    "Sinh hoạt chi bộ cần bảo đảm những tính chất gì?",
    "Để bàn sâu một vấn đề, chi bộ nên chọn hình thức sinh hoạt nào?",
    "Trước mỗi kỳ sinh hoạt, bí thư chi bộ cần chuẩn bị những gì?",
    "Cần làm gì để tạo nguồn kết nạp đảng viên?",
]


def localize() -> None:
    """Our style sheet, and Vietnamese for Streamlit's own strings (upload box, "Press Enter to
    apply", the running indicator, tooltips, the phone menu): a small script in the page that
    rewrites them as they appear. Our own code, never document text."""
    st.html(STATIC / "app.css")
    st.html(
        f"<div id='chibo-vi' hidden></div><script>{(STATIC / 'vi.js').read_text(encoding='utf-8')}</script>",
        unsafe_allow_javascript=True,
    )
