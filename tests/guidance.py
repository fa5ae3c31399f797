"""The official texts in ../shared/guidance, read from there (third-party material: never copied
into the repository). Tests that need them skip with a reason when the folder is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.settings import REPO_ROOT

GUIDANCE = (REPO_ROOT.parent / "shared" / "guidance").resolve()
CHARTER = GUIDANCE / "dieu-le-dang-2011.md"
QD294 = GUIDANCE / "qd-294-qd-tw-2025-thi-hanh-dieu-le-dang.pdf"
HD06 = GUIDANCE / "hd-06-hd-tw-2025-thi-hanh-dieu-le-dang.pdf"
HD37 = GUIDANCE / "hd-37-hd-btgdvtw-2025-ban-tin-sinh-hoat-chi-bo.md"

needs_guidance = pytest.mark.skipif(not GUIDANCE.exists(), reason=f"the guidance texts are not at {GUIDANCE}")


def pages(path: Path) -> list[str]:
    """A file's raw pages: the PDF text layer page by page, or the whole text."""
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return [p.extract_text() or "" for p in PdfReader(str(path)).pages]
    return [path.read_text(encoding="utf-8")]
