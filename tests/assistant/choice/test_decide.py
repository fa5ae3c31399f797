"""Choosing an option from passages: each rule on small passages written for the test (the
same functions run over the official texts in tests/assistant/test_choice.py)."""

from __future__ import annotations

from assistant.choice.decide import _in_order, _negations, choose, parse, slot_context
from assistant.query import analyze
from ingest.model import Chunk, Document, Hit

RULES = [
    (
        "Điều 9. Tổ đảng\n1. Chi bộ có từ ba đảng viên chính thức trở lên. Chi bộ đông đảng viên có thể chia "
        "thành tổ đảng.\n2. Chi bộ có chín đảng viên chính thức trở lên thì bầu chi ủy; dưới chín đảng viên "
        "chính thức thì bầu bí thư.",
        [(0, "Điều 9"), ("1. Chi bộ", "Điều 9, khoản 1"), ("2. Chi bộ", "Điều 9, khoản 2")],
    ),
    (
        "Điều 12. Kỷ luật\nHình thức kỷ luật:\n- Đối với đảng viên chính thức: khiển trách, cảnh cáo, cách chức, "
        "khai trừ.\n- Đối với đảng viên dự bị: khiển trách, cảnh cáo.",
        [(0, "Điều 12")],
    ),
    (
        "Điều 14. Thời hạn\nHồ sơ được gửi chậm nhất mười lăm ngày làm việc. Cấp ủy xem xét, quyết định trong "
        "thời hạn ba mươi ngày làm việc kể từ ngày nhận hồ sơ.",
        [(0, "Điều 14")],
    ),
]
DOC = Document(doc_id="quy-che", path="quy-che.txt", title="Quy chế mẫu của chi bộ", kind="guidance")


def _hits(rules=None) -> list[Hit]:
    chunks = []
    for i, (text, parts) in enumerate(rules or RULES):
        sections = [(at if isinstance(at, int) else text.index(at), sec) for at, sec in parts]
        chunks.append(
            Chunk("quy-che", i, 0, len(text), text, heading_path=[parts[0][1]], section=parts[0][1], sections=sections)
        )
    return [Hit(c, 1.0 / (i + 1), i + 1, document=DOC) for i, c in enumerate(chunks)]


def _choose(question: str, options: list[str], rules=None):
    mc = parse(question, options)
    q = analyze(mc.question)
    return mc, choose(mc, _hits(rules), q, {t: 1.0 for t in q.terms})


# two deadlines in one sentence, and a sentence that denies one placement and states another
CLAUSES = [
    (
        "Điều 20. Thời hạn xét\nTrong thời hạn 20 ngày làm việc kể từ ngày chi bộ có nghị quyết đề nghị khen "
        "thưởng; trong thời hạn 40 ngày làm việc kể từ ngày chi bộ có nghị quyết đề nghị miễn sinh hoạt, thì "
        "cấp ủy phải xem xét, quyết định.",
        [(0, "Điều 20")],
    ),
    (
        "Điều 21. Hồ sơ\nHồ sơ của đảng viên đi học không lưu tại chi bộ nơi học tập mà lưu tại chi bộ nơi công "
        "tác; phiếu đảng viên lưu tại cấp ủy cơ sở.",
        [(0, "Điều 21")],
    ),
]


def test_the_option_whose_clause_the_stem_speaks_of():
    # both deadlines sit in the one sentence; the stem's "miễn sinh hoạt" is the second clause's
    _mc, chosen = _choose(
        "Kể từ ngày chi bộ có nghị quyết đề nghị miễn sinh hoạt, cấp ủy phải xem xét, quyết định trong thời hạn bao lâu?",
        ["10 ngày làm việc", "20 ngày làm việc", "40 ngày làm việc", "60 ngày làm việc"],
        CLAUSES,
    )
    assert chosen.index == 2


def test_a_placement_the_text_denies_is_not_supported():
    # "không lưu tại chi bộ nơi học tập mà lưu tại chi bộ nơi công tác"
    _mc, chosen = _choose(
        "Hồ sơ của đảng viên đi học được lưu ở đâu?",
        ["Lưu tại chi bộ nơi học tập", "Lưu tại chi bộ nơi công tác"],
        CLAUSES,
    )
    assert chosen.index == 1


def test_digits_against_words_and_the_slot():
    _mc, chosen = _choose("Chi bộ có bao nhiêu đảng viên chính thức trở lên thì bầu chi ủy?", ["03", "07", "09"])
    assert chosen.index == 2 and "chín đảng viên" in chosen.sentence
    _mc, chosen = _choose(
        "Cấp ủy xem xét, quyết định trong thời hạn bao lâu kể từ ngày nhận hồ sơ?",
        ["15 ngày làm việc", "30 ngày làm việc"],
    )
    assert chosen.index == 1


def test_all_of_the_above_and_one_alone():
    _mc, every = _choose(
        "Hình thức kỷ luật đối với đảng viên chính thức gồm?",
        ["Khiển trách", "Cảnh cáo", "Khai trừ", "Cả 3 phương án trên"],
    )
    assert every.index == 3
    _mc, one = _choose(
        "Đảng viên dự bị bị kỷ luật bằng hình thức nào?",
        ["Khiển trách, cảnh cáo", "Cách chức", "Khai trừ", "Cả 3 phương án trên"],
    )
    assert one.index == 0 and "dự bị" in one.sentence


def test_the_exception_and_abstention():
    _mc, chosen = _choose(
        "Hình thức nào KHÔNG áp dụng với đảng viên chính thức?", ["Khiển trách", "Cảnh cáo", "Khai trừ", "Giải tán"]
    )
    assert chosen.index == 3
    _mc, none = _choose("Màu cờ của đội bóng nào đẹp nhất?", ["Đỏ", "Xanh"])
    assert none.index is None


def test_true_or_false():
    _mc, false = _choose("Đúng hay sai: Chi bộ có bảy đảng viên chính thức trở lên thì bầu chi ủy.", ["Đúng", "Sai"])
    assert false.index == 1
    _mc, true = _choose("Đúng hay sai: Chi bộ có chín đảng viên chính thức trở lên thì bầu chi ủy.", ["Đúng", "Sai"])
    assert true.index == 0


def test_why_not_keeps_a_sentence_per_option():
    _mc, chosen = _choose("Chi bộ có bao nhiêu đảng viên chính thức trở lên thì bầu chi ủy?", ["03", "07", "09"])
    assert chosen.support[0].sentence is not None and "ba đảng viên" in chosen.support[0].sentence.text


def test_helpers():
    assert slot_context("Thời hạn là bao lâu kể từ ngày nhận hồ sơ?") == (["thoi", "han"], ["ke", "tu", "ngay"])
    assert _in_order("a b c".split(), "a x b y".split()) == 2 / 3
    assert _negations("không được tẩy xóa") == 1 and _negations("không quá 30 ngày") == 0


OPINIONS = (
    "Điều 20. Ý kiến và hồ sơ\nĐảng viên có ý kiến khác được bảo lưu và báo cáo lên cấp ủy cấp trên, "
    "không được truyền bá ý kiến đó. Tổ kiểm tra làm việc theo chế độ tập thể, dưới sự lãnh đạo của chi ủy. "
    "Hồ sơ của quần chúng ưu tú do chi ủy nơi học tập lưu giữ rồi chuyển lên đảng ủy cơ sở."
)


def _tf(statement: str):
    chunk = Chunk("quy-che", 9, 0, len(OPINIONS), OPINIONS, heading_path=["Điều 20"], section="Điều 20")
    mc = parse(f"Đúng hay sai? {statement}", ["Đúng", "Sai"])
    q = analyze(mc.question)
    return choose(mc, [Hit(chunk, 1.0, 1, document=DOC)], q, {t: 1.0 for t in q.terms})


def test_true_or_false_on_what_the_statement_quotes():
    # a negated clause the sentence adds after the statement's words does not make it false
    assert _tf("Đảng viên có ý kiến khác được bảo lưu và báo cáo lên cấp ủy cấp trên.").index == 0
    # another member of a class of alternatives (contrasts.toml) where the statement names one
    swap = _tf("Tổ kiểm tra làm việc theo chế độ thủ trưởng, dưới sự lãnh đạo của chi ủy.")
    assert swap.index == 1 and "tập thể" in swap.reason
    # another phrase between the words both share
    place = _tf("Hồ sơ của quần chúng ưu tú do chi ủy nơi cư trú của người đó lưu giữ rồi chuyển lên đảng ủy cơ sở.")
    assert place.index == 1


def test_a_true_statement_in_its_own_words_is_true():
    # every word of the sentence's rule, in another order ("Có ý kiến khác, đảng viên được báo cáo
    # … và bảo lưu"): no number, negation or contrasting word says otherwise
    said = _tf("Có ý kiến khác, đảng viên được báo cáo lên cấp ủy cấp trên và bảo lưu.")
    assert said.index == 0
    # a word the sentence lacks may be the one a false statement changed: not judged
    assert (
        _tf("Khi có ý kiến khác, đảng viên được quyền bảo lưu ý kiến của mình và báo cáo lên cấp ủy cấp trên.").index
        is None
    )
    # a statement holding only part of the sentence's words is not judged either
    assert _tf("Đảng viên có ý kiến khác được giải quyết tại đại hội đảng bộ cấp trên.").index is None


def test_a_statement_to_complete_with_a_blank():
    # the blank is what is asked; "không được" inside the statement is its content, not a stem
    # asking for the exception (which asks with a question word, or in capitals)
    cut = (
        "Điều 30. Cách chức\nĐảng viên bị kỷ luật cách chức, trong vòng một năm, kể từ ngày có quyết định, "
        "không được bầu vào cấp ủy."
    )
    mc, chosen = _choose(
        "Đảng viên bị kỷ luật cách chức, trong vòng ……, kể từ ngày có quyết định, không được bầu vào cấp ủy.",
        ["06 tháng", "01 năm", "02 năm"],
        rules=[(cut, [(0, "Điều 30")])],
    )
    assert not mc.negated and chosen.index == 1
    assert parse("Trường hợp nào sau đây không được bầu vào cấp ủy?", ["Bị cách chức", "Bị khiển trách"]).negated
    # two bounds in two clauses of one sentence ("một năm" is a year there, not a one and a five):
    # the clause the stem's own words name decides
    early = (
        "Điều 31. Tặng sớm\nĐảng viên ốm nặng hoặc từ trần được xét tặng, truy tặng sớm, nhưng không quá một năm; "
        "đảng viên 60 năm, "
        "65 năm, 70 năm tuổi đảng trở lên nếu ốm nặng được xét tặng sớm, nhưng không quá hai năm."
    )
    options = ["01 năm", "02 năm", "03 năm"]
    for stem, want in (
        ("Đảng viên có 65 năm tuổi đảng trở lên nếu ốm nặng được xét tặng sớm nhưng không quá ……", 1),
        ("Đảng viên ốm nặng hoặc từ trần được xét tặng, truy tặng sớm, nhưng không quá ……", 0),
    ):
        _mc, chosen = _choose(stem, options, rules=[(early, [(0, "Điều 31")])])
        assert chosen.index == want, (stem, chosen.scores)


def test_the_fullest_of_nested_options():
    # "Chọn phương án đầy đủ nhất": the shorter lists are true but partial; a list that adds an
    # item of another line ("giải tán" is for organisations) is not the fullest
    rule = (
        "Điều 40. Hình thức\nHình thức kỷ luật:\n- Đối với chi hội: phê bình, nhắc nhở, đình chỉ;\n"
        "- Đối với hội viên: phê bình, nhắc nhở, cảnh cáo, xóa tên."
    )
    options = [
        "Phê bình, nhắc nhở",
        "Phê bình, nhắc nhở, cảnh cáo",
        "Phê bình, nhắc nhở, cảnh cáo, xóa tên",
        "Phê bình, nhắc nhở, đình chỉ",
    ]
    _mc, chosen = _choose(
        "Hình thức kỷ luật đối với hội viên gồm những hình thức nào? (Chọn phương án đầy đủ nhất)",
        options,
        rules=[(rule, [(0, "Điều 40")])],
    )
    assert chosen.index == 2, chosen.scores
    # options for different subjects (their qualifiers differ) are not parts of one another
    _mc, chosen = _choose(
        "Hình thức kỷ luật được quy định như thế nào?",
        ["Phê bình, nhắc nhở (đối với hội viên)", "Phê bình, nhắc nhở, đình chỉ (đối với chi hội)"],
        rules=[(rule, [(0, "Điều 40")])],
    )
    assert chosen.index is None


def test_a_named_source_is_read_first():
    # the stem names the charter: a guide's sentence on a special case, as much about the stem's
    # words (and ranked first), does not outweigh the charter's
    charter = Document(doc_id="dieu-le", path="dieu-le.md", title="Điều lệ Đảng Cộng sản Việt Nam", kind="guidance")
    guide = Document(
        doc_id="hd", path="hd.md", title="Hướng dẫn 05-HD/TW thi hành Điều lệ Đảng", kind="guidance", number="05-HD/TW"
    )
    texts = [
        (
            guide,
            "d) Ở xã biên giới, đảng ủy, chi ủy cơ sở họp thường lệ ba tháng một lần; họp bất thường khi cần.",
        ),
        (charter, "4. Đảng ủy, chi ủy cơ sở họp thường lệ mỗi tháng một lần; họp bất thường khi cần."),
    ]
    hits = []
    for i, (doc, text) in enumerate(texts):
        chunk = Chunk(
            doc.doc_id, i, 0, len(text), text, heading_path=[text[:7]], section=text[:7], sections=[(0, text[:7])]
        )
        hits.append(Hit(chunk, 1.0 / (i + 1), i + 1, document=doc))
    question = "Theo Điều lệ Đảng, đảng ủy, chi ủy cơ sở họp thường lệ như thế nào?"
    options = ["Mỗi tháng một lần", "Ba tháng một lần", "Mỗi tuần một lần"]
    mc = parse(question, options)
    q = analyze(mc.question)
    chosen = choose(mc, hits, q, {t: 1.0 for t in q.terms})
    assert chosen.index == 0, chosen.scores


def test_an_exception_from_a_part_whose_sentences_state_the_others():
    # each task of the item is a paragraph of its own, none naming the committee; the text's
    # closing block names the committee among its addressees and states nothing
    item = (
        "2. Các huyện ủy cụ thể hóa hướng dẫn này phù hợp với thực tiễn địa phương.\n"
        "Bố trí kinh phí, phương tiện phục vụ việc biên soạn tài liệu sinh hoạt.\n"
        "Quan tâm bồi dưỡng nghiệp vụ cho cộng tác viên của tài liệu sinh hoạt."
    )
    other = "1. Ban Tuyên giáo biên soạn tài liệu sinh hoạt hằng tháng cho các chi bộ."
    closing = "Nơi nhận:\n- Các huyện ủy,\n- Lưu văn phòng."
    text = f"{other}\n{item}\n{closing}"
    at_item, at_closing = text.index("2. Các"), text.index("Nơi nhận")
    chunk = Chunk(
        "quy-che",
        0,
        0,
        len(text),
        text,
        heading_path=["mục 1"],
        section="mục 1",
        sections=[(0, "mục 1"), (at_item, "mục 2"), (at_closing, "phần cuối")],
    )
    hits = [Hit(chunk, 1.0, 1, document=DOC)]
    mc = parse(
        "Nhiệm vụ nào sau đây KHÔNG được giao cho các huyện ủy?",
        [
            "Cụ thể hóa hướng dẫn phù hợp với thực tiễn địa phương",
            "Bố trí kinh phí, phương tiện phục vụ việc biên soạn tài liệu sinh hoạt",
            "Biên soạn tài liệu sinh hoạt hằng tháng cho các chi bộ",
            "Quan tâm bồi dưỡng nghiệp vụ cho cộng tác viên",
        ],
    )
    q = analyze(mc.question)
    chosen = choose(mc, hits, q, {t: 1.0 for t in q.terms})
    assert chosen.index == 2, chosen.scores
    assert "Nơi nhận" not in chosen.sentence and "Các huyện ủy," != chosen.sentence.strip()


def _hits_of(*texts: str) -> list[Hit]:
    out = []
    for i, text in enumerate(texts):
        head = text.split("\n")[0].rstrip(".")
        chunk = Chunk("quy-che", i, 0, len(text), text, heading_path=[head], section=head, sections=[(0, head)])
        out.append(Hit(chunk, 1.0 / (i + 1), i + 1, document=DOC))
    return out


def test_an_exception_stated_elsewhere_of_something_else_is_still_the_exception():
    question = "Người thân nào KHÔNG thuộc diện phải thẩm tra lý lịch khi xét kết nạp người vào Đảng?"
    options = ["Cha, mẹ đẻ", "Vợ hoặc chồng", "Con đẻ", "Anh, chị, em ruột"]
    rule = (
        "Điều 20. Thẩm tra lý lịch\nNgười thân của người vào Đảng phải thẩm tra lý lịch khi xét kết nạp gồm: "
        "cha, mẹ đẻ; vợ hoặc chồng; con đẻ."
    )
    mc = parse(question, options)
    q = analyze(mc.question)
    idf = {t: 1.0 for t in q.terms}
    # "anh, chị, em ruột" named in a sentence about something else (who is spared a check)
    aside = "Điều 31. Hồ sơ đảng viên\nĐảng viên có anh, chị, em ruột ở nước ngoài ghi rõ trong hồ sơ."
    chosen = choose(mc, _hits_of(rule, aside), q, idf)
    assert chosen.index == 3 and "con đẻ" in chosen.sentence
    # ... but named by a sentence as much about the stem as the list: the texts disagree, no answer
    more = (
        "Điều 21. Thẩm tra lý lịch bổ sung\nNgười thân của người vào Đảng phải thẩm tra lý lịch khi xét kết nạp "
        "còn có anh, chị, em ruột."
    )
    assert choose(mc, _hits_of(rule, more), q, idf).index is None


AWARDS = [
    (
        "Điều 30. Khen thưởng\nHình thức khen thưởng đối với đảng viên: biểu dương, tặng giấy khen, bằng khen.",
        [(0, "Điều 30")],
    ),
]


def test_a_word_typed_with_diacritics_is_not_a_stop_word_it_folds_to():
    # folded, "cờ" is "co" like the stop word "có": the list would seem to hold "Tặng cờ"
    _mc, chosen = _choose(
        "Hình thức nào sau đây KHÔNG phải là hình thức khen thưởng đối với đảng viên?",
        ["Biểu dương", "Tặng cờ", "Tặng giấy khen", "Tặng bằng khen"],
        AWARDS,
    )
    assert chosen.index == 1
