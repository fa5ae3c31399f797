"""Hỏi đáp: chat with cited answers, sources panel, refusals, notices, feedback, follow-ups."""

from __future__ import annotations

import queue
import threading
import time

import streamlit as st

from assistant.answer import format_date
from ui.common import (
    backend_cfg,
    duration,
    error_message,
    highlight,
    index_ready,
    md_escape,
    reader_link,
    settings,
    start_warm,
    wait_assistant,
)
from ui.common.loading import load_state, loading_message
from ui.common.page import EXAMPLES

ROLE_HEADINGS = {
    "source": None,
    "implementing": "Hướng dẫn thi hành",
    "experience": "Kinh nghiệm ở cơ sở",
}
REFUSAL_HINTS = {
    "no_evidence": "Đồng chí có thể hỏi lại bằng từ ngữ khác, nêu rõ tên văn bản (ví dụ «Hướng dẫn 12»), "
    "hoặc xem các đoạn gần nhất nếu có.",
    "out_of_scope": "Phạm vi trả lời do quản trị viên đặt ở trang «Tài liệu»; đồng chí có thể hỏi lại "
    "về nội dung thuộc phạm vi đó.",
    "no_choice": "Tài liệu không đủ căn cứ để chọn một phương án.",
    "no_rule": "Quy định phải lấy từ Điều lệ, quy định, hướng dẫn của Đảng; đồng chí có thể nạp văn bản đó ở trang "
    "«Tài liệu» rồi hỏi lại.",
    "empty": "Hãy gõ câu hỏi bằng chữ.",
    "not_current": "Tin tức, giá cả hay số liệu mới nhất thì đồng chí hãy xem báo, đài hoặc hỏi cơ quan phụ trách; "
    "trợ lý chỉ trả lời từ các tài liệu đã nạp.",
}
LETTERS = "ABCDEFGH"

st.title("Hỏi đáp về sinh hoạt chi bộ")

if not index_ready():
    st.error(
        "Chưa có tài liệu nào trong thư viện nên trợ lý chưa trả lời được. "
        "Quản trị viên hãy vào trang «Tài liệu» để tải tài liệu lên."
    )
    st.stop()

messages: list[dict] = st.session_state.setdefault("messages", [])


def turn_data(turn) -> dict:
    """What the page keeps of a turn: the answer's fields (never parsed from its text)."""
    a = turn.answer
    return {
        "question": turn.question,
        "rewritten_query": turn.rewritten_query,
        "body": a.body,
        "refused": a.refused,
        "refusal_kind": getattr(a, "refusal_kind", None),
        "notices": list(turn.notices),
        "citations": [c.to_json() for c in a.citations],
        "closest": [c.to_json() for c in getattr(a, "closest", [])],
        "options": list(getattr(a, "options", None) or []),
        "choice": getattr(a, "choice", None),
    }


def source_line(c: dict) -> str:
    """ "**[1] Title** — 294-QĐ/TW · Chương V, Điều 24 · 26/05/2025" as escaped Markdown."""
    head = f"**[{c['n']}] {md_escape(c['title'])}**" if c.get("n") else f"**{md_escape(c['title'])}**"
    parts = [c.get("number"), c.get("section"), format_date(c.get("date"))]
    return head + " — " + " · ".join(md_escape(p) for p in parts if p)


def render_passage(c: dict) -> None:
    """Where a passage comes from, the sentence quoted (first, where the eye lands), then the
    whole passage with that sentence in bold."""
    st.markdown(source_line(c))
    if c.get("ocr"):
        st.caption("Chữ nhận dạng từ bản scan: có thể sai vài chữ, hãy đối chiếu với bản gốc.")
    quote = (c.get("quote") or "").strip()
    if quote and quote != c["text"].strip():
        st.markdown("> " + md_escape(quote))
        with st.container(border=True):
            st.caption("Cả đoạn văn (câu được trích in đậm):")
            st.markdown(highlight(c["text"], quote))
    else:
        st.markdown(highlight(c["text"], quote))
    reader_link(c.get("doc_id"), c.get("section"), quote)


def render_sources(citations: list[dict]) -> None:
    with st.expander(f"Nguồn ({len(citations)})"):
        for role in ("source", "implementing", "experience"):
            group = [c for c in citations if (c.get("role") or "source") == role]
            if not group:
                continue
            if ROLE_HEADINGS[role]:
                st.markdown(f"##### {ROLE_HEADINGS[role]}")
            for c in group:
                render_passage(c)
        for c in citations:  # a role this page does not know yet is still shown
            if (c.get("role") or "source") not in ROLE_HEADINGS:
                render_passage(c)


def render_options(data: dict) -> None:
    """Multiple choice: every option, the one the documents support marked."""
    choice = data.get("choice")
    lines = []
    for i, option in enumerate(data["options"]):
        letter = LETTERS[i] if i < len(LETTERS) else str(i + 1)
        if choice == i:
            lines.append(f"- ✅ **{letter}. {md_escape(option)}** — phương án tài liệu ủng hộ")
        else:
            lines.append(f"- {letter}. {md_escape(option)}")
    st.markdown("\n".join(lines))
    if choice is None:
        st.info("Không đủ căn cứ trong tài liệu để chọn một phương án.", icon=":material/help:")


def render_answer(msg: dict) -> None:
    data = msg["turn"]
    if data["rewritten_query"] and data["rewritten_query"] != data["question"]:
        st.caption(f"Hiểu câu hỏi là: {md_escape(data['rewritten_query'])}")
    if data.get("options"):
        render_options(data)
    if data["refused"]:
        st.warning(md_escape(data["body"]), icon=":material/search_off:")
        hint = REFUSAL_HINTS.get(data.get("refusal_kind") or "no_evidence", REFUSAL_HINTS["no_evidence"])
        if hint and not data.get("options"):
            st.markdown(md_escape(hint))
        if data.get("closest") and data.get("refusal_kind") not in (
            "out_of_scope",
            "not_current",
            "empty",
        ):
            label = (
                "Ví dụ ở chi bộ, đảng bộ khác (tin bài, không phải quy định)"
                if data.get("refusal_kind") == "no_rule"
                else "Các đoạn gần nhất (không trả lời trực tiếp câu hỏi)"
            )
            with st.expander(label, expanded=data.get("refusal_kind") == "no_rule"):
                for c in data["closest"]:
                    render_passage({**c, "n": None})
    else:
        st.markdown(md_escape(data["body"]).replace("\n", "  \n"))
    for notice in data["notices"]:
        st.info(md_escape(notice), icon=":material/info:")
    if data["citations"]:
        render_sources(data["citations"])
    feedback_row(msg)


def turn_log():
    from assistant.turnlog import TurnLog

    return TurnLog(settings().log_db)


def feedback_row(msg: dict) -> None:
    turn_id = msg.get("turn_id")
    if turn_id is None:
        return
    st.caption("Câu trả lời này có hữu ích không?")
    value = st.feedback("thumbs", key=f"fb-{turn_id}")
    if value is not None and msg.get("feedback") != value:
        msg["feedback"] = value
        turn_log().feedback(turn_id, 1 if value == 1 else -1, msg.get("comment"))
        st.toast("Cảm ơn đồng chí đã đánh giá câu trả lời!", icon=":material/thumb_up:")
    label = "Góp ý thêm cho câu trả lời này" + (" (đã gửi)" if msg.get("comment") else "")
    with st.expander(label, icon=":material/rate_review:"):
        with st.form(f"comment-form-{turn_id}", clear_on_submit=True, border=False):
            comment = st.text_area(
                "Nhận xét của đồng chí (câu trả lời đúng chưa, thiếu gì, nguồn nào sai…)",
                key=f"comment-{turn_id}",
                height=90,
            )
            if st.form_submit_button("Gửi góp ý", icon=":material/send:"):
                if comment.strip():
                    msg["comment"] = comment.strip()
                    vote = msg.get("feedback")
                    turn_log().feedback(turn_id, 0 if vote is None else (1 if vote == 1 else -1), msg["comment"])
                    st.toast("Đã ghi nhận góp ý. Cảm ơn đồng chí!", icon=":material/check_circle:")
                else:
                    st.warning("Hãy viết vài chữ nhận xét trước khi gửi.")
    if msg.get("comment"):
        st.success(f"Đã ghi nhận góp ý của đồng chí: «{md_escape(msg['comment'])}». Cảm ơn đồng chí!")


def ask(question: str) -> None:
    history = [(m["turn"]["question"], m["turn"]["rewritten_query"]) for m in messages if m["role"] == "assistant"]
    messages.append({"role": "user", "content": question})
    # The question is on screen before anything else happens.
    with st.chat_message("user"):
        st.markdown(md_escape(question))
    with st.chat_message("assistant"):
        status = st.empty()
        streamed = st.empty()
        cfg = dict(backend_cfg())
        top_k = st.session_state.get("top_k", 10)
        streaming = cfg.get("backend", "extractive") != "extractive"
        tokens: queue.Queue = queue.Queue()
        result: dict = {}
        state = start_warm(cfg, reason="ask")

        def work() -> None:
            try:
                assistant = wait_assistant(cfg)
                result["turn"] = assistant.ask(
                    question, history=history, top_k=top_k, on_token=tokens.put if streaming else None
                )
            except Exception as exc:  # shown as a sentence; the traceback goes to the server's log
                import traceback

                traceback.print_exc()
                result["error"] = exc

        thread = threading.Thread(target=work, name="chibo-ask", daemon=True)
        thread.start()
        started, text = time.time(), ""
        while thread.is_alive() or not tokens.empty():
            try:
                text += tokens.get(timeout=0.25)
                streamed.markdown(md_escape(text) + " ▌")
                status.empty()
                continue
            except queue.Empty:
                pass
            if not text and time.time() - started > 0.3:
                waiting = loading_message(state) or f"Đang tìm trong tài liệu… đã {duration(time.time() - started)}"
                status.caption(f":material/hourglass_top: {waiting}")
        status.empty()
        streamed.empty()
        if "error" in result:
            st.error(md_escape(error_message(result["error"], "Việc trả lời câu hỏi")))
            messages.pop()
            return
        turn = result["turn"]
        msg = {"role": "assistant", "turn": turn_data(turn), "turn_id": turn.turn_id}
        messages.append(msg)
        render_answer(msg)


@st.fragment(run_every=1.0)
def loading_notice() -> None:
    message = loading_message(load_state(backend_cfg()))
    if message:
        st.info(
            f"{message}. Đồng chí cứ gõ câu hỏi: câu trả lời sẽ hiện ngay khi nạp xong.",
            icon=":material/hourglass_top:",
        )


for msg in messages:
    with st.chat_message(msg["role"]):
        if msg["role"] == "user":
            st.markdown(md_escape(msg["content"]))
        else:
            render_answer(msg)

pending = st.session_state.pop("pending", None)
typed = st.chat_input("Nhập câu hỏi về sinh hoạt chi bộ…")
question = typed or pending

if not messages and not question:
    if loading_message(load_state(backend_cfg())):
        loading_notice()
    st.markdown(
        "Hỏi về cách chuẩn bị và điều hành sinh hoạt chi bộ. Câu trả lời trích nguyên văn từ tài liệu, "
        "có ghi nguồn; nếu tài liệu không nói đến, trợ lý sẽ nói rõ là không tìm thấy."
    )
    st.markdown("**Câu hỏi mẫu** (bấm để hỏi):")
    for j, example in enumerate(EXAMPLES):
        if st.button(example, key=f"ex-{j}", width="stretch"):
            st.session_state["pending"] = example
            st.rerun()

if question and question.strip():
    ask(question.strip()[:2000])
elif question is not None and not question.strip():
    st.warning("Hãy nhập câu hỏi.")

if messages and st.button("Xoá cuộc trò chuyện", icon=":material/delete:"):
    st.session_state["messages"] = []
    st.rerun()
