"""Notices beside an answer: newer guidance exists for a cited document; a document the
question names is only mentioned in the library, not held."""

from __future__ import annotations

from assistant.answer import format_date
from assistant.query import Query
from assistant.retrieval import Library
from ingest.model import Answer
from ingest.registry import lookup


def newer_guidance_notices(cited_mentions: list[str]) -> list[str]:
    """A notice for each cited document number for which the registry knows newer guidance."""
    out, seen = [], set()
    for mention in cited_mentions:
        rec = lookup(mention)
        if not rec or rec["id"] in seen or not rec.get("newer"):
            continue
        seen.add(rec["id"])
        newer = []
        for nid in rec["newer"]:
            n = lookup(nid)
            newer.append(
                f"{n['type']} {nid}" + (f" ngày {format_date(n.get('date'))}" if n and n.get("date") else "")
                if n
                else nid
            )
        out.append(
            f"Lưu ý: đoạn trích dẫn nhắc đến {rec['type']} {rec['id']}"
            + (f" ngày {format_date(rec.get('date'))}" if rec.get("date") else "")
            + f"; về cùng nội dung đã có văn bản mới hơn: {', '.join(newer)}. "
            "Hãy đối chiếu với văn bản mới hơn."
        )
    return out


def document_notices(q: Query, answer: Answer, library: Library) -> list[str]:
    """Newer-guidance notices for the cited passages, and for each document the question names,
    whether the library holds its text or only mentions it (and where)."""
    notices = []
    chunks = [library.chunk(c.chunk_id) for c in answer.citations]
    cited = [m for chunk in chunks if chunk is not None for m in chunk.doc_numbers]
    notices += newer_guidance_notices(cited)
    for m in q.mentions:
        rec = lookup(m.id) or lookup(m.key)
        label = f"{rec['type']} {rec['id']}" if rec else m.id
        ids = {m.key, m.id} | ({rec["id"]} if rec else set())
        if library.documents_numbered(ids):
            continue
        where = library.titles_mentioning(ids)
        if where:
            notices.append(
                f"Kho tài liệu không có văn bản gốc của {label}; văn bản này chỉ được nhắc đến "
                f"trong: {'; '.join(where)}."
            )
        else:
            notices.append(f"Kho tài liệu không có văn bản gốc của {label} và không có tài liệu nào nhắc đến nó.")
    return notices

