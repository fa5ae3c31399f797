"""Shared pieces of the app: settings, cached assistant, access gates, sidebar, rendering helpers.

Only rendering lives in ui/: every page calls `assistant` or `ingest` for the work. Document
text is never rendered as HTML: it goes through `md_escape` into Markdown, which Streamlit
renders with HTML disabled.
"""

from __future__ import annotations

import hmac
import os
import re

import streamlit as st

from ingest.config import Settings

EXAMPLES = [
    "Sinh hoạt chi bộ cần bảo đảm những tính chất gì?",
    "Để bàn sâu một vấn đề, chi bộ nên chọn hình thức sinh hoạt nào?",
    "Trước mỗi kỳ sinh hoạt, bí thư chi bộ cần chuẩn bị những gì?",
    "Cần làm gì để tạo nguồn kết nạp đảng viên?",
]
BACKEND_LABELS = {
    "extractive": "Trích dẫn nguyên văn (không dùng mô hình)",
    "openai-compatible": "Máy chủ tương thích OpenAI (Ollama, vLLM…)",
    "llamacpp": "Tệp GGUF trên máy (llama.cpp)",
}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_escape(text: str) -> str:
    """Document text shown literally in Markdown: no formatting, no HTML, no links."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def highlight(passage: str, quote: str) -> str:
    """The passage as escaped Markdown with the cited sentence(s) in bold."""
    pieces = [q for q in re.split(r"(?<=[.!?…])\s+", quote.strip()) if q] if quote else []
    spans = []
    for piece in pieces:
        i = passage.find(piece)
        if i >= 0:
            spans.append((i, i + len(piece)))
    spans.sort()
    out, pos = [], 0
    for a, b in spans:
        if a < pos:
            continue
        out.append(md_escape(passage[pos:a]))
        out.append("**" + md_escape(passage[a:b]) + "**")
        pos = b
    out.append(md_escape(passage[pos:]))
    return "".join(out)


def settings() -> Settings:
    return Settings()


def secret(name: str) -> str | None:
    value = os.environ.get(name)
    if value:
        return value
    try:
        return st.secrets.get(name) or st.secrets.get(name.lower())
    except Exception:  # no secrets file
        return None


def _check(entered: str, expected: str) -> bool:
    return hmac.compare_digest(entered.encode(), expected.encode())


def require_access() -> None:
    """The whole app behind CHIBO_PASSWORD, when it is set."""
    expected = secret("CHIBO_PASSWORD")
    if not expected or st.session_state.get("access_ok"):
        return
    st.title("Trợ lý sinh hoạt chi bộ")
    with st.form("access"):
        entered = st.text_input("Mật khẩu truy cập", type="password")
        if st.form_submit_button("Vào"):
            if _check(entered, expected):
                st.session_state["access_ok"] = True
                st.rerun()
            st.error("Mật khẩu không đúng.")
    st.stop()


def is_admin() -> bool:
    expected = secret("CHIBO_ADMIN_PASSWORD")
    return not expected or bool(st.session_state.get("admin_ok"))


def admin_gate(what: str) -> bool:
    """True when the visitor may manage documents and settings; otherwise a password form."""
    if is_admin():
        return True
    st.info(f"{what} dành cho quản trị viên. Nhập mật khẩu quản trị để tiếp tục.")
    with st.form(f"admin-{what}"):
        entered = st.text_input("Mật khẩu quản trị", type="password")
        if st.form_submit_button("Mở khóa"):
            if _check(entered, secret("CHIBO_ADMIN_PASSWORD") or ""):
                st.session_state["admin_ok"] = True
                st.rerun()
            st.error("Mật khẩu quản trị không đúng.")
    return False


@st.cache_resource(show_spinner="Đang nạp chỉ mục và mô hình…")
def get_assistant(backend: str, base_url: str | None, model: str | None, api_key: str | None):
    from assistant.service import Assistant

    options = {k: v for k, v in {"base_url": base_url, "model": model, "api_key": api_key}.items() if v}
    if backend == "llamacpp" and model:
        options = {"model_path": model}
    a = Assistant(settings(), backend=backend, **options)
    a.retriever.warm()
    return a


def current_assistant():
    cfg = st.session_state.get("backend_cfg", {"backend": os.environ.get("CHIBO_BACKEND", "extractive")})
    return get_assistant(cfg.get("backend", "extractive"), cfg.get("base_url"), cfg.get("model"), cfg.get("api_key"))


def index_ready() -> bool:
    from ingest.store import Index

    return (settings().index / "index.db").exists() and bool(Index.open(settings().index).documents())


def sidebar() -> None:
    with st.sidebar:
        st.slider("Số đoạn tìm kiếm (top-k)", 3, 20, key="top_k", value=st.session_state.get("top_k", 10))
        cfg = st.session_state.setdefault("backend_cfg", {"backend": os.environ.get("CHIBO_BACKEND", "extractive")})
        st.caption(f"Cách trả lời: {BACKEND_LABELS.get(cfg['backend'], cfg['backend'])}")
        if not is_admin():
            st.caption("Quản trị viên có thể đổi cách trả lời.")
            return
        with st.expander("Cách trả lời (quản trị)"):
            backend = st.selectbox(
                "Bộ trả lời",
                list(BACKEND_LABELS),
                format_func=BACKEND_LABELS.get,
                index=list(BACKEND_LABELS).index(cfg["backend"]),
            )
            base_url = model = api_key = None
            if backend == "openai-compatible":
                base_url = st.text_input(
                    "Địa chỉ máy chủ (base URL)", cfg.get("base_url") or "http://127.0.0.1:11434/v1"
                )
                model = st.text_input("Tên mô hình", cfg.get("model") or "qwen2.5:7b-instruct")
                api_key = st.text_input("Khóa API (nếu cần)", cfg.get("api_key") or "", type="password") or None
            elif backend == "llamacpp":
                model = st.text_input("Đường dẫn tệp GGUF", cfg.get("model") or "")
            col1, col2 = st.columns(2)
            if col1.button("Áp dụng", use_container_width=True):
                st.session_state["backend_cfg"] = {
                    "backend": backend,
                    "base_url": base_url,
                    "model": model,
                    "api_key": api_key,
                }
                st.rerun()
            if col2.button("Kiểm tra kết nối", use_container_width=True):
                st.session_state["connection"] = test_connection(backend, base_url, model, api_key)
            if st.session_state.get("connection"):
                ok, message = st.session_state["connection"]
                (st.success if ok else st.error)(message)


def test_connection(backend: str, base_url, model, api_key) -> tuple[bool, str]:
    from assistant.llm import LlamaCppBackend, OpenAICompatibleBackend
    from ingest.errors import ChiboError

    try:
        if backend == "openai-compatible":
            models = OpenAICompatibleBackend(base_url=base_url, model=model, api_key=api_key).check()
            return True, f"Kết nối được. Mô hình có sẵn: {models}"
        if backend == "llamacpp":
            if not model or not os.path.exists(model):
                return False, f"Không thấy tệp GGUF: {model}"
            LlamaCppBackend(model_path=model)
            return True, "Tìm thấy tệp GGUF."
        return True, "Bộ trả lời trích dẫn không cần kết nối."
    except ChiboError as exc:
        return False, str(exc)
