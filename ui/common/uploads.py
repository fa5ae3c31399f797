"""Uploads: why one was refused and what to do, in words a secretary understands; the file types
an upload accepts."""

from __future__ import annotations

import re
from pathlib import Path

from ui.common.messages import RESAVE, ingest_failure, sentence

_KIND_NAMES = {
    "pdf": ("tệp PDF", ".pdf"),
    "zip": ("tệp Word (.docx)", ".docx"),
    "ole": ("tệp Word đời cũ (.doc)", ".doc"),
    "html": ("trang web (HTML)", ".html"),
    "text": ("văn bản thường", ".txt"),
}


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
