"""Each page's behaviour through Streamlit's AppTest."""

import io
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.ui.conftest import APP


def texts(at) -> str:
    return (
        "\n".join(m.value for m in at.markdown)
        + "\n".join(str(e.value) for e in at.info)
        + "\n".join(str(e.value) for e in at.warning)
    )


def test_first_visit_shows_examples(app):
    labels = [b.label for b in app.button]
    assert "Sinh hoạt chi bộ cần bảo đảm những tính chất gì?" in labels


def test_ask_gives_an_answer_with_sources(app):
    app.chat_input[0].set_value("Đảng bộ huyện Ia Pa có bao nhiêu đảng viên?").run()
    assert not app.exception
    body = texts(app)
    assert "1\\.837" in body or "1.837" in body
    assert any(e.label.startswith("Nguồn") for e in app.expander)
    assert "Ia Pa nâng cao năng lực lãnh đạo của cấp ủy cơ sở" in body


def test_a_hostile_question_is_shown_as_text(app):
    question = "<script>alert(1)</script> <b>Chi bộ</b> họp mấy lần? [x](javascript:alert(1))"
    app.chat_input[0].set_value(question).run()
    assert not app.exception
    shown = [m for m in app.markdown if "alert" in m.value]
    assert shown  # the question is echoed…
    # …and the only raw HTML on the page is the app's own style sheet
    assert all(m.value.startswith("<style>") for m in app.markdown if m.allow_html)
    assert all(not m.allow_html for m in shown)
    assert all("<script>" not in m.value and "](javascript" not in m.value for m in shown)


def test_example_button_and_follow_up(app):
    app.button[0].click().run()  # the first example question
    app.chat_input[0].set_value("Ai chủ trì?").run()
    assert not app.exception
    assert any("Hiểu câu hỏi là" in c.value for c in app.caption)
    assert len([m for m in app.session_state["messages"] if m["role"] == "assistant"]) == 2


def test_refusal_looks_like_a_refusal(app):
    app.chat_input[0].set_value(
        "Đảng viên dự bị được miễn sinh hoạt chi bộ bao nhiêu tháng khi đi học nước ngoài?"
    ).run()
    assert any("Không tìm thấy" in w.value for w in app.warning)
    assert any("Các đoạn gần nhất" in e.label for e in app.expander)
    assert not any(e.label.startswith("Nguồn") for e in app.expander)


def test_feedback_is_saved(app, app_home):
    from assistant.turnlog import TurnLog

    app.chat_input[0].set_value("Cần làm gì để tạo nguồn kết nạp đảng viên?").run()
    msg = app.session_state["messages"][-1]
    turn_id = msg["turn_id"]
    assert turn_id
    row = next(r for r in TurnLog(app_home.log_db).turns() if r["id"] == turn_id)
    assert row["question"] == "Cần làm gì để tạo nguồn kết nạp đảng viên?"


def test_clear_conversation(app):
    app.chat_input[0].set_value("Sinh hoạt chi bộ cần bảo đảm những tính chất gì?").run()
    next(b for b in app.button if "Xoá cuộc trò chuyện" in b.label).click().run()
    assert app.session_state["messages"] == []


def test_outline_page_gives_download_buttons(app):
    at = app.switch_page("views/de_cuong.py").run()
    at.text_input[0].set_value("Phát triển đảng viên ở chi bộ thôn, tổ dân phố")
    at.text_input[1].set_value("Chi bộ thôn Đông")
    at.button[0].click().run()
    assert not at.exception
    outline = at.session_state["outline"]
    assert len(outline.citations) >= 5
    assert len(at.get("download_button")) == 2  # .docx and .md
    # the Word download once went to a file named after the buffer's repr, in the working folder
    assert not list(Path.cwd().glob("<_io.BytesIO*"))
    # edit one item and remove another before export
    first_area = at.text_area[0]
    first_area.set_value("Chi bộ: Chi bộ thôn Đông (đã sửa)").run()
    at.checkbox[1].check().run()
    assert not at.exception


def test_documents_page_rejects_a_bad_upload_and_keeps_the_index(app_home):
    from ingest.documents import add_uploads, list_documents

    before = {d.doc_id: d.chunk_count for d in list_documents(app_home)}
    result = add_uploads(
        app_home,
        [
            ("../../evil.docx", b"not a zip at all"),
            ("empty.txt", b""),
            (
                "tai-lieu.txt",
                "Chi bộ thôn Đông sinh hoạt chuyên đề về bảo vệ môi trường. "
                "Đảng viên cam kết thu gom rác mỗi tuần.".encode(),
            ),
        ],
    )
    assert [n for n, _ in result.rejected] == ["evil.docx", "empty.txt"]
    after = {d.doc_id: d.chunk_count for d in list_documents(app_home)}
    assert all(after[k] == v for k, v in before.items()) and len(after) == len(before) + 1
    assert not (app_home.home / "evil.docx").exists()


def test_admin_gate(app_home, monkeypatch):
    monkeypatch.setenv("CHIBO_ADMIN_PASSWORD", "bimat-123")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at = at.switch_page("views/tai_lieu.py").run()
    assert any("dành cho quản trị viên" in i.value for i in at.info)
    assert not at.get("file_uploader")
    at.text_input[0].set_value("sai").run()
    at.button[0].click().run()
    assert any("không đúng" in e.value for e in at.error)
    at.text_input[0].set_value("bimat-123")
    at.button[0].click().run()
    assert at.session_state["admin_ok"] is True
    assert at.get("file_uploader")


def test_whole_app_password(app_home, monkeypatch):
    monkeypatch.setenv("CHIBO_PASSWORD", "chibo")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert [t.label for t in at.text_input] == ["Mật khẩu truy cập"]
    assert not at.chat_input
    at.text_input[0].set_value("chibo")
    at.button[0].click().run()
    assert at.chat_input


def test_document_text_is_never_html(app_home):
    from ui.common import highlight, md_escape

    hostile = "<script>alert(1)</script> **đậm** [link](http://x) <img src=x onerror=alert(1)>"
    escaped = md_escape(hostile)
    assert "<script>" not in escaped and "\\<script\\>" in escaped
    assert highlight("Câu một. Câu hai <b>.", "Câu hai <b>.") == "Câu một\\. **Câu hai \\<b\\>\\.**"
    assert io  # module used by other tests
