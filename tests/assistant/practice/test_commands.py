"""`chibo bank import`: the report in Vietnamese, the JSONL written, exit codes."""

from __future__ import annotations

import json

from assistant.cli import main

BANK_TXT = (
    "PHẦN I. ĐIỀU LỆ ĐẢNG\n"
    "Câu 3. Theo Điều lệ Đảng, thời kỳ dự bị của đảng viên là bao lâu?\n"
    "A. 06 tháng\nB. 12 tháng\nC. 18 tháng\nD. 24 tháng\n"
    "Đáp án: B\n"
    "Câu 4. Chi bộ có từ bao nhiêu đảng viên chính thức trở lên thì bầu chi ủy?\n"
    "A. 07 đảng viên  B. 09 đảng viên  C. 11 đảng viên\n"
    "Câu 5. Đảng viên dự bị có quyền biểu quyết không?\n"
    "A. Không\n"
)


def test_import_writes_jsonl_and_names_the_questions_to_check(tmp_path, capsys):
    src = tmp_path / "ngan-hang.txt"
    src.write_text(BANK_TXT, encoding="utf-8")
    assert main(["bank", "import", str(src)]) == 0
    out = capsys.readouterr().out
    assert "Đã đọc 2 câu hỏi từ ngan-hang.txt, 1 câu có đáp án." in out
    assert "- Câu 4: không có đáp án" in out and "- Câu 5: chỉ có 1 phương án" in out
    lines = [json.loads(x) for x in (tmp_path / "ngan-hang.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(d["number"], d["answer"], d["section"]) for d in lines] == [
        (3, 1, "PHẦN I. ĐIỀU LỆ ĐẢNG"),
        (4, None, "PHẦN I. ĐIỀU LỆ ĐẢNG"),
    ]
    assert lines[0]["options"] == ["06 tháng", "12 tháng", "18 tháng", "24 tháng"]


def test_json_prints_the_questions_and_reports_on_stderr(tmp_path, capsys):
    src = tmp_path / "bank.txt"
    src.write_text(BANK_TXT, encoding="utf-8")
    out_file = tmp_path / "out" / "bank.jsonl"
    out_file.parent.mkdir()
    assert main(["bank", "import", str(src), "--out", str(out_file), "--json"]) == 0
    captured = capsys.readouterr()
    assert [json.loads(x)["id"] for x in captured.out.splitlines()] == ["cau-003", "cau-004"]
    assert "Đã ghi" in captured.err and out_file.exists()


def test_no_question_read_exits_1_with_a_clear_message(tmp_path, capsys):
    src = tmp_path / "ghi-chu.txt"
    src.write_text("Biên bản họp chi bộ tháng 3.\nNội dung: kiểm điểm.\n", encoding="utf-8")
    assert main(["bank", "import", str(src)]) == 1
    err = capsys.readouterr().err
    assert "Không đọc được câu hỏi nào trong ghi-chu.txt" in err
    assert not (tmp_path / "ghi-chu.jsonl").exists()


def test_unreadable_or_unsupported_files_fail_in_vietnamese_without_traceback(tmp_path, capsys):
    assert main(["bank", "import", str(tmp_path / "khong-co.docx")]) != 0
    assert "Lỗi: Không thấy tệp" in capsys.readouterr().err
    (tmp_path / "bank.xlsx").write_bytes(b"PK\x03\x04")
    assert main(["bank", "import", str(tmp_path / "bank.xlsx")]) != 0
    err = capsys.readouterr().err
    assert "ngân hàng câu hỏi cần là tệp .docx, .pdf, .txt hoặc .md" in err and "Traceback" not in err
    (tmp_path / "hong.docx").write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["bank", "import", str(tmp_path / "hong.docx")]) != 0
    assert "không phải tệp Word .docx hợp lệ" in capsys.readouterr().err
