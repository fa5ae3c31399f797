"""Domain exceptions whose messages tell a person what to do next."""

from __future__ import annotations


class ChiboError(Exception):
    """Base class: the CLI prints the message on one line and exits non-zero."""


class NoIndexError(ChiboError):
    def __init__(self, index_dir):
        super().__init__(f"Chưa có chỉ mục tại {index_dir}: hãy chạy `chibo ingest corpus/` trước.")


class EmbedderMismatchError(ChiboError):
    def __init__(self, index_dir, built_with: str, requested: str):
        super().__init__(
            f"Chỉ mục tại {index_dir} được xây bằng embedder '{built_with}', không phải '{requested}': "
            f"hãy dùng --embedder {built_with}, hoặc xây lại bằng "
            f"`chibo ingest --rebuild --embedder {requested}`."
        )


class UnknownBackendError(ChiboError):
    def __init__(self, kind: str, name: str, known: list[str]):
        super().__init__(f"Không có {kind} '{name}'. Các lựa chọn: {', '.join(known)}.")


class BackendUnavailableError(ChiboError):
    """A model backend that was chosen cannot be reached or loaded."""


class IngestFileError(ChiboError):
    """One file could not be ingested; the message names the file and the reason. `code` says
    which kind of failure it is, for the app to choose its message: unsupported, too_large,
    unreadable, empty, binary, mismatch, no_text, broken (the reader could not open it),
    converter (LibreOffice or antiword missing or failing), ocr."""

    def __init__(self, path, reason: str, code: str = "broken"):
        self.path = str(path)
        self.reason = reason
        self.code = code
        super().__init__(f"{path}: {reason}")


class IndexBusyError(ChiboError):
    def __init__(self, index_dir):
        super().__init__(f"Một lượt nạp tài liệu khác đang ghi vào {index_dir}: hãy chờ nó xong rồi chạy lại.")
