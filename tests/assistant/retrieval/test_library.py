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
