"""Tài liệu (administrators): indexed documents, upload, re-index, remove, search chunks."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from assistant.answer import format_date
from ingest import documents as docs_api
from ingest.textnorm import fold
from ui.common import admin_gate, md_escape, settings

KIND_VI = {
    "news": "tin bài",
    "guidance": "văn bản hướng dẫn",
    "template": "biểu mẫu",
    "outline": "đề cương",
    "document": "tài liệu",
    "unknown": "chưa rõ",
}
_STATE_VI = {"ok": "ok", "failed": "lỗi", "duplicate": "trùng (đã có)"}

st.title("Tài liệu")

if not admin_gate("Quản lý tài liệu"):
    st.stop()

cfg = settings()
rows = docs_api.list_documents(cfg)
if rows:
    st.dataframe(
        [
            {
                "Tiêu đề": d.title,
                "Ngày": format_date(d.date or d.meta.get("event_date")),
                "Loại": KIND_VI.get(d.kind, d.kind),
                "Số đoạn": d.chunk_count,
                "Trạng thái": _STATE_VI.get(d.status, "ok"),
                "Ghi chú": d.error
                or (
                    f"trùng nội dung với {Path(d.meta.get('duplicate_of_path', '')).name}"
                    if d.status == "duplicate"
                    else ""
                ),
            }
            for d in rows
        ],
        use_container_width=True,
        hide_index=True,
        column_config={"Tiêu đề": st.column_config.TextColumn(width="medium")},
    )
else:
    st.info("Chỉ mục chưa có tài liệu nào.")

st.subheader("Thêm tài liệu")
st.caption(
    f"Nhận tệp .docx, .pdf, .txt, .md, .html; tối đa {docs_api.MAX_UPLOAD_MB} MB mỗi tệp. "
    "Loại tệp được kiểm tra theo nội dung, không chỉ theo tên."
)
uploads = st.file_uploader(
    "Chọn tệp",
    type=[s.lstrip(".") for s in docs_api.UPLOAD_TYPES],
    accept_multiple_files=True,
    key=f"upl-{st.session_state.get('upl_rev', 0)}",
)
if uploads and st.button("Nạp vào chỉ mục", type="primary"):
    progress = st.progress(0.0, text="Đang nạp tài liệu…")
    files = [(u.name, u.getvalue()) for u in uploads]
    result = docs_api.add_uploads(
        cfg, files, on_progress=lambda n, t: progress.progress(n / max(t, 1), text=f"Đã xử lý {n}/{t} tệp")
    )
    progress.empty()
    for name, message in result.rejected:
        st.error(f"{md_escape(name)}: {md_escape(message)}")
    if result.report:
        for f in result.report.files:
            if f.status == "failed":
                st.error(f"{md_escape(f.path.rsplit('/', 1)[-1])}: {md_escape(f.message)}")
            elif f.status == "duplicate":
                st.info(f"{md_escape(f.path.rsplit('/', 1)[-1])}: {md_escape(f.message)}")
            elif f.status in ("new", "updated"):
                st.success(f"{md_escape(f.path.rsplit('/', 1)[-1])}: đã nạp {f.chunks} đoạn")
    st.session_state["upl_rev"] = st.session_state.get("upl_rev", 0) + 1
    st.cache_resource.clear()
    if st.button("Làm mới danh sách"):
        st.rerun()

st.subheader("Cập nhật chỉ mục")
if st.button("Nạp lại toàn bộ (chỉ xử lý tệp mới hoặc đã thay đổi)"):
    with st.spinner("Đang cập nhật chỉ mục…"):
        report = docs_api.reindex(cfg)
    st.success(
        f"Xong: {report.count('new')} mới, {report.count('updated')} cập nhật, "
        f"{report.count('unchanged')} không đổi, {report.count('removed')} đã xoá, {len(report.failed)} lỗi."
    )
    st.cache_resource.clear()

if rows:
    st.subheader("Xoá tài liệu")
    choice = st.selectbox("Tài liệu", rows, format_func=lambda d: d.title, key="remove-doc")
    if st.button("Xoá khỏi chỉ mục"):
        docs_api.remove(cfg, choice.doc_id)
        st.cache_resource.clear()
        st.success(f"Đã xoá: {md_escape(choice.title)}")
        st.rerun()

    st.subheader("Tìm trong một tài liệu")
    doc = st.selectbox("Tài liệu", rows, format_func=lambda d: d.title, key="search-doc")
    needle = st.text_input("Từ cần tìm (có thể gõ không dấu)")
    chunks = docs_api.chunks(cfg, doc.doc_id)
    shown = [c for c in chunks if not needle or fold(needle) in fold(c.text)]
    st.caption(f"{len(shown)}/{len(chunks)} đoạn")
    for c in shown[:50]:
        with st.expander(f"Đoạn {c.ordinal + 1}: {c.text[:80]}…"):
            st.markdown(md_escape(c.text))
