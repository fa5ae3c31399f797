"""Thematic meeting outlines (đề cương sinh hoạt chuyên đề): `OutlineDrafter.draft(topic)` in
`draft`, the data, its numbering and Markdown in `model`, a trainer's edits in `edit`, the Word file
in `docx`."""

from assistant.outline.docx import docx_bytes, to_docx
from assistant.outline.draft import OutlineDrafter
from assistant.outline.edit import Edits, apply, renumber
from assistant.outline.model import REQUIRED_SECTIONS, Header, Item, Line, Outline, Section, lines

__all__ = [
    "REQUIRED_SECTIONS",
    "Edits",
    "Header",
    "Item",
    "Line",
    "Outline",
    "OutlineDrafter",
    "Section",
    "apply",
    "docx_bytes",
    "lines",
    "renumber",
    "to_docx",
]
