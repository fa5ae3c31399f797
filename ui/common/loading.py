"""The assistant, loaded ahead of time.

One assistant per answering configuration and index, loaded by a background thread: at server
start (`chibo ui` starts it before Streamlit), on a page's first visit, and again after an
ingest (the library, BM25 and noise floor of the new index generation). A page never blocks on
it without showing how long it has waited.
"""

from __future__ import annotations

import threading
import time

import streamlit as st

from ui.common.config import settings
from ui.common.formatting import duration

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


def load_states() -> list[dict]:
    """Every load's state, finished or not (a copy: loads may start meanwhile)."""
    return list(_LOADS.values())


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
