"""Shared pieces of the app, one module per concern:

- `config`: the settings `chibo ui` was started with, the answering backends' names
- `loading`: the assistant, loaded ahead of time by a background thread
- `jobs`: long work in a background thread, with progress
- `access`: the passwords in front of the app and of its administration
- `page`: our style sheet, Vietnamese for Streamlit's own strings, the example questions
- `sidebar`: the sidebar (search settings; the answering backend, for administrators)
- `formatting`: document text as literal Markdown, durations as a person says them
- `citations`: a cited passage with its quote in bold, a link to the reader at a citation
- `messages`: errors and failed files as sentences a secretary can act on
- `uploads`: why an upload was refused, which file types an upload accepts

Only rendering lives in ui/: every page calls `assistant`, `ingest` or `evals` for the work.
Document text is never rendered as HTML: it goes through `md_escape` into Markdown, which
Streamlit renders with HTML disabled.

The names many pages share (and those `ui/app.py` and `ui/serve.py` reach as `common.…`) are
re-exported here; the others are imported from their module.
"""

from __future__ import annotations

from ui.common.access import require_access
from ui.common.citations import highlight, reader_link
from ui.common.config import settings, use_settings
from ui.common.formatting import duration, md_escape
from ui.common.loading import backend_cfg, current_assistant, index_ready, start_warm, wait_assistant
from ui.common.messages import error_message
from ui.common.page import localize
from ui.common.sidebar import sidebar

__all__ = [
    "backend_cfg",
    "current_assistant",
    "duration",
    "error_message",
    "highlight",
    "index_ready",
    "localize",
    "md_escape",
    "reader_link",
    "require_access",
    "settings",
    "sidebar",
    "start_warm",
    "use_settings",
    "wait_assistant",
]
