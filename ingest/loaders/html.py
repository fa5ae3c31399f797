"""Web pages: text of the article blocks, headings from h1–h4; pathological nesting read linearly."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from ingest.cleaning import clean_web
from ingest.loaders.base import MAX_HTML_DEPTH, Loaded, decode_text, from_cleaned, unlegacy


class _DepthProbe(HTMLParser):
    """One linear pass: the nesting depth of the markup and its text outside script/style."""

    _VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}
    _BLOCK = {"p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "section", "article"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = self.max_depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript", "template"):
            self.skip += 1
        if tag in self._BLOCK:
            self.parts.append("\n")
        if tag not in self._VOID:
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript", "template"):
            self.skip = max(0, self.skip - 1)
        if tag in self._BLOCK:
            self.parts.append("\n")
        if tag not in self._VOID:
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def load_html(path: Path, data: bytes) -> Loaded:
    from bs4 import BeautifulSoup

    notes: list[str] = []
    text = unlegacy(decode_text(data, path, notes), notes)
    probe = _DepthProbe()
    probe.feed(text)
    probe.close()
    if probe.max_depth > MAX_HTML_DEPTH:
        # A tree this deep is not a real page layout; read its text without building one.
        notes.append(f"HTML lồng {probe.max_depth} tầng (quá {MAX_HTML_DEPTH}): chỉ lấy chữ, bỏ cấu trúc")
        loaded = from_cleaned(clean_web("\n".join(" ".join(p.split()) for p in "".join(probe.parts).split("\n"))))
        loaded.notes = notes
        return loaded
    soup = BeautifulSoup(text, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    for tag in soup(
        [
            "script",
            "style",
            "noscript",
            "nav",
            "header",
            "footer",
            "aside",
            "form",
            "iframe",
            "svg",
            "button",
            "template",
        ]
    ):
        tag.decompose()
    blocks = []
    for el in soup.find_all(
        ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "td", "figcaption", "div"]
    ):
        if el.name == "div" and el.find(["p", "div", "li", "h1", "h2", "h3", "table"]):
            continue  # a container: its children carry the text
        text = el.get_text(" ", strip=True)
        if text:
            blocks.append(text)
    cleaned = clean_web("\n".join(blocks))
    h_tags = [h.get_text(" ", strip=True) for h in soup.find_all(["h1", "h2", "h3", "h4"])]
    headings = [h for h in h_tags if h and h in cleaned.text] or cleaned.headings
    loaded = from_cleaned(cleaned, html_title=title)
    loaded.headings = headings
    loaded.notes = notes
    return loaded
