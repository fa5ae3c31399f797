"""Ôn thi: practise a contest bank one question at a time or take a timed mock test; right or
wrong at once, the key's basis quoted from the library (document and section path) and why the
chosen option is not it; "Hỏi trợ lý" shows what the assistant would choose, or that it abstains;
a wrong-answer notebook and the score history kept per browser.

Which browser is which: an id of 32 hex digits made on the first visit, kept in the URL's query
parameter `so` (`st.query_params`: it survives reloads and bookmarks, and a person who copies the
address to another device takes the notebook along) and in a first-party cookie `chibo_so`
written by a line of script on the page (`st.context.cookies` can only read cookies, and a page
opened without the parameter, e.g. from the menu in a new tab, finds the same notebook through
it). The id is not a secret: whoever has the address sees that notebook. A deployment behind the
organisation's login (README, "The app and who may do what") would key the notebook by
`st.user.email` instead.

Only rendering lives here: the questions, the checking, the mock test's clock, the notebook and the
history are `assistant.practice.session`; banks are read by `assistant.practice.bankfile`.
"""

from __future__ import annotations

import hashlib
import threading
import time
import traceback
from pathlib import Path

import streamlit as st

from assistant.practice.session import (
    NO_BASIS,
    Advice,
    Explanation,
    ImportReport,
    Item,
    MockTest,
    Notebook,
    Outcome,
    Practice,
    advise,
    bundled_bank,
    explain,
    import_items,
    letter,
    load_items,
    new_browser_id,
    valid_browser_id,
)
from ingest.documents import safe_name
from ui.common import (
    backend_cfg,
    duration,
    error_message,
    index_ready,
    md_escape,
    reader_link,
    settings,
    start_warm,
    wait_assistant,
)
from ui.common.loading import loading_message

PARAM = "so"
COOKIE = "chibo_so"
BUNDLED, UPLOAD, NOTEBOOK = "bundled", "upload", "notebook"
MODES = {
    "practice": "Luyện tập",
    "mock": "Thi thử",
    "notebook": "Sổ câu sai",
    "history": "Kết quả thi thử",
}
UPLOAD_TYPES = ["docx", "pdf", "txt", "md"]
RIGHT, WRONG = ":green[:material/check_circle:]", ":red[:material/cancel:]"
NO_WHY_NOT = "Thư viện chưa có đoạn văn cho thấy phương án này chưa đúng."

st.title("Ôn thi trắc nghiệm")


# ---- which browser ------------------------------------------------------------------------------------
def browser_id() -> str:
    """This browser's notebook id (see the module's docstring), kept in the URL and a cookie."""
    bid = st.session_state.get("practice-browser")
    if not valid_browser_id(bid):
        cookies = st.context.cookies or {}
        found = [v for v in (st.query_params.get(PARAM), cookies.get(COOKIE)) if valid_browser_id(v)]
        bid = found[0] if found else new_browser_id()
        st.session_state["practice-browser"] = bid
    if st.query_params.get(PARAM) != bid:
        st.query_params[PARAM] = bid
    if (st.context.cookies or {}).get(COOKIE) != bid:
        # The id is 32 hex digits (checked above): nothing from the visitor reaches the script.
        st.html(
            "<div id='chibo-so' hidden></div><script>document.cookie = "
            f"'{COOKIE}={bid}; max-age=31536000; path=/; samesite=lax';</script>",
            unsafe_allow_javascript=True,
        )
    return bid


st.html(
    "<style>[data-testid='stElementContainer']:has(#chibo-so) {display: none !important;}"
    "[data-testid='stLayoutWrapper']:has(> .st-key-mock-clock) {position: sticky; top: 3.75rem; z-index: 5;"
    " background: #fff; padding: 0.3rem 0;}</style>"
)
# Choices made on a part of the page not shown in this run are kept (Streamlit drops the state of
# widgets that are not drawn).
for _key in ("practice-bank", "practice-shuffle"):
    if _key in st.session_state:
        st.session_state[_key] = st.session_state[_key]
BROWSER = browser_id()
NOTES = Notebook.of(settings())
LIBRARY = index_ready()


# ---- waiting for the assistant, visibly ------------------------------------------------------------------------
def in_background(label: str, work, state: dict | None = None):
    """`work()` in a thread while the page says what it waits for and for how long (the
    assistant's loading message first, while it loads); its exception is raised here."""
    result: dict = {}

    def run() -> None:
        try:
            result["value"] = work()
        except Exception as exc:  # shown as a sentence; the traceback goes to the server's log
            traceback.print_exc()
            result["error"] = exc

    thread = threading.Thread(target=run, name="chibo-practice", daemon=True)
    thread.start()
    status, started = st.empty(), time.time()
    while thread.is_alive():
        thread.join(0.25)
        if thread.is_alive():
            message = loading_message(state) or f"{label}… đã {duration(time.time() - started)}"
            status.caption(f":material/hourglass_top: {message}")
    status.empty()
    if "error" in result:
        raise result["error"]
    return result["value"]


def with_assistant(label: str, work):
    """`work(assistant)` once the assistant has loaded, waiting visibly."""
    cfg = dict(backend_cfg())
    state = start_warm(cfg, reason="ask")
    return in_background(label, lambda: work(wait_assistant(cfg)), state)


def explanation(item: Item, picked: int | None) -> Explanation | None:
    """The key's basis and why the pick is wrong (cached per question and pick)."""
    cache: dict = st.session_state.setdefault("practice-explained", {})
    key = (item.key, picked if picked != item.answer else None)
    if key not in cache:
        if not LIBRARY:
            return None
        try:
            cache[key] = with_assistant("Đang tìm căn cứ trong tài liệu", lambda a: explain(a, item, picked))
        except Exception as exc:
            st.error(md_escape(error_message(exc, "Việc tìm căn cứ")))
            return None
    return cache[key]


# ---- rendering pieces ----------------------------------------------------------------------------------------
def option_label(item: Item, i: int | None) -> str:
    if i is None:
        return "chưa trả lời"
    return f"{letter(i)}. {item.options[i]}"


def radio(item: Item, key: str) -> int | None:
    """The options as a list to choose one from."""
    return st.radio(
        "Chọn một phương án",
        list(range(len(item.options))),
        format_func=lambda i: md_escape(option_label(item, i)),
        index=None,
        key=key,
    )


def marked_options(outcome: Outcome) -> None:
    """The options once answered, in full colour: the key and a wrong pick marked."""
    item, lines = outcome.item, []
    for i in range(len(item.options)):
        text = md_escape(option_label(item, i))
        if i == item.answer:
            mine = " (đồng chí chọn)" if outcome.picked == i else ""
            lines.append(f"- {RIGHT} **{text}** — :green[đáp án đúng{mine}]")
        elif i == outcome.picked:
            lines.append(f"- {WRONG} {text} — :red[đồng chí chọn]")
        else:
            lines.append(f"- {text}")
    st.markdown("\n".join(lines))


def render_basis(basis, missing: str, shown: set | None = None) -> None:
    """A quoted passage with its document and section path; or that the library has none. A
    passage already quoted above (`shown`) is pointed at, not quoted again."""
    if basis is None:
        st.info(missing, icon=":material/search_off:")
        return
    where = [basis.number, basis.section]
    head = f"**{md_escape(basis.title)}**"
    if any(where):
        head += " — " + " · ".join(md_escape(w) for w in where if w)
    quote = basis.quote.strip()
    if shown is not None and quote in shown:
        st.markdown(f"Cùng đoạn văn đã trích ở trên: {head}")
    else:
        st.markdown(head)
        st.markdown("> " + md_escape(quote).replace("\n", "\n> "))
        if shown is not None:
            shown.add(quote)
    if basis.reason:  # the assistant's comparison, said as its own words, never as the source's
        st.caption(f"Trợ lý đối chiếu: {md_escape(basis.reason)}")
    reader_link(basis.doc_id, basis.section, quote)


def render_explanation(outcome: Outcome, exp: Explanation | None, shown: set | None = None) -> None:
    item, picked = outcome.item, outcome.picked
    if exp is None and not LIBRARY:
        st.info("Thư viện chưa có tài liệu nên chưa tìm được căn cứ cho đáp án.", icon=":material/search_off:")
        return
    if exp is None:
        return
    shown = set() if shown is None else shown
    st.markdown(f"**Căn cứ của đáp án {letter(item.answer)}:**")
    render_basis(exp.basis, NO_BASIS, shown)
    if picked is not None and picked != item.answer:
        st.markdown(f"**Vì sao phương án {letter(picked)} chưa đúng:**")
        render_basis(exp.why_not, NO_WHY_NOT, shown)


def render_verdict(outcome: Outcome) -> None:
    item = outcome.item
    right = md_escape(option_label(item, item.answer))
    if outcome.correct:
        st.success(f"Đúng. Đáp án: **{right}**", icon=":material/check_circle:")
    elif outcome.picked is None:
        st.error(f"Chưa trả lời. Đáp án đúng: **{right}**", icon=":material/cancel:")
    else:
        st.error(
            f"Chưa đúng. Đồng chí chọn {md_escape(option_label(item, outcome.picked))}.  \nĐáp án đúng: **{right}**",
            icon=":material/cancel:",
        )


def render_advice(item: Item, advice: Advice, checked: bool, shown: set) -> None:
    with st.container(border=True):
        st.markdown("**Trợ lý trả lời**")
        if advice.abstained:
            st.warning(
                "Trợ lý không chọn phương án nào: tài liệu trong thư viện không đủ căn cứ để chọn một phương án.",
                icon=":material/help:",
            )
        else:
            st.markdown(f"Trợ lý chọn **{md_escape(option_label(item, advice.choice))}**")
            if checked:
                same = advice.choice == item.answer
                st.caption("Trùng với đáp án của bộ câu hỏi." if same else "Khác với đáp án của bộ câu hỏi.")
            st.markdown("**Căn cứ:**")
            render_basis(advice.basis, NO_BASIS, shown)
            others = {i: b for i, b in sorted(advice.why_not.items()) if i != advice.choice}
            if others:
                with st.expander("Vì sao không chọn các phương án khác"):
                    for i, b in others.items():
                        st.markdown(f"Phương án **{md_escape(option_label(item, i))}**")
                        render_basis(b, NO_WHY_NOT, shown)
        for notice in advice.notices:
            st.info(md_escape(notice), icon=":material/info:")


def ask_assistant(item: Item, key: str, checked: bool, shown: set) -> None:
    """The "Hỏi trợ lý" button and, once asked, its answer (kept per question)."""
    asked: dict = st.session_state.setdefault("practice-advice", {})
    if item.key not in asked:
        if not LIBRARY:
            return
        if not st.button("Hỏi trợ lý", key=key, icon=":material/psychology:", width="stretch"):
            return
        explained = st.session_state.get("practice-explained", {})
        known = [e.advice for (k, _), e in explained.items() if k == item.key and e and e.advice]
        if known:  # the explanation came with the assistant's own answer
            asked[item.key] = known[0]
            st.rerun()
        try:
            asked[item.key] = with_assistant(
                "Trợ lý đang đối chiếu các phương án với tài liệu", lambda a: advise(a, item)
            )
        except Exception as exc:
            st.error(md_escape(error_message(exc, "Việc hỏi trợ lý")))
            return
        st.rerun()  # the answer in place of the button
    render_advice(item, asked[item.key], checked, shown)


# ---- banks -------------------------------------------------------------------------------------------------------
@st.cache_data(show_spinner=False)
def bundled_items(path: str, mtime: float) -> list[Item]:
    return load_items(Path(path))


def bundled_label() -> str:
    name = bundled_bank().stem
    return "Bộ câu hỏi ôn thi kèm theo" if name == "contest_bank" else "Bộ câu hỏi trắc nghiệm mẫu"


def imported(upload) -> ImportReport | None:
    """An uploaded bank read once per content (kept in the session); None on a reading error."""
    data = upload.getvalue()
    digest = hashlib.sha1(data).hexdigest()[:12]
    reports: dict = st.session_state.setdefault("practice-imports", {})
    if digest not in reports:
        folder = settings().home / "practice-uploads" / digest
        folder.mkdir(parents=True, exist_ok=True)
        name = safe_name(upload.name)
        path = folder / name
        if not path.exists():
            path.write_bytes(data)
        try:
            reports[digest] = in_background(f"Đang đọc «{md_escape(name)}»", lambda: import_items(path, name=name))
        except Exception as exc:
            from ingest.errors import ChiboError

            if isinstance(exc, ChiboError):  # the reader says why, after the file's name
                reason = str(exc).removeprefix(f"{name}:").strip()
                st.error(md_escape(f"Không đọc được «{name}»: {reason}"))
            else:
                st.error(md_escape(error_message(exc, f"Việc đọc «{name}»")))
            return None
    return reports[digest]


def render_report(report: ImportReport) -> None:
    n = len(report.items)
    if n:
        st.success(f"Đã đọc {n} câu hỏi có đáp án từ «{md_escape(report.name)}».", icon=":material/check_circle:")
    else:
        st.error(
            f"Không đọc được câu hỏi nào có đáp án trong «{md_escape(report.name)}». Hãy kiểm tra tệp: mỗi câu "
            "đánh số («Câu 1.»), các phương án «A.», «B.»…, đáp án ghi «Đáp án: B» sau câu hỏi hoặc trong bảng "
            "đáp án cuối tệp."
        )
    if report.problems:
        with st.expander(
            f"{len(report.problems)} câu chưa đọc được (không dùng khi ôn)",
            expanded=not n or len(report.problems) <= 10,
        ):
            st.markdown(
                "\n".join(f"- {md_escape(place)}: {md_escape(reason)}" for place, reason in report.problems[:200])
            )


def choose_bank(mode: str) -> tuple[str, str, list[Item], dict[str, str]] | None:
    """The bank to use: (key, label, items, bank label per item for notebook entries)."""
    entries = NOTES.entries(BROWSER)
    path = bundled_bank()
    choices = {BUNDLED: bundled_label(), UPLOAD: "Tệp bộ câu hỏi của tôi (Word, PDF, văn bản)"}
    if entries:
        choices[NOTEBOOK] = f"Các câu trong sổ câu sai ({len(entries)} câu)"
    if st.session_state.get("practice-bank") not in choices:
        st.session_state["practice-bank"] = BUNDLED
    choice = st.radio("Bộ câu hỏi", list(choices), format_func=choices.get, key="practice-bank")
    if choice == BUNDLED:
        items = bundled_items(str(path), path.stat().st_mtime)
        return f"{BUNDLED}:{path.name}", bundled_label(), items, {}
    if choice == NOTEBOOK:
        return NOTEBOOK, "Sổ câu sai", [e.item for e in entries], {e.item.key: e.bank for e in entries}
    upload = st.file_uploader(
        "Chọn tệp bộ câu hỏi (.docx, .pdf hoặc .txt)",
        type=UPLOAD_TYPES,
        key="practice-upload",
        help="Câu hỏi đánh số «Câu 1.» hoặc «1.», phương án «A.» hoặc «a)», đáp án ghi «Đáp án: B», "
        "in đậm hoặc gạch chân trong tệp Word, hoặc trong bảng đáp án cuối tệp.",
    )
    reports: dict = st.session_state.setdefault("practice-imports", {})
    if upload is None:
        digest = st.session_state.get("practice-upload-last")
        if digest not in reports or not reports[digest].items:
            st.caption("Tệp Word (.docx), PDF có chữ (không phải bản scan) hoặc văn bản thường (.txt).")
            return None
        # the file box empties when the person looks at another part of the page; the bank stays
        report = reports[digest]
        st.caption(f"Đang ôn «{md_escape(report.name)}» đã tải lên lúc trước. Muốn dùng tệp khác, hãy chọn tệp ở trên.")
    else:
        report = imported(upload)
        if report is None:
            return None
        digest = hashlib.sha1(upload.getvalue()).hexdigest()[:12]
        st.session_state["practice-upload-last"] = digest
        render_report(report)
    if not report.items:
        return None
    return f"{UPLOAD}:{digest}", report.name, report.items, {}


# ---- practice -----------------------------------------------------------------------------------------------------
def practice(bank_key: str, bank_label: str, items: list[Item], origin: dict[str, str]) -> None:
    shuffle = st.toggle("Xáo trộn thứ tự câu hỏi", key="practice-shuffle")
    # One run per bank and order, kept while the person looks elsewhere; the notebook reorders
    # itself as questions are missed again, so a bank is known by its set of questions.
    runs: dict = st.session_state.setdefault("practice-runs", {})
    signature = (bank_key, shuffle, tuple(sorted(i.key for i in items)))
    run: Practice | None = runs.get(signature)
    if run is None:
        run = runs[signature] = Practice.start(items, shuffle=shuffle)
    item = run.current
    head = f"Câu {run.pos + 1}/{run.total}"
    if item.section:
        head += f" · {item.section}"
    if run.answered:
        head += f" · đã làm {run.answered} câu, đúng {run.right}"
    st.caption(md_escape(head))
    st.markdown(f"**{md_escape(item.question)}**")
    outcome = run.outcome()
    shown: set = set()  # passages quoted on this question so far
    if outcome is None:
        picked = radio(item, f"pr-{bank_key}-{run.pos}-{item.key}")
        if st.button("Kiểm tra", type="primary", icon=":material/done:", width="stretch", key="pr-check"):
            if picked is None:
                st.warning("Hãy chọn một phương án trước khi kiểm tra.")
            else:
                NOTES.record(BROWSER, origin.get(item.key, bank_label), run.check(picked))
                st.rerun()  # the options marked, the verdict and its basis in place of the button
    else:
        marked_options(outcome)
        render_verdict(outcome)
        render_explanation(outcome, explanation(item, outcome.picked), shown)
    ask_assistant(item, f"pr-ask-{run.pos}", checked=outcome is not None, shown=shown)
    back, forward = st.columns(2)
    if back.button("Câu trước", icon=":material/arrow_back:", width="stretch", disabled=run.pos == 0, key="pr-prev"):
        run.previous()
        st.rerun()
    last = run.pos >= run.total - 1
    if forward.button(
        "Câu tiếp theo",
        icon=":material/arrow_forward:",
        type="primary" if outcome is not None else "secondary",
        width="stretch",
        disabled=last,
        key="pr-next",
    ):
        run.next()
        st.rerun()
    if last and outcome is not None:
        st.info(f"Đã hết bộ câu hỏi: đúng {run.right}/{run.answered} câu đã làm.", icon=":material/flag:")
    if run.answered and st.button("Làm lại từ đầu", icon=":material/restart_alt:", width="stretch", key="pr-restart"):
        runs.pop(signature, None)
        st.rerun()


# ---- mock test -------------------------------------------------------------------------------------------------------
def clock(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}"


def submit_mock(test: MockTest, bank_label: str, origin: dict[str, str]) -> None:
    """Hand the test in once: its wrong answers to the notebook, its score to the history."""
    if test.done:
        return
    sync_answers(test)
    score = test.submit()
    for outcome in score.outcomes:
        NOTES.record(BROWSER, origin.get(outcome.item.key, bank_label), outcome)
    NOTES.add_attempt(BROWSER, bank_label, score)


def sync_answers(test: MockTest) -> None:
    """The radios' picks into the test (refused past the deadline)."""
    for pos in range(len(test.items)):
        test.answer(pos, st.session_state.get(f"mock-{test.id}-{pos}"))


def mock(bank_key: str, bank_label: str, items: list[Item], origin: dict[str, str]) -> None:
    test: MockTest | None = st.session_state.get("mock-test")
    if test is None:
        st.caption(f"Câu hỏi được chọn ngẫu nhiên trong {len(items)} câu của bộ đã chọn; bài tự nộp khi hết giờ.")
        with st.form("mock-setup", border=False):
            n = st.number_input("Số câu hỏi", min_value=1, max_value=len(items), value=min(20, len(items)), step=1)
            minutes = st.number_input("Thời gian làm bài (phút)", min_value=1, max_value=180, value=20, step=1)
            if st.form_submit_button("Bắt đầu thi thử", type="primary", icon=":material/timer:", width="stretch"):
                st.session_state["mock-test"] = MockTest.start(items, int(n), float(minutes))
                st.session_state["mock-bank"] = bank_key
                st.session_state["mock-bank-label"] = bank_label
                st.session_state["mock-origin"] = origin
                st.rerun()
        return
    if not test.done:
        sync_answers(test)
        if test.expired():
            submit_mock(test, bank_label, origin)
        else:
            running(test, bank_label, origin)
            return
    review(test)


def running(test: MockTest, bank_label: str, origin: dict[str, str]) -> None:
    total = len(test.items)

    @st.fragment(run_every=1.0)
    def clock_line() -> None:
        left = test.time_left()
        if left <= 0 and not test.done:
            submit_mock(test, bank_label, origin)
            st.rerun(scope="app")
        answered = sum(st.session_state.get(f"mock-{test.id}-{p}") is not None for p in range(total))
        st.progress(
            left / (test.minutes * 60),
            text=f"Còn lại {clock(left)} · đã trả lời {answered}/{total} câu",
        )

    with st.container(key="mock-clock"):
        clock_line()
    for pos, item in enumerate(test.items):
        with st.container(border=True):
            st.markdown(f"**Câu {pos + 1}.** {md_escape(item.question)}")
            radio(item, f"mock-{test.id}-{pos}")
    if st.button("Nộp bài", type="primary", icon=":material/send:", width="stretch", key="mock-submit"):
        submit_mock(test, bank_label, origin)
        st.rerun()
    if st.button("Huỷ bài thi này", icon=":material/close:", width="stretch", key="mock-cancel"):
        st.session_state.pop("mock-test", None)
        st.rerun()


def review(test: MockTest) -> None:
    score = test.score
    assert score is not None
    text = f"Kết quả: đúng **{score.right}/{score.total}** câu ({score.percent}%), làm trong {duration(score.seconds)}."
    if score.timed_out:
        text += " Hết giờ: bài đã được nộp tự động."
    (st.success if score.percent >= 50 else st.warning)(text, icon=":material/flag:")
    if st.button("Thi thử lần nữa", type="primary", icon=":material/replay:", width="stretch", key="mock-again"):
        st.session_state.pop("mock-test", None)
        st.rerun()
    st.subheader("Xem lại bài làm")
    opened: set = st.session_state.setdefault("mock-opened", set())
    for pos, outcome in enumerate(score.outcomes):
        item = outcome.item
        with st.container(border=True):
            mark = RIGHT if outcome.correct else WRONG
            st.markdown(f"{mark} **Câu {pos + 1}.** {md_escape(item.question)}")
            marked_options(outcome)
            if outcome.picked is None:
                st.caption("Đồng chí chưa trả lời câu này.")
            key = (test.id, pos)
            if key not in opened and LIBRARY:
                if st.button(
                    "Xem căn cứ", key=f"mock-why-{test.id}-{pos}", icon=":material/menu_book:", width="stretch"
                ):
                    opened.add(key)
                    st.rerun()  # the basis in place of the button
            if key in opened:
                render_explanation(outcome, explanation(item, outcome.picked))


# ---- notebook and history ------------------------------------------------------------------------------------------
def practise_notebook() -> None:
    st.session_state["practice-mode"] = "practice"
    st.session_state["practice-bank"] = NOTEBOOK


def notebook() -> None:
    entries = NOTES.entries(BROWSER)
    if not entries:
        st.info(
            "Sổ câu sai đang trống. Câu nào làm sai khi luyện tập hay thi thử sẽ được ghi vào đây để ôn lại.",
            icon=":material/menu_book:",
        )
        return
    st.caption(
        f"{len(entries)} câu đồng chí đã làm sai, câu mới sai gần đây ở trên. Sổ được giữ lại cho trình duyệt này."
    )
    st.button(
        "Luyện lại các câu trong sổ",
        type="primary",
        icon=":material/replay:",
        width="stretch",
        on_click=practise_notebook,
        key="nb-practise",
    )
    for e in entries:
        item = e.item
        with st.container(border=True):
            st.markdown(f"**{md_escape(item.question)}**")
            lines = [
                f"- Đã chọn: {md_escape(option_label(item, e.picked))}",
                f"- Đáp án đúng: **{md_escape(option_label(item, item.answer))}**",
            ]
            st.markdown("\n".join(lines))
            when = time.strftime("%d/%m/%Y %H:%M", time.localtime(e.last_wrong))
            note = f"Sai {e.times_wrong} lần, lần gần nhất {when} · {e.bank}"
            if e.right_since:
                note += f" · đã làm đúng lại {e.right_since} lần"
            st.caption(md_escape(note))
            if st.button("Xoá khỏi sổ", key=f"nb-remove-{item.key}", icon=":material/delete:", width="stretch"):
                NOTES.remove(BROWSER, item.key)
                st.rerun()


def history_chart(attempts):
    """Percent right per mock test, oldest first: sized to stay readable on a phone's width."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with plt.rc_context({"font.size": 11}):
        fig, ax = plt.subplots(figsize=(5.2, 3.0), dpi=120)
        xs = list(range(1, len(attempts) + 1))
        ax.plot(xs, [a.percent for a in attempts], marker="o", color="#b71c1c")
        for x, a in zip(xs, attempts):
            ax.annotate(f"{a.right}/{a.total}", (x, a.percent), textcoords="offset points", xytext=(0, 6), ha="center")
        ax.set_ylim(-6, 115)
        ax.set_xlim(0.5, len(attempts) + 0.5)
        ax.set_yticks([0, 25, 50, 75, 100])
        ax.set_ylabel("% câu đúng")
        step = max(1, len(attempts) // 8)  # at most about eight labels
        ticks = xs[::step]
        ax.set_xticks(ticks)
        ax.set_xticklabels([f"Lần {x}\n{time.strftime('%d/%m', time.localtime(attempts[x - 1].when))}" for x in ticks])
        ax.grid(alpha=0.3)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.tight_layout()
    return fig


def history() -> None:
    attempts = NOTES.attempts(BROWSER)
    if not attempts:
        st.info("Chưa có lần thi thử nào. Kết quả mỗi lần thi thử sẽ được ghi lại ở đây.", icon=":material/timeline:")
        return
    best = max(a.percent for a in attempts)
    st.caption(f"{len(attempts)} lần thi thử, cao nhất {best}% số câu đúng.")
    fig = history_chart(attempts)
    st.pyplot(fig, width="stretch")
    import matplotlib.pyplot as plt

    plt.close(fig)
    lines = []
    for a in reversed(attempts):
        when = time.strftime("%d/%m/%Y %H:%M", time.localtime(a.when))
        line = f"- {when} — {md_escape(a.bank)}: đúng **{a.right}/{a.total}** ({a.percent}%)"
        if a.seconds is not None:
            line += f", làm trong {duration(a.seconds)}"
        if a.timed_out:
            line += " (hết giờ)"
        lines.append(line)
    st.markdown("\n".join(lines))


# ---- the page ----------------------------------------------------------------------------------------------------------
if not LIBRARY:
    st.warning(
        "Thư viện chưa có tài liệu nên chưa tìm được căn cứ cho đáp án; vẫn luyện tập và thi thử được. "
        "Quản trị viên hãy nạp tài liệu ở trang «Tài liệu».",
        icon=":material/info:",
    )
count = NOTES.count(BROWSER)
labels = {**MODES, "notebook": f"Sổ câu sai ({count})" if count else MODES["notebook"]}
mode = st.radio("Chế độ", list(MODES), format_func=labels.get, horizontal=True, key="practice-mode")
if mode == "mock" and st.session_state.get("mock-test") is not None:
    # a test under way or handed in: its own bank, whatever the picker says
    mock(
        st.session_state["mock-bank"],
        st.session_state["mock-bank-label"],
        [],
        st.session_state.get("mock-origin", {}),
    )
elif mode in ("practice", "mock"):
    bank = choose_bank(mode)
    if bank is not None:
        if not bank[2]:
            st.info("Bộ câu hỏi này chưa có câu nào.")
        else:
            (practice if mode == "practice" else mock)(*bank)
elif mode == "notebook":
    notebook()
else:
    history()
