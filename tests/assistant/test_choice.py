"""Multiple-choice questions: options parsed from the pasted text, the supported option chosen."""

from __future__ import annotations

import pytest

from assistant.choice import parse
from assistant.service import Assistant


def test_options_inline_one_per_line_or_given():
    mc = parse("Thời kỳ dự bị là bao lâu? A. 6 tháng B. 9 tháng C. 12 tháng D. 18 tháng")
    assert mc.stem == "Thời kỳ dự bị là bao lâu?" and mc.options == ["6 tháng", "9 tháng", "12 tháng", "18 tháng"]
    mc = parse("Ai chủ trì?\nA) Bí thư chi bộ\nB) Thư ký\nC) Đảng viên lớn tuổi nhất")
    assert mc.options == ["Bí thư chi bộ", "Thư ký", "Đảng viên lớn tuổi nhất"]
    assert parse("Đối với đảng viên chính thức: a) khiển trách b) cảnh cáo") is None  # points, not options
    assert parse("Chi bộ họp mấy lần?", ["Một lần", "Hai lần"]).options == ["Một lần", "Hai lần"]
    assert parse("Hình thức nào KHÔNG phải là kỷ luật? A. Khiển trách B. Phê bình").negated


@pytest.fixture(scope="module")
def assistant(guidance_index):
    a = Assistant(guidance_index, log=False)
    a.warm()
    return a


def test_the_supported_option_with_its_passage(assistant):
    turn = assistant.ask(
        "Theo Điều lệ Đảng, người được kết nạp vào Đảng phải trải qua thời kỳ dự bị bao lâu? "
        "A. 6 tháng B. 9 tháng C. 12 tháng D. 18 tháng"
    )
    assert turn.answer.choice == 2 and turn.answer.options[2] == "12 tháng"
    assert turn.answer.body.startswith("Đáp án: C. 12 tháng")
    cited = turn.answer.citations[0]
    assert "Điều lệ" in cited.title and cited.section and "Điều 5" in cited.section


def test_options_as_a_list_and_no_basis(assistant):
    turn = assistant.ask(
        "Theo Điều lệ Đảng, đảng viên dự bị vi phạm có thể bị kỷ luật bằng hình thức nào?",
        options=["Khiển trách, cảnh cáo", "Khiển trách, cảnh cáo, cách chức", "Cảnh cáo, khai trừ"],
    )
    assert turn.answer.choice == 0
    none = assistant.ask("Màu cờ của đội bóng nào đẹp nhất? A. Đỏ B. Xanh C. Vàng")
    assert none.answer.choice is None and none.answer.refused and "Không đủ căn cứ" in none.answer.body


def test_bank_forms_are_read():
    mc = parse(
        "Câu 7. Theo Quy định số 294-QĐ/TW ngày 26/5/2025 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng: "
        "Đảng viên được miễn sinh hoạt đảng khi nào?",
        ["Khi ốm đau (có xác nhận).", "Khi đi công tác…", "Cả A và B"],
    )
    assert mc.question == "Đảng viên được miễn sinh hoạt đảng khi nào?"
    assert mc.parts.source.startswith("Theo Quy định số 294-QĐ/TW")
    assert [f.core for f in mc.forms[:2]] == ["Khi ốm đau", "Khi đi công tác"]
    assert mc.forms[0].qualifier == "có xác nhận" and mc.forms[2].refers_to == [0, 1]
    tf = parse("Chi bộ họp thường lệ mỗi tháng một lần. Đúng hay sai?", ["Đúng", "Sai"])
    assert tf.true_false and not tf.negated and tf.question == "Chi bộ họp thường lệ mỗi tháng một lần."
    assert parse("Phương án nào sau đây là sai?", ["a", "b"]).negated


def test_digits_with_leading_zeros_and_words(assistant):
    turn = assistant.ask(
        "Theo Điều lệ Đảng, chi bộ có từ bao nhiêu đảng viên chính thức trở lên thì bầu chi ủy?",
        options=["05 đảng viên", "07 đảng viên", "09 đảng viên", "11 đảng viên"],
    )
    assert turn.answer.choice == 2
    basis = turn.answer.basis
    assert basis is not None and "chín" in basis.quote and "Điều 24" in (basis.section or "")
    # each other option is answered from the text, labelled as the tool's reason
    assert set(turn.answer.why_not) == {0, 1, 3}
    assert all(b.quote and b.reason for b in turn.answer.why_not.values())
    as_json = turn.to_json()
    assert as_json["basis"]["option"] == 2 and set(as_json["why_not"]) == {"0", "1", "3"}


def test_all_of_the_above_needs_each_option(assistant):
    every = assistant.ask(
        "Hình thức kỷ luật đối với đảng viên chính thức gồm những hình thức nào?",
        options=["Khiển trách", "Cảnh cáo", "Khai trừ", "Cả 3 phương án trên"],
    )
    assert every.answer.choice == 3
    assert "khai trừ" in every.answer.basis.quote
    one = assistant.ask(
        "Theo Điều lệ Đảng, đảng viên dự bị vi phạm kỷ luật bị xử lý bằng hình thức nào?",
        options=["Khiển trách, cảnh cáo", "Cách chức", "Khai trừ", "Cả 3 phương án trên"],
    )
    assert one.answer.choice == 0 and "dự bị" in one.answer.basis.quote


def test_true_or_false_by_the_number_stated(assistant):
    wrong = assistant.ask(
        "Nhận định sau đúng hay sai: Người được kết nạp vào Đảng phải trải qua thời kỳ dự bị 24 tháng.",
        options=["Đúng", "Sai"],
    )
    right = assistant.ask(
        "Đúng hay sai? Người được kết nạp vào Đảng phải trải qua thời kỳ dự bị 12 tháng.", options=["Đúng", "Sai"]
    )
    assert (wrong.answer.choice, right.answer.choice) == (1, 0)
    # said in other words, a statement is not judged on a number alone: undecided, never a guess
    for n in (12, 24):
        loose = assistant.ask(
            f"Đúng hay sai: Thời kỳ dự bị của người mới vào Đảng là {n} tháng.", options=["Đúng", "Sai"]
        )
        assert loose.answer.choice in ({12: 0, 24: 1}[n], None)


def test_a_source_the_library_lacks_is_named(assistant):
    turn = assistant.ask(
        "Theo Quy định số 208-QĐ/TW năm 2026 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng: "
        "người vào Đảng phải từ bao nhiêu tuổi trở lên?",
        options=["16 tuổi", "18 tuổi", "21 tuổi"],
    )
    assert turn.answer.choice == 1
    assert any("208-QĐ/TW" in n for n in turn.notices)
    assert any("đáp án dựa trên" in n for n in turn.notices)


def test_explain_for_practice(assistant):
    options = ["06 tháng", "12 tháng", "18 tháng"]
    ex = assistant.explain("Thời kỳ dự bị của đảng viên là bao lâu?", options, correct=1, picked=0)
    assert ex.basis is not None and ex.basis.option == 1 and "mười hai tháng" in ex.basis.quote
    assert ex.why_not is not None and ex.why_not.option == 0 and ex.why_not.reason
    unknown = assistant.explain("Màu cờ của đội bóng nào đẹp nhất?", ["Đỏ", "Xanh"], correct=0, picked=1)
    assert unknown.basis is None


def test_one_embedding_per_multiple_choice_question(assistant):
    """The options are searched by keyword with the stem's analysis reused, and an option the
    words do not decide is left undecided: no embedding beyond the stem's (each one cost ~15 ms;
    an option-by-option meaning fallback made the slowest answers ~200 ms)."""
    embedder = assistant.retriever.embedder
    before = embedder.calls
    turn = assistant.ask(
        "Theo ý kiến chung, buổi sinh hoạt chi bộ nên có không khí thế nào cho hào hứng?",
        options=["Vui tươi cởi mở", "Nghiêm trang đúng mực", "Sôi nổi thẳng thắn"],
    )
    assert turn.answer.choice is None
    assert embedder.calls - before <= 1


def test_query_plus_adds_an_options_words():
    from assistant.query import analyze

    stem = analyze("Theo Quy định 294-QĐ/TW, thời hạn xét công nhận đảng viên chính thức là bao lâu?")
    both = stem.plus(analyze("30 ngày làm việc"))
    assert set(stem.tokens) < set(both.tokens) and "ngày" in both.syllable_tokens
    assert both.mention_keys == stem.mention_keys and both.sections == stem.sections
    assert both.raw == stem.raw and both.terms[: len(stem.terms)] == stem.terms
