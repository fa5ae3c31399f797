"""Each page's behaviour through Streamlit's AppTest."""

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
    # …and the only raw HTML on the page is the app's own (style sheet and translator)
    assert not any(m.allow_html for m in app.markdown)
    assert all("alert" not in h.proto.body for h in app.get("html"))
    assert all("<script>" not in m.value and "](javascript" not in m.value for m in shown)


def test_example_button_and_follow_up(app):
    app.button[0].click().run()  # the first example question
    app.chat_input[0].set_value("Ai chủ trì?").run()
    assert not app.exception
    assert any("Hiểu câu hỏi là" in c.value for c in app.caption)
    assert len([m for m in app.session_state["messages"] if m["role"] == "assistant"]) == 2


def test_refusal_looks_like_a_refusal(app):
    app.chat_input[0].set_value("Giá vàng hôm nay bao nhiêu?").run()
    assert app.warning and app.session_state["messages"][-1]["turn"]["refused"]
    # …and says what to do
    assert any("hãy" in m.value.lower() or "hỏi lại" in m.value for m in app.markdown)
    assert not any(e.label.startswith("Nguồn") for e in app.expander)


def test_no_evidence_refusal_offers_the_closest_passages(app):
    closest = {"n": 1, "title": "Văn bản gần nhất", "text": "Đoạn gần nhất.", "date": "2025-11", "section": None}
    turn = {
        "question": "Đảng viên đi học nước ngoài được miễn sinh hoạt bao lâu?",
        "rewritten_query": "Đảng viên đi học nước ngoài được miễn sinh hoạt bao lâu?",
        "body": "Không tìm thấy nội dung trả lời câu hỏi này trong các tài liệu hiện có.",
        "refused": True,
        "refusal_kind": "no_evidence",
        "notices": [],
        "citations": [],
        "closest": [closest],
    }
    app.session_state["messages"] = [
        {"role": "user", "content": turn["question"]},
        {"role": "assistant", "turn": turn, "turn_id": None},
    ]
    app.run()
    assert any("Không tìm thấy" in w.value for w in app.warning)
    assert any("hỏi lại bằng từ ngữ khác" in m.value for m in app.markdown)
    assert any("Các đoạn gần nhất" in e.label for e in app.expander)
    assert any("tháng 11/2025" in m.value for m in app.markdown)


def test_feedback_is_saved_and_confirmed(app, app_home):
    from assistant.turnlog import TurnLog

    app.chat_input[0].set_value("Cần làm gì để tạo nguồn kết nạp đảng viên?").run()
    msg = app.session_state["messages"][-1]
    turn_id = msg["turn_id"]
    assert turn_id
    row = next(r for r in TurnLog(app_home.log_db).turns() if r["id"] == turn_id)
    assert row["question"] == "Cần làm gì để tạo nguồn kết nạp đảng viên?"
    app.text_area(key=f"comment-{turn_id}").input("Thiếu số văn bản.")
    next(b for b in app.button if b.label == "Gửi góp ý").click().run()
    assert not app.exception
    row = next(r for r in TurnLog(app_home.log_db).turns() if r["id"] == turn_id)
    assert row["feedback_comment"] == "Thiếu số văn bản."
    # the confirmation stays on the page, outside the comment panel
    assert any("Đã ghi nhận góp ý của đồng chí" in s.value for s in app.success)


def test_answer_fields_are_rendered(app):
    """Sources grouped by role, section and number, the OCR note, multiple choice, rewritten query."""

    def cite(n, role, ocr=False):
        text = f"Đoạn {n} nói về sinh hoạt chi bộ."
        return {
            "n": n,
            "title": f"Văn bản số {n}",
            "text": text,
            "quote": text,
            "date": "2025-05-26",
            "section": "Chương V, Điều 24, khoản 2",
            "number": "294-QĐ/TW",
            "kind": "guidance",
            "ocr": ocr,
            "role": role,
        }

    turn = {
        "question": "Thời kỳ dự bị bao lâu?",
        "rewritten_query": "Thời kỳ dự bị của đảng viên bao lâu?",
        "body": "Thời kỳ dự bị là mười hai tháng. [1]",
        "refused": False,
        "refusal_kind": None,
        "notices": [],
        "citations": [cite(1, "source"), cite(2, "implementing", ocr=True), cite(3, "experience")],
        "closest": [],
        "options": ["6 tháng", "12 tháng"],
        "choice": 1,
    }
    app.session_state["messages"] = [
        {"role": "user", "content": turn["question"]},
        {"role": "assistant", "turn": turn, "turn_id": None},
    ]
    app.run()
    assert not app.exception
    body = texts(app)
    assert "Hướng dẫn thi hành" in body and "Kinh nghiệm ở cơ sở" in body
    assert "QĐ/TW" in body and "Chương V, Điều 24, khoản 2" in body and "26/05/2025" in body
    assert "✅ **B. 12 tháng**" in body and "- A. 6 tháng" in body
    captions = [c.value for c in app.caption]
    assert any("nhận dạng từ bản scan" in c for c in captions)
    assert any(c.startswith("Hiểu câu hỏi là: Thời kỳ dự bị của đảng viên") for c in captions)

    turn = {**turn, "choice": None, "citations": [], "refused": True, "body": "Không đủ căn cứ."}
    app.session_state["messages"][1]["turn"] = turn
    app.run()
    assert any("Không đủ căn cứ trong tài liệu để chọn" in i.value for i in app.info)


def test_sidebar_speaks_plainly(app):
    labels = [s.label for s in app.slider]
    assert labels == ["Số đoạn tài liệu xem xét cho mỗi câu hỏi"]
    assert not any("top-k" in s.label for s in app.slider)


def test_clear_conversation(app):
    app.chat_input[0].set_value("Sinh hoạt chi bộ cần bảo đảm những tính chất gì?").run()
    next(b for b in app.button if "Xoá cuộc trò chuyện" in b.label).click().run()
    assert app.session_state["messages"] == []


def test_documents_page_shows_metadata_and_corrects_a_title(app):
    at = app.switch_page("views/tai_lieu.py").run()
    assert not at.exception
    assert any(h.value == "Danh sách tài liệu (5)" for h in at.subheader)
    table = at.dataframe[0].value
    assert {"Tiêu đề", "Số hiệu", "Ngày", "Loại", "Cơ quan ban hành"} <= set(table.columns)
    chooser = at.selectbox(key="doc-chosen-0")
    assert chooser.value is None  # nothing is preselected for removal
    from ingest.documents import list_documents
    from ui.common import settings

    doc = next(d for d in list_documents(settings()) if "Vĩnh Yên" in d.title)
    chooser.set_value(doc.doc_id).run()
    title = next(t for t in at.text_input if t.label == "Tiêu đề")
    title.set_value("Vĩnh Yên đổi mới sinh hoạt chi bộ (đã sửa)")
    date = next(t for t in at.text_input if t.label.startswith("Ngày ban hành"))
    date.set_value("26/5/2025")
    next(b for b in at.button if b.label == "Lưu sửa đổi").click().run()
    assert not at.exception
    shown = [s.value.replace("\\", "") for s in at.success]  # Markdown-escaped on the page
    assert any("Đã sửa tiêu đề, ngày của «Vĩnh Yên đổi mới sinh hoạt chi bộ (đã sửa)»" in s for s in shown)
    fixed = next(d for d in list_documents(settings()) if d.doc_id == doc.doc_id)
    assert fixed.title == "Vĩnh Yên đổi mới sinh hoạt chi bộ (đã sửa)" and fixed.date == "2025-05-26"
    # the result stays until dismissed
    at.run()
    assert any("Đã sửa tiêu đề" in s.value for s in at.success)
    next(b for b in at.button if b.label == "Đã xem, ẩn thông báo").click().run()
    assert not any("Đã sửa tiêu đề" in s.value for s in at.success)
    # a date nobody can read is refused before anything changes, with what to type
    next(t for t in at.text_input if t.label.startswith("Ngày ban hành")).set_value("hôm qua")
    next(b for b in at.button if b.label == "Lưu sửa đổi").click().run()
    assert any("26/5/2025" in e.value for e in at.error)


def test_evaluation_page_speaks_vietnamese(app, app_home):
    from assistant.turnlog import TurnLog

    metrics = {"default": {"mrr@10": 0.95, "hit@5": 1.0}, "naive-langchain": {"mrr@10": 0.89, "hit@5": 0.95}}
    TurnLog(app_home.log_db).record_eval("evals/questions/dev.jsonl", str(app_home.index), list(metrics), metrics, None)
    at = app.switch_page("views/danh_gia.py").run()
    assert not at.exception
    labels = [c.label for c in at.checkbox]
    assert "Mặc định (đang dùng)" in labels and "Cách làm phổ biến (LangChain)" in labels
    assert any("Bộ câu hỏi chính về các tin bài trong kho" in o for o in at.radio[0].options)
    report = {
        "questions_file": "evals/questions/dev.jsonl",
        "created": "2026-01-01 10:00:00",
        "problems": ["line 3: unknown type 'mcq' (one of procedural, factual)"],
        "configs": {
            "default": {
                "metrics": {"hit@1": 0.9, "mrr@10": 0.95, "false_refusal_rate": 0.0, "total_ms_p50": 15.2},
                "questions": [],
                "splits": {"tune": {"metrics": {"hit@1": 0.9}}, "held": {"metrics": {"hit@1": 0.8}}},
            }
        },
    }
    at.session_state["eval_report"] = (report, str(app_home.home), "chạy trong 3 giây")
    at.run()
    assert not at.exception
    table = at.table[0].value
    assert {"Tìm đúng ở vị trí 1", "MRR@10 (thứ hạng trung bình)", "Từ chối sai"} <= set(table.index)
    assert "Mặc định (đang dùng)" in table.columns and "Ý nghĩa" in table.columns
    split = at.table[1].value
    assert list(split.columns[:2]) == ["Phần đã dùng để tinh chỉnh", "Phần giữ lại (chưa từng dùng để tinh chỉnh)"]
    assert any("Dòng 3: loại câu hỏi «mcq» chưa được hỗ trợ" in m.value for m in at.markdown)
    assert any("gồm cả thời gian mã hoá câu hỏi, đo như nhau cho mọi cấu hình" in c.value for c in at.caption)


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
