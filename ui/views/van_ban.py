"""Văn bản: read the library's documents as secretaries study them.

A document list (filter by kind, issuer, year; find by number or title, with or without
diacritics), its table of contents, a part whole with the quoted sentence in bold, a Charter
article's implementing clauses beside it (side by side on a desktop, below on a phone: Streamlit
stacks columns on narrow screens), and a search inside the document. Every citation of an answer,
an outline and the practice page opens this page at its section (`ui.common.reader_link`:
query parameters `doc`, `muc`, `cau`).
"""

from __future__ import annotations

import re

import streamlit as st

from assistant.retrieval.library import Library
from assistant.retrieval.provisions import top_section
from assistant.retrieval.reader import NotFound, contents, read, version_line
from ingest import textnorm
from ingest.model import KIND_LABELS
from ui.common import backend_cfg, highlight, index_ready, md_escape, settings
from ui.common.loading import load_state

ALL = "Tất cả"
WHOLE = "(mục lục)"


@st.cache_resource(show_spinner=False)
def _own_library(index: str) -> Library:
    return Library(settings())


def _library() -> Library:
    """The loaded assistant's library when it is ready (its tables are already in memory),
    else one of this page's own: reading needs no model."""
    state = load_state(backend_cfg())
    assistant = state.get("assistant") if state else None
    return assistant.library if assistant is not None else _own_library(str(settings().index))


def _year(d) -> str:
    date = d.date or d.meta.get("event_date") or ""
    return str(date)[:4] if str(date)[:4].isdigit() else ""


def _label(d) -> str:
    number = f" ({d.number})" if d.number and d.number not in d.title else ""
    year = f" — {_year(d)}" if _year(d) else ""
    return f"{d.title}{number}{year}"


def _marked(text: str, quote: str, find: str) -> str:
    """The text as Markdown: the quoted sentence in bold, else the words searched for in bold."""
    if quote and quote.strip() and quote.strip()[:40] in text:
        return highlight(text, quote).replace("\n", "  \n")
    if find:
        folded, key = textnorm.fold(text), textnorm.fold(find).strip()
        if key and len(folded) == len(text):
            out, pos = [], 0
            for m in re.finditer(re.escape(key), folded):
                out += [md_escape(text[pos : m.start()]), "**" + md_escape(text[m.start() : m.end()]) + "**"]
                pos = m.end()
            out.append(md_escape(text[pos:]))
            return "".join(out).replace("\n", "  \n")
    return md_escape(text).replace("\n", "  \n")


st.title("Văn bản")
if not index_ready():
    st.info("Thư viện chưa có tài liệu. Quản trị viên nạp tài liệu ở trang «Tài liệu».", icon=":material/info:")
    st.stop()

library = _library()
library.refresh()
documents = sorted(
    (d for d in library.documents().values() if d.status == "ok"),
    key=lambda d: (d.kind == "news", d.title),
)
params = st.query_params
asked_doc, asked_section, quote = params.get("doc"), params.get("muc"), params.get("cau", "")

with st.expander("Tìm văn bản", expanded=not asked_doc):
    c1, c2, c3 = st.columns(3)
    kinds = sorted({d.kind for d in documents})
    kind = c1.selectbox("Loại", [ALL, *kinds], format_func=lambda k: k if k == ALL else KIND_LABELS.get(k, k))
    issuer = c2.selectbox("Cơ quan ban hành", [ALL, *sorted({d.issuer for d in documents if d.issuer})])
    year = c3.selectbox("Năm", [ALL, *sorted({_year(d) for d in documents if _year(d)}, reverse=True)])
    wanted = st.text_input("Số hoặc tên văn bản (gõ có dấu hoặc không dấu)", placeholder="ví dụ: 294, dieu le")

key = textnorm.fold(wanted).strip()
shown = [
    d
    for d in documents
    if (kind == ALL or d.kind == kind)
    and (issuer == ALL or d.issuer == issuer)
    and (year == ALL or _year(d) == year)
    and (not key or key in textnorm.fold(f"{d.title} {d.number or ''}"))
]
if asked_doc and asked_doc not in {d.doc_id for d in shown} and asked_doc in library.documents():
    shown.insert(0, library.documents()[asked_doc])
if not shown:
    st.info("Không có văn bản nào khớp với điều kiện tìm.", icon=":material/search_off:")
    st.stop()
ids = [d.doc_id for d in shown]
start = ids.index(asked_doc) if asked_doc in ids else 0
doc_id = st.selectbox("Văn bản", ids, index=start, format_func=lambda i: _label(library.documents()[i]))
doc = library.documents()[doc_id]
if doc_id != asked_doc:
    asked_section, quote = None, ""  # another document chosen: its own beginning

provisions = library.provisions().table.get(doc_id) or []
section = None
if provisions:
    toc = contents(provisions)
    tops = [c["section"] for c in toc]
    heading = {c["section"]: f"{c['section']}: {c['heading']} ({c['parts']} đoạn)" for c in toc}
    asked_top = top_section(asked_section) if asked_section else None
    sel = st.selectbox(
        "Mục lục",
        [WHOLE, *tops],
        index=tops.index(asked_top) + 1 if asked_top in tops else 0,
        format_func=lambda s: "Mục lục toàn văn bản" if s == WHOLE else heading[s],
    )
    if sel != WHOLE:
        section = asked_section if asked_section and asked_top == sel else sel
        if section != sel:
            st.button(
                f"Đọc cả {sel}",
                on_click=lambda: st.query_params.update({"doc": doc_id, "muc": sel}),
                icon=":material/unfold_more:",
            )

try:
    reading = read(library, doc_id, section)
except NotFound as exc:
    st.warning(str(exc), icon=":material/search_off:")
    st.stop()

meta = [x for x in (doc.number, doc.issuer, _year(doc), KIND_LABELS.get(doc.kind, doc.kind)) if x]
st.caption(" · ".join(md_escape(x) for x in meta))
for notice in reading.notices:
    st.warning(md_escape(notice), icon=":material/update:")
if reading.versions:
    with st.expander(f"Các phiên bản ({len(reading.versions)})"):
        for v in reading.versions:
            st.markdown("- " + md_escape(version_line(v)))
find = st.text_input("Tìm trong văn bản này", placeholder="ví dụ: đảng phí, mười hai tháng")

if find.strip():
    folded = textnorm.fold(find).strip()
    if not provisions:  # a text without articles or items: read whole, searched sentence by sentence
        hits = [s for s in re.split(r"(?<=[.!?])\s+", reading.text) if folded in textnorm.fold(s)]
        st.markdown(f"**{len(hits)} câu có «{md_escape(find)}»**")
        for s in hits[:50]:
            st.markdown("- " + _marked(s, "", find))
    else:
        parts = [p for p in provisions if folded in textnorm.fold(p.text)]
        st.markdown(f"**{len(parts)} đoạn có «{md_escape(find)}»**")
        for p in parts[:50]:
            with st.container(border=True):
                st.caption(p.section)
                st.markdown(_marked(p.text.strip(), "", find))
elif reading.section is None and provisions:
    st.subheader("Mục lục")
    st.caption("Chọn một phần ở ô «Mục lục» phía trên để đọc cả phần đó.")
    under: dict[str, list] = {}
    for p in provisions:
        under.setdefault(p.top, []).append(p)
    for c in reading.children:  # the table of contents as a tree: each part with what it holds
        with st.expander(f"{c['section']}: {c['heading']} ({c['parts']} đoạn)"):
            lines = []
            for p in under.get(c["section"], []):
                first = " ".join(p.text.strip().split("\n")[0].split())
                first = first if len(first) <= 110 else first[:110].rsplit(" ", 1)[0] + " …"
                lines.append(f"- {md_escape(p.section)}: {md_escape(first)}")
            st.markdown("\n".join(lines))
else:
    if reading.section:
        st.subheader(reading.section)
    if quote:
        st.caption("Câu được trích in đậm.")
    if reading.implementing:
        left, right = st.columns(2, gap="medium")
        with left:
            st.markdown(_marked(reading.text, quote, ""))
        with right:
            st.markdown("##### Văn bản hướng dẫn thi hành")
            for p in reading.implementing:
                with st.container(border=True):
                    st.markdown(f"**{md_escape(p.document)} — {md_escape(p.section)}**")
                    st.markdown(_marked(p.text, quote, ""))
    else:
        st.markdown(_marked(reading.text, quote, ""))
