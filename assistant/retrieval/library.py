"""The library as the assistant reads it: documents, chunks and word statistics of one index
generation, reloaded when an ingest commits a new one."""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.retrieval.provisions import section_ancestors
from ingest import textnorm
from ingest.model import Chunk, Document, Hit
from ingest.settings import Settings
from ingest.store import Index
from ingest.structure import articles_in, matches


@dataclass
class Filters:
    doc_ids: list[str] | None = None
    kinds: list[str] | None = None
    date_from: str | None = None  # ISO, inclusive
    date_to: str | None = None

    def empty(self) -> bool:
        return not (self.doc_ids or self.kinds or self.date_from or self.date_to)


class Library:
    """Cheap to construct; the index is opened and its tables loaded on first use."""

    def __init__(self, settings: Settings, index: Index | None = None) -> None:
        self.settings = settings
        self._index = index
        self._chunks: dict[str, Chunk] = {}
        self._docs: dict[str, Document] = {}
        self._generation: str | None = None
        self._df: Counter = Counter()
        self._n = 1
        self._token_sets: dict[str, frozenset[str]] = {}
        self._leads = None
        self._provisions = None
        self._superseded = None
        self._numbers: tuple[str | None, dict] | None = None  # (generation, `_number_table`)
        self._lock = threading.RLock()

    @property
    def index(self) -> Index:
        if self._index is None:
            self._index = Index.from_settings(self.settings)
        return self._index

    @property
    def generation(self) -> str | None:
        """The index generation the loaded tables belong to."""
        return self._generation

    def loaded(self) -> None:
        # Lookups that follow a question's retrieval use the tables it checked: the index's
        # generation is read once a question, not once per lookup.
        if self._generation is None:
            self.refresh()

    def refresh(self) -> None:
        """Reload the tables when an ingest changed the index."""
        gen = self.index.generation
        if gen == self._generation:
            return
        with self._lock:
            if gen == self._generation:
                return
            self._chunks = {c.id: c for c in self.index.chunks()}
            self._docs = {d.doc_id: d for d in self.index.documents()}
            # Document frequency of folded words, for the IDF weights of evidence coverage.
            df: Counter = Counter()
            for tokens in self.index.all_tokens():
                df.update({textnorm.fold(t) for t in tokens.split()})
            self._df, self._n = df, max(len(self._chunks), 1)
            self._token_sets = {}
            self._leads = None
            self._provisions = None
            self._superseded = None
            self._generation = gen

    # ---- lookups ---------------------------------------------------------------------------
    def chunk(self, chunk_id: str) -> Chunk | None:
        self.loaded()
        return self._chunks.get(chunk_id)

    def document(self, doc_id: str) -> Document | None:
        self.loaded()
        return self._docs.get(doc_id)

    def documents(self) -> dict[str, Document]:
        self.loaded()
        return self._docs

    def chunks(self) -> Iterable[Chunk]:
        self.loaded()
        return self._chunks.values()

    def lead_ins(self, chunk: Chunk, offset: int) -> str:
        """The lead-in lines of the sections a passage's sentence sits in: "Đảng viên có quyền:"
        above Điều 3's clauses, "Ủy ban kiểm tra các cấp có nhiệm vụ:" above Điều 32's, even
        when the clause was cut into another chunk than its article's first line."""
        self.loaded()
        leads = self._leads
        if leads is None:
            leads = self._leads = _LeadTable(_lead_table(self._chunks.values()))
        section = chunk.section_at(offset) or ""
        key = (chunk.doc_id, section)
        found = leads.joined.get(key)
        if found is None:
            keys = [*section_ancestors(section), section]
            found = leads.joined[key] = " ".join(lead for k in keys if (lead := leads.table.get((chunk.doc_id, k))))
        return found

    def provisions(self):
        """Official texts cut as they are cited, with the Charter articles each part implements
        (`assistant.retrieval.provisions`), built once per index generation."""
        from assistant.retrieval import provisions as P

        self.loaded()
        with self._lock:
            if self._provisions is None:
                table = P.build(self._chunks.values(), self._docs)
                self._provisions = P.Provisions(table, P.link_articles(table, self._docs), self._docs)
            return self._provisions

    def superseded(self) -> dict[str, str]:
        """Older versions of documents held twice → the newest version (`retrieval.versions`)."""
        from assistant.retrieval import versions

        self.loaded()
        with self._lock:
            if self._superseded is None:
                self._superseded = versions.superseded(self._docs.values())
            return self._superseded

    def chunk_map(self) -> dict[str, Chunk]:
        """Chunks by id (read-only)."""
        self.loaded()
        return self._chunks

    @property
    def vocabulary(self) -> Counter:
        """Folded words of the library with their document frequency."""
        self.loaded()
        return self._df

    def idf(self, terms: list[str]) -> dict[str, float]:
        """Smoothed IDF of folded terms over the index's chunks; unseen terms weigh most."""
        self.loaded()
        return {t: math.log(1 + (self._n - self._df.get(t, 0) + 0.5) / (self._df.get(t, 0) + 0.5)) for t in terms}

    def question_idf(self, q) -> dict[str, float]:
        """The IDF weights an answer weighs a question's words by: its content terms and its
        compound words ("sinh_hoạt")."""
        return self.idf(q.terms + [w for w in q.tokens if "_" in w])

    def token_set(self, chunk_id: str) -> frozenset[str]:
        """The words BM25 indexed for a chunk (segmented, with folded forms and title context)."""
        cached = self._token_sets.get(chunk_id)
        if cached is None:
            cached = frozenset((self.index.tokens_of(chunk_id) or "").split())
            if len(self._token_sets) > 5000:
                self._token_sets.clear()
            self._token_sets[chunk_id] = cached
        return cached

    def allowed_docs(self, filters: Filters | None) -> set[str] | None:
        """The documents a filtered search may return; None when there is no filter."""
        if not filters or filters.empty():
            return None
        allowed = set()
        for doc_id, d in self._docs.items():
            if filters.doc_ids and doc_id not in filters.doc_ids:
                continue
            if filters.kinds and d.kind not in filters.kinds:
                continue
            date = d.date or d.meta.get("event_date")
            if (filters.date_from or filters.date_to) and not date:
                continue
            if filters.date_from and str(date) < filters.date_from:
                continue
            if filters.date_to and str(date)[: len(filters.date_to)] > filters.date_to:
                continue
            allowed.add(doc_id)
        return allowed

    def chunks_mentioning(self, keys: set[str], allowed: set[str] | None = None) -> list[str]:
        """Ids of the chunks that mention any of these document numbers, in the library's order
        (looked up in a table built once per index generation: a scan of every chunk cost
        4 ms a question naming a document at 20,000 chunks)."""
        if not keys:
            return []
        table = self._number_table()
        found = sorted({entry for k in keys for entry in table.get(k, ())})
        return [cid for _, cid in found if allowed is None or self._chunks[cid].doc_id in allowed]

    def _number_table(self) -> dict[str, list[tuple[int, str]]]:
        """Document number → (position in the library, id) of the chunks mentioning it."""
        self.loaded()
        cached = self._numbers
        if cached and cached[0] == self._generation:
            return cached[1]
        table: dict[str, list[tuple[int, str]]] = {}
        for pos, c in enumerate(self._chunks.values()):
            for key in set(c.doc_numbers):
                table.setdefault(key, []).append((pos, c.id))
        self._numbers = (self._generation, table)
        return table

    def hits_naming_articles(self, section: str, exclude_doc: str, limit: int = 30) -> list[Hit]:
        """Passages whose section names one of the articles `section` does ("Điều 24"): where
        newer guidance implements a Charter article. Other documents only."""
        articles = articles_in(section)
        if not articles:
            return []
        table = self._article_table()
        ids = [cid for a in sorted(articles) for cid in table.get(a, ()) if self._chunks[cid].doc_id != exclude_doc]
        out = []
        for cid in dict.fromkeys(ids):
            chunk = self._chunks[cid]
            out.append(Hit(chunk, 0.0, document=self._docs.get(chunk.doc_id)))
            if len(out) >= limit:
                break
        return out

    def _article_table(self) -> dict[str, list[str]]:
        """Article number → ids of chunks whose sections name it, once per index generation."""
        self.loaded()
        cached = getattr(self, "_articles", None)
        if cached and cached[0] == self._generation:
            return cached[1]
        table: dict[str, list[str]] = {}
        for c in self._chunks.values():
            names = set()
            for _, sec in c.sections:
                names |= articles_in(sec)
            for a in names:
                table.setdefault(a, []).append(c.id)
        self._articles = (self._generation, table)
        return table

    def chunks_in_sections(self, named: list[str], allowed: set[str] | None = None) -> list[str]:
        """Ids of the chunks that hold a part of a section the question names ("Điều 24")."""
        if not named:
            return []
        return [
            c.id
            for c in self.chunks()
            if (allowed is None or c.doc_id in allowed)
            and any(matches(n, sec) for n in named for _, sec in (c.sections or [(0, c.section)]))
        ]

    def documents_numbered(self, ids: set[str]) -> list[Document]:
        """Documents whose own number (or the numbers their manifest lists) is one of `ids`."""
        return [d for d in self.documents().values() if ids & set(d.meta.get("numbers", []))]

    def titles_mentioning(self, ids: set[str]) -> list[str]:
        """Titles of the documents whose text mentions any of these numbers."""
        chunks = self.chunk_map()
        return sorted(
            {
                self._docs[chunks[cid].doc_id].title
                for cid in self.chunks_mentioning(ids)
                if chunks[cid].doc_id in self._docs
            }
        )


LEAD_MAX = 240  # a section's text before its first sub-section, when that short, is its lead-in
_FIRST_SENTENCE = re.compile(r".{20,}?[.;](?=\s)|.*", re.S)


def _lead_table(chunks: Iterable[Chunk]) -> dict[tuple[str, str], str]:
    """(document, section) → the text between the section's start and its first sub-section."""
    leads: dict[tuple[str, str], str] = {}
    for c in chunks:
        for (start, sec), (nxt, child) in zip(c.sections, c.sections[1:]):
            if sec in section_ancestors(child) and 0 < nxt - start <= LEAD_MAX:
                leads[(c.doc_id, sec)] = " ".join(c.text[start:nxt].split())
        for start, sec in c.sections:
            # a section without sub-sections: its first line ("1. Bản tin … tập trung vào các
            # nhóm nội dung"), for its bullets cut into the next chunk
            end = c.text.find("\n", start)
            line = c.text[start : end if end >= 0 else len(c.text)]
            if len(line) > LEAD_MAX:
                # a long first paragraph: its first sentence names the subject of the paragraphs
                # after it ("2. Các tỉnh ủy, thành ủy, … cụ thể hóa hướng dẫn này …; chỉ đạo …."
                # above "Bố trí kinh phí, …" and "Quan tâm lãnh đạo, …")
                line = _FIRST_SENTENCE.match(line).group(0)
            if len(line) <= LEAD_MAX:
                leads.setdefault((c.doc_id, sec), " ".join(line.split()))
    return leads


class _LeadTable:
    """The lead-in lines by (document, section), and for each section asked the lines above it
    joined (every sentence of a clause asks the same)."""

    def __init__(self, table: dict) -> None:
        self.table = table
        self.joined: dict[tuple[str, str], str] = {}
