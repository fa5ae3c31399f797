"""Thematic meeting outlines (đề cương sinh hoạt chuyên đề), grounded in the documents.

Each content section runs its own retrieval (the topic plus what the section needs), takes the
sentences that best match, never repeats a sentence across sections, and cites each one. The
scaffolding the tool writes itself (headings, prompts, placeholders) is marked `template` so that
nobody mistakes it for a quotation.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from assistant.answer import (
    Citation,
    citation_for,
    evidence_coverage,
    format_date,
    sentence_spans,
    should_refuse,
)
from assistant.query import analyze, expand_concepts
from assistant.retrieval import Retriever
from ingest import textnorm
from ingest.metadata import lookup

PLACEHOLDER = "……………"
REQUIRED_SECTIONS = [
    "Mục đích, yêu cầu",
    "Nội dung",
    "Gợi ý thảo luận",
    "Liên hệ bản thân",
    "Tiến trình buổi sinh hoạt",
    "Tài liệu tham khảo",
]
NO_EVIDENCE_WARNING = (
    "Tài liệu hiện có không có nội dung về chủ đề «{topic}». Đề cương dưới đây chỉ là khung "
    "để chi bộ tự điền; không có nội dung nào được trích từ tài liệu."
)

# What each content section asks the retriever for, besides the topic.
SECTION_QUERIES = {
    "basis": ("Cơ sở từ tài liệu", "chủ trương, nghị quyết, hướng dẫn, yêu cầu, vai trò, ý nghĩa"),
    "practice": ("Thực trạng và kinh nghiệm", "kết quả đạt được, cách làm hay, hạn chế, khó khăn, nguyên nhân"),
    "solutions": ("Nhiệm vụ, giải pháp", "nhiệm vụ, giải pháp, thời gian tới, cần tiếp tục, đề nghị"),
    "process": (
        "Tiến trình",
        "chuẩn bị nội dung sinh hoạt, thông báo trước, tài liệu, dự thảo nghị quyết, "
        "thảo luận dân chủ, biên bản, phân công nhiệm vụ cho đảng viên",
    ),
}
_PRACTICE_CUES = re.compile(r"\d|kết quả|đã |hạn chế|khó khăn|còn |chưa |nhờ đó|cách làm|mô hình", re.IGNORECASE)
_SOLUTION_CUES = re.compile(
    r"cần |phải |tiếp tục|đề nghị|tăng cường|nâng cao|chú trọng|giải pháp|thời gian tới", re.IGNORECASE
)


@dataclass
class Item:
    text: str
    citations: list[int] = field(default_factory=list)
    source: str = "template"  # corpus | template

    def to_json(self) -> dict:
        # A reference line is written by the tool (not a quotation): "template" in the contract.
        return {
            "text": self.text,
            "citations": self.citations,
            "source": "corpus" if self.source == "corpus" else "template",
        }


@dataclass
class Section:
    heading: str
    items: list[Item] = field(default_factory=list)
    level: int = 2

    def to_json(self) -> dict:
        return {"heading": self.heading, "items": [i.to_json() for i in self.items]}


@dataclass
class Outline:
    topic: str
    title: str
    sections: list[Section]
    citations: list[Citation]
    warnings: list[str] = field(default_factory=list)
    timings_ms: dict = field(default_factory=dict)
    references: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "topic": self.topic,
            "title": self.title,
            "markdown": self.markdown(),
            "sections": [s.to_json() for s in self.sections],
            "citations": [c.to_json() for c in self.citations],
            "warnings": self.warnings,
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }

    def markdown(self) -> str:
        lines = [f"# {self.title}", ""]
        for w in self.warnings:
            lines += [f"> ⚠ {w}", ""]
        for s in self.sections:
            lines += [f"{'#' * s.level} {s.heading}", ""]
            for item in s.items:
                if item.source == "corpus":
                    marks = "".join(f"[{n}]" for n in item.citations)
                    lines.append(f"- {item.text} {marks}")
                elif item.source == "reference":
                    lines.append(f"- {item.text}")
                else:
                    lines.append(f"- _{item.text}_")
            lines.append("")
        lines.append(
            "_Chữ nghiêng: gợi ý, khung do công cụ soạn (không phải trích dẫn). "
            "Câu có [n]: trích nguyên văn tài liệu số n._"
        )
        return "\n".join(lines).strip() + "\n"


class OutlineDrafter:
    def __init__(self, retriever: Retriever, backend=None) -> None:
        self.retriever = retriever
        self.backend = backend

    def draft(
        self,
        topic: str,
        cell: str | None = None,
        date: str | None = None,
        place: str | None = None,
        presenter: str | None = None,
        per_section: int = 4,
    ) -> Outline:
        t0 = time.perf_counter()
        topic = textnorm.normalize(topic).strip().rstrip(".")
        r = self.retriever
        r.refresh()
        docs = r._docs
        q_topic = analyze(expand_concepts(topic))
        idf = r.idf(q_topic.terms)
        probe = r.run(analyze(topic), top_k=5)
        cov = max(
            (
                evidence_coverage(
                    q_topic,
                    "\n".join([docs[h.chunk.doc_id].title if h.chunk.doc_id in docs else "", h.chunk.text]),
                    idf,
                    r.token_set(h.chunk.id),
                )
                for h in probe.hits[:3]
            ),
            default=0.0,
        )
        dense = max((h.dense_score or 0.0 for h in probe.hits[:3]), default=0.0)
        from assistant.domain import gate_for

        in_domain = gate_for(r).in_domain(probe.query, r.embed_query(probe.query.text))
        grounded = bool(probe.hits) and in_domain and not should_refuse(cov, dense - r.dense_floor())

        citations: list[Citation] = []
        by_chunk: dict[str, Citation] = {}
        used: set[str] = set()

        def cite(hit) -> int:
            c = by_chunk.get(hit.chunk.id)
            if c is None:
                c = citation_for(hit, len(citations) + 1, docs)
                citations.append(c)
                by_chunk[hit.chunk.id] = c
            return c.n

        def corpus_items(
            key: str, cue: re.Pattern | None = None, limit: int = per_section, about_topic: bool = True
        ) -> list[Item]:
            if not grounded:
                return []
            _, extra = SECTION_QUERIES[key]
            query = f"{expand_concepts(topic)}. {extra}" if about_topic else extra
            q_cov = q_topic if about_topic else analyze(extra)
            cov_idf = idf if about_topic else r.idf(q_cov.terms)
            hits = r.run(query, top_k=8).hits
            scored = []
            for rank, h in enumerate(hits):
                doc = docs.get(h.chunk.doc_id)
                header = doc.title if doc else ""
                for a, b in sentence_spans(h.chunk.text):
                    sent = h.chunk.text[a:b]
                    if len(sent.split()) < 6 or sent in h.chunk.heading_path:
                        continue
                    topical = evidence_coverage(q_cov, sent, cov_idf)
                    # Off-topic sentences never fill an outline; the best-ranked chunks (what the
                    # topic means in the documents, e.g. "kết nạp" for "phát triển đảng viên")
                    # may contribute sentences that share less of the topic's wording.
                    if topical < (0.1 if rank < 3 else 0.25):
                        continue
                    score = (
                        topical
                        + 0.3 * evidence_coverage(q_cov, header + " " + sent, cov_idf)
                        + 0.3 / (rank + 1)
                        + (0.15 if cue and cue.search(sent) else 0.0)
                    )
                    scored.append((score, sent, h))
            scored.sort(key=lambda s: -s[0])
            items = []
            for _, sent, h in scored:
                key_ = textnorm.fold(sent)
                if key_ in used:
                    continue
                used.add(key_)
                items.append(Item(_shorten(sent, q_topic, idf), [cite(h)], "corpus"))
                if len(items) >= limit:
                    break
            return items

        title = f"Đề cương sinh hoạt chuyên đề: {topic}"
        header = Section(
            "Thông tin buổi sinh hoạt",
            [
                Item(f"Chi bộ: {cell or PLACEHOLDER}"),
                Item(f"Thời gian: {date or PLACEHOLDER}"),
                Item(f"Địa điểm: {place or PLACEHOLDER}"),
                Item(f"Người trình bày: {presenter or PLACEHOLDER}"),
            ],
        )
        purpose = Section(
            "I. Mục đích, yêu cầu",
            [
                Item(f"Giúp đảng viên nắm vững chủ trương, hướng dẫn của cấp trên về {topic.lower()}."),
                Item("Đánh giá đúng thực trạng ở chi bộ, chỉ rõ ưu điểm, hạn chế và nguyên nhân."),
                Item("Thống nhất nhiệm vụ, giải pháp cụ thể, phân công đảng viên thực hiện, có thời hạn."),
                Item(
                    "Sinh hoạt bảo đảm tính lãnh đạo, tính giáo dục, tính chiến đấu; phát huy dân chủ, "
                    "tự phê bình và phê bình."
                ),
            ],
        )
        basis = Section("1. Cơ sở từ tài liệu", corpus_items("basis"), level=3)
        practice_items = corpus_items("practice", _PRACTICE_CUES)
        practice = Section(
            "2. Thực trạng ở chi bộ",
            [Item("Kinh nghiệm từ các nơi (trích tài liệu):")]
            + practice_items
            + [
                Item(f"Chi bộ tự đánh giá: kết quả đã đạt được về {topic.lower()} trong thời gian qua: {PLACEHOLDER}"),
                Item(f"Hạn chế, khó khăn và nguyên nhân: {PLACEHOLDER}"),
                Item(f"Số liệu cụ thể của chi bộ (số đảng viên, việc đã làm, kết quả): {PLACEHOLDER}"),
            ],
            level=3,
        )
        solutions = Section(
            "3. Nhiệm vụ, giải pháp",
            corpus_items("solutions", _SOLUTION_CUES)
            + [Item(f"Nhiệm vụ, giải pháp riêng của chi bộ (người phụ trách, thời hạn): {PLACEHOLDER}")],
            level=3,
        )
        content = Section("II. Nội dung", [])
        discussion = Section("III. Gợi ý thảo luận", [Item(q) for q in discussion_questions(topic, basis, practice)])
        reflection = Section(
            "IV. Liên hệ bản thân",
            [
                Item(f"Bản thân đã nhận thức và thực hiện {topic.lower()} như thế nào? Còn điều gì chưa làm được?"),
                Item("Nhiệm vụ được chi bộ phân công đã hoàn thành đến đâu; nguyên nhân của việc chưa hoàn thành?"),
                Item("Bản thân cam kết làm gì trong thời gian tới, với thời hạn cụ thể?"),
            ],
        )
        process = Section(
            "V. Tiến trình buổi sinh hoạt",
            [
                Item(
                    "Chuẩn bị: chi ủy xây dựng kế hoạch, phân công đảng viên chuẩn bị nội dung chuyên đề; "
                    "chi ủy thông qua đề cương; gửi tài liệu cho đảng viên trước buổi sinh hoạt."
                ),
                Item(
                    "Mở đầu: nêu mục đích, yêu cầu; thông báo số đảng viên có mặt, vắng mặt (lý do); "
                    "cử thư ký ghi biên bản."
                ),
                Item("Trình bày: đồng chí được phân công trình bày nội dung chuyên đề (theo phần II)."),
                Item("Thảo luận: đảng viên phát biểu theo các câu hỏi gợi ý (phần III) và liên hệ bản thân (phần IV)."),
                Item(
                    "Kết luận: bí thư chi bộ kết luận, nêu nhiệm vụ, người thực hiện, thời hạn; "
                    "chi bộ biểu quyết thông qua kết luận hoặc nghị quyết chuyên đề."
                ),
                Item("Biên bản: thư ký hoàn chỉnh biên bản, thông qua trước chi bộ; lưu hồ sơ chi bộ."),
            ]
            + corpus_items("process", limit=3, about_topic=False),
        )
        if grounded:
            content.items = []
        sections = [header, purpose, content, basis, practice, solutions, discussion, reflection, process]
        warnings = [] if grounded else [NO_EVIDENCE_WARNING.format(topic=topic)]
        if grounded and len(citations) < 3:
            warnings.append("Tài liệu hiện có chỉ có ít nội dung về chủ đề này; cần bổ sung tài liệu trước khi dùng.")
        references = reference_list(citations, r)
        sections.append(Section("VI. Tài liệu tham khảo", [Item(ref, [], "reference") for ref in references]))
        if self.backend is not None and grounded:
            warnings += self._draft_with_llm(topic, sections, citations)
        outline = Outline(
            topic=topic, title=title, sections=sections, citations=citations, warnings=warnings, references=references
        )
        outline.timings_ms = {"total": (time.perf_counter() - t0) * 1000}
        return outline

    def _draft_with_llm(self, topic, sections, citations) -> list[str]:
        """Optional: an LLM rewrites each content section as prose under the citation check."""
        from assistant.llm import build_messages, check_citations

        notes = []
        for s in sections:
            corpus = [i for i in s.items if i.source == "corpus"]
            if not corpus:
                continue
            passages = [c for c in citations if any(c.n in i.citations for i in corpus)]
            question = f"Soạn phần «{s.heading}» của đề cương sinh hoạt chuyên đề về: {topic}"
            try:
                text = "".join(
                    str(getattr(p, "content", p)) for p in self.backend.stream(build_messages(question, passages))
                ).strip()
            except Exception as exc:
                notes.append(f"Phần «{s.heading}»: không gọi được mô hình ({exc}); giữ bản trích dẫn.")
                continue
            if check_citations(text, passages):
                notes.append(
                    f"Phần «{s.heading}»: bản do mô hình soạn không qua kiểm tra trích dẫn; giữ bản trích dẫn."
                )
                continue
            ns = sorted({int(n) for n in re.findall(r"\[(\d+)\]", text)})
            s.items = [i for i in s.items if i.source != "corpus"] + [
                Item(re.sub(r"\s*\[\d+\]", "", text), ns, "corpus")
            ]
        return notes


def _shorten(sentence: str, q, idf) -> str:
    from assistant.answer import _trim

    return _trim(sentence, q, idf)


def discussion_questions(topic: str, basis: Section, practice: Section) -> list[str]:
    """5–8 questions tied to the topic; scaffolding, not quotations."""
    t = topic[0].lower() + topic[1:]
    qs = [
        f"Vì sao {t} là nhiệm vụ quan trọng đối với chi bộ ta hiện nay?",
        f"Chi bộ ta đã làm được gì về {t}? Kết quả cụ thể nào (số liệu)?",
        f"Những hạn chế, khó khăn của chi bộ về {t} là gì? Nguyên nhân chủ quan, khách quan?",
        "Kinh nghiệm của các nơi nêu trong tài liệu, điều gì chi bộ ta có thể áp dụng ngay?",
        f"Trong thời gian tới, chi bộ cần giải pháp cụ thể nào về {t}; ai phụ trách, thời hạn đến bao giờ?",
        "Cấp ủy cấp trên, đoàn thể và quần chúng có thể hỗ trợ chi bộ những gì?",
    ]
    if any("quần chúng ưu tú" in i.text for i in basis.items + practice.items):
        qs.append("Chi bộ phát hiện, bồi dưỡng quần chúng ưu tú như thế nào; ai được phân công giúp đỡ?")
    return qs[:8]


def reference_list(citations: list[Citation], retriever: Retriever) -> list[str]:
    """Every cited document (title, publisher, date) and the guidance numbers the passages cite."""
    refs: list[str] = []
    seen_docs: set[str] = set()
    numbers: list[str] = []
    for c in citations:
        chunk = retriever.chunk(c.chunk_id)
        for m in chunk.doc_numbers if chunk else []:
            rec = lookup(m)
            if rec and rec["id"] not in numbers:
                numbers.append(rec["id"])
        if c.doc_id in seen_docs:
            continue
        seen_docs.add(c.doc_id)
        doc = retriever.document(c.doc_id)
        pub = doc.meta.get("publisher") if doc else None
        ns = ", ".join(f"[{x.n}]" for x in citations if x.doc_id == c.doc_id)
        refs.append(f"{c.title}" + (f", {pub}" if pub else "") + f" ({format_date(c.date)}) — trích dẫn {ns}")
    for nid in numbers:
        rec = lookup(nid)
        refs.append(
            f"{rec['type']} {rec['id']}"
            + (f" ngày {format_date(rec.get('date'))}" if rec.get("date") else "")
            + (f" của {rec['issuer']}" if rec.get("issuer") else "")
            + (f": {rec['title']}" if rec.get("title") else "")
            + " (được nhắc đến trong tài liệu trích dẫn; kho tài liệu không có văn bản gốc)"
        )
    return refs


# ---- Word export ------------------------------------------------------------------------
def docx_bytes(outline: Outline) -> bytes:
    """The outline as a Word file, in memory (for a download button)."""
    import io

    buf = io.BytesIO()
    to_docx(outline, buf)
    return buf.getvalue()


def to_docx(outline: Outline, path) -> None:
    """Write a Word file to `path` (a path or a binary file object such as `io.BytesIO`).

    A4, Times New Roman (covers Vietnamese), real heading styles, numbered lists, template
    text in grey italics, citations as [n] with the reference list at the end."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin = sec.right_margin = Mm(25)
    sec.top_margin = sec.bottom_margin = Mm(20)
    for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number"):
        st = d.styles[style_name]
        st.font.name = "Times New Roman"
        rpr = st.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(rfonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), "Times New Roman")
        # Heading styles name theme fonts, which win over w:ascii: drop them.
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            if rfonts.get(qn(attr)) is not None:
                del rfonts.attrib[qn(attr)]
        if style_name.startswith("Heading") or style_name == "Title":
            st.font.color.rgb = RGBColor(0x10, 0x10, 0x10)
    d.styles["Normal"].font.size = Pt(13)
    title = d.add_heading(outline.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for w in outline.warnings:
        p = d.add_paragraph()
        run = p.add_run("⚠ " + w)
        run.bold = True
        run.font.color.rgb = RGBColor(0xB0, 0x30, 0x00)
    note = d.add_paragraph()
    run = note.add_run(
        "Chữ nghiêng màu xám: gợi ý, khung do công cụ soạn (không phải trích dẫn). "
        "Câu có [n]: trích nguyên văn tài liệu số n trong mục Tài liệu tham khảo."
    )
    run.italic = True
    run.font.size = Pt(10)
    run.font.color.rgb = RGBColor(0x70, 0x70, 0x70)
    for s in outline.sections:
        d.add_heading(s.heading, level=1 if s.level <= 2 else 2)
        numbered = s.heading.startswith("V.") or s.heading.startswith("III.")
        for item in s.items:
            style = "List Number" if numbered else "List Bullet"
            p = d.add_paragraph(style=style)
            if item.source == "corpus":
                p.add_run(item.text)
                p.add_run(" " + "".join(f"[{n}]" for n in item.citations)).bold = True
            elif item.source == "reference":
                p.add_run(item.text)
            else:
                run = p.add_run(item.text)
                run.italic = True
                run.font.color.rgb = RGBColor(0x60, 0x60, 0x60)
    if outline.citations:
        d.add_heading("Các đoạn trích dẫn", level=1)
        for c in outline.citations:
            p = d.add_paragraph()
            p.add_run(f"[{c.n}] ").bold = True
            p.add_run(f"{c.title} ({format_date(c.date)}): ")
            run = p.add_run(f"“{' '.join(c.text.split())}”")
            run.font.size = Pt(11)
    # A file object is written as is: `str(buffer)` once saved the app's download to a file
    # named "<_io.BytesIO object at …>" and served the user an empty .docx.
    d.save(path if hasattr(path, "write") else str(path))
