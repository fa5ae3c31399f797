"""Question files: malformed lines reported."""

from __future__ import annotations

import json

from evals.questions import load_questions


def test_malformed_question_lines_are_reported_with_line_numbers(tmp_path):
    f = tmp_path / "q.jsonl"
    f.write_text(
        "\n".join(
            [
                json.dumps(
                    {
                        "id": "ok-1",
                        "type": "factual",
                        "question": "Ia Pa có bao nhiêu đảng viên?",
                        "evidence": ["1.837"],
                    }
                ),
                "{not json",
                json.dumps({"id": "no-question", "type": "factual"}),
                json.dumps({"id": "bad-type", "type": "poem", "question": "x"}),
                json.dumps({"id": "ok-1", "question": "duplicate id"}),
                json.dumps(
                    {"id": "ok-2", "type": "outline", "topic": "Phát triển đảng viên", "outline_must_cover": ["x"]}
                ),
            ]
        ),
        encoding="utf-8",
    )
    questions, problems = load_questions(f)
    assert [q.id for q in questions] == ["ok-1", "ok-2"]
    assert [p.split(":")[0] for p in problems] == ["line 2", "line 3", "line 4", "line 5"]
    assert questions[1].text == "Phát triển đảng viên" and questions[1].type == "outline"


def test_a_bank_jsonl_line_carries_its_heading_and_kinds_and_a_keyless_one_is_skipped(tmp_path):
    f = tmp_path / "bank.jsonl"
    base = {"type": "mcq", "question": "Thời kỳ dự bị là bao lâu?", "options": ["06 tháng", "12 tháng"]}
    f.write_text(
        "\n".join(
            json.dumps(d, ensure_ascii=False)
            for d in [
                {**base, "id": "cau-001", "answer": 1, "section": "Phần I. Điều lệ Đảng"},  # `chibo bank import`
                {
                    **base,
                    "id": "c-2",
                    "answer": 0,
                    "heading": "Phần II",
                    "kinds": ["numbers"],
                    "split": "held",
                    "doc": "Điều lệ Đảng",
                    "section": ["Điều 5, khoản 1"],
                },  # fmt: skip
                {**base, "id": "cau-003", "answer": None},
            ]
        ),
        encoding="utf-8",
    )
    questions, problems = load_questions(f)
    assert [(q.id, q.heading, q.kinds, q.section) for q in questions] == [
        ("cau-001", "Phần I. Điều lệ Đảng", [], []),
        ("c-2", "Phần II", ["numbers"], ["Điều 5, khoản 1"]),
    ]
    assert problems == ["line 3: câu trắc nghiệm chưa có đáp án ('answer'), bỏ qua"]


def test_a_bank_file_is_read_as_multiple_choice_questions(tmp_path):
    from evals.questions import load_question_file

    f = tmp_path / "bank.txt"
    f.write_text(
        "PHẦN I. ĐIỀU LỆ ĐẢNG\n"
        "Câu 1. Theo Điều lệ Đảng, thời kỳ dự bị của đảng viên là bao lâu?\n"
        "A. 06 tháng\nB. 12 tháng\nC. 18 tháng\nD. 24 tháng\nĐáp án: B\n"
        "Câu 2. Chi bộ họp thường kỳ mấy tháng một lần?\nA. Một  B. Hai  C. Ba\n",
        encoding="utf-8",
    )
    questions, problems = load_question_file(f)
    (q,) = questions
    assert (q.id, q.type, q.options[1], q.answer, q.heading, q.split) == (
        "cau-001",
        "mcq",
        "12 tháng",
        1,
        "PHẦN I. ĐIỀU LỆ ĐẢNG",
        "tune",
    )
    assert problems == ["Câu 2: không có đáp án", "1 câu không có đáp án, không đánh giá"]
