"""The outline as a Word file in the Party's document format (thể thức văn bản của Đảng).

Top: a borderless two-column table, the issuing body left ("ĐẢNG BỘ …" over "CHI BỘ …", "*"),
"ĐẢNG CỘNG SẢN VIỆT NAM" underlined right with the place and date in italics under it. Then the
type "ĐỀ CƯƠNG" and the title centred in capitals, the meeting details, the parts I., II., … with
1., 2., … restarting in each (numbers written as text, so Word and LibreOffice cannot run one
list on from another), the signing block (T/M CHI ỦY — BÍ THƯ) with "Nơi nhận:" at the bottom
left, and the quoted passages as an appendix. A4, Times New Roman.

Quotations are in quotation marks with their [n]; the tool's suggestions are in grey italics.
"""

from __future__ import annotations

import io

from assistant.outline.model import LEGEND, PLACEHOLDER, Item, Outline, has_suggestions, lines

FONT = "Times New Roman"
BODY_PT = 14
GREY = (0x55, 0x55, 0x55)


def docx_bytes(outline: Outline) -> bytes:
    """The outline as a Word file, in memory (for a download button)."""
    buf = io.BytesIO()
    to_docx(outline, buf)
    return buf.getvalue()


def to_docx(outline: Outline, path) -> None:
    """Write the Word file to `path` (a path or a binary file object such as `io.BytesIO`)."""
    import docx

    d = docx.Document()
    _page(d)
    _styles(d)
    _header(d, outline)
    _title(d, outline)
    _body(d, outline)
    _closing(d, outline)
    _notes(d, outline)
    _appendix(d, outline)
    # A file object is written as is: `str(buffer)` once saved the app's download to a file
    # named "<_io.BytesIO object at …>" and served the user an empty .docx.
    d.save(path if hasattr(path, "write") else str(path))


# ---- page and styles ---------------------------------------------------------------------------
def _page(d) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    # The margins of Party documents: 20–25 mm top and bottom, 30–35 left, 15–20 right.
    sec.top_margin = sec.bottom_margin = Mm(20)
    sec.left_margin, sec.right_margin = Mm(30), Mm(15)
    sec.header_distance = Mm(10)
    # Page numbers at the top centre, from the second page on.
    sec.different_first_page_header_footer = True
    p = sec.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(p)


def _page_field(paragraph) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def _styles(d) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for style in d.styles:
        if getattr(style, "font", None) is None:
            continue
        style.font.name = FONT
        rpr = style.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(rfonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), FONT)
        # Theme fonts win over w:ascii: drop them.
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            if rfonts.get(qn(attr)) is not None:
                del rfonts.attrib[qn(attr)]
    normal = d.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    pf = normal.paragraph_format
    pf.space_before, pf.space_after = Pt(0), Pt(4)
    pf.line_spacing = 1.1


def _para(container, text: str = "", *, align=None, bold=False, italic=False, size=None, indent=True, after=None):
    """A paragraph with one run; body paragraphs are justified with a first-line indent."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    p = container.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if align is None else align
    if indent and align is None:
        p.paragraph_format.first_line_indent = Cm(1)
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    if text:
        _run(p, text, bold=bold, italic=italic, size=size)
    return p


def _run(p, text: str, *, bold=False, italic=False, size=None, grey=False, underline=False):
    from docx.shared import Pt, RGBColor

    run = p.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    run.underline = underline or None
    if size:
        run.font.size = Pt(size)
    if grey:
        run.font.color.rgb = RGBColor(*GREY)
    return run


def _borderless(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _two_columns(d, left_mm: float, right_mm: float):
    from docx.shared import Mm

    table = d.add_table(rows=1, cols=2)
    table.autofit = False
    _borderless(table)
    for cell, width in zip(table.rows[0].cells, (left_mm, right_mm)):
        cell.width = Mm(width)
    for col, width in zip(table.columns, (left_mm, right_mm)):
        col.width = Mm(width)
    return table.rows[0].cells


def _keep_row_together(cell) -> None:
    """The signing block never splits across pages (its name once landed alone on the next page)."""
    from docx.oxml import OxmlElement

    tr_pr = cell._tc.getparent().get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _cell_para(cell, first: bool):
    """The cell's first (empty) paragraph, then new ones."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = cell.paragraphs[0] if first else cell.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.first_line_indent = None
    return p


# ---- the parts of the document -----------------------------------------------------------------
def _header(d, outline: Outline) -> None:
    h = outline.header
    left, right = _two_columns(d, 72, 93)
    _run(_cell_para(left, True), h.committee_line(), size=BODY_PT)
    _run(_cell_para(left, False), h.cell_line(), bold=True, size=BODY_PT)
    _run(_cell_para(left, False), "*", size=BODY_PT)
    _run(_cell_para(right, True), "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, underline=True, size=15)
    p = _cell_para(right, False)
    from docx.shared import Pt

    p.paragraph_format.space_before = Pt(6)
    _run(p, h.date_line(), italic=True, size=BODY_PT)


def _title(d, outline: Outline) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    center = WD_ALIGN_PARAGRAPH.CENTER
    p = _para(d, align=center, after=0)
    p.paragraph_format.space_before = Pt(18)
    _run(p, "ĐỀ CƯƠNG", bold=True, size=16)
    subject = outline.title.split(":", 1)[-1].strip() if ":" in outline.title else outline.topic
    _para(d, f"SINH HOẠT CHUYÊN ĐỀ: {subject.upper()}", align=center, bold=True, after=0)
    _para(d, "-----", align=center, after=8)
    for line in lines(outline):
        if line.kind != "info":
            continue
        p = _para(d, align=center, after=0)
        _item_runs(p, line.item, line.item.text)
    d.paragraphs[-1].paragraph_format.space_after = Pt(12)


def _item_runs(p, item: Item | None, text: str) -> None:
    if item is None or item.source in ("own", "reference"):
        _run(p, text)
    elif item.source == "template":
        _run(p, text, italic=True, grey=True)
    else:  # a quotation: the document's words in quotation marks, then its [n]
        body, _, marks = text.rpartition(" ")
        _run(p, body + " ")
        _run(p, marks, bold=True)


def _body(d, outline: Outline) -> None:
    from docx.shared import Pt

    for line in lines(outline):
        if line.kind == "info":
            continue
        if line.kind == "part":
            p = _para(d, after=4)
            p.paragraph_format.space_before = Pt(8)
            p.paragraph_format.keep_with_next = True
            _run(p, f"{line.label} {line.text.upper()}", bold=True)
        elif line.kind == "point":
            p = _para(d, after=4)
            p.paragraph_format.space_before = Pt(4)
            p.paragraph_format.keep_with_next = True
            _run(p, f"{line.label} {line.text}", bold=True)
        else:
            p = _para(d)
            _run(p, f"{line.label} ")
            _item_runs(p, line.item, line.text)
        if line.kind in ("part", "point") and line.note:
            note = _para(d, after=4)
            note.paragraph_format.keep_with_next = True
            _run(note, f"({line.note})", italic=True, grey=True, size=BODY_PT - 1)


def _closing(d, outline: Outline) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    h = outline.header
    # The signing block never stands alone on a page: the last line of the body goes with it.
    d.paragraphs[-1].paragraph_format.keep_with_next = True
    _para(d, after=6).paragraph_format.keep_with_next = True
    left, right = _two_columns(d, 80, 85)
    _keep_row_together(left)
    p = _cell_para(left, True)
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _run(p, "Nơi nhận:", bold=True, italic=True, underline=True, size=BODY_PT - 1)
    recipients = h.recipient_lines()
    for k, name in enumerate(recipients):
        p = _cell_para(left, False)
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        _run(p, f"- {name}{'.' if k == len(recipients) - 1 else ','}", size=12)
    _run(_cell_para(right, True), "T/M CHI ỦY", bold=True)
    _run(_cell_para(right, False), "BÍ THƯ", bold=True)
    for _ in range(3):  # room for the signature
        _cell_para(right, False).paragraph_format.space_after = Pt(6)
    _run(_cell_para(right, False), h.signer.strip() or PLACEHOLDER, bold=True)


def _notes(d, outline: Outline) -> None:
    """What the tool wants the trainer to know: warnings, and what italics mean while suggestions remain."""
    notes = list(outline.warnings)
    if has_suggestions(outline):
        notes.append(LEGEND)
    if not notes:
        return
    from docx.shared import Pt

    for k, note in enumerate(notes):
        p = _para(d, indent=False, after=2)
        if k == 0:
            p.paragraph_format.space_before = Pt(18)
        _run(p, ("Ghi chú khi soạn thảo: " if k == 0 else "") + note, italic=True, grey=True, size=11)


def _appendix(d, outline: Outline) -> None:
    if not outline.citations:
        return
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from assistant.answer import format_date

    # A new page through the heading's own property: a paragraph holding only a page break ran
    # onto a page of its own when the signing block ended near the bottom (a blank page).
    heading = _para(d, "PHỤ LỤC", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, after=0)
    heading.paragraph_format.page_break_before = True
    _para(d, "CÁC ĐOẠN TRÍCH DẪN", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, after=0)
    _para(
        d,
        "(nguyên văn các câu được trích trong đề cương, theo số [n])",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        italic=True,
        size=12,
        after=10,
    )
    for c in outline.citations:
        p = _para(d, indent=False, after=2)
        p.paragraph_format.keep_with_next = True
        _run(p, f"[{c.n}] ", bold=True, size=12)
        where = ", ".join(x for x in (c.title, c.section) if x)
        kind = "; tin bài — kinh nghiệm ở cơ sở" if c.kind == "news" else ""
        _run(p, f"{where} ({format_date(c.date)}{kind})", bold=True, size=12)
        q = _para(d, indent=False, after=8)
        if c.quote:
            _run(q, f"“{' '.join(c.quote.split())}”", size=12)
        else:
            _run(q, "Tham khảo: câu trích từ đoạn này đã được người soạn viết lại.", italic=True, grey=True, size=12)
