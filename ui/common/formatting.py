"""Rendering helpers: document text as literal Markdown, durations as a person says them.

Document text is never rendered as HTML: it goes through `md_escape` into Markdown, which
Streamlit renders with HTML disabled.
"""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_escape(text: str) -> str:
    """Document text shown literally in Markdown: no formatting, no HTML, no links."""
    return _MD_SPECIAL.sub(r"\\\1", text)


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
