"""Sentence-aware chunks that respect headings and overlap by whole sentences."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ingest import docnumbers
from ingest.textnorm import sentence_spans

# ~4 characters per XLM-R token in Vietnamese news text: 900 characters stay well inside
# multilingual-e5's 512-token window, query prefix included.
DEFAULT_MAX_CHARS = 900
DEFAULT_OVERLAP_SENTENCES = 1


@dataclass
class Chunk:
    doc_id: str
    ordinal: int
    start: int
    end: int
    text: str
    heading_path: list[str] = field(default_factory=list)
    doc_numbers: list[str] = field(default_factory=list)  # ids and keys mentioned

    @property
    def id(self) -> str:
        return f"{self.doc_id}:{self.ordinal:04d}:{text_hash(self.text)[:8]}"

    def doc_numbers_tokens(self) -> list[str]:
        """Document-number ids and keys as single BM25 tokens ("12-hd/btctw", "hd:12")."""
        return doc_number_tokens(self.doc_numbers)


def doc_number_tokens(mentions: list[str]) -> list[str]:
    return [m.lower() for m in mentions]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _mentions(text: str) -> list[str]:
    out: list[str] = []
    for n in docnumbers.find(text):
        for token in [n.id, n.key] if n.issuer else [n.key]:
            if token not in out:
                out.append(token)
    return out


def chunk_text(
    doc_id: str,
    text: str,
    headings: list[str] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    overlap: int = DEFAULT_OVERLAP_SENTENCES,
) -> list[Chunk]:
    """Split cleaned `text` into chunks of whole sentences.

    A heading line starts a new chunk and becomes part of the heading path of the chunks
    below it; consecutive headings (a section title and a speaker line) form one path.
    Chunks carry `overlap` sentences of the previous chunk of the same section. A single
    sentence longer than `max_chars` is a chunk of its own (never split inside a sentence).
    """
    heading_set = set(headings or [])
    spans = sentence_spans(text)
    # Sections: a run of heading lines and the sentences under it.
    sections: list[list] = []  # [heading path, spans]
    path: list[str] = []
    after_heading = False
    for start, end in spans:
        piece = text[start:end]
        if piece in heading_set and _is_whole_line(text, start, end):
            path = path + [piece] if after_heading else [piece]
            if not after_heading:
                sections.append([path, []])
            sections[-1][0] = list(path)
            after_heading = True
        elif not sections:
            sections.append([[], []])
            after_heading = False
        else:
            after_heading = False
        sections[-1][1].append((start, end))

    chunks: list[Chunk] = []
    for sec_path, sec_spans in sections:
        i = 0
        while i < len(sec_spans):
            j = i + 1  # always take one sentence, however long
            while j < len(sec_spans) and sec_spans[j][1] - sec_spans[i][0] <= max_chars:
                j += 1
            start, end = sec_spans[i][0], sec_spans[j - 1][1]
            body = text[start:end]
            chunks.append(
                Chunk(
                    doc_id=doc_id,
                    ordinal=len(chunks),
                    start=start,
                    end=end,
                    text=body,
                    heading_path=sec_path,
                    doc_numbers=_mentions(body),
                )
            )
            if j >= len(sec_spans):
                break
            i = max(j - overlap, i + 1)
    return chunks


def _is_whole_line(text: str, start: int, end: int) -> bool:
    before = text.rfind("\n", 0, start) + 1
    after = text.find("\n", end)
    return not text[before:start].strip() and not text[end : len(text) if after < 0 else after].strip()
