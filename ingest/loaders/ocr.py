"""Scans read by Tesseract (`tesseract -l vie`): page images, and the PDF pages without a text layer.

One page at a time, each in its own program run with a timeout (pdftoppm renders a PDF page to a
grey image, Tesseract reads it), so memory stays flat and a stuck page cannot hang a batch. A page
that fails is skipped with a note; after `OCR_MAX_FAILED_PAGES` the file is refused.
"""

from __future__ import annotations

import math
import os
import shutil
import signal
import struct
import subprocess
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from ingest.errors import IngestFileError
from ingest.loaders.base import (
    OCR_DPI,
    OCR_MAX_FAILED_PAGES,
    OCR_MAX_PAGES,
    OCR_MAX_PIXELS,
    OCR_PAGE_TIMEOUT_S,
    Loaded,
    from_pages,
    sniff,
)
from ingest.settings import child_environment

Progress = Callable[[str], None]
NO_TEXT = (
    "không nhận dạng được chữ nào từ bản scan (ảnh mờ, nghiêng, quá nhỏ hay không có chữ?): "
    "hãy quét lại rõ hơn ở 300 dpi, hoặc tải lên bản có lớp chữ (.docx, PDF xuất từ Word)"
)
INSTALL = "hãy chạy `make system` (cài tesseract-ocr, tesseract-ocr-vie và poppler-utils)"


class PageFailed(Exception):
    """One page could not be rendered or read; the message says why, in Vietnamese."""


def run_tool(cmd: list[str], timeout: float, **env: str) -> subprocess.CompletedProcess:
    """Run an external program with a timeout; on timeout its whole process group is killed
    (soffice is a launcher whose soffice.bin child a plain kill would leave running)."""
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_environment(**env),
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=max(timeout, 0.001))
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            proc.communicate(timeout=5)
        except subprocess.TimeoutExpired:  # a grandchild that left the group still holds a pipe
            pass
        raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def ocr_note(pages: int) -> str:
    return f"đã nhận dạng chữ (OCR) {pages} trang từ bản scan; hãy kiểm tra lại chữ"


def tesseract(path: Path) -> str:
    """The tesseract program, checked to have Vietnamese data; else an error saying what to install."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise IngestFileError(path, f"cần nhận dạng chữ (OCR) cho bản scan nhưng máy chưa cài Tesseract: {INSTALL}")
    try:
        listed = run_tool([exe, "--list-langs"], 30)
    except subprocess.TimeoutExpired as exc:
        raise IngestFileError(path, f"Tesseract không trả lời: {INSTALL}") from exc
    if "vie" not in (listed.stdout + listed.stderr).decode(errors="replace").split():
        raise IngestFileError(path, f"Tesseract chưa có dữ liệu tiếng Việt (vie) để nhận dạng bản scan: {INSTALL}")
    return exe


def read_page(exe: str, image: Path, extra: Sequence[str] = ()) -> str:
    """One page image to text (NFC), within `OCR_PAGE_TIMEOUT_S`."""
    # One OpenMP thread: on this 2-core machine a full page took 1.1 s with one thread and 5.9 s
    # with two (the threads wait on each other and on whatever else runs).
    cmd = [exe, str(image), "stdout", "-l", "vie", *extra]
    try:
        done = run_tool(cmd, OCR_PAGE_TIMEOUT_S, OMP_THREAD_LIMIT="1")
    except subprocess.TimeoutExpired as exc:
        raise PageFailed(f"nhận dạng chữ quá {OCR_PAGE_TIMEOUT_S} giây") from exc
    if done.returncode != 0:
        raise PageFailed("Tesseract không đọc được ảnh của trang")
    return unicodedata.normalize("NFC", done.stdout.decode("utf-8", errors="replace")).replace("\f", "").strip()


def recognize(
    path: Path,
    pages: list[int],
    total: int,
    image_for: Callable[[int, Path], tuple[Path, list[str]]],
    progress: Progress | None = None,
) -> tuple[dict[int, str], list[str]]:
    """({page number: text}, notes about skipped pages) for the given 1-based pages of a file of
    `total` pages; `image_for(page, folder)` gives the page's image and extra Tesseract options."""
    if len(pages) > OCR_MAX_PAGES:
        raise IngestFileError(
            path,
            f"có {len(pages)} trang bản scan cần nhận dạng chữ, vượt giới hạn {OCR_MAX_PAGES} trang: "
            "hãy tách thành các tệp nhỏ hơn rồi tải lên",
        )
    exe = tesseract(path)
    texts: dict[int, str] = {}
    skipped: list[str] = []
    with tempfile.TemporaryDirectory(prefix="chibo-ocr-") as tmp:
        folder = Path(tmp)
        for k, n in enumerate(pages, 1):
            if progress is not None:
                where = f" (trang scan {k}/{len(pages)})" if len(pages) != total else ""
                progress(f"nhận dạng chữ trang {n}/{total}{where}")
            try:
                image, extra = image_for(n, folder)
                texts[n] = read_page(exe, image, extra)
            except PageFailed as exc:
                skipped.append(f"trang {n}: {exc}")
                if len(skipped) >= OCR_MAX_FAILED_PAGES or len(skipped) == len(pages):
                    raise IngestFileError(
                        path, f"không nhận dạng được chữ ({'; '.join(skipped)}): hãy quét lại hoặc tách tệp"
                    ) from exc
            finally:
                for f in folder.iterdir():  # one page image on disk at a time
                    f.unlink(missing_ok=True)
    notes = [f"bỏ qua {s}; hãy kiểm tra trang đó" for s in skipped]
    return texts, notes


def pdf_pages(
    path: Path, pages: list[int], total: int, sizes: dict[int, tuple[float, float]], progress: Progress | None = None
) -> tuple[dict[int, str], list[str]]:
    """OCR the given pages of a PDF; `sizes` are page sizes in points, to bound the image size."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise IngestFileError(path, f"cần vẽ các trang scan thành ảnh nhưng máy chưa cài pdftoppm: {INSTALL}")
    source = str(Path(path).resolve())

    def image_for(n: int, folder: Path) -> tuple[Path, list[str]]:
        dpi = render_dpi(*sizes.get(n, (595.0, 842.0)))
        cmd = [pdftoppm, "-r", str(dpi), "-gray", "-f", str(n), "-l", str(n), "-singlefile", source, str(folder / "p")]
        try:
            done = run_tool(cmd, OCR_PAGE_TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            raise PageFailed(f"vẽ trang thành ảnh quá {OCR_PAGE_TIMEOUT_S} giây") from exc
        image = folder / "p.pgm"
        if done.returncode != 0 or not image.exists():
            raise PageFailed("không vẽ được trang thành ảnh (PDF hỏng?)")
        return image, ["--dpi", str(dpi)]

    return recognize(path, pages, total, image_for, progress)


def render_dpi(width_pt: float, height_pt: float) -> int:
    """`OCR_DPI`, lowered for a page so large that its image would pass `OCR_MAX_PIXELS`.

    >>> render_dpi(595, 842), render_dpi(2384, 3370)  # A4, A0
    (300, 160)
    """
    inches = max(width_pt * height_pt, 1.0) / 72**2
    return max(1, min(OCR_DPI, int(math.sqrt(OCR_MAX_PIXELS / inches))))


def load_image(path: Path, data: bytes, progress: Progress | None = None) -> Loaded:
    """A page image (.png, .jpg, .tif; a multi-page TIFF page by page)."""
    source = Path(path).resolve()
    multi = sniff(data) == "tiff"
    count = tiff_pages(data) if multi else 1

    def image_for(n: int, folder: Path) -> tuple[Path, list[str]]:
        return source, (["-c", f"tessedit_page_number={n - 1}"] if multi else [])

    texts, notes = recognize(path, list(range(1, count + 1)), count, image_for, progress)
    read = [n for n in range(1, count + 1) if texts.get(n)]
    if not read:
        raise IngestFileError(path, NO_TEXT)
    meta = {"ocr": True, "ocr_pages": len(read)}
    return from_pages([texts.get(n, "") for n in range(1, count + 1)], meta, [ocr_note(len(read)), *notes])


def tiff_pages(data: bytes) -> int:
    """Pages in a TIFF file: the length of its chain of image directories (a loop counts once)."""
    order = "<" if data[:2] == b"II" else ">"
    pages = 0
    try:
        big = struct.unpack_from(order + "H", data, 2)[0] == 43
        count_fmt, entry, link_fmt = ("Q", 20, "Q") if big else ("H", 12, "I")
        offset = struct.unpack_from(order + link_fmt, data, 8 if big else 4)[0]
        seen = set()
        while offset and offset not in seen and pages < 100_000:
            seen.add(offset)
            n = struct.unpack_from(order + count_fmt, data, offset)[0]
            pages += 1
            offset = struct.unpack_from(order + link_fmt, data, offset + struct.calcsize(count_fmt) + n * entry)[0]
    except struct.error:  # a truncated chain: count what was there
        pass
    return max(pages, 1)
