"""The "Ôn thi" page through Streamlit's AppTest, over the bundled corpus and the official texts:
practice with the basis shown, "Hỏi trợ lý", the notebook, a timed mock test handed in and timed
out, the score history, an uploaded bank's report, and the browser's id in the URL."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assistant.practice.session import Notebook, bundled_bank, load_items, new_browser_id
from ingest.settings import Settings
from tests.ui.conftest import APP

PAGE = "views/on_thi.py"


def open_page(query: dict | None = None) -> AppTest:
    from ui.common import wait_assistant

    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    wait_assistant()  # loaded once the app started it (see tests/ui/conftest.py)
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def texts(at) -> str:
    return "\n".join(
        [m.value for m in at.markdown]
        + [str(e.value) for e in at.info]
        + [str(e.value) for e in at.warning]
        + [str(e.value) for e in at.error]
        + [str(e.value) for e in at.success]
        + [c.value for c in at.caption]
    ).replace("\\", "")


def button(at, key: str):
    return at.button(key=key)


def mode(at, value: str) -> None:
    at.radio(key="practice-mode").set_value(value).run()
    assert not at.exception


def first_question():
    return load_items(bundled_bank())[0]


def test_practice_shows_the_basis_and_keeps_the_wrong_answer(home):
    at = open_page()
    browser = at.session_state["practice-browser"]
    assert at.query_params["so"] == [browser] or at.query_params["so"] == browser
    item = first_question()
    assert any(item.question in m.value.replace("\\", "") for m in at.markdown)
    choice = next(r for r in at.radio if r.key and r.key.startswith("pr-"))
    wrong = (item.answer + 1) % len(item.options)
    choice.set_value(wrong).run()
    button(at, "pr-check").click().run()
    assert not at.exception
    body = texts(at)
    assert "Chưa đúng" in body and f"Đáp án đúng: **{'ABCDE'[item.answer]}." in body
    assert f"Căn cứ của đáp án {'ABCDE'[item.answer]}:" in body
    exp = next(iter(at.session_state["practice-explained"].values()))
    assert exp.basis is not None  # the bundled bank's first question is stated in the Charter
    assert exp.basis.title in body and exp.basis.section in body  # document and section path
    assert exp.basis.quote.strip()[:60] in body
    assert "đáp án đúng" in body and "đồng chí chọn" in body  # the options marked
    assert f"Vì sao phương án {'ABCDE'[wrong]} chưa đúng:" in body
    entries = Notebook.of(home).entries(browser)
    assert [e.item.key for e in entries] == [item.key] and entries[0].picked == wrong

    # "Hỏi trợ lý": what it would choose, on what passage
    button(at, "pr-ask-0").click().run()
    assert not at.exception
    assert "Trợ lý chọn" in texts(at) and "Trùng với đáp án của bộ câu hỏi." in texts(at)

    # the notebook shows the question, with what was picked and the key
    mode(at, "notebook")
    body = texts(at)
    assert item.question in body and f"Đã chọn: {'ABCDE'[wrong]}." in body and "Sai 1 lần" in body
    assert any(r.key == "practice-mode" and "Sổ câu sai (1)" in r.options for r in at.radio)


def test_checking_without_a_choice_asks_for_one(home):
    at = open_page()
    button(at, "pr-check").click().run()
    assert any("Hãy chọn một phương án" in w.value for w in at.warning)
    assert Notebook.of(home).count(at.session_state["practice-browser"]) == 0


def test_the_place_in_a_bank_is_kept_while_looking_elsewhere(home):
    at = open_page()
    at.toggle(key="practice-shuffle").set_value(False).run()
    button(at, "pr-next").click().run()
    assert any(c.value.startswith("Câu 2/") for c in at.caption)
    mode(at, "history")
    mode(at, "practice")
    assert any(c.value.startswith("Câu 2/") for c in at.caption)


def test_the_assistant_says_plainly_when_it_abstains(home):
    from assistant.practice.session import Advice

    at = open_page()
    item = first_question()
    at.session_state["practice-advice"] = {item.key: Advice(None, None, {}, "Không đủ căn cứ.", [])}
    at.run()
    assert any("Trợ lý không chọn phương án nào" in w.value for w in at.warning)
    assert not any(m.value.startswith("Trợ lý chọn") for m in at.markdown)


def test_mock_test_submitted_and_scored(home):
    at = open_page()
    mode(at, "mock")
    n, minutes = at.number_input
    n.set_value(3)
    minutes.set_value(1)
    next(b for b in at.button if b.label == "Bắt đầu thi thử").click().run()
    assert not at.exception
    test = at.session_state["mock-test"]
    assert len(test.items) == 3 and test.minutes == 1
    assert any("Còn lại" in str(p.proto.text) for p in at.get("progress"))
    at.radio(key=f"mock-{test.id}-0").set_value(test.items[0].answer)
    at.radio(key=f"mock-{test.id}-1").set_value((test.items[1].answer + 1) % len(test.items[1].options)).run()
    button(at, "mock-submit").click().run()
    assert not at.exception
    body = texts(at)
    assert "Kết quả: đúng **1/3** câu (33%)" in body
    assert "Đồng chí chưa trả lời câu này." in body  # the third
    browser = at.session_state["practice-browser"]
    assert [(a.right, a.total) for a in Notebook.of(home).attempts(browser)] == [(1, 3)]
    assert Notebook.of(home).count(browser) == 2  # the wrong one and the unanswered one

    # the basis of a reviewed question on demand
    button(at, f"mock-why-{test.id}-1").click().run()
    assert "Căn cứ của đáp án" in texts(at)

    mode(at, "history")
    assert at.get("image") and "đúng **1/3** (33%)" in texts(at)


def test_mock_test_hands_itself_in_at_the_deadline(home):
    at = open_page()
    mode(at, "mock")
    next(b for b in at.button if b.label == "Bắt đầu thi thử").click().run()
    test = at.session_state["mock-test"]
    at.radio(key=f"mock-{test.id}-0").set_value(test.items[0].answer).run()
    test.started -= test.minutes * 60 + 5  # the clock runs out
    at.run()
    assert not at.exception
    assert test.done and test.score.timed_out and test.score.right == 1
    assert "Hết giờ: bài đã được nộp tự động." in texts(at)


def test_an_uploaded_bank_with_its_report(home):
    bank = (
        "Câu 1. Thời kỳ dự bị của đảng viên là bao lâu?\nA. 6 tháng\nB. 12 tháng\nĐáp án: B\n\n"
        "Câu 2. Chi bộ họp thường kỳ mấy lần?\nA. Mỗi tháng một lần\nB. Mỗi quý một lần\n\n"
        "Câu 3. Đảng viên dự bị có quyền biểu quyết không?\nA. Có\nB. Không\nĐáp án: B\n"
    )
    at = open_page()
    at.radio(key="practice-bank").set_value("upload").run()
    at.file_uploader(key="practice-upload").set_value(("bo-de.txt", bank.encode("utf-8"), "text/plain")).run()
    assert not at.exception
    body = texts(at)
    assert "Đã đọc 2 câu hỏi có đáp án từ «bo-de.txt»." in body
    assert any(e.label.startswith("1 câu chưa đọc được") for e in at.expander)
    assert "Câu 2: không có đáp án" in body
    assert "Thời kỳ dự bị của đảng viên là bao lâu?" in body  # practising it


def test_the_notebook_follows_the_id_in_the_address(home):
    from assistant.practice.session import Outcome

    mine = new_browser_id()
    item = first_question()
    Notebook.of(home).record(mine, "Bộ câu hỏi ôn thi kèm theo", Outcome(item, (item.answer + 1) % 4))
    at = open_page({"so": mine})
    assert at.session_state["practice-browser"] == mine
    mode(at, "notebook")
    assert item.question in texts(at)
    # practise the notebook's questions: missing one again keeps the run where it is
    button(at, "nb-practise").click().run()
    assert at.radio(key="practice-mode").value == "practice" and at.radio(key="practice-bank").value == "notebook"
    choice = next(r for r in at.radio if r.key and r.key.startswith("pr-notebook"))
    choice.set_value((item.answer + 1) % 4).run()
    button(at, "pr-check").click().run()
    assert not at.exception and "Chưa đúng" in texts(at)
    assert Notebook.of(home).entries(mine)[0].times_wrong == 2
    mode(at, "notebook")
    assert "Sai 2 lần" in texts(at)
    next(b for b in at.button if b.label == "Xoá khỏi sổ").click().run()
    assert Notebook.of(home).count(mine) == 0
    # a made-up id is not used
    at = open_page({"so": "<script>"})
    assert at.session_state["practice-browser"] != "<script>"


def test_bank_text_is_shown_as_text(home):
    from assistant.practice.session import Item, Outcome

    hostile = Item("<script>alert(1)</script> **đậm** [x](javascript:alert(1))?", ("<b>A</b>", "_B_"), 0)
    mine = new_browser_id()
    Notebook.of(home).record(mine, "Tệp <i>lạ</i>", Outcome(hostile, 1))
    at = open_page({"so": mine})
    mode(at, "notebook")
    assert not any(m.allow_html for m in at.markdown)
    shown = [m.value for m in at.markdown if "alert" in m.value]
    assert shown and all("<script>" not in m and "](javascript" not in m and "**đậm**" not in m for m in shown)


def test_a_broken_upload_is_refused_in_vietnamese(home):
    import os

    at = open_page()
    at.radio(key="practice-bank").set_value("upload").run()
    upload = ("../../hong.docx", os.urandom(2000), "application/octet-stream")  # a name reaching out
    at.file_uploader(key="practice-upload").set_value(upload).run()
    assert not at.exception
    shown = [e.value.replace("\\", "") for e in at.error]
    assert shown and shown[0].startswith("Không đọc được «hong.docx»: ") and "hãy" in shown[0]
    assert not any(r.key and r.key.startswith("pr-upload") for r in at.radio)
    assert [p.name for p in home.home.rglob("hong.docx")] == ["hong.docx"]
    assert next(home.home.rglob("hong.docx")).parent.parent == home.home / "practice-uploads"


def test_without_a_library_practice_still_works(chibo_home, monkeypatch):
    from ui import common

    monkeypatch.delenv("CHIBO_PASSWORD", raising=False)
    common.use_settings(Settings(home=chibo_home))
    try:
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        at.switch_page(PAGE).run()
        assert not at.exception
        assert any("Thư viện chưa có tài liệu" in w.value for w in at.warning)
        item = first_question()
        next(r for r in at.radio if r.key and r.key.startswith("pr-")).set_value(item.answer).run()
        button(at, "pr-check").click().run()
        assert not at.exception and any(s.value.startswith("Đúng.") for s in at.success)
        assert "Thư viện chưa có tài liệu nên chưa tìm được căn cứ" in texts(at)
        assert not any(b.key == "pr-ask-0" for b in at.button)  # no assistant to ask
    finally:
        common.use_settings(None)
