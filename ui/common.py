"""Shared pieces of the app: settings, the assistant loaded ahead of time, background jobs with
progress, access gates, sidebar, Vietnamese for Streamlit's own strings, rendering helpers.

Only rendering lives in ui/: every page calls `assistant`, `ingest` or `evals` for the work.
Document text is never rendered as HTML: it goes through `md_escape` into Markdown, which
Streamlit renders with HTML disabled.
"""

from __future__ import annotations

import hmac
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from ingest.settings import Settings

STATIC = Path(__file__).resolve().parent / "static"
EXAMPLES = [
    "Sinh hoạt chi bộ cần bảo đảm những tính chất gì?",
    "Để bàn sâu một vấn đề, chi bộ nên chọn hình thức sinh hoạt nào?",
    "Trước mỗi kỳ sinh hoạt, bí thư chi bộ cần chuẩn bị những gì?",
    "Cần làm gì để tạo nguồn kết nạp đảng viên?",
]
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_escape(text: str) -> str:
    """Document text shown literally in Markdown: no formatting, no HTML, no links."""
    return _MD_SPECIAL.sub(r"\\\1", text)


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


def duration(seconds: float) -> str:
    """A duration as a person says it.

    >>> duration(4.2), duration(75), duration(3600)
    ('4 giây', '1 phút 15 giây', '60 phút')
    """
    s = max(0, int(round(seconds)))
    if s < 60:
        return f"{s} giây"
    m, s = divmod(s, 60)
    return f"{m} phút {s} giây" if s else f"{m} phút"


# ---- settings --------------------------------------------------------------------------------
_SERVER_SETTINGS: Settings | None = None


def use_settings(value: Settings) -> None:
    """The settings `chibo ui` was started with (flags included); the app runs in that process."""
    global _SERVER_SETTINGS
    _SERVER_SETTINGS = value


def settings() -> Settings:
    return _SERVER_SETTINGS or Settings.from_env()


def backend_labels() -> dict[str, str]:
    from assistant.llm import BACKENDS

    return {b.id: b.label for b in BACKENDS.values()}


# ---- the assistant, loaded ahead of time ------------------------------------------------------
# One assistant per answering configuration and index, loaded by a background thread: at server
# start (`chibo ui` starts it before Streamlit), on a page's first visit, and again after an
# ingest (the library, BM25 and noise floor of the new index generation). A page never blocks on
# it without showing how long it has waited.
_LOADS: dict[tuple, dict] = {}
_LOADS_LOCK = threading.Lock()
_MAX_LOADS = 4


def _key(cfg: dict | None = None) -> tuple:
    s = settings()
    cfg = cfg or {}
    return (
        cfg.get("backend") or s.backend,
        cfg.get("base_url"),
        cfg.get("model"),
        cfg.get("api_key"),
        str(s.index),
        s.embedder,
        s.chroma_url,
    )


def backend_cfg() -> dict:
    """The answering backend this visitor's session uses (administrators may change it)."""
    try:
        return st.session_state.setdefault("backend_cfg", {"backend": settings().backend})
    except Exception:  # outside a page run (the server's warm-up thread)
        return {"backend": settings().backend}


def _build(key: tuple):
    from assistant.service import Assistant

    backend, base_url, model, api_key = key[:4]
    options = {k: v for k, v in {"base_url": base_url, "model": model, "api_key": api_key}.items() if v}
    if backend == "llamacpp" and model:
        options = {"model_path": model}
    return Assistant(settings(), backend=backend, **options)


def _load(state: dict) -> None:
    try:
        assistant = state["assistant"] or _build(state["key"])
        assistant.warm()
        state["assistant"] = assistant
    except Exception as exc:  # shown on the page as a sentence, never a traceback
        state["error"] = str(exc) or type(exc).__name__
    finally:
        state["done"] = time.time()
        state["event"].set()


def start_warm(cfg: dict | None = None, reason: str = "start") -> dict:
    """Load the assistant (or, with reason="refresh", reload what an ingest changed) in a
    background thread; returns its state: started, done, error, assistant."""
    key = _key(cfg)
    with _LOADS_LOCK:
        state = _LOADS.get(key)
        if state is not None and (state["done"] is None or (reason != "refresh" and not state["error"])):
            return state
        state = {
            "key": key,
            "assistant": state["assistant"] if state else None,
            "started": time.time(),
            "done": None,
            "error": None,
            "reason": reason,
            "event": threading.Event(),
        }
        _LOADS[key] = state
        for old in [k for k in _LOADS if k != key][: max(0, len(_LOADS) - _MAX_LOADS)]:
            if _LOADS[old]["done"] is not None:
                del _LOADS[old]
    threading.Thread(target=_load, args=(state,), name="chibo-warm", daemon=True).start()
    return state


def refresh_after_ingest() -> None:
    """The index changed: reload every loaded assistant's library now, not on the next question."""
    with _LOADS_LOCK:
        cfgs = [dict(zip(("backend", "base_url", "model", "api_key"), k[:4])) for k in _LOADS]
    for cfg in cfgs or [None]:
        start_warm(cfg, reason="refresh")


def load_state(cfg: dict | None = None) -> dict | None:
    return _LOADS.get(_key(cfg))


def wait_assistant(cfg: dict | None = None):
    """The loaded assistant (blocks until it is ready: call it off the page's thread, or after
    `load_state` says it is done)."""
    state = start_warm(cfg, reason="ask")
    state["event"].wait()
    if state["error"]:
        from ingest.errors import ChiboError

        raise ChiboError(state["error"])
    return state["assistant"]


def current_assistant():
    return wait_assistant(backend_cfg())


def loading_message(state: dict | None) -> str | None:
    """What the page says while the assistant loads, or None when it is ready."""
    if state is None or state["done"] is not None:
        return None
    waited = duration(time.time() - state["started"])
    if state["reason"] == "refresh":
        return f"Đang nạp lại thư viện tài liệu sau khi cập nhật… đã {waited}"
    return f"Trợ lý đang nạp tài liệu và mô hình (chỉ lần đầu sau khi khởi động)… đã {waited}"


def index_ready() -> bool:
    from ingest.store import Index

    s = settings()
    if not (s.index / "index.db").exists():
        return False
    index = Index.from_settings(s)
    try:
        return bool(index.documents())
    finally:
        index.close()


# ---- long jobs with progress -------------------------------------------------------------------
@dataclass
class Job:
    """Work in a background thread that the page polls: counts, time spent, time left.

    `work(job)` calls `job.update(done, total, detail)` as it goes; the job survives reruns in
    `st.session_state`, so leaving the page and coming back shows it still running."""

    title: str  # "Đang nạp tài liệu"
    unit: str  # "tệp", "câu hỏi"
    work: Callable[[Job], Any]
    done: int = 0
    total: int = 0
    detail: str = ""
    started: float = field(default_factory=time.time)
    finished: float | None = None
    result: Any = None
    error: BaseException | None = None
    context: dict = field(default_factory=dict)

    def start(self) -> Job:
        threading.Thread(target=self._run, name="chibo-job", daemon=True).start()
        return self

    def _run(self) -> None:
        try:
            # Models load lazily and not all of them safely from two threads at once (underthesea's
            # first word segmentation): a job that starts while the assistant loads waits for it.
            for state in list(_LOADS.values()):
                if state["done"] is None:
                    self.detail = "đang chờ trợ lý nạp xong mô hình"
                    state["event"].wait()
            self.detail = ""
            self.result = self.work(self)
        except BaseException as exc:  # reported on the page; the details go to the server's log
            import traceback

            traceback.print_exc()
            self.error = exc
        finally:
            self.finished = time.time()

    def update(self, done: int, total: int, detail: str | None = None) -> None:
        self.done, self.total = done, total
        if detail is not None:
            self.detail = detail

    @property
    def running(self) -> bool:
        return self.finished is None

    def fraction(self) -> float:
        return min(1.0, self.done / self.total) if self.total else 0.0

    def describe(self) -> str:
        """ "Đang nạp tài liệu: 2/5 tệp — Mặc định · đã 12 giây · còn khoảng 18 giây"."""
        spent = (self.finished or time.time()) - self.started
        parts = [self.title]
        if self.total:
            parts[0] += f": {self.done}/{self.total} {self.unit}"
        if self.detail:
            parts[0] += f" — {self.detail}"
        parts.append(f"đã {duration(spent)}")
        if self.total and 0 < self.done < self.total:
            parts.append(f"còn khoảng {duration(spent / self.done * (self.total - self.done))}")
        elif self.total and self.done == 0:
            parts.append("đang ước tính thời gian còn lại")
        return " · ".join(parts)


def error_message(exc: BaseException, what: str) -> str:
    """An error as the page shows it: our own messages (Vietnamese, saying what to do) as they
    are; anything else as a sentence, its details left to the server's log."""
    from ingest.errors import ChiboError

    if isinstance(exc, (ChiboError, FileNotFoundError)) or (str(exc) and not str(exc).isascii()):
        return sentence(str(exc))
    return f"{what} không xong do một lỗi của chương trình. Hãy thử lại; nếu vẫn lỗi, báo cho người quản trị kỹ thuật."


def follow(job: Job) -> None:
    """Show the job's progress until it ends (a bar with counts, time spent and time left)."""
    bar = st.progress(job.fraction(), text=job.describe())
    while job.running:
        time.sleep(0.4)
        bar.progress(job.fraction(), text=job.describe())
    bar.empty()


# ---- messages a secretary can act on ------------------------------------------------------------
_KIND_NAMES = {
    "pdf": ("tệp PDF", ".pdf"),
    "zip": ("tệp Word (.docx)", ".docx"),
    "ole": ("tệp Word đời cũ (.doc)", ".doc"),
    "html": ("trang web (HTML)", ".html"),
    "text": ("văn bản thường", ".txt"),
}
RESAVE = "Hãy mở tệp bằng Word, lưu lại dưới dạng .docx rồi tải lên tệp mới."


def sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def upload_rejection(name: str, reason: str) -> str:
    """Why an upload was refused and what to do, in words a secretary understands."""
    broken = (
        f"«{name}» bị hỏng hoặc không phải tệp {Path(name).suffix or 'văn bản'} thật nên không đọc được. "
        "Hãy mở tệp gốc, lưu lại dưới dạng .docx hoặc .pdf rồi tải lên lần nữa."
    )
    if m := re.search(r"loại tệp '([^']*)'", reason):
        suffix = m[1]
        if suffix == ".doc":
            return f"«{name}» là tệp Word đời cũ (.doc), chưa đọc được. {RESAVE}"
        if suffix in ("", "không đuôi"):
            return (
                f"«{name}» không có đuôi tên tệp nên không biết là loại gì. "
                "Hãy đặt lại tên có đuôi .docx, .pdf hoặc .txt rồi tải lên."
            )
        return f"«{name}»: chưa đọc được loại tệp «{suffix}». Hãy lưu lại dưới dạng .docx hoặc .pdf rồi tải lên."
    if "nhị phân" in reason or "dữ liệu máy" in reason or "binary" in reason:
        return broken
    if m := re.search(r"không phải (\.\w+) \(nhận ra: (\w+)\)", reason):  # older form of the message
        suffix, kind = m[1], m[2]
        if kind in _KIND_NAMES and _KIND_NAMES[kind][1] != suffix:
            real, right = _KIND_NAMES[kind]
            if kind == "ole":
                return f"«{name}» thật ra là {real}, chưa đọc được. {RESAVE}"
            return (
                f"«{name}» có đuôi {suffix} nhưng nội dung là {real}. Hãy đổi đuôi tên tệp thành {right} rồi tải lên."
            )
        return broken
    if "hãy" in reason.lower():  # the library already says what to do
        return f"«{name}»: {sentence(reason)}"
    if "lớn hơn" in reason:
        return f"«{name}» lớn hơn giới hạn cho phép. Hãy tách thành nhiều tệp nhỏ hơn rồi tải lên."
    if "rỗng" in reason:
        return f"«{name}» là tệp rỗng, không có nội dung. Hãy kiểm tra lại tệp gốc rồi tải lên lần nữa."
    return f"«{name}»: {ingest_failure(reason)}"


def accepted_types(types: tuple[str, ...] | list[str]) -> str:
    """The file types an upload accepts, grouped as a person thinks of them.

    >>> accepted_types([".docx", ".pdf", ".txt"])
    'Word (.docx), PDF, văn bản thường (.txt)'
    """
    from ingest.loaders import LOADERS

    groups: dict[str, list[str]] = {}  # the loaders' own names for their kinds, in their order
    for spec in LOADERS:
        if spec.upload:
            groups.setdefault(spec.label, []).extend(spec.suffixes)
    types = [t for t in types if t != ".htm"]
    parts, seen = [], set()
    for label, group in groups.items():
        have = [t for t in group if t in types]
        seen.update(have)
        if have:
            parts.append(label if label == "PDF" else f"{label} ({', '.join(have)})")
    parts += [t for t in types if t not in seen]
    return ", ".join(parts)


# What the app says for each kind of failed file (`IngestFileError.code`); the loader's own reason
# is shown for the others, and for errors stored before codes existed the words are matched.
FAILURE_MESSAGES = {
    "too_large": "Tệp quá lớn. Hãy tách thành các tệp nhỏ hơn rồi tải lên.",
    "empty": "Tệp rỗng, không có gì để đọc. Hãy kiểm tra lại tệp gốc rồi tải lên.",
    "binary": "Tệp bị hỏng hoặc không phải văn bản nên không đọc được. Hãy mở tệp gốc, lưu lại dưới dạng "
    ".docx hoặc .pdf rồi tải lên.",
    "no_text": "Tệp không có đoạn văn nào đọc được. Hãy kiểm tra tệp gốc có chữ hay không rồi tải lên lần nữa.",
}


def ingest_failure(message: str, code: str = "") -> str:
    """A loader's reason for a failed file, ending with what to do."""
    if code in FAILURE_MESSAGES:
        return FAILURE_MESSAGES[code]
    low = message.lower()
    if "ocr" in low or "scan" in low:
        return (
            "Đây là bản scan (ảnh chụp trang giấy), chưa có chữ để đọc. "
            "Hãy tải lên bản có chữ (PDF xuất từ Word, hoặc tệp .docx) nếu có."
        )
    if ".doc" in low and ".docx" in low:
        return f"Tệp Word đời cũ (.doc) chưa đọc được. {RESAVE}"
    if "nhị phân" in low or "binary" in low:
        return "Tệp bị hỏng hoặc không phải văn bản nên không đọc được. Hãy mở tệp gốc, lưu lại dưới dạng .docx hoặc .pdf rồi tải lên."
    if "không còn nội dung" in low:
        return "Tệp không có đoạn văn nào đọc được. Hãy kiểm tra tệp gốc có chữ hay không rồi tải lên lần nữa."
    text = sentence(message)
    return text if "hãy" in low else f"{text} Hãy kiểm tra lại tệp, lưu dưới dạng .docx hoặc .pdf rồi tải lên lần nữa."


# ---- access --------------------------------------------------------------------------------------
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


# ---- page furniture ------------------------------------------------------------------------------
def localize() -> None:
    """Our style sheet, and Vietnamese for Streamlit's own strings (upload box, "Press Enter to
    apply", the running indicator, tooltips, the phone menu): a small script in the page that
    rewrites them as they appear. Our own code, never document text."""
    st.html(STATIC / "app.css")
    st.html(
        f"<div id='chibo-vi' hidden></div><script>{(STATIC / 'vi.js').read_text(encoding='utf-8')}</script>",
        unsafe_allow_javascript=True,
    )


def sidebar() -> None:
    with st.sidebar:
        cfg = backend_cfg()
        labels = backend_labels()
        st.caption(f"Cách trả lời: {labels.get(cfg['backend'], cfg['backend'])}")
        with st.expander("Tuỳ chỉnh cách tìm"):
            st.slider(
                "Số đoạn tài liệu xem xét cho mỗi câu hỏi",
                3,
                20,
                key="top_k",
                value=st.session_state.get("top_k", 10),
                help="Trợ lý đọc bấy nhiêu đoạn tài liệu gần với câu hỏi nhất rồi chọn câu trả lời từ đó.",
            )
            st.caption("Để 10 là phù hợp. Tăng lên nếu câu trả lời còn thiếu ý; giảm xuống nếu lạc đề.")
        if not is_admin():
            st.caption("Quản trị viên có thể đổi cách trả lời.")
            return
        with st.expander("Cách trả lời (quản trị)"):
            backend = st.selectbox(
                "Bộ trả lời",
                list(labels),
                format_func=labels.get,
                index=list(labels).index(cfg["backend"]),
            )
            base_url = model = api_key = None
            if backend == "openai-compatible":
                base_url = st.text_input("Địa chỉ máy chủ", cfg.get("base_url") or "http://127.0.0.1:11434/v1")
                model = st.text_input("Tên mô hình", cfg.get("model") or "qwen2.5:7b-instruct")
                api_key = st.text_input("Khóa API (nếu cần)", cfg.get("api_key") or "", type="password") or None
            elif backend == "llamacpp":
                model = st.text_input("Đường dẫn tệp GGUF", cfg.get("model") or "")
            col1, col2 = st.columns(2)
            if col1.button("Áp dụng", width="stretch"):
                st.session_state["backend_cfg"] = {
                    "backend": backend,
                    "base_url": base_url,
                    "model": model,
                    "api_key": api_key,
                }
                start_warm(st.session_state["backend_cfg"])
                st.rerun()
            if col2.button("Kiểm tra kết nối", width="stretch"):
                st.session_state["connection"] = test_connection(backend, base_url, model, api_key)
            if st.session_state.get("connection"):
                ok, message = st.session_state["connection"]
                (st.success if ok else st.error)(message)


def test_connection(backend: str, base_url, model, api_key) -> tuple[bool, str]:
    from assistant.llm import get_backend
    from ingest.errors import ChiboError

    try:
        if backend == "openai-compatible":
            models = get_backend(backend, settings(), base_url=base_url, model=model, api_key=api_key).check()
            return True, f"Kết nối được. Mô hình có sẵn: {models}"
        if backend == "llamacpp":
            if not model or not Path(model).exists():
                return False, f"Không thấy tệp GGUF: {model}. Hãy kiểm tra lại đường dẫn."
            return True, "Tìm thấy tệp GGUF."
        return True, "Bộ trả lời trích dẫn không cần kết nối."
    except ChiboError as exc:
        return False, str(exc)
