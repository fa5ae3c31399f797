"""The Word file: the Party's document format, read back with python-docx."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

from assistant.outline import Edits, apply, docx_bytes, to_docx
from tests.assistant.outline.samples import NEWS, NEWS_2, RULE_2, sample_outline

ROMAN = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X)\. ")
NUMBER = re.compile(r"^(\d+)\. ")


def body_paragraphs(d) -> list:
    """Paragraphs of the body (the header and closing tables are not paragraphs of the document)."""
    return [p for p in d.paragraphs if p.text.strip()]


def numbering(d) -> dict[str, list[int]]:
    """For each part (I., II., …), the numbers of the points and items that follow it."""
    out: dict[str, list[int]] = {}
    part = None
    for p in body_paragraphs(d):
        text = p.text.strip()
        if text.startswith("PHỤ LỤC"):
            break
        if ROMAN.match(text) and p.runs[0].bold:
            part = text.split(".")[0]
            out[part] = []
        elif part and NUMBER.match(text):
            out[part].append(int(NUMBER.match(text).group(1)))
    return out


def test_the_party_document_format(tmp_path):
    o = sample_outline()
    path = tmp_path / "de-cuong.docx"
    to_docx(o, path)
    d = docx.Document(str(path))

    # A4, normal margins, Times New Roman 13–14
    sec = d.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert 20 <= round(sec.left_margin.mm) <= 35 and 15 <= round(sec.right_margin.mm) <= 20
    assert d.styles["Normal"].font.name == "Times New Roman" and d.styles["Normal"].font.size.pt in (13, 14)
    fonts = {r.font.name for p in d.paragraphs for r in p.runs if r.font.name}
    assert fonts <= {"Times New Roman"}

    # the header: a borderless two-column table, issuing body left, the Party's name right
    header = d.tables[0]
    left, right = header.rows[0].cells
    assert [p.text for p in left.paragraphs] == ["ĐẢNG BỘ XÃ THẠCH HÀ", "CHI BỘ THÔN ĐÔNG", "*"]
    assert left.paragraphs[1].runs[0].bold
    party, date = right.paragraphs
    assert party.text == "ĐẢNG CỘNG SẢN VIỆT NAM" and party.runs[0].underline and party.runs[0].bold
    assert date.text == "……, ngày …… tháng …… năm ………" and date.runs[0].italic
    assert header._tbl.tblPr.find(docx.oxml.ns.qn("w:tblBorders")) is not None

    # the type and the title, centred, in capitals
    body = body_paragraphs(d)
    assert body[0].text == "ĐỀ CƯƠNG" and body[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert (
        body[1].text == "SINH HOẠT CHUYÊN ĐỀ: PHÁT TRIỂN ĐẢNG VIÊN" and body[1].alignment == WD_ALIGN_PARAGRAPH.CENTER
    )
    assert body[1].text == body[1].text.upper() and body[1].runs[0].bold

    # numbering restarts with every part
    assert numbering(d) == {"I": [1], "II": [1, 2, 3], "III": [1, 2, 3], "IV": [1, 2], "V": [1, 2, 3]}

    # quotations in quotation marks with [n]; suggestions in italics
    quote = next(p for p in body if NEWS in p.text)
    assert quote.text == f"- “{NEWS}” [2]" and quote.runs[-1].text == "[2]" and not quote.runs[1].italic
    suggestion = next(p for p in body if "Câu hỏi 1?" in p.text)
    assert suggestion.runs[-1].italic

    # the closing block: Nơi nhận bottom left, T/M CHI ỦY — BÍ THƯ and the name's place right
    closing = d.tables[1]
    left, right = closing.rows[0].cells
    assert left.paragraphs[0].text == "Nơi nhận:" and left.paragraphs[0].runs[0].underline
    assert left.paragraphs[1].text == "- Đảng ủy xã Thạch Hà (để báo cáo),"
    signs = [p.text for p in right.paragraphs if p.text]
    assert signs == ["T/M CHI ỦY", "BÍ THƯ", "……………"]

    # the quoted passages as an appendix, each with its own words
    texts = [p.text for p in body]
    start = texts.index("PHỤ LỤC")
    assert texts[start + 1] == "CÁC ĐOẠN TRÍCH DẪN"
    # on a page of its own through the heading, not through an empty paragraph holding a break
    # (which made a blank page when the signing block ended near the bottom)
    assert body[start].paragraph_format.page_break_before and texts[start - 1].strip()
    assert any(t.startswith("[1] Hướng dẫn 99-HD/HU về phát triển đảng viên, mục 1") for t in texts[start:])
    assert f"“{NEWS}”" in texts[start:]


def test_edited_and_removed_quotations_leave_the_word_file():
    edits = Edits()
    edits.remove("experience-1")  # [2], Thôn Đông: gone
    edits.set_text("basis-2", "Mỗi đảng viên giúp đỡ một quần chúng ưu tú.")  # no longer a quotation
    edits.set_text("experience-2", "Thôn Tây mở lớp cảm tình Đảng.")  # its passage only referred to
    o = apply(sample_outline(), edits)
    d = docx.Document(io.BytesIO(docx_bytes(o)))
    texts = [p.text for p in body_paragraphs(d)]
    whole = "\n".join(texts)
    assert NEWS not in whole and "Thôn Đông phát triển đảng viên" not in whole
    assert RULE_2 not in whole and NEWS_2 not in whole
    assert "- Mỗi đảng viên giúp đỡ một quần chúng ưu tú. (tham khảo [1])" in texts
    assert "- Thôn Tây mở lớp cảm tình Đảng. (tham khảo [2])" in texts
    start = texts.index("V. TÀI LIỆU THAM KHẢO")
    refs = texts[start + 1 : start + 3]
    assert refs == [
        "1. Hướng dẫn 99-HD/HU về phát triển đảng viên, Ban Thường vụ Huyện ủy (10/03/2025) — trích [1]",
        "2. Thôn Tây tạo nguồn (01/05/2024, tin bài) — tham khảo [2]",
    ]
    appendix = texts[texts.index("CÁC ĐOẠN TRÍCH DẪN") :]
    assert [t[:3] for t in appendix if re.match(r"^\[\d\] ", t)] == ["[1]", "[2]"]
    assert any("viết lại" in t for t in appendix)  # [2] is referred to, not quoted


def test_cli_json_contract_and_word_file(corpus_index, tmp_path):
    env = {**os.environ, "CHIBO_HOME": str(corpus_index.home)}
    out = tmp_path / "x.docx"
    run = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "outline", "Vai trò của bí thư chi bộ", "--index",
         str(corpus_index.index), "--json", "--cell", "Chi bộ khu phố 3", "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert {"topic", "title", "markdown", "sections", "citations", "warnings", "timings_ms"} <= set(data)
    assert data["title"] == "Đề cương sinh hoạt chuyên đề: Vai trò của bí thư chi bộ"
    for s in data["sections"]:
        assert {"heading", "items"} <= set(s)
        for item in s["items"]:
            assert {"text", "citations", "source"} <= set(item) and item["source"] in ("corpus", "template")
            if item["source"] == "corpus":
                assert item["citations"]
    assert {"n", "doc_id", "title", "chunk_id", "text", "date", "source"} <= set(data["citations"][0])

    d = docx.Document(str(out))
    assert d.tables[0].rows[0].cells[0].paragraphs[1].text == "CHI BỘ KHU PHỐ 3"
    body = [p.text for p in body_paragraphs(d)]
    assert body[:2] == ["ĐỀ CƯƠNG", "SINH HOẠT CHUYÊN ĐỀ: VAI TRÒ CỦA BÍ THƯ CHI BỘ"]
    parts = numbering(d)
    assert list(parts) == ["I", "II", "III", "IV", "V", "VI"]
    assert all(numbers == list(range(1, len(numbers) + 1)) for numbers in parts.values())
    cited = {int(n) for t in body[: body.index("PHỤ LỤC")] for n in re.findall(r"\[(\d+)\]", t)}
    assert cited == set(range(1, len(data["citations"]) + 1))  # every [n] in the body, none missing
