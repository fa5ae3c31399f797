"""Chunks: whole sentences under their headings for reports; whole sections for official texts.

Official texts are cut along their structure: a chunk never spans two Điều (or two top-level
items) unless both are tiny, prefers to end where a khoản or sub-item ends, and carries its
section path ("Chương V, Điều 24, khoản 1–2") and the section of each part it holds. No chunk
exceeds `max_chars`: an over-long sentence is cut at clause, then word boundaries.
"""

from __future__ import annotations

from itertools import groupby

from ingest import docnumbers
from ingest.model import Chunk
from ingest.structure import Block, Label, heading_path, section_of
from ingest.textnorm import sentence_spans

# ~4 characters per XLM-R token in Vietnamese news text: 900 characters stay well inside
# multilingual-e5's 512-token window, query prefix included.
DEFAULT_MAX_CHARS = 900
DEFAULT_OVERLAP_SENTENCES = 1


def doc_number_tokens(mentions: list[str]) -> list[str]:
    """Document-number ids and keys as single BM25 tokens ("12-hd/btctw", "hd:12")."""
    return [m.lower() for m in mentions]


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
    Chunks carry `overlap` sentences of the previous chunk of the same section. A sentence
    longer than `max_chars` is cut at clause or word boundaries (a text without punctuation
    must not become one chunk the embedder cannot read).
    """
    heading_set = set(headings or [])
    spans = sentence_spans(text, max_chars)
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


# Two neighbouring sections this short (characters) may share a chunk: "Điều 47" and "Điều 48".
TINY_CHARS = 200


def chunk_structured(doc_id: str, text: str, blocks: list[Block], max_chars: int = DEFAULT_MAX_CHARS) -> list[Chunk]:
    """Chunks of an official text, cut along its structure (see the module's docstring)."""
    units = [list(group) for _, group in groupby(blocks, key=lambda b: b.unit)]
    merged: list[list[Block]] = []
    for unit in units:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and _size(prev) <= TINY_CHARS
            and _size(unit) <= TINY_CHARS
            and prev[0].unit[:-1] == unit[0].unit[:-1]
            and prev[0].unit[-1:] != unit[0].unit[-1:]
            and all(label.kind == "dieu" for label in unit[0].unit[-1:])
        ):
            prev.extend(unit)  # two tiny articles of one chapter
        else:
            merged.append(list(unit))
    chunks: list[Chunk] = []
    for unit in merged:
        for part in _pack(text, unit, max_chars):
            chunks.append(_chunk(doc_id, len(chunks), text, part))
    return chunks


def _size(blocks: list[Block]) -> int:
    return blocks[-1].end - blocks[0].start


def _pack(text: str, unit: list[Block], max_chars: int) -> list[list[tuple[int, int, tuple[Label, ...]]]]:
    """Pieces (start, end, path) of a unit, grouped into chunks of at most `max_chars`: whole
    paragraphs where they fit, sentences of a paragraph that does not."""
    pieces: list[tuple[int, int, tuple[Label, ...]]] = []
    for b in unit:
        if b.end - b.start <= max_chars:
            pieces.append((b.start, b.end, b.path))
        else:
            local = sentence_spans(text[b.start : b.end], max_chars)
            pieces += [(b.start + x, b.start + y, b.path) for x, y in local]
    out: list[list[tuple[int, int, tuple[Label, ...]]]] = []
    current: list[tuple[int, int, tuple[Label, ...]]] = []
    for piece in pieces:
        if current and piece[1] - current[0][0] > max_chars:
            out.append(current)
            current = []
        current.append(piece)
    if current:
        out.append(current)
    return out


def _chunk(doc_id: str, ordinal: int, text: str, pieces: list[tuple[int, int, tuple[Label, ...]]]) -> Chunk:
    start, end = pieces[0][0], pieces[-1][1]
    paths = [p for _, _, p in pieces]
    common = _common_prefix(paths)
    body = text[start:end]
    sections: list[tuple[int, str]] = []
    for a, _, path in pieces:
        sec = section_of(path)
        if sec and (not sections or sections[-1][1] != sec):
            sections.append((a - start, sec))
    return Chunk(
        doc_id=doc_id,
        ordinal=ordinal,
        start=start,
        end=end,
        text=body,
        heading_path=heading_path(common + ((paths[0][len(common)],) if len(paths[0]) > len(common) else ())),
        section=_section_range(common, paths),
        doc_numbers=_mentions(body),
        sections=sections,
    )


def _common_prefix(paths: list[tuple[Label, ...]]) -> tuple[Label, ...]:
    first = paths[0]
    n = 0
    while n < len(first) and all(len(p) > n and p[n] == first[n] for p in paths):
        n += 1
    return first[:n]


def _section_range(common: tuple[Label, ...], paths: list[tuple[Label, ...]]) -> str | None:
    """ "Điều 24, khoản 1–2" when a chunk holds several children of one section."""
    children = [p[len(common)] for p in paths if len(p) > len(common)]
    base = section_of(common)
    if not children or any(len(p) == len(common) for p in paths):
        return base
    first, last = children[0], children[-1]
    if first.kind != last.kind or first == last:
        return section_of(common + (first,)) if first == last else base
    single = section_of(common + (first,))
    end = last.value
    return f"{single}–{end}" if single else base


def fit(chunks: list[Chunk], fits, doc_id: str | None = None) -> list[Chunk]:
    """Chunks the embedder reads whole: one that runs past its window (a table of numbers, a
    run of Latin text) is halved at a word boundary until each half fits; ordinals renumbered."""
    out: list[Chunk] = []
    for c in chunks:
        pending = [c]
        while pending:
            part = pending.pop(0)
            if fits(part.text) or len(part.text) < 64:
                out.append(part)
                continue
            cut = part.text.rfind(" ", 0, len(part.text) // 2 + 1)
            cut = cut if cut > 0 else len(part.text) // 2
            first, second = part.text[:cut].rstrip(), part.text[cut:].lstrip()
            offset = part.start + len(part.text) - len(second)
            pending[:0] = [_piece(part, part.start, first), _piece(part, offset, second)]
    for n, c in enumerate(out):
        c.ordinal, c.id = n, ""
        c.__post_init__()
    return out


def _piece(c: Chunk, start: int, text: str) -> Chunk:
    return Chunk(
        doc_id=c.doc_id,
        ordinal=c.ordinal,
        start=start,
        end=start + len(text),
        text=text,
        heading_path=c.heading_path,
        section=c.section,
        doc_numbers=_mentions(text),
        sections=[(max(0, o - (start - c.start)), s) for o, s in c.sections if o < (start - c.start) + len(text)][-3:],
    )
