"""Tài liệu (administrators): the library's documents; upload, correct, re-read, remove, browse.

Every change runs as a background job with progress, asks for confirmation when it removes or
re-reads something, keeps its result on screen until dismissed, and refreshes the list itself.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from assistant.answer import format_date
from ingest import documents as docs_api
from ingest.model import KIND_LABELS
from ingest.textnorm import fold
from ui.common import error_message, md_escape, settings
from ui.common.access import admin_gate
from ui.common.jobs import Job, follow
from ui.common.loading import refresh_after_ingest
from ui.common.messages import ingest_failure
from ui.common.uploads import accepted_types, upload_rejection

_STATE_VI = {"ok": "đã nạp", "failed": "lỗi", "duplicate": "trùng nội dung"}
EDITABLE_KINDS = [k for k in docs_api.KINDS if k in KIND_LABELS]

st.set_page_config(layout="wide")  # the document table needs the width
st.title("Tài liệu")

if not admin_gate("Quản lý tài liệu"):
    st.stop()

cfg = settings()


# ---- results that stay on screen -------------------------------------------------------------------
def add_results(section: str, items: list[tuple[str, str]]) -> None:
    st.session_state.setdefault("doc_results", {})[section] = items


def show_results(section: str) -> None:
    items = st.session_state.get("doc_results", {}).get(section)
    if not items:
        return
    with st.container(border=True):
        for level, text in items:
            {"success": st.success, "error": st.error, "warning": st.warning}.get(level, st.info)(text)
        if st.button("Đã xem, ẩn thông báo", key=f"dismiss-{section}", icon=":material/close:"):
            st.session_state["doc_results"].pop(section, None)
            st.rerun()


def file_name(path: str) -> str:
    return md_escape(Path(path).name)


def report_lines(report, verb: str = "đã nạp") -> list[tuple[str, str]]:
    lines = []
    for f in report.files:
        if f.status == "failed":
            lines.append(("error", f"«{file_name(f.path)}»: {md_escape(ingest_failure(f.message, f.code))}"))
        elif f.status == "duplicate":
            lines.append(
                ("info", f"«{file_name(f.path)}»: {md_escape(f.message or 'trùng nội dung với một tài liệu đã có')}.")
            )
        elif f.status in ("new", "updated"):
            lines.append(("success", f"«{file_name(f.path)}»: {verb} ({f.chunks} đoạn)."))
        elif f.status == "removed":
            lines.append(("info", f"«{file_name(f.path)}»: tệp không còn nên đã bỏ khỏi thư viện."))
    return lines


# ---- the running job (upload, correction, re-read, removal), then its results --------------------
job: Job | None = st.session_state.get("doc_job")
if job is not None:
    if job.running:
        st.info(
            f"{job.title}… Đồng chí chờ một chút, danh sách sẽ tự cập nhật khi xong.", icon=":material/hourglass_top:"
        )
        follow(job)
    st.session_state.pop("doc_job", None)
    st.session_state["doc_rev"] = st.session_state.get("doc_rev", 0) + 1
    section = job.context["section"]
    if job.error is not None:
        add_results(section, [("error", md_escape(error_message(job.error, job.title.replace("Đang ", "Việc ", 1))))])
    else:
        add_results(section, job.context["summarize"](job.result))
        refresh_after_ingest()  # the assistant reloads the new library now, not on the next question
    st.rerun()


def step_option(fn, job: Job) -> dict:
    """`on_step` for a long file (OCR page by page), where `fn` accepts it."""
    import inspect

    if "on_step" not in inspect.signature(fn).parameters:
        return {}
    return {"on_step": lambda path, message: job.update(job.done, job.total, f"{Path(path).name}: {message}")}


def run_job(title: str, unit: str, section: str, work, summarize) -> None:
    st.session_state["doc_job"] = Job(title, unit, work, context={"section": section, "summarize": summarize}).start()
    st.rerun()


# ---- upload ---------------------------------------------------------------------------------------
st.subheader("Thêm tài liệu")
st.caption(
    f"Nhận {accepted_types(docs_api.UPLOAD_TYPES)}; tối đa {docs_api.MAX_UPLOAD_MB} MB mỗi tệp. "
    "Loại tệp được kiểm tra theo nội dung, không chỉ theo tên; tệp không đọc được sẽ được báo lại kèm cách xử lý."
)
uploads = st.file_uploader(
    "Chọn tệp từ máy (có thể chọn nhiều tệp)",
    accept_multiple_files=True,
    key=f"upl-{st.session_state.get('upl_rev', 0)}",
)
if uploads and st.button("Nạp vào thư viện", type="primary", icon=":material/upload_file:"):
    files = [(u.name, u.getvalue()) for u in uploads]
    st.session_state["upl_rev"] = st.session_state.get("upl_rev", 0) + 1

    def upload(job: Job):
        job.update(0, len(files), "đang kiểm tra tệp")
        return docs_api.add_uploads(
            cfg,
            files,
            on_progress=lambda n, t: job.update(n, t, "đang đọc và lập chỉ mục"),
            **step_option(docs_api.add_uploads, job),
        )

    def summarize(result) -> list[tuple[str, str]]:
        lines = [("error", md_escape(upload_rejection(name, reason))) for name, reason in result.rejected]
        if result.report:
            lines += report_lines(result.report)
        return lines or [("info", "Không có tệp nào được nạp.")]

    run_job("Đang nạp tài liệu", "tệp", "upload", upload, summarize)
show_results("upload")

# ---- the list -------------------------------------------------------------------------------------
rows = docs_api.list_documents(cfg)
st.subheader(f"Danh sách tài liệu ({len(rows)})")
if not rows:
    st.info("Thư viện chưa có tài liệu nào. Hãy tải tài liệu lên ở phần trên.")
else:
    needle = st.text_input("Lọc theo tên hoặc số hiệu (gõ có dấu hay không dấu đều được)", key="doc-filter")
    shown = [d for d in rows if not needle or fold(needle) in fold(f"{d.title} {d.number or ''} {d.issuer or ''}")]

    def note(d) -> str:
        if d.status == "duplicate":
            return f"trùng nội dung với {Path(d.meta.get('duplicate_of_path', '')).name}"
        if d.error:
            return ingest_failure(d.error)
        return "chữ nhận dạng từ bản scan" if d.meta.get("ocr") else ""

    with st.container(key="doc-table"):
        st.dataframe(
            [
                {
                    "Tiêu đề": d.title,
                    "Số hiệu": d.number or "",
                    "Ngày": format_date(d.date or d.meta.get("event_date")),
                    "Loại": KIND_LABELS.get(d.kind, d.kind),
                    "Cơ quan ban hành": d.issuer or "",
                    "Số đoạn": d.chunk_count,
                    "Tình trạng": _STATE_VI.get(d.status, "đã nạp"),
                    "Ghi chú": note(d),
                }
                for d in shown
            ],
            width="stretch",
            hide_index=True,
            column_config={
                "Tiêu đề": st.column_config.TextColumn(width="large", pinned=True),
                "Số đoạn": st.column_config.NumberColumn(width="small"),
            },
        )
        st.caption("Kéo ngang bảng để xem các cột bên phải; bấm vào tên cột để sắp xếp.")
    with st.container(key="doc-cards"):  # the same list on a phone, one document per block
        for d in shown[:60]:
            facts = [
                d.number,
                format_date(d.date or d.meta.get("event_date")),
                KIND_LABELS.get(d.kind, d.kind),
                d.issuer,
            ]
            st.markdown(
                f"**{md_escape(d.title)}**  \n"
                + " · ".join(md_escape(f) for f in facts if f)
                + f" · {d.chunk_count} đoạn"
                + (f"  \n{md_escape(note(d))}" if note(d) else "")
            )
        if len(shown) > 60:
            st.caption(f"Hiện 60/{len(shown)} tài liệu: gõ vào ô lọc để tìm tài liệu khác.")

# ---- one document: details, correction, re-read, removal, passages --------------------------------
if rows:
    st.subheader("Xem, sửa hoặc xoá một tài liệu")
    by_id = {d.doc_id: d for d in rows}
    # The choice is kept apart from the widget, which is made anew after every change to the
    # library (a corrected title, a removed document): the old widget would show what is gone.
    current = st.session_state.get("doc_current")
    doc_id = st.selectbox(
        "Chọn tài liệu",
        list(by_id),
        index=list(by_id).index(current) if current in by_id else None,
        format_func=lambda i: by_id[i].title + (f" ({by_id[i].number})" if by_id[i].number else ""),
        placeholder="Gõ vài chữ của tên tài liệu để tìm…",
        key=f"doc-chosen-{st.session_state.get('doc_rev', 0)}",
    )
    st.session_state["doc_current"] = doc_id
    show_results("document")
    doc = by_id.get(doc_id) if doc_id else None

    @st.dialog("Xoá tài liệu khỏi thư viện?")
    def confirm_remove(d) -> None:
        st.markdown(
            f"Đồng chí sắp xoá **{md_escape(d.title)}**" + (f" ({md_escape(d.number)})" if d.number else "") + "."
        )
        uploaded = Path(d.path).is_relative_to(docs_api.uploads_dir(cfg))
        st.markdown(
            "Tệp đã tải lên sẽ bị xoá; trợ lý sẽ không trích dẫn tài liệu này nữa."
            if uploaded
            else "Tài liệu có sẵn trong bộ tài liệu gốc sẽ không được dùng nữa (tệp gốc vẫn giữ nguyên)."
        )
        c1, c2 = st.columns(2)
        if c1.button("Xoá tài liệu này", type="primary", icon=":material/delete:", width="stretch"):
            title = d.title

            def remove(job: Job):
                job.update(0, 1, "đang xoá và lập lại chỉ mục")
                docs_api.remove(cfg, d.doc_id)
                job.update(1, 1)

            st.session_state["doc_current"] = None
            run_job(
                f"Đang xoá «{title}»",
                "tài liệu",
                "document",
                remove,
                lambda _r: [("success", f"Đã xoá «{md_escape(title)}» khỏi thư viện.")],
            )
        if c2.button("Không xoá", width="stretch"):
            st.rerun()

    @st.dialog("Đọc lại tài liệu?")
    def confirm_reread(d) -> None:
        st.markdown(f"Đọc lại **{md_escape(d.title)}** từ tệp gốc và lập lại chỉ mục cho tài liệu này.")
        st.caption("Dùng khi tệp gốc đã được sửa, hoặc khi tài liệu hiển thị sai. Mất vài giây.")
        c1, c2 = st.columns(2)
        if c1.button("Đọc lại", type="primary", icon=":material/refresh:", width="stretch"):
            from ingest.pipeline import ingest

            title, path = d.title, d.path

            def reread(job: Job):
                if not Path(path).exists():
                    raise FileNotFoundError(f"Không còn tệp gốc của «{title}» trên máy. Hãy tải tệp lên lại.")
                return ingest(
                    [Path(path)],
                    cfg,
                    refresh={path},
                    on_progress=lambda n, t: job.update(n, t),
                    **step_option(ingest, job),
                )

            run_job(f"Đang đọc lại «{title}»", "tệp", "document", reread, lambda r: report_lines(r, "đã đọc lại"))
        if c2.button("Để sau", width="stretch"):
            st.rerun()

    if doc is not None:
        with st.container(border=True):
            st.markdown(f"**{md_escape(doc.title)}**")
            facts = [
                ("Số hiệu", doc.number or "chưa có"),
                ("Ngày", format_date(doc.date)),
                ("Loại", KIND_LABELS.get(doc.kind, doc.kind)),
                ("Cơ quan ban hành", doc.issuer or "chưa có"),
                ("Số đoạn", str(doc.chunk_count)),
                ("Tệp", Path(doc.path).name),
            ]
            st.markdown("  \n".join(f"{k}: **{md_escape(v)}**" for k, v in facts))
            if doc.meta.get("ocr"):
                st.caption("Tài liệu đọc từ bản scan bằng nhận dạng chữ: có thể sai vài chữ.")

            with st.expander("Sửa thông tin tài liệu", icon=":material/edit:"):
                date_now = doc.date or ""
                shown_date = format_date(date_now).replace("tháng ", "") if date_now else ""
                with st.form(f"correct-{doc.doc_id}", border=False):
                    title = st.text_input("Tiêu đề", doc.title)
                    number = st.text_input("Số hiệu (ví dụ 294-QĐ/TW)", doc.number or "")
                    date = st.text_input("Ngày ban hành (ví dụ 26/5/2025, hoặc 11/2025 nếu không rõ ngày)", shown_date)
                    kind = st.selectbox(
                        "Loại tài liệu",
                        EDITABLE_KINDS,
                        index=EDITABLE_KINDS.index(doc.kind) if doc.kind in EDITABLE_KINDS else None,
                        format_func=lambda k: KIND_LABELS[k],
                        placeholder="Chọn loại…",
                    )
                    issuer = st.text_input("Cơ quan ban hành", doc.issuer or "")
                    st.caption("Để trống một ô rồi lưu để dùng lại thông tin đọc từ chính tài liệu.")
                    if st.form_submit_button("Lưu sửa đổi", type="primary", icon=":material/save:"):
                        changes = {
                            k: v
                            for k, v, old in (
                                ("title", title.strip(), doc.title),
                                ("number", number.strip(), doc.number or ""),
                                ("date", date.strip(), shown_date),
                                ("kind", kind or doc.kind, doc.kind),
                                ("issuer", issuer.strip(), doc.issuer or ""),
                            )
                            if v != old
                        }
                        if not changes:
                            add_results("document", [("info", "Không có gì thay đổi.")])
                            st.rerun()
                        try:  # a bad date is caught here, before the job starts
                            if changes.get("date"):
                                docs_api.normalize_date(changes["date"])
                        except docs_api.CorrectionError as exc:
                            st.error(str(exc))
                        else:
                            doc_id_now, old_title = doc.doc_id, doc.title

                            def correct(job: Job):
                                job.update(0, 1, "đang lưu và đọc lại tài liệu")
                                fixed = docs_api.correct(cfg, doc_id_now, **changes)
                                job.update(1, 1)
                                return fixed

                            def summarize(fixed) -> list[tuple[str, str]]:
                                what = ", ".join(
                                    {
                                        "title": "tiêu đề",
                                        "number": "số hiệu",
                                        "date": "ngày",
                                        "kind": "loại",
                                        "issuer": "cơ quan ban hành",
                                    }[k]
                                    for k in changes
                                )
                                return [
                                    (
                                        "success",
                                        f"Đã sửa {what} của «{md_escape(fixed.title if fixed else old_title)}».",
                                    )
                                ]

                            run_job(f"Đang lưu sửa đổi cho «{old_title}»", "tài liệu", "document", correct, summarize)

            c1, c2 = st.columns(2)
            if c1.button("Đọc lại tài liệu này", icon=":material/refresh:", width="stretch"):
                confirm_reread(doc)
            if c2.button("Xoá khỏi thư viện", icon=":material/delete:", width="stretch"):
                confirm_remove(doc)

            with st.expander("Các đoạn của tài liệu", icon=":material/article:"):
                needle = st.text_input("Từ cần tìm trong tài liệu (gõ không dấu cũng được)", key=f"needle-{doc.doc_id}")
                chunks = docs_api.chunks(cfg, doc.doc_id)
                found = [c for c in chunks if not needle or fold(needle) in fold(c.text)]
                st.caption(f"{len(found)}/{len(chunks)} đoạn" + (" (hiện 50 đoạn đầu)" if len(found) > 50 else ""))
                for c in found[:50]:
                    st.markdown(f"**Đoạn {c.ordinal + 1}**" + (f" — {md_escape(c.section)}" if c.section else ""))
                    st.markdown(md_escape(c.text))

# ---- the whole library ------------------------------------------------------------------------------
st.subheader("Cập nhật toàn bộ thư viện")
st.caption("Đọc lại các thư mục tài liệu: chỉ xử lý tệp mới hoặc đã thay đổi, tệp không đổi giữ nguyên.")


@st.dialog("Cập nhật toàn bộ thư viện?")
def confirm_reindex() -> None:
    st.markdown("Trợ lý sẽ đọc lại mọi thư mục tài liệu và lập chỉ mục cho tệp mới hoặc đã thay đổi.")
    st.caption("Trong lúc cập nhật, trợ lý vẫn trả lời câu hỏi bằng thư viện hiện có.")
    c1, c2 = st.columns(2)
    if c1.button("Cập nhật", type="primary", icon=":material/sync:", width="stretch"):
        from ingest.pipeline import ingest

        def reindex(job: Job):
            # docs_api.reindex, with progress per file
            folders = [p for p in docs_api.sources(cfg) if p.exists()]
            return ingest(
                folders,
                cfg,
                exclude=docs_api.excluded(cfg),
                on_progress=lambda n, t: job.update(n, t),
                **step_option(ingest, job),
            )

        def summarize(report) -> list[tuple[str, str]]:
            head = (
                f"Xong: {report.count('new')} tệp mới, {report.count('updated')} cập nhật, "
                f"{report.count('unchanged')} không đổi, {report.count('removed')} đã bỏ, {len(report.failed)} lỗi."
            )
            return [("success" if not report.failed else "warning", head)] + [
                line for line in report_lines(report) if line[0] != "success"
            ]

        run_job("Đang cập nhật thư viện", "tệp", "reindex", reindex, summarize)
    if c2.button("Để sau", width="stretch"):
        st.rerun()


if st.button("Cập nhật toàn bộ", icon=":material/sync:"):
    confirm_reindex()
show_results("reindex")
