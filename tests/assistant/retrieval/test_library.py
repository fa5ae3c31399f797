"""The loaded library: word statistics, filters, reload on a new index generation."""

from __future__ import annotations

from assistant.retrieval import Filters, Library
from ingest.pipeline import ingest


def test_rare_and_unseen_words_weigh_more(retriever):
    idf = retriever.library.idf(["dang_vien", "vinh_yen", "khong_co_tu_nay"])
    assert idf["dang_vien"] < idf["vinh_yen"] < idf["khong_co_tu_nay"]


def test_filters_pick_documents_by_kind_and_date(retriever):
    lib = retriever.library
    assert lib.allowed_docs(None) is None and lib.allowed_docs(Filters()) is None
    dated = lib.allowed_docs(Filters(date_from="2018-01-01", date_to="2018-12"))
    assert [lib.document(d).title for d in dated] == [
        "Đảng bộ thành phố Vĩnh Yên đổi mới, nâng cao chất lượng sinh hoạt chi bộ"
    ]
    assert lib.allowed_docs(Filters(kinds=["guidance"])) == set()


def test_a_new_generation_is_picked_up(settings, corpus_copy):
    ingest([corpus_copy], settings)
    lib = Library(settings)
    before = len(lib.documents())
    (corpus_copy / "moi.txt").write_text(
        "Chi bộ thôn Bắc họp bàn việc làm đường giao thông nông thôn.", encoding="utf-8"
    )
    ingest([corpus_copy], settings)
    lib.refresh()
    assert len(lib.documents()) == before + 1 and lib.titles_mentioning({"nothing"}) == []


def test_a_long_first_paragraph_lends_its_first_sentence_as_lead_in():
    """The paragraphs of an item cut into another chunk read under its first sentence, which
    names who the item is about; a short first line is the lead-in whole."""
    from assistant.retrieval.library import _lead_table
    from ingest.model import Chunk

    head = (
        "2. Các ban thường vụ huyện ủy hướng dẫn chi bộ lập kế hoạch sinh hoạt chuyên đề cả năm; "
        "theo dõi việc thực hiện hằng quý. Đưa kết quả sinh hoạt chuyên đề vào tiêu chí đánh giá chi bộ "
        "cuối năm, làm căn cứ xếp loại chất lượng tổ chức đảng và đảng viên."
    )
    long = Chunk("hd", 0, 0, len(head), head + "\n", section="mục 2", sections=[(0, "mục 2")])
    short = Chunk("hd", 1, 0, 40, "3. Chi bộ có nhiệm vụ:\n- Họp hằng tháng.", section="mục 3", sections=[(0, "mục 3")])
    table = _lead_table([long, short])
    assert table[("hd", "mục 2")] == (
        "2. Các ban thường vụ huyện ủy hướng dẫn chi bộ lập kế hoạch sinh hoạt chuyên đề cả năm;"
    )
    assert table[("hd", "mục 3")] == "3. Chi bộ có nhiệm vụ:"
