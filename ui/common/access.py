"""Access: the whole app behind CHIBO_PASSWORD, administration behind CHIBO_ADMIN_PASSWORD."""

from __future__ import annotations

import hmac

import streamlit as st

from ui.common.config import settings


def secret(name: str) -> str | None:
    """A password from the settings (environment), else from `.streamlit/secrets.toml`."""
    value = {"CHIBO_PASSWORD": settings().password, "CHIBO_ADMIN_PASSWORD": settings().admin_password}.get(name)
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
            st.error("Mật khẩu không đúng. Hãy nhập lại hoặc hỏi người quản trị.")
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
            st.error("Mật khẩu quản trị không đúng. Hãy nhập lại.")
    return False
