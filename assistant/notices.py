"""Notices beside an answer: newer guidance exists for a cited document (or one a cited passage
mentions); a document the question names is only mentioned in the library, not held; a number
the question gives could mean two documents (numbers restart with each term)."""

from __future__ import annotations

from assistant.query import Query
from assistant.retrieval import Library
from ingest import registry
from ingest.model import Answer


def _newer(rec: dict, library: Library | None) -> list[str]:
    """Labels of the newer records, each saying whether the library holds its text."""
    out = []
    for ref in rec.get("newer", []):
        n = registry.resolve(ref).record
        if n is None:
            out.append(ref)
            continue
        held = library is not None and library.documents_numbered({n["id"]})
        out.append(registry.label(n) + ("" if held else " (kho tài liệu chưa có văn bản này)"))
    return out


def newer_guidance_notices(
    cited_mentions: list[str], cited_documents: list[str] = (), library: Library | None = None
) -> list[str]:
    """A notice for each cited document (own number, "294-QĐ/TW@2025") and each document a cited
    passage mentions for which the registry knows newer guidance."""
    out, seen = [], set()
    for own, mentions in ((True, cited_documents), (False, cited_mentions)):
        for mention in mentions:
            rec = registry.resolve(mention).record
            if not rec or registry.ref(rec) in seen or not rec.get("newer"):
                continue
            seen.add(registry.ref(rec))
            what = "văn bản được trích dẫn là" if own else "đoạn trích dẫn nhắc đến"
            out.append(
                f"Lưu ý: {what} {registry.label(rec)}; về cùng nội dung đã có văn bản mới hơn: "
                f"{', '.join(_newer(rec, library))}. Hãy đối chiếu với văn bản mới hơn."
            )
    return out


def document_notices(q: Query, answer: Answer, library: Library) -> list[str]:
    """Newer-guidance notices for the cited passages, and for each document the question names,
    whether the library holds its text or only mentions it (and where), or which of two
    documents with the same number it may mean."""
    chunks = [library.chunk(c.chunk_id) for c in answer.citations]
    cited = [m for chunk in chunks if chunk is not None for m in chunk.doc_numbers]
    own = []
    for c in answer.citations:
        doc = library.document(c.doc_id)
        if doc is not None and doc.number:
            own.append(f"{doc.number}@{(doc.date or '')[:4]}" if doc.date else doc.number)
    notices = newer_guidance_notices(cited, own, library)
    where = (answer.evidence or {}).get("places_not_found") if not answer.refused else None
    if where:
        notices.append(
            f"Các đoạn trích không nói riêng về {', '.join(where)}: câu trả lời là nội dung chung của "
            "tài liệu được trích, không riêng cho nơi đó."
        )
    for m in q.mentions:
        resolved = registry.resolve(m.id, m.date, q.raw)
        if resolved.record is None and m.key != m.id:
            resolved = registry.resolve(m.key, m.date, q.raw)
        rec = resolved.record
        if resolved.ambiguous:
            names = "; ".join(
                registry.label(r) + (f" ({r['title']})" if r.get("title") else "") for r in resolved.choices
            )
            notices.append(
                f"Số hiệu {m.id} ứng với nhiều văn bản (số hiệu đánh lại theo từng nhiệm kỳ): {names}. "
                "Hãy nêu rõ ngày hoặc năm ban hành để tra đúng văn bản."
            )
            continue
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
