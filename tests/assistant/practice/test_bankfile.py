"""Contest banks as provinces publish them: Word, PDF and text files read into questions."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from assistant.practice.bankfile import (
    KEY_STYLES,
    BankFileError,
    BankQuestion,
    import_bank,
    load_bank,
    read_bank,
    write_docx,
    write_jsonl,
)

# long enough to wrap in a PDF: the second line still belongs to the heading
SECTION_2 = (
    "Phần II. Quản lý đảng viên: thẻ đảng viên, hồ sơ đảng viên, chuyển sinh hoạt đảng, miễn sinh hoạt và xóa tên"
)
BANK = [
    BankQuestion(
        1,
        "Theo Điều lệ Đảng, thời kỳ dự bị của đảng viên là bao lâu?",
        ["06 tháng", "09 tháng", "12 tháng", "18 tháng"],
        2,
        "Phần I. Điều lệ Đảng",
        "cau-001",
    ),
    BankQuestion(
        2,
        "Theo Quy định số 294-QĐ/TW ngày 26/5/2025 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng: "
        "chi bộ có từ bao nhiêu đảng viên chính thức trở lên thì bầu chi ủy?",
        ["07 đảng viên", "09 đảng viên", "11 đảng viên"],
        1,
        "Phần I. Điều lệ Đảng",
        "cau-002",
    ),
    BankQuestion(
        3,
        "Hình thức kỷ luật nào sau đây KHÔNG áp dụng đối với đảng viên dự bị?",
        ["Khiển trách", "Cảnh cáo", "Cách chức", "Khai trừ", "Cả A và B"],
        2,
        "Phần I. Điều lệ Đảng",
        "cau-003",
    ),
    BankQuestion(
        4,
        "Đúng hay sai: đảng viên dự bị có quyền biểu quyết trong sinh hoạt chi bộ.",
        ["Đúng", "Sai"],
        1,
        SECTION_2,
        "cau-004",
    ),
    BankQuestion(
        5,
        "Chi bộ sinh hoạt thường kỳ bao lâu một lần (theo Hướng dẫn số 06-HD/TW, mục 3.5.1)?",
        [
            # the key, long enough to wrap: in bold, its second line must not pass for a heading
            "Mỗi tháng một lần; chi bộ có đông đảng viên hoặc đảng viên làm việc phân tán có thể họp "
            "hai tháng một lần nhưng phải bảo đảm chất lượng sinh hoạt",
            "Hai tháng một lần",
            "Ba tháng một lần",
        ],
        0,
        SECTION_2,
        "cau-005",
    ),
]


def as_read(questions):
    return [(q.number, q.question, q.options, q.answer, q.section) for q in questions]


@pytest.mark.parametrize("key", KEY_STYLES)
def test_a_written_bank_reads_back_the_same(tmp_path, key):
    path = write_docx(BANK, tmp_path / f"bank-{key}.docx", key=key)
    result = import_bank(path)
    assert as_read(result.questions) == as_read(BANK)
    assert result.problems == []
    assert [q.id for q in result.questions] == [q.id for q in BANK]


def soffice_pdf(docx: Path) -> Path:
    """A PDF printed by LibreOffice from a .docx (its own profile, so parallel runs do not clash)."""
    with tempfile.TemporaryDirectory(prefix="chibo-test-bank-") as tmp:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={Path(tmp).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(docx.parent),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
            env={**os.environ, "HOME": tmp},
        )
    return docx.with_suffix(".pdf")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed: make system")
@pytest.mark.parametrize("key", ["inline", "table", "bold", "color"])
def test_a_pdf_printed_from_the_word_bank_reads_every_question_and_key(tmp_path, key):
    """Bold and coloured keys too: the PDF's fonts and fill colours mark the option."""
    pdf = soffice_pdf(write_docx(BANK, tmp_path / f"bank-{key}.docx", key=key))
    result = import_bank(pdf)
    assert as_read(result.questions) == as_read(BANK)
    assert result.problems == []


def test_a_text_bank_with_inline_options_and_a_key_table_at_the_end(tmp_path):
    f = tmp_path / "bank.txt"
    f.write_text(
        "BỘ CÂU HỎI TRẮC NGHIỆM HỘI THI BÍ THƯ CHI BỘ GIỎI NĂM 2026\n"
        "\n"
        "I. ĐIỀU LỆ ĐẢNG\n"
        "1. Theo Điều lệ Đảng, thời kỳ dự bị của đảng viên là bao lâu?\n"
        "A. 03 tháng  B. 06 tháng C. 12 tháng D. 24 tháng\n"
        "2. Theo Quy định số 294-QĐ/TW ngày 26/5/2025 của Ban Chấp hành Trung ương:\n"
        "những hình thức kỷ luật nào áp dụng với đảng viên dự bị?\n"
        "1. Khiển trách\n"
        "2. Cảnh cáo\n"
        "a) Khiển trách, cảnh cáo  b) Khiển trách, cảnh cáo, cách chức\n"
        "c) Cảnh cáo, khai trừ d) Cả a, b, c đều đúng\n"
        "3) Đảng viên bỏ sinh hoạt chi bộ bao nhiêu lần trong một năm mà không có lý do chính đáng\n"
        "thì chi bộ xem xét, đề nghị xóa tên?\n"
        "A) 01 lần  B) 02 lần\n"
        "C) 03 lần  D) 04 lần\n"
        "II. SINH HOẠT CHI BỘ\n"
        "4. Chi bộ sinh hoạt thường kỳ mấy tháng một lần?\n"
        "(A) Một tháng một lần (B) Hai tháng một lần (C) Ba tháng một lần\n"
        "\n"
        "ĐÁP ÁN\n"
        "1-C, 2-A, 3-C\n"
        "4-A\n",
        encoding="utf-8",
    )
    result = import_bank(f)
    assert result.problems == []
    q1, q2, q3, q4 = result.questions
    assert (q1.options, q1.answer, q1.section) == (
        ["03 tháng", "06 tháng", "12 tháng", "24 tháng"],
        2,
        "I. ĐIỀU LỆ ĐẢNG",
    )
    # the stem keeps its own numbered lines; the "a) b) c) d)" options follow them
    assert q2.question.startswith("Theo Quy định số 294-QĐ/TW ngày 26/5/2025 của Ban Chấp hành Trung ương:")
    assert q2.question.endswith("dự bị?\n1. Khiển trách\n2. Cảnh cáo")
    assert q2.options == [
        "Khiển trách, cảnh cáo",
        "Khiển trách, cảnh cáo, cách chức",
        "Cảnh cáo, khai trừ",
        "Cả a, b, c đều đúng",
    ]
    assert q2.answer == 0
    assert q3.question.endswith("không có lý do chính đáng thì chi bộ xem xét, đề nghị xóa tên?")
    assert (q3.options, q3.answer) == (["01 lần", "02 lần", "03 lần", "04 lần"], 2)
    assert (q4.options[2], q4.answer, q4.section) == ("Ba tháng một lần", 0, "II. SINH HOẠT CHI BỘ")


def test_a_heading_wrapped_over_two_lines_and_a_note_under_it(tmp_path):
    f = tmp_path / "bank.txt"
    f.write_text(
        "Câu 1. Thời kỳ dự bị là bao lâu?\nA. 06 tháng\nB. 12 tháng\nĐáp án: B\n"
        "Phần II. Quản lý đảng viên: thẻ đảng viên, hồ sơ đảng viên, chuyển sinh hoạt đảng,\n"
        "miễn sinh hoạt và xóa tên\n"
        "Câu 2. Hồ sơ đảng viên do cấp nào quản lý?\nA. Chi bộ\nB. Cấp ủy cơ sở\nĐáp án: B\n"
        "PHẦN III\nSINH HOẠT CHI BỘ\n(10 câu)\n"
        "Câu 3. Chi bộ họp thường kỳ mấy tháng một lần?\nA. Một\nB. Hai\nĐáp án: A\n",
        encoding="utf-8",
    )
    result = import_bank(f)
    assert [(q.section, q.options) for q in result.questions] == [
        (None, ["06 tháng", "12 tháng"]),
        (SECTION_2, ["Chi bộ", "Cấp ủy cơ sở"]),
        ("PHẦN III – SINH HOẠT CHI BỘ", ["Một", "Hai"]),
    ]
    assert result.problems == []


def test_key_forms_after_a_question_and_key_table_lines(tmp_path):
    f = tmp_path / "bank.md"
    f.write_text(
        "# NGÂN HÀNG CÂU HỎI\n"
        "## Phần I. Điều lệ Đảng\n"
        "**Câu 1:** Theo Điều lệ Đảng, thời kỳ dự bị của đảng viên là bao lâu?\n"
        "a. 06 tháng\nb. 12 tháng\nc. 18 tháng\nd. 24 tháng\n"
        "Đáp án đúng: b\n"
        "**Câu 2 -** Đảng viên dự bị có những quyền nào như đảng viên chính thức, trừ quyền\n"
        "biểu quyết, ứng cử và bầu cử cơ quan lãnh đạo của Đảng?\n"
        "A. Quyền được thông tin\n"
        "B. Quyền ứng cử\n"
        "C. Quyền biểu quyết ĐA: A\n"
        "**Câu 3.** Chi bộ có từ bao nhiêu đảng viên chính thức trở lên thì bầu chi ủy?\n"
        "A. 07 đảng viên\n"
        "**B. 09 đảng viên**\n"
        "C. 11 đảng viên\n"
        "**Câu 4.** Cấp nào quyết định khai trừ đảng viên là cấp ủy viên cơ sở?\n"
        "A. Chi bộ\nB. Đảng ủy cơ sở\nC. Cấp ủy cấp trên trực tiếp của tổ chức cơ sở đảng (x)\n"
        "Câu 5: C\n",
        encoding="utf-8",
    )
    result = import_bank(f)
    assert [(q.number, q.answer) for q in result.questions] == [(1, 1), (2, 0), (3, 1), (4, 2)]
    assert result.questions[1].options[2] == "Quyền biểu quyết"
    assert result.questions[1].question.endswith("trừ quyền biểu quyết, ứng cử và bầu cử cơ quan lãnh đạo của Đảng?")
    assert result.questions[3].options[2] == "Cấp ủy cấp trên trực tiếp của tổ chức cơ sở đảng"
    assert {q.section for q in result.questions} == {"Phần I. Điều lệ Đảng"}
    assert result.problems == [("Câu 5", "có trong bảng đáp án nhưng không tìm thấy câu hỏi số này")]


def test_malformed_questions_are_named_not_dropped(tmp_path):
    f = tmp_path / "bank.txt"
    f.write_text(
        "Câu 1. Theo Điều lệ Đảng, thời kỳ dự bị của đảng viên là bao lâu?\n"
        "A. 06 tháng\nB. 12 tháng\nC. 18 tháng\nD. 24 tháng\nĐáp án: B\n"
        "Câu 2. Đảng viên dự bị có quyền biểu quyết không?\n"
        "A. Không\n"
        "Đáp án: A\n"
        "Câu 3. Chi bộ họp thường kỳ mấy tháng một lần?\n"
        "A. Một tháng  B. Hai tháng  C. Ba tháng\n"
        "Câu 4. Tổ chức cơ sở đảng gồm những loại nào?\n"
        "Câu 5. Ai chủ trì sinh hoạt chi bộ?\n"
        "A. Bí thư chi bộ\nB. Đảng viên cao tuổi nhất\nĐáp án: E\n"
        "Câu 7. Đảng viên dự bị được kết nạp lại khi nào?\n"
        "A. Sau 12 tháng\nB. Sau 24 tháng\nĐáp án: B\n",
        encoding="utf-8",
    )
    result = import_bank(f)
    assert [q.number for q in result.questions] == [1, 3, 5, 7]
    assert [q.answer for q in result.questions] == [1, None, None, 1]
    assert result.problems == [
        ("Câu 2", "chỉ có 1 phương án"),
        ("Câu 3", "không có đáp án"),
        ("Câu 4", "không tìm thấy phương án"),
        ("Câu 5", "đáp án E không có trong các phương án (A, B)"),
        ("Câu 6", "không tìm thấy (số câu nhảy từ 5 sang 7)"),
    ]
    assert result.with_key == 2


def test_a_bank_without_any_key_is_said_once(tmp_path):
    f = tmp_path / "bank.txt"
    f.write_text("Câu 1. Chi bộ họp mấy tháng một lần?\nA. Một\nB. Hai\nCâu 2. Đảng viên dự bị?\nA. Có\nB. Không\n")
    result = import_bank(f)
    assert len(result.questions) == 2 and result.with_key == 0
    assert [p[0] for p in result.problems] == ["cả tệp"]


def _docx_with_marked_key(path: Path, style: str) -> Path:
    import docx
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import RGBColor

    d = docx.Document()
    d.add_paragraph().add_run("NGÂN HÀNG CÂU HỎI HỘI THI BÍ THƯ CHI BỘ GIỎI").bold = True
    d.add_paragraph().add_run("PHẦN A – KIẾN THỨC CHUNG").bold = True
    p = d.add_paragraph()
    p.add_run("Câu 1.").bold = True
    p.add_run(" Theo Điều lệ Đảng, thời kỳ dự bị của đảng viên là bao lâu?")
    for i, text in enumerate(["06 tháng", "12 tháng", "18 tháng", "24 tháng"]):
        p = d.add_paragraph()
        p.add_run(f"{'ABCD'[i]}. ").bold = True  # the bank prints every letter in bold
        run = p.add_run(text)
        if i == 1:
            if style == "bold":
                run.bold = True
            elif style == "color":
                run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
            elif style == "highlight":
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    p = d.add_paragraph()
    p.add_run("Câu 2.").bold = True
    p.add_run(" Chi bộ có từ bao nhiêu đảng viên chính thức trở lên thì bầu chi ủy? ")
    p = d.add_paragraph()  # options on one line, the right one in its own run
    p.add_run("A. 07 đảng viên   ")
    run = p.add_run("B. 09 đảng viên")
    if style == "bold":
        run.bold = True
    elif style == "color":
        run.font.color.rgb = RGBColor(0x00, 0x70, 0xC0)
    elif style == "highlight":
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    p.add_run("   C. 11 đảng viên")
    d.save(str(path))
    return path


@pytest.mark.parametrize("style", ["bold", "color", "highlight"])
def test_the_key_shown_only_as_a_marked_option(tmp_path, style):
    result = import_bank(_docx_with_marked_key(tmp_path / "bank.docx", style))
    assert [(q.options, q.answer) for q in result.questions] == [
        (["06 tháng", "12 tháng", "18 tháng", "24 tháng"], 1),
        (["07 đảng viên", "09 đảng viên", "11 đảng viên"], 1),
    ]
    assert {q.section for q in result.questions} == {"PHẦN A – KIẾN THỨC CHUNG"}
    assert result.problems == []


def test_word_tables_of_keys_and_of_questions(tmp_path):
    import docx

    d = docx.Document()
    t = d.add_table(rows=3, cols=6)
    rows = [
        ("STT", "Câu hỏi", "A", "B", "C", "Đáp án"),
        ("1", "Thời kỳ dự bị của đảng viên là bao lâu?", "06 tháng", "12 tháng", "18 tháng", "B"),
        ("2", "Chi bộ có từ bao nhiêu đảng viên chính thức thì bầu chi ủy?", "07", "09", "11", ""),
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    d.add_paragraph("BẢNG ĐÁP ÁN")
    k = d.add_table(rows=2, cols=3)  # sideways: numbers in one row, letters under them
    for c, (a, b) in enumerate([("Câu", "Đáp án"), ("1", "B"), ("2", "B")]):
        k.cell(0, c).text, k.cell(1, c).text = a, b
    d.save(str(tmp_path / "bank.docx"))
    result = import_bank(tmp_path / "bank.docx")
    assert [(q.question, q.options, q.answer) for q in result.questions] == [
        ("Thời kỳ dự bị của đảng viên là bao lâu?", ["06 tháng", "12 tháng", "18 tháng"], 1),
        ("Chi bộ có từ bao nhiêu đảng viên chính thức thì bầu chi ủy?", ["07", "09", "11"], 1),
    ]
    assert result.problems == []


def test_conflicting_keys_are_reported(tmp_path):
    f = tmp_path / "bank.txt"
    f.write_text(
        "Câu 1. Thời kỳ dự bị là bao lâu?\nA. 06 tháng\nB. 12 tháng\nĐáp án: B\n\nĐÁP ÁN\nCâu 1: A\n",
        encoding="utf-8",
    )
    result = import_bank(f)
    assert result.questions[0].answer == 1
    assert result.problems == [("Câu 1", "các đáp án không khớp nhau (dòng đáp án: B; bảng đáp án: A); lấy B")]


def test_unreadable_files_say_why_in_vietnamese(tmp_path):
    with pytest.raises(BankFileError, match="Không thấy tệp"):
        import_bank(tmp_path / "none.docx")
    (tmp_path / "bank.xlsx").write_bytes(b"PK\x03\x04")
    with pytest.raises(BankFileError, match="không đọc được loại tệp '.xlsx'"):
        import_bank(tmp_path / "bank.xlsx")
    (tmp_path / "fake.docx").write_text("Câu 1. ...", encoding="utf-8")
    with pytest.raises(BankFileError, match="không phải tệp Word .docx hợp lệ"):
        import_bank(tmp_path / "fake.docx")
    (tmp_path / "fake.pdf").write_text("Câu 1. ...", encoding="utf-8")
    with pytest.raises(BankFileError, match="không phải PDF"):
        import_bank(tmp_path / "fake.pdf")
    from pypdf import PdfWriter

    scan = PdfWriter()
    scan.add_blank_page(595, 842)  # a page with no text layer, as a scan has
    scan.write(str(tmp_path / "scan.pdf"))
    with pytest.raises(BankFileError, match="không có lớp chữ"):
        import_bank(tmp_path / "scan.pdf")


def test_jsonl_round_trip_and_load_bank_of_any_file(tmp_path):
    out = tmp_path / "bank.jsonl"
    write_jsonl(BANK, out)
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first == {
        "id": "cau-001",
        "type": "mcq",
        "number": 1,
        "question": BANK[0].question,
        "options": BANK[0].options,
        "answer": 2,
        "section": "Phần I. Điều lệ Đảng",
        "heading": "Phần I. Điều lệ Đảng",
    }
    assert as_read(load_bank(out)) == as_read(BANK)
    assert as_read(load_bank(write_docx(BANK, tmp_path / "bank.docx", key="bold"))) == as_read(BANK)


def test_an_evaluation_set_keeps_its_own_fields(tmp_path):
    f = tmp_path / "contest.jsonl"
    line = {
        "id": "c-001",
        "type": "mcq",
        "question": "Thời kỳ dự bị là bao lâu?",
        "options": ["06 tháng", "12 tháng"],
        "answer": 1,
        "doc": "Điều lệ Đảng",
        "section": ["Điều 5, khoản 1"],
        "heading": "Phần I",
        "kinds": ["numbers"],
        "split": "held",
    }
    f.write_text(json.dumps(line, ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    result = read_bank(f)
    (q,) = result.questions
    assert (q.section, q.answer) == ("Phần I", 1)
    assert result.problems == [("dòng 2", "không phải JSON hợp lệ")]
    again = q.to_json()
    assert again["section"] == ["Điều 5, khoản 1"] and again["heading"] == "Phần I"
    assert again["kinds"] == ["numbers"] and again["split"] == "held"


def _auto_numbered_docx(path: Path) -> Path:
    """A bank typed with Word's automatic numbering: "Câu 1." and each question's "A." "B." are
    list labels (the options restart from A with a startOverride, as Word's "Restart at 1" does);
    the key is the bold option."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    numbering = d.part.numbering_part.element
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    for aid, fmt, text in ((90, "decimal", "Câu %1."), (91, "upperLetter", "%1.")):
        first_num.addprevious(
            parse_xml(
                f'<w:abstractNum {w} w:abstractNumId="{aid}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
            )
        )

    def num(nid: int, aid: int, restart: bool = False) -> None:
        override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
        numbering.append(parse_xml(f'<w:num {w} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{override}</w:num>'))

    def numbered(text: str, nid: int, bold: bool = False) -> None:
        p = d.add_paragraph()
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {w}><w:ilvl w:val="0"/><w:numId w:val="{nid}"/></w:numPr>'))
        p.add_run(text).bold = bold

    num(900, 90)
    for i, q in enumerate(BANK[:3]):
        numbered(q.question, 900)
        num(901 + i, 91, restart=True)
        for j, option in enumerate(q.options):
            numbered(option, 901 + i, bold=j == q.answer)
    d.save(str(path))
    return path


def test_word_automatic_numbering_of_questions_and_options(tmp_path):
    result = import_bank(_auto_numbered_docx(tmp_path / "bank.docx"))
    assert [(q.number, q.question, q.options, q.answer) for q in result.questions] == [
        (q.number, q.question, q.options, q.answer) for q in BANK[:3]
    ]
    assert result.problems == []


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed: make system")
def test_a_pdf_of_an_automatically_numbered_bank_with_bold_keys(tmp_path):
    result = import_bank(soffice_pdf(_auto_numbered_docx(tmp_path / "bank.docx")))
    assert [(q.number, q.question, q.options, q.answer) for q in result.questions] == [
        (q.number, q.question, q.options, q.answer) for q in BANK[:3]
    ]


def test_numbering_restarting_in_each_part_with_the_key_table_by_part(tmp_path):
    f = tmp_path / "bank.txt"
    f.write_text(
        "PHẦN I. ĐIỀU LỆ ĐẢNG\n"
        "Câu 1. Thời kỳ dự bị là bao lâu?\nA. 06 tháng B. 12 tháng (Đ) C. 18 tháng\n"
        "Câu 2. Theo Hướng dẫn số 06-HD/TW, có bao nhiêu nội dung đúng trong các nội dung sau:\n"
        "1. Chi bộ họp mỗi tháng một lần.\n2. Đảng viên dự bị được biểu quyết.\n3. Bí thư chi bộ chủ trì.\n"
        "A. 1      B. 2      C. 3\n"
        "PHẦN II. SINH HOẠT CHI BỘ\n"
        "Câu 1. Chi bộ có ít nhất mấy đảng viên chính thức?\nA. 02 B. 03 C. 05\n"
        "Câu 2. Ai chủ trì sinh hoạt chi bộ?\na) Bí thư chi bộ; b) Đảng viên cao tuổi nhất; c) Chủ tịch xã.\n"
        "ĐÁP ÁN\nPhần I: Câu 1: B; Câu 2: B\nPhần II: 1-B, 2-A\n",
        encoding="utf-8",
    )
    result = import_bank(f)
    assert [(q.id, q.answer, q.section) for q in result.questions] == [
        ("cau-001", 1, "PHẦN I. ĐIỀU LỆ ĐẢNG"),
        ("cau-002", 1, "PHẦN I. ĐIỀU LỆ ĐẢNG"),
        ("cau-001-2", 1, "PHẦN II. SINH HOẠT CHI BỘ"),
        ("cau-002-2", 0, "PHẦN II. SINH HOẠT CHI BỘ"),
    ]
    assert result.questions[0].options[1] == "12 tháng" and result.questions[1].question.endswith(
        "3. Bí thư chi bộ chủ trì."
    )
    assert result.problems == []
