"""Messages a secretary can act on: errors as sentences, failed files with what to do."""

from __future__ import annotations

RESAVE = "Hãy mở tệp bằng Word, lưu lại dưới dạng .docx rồi tải lên tệp mới."


def sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def error_message(exc: BaseException, what: str) -> str:
    """An error as the page shows it: our own messages (Vietnamese, saying what to do) as they
    are; anything else as a sentence, its details left to the server's log."""
    from ingest.errors import ChiboError

    if isinstance(exc, (ChiboError, FileNotFoundError)) or (str(exc) and not str(exc).isascii()):
        return sentence(str(exc))
    return f"{what} không xong do một lỗi của chương trình. Hãy thử lại; nếu vẫn lỗi, báo cho người quản trị kỹ thuật."


# What the app says for each kind of failed file (`IngestFileError.code`); the loader's own reason
# is shown for the others, and for errors stored before codes existed the words are matched.
FAILURE_MESSAGES = {
    "too_large": "Tệp quá lớn. Hãy tách thành các tệp nhỏ hơn rồi tải lên.",
    "empty": "Tệp rỗng, không có gì để đọc. Hãy kiểm tra lại tệp gốc rồi tải lên.",
    "binary": "Tệp bị hỏng hoặc không phải văn bản nên không đọc được. Hãy mở tệp gốc, lưu lại dưới dạng "
    ".docx hoặc .pdf rồi tải lên.",
    "no_text": "Tệp không có đoạn văn nào đọc được. Hãy kiểm tra tệp gốc có chữ hay không rồi tải lên lần nữa.",
}


def ingest_failure(message: str, code: str = "") -> str:
    """A loader's reason for a failed file, ending with what to do."""
    if code in FAILURE_MESSAGES:
        return FAILURE_MESSAGES[code]
    low = message.lower()
    if "ocr" in low or "scan" in low:
        return (
            "Đây là bản scan (ảnh chụp trang giấy), chưa có chữ để đọc. "
            "Hãy tải lên bản có chữ (PDF xuất từ Word, hoặc tệp .docx) nếu có."
        )
    if ".doc" in low and ".docx" in low:
        return f"Tệp Word đời cũ (.doc) chưa đọc được. {RESAVE}"
    if "nhị phân" in low or "binary" in low:
        return "Tệp bị hỏng hoặc không phải văn bản nên không đọc được. Hãy mở tệp gốc, lưu lại dưới dạng .docx hoặc .pdf rồi tải lên."
    if "không còn nội dung" in low:
        return "Tệp không có đoạn văn nào đọc được. Hãy kiểm tra tệp gốc có chữ hay không rồi tải lên lần nữa."
    text = sentence(message)
    return text if "hãy" in low else f"{text} Hãy kiểm tra lại tệp, lưu dưới dạng .docx hoặc .pdf rồi tải lên lần nữa."
