"""The app's rendering helpers: document text is shown literally, never as HTML or Markdown."""

from __future__ import annotations

from ui.common import highlight, md_escape


def test_document_text_is_never_html():
    hostile = "<script>alert(1)</script> **đậm** [link](http://x) <img src=x onerror=alert(1)>"
    escaped = md_escape(hostile)
    assert "<script>" not in escaped and "\\<script\\>" in escaped and "\\*\\*đậm\\*\\*" in escaped
    assert highlight("Câu một. Câu hai <b>.", "Câu hai <b>.") == "Câu một\\. **Câu hai \\<b\\>\\.**"


def test_refusals_say_what_to_do():
    from ui.common.messages import ingest_failure
    from ui.common.uploads import upload_rejection

    broken = upload_rejection("bao-cao.docx", "nội dung tệp không phải .docx (nhận ra: binary)")
    assert "binary" not in broken and "nhận ra" not in broken and "lưu lại dưới dạng .docx" in broken
    old = upload_rejection("bien-ban.doc", "không nhận loại tệp '.doc'")
    assert "lưu lại dưới dạng .docx rồi tải lên" in old
    renamed = upload_rejection("quy-dinh.docx", "nội dung tệp không phải .docx (nhận ra: pdf)")
    assert "đổi đuôi tên tệp thành .pdf" in renamed
    assert "tách thành nhiều tệp" in upload_rejection("to.pdf", "tệp lớn hơn 20 MB")
    assert "Hãy" in upload_rejection("rong.txt", "tệp rỗng")
    assert "bản scan" in ingest_failure("PDF không có lớp chữ (bản scan), cần OCR")
    assert ingest_failure("không đọc được tệp").endswith("rồi tải lên lần nữa.")


def test_job_progress_counts_and_time_left():
    import time

    from ui.common import duration
    from ui.common.jobs import Job

    assert duration(75) == "1 phút 15 giây"

    def work(job):
        for i in range(1, 4):
            job.update(i, 4, "Mặc định")
            time.sleep(0.05)
        return "xong"

    job = Job("Đang chạy đánh giá", "câu hỏi", work).start()
    while job.running:
        time.sleep(0.01)
    assert job.result == "xong" and job.error is None
    text = job.describe()
    assert text.startswith("Đang chạy đánh giá: 3/4 câu hỏi — Mặc định · đã ") and "còn khoảng" in text


def test_failed_files_are_told_by_their_code():
    from ui.common.messages import ingest_failure

    assert ingest_failure("tệp rỗng", "empty").startswith("Tệp rỗng")
    assert "tách" in ingest_failure("tệp nặng 60 MB, vượt giới hạn 50 MB; hãy tách nhỏ", "too_large")
    # a reason stored before codes existed is still read by its words
    assert "không phải văn bản" in ingest_failure("nội dung nhị phân, không phải văn bản")
