"""Hỏi đáp: chat with cited answers, sources panel, refusals, notices, feedback, follow-ups."""

from __future__ import annotations

import queue
import threading

import streamlit as st

from assistant.answer import format_date
from ui.common import EXAMPLES, current_assistant, highlight, index_ready, md_escape

st.title("Hỏi đáp về sinh hoạt chi bộ")

if not index_ready():
    st.error(
        "Chưa có tài liệu nào trong chỉ mục. Quản trị viên hãy vào trang «Tài liệu» để nạp tài liệu, "
        "hoặc chạy `chibo ingest corpus/`."
    )
    st.stop()

messages: list[dict] = st.session_state.setdefault("messages", [])


def answer_body(text: str) -> str:
    return text.split("\n\nNguồn:")[0]


def render_answer(msg: dict, i: int) -> None:
    data = msg["turn"]
    if data["refused"]:
        st.warning(
            md_escape(answer_body(data["answer"]).split("\n\nCác đoạn gần nhất")[0]), icon=":material/search_off:"
        )
        if msg.get("closest"):
            with st.expander("Các đoạn gần nhất (không trả lời trực tiếp câu hỏi)"):
                for c in msg["closest"]:
                    st.markdown(f"**{md_escape(c['title'])}** — {md_escape(format_date(c['date']))}")
                    st.markdown(md_escape(c["text"]))
    else:
        st.markdown(md_escape(answer_body(data["answer"])).replace("\n", "  \n"))
    for notice in data["notices"]:
        st.info(md_escape(notice), icon=":material/info:")
    if data["citations"]:
        with st.expander(f"Nguồn ({len(data['citations'])})"):
            for c in data["citations"]:
                st.markdown(f"**[{c['n']}] {md_escape(c['title'])}** — {md_escape(format_date(c['date']))}")
                st.markdown(highlight(c["text"], msg.get("quotes", {}).get(str(c["n"]), "")))
    feedback_row(msg, i)


def feedback_row(msg: dict, i: int) -> None:
    turn_id = msg.get("turn_id")
    if turn_id is None:
        return
    cols = st.columns([1, 3])
    with cols[0]:
        value = st.feedback("thumbs", key=f"fb-{turn_id}")
    if value is not None and msg.get("feedback") != value:
        msg["feedback"] = value
        current_assistant().log.feedback(turn_id, 1 if value == 1 else -1, msg.get("comment"))
        st.toast("Cảm ơn bạn đã góp ý!")
    with cols[1].popover("Góp ý thêm"):
        comment = st.text_input("Nhận xét về câu trả lời", key=f"comment-{turn_id}")
        if st.button("Gửi góp ý", key=f"send-{turn_id}") and comment:
            msg["comment"] = comment
            vote = msg.get("feedback")
            current_assistant().log.feedback(turn_id, 0 if vote is None else (1 if vote == 1 else -1), comment)
            st.success("Đã ghi nhận góp ý.")


def ask(question: str) -> None:
    assistant = current_assistant()
    history = [(m["turn"]["question"], m["turn"]["rewritten_query"]) for m in messages if m["role"] == "assistant"]
    messages.append({"role": "user", "content": question})
    with st.chat_message("user"):
        st.markdown(md_escape(question))
    with st.chat_message("assistant"):
        tokens: queue.Queue = queue.Queue()
        result: dict = {}

        def work() -> None:
            try:
                result["turn"] = assistant.ask(question, history=history, top_k=st_top_k, on_token=tokens.put)
            except Exception as exc:  # shown to the user as an error message, never a traceback
                result["error"] = exc
            tokens.put(None)

        st_top_k = st.session_state.get("top_k", 10)
        thread = threading.Thread(target=work, daemon=True)
        thread.start()

        def stream():
            while (token := tokens.get()) is not None:
                yield (
                    md_escape(token.split("\n\nNguồn:")[0])
                    if assistant.backend_id == "extractive"
                    else md_escape(token)
                )

        placeholder = st.empty()
        with placeholder.container():
            with st.spinner("Đang tìm trong tài liệu…"):
                if assistant.backend_id == "extractive":
                    thread.join()
                else:
                    st.write_stream(stream())
        thread.join()
        placeholder.empty()
        if "error" in result:
            st.error(f"Không trả lời được: {result['error']}")
            messages.pop()
            return
        turn = result["turn"]
        data = turn.to_json()
        msg = {
            "role": "assistant",
            "turn": data,
            "turn_id": turn.turn_id,
            "quotes": {str(c.n): c.quote for c in turn.answer.citations},
            "closest": [c.to_json() for c in turn.answer.closest],
        }
        if turn.rewritten_query != question:
            st.caption(f"Hiểu câu hỏi là: {md_escape(turn.rewritten_query)}")
        messages.append(msg)
        render_answer(msg, len(messages) - 1)


for i, msg in enumerate(messages):
    with st.chat_message(msg["role"]):
        if msg["role"] == "user":
            st.markdown(md_escape(msg["content"]))
        else:
            render_answer(msg, i)

pending = st.session_state.pop("pending", None)
typed = st.chat_input("Nhập câu hỏi về sinh hoạt chi bộ…")
question = typed or pending

if not messages and not question:
    st.markdown(
        "Hỏi về cách chuẩn bị và điều hành sinh hoạt chi bộ. Câu trả lời trích nguyên văn từ tài liệu, "
        "có ghi nguồn; nếu tài liệu không nói đến, trợ lý sẽ nói rõ là không tìm thấy."
    )
    st.markdown("**Câu hỏi mẫu:**")
    for j, example in enumerate(EXAMPLES):
        if st.button(example, key=f"ex-{j}", use_container_width=True):
            st.session_state["pending"] = example
            st.rerun()

if question and question.strip():
    ask(question.strip()[:2000])
elif question is not None and not question.strip():
    st.warning("Hãy nhập câu hỏi.")

if messages and st.button("Xoá cuộc trò chuyện", icon=":material/delete:"):
    st.session_state["messages"] = []
    st.rerun()
