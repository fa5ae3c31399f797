"""OpenDocument text (.odt, saved by LibreOffice or WPS): converted to .docx by LibreOffice
headless, then read like any Word document (headings, numbering, tables, the Party header)."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

from ingest.errors import IngestFileError
from ingest.loaders.base import DOC_CONVERT_TIMEOUT_S, Loaded
from ingest.loaders.doc import soffice_command
from ingest.loaders.ocr import Progress, run_tool

MIMETYPE = b"application/vnd.oasis.opendocument.text"
ADVICE = "hãy mở bằng LibreOffice hoặc Word và lưu lại dưới dạng .docx rồi tải lên"


def is_odt(data: bytes) -> bool:
    """An OpenDocument text package: a zip whose `mimetype` member says so."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return z.read("mimetype").strip() == MIMETYPE
    except (zipfile.BadZipFile, KeyError, OSError):
        return False


def load_odt(path: Path, data: bytes, progress: Progress | None = None) -> Loaded:
    from ingest.loaders.docx import load_docx

    if not is_odt(data):
        raise IngestFileError(path, f"không phải tệp OpenDocument (.odt) thật: {ADVICE}", code="mismatch")
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise IngestFileError(
            path,
            f"máy chưa cài LibreOffice để đọc tệp .odt (chạy `make system` để cài), hoặc {ADVICE}",
            code="converter",
        )
    if progress is not None:
        progress("chuyển tệp .odt bằng LibreOffice")
    deadline = time.monotonic() + DOC_CONVERT_TIMEOUT_S
    # a profile of its own per call (two conversions sharing one collide), HOME beside it
    with tempfile.TemporaryDirectory(prefix="chibo-odt-") as tmp:
        folder = Path(tmp)
        source = folder / "vanban.odt"
        source.write_bytes(data)
        cmd = soffice_command(exe, folder, source, "docx:MS Word 2007 XML")
        try:
            run_tool(cmd, deadline - time.monotonic(), HOME=str(folder))
        except subprocess.TimeoutExpired as exc:
            raise IngestFileError(
                path, f"LibreOffice chạy quá {DOC_CONVERT_TIMEOUT_S} giây với tệp .odt: {ADVICE}", code="converter"
            ) from exc
        converted = folder / "out" / "vanban.docx"
        if not converted.exists():  # soffice exits 0 even when it could not load the file
            raise IngestFileError(path, f"LibreOffice không mở được tệp .odt (tệp hỏng?): {ADVICE}", code="broken")
        try:
            return load_docx(converted, converted.read_bytes())
        except IngestFileError as exc:  # said of the person's file, not of the converted copy
            raise IngestFileError(path, exc.reason, code=exc.code) from exc
