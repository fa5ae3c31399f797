"""Official documents (Điều lệ, Quy định, Hướng dẫn, Kế hoạch, laws…) read as such: repaired
text, the header's facts (title, number, issuer, date) and the structure of the body."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.header import Header, parse_header
from ingest.repair import repair
from ingest.structure import Block, Label, Structure, parse


@dataclass
class Official:
    text: str
    header: Header | None
    structure: Structure

    def meta(self) -> dict:
        """What the header says, as document metadata (title, number, date, issuer…)."""
        h = self.header
        if h is None:
            return {"kind": "guidance"}
        fields = {
            "title": h.title,
            "number": h.number,
            "date": h.date,
            "issuer": h.issuer,
            "kind": h.kind,
            "doc_type": h.type_label,
            "parent_issuer": h.parent,
            "place": h.place,
            "signed_for": h.signed_for,
            "number_form": h.number_form,
            "numbers": [h.number] if h.number else [],
        }
        return {k: v for k, v in fields.items() if v}


def read_official(pages: list[str]) -> Official | None:
    """The document as an official text, or None when it neither opens with a Party or State
    document header nor has the numbered structure of one (a news report, a letter)."""
    paragraphs = repair(pages)
    if not paragraphs:
        return None
    header = parse_header(paragraphs)
    body_at = header.body_start if header else 0
    offsets, pos = [], 0
    for p in paragraphs:
        offsets.append(pos)
        pos += len(p) + 1
    structure = parse(paragraphs[body_at:], offsets[body_at:])
    if header is None and structure.style != "legal":
        return None  # numbered lists alone do not make an official text
    preamble = (Label("preamble", "", ""),)
    head = [Block(p, preamble, offsets[i], offsets[i] + len(p)) for i, p in enumerate(paragraphs[:body_at])]
    structure.blocks = head + structure.blocks
    if structure.style == "none":
        structure.style = "plain"  # a header but no numbered body: paragraphs, not sections
    return Official("\n".join(paragraphs), header, structure)
