"""Soạn đề cương: draft a thematic meeting outline, edit it as the document it will become, download.

The outline is shown in the order and with the numbers of the Word file (`assistant.outline.lines`).
A click on an item opens it in a text area sized to its text, with "Lưu", "Bỏ ý này", "Đóng";
removed items disappear and "Hoàn tác" brings back the last change. The page renders only: the
edits live in an `assistant.outline.Edits`, and `apply()` renumbers citations and rebuilds the
reference list.
"""

from __future__ import annotations

import streamlit as st

from assistant.answer import format_date
from assistant.outline import Edits, Header, Item, Line, Outline, OutlineDrafter, apply, docx_bytes, lines
from ingest.model import Citation
from ui.common import current_assistant, highlight, index_ready, md_escape, reader_link

DOC_KEY = "oc-doc"
# Our own style sheet: items are buttons that read as text (left aligned, wrapping), the document
# in a serif face like the Word file, suggestions grey.
STYLE = """<style>
[class*="st-key-oi-"] button {justify-content: flex-start; text-align: left; width: 100%;
  padding: 0.15rem 0.35rem; min-height: 0; border-radius: 0.4rem; color: inherit;}
[class*="st-key-oi-"] button > div, [class*="st-key-oi-"] button [data-testid="stMarkdownContainer"]
  {justify-content: flex-start; text-align: left; width: 100%;}
[class*="st-key-oi-"] button:hover {background: rgba(255, 196, 0, 0.18); color: inherit;}
[class*="st-key-oi-"] button p {font-size: 1.05rem; line-height: 1.55; text-align: left;}
.st-key-oc-doc, .st-key-oc-doc [data-testid="stVerticalBlock"] {gap: 0.3rem;}
.st-key-oc-doc p, .st-key-oc-doc li, .st-key-oc-doc textarea
  {font-family: "Times New Roman", Tinos, "Liberation Serif", serif;}
.st-key-oc-doc textarea {font-size: 1.05rem; line-height: 1.5;}
.st-key-oc-party strong, .st-key-oc-recipients strong {text-decoration: underline;}
[class*="st-key-oa-"] button, [class*="st-key-ou-"] button {min-height: 0; padding: 0 0.35rem; color: #6b6b6b;}
[class*="st-key-oa-"] button p, [class*="st-key-ou-"] button p {font-size: 0.9rem;}
</style>"""
UNDO_LABELS = {"text": "sửa một ý", "remove": "bỏ một ý", "add": "thêm một ý", "header": "sửa phần đầu văn bản"}

st.title("Soạn đề cương sinh hoạt chuyên đề")

if not index_ready():
    st.error("Chưa có tài liệu nào trong chỉ mục: quản trị viên hãy nạp tài liệu ở trang «Tài liệu».")
    st.stop()

with st.form("outline-form"):
    topic = st.text_input("Chủ đề sinh hoạt chuyên đề", placeholder="Ví dụ: Phát triển đảng viên ở chi bộ thôn")
    c1, c2 = st.columns(2)
    cell = c1.text_input("Tên chi bộ", placeholder="Chi bộ thôn …")
    committee = c2.text_input("Đảng bộ cấp trên", placeholder="Đảng bộ xã …")
    date = c1.text_input("Thời gian", placeholder="… giờ, ngày …/…/…")
    place = c2.text_input("Địa điểm")
    presenter = st.text_input("Người trình bày")
    submitted = st.form_submit_button("Soạn đề cương", type="primary")

if submitted:
    if not topic.strip():
        st.warning("Hãy nhập chủ đề.")
    else:
        with st.status("Đang soạn đề cương…", expanded=True) as status:
            assistant = current_assistant()
            drafted = OutlineDrafter(assistant.retriever, assistant.backend, assistant.gate).draft(
                topic.strip()[:300],
                cell=cell or None,
                date=date or None,
                place=place or None,
                presenter=presenter or None,
                committee=committee or None,
                progress=status.write,
            )
            status.update(label="Đã soạn xong đề cương.", state="complete", expanded=False)
        st.session_state["outline"] = drafted
        st.session_state["outline_edits"] = Edits()
        st.session_state["outline_editing"] = None
        st.session_state["outline_adding"] = None

original: Outline | None = st.session_state.get("outline")
if original is None:
    st.stop()
edits: Edits = st.session_state.setdefault("outline_edits", Edits())


# ---- actions (callbacks run before the page is drawn again) --------------------------------------
def _open(item_id: str) -> None:
    st.session_state["outline_editing"] = item_id
    st.session_state["outline_adding"] = None


def _close() -> None:
    st.session_state["outline_editing"] = None
    st.session_state["outline_adding"] = None


def _save(item_id: str, widget: str) -> None:
    edits.set_text(item_id, st.session_state.get(widget, ""))
    _close()


def _remove(item_id: str) -> None:
    edits.remove(item_id)
    _close()


def _start_adding(section_key: str) -> None:
    st.session_state["outline_adding"] = section_key
    st.session_state["outline_editing"] = None


def _add(section_key: str, widget: str) -> None:
    text = st.session_state.get(widget, "").strip()
    if text:
        edits.add(section_key, text)
    _close()


def _undo() -> None:
    edits.undo()
    _close()


def _header(fields: dict[str, str]) -> None:
    current = apply(original, edits).header
    for name, widget in fields.items():
        value = st.session_state.get(widget, "")
        if value != (getattr(current, name) or ""):
            edits.set_header(name, value)


st.markdown(STYLE, unsafe_allow_html=True)


# ---- the document's parts (drawn by the fragment below) ------------------------------------------
def _label(item: Item, number: str, text: str) -> str:
    """An item as the button that opens it: Markdown, the document's text escaped."""
    prefix = f"{md_escape(number)} " if number else ""
    if item.source == "template":
        return f"{prefix}:gray[_{md_escape(text)}_]"
    if item.source == "corpus":
        body, _, marks = text.rpartition(" ")
        return f"{prefix}{md_escape(body)} **{md_escape(marks)}**"
    return prefix + md_escape(text)


def _editor(item: Item, by_n: dict[int, Citation]) -> None:
    """An opened item: its text in a text area, "Lưu", "Bỏ ý này", "Đóng", and the passages it quotes."""
    widget = f"ot-{item.id}-{len(edits.history)}"
    with st.container(border=True, key=f"oe-{item.id}"):
        if item.source == "corpus":
            marks = ", ".join(f"[{n}]" for n in item.citations)
            st.caption(
                f"Trích nguyên văn {md_escape(marks)}. Sửa câu này thì câu thành lời của người soạn, "
                f"ghi «(tham khảo {md_escape(marks)})»."
            )
        elif item.source == "template":
            st.caption("Gợi ý do công cụ soạn: sửa thành nội dung của chi bộ, hoặc bỏ.")
        st.text_area("Nội dung", item.text, key=widget, height="content", label_visibility="collapsed")
        with st.container(horizontal=True):
            st.button("Lưu", key=f"os-{item.id}", type="primary", on_click=_save, args=(item.id, widget))
            st.button("Bỏ ý này", key=f"or-{item.id}", icon=":material/delete:", on_click=_remove, args=(item.id,))
            st.button("Đóng", key=f"oq-{item.id}", on_click=_close)
        for n in item.citations:
            c = by_n.get(n)
            if c is not None:
                with st.expander(f"Đoạn gốc \\[{n}\\]: {md_escape(c.title)}"):
                    st.markdown(highlight(c.text, c.quote))


def _adder(section_key: str, adding: str | None) -> None:
    """The "Thêm ý" button under a section, or the text area of the item being added there."""
    if adding == section_key:
        widget = f"on-{section_key}-{len(edits.history)}"
        with st.container(border=True, key=f"oe-new-{section_key}"):
            st.text_area("Ý mới", key=widget, height=90, placeholder="Nội dung của chi bộ…")
            with st.container(horizontal=True):
                st.button("Thêm", key=f"oas-{section_key}", type="primary", on_click=_add, args=(section_key, widget))
                st.button("Đóng", key=f"oaq-{section_key}", on_click=_close)
    else:
        st.button(
            "Thêm ý",
            key=f"oa-{section_key}",
            type="tertiary",
            icon=":material/add:",
            on_click=_start_adding,
            args=(section_key,),
        )


def _notices(outline: Outline) -> None:
    """Above the document: the drafter's warnings, how to edit, and the undo of the last change."""
    for w in outline.warnings:
        st.warning(md_escape(w))
    st.caption(
        "Bấm vào một ý để sửa hoặc bỏ. Chữ nghiêng xám: gợi ý do công cụ soạn. "
        "Câu trong ngoặc kép có số [1], [2]…: trích nguyên văn tài liệu; sửa câu đó thì câu thành lời của "
        "người soạn, ghi «(tham khảo [1])». Số thứ tự và trích dẫn tự đánh lại như trong tệp Word."
    )
    if edits.history:
        what = UNDO_LABELS.get(edits.history[-1][0], "")
        st.button(f"↶ Hoàn tác ({what})", key="oc-undo", on_click=_undo)


def _removed_from() -> str | None:
    """The section the last removed item was in (the original's or an added one)."""
    last_removed = edits.last_removed()
    return next((s.key for s in original.sections for i in s.items if i.id == last_removed), None) or next(
        (key for key, item_id in edits.added if item_id == last_removed), None
    )


def _letterhead(outline: Outline) -> None:
    """The committee and cell, the Party's name and the date, the title: as in the Word file."""
    h = outline.header
    left, right = st.columns(2)
    left.markdown(f"{md_escape(h.committee_line())}  \n**{md_escape(h.cell_line())}**  \n\\*", text_alignment="center")
    right.container(key="oc-party").markdown(
        f"**ĐẢNG CỘNG SẢN VIỆT NAM**  \n_{md_escape(h.date_line())}_", text_alignment="center"
    )
    subject = outline.title.split(":", 1)[-1].strip()
    st.markdown(f"**ĐỀ CƯƠNG**  \n**SINH HOẠT CHUYÊN ĐỀ: {md_escape(subject.upper())}**", text_alignment="center")


def _line(row: Line, editing: str | None, by_n: dict[int, Citation]) -> None:
    """One line of the document: a part's or point's heading (with its note), a reference, or an
    item, as the button that opens it or, opened, its editor."""
    if row.kind == "part":
        st.markdown(f"**{md_escape(row.label)} {md_escape(row.text.upper())}**")
    elif row.kind == "point":
        st.markdown(f"**{md_escape(row.label)} {md_escape(row.text)}**")
    elif row.item is not None and row.item.source == "reference":
        st.markdown(f"{md_escape(row.label)} {md_escape(row.text)}")
    elif row.item is not None:
        if editing == row.item.id:
            _editor(row.item, by_n)
        else:
            st.button(
                _label(row.item, row.label if row.kind == "item" else "", row.text),
                key=f"oi-{row.item.id}",
                type="tertiary",
                width="stretch",
                wrap=True,
                on_click=_open,
                args=(row.item.id,),
            )
    if row.kind in ("part", "point") and row.note:
        st.caption(f"_{md_escape(row.note)}_")


def _closes_section(outline: Outline, rows: list[Line], k: int) -> bool:
    """Whether line `k` is the last of its section, one that takes items (not a part whose
    points follow it)."""
    row = rows[k]
    section = outline.sections[row.section]
    last_of_section = k + 1 == len(rows) or rows[k + 1].section != row.section
    has_points = any(s.level == 2 for s in outline.sections[row.section + 1 : row.section + 2])
    return last_of_section and not (section.level == 1 and has_points and not section.items)


def _section_end(section_key: str, removed_from: str | None, adding: str | None) -> None:
    """After the last line of a section: the undo of a removal there, and "Thêm ý"."""
    if removed_from == section_key:
        st.button("↶ Đã bỏ một ý: hoàn tác", key=f"ou-{section_key}", type="tertiary", on_click=_undo)
    if section_key != "info":
        _adder(section_key, adding)


def _signature(h: Header) -> None:
    """The recipients and the secretary's signature, at the foot of the document."""
    recipients = "  \n".join(f"\\- {md_escape(r)}" for r in h.recipient_lines())
    left, right = st.columns(2)
    left.container(key="oc-recipients").markdown(f"***Nơi nhận:***  \n:small[{recipients}]")
    right.markdown(f"**T/M CHI ỦY**  \n**BÍ THƯ**  \n  \n**{md_escape(h.signer or '……………')}**", text_alignment="center")


def _body(outline: Outline, editing: str | None, adding: str | None) -> None:
    """The document itself, line by line in the order and with the numbers of the Word file."""
    by_n = {c.n: c for c in outline.citations}
    removed_from = _removed_from()
    rows = lines(outline)
    with st.container(border=True, key=DOC_KEY):
        _letterhead(outline)
        for k, row in enumerate(rows):
            _line(row, editing, by_n)
            if _closes_section(outline, rows, k):
                _section_end(outline.sections[row.section].key, removed_from, adding)
        _signature(outline.header)


def _header_form(h: Header) -> None:
    """The document's head and signature lines, edited in a form."""
    with st.expander("Phần đầu và phần ký của văn bản"):
        with st.form("outline-header"):
            fields = {}
            a, b = st.columns(2)
            for col, name, label in (
                (a, "committee", "Đảng bộ cấp trên"),
                (b, "cell", "Tên chi bộ"),
                (a, "place", "Địa danh (dòng ngày tháng)"),
                (b, "signer", "Họ tên bí thư (người ký)"),
                (a, "day", "Ngày"),
                (b, "month", "Tháng"),
                (a, "year", "Năm"),
            ):
                fields[name] = f"oh-{name}-{len(edits.history)}"
                col.text_input(label, getattr(h, name) or "", key=fields[name])
            st.form_submit_button("Cập nhật phần đầu văn bản", on_click=_header, args=(fields,))


def _citation_list(outline: Outline) -> None:
    """The passages quoted, each highlighted in its text, with a link to the reader."""
    with st.expander(f"Các đoạn trích dẫn ({len(outline.citations)})"):
        for c in outline.citations:
            where = ", ".join(x for x in (c.title, c.section) if x)
            kind = " — tin bài, kinh nghiệm ở cơ sở" if c.kind == "news" else ""
            st.markdown(f"**\\[{c.n}\\] {md_escape(where)}** ({md_escape(format_date(c.date))}{md_escape(kind)})")
            if c.quote:
                st.markdown(highlight(c.text, c.quote))
            else:
                st.caption("Tham khảo: câu trích từ đoạn này đã được người soạn viết lại.")
            reader_link(c.doc_id, c.section, c.quote)


def _downloads(outline: Outline) -> None:
    slug = "de-cuong-sinh-hoat-chuyen-de"
    c1, c2 = st.columns(2)
    c1.download_button(
        "Tải về Word (.docx)",
        lambda: docx_bytes(outline),
        file_name=f"{slug}.docx",
        width="stretch",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        on_click="ignore",
    )
    c2.download_button(
        "Tải về dạng văn bản thô (.md)",
        outline.markdown().encode("utf-8"),
        file_name=f"{slug}.md",
        mime="text/markdown",
        width="stretch",
        on_click="ignore",
    )


# The document reruns on its own when an item is opened, saved or removed (a fragment): the
# drafting form above is not drawn again for every click.
@st.fragment
def document() -> None:
    outline = apply(original, edits)
    editing = st.session_state.get("outline_editing")
    adding = st.session_state.get("outline_adding")
    _notices(outline)
    _body(outline, editing, adding)
    _header_form(outline.header)
    _citation_list(outline)
    _downloads(outline)


document()
