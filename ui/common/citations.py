"""Citations on a page: the cited passage with its quote in bold, a link to the «Văn bản» reader."""

from __future__ import annotations

import re

import streamlit as st

from ui.common.formatting import md_escape


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


def reader_link(doc_id: str | None, section: str | None = None, quote: str = "", key: str | None = None) -> None:
    """A link that opens the «Văn bản» page at a citation's section, its quoted sentence in bold."""
    if not doc_id:
        return
    params = {"doc": doc_id}
    if section:
        params["muc"] = section
    if quote and quote.strip():
        params["cau"] = quote.strip()[:500]
    st.page_link("views/van_ban.py", label="Mở văn bản tại chỗ trích", icon=":material/menu_book:", query_params=params)
