"""Clean web captures: keep every sentence of the article, drop the page around it.

The seeds are news pages saved as text: login prompts, audio-player menus, view counters,
photo captions printed twice, and lists of unrelated articles after "Có thể bạn quan tâm".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.textnorm import fold, normalize

# Everything from one of these lines on is the page, not the article.
_STOP_LINES = {
    fold(s)
    for s in (
        "Có thể bạn quan tâm",
        "Tin cùng chuyên mục",
        "Các tin khác",
        "Thư viện ảnh",
        "Tin liên quan",
        "Bài viết liên quan",
        "Tin khác",
        "Xem thêm",
        "Đọc thêm",
        "Tin mới nhất",
        "Tin đọc nhiều",
        "Bình luận",
        "Ý kiến bạn đọc",
        "Gửi bình luận",
        "Phản hồi",
    )
}
# Single lines of page furniture.
_JUNK_LINES = {
    fold(s)
    for s in (
        "Đăng nhập",
        "Đăng ký",
        "Đăng xuất",
        "Zalo",
        "Facebook",
        "Twitter",
        "Chia sẻ",
        "In bài",
        "Đăng nhập để trải nghiệm thêm những tính năng hữu ích",
        "Nam miền Bắc",
        "Nữ miền Bắc",
        "Nữ miền Nam",
        "Nam miền Nam",
        "Nghe bài viết",
        "Nghe audio",
        "Tạm dừng",
        "Liên kết website",
        "Mới nhất",
        "Trang chủ",
        "Copy link",
        "Lưu bài viết",
    )
}
_JUNK_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^\d{1,2}:\d{2}(\s*/\s*\d{1,2}:\d{2})?$",  # audio player 0:00 / 0:00
        r"^[\d.,\s]+$",  # view counters, page numbers
        r"^theo dõi .{0,60} trên google news$",
        r"^(lượt xem|views?)\s*:?\s*[\d.,]*$",
        r"^.{0,120}\bảnh \d{1,2}$",  # "<title> ảnh 1" image alt text
        r"^(thứ (hai|ba|tư|năm|sáu|bảy)|chủ nhật),\s*\d{1,2}/\d{1,2}/\d{4}(\s+\d{1,2}:\d{2}.*)?$",
    )
]
_BULLET_MARK = re.compile(r"^[•·▪●◦]\s*")
_DATELINE = re.compile(
    r"^(?:thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật),\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}:\d{2}))?",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"\.?\s*\(?Ảnh\s*:\s*[^.]{1,60}\)?\.?$")
_TERMINAL = re.compile(r"[.!?…:;\"')\]]$")
# A doubled paragraph shorter than this is a photo caption; longer ones are pull quotes
# whose text is part of the article, kept once.
CAPTION_MAX_CHARS = 160


@dataclass
class Cleaned:
    text: str
    headings: list[str] = field(default_factory=list)
    byline: str | None = None
    published: str | None = None  # ISO date of a dateline with a time ("30/11/2018 20:13")
    datelines: list[str] = field(default_factory=list)  # every ISO date printed in the header
    dropped: list[str] = field(default_factory=list)  # lines removed, for inspection and tests


def _is_junk(line: str) -> bool:
    key = fold(_BULLET_MARK.sub("", line)).strip(" .:")
    return key in _JUNK_LINES or any(p.match(line) for p in _JUNK_PATTERNS)


def _looks_like_byline(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 4
        and len(line) <= 30
        and not _TERMINAL.search(line)
        and all(w[:1].isupper() or w[:1] == "(" for w in words if w[0].isalpha() or w[0] == "(")
    )


def is_heading(line: str, next_line: str | None) -> bool:
    """A short line without closing punctuation followed by a paragraph reads as a heading."""
    return (
        next_line is not None
        and 3 <= len(line) <= 160
        and not _TERMINAL.search(line)
        and len(line.split()) >= 2
        and line[:1].isupper()
    )


def clean_web(raw: str) -> Cleaned:
    """Clean a captured news page.

    >>> c = clean_web("Đăng nhập\\nZalo\\n\\nTiêu đề bài\\n\\nCâu thân bài.\\n\\nCó thể bạn quan tâm\\n\\nTin khác")
    >>> c.text
    'Tiêu đề bài\\n\\nCâu thân bài.'
    """
    lines = [ln.strip() for ln in normalize(raw).split("\n")]
    out = Cleaned(text="")
    kept: list[str] = []
    for line in lines:
        if not line:
            continue
        if fold(line).strip(" .:") in _STOP_LINES:
            out.dropped.append(line)
            break
        m = _DATELINE.match(line)
        if m:
            d, mo, y = (int(g) for g in m.groups()[:3])
            out.datelines.append(f"{y:04d}-{mo:02d}-{d:02d}")
            if m.group(4):  # the article's own timestamp; a bare date is the capture day
                out.published = out.datelines[-1]
            out.dropped.append(line)
            continue
        if _is_junk(line):
            out.dropped.append(line)
            continue
        kept.append(line)

    # Photo captions come twice in a row: keep pull quotes once, drop short captions.
    deduped: list[str] = []
    i = 0
    while i < len(kept):
        line = kept[i]
        doubled = i + 1 < len(kept) and kept[i + 1] == line
        if doubled:
            if len(line) < CAPTION_MAX_CHARS:
                out.dropped.append(line)
            else:
                deduped.append(line)
            i += 2
            continue
        if _CAPTION.search(line) and len(line) < CAPTION_MAX_CHARS and "Ảnh:" in line:
            out.dropped.append(line)  # a single caption "… Ảnh: Mai Linh"
        else:
            deduped.append(line)
        i += 1

    if deduped and _looks_like_byline(deduped[-1]) and len(deduped) > 1:
        out.byline = deduped.pop()
    # Short lines before the title (a section label "Vĩnh Phúc", a campaign banner) belong to
    # the page header: the title is the last short line before the first paragraph.
    first_para = next((i for i, ln in enumerate(deduped) if not is_heading(ln, "x" * 999)), 0)
    if first_para > 1:
        out.dropped.extend(deduped[: first_para - 1])
        deduped = deduped[first_para - 1 :]
    out.headings = [ln for ln, nxt in zip(deduped, deduped[1:] + [None]) if is_heading(ln, nxt)]
    out.text = "\n\n".join(deduped)
    return out


def clean_plain(raw: str) -> Cleaned:
    """Light cleaning for office documents: normalisation and blank-line paragraphs only."""
    lines = [ln.strip() for ln in normalize(raw).split("\n")]
    paras = [ln for ln in lines if ln]
    headings = [ln for ln, nxt in zip(paras, paras[1:] + [None]) if is_heading(ln, nxt)]
    return Cleaned(text="\n\n".join(paras), headings=headings)
