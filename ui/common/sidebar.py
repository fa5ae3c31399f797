"""The sidebar: how many passages to consider, and (for administrators) the answering backend."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.common.access import is_admin
from ui.common.config import backend_labels, settings
from ui.common.loading import backend_cfg, start_warm


def sidebar() -> None:
    with st.sidebar:
        cfg = backend_cfg()
        labels = backend_labels()
        st.caption(f"Cách trả lời: {labels.get(cfg['backend'], cfg['backend'])}")
        with st.expander("Tuỳ chỉnh cách tìm"):
            st.slider(
                "Số đoạn tài liệu xem xét cho mỗi câu hỏi",
                3,
                20,
                key="top_k",
                value=st.session_state.get("top_k", 10),
                help="Trợ lý đọc bấy nhiêu đoạn tài liệu gần với câu hỏi nhất rồi chọn câu trả lời từ đó.",
            )
            st.caption("Để 10 là phù hợp. Tăng lên nếu câu trả lời còn thiếu ý; giảm xuống nếu lạc đề.")
        if not is_admin():
            st.caption("Quản trị viên có thể đổi cách trả lời.")
            return
        with st.expander("Cách trả lời (quản trị)"):
            backend = st.selectbox(
                "Bộ trả lời",
                list(labels),
                format_func=labels.get,
                index=list(labels).index(cfg["backend"]),
            )
            base_url = model = api_key = None
            if backend == "openai-compatible":
                base_url = st.text_input("Địa chỉ máy chủ", cfg.get("base_url") or "http://127.0.0.1:11434/v1")
                model = st.text_input("Tên mô hình", cfg.get("model") or "qwen2.5:7b-instruct")
                api_key = st.text_input("Khóa API (nếu cần)", cfg.get("api_key") or "", type="password") or None
            elif backend == "llamacpp":
                model = st.text_input("Đường dẫn tệp GGUF", cfg.get("model") or "")
            col1, col2 = st.columns(2)
            if col1.button("Áp dụng", width="stretch"):
                st.session_state["backend_cfg"] = {
                    "backend": backend,
                    "base_url": base_url,
                    "model": model,
                    "api_key": api_key,
                }
                start_warm(st.session_state["backend_cfg"])
                st.rerun()
            if col2.button("Kiểm tra kết nối", width="stretch"):
                st.session_state["connection"] = test_connection(backend, base_url, model, api_key)
            if st.session_state.get("connection"):
                ok, message = st.session_state["connection"]
                (st.success if ok else st.error)(message)


def test_connection(backend: str, base_url, model, api_key) -> tuple[bool, str]:
    from assistant.llm import get_backend
    from ingest.errors import ChiboError

    try:
        if backend == "openai-compatible":
            models = get_backend(backend, settings(), base_url=base_url, model=model, api_key=api_key).check()
            return True, f"Kết nối được. Mô hình có sẵn: {models}"
        if backend == "llamacpp":
            if not model or not Path(model).exists():
                return False, f"Không thấy tệp GGUF: {model}. Hãy kiểm tra lại đường dẫn."
            return True, "Tìm thấy tệp GGUF."
        return True, "Bộ trả lời trích dẫn không cần kết nối."
    except ChiboError as exc:
        return False, str(exc)
