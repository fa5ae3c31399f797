"""Soạn đề cương: draft a thematic meeting outline, edit it, download .docx / .md."""

from __future__ import annotations

from copy import deepcopy

import streamlit as st

from assistant.answer import format_date
from assistant.outline import Item, Outline, OutlineDrafter, docx_bytes
from ui.common import current_assistant, index_ready, md_escape

st.title("Soạn đề cương sinh hoạt chuyên đề")

if not index_ready():
    st.error("Chưa có tài liệu nào trong chỉ mục: quản trị viên hãy nạp tài liệu ở trang «Tài liệu».")
    st.stop()

with st.form("outline-form"):
    topic = st.text_input("Chủ đề sinh hoạt chuyên đề", placeholder="Ví dụ: Phát triển đảng viên ở chi bộ thôn")
    c1, c2 = st.columns(2)
    cell = c1.text_input("Tên chi bộ", placeholder="Chi bộ thôn …")
    date = c2.text_input("Thời gian", placeholder="… giờ, ngày …/…/…")
    place = c1.text_input("Địa điểm")
    presenter = c2.text_input("Người trình bày")
    submitted = st.form_submit_button("Soạn đề cương", type="primary")

if submitted:
    if not topic.strip():
        st.warning("Hãy nhập chủ đề.")
    else:
        with st.spinner("Đang tìm trong tài liệu và soạn đề cương…"):
            assistant = current_assistant()
            outline = OutlineDrafter(assistant.retriever, assistant.backend).draft(
                topic.strip()[:300],
                cell=cell or None,
                date=date or None,
                place=place or None,
                presenter=presenter or None,
            )
        st.session_state["outline"] = outline
        st.session_state["outline_rev"] = st.session_state.get("outline_rev", 0) + 1

outline: Outline | None = st.session_state.get("outline")
if outline is None:
    st.stop()

rev = st.session_state.get("outline_rev", 0)
st.subheader(outline.title)
for w in outline.warnings:
    st.warning(md_escape(w))
st.caption(
    "Câu có [n] là trích nguyên văn tài liệu; câu in nghiêng là gợi ý do công cụ soạn. "
    "Có thể sửa chữ hoặc bỏ từng ý trước khi tải về. Câu trích dẫn đã sửa sẽ không còn là trích dẫn."
)

edited = deepcopy(outline)
for si, section in enumerate(outline.sections):
    st.markdown(f"{'####' if section.level > 2 else '###'} {md_escape(section.heading)}")
    keep: list[Item] = []
    for ii, item in enumerate(section.items):
        key = f"{rev}-{si}-{ii}"
        cols = st.columns([12, 2])
        label = (
            ("Trích dẫn " + " ".join(f"[{n}]" for n in item.citations))
            if item.source == "corpus"
            else ("Tài liệu tham khảo" if item.source == "reference" else "Gợi ý (không phải trích dẫn)")
        )
        text = cols[0].text_area(label, item.text, key=f"t-{key}", height=68 if len(item.text) < 160 else 120)
        removed = cols[1].checkbox("Bỏ", key=f"r-{key}")
        if removed:
            continue
        if item.source == "corpus" and text.strip() != item.text:
            # An edited quotation is no longer the document's words: keep the pointer, not the claim.
            keep.append(
                Item(
                    f"{text.strip()} (đã chỉnh sửa, tham khảo {' '.join(f'[{n}]' for n in item.citations)})",
                    [],
                    "template",
                )
            )
        else:
            keep.append(Item(text.strip(), item.citations, item.source))
    edited.sections[si].items = keep

used = {n for s in edited.sections for i in s.items if i.source == "corpus" for n in i.citations}
edited.citations = [c for c in outline.citations if c.n in used]

with st.expander(f"Các đoạn được trích dẫn ({len(edited.citations)})"):
    for c in edited.citations:
        st.markdown(f"**[{c.n}] {md_escape(c.title)}** — {md_escape(format_date(c.date))}")
        st.markdown(md_escape(c.text))

slug = "de-cuong-sinh-hoat-chuyen-de"
c1, c2 = st.columns(2)
c1.download_button(
    "Tải về Word (.docx)",
    docx_bytes(edited),
    file_name=f"{slug}.docx",
    use_container_width=True,
    mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
c2.download_button(
    "Tải về Markdown (.md)",
    edited.markdown().encode("utf-8"),
    file_name=f"{slug}.md",
    mime="text/markdown",
    use_container_width=True,
)
