"""Trợ lý sinh hoạt chi bộ: the Streamlit app (`chibo ui`, `make run`)."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run ui/app.py` puts ui/ on the path, not the repository: add it.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from ui import common  # noqa: E402

st.set_page_config(
    page_title="Trợ lý sinh hoạt chi bộ",
    page_icon=":material/menu_book:",
    layout="centered",
    initial_sidebar_state="auto",
)
common.localize()
common.require_access()
# Load the index and models now (a no-op when `chibo ui` already did at start-up): the first
# question should not wait for them.
common.start_warm(common.backend_cfg())

pages = [
    st.Page("views/hoi_dap.py", title="Hỏi đáp", icon=":material/forum:", default=True),
    st.Page("views/on_thi.py", title="Ôn thi", icon=":material/quiz:"),
    st.Page("views/de_cuong.py", title="Soạn đề cương", icon=":material/edit_note:"),
    st.Page("views/van_ban.py", title="Văn bản", icon=":material/menu_book:"),
    st.Page("views/tai_lieu.py", title="Tài liệu", icon=":material/folder_open:"),
    st.Page("views/danh_gia.py", title="Đánh giá", icon=":material/analytics:"),
]
page = st.navigation(pages)
common.sidebar()
page.run()
