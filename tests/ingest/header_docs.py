"""The header test set: documents of many committees and layouts, written as plain-text fixtures in
`tests/ingest/data/headers/` and rendered at test time the way they reach a secretary: typed text
(.txt), a Word file with the usual two-column header table (.docx), that Word file printed to PDF
by LibreOffice, and that PDF printed and scanned (a page image in a PDF, read back by OCR).

A fixture's first lines `LEFT || RIGHT` are the header table: the issuing body, "*" and the number
on the left; "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date on the right. A fixture without them
is laid out as written (a document with no Party header, or columns already interleaved as a PDF
extraction leaves them). `expected.jsonl` holds, per fixture, how it is rendered and the title,
number, date, issuer, type and kind a secretary would list it under.

`python -m tests.ingest.header_docs` renders every fixture, loads each through `ingest.loaders.load`
and the metadata step of ingest, and prints the Markdown table of right and wrong fields.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data" / "headers"
FIELDS = ("title", "number", "date", "issuer", "type", "kind")
SCAN_DPI = 200  # a scanner's usual setting for a letter


@dataclass
class Fixture:
    name: str
    left: list[str]  # header table, left column (empty without a header table)
    right: list[str]
    body: list[str]
    expected: dict

    @property
    def render(self) -> str:
        return self.expected["render"]


def fixtures() -> list[Fixture]:
    rows = [json.loads(line) for line in (DATA / "expected.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return [read_fixture(DATA / row["file"], row) for row in rows]


def read_fixture(path: Path, expected: dict) -> Fixture:
    left: list[str] = []
    right: list[str] = []
    body: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if " || " in f" {line} " and not body:
            a, _, b = line.partition("||")
            left += [a.strip()] if a.strip() else []
            right += [b.strip()] if b.strip() else []
        elif line.strip():
            body.append(line.strip())
    return Fixture(path.stem, left, right, body, expected)


# --- rendering ---------------------------------------------------------------------------------


def as_text(f: Fixture) -> str:
    """Typed or converted text: the header table cell by cell (left column, then right), then the body."""
    return "\n".join(f.left + f.right + f.body) + "\n"


def _caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _title_block(body: list[str]) -> int:
    """How many opening body lines are the centred title block: up to a "-----" rule when there
    is one near the top, else the lines in capitals and the short lines right after them."""
    for i, line in enumerate(body[:6]):
        if re.fullmatch(r"-{3,}", line):
            return i + 1
    n = 0
    while n < len(body) and (_caps(body[n]) or (n and len(body[n]) <= 110 and not body[n].endswith((":", ".")))):
        n += 1
    return n


def _signature_start(body: list[str]) -> int:
    """Where the signing block starts: the trailing lines in capitals."""
    n = len(body)
    while n > 0 and _caps(body[n - 1]) and len(body[n - 1]) < 60:
        n -= 1
    return n


def as_docx(f: Fixture, path: Path) -> Path:
    """A Word file as a committee's office types it: header table, centred title, justified body,
    signing block on the right. In DejaVu Serif, a font with every Vietnamese letter on any machine
    (`make system` installs it): with Times New Roman, LibreOffice prints in a Liberation Serif that
    may lack them and borrows each missing letter from another font, and pypdf then reads the text
    layer out of order ("THÀNH Y H I PHÒNGỦ Ả")."""
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "DejaVu Serif"
    style.font.size = Pt(12)
    section = d.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)

    def para(container, text, align=WD_ALIGN_PARAGRAPH.CENTER, bold=False, italic=False, size=None):
        p = container.add_paragraph()
        p.alignment = align
        p.paragraph_format.space_after = Pt(2)
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        return p

    if f.left or f.right:
        table = d.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, lines, width in ((table.cell(0, 0), f.left, Cm(7.5)), (table.cell(0, 1), f.right, Cm(8.5))):
            cell.width = width
            cell.paragraphs[0].text = ""
            for i, line in enumerate(lines):
                p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = p.add_run(line)
                run.bold = _caps(line) and not line.startswith("Số")
                run.italic = bool(re.search(r"ngày", line))
                run.font.size = Pt(11 if cell is table.cell(0, 0) else 12)
    title = _title_block(f.body)
    sign = _signature_start(f.body)
    for i, line in enumerate(f.body):
        if i < title:
            para(d, line, bold=not re.fullmatch(r"-{3,}", line), size=13 if i == 0 else 12)
        elif i >= sign:
            para(d, line, align=WD_ALIGN_PARAGRAPH.RIGHT, bold=True)
        elif re.search(r"^\S.*, ngày [\d ]+ tháng", line) and len(line) < 70:
            para(d, line, align=WD_ALIGN_PARAGRAPH.RIGHT, italic=True)
        else:
            p = para(d, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
            p.paragraph_format.first_line_indent = Cm(1)
    d.save(path)
    return path


def to_pdf(docx_files: list[Path], outdir: Path) -> list[Path]:
    """Print Word files to PDF with LibreOffice, all in one run (its own profile, bounded time)."""
    if not docx_files:
        return []
    with tempfile.TemporaryDirectory(prefix="chibo-test-pdf-") as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", "pdf",
             "--outdir", str(outdir), *map(str, docx_files)],
            check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": profile},
        )  # fmt: skip
    return [outdir / (p.stem + ".pdf") for p in docx_files]


def to_scan(pdf: Path, path: Path) -> Path:
    """The PDF's first page printed and scanned: a grey page image at 200 dpi in a PDF, no text layer."""
    from PIL import Image

    stem = path.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", str(SCAN_DPI), "-gray", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    png = stem.with_suffix(".png")
    with Image.open(png) as image:
        image.convert("L").save(path, "PDF", resolution=SCAN_DPI)
    png.unlink()
    return path


def tools_missing() -> list[str]:
    return [t for t in ("soffice", "pdftoppm", "tesseract") if shutil.which(t) is None]


def render_all(items: list[Fixture], folder: Path) -> dict[str, Path]:
    """Each fixture as the file its `render` says: .txt, .docx, .pdf (LibreOffice) or a scanned .pdf."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    printed = []
    with tempfile.TemporaryDirectory(prefix="chibo-headers-work-") as tmp:
        work = Path(tmp)  # the Word files printed to PDF stay out of the folder
        for f in items:
            if f.render == "txt":
                out[f.name] = folder / f"{f.name}.txt"
                out[f.name].write_text(as_text(f), encoding="utf-8")
            elif f.render == "docx":
                out[f.name] = as_docx(f, folder / f"{f.name}.docx")
            else:
                printed.append(as_docx(f, work / f"{f.name}.docx"))
        for pdf in to_pdf(printed, work):
            f = next(f for f in items if f.name == pdf.stem)
            if f.render == "scan":
                out[f.name] = to_scan(pdf, folder / f"{f.name}.pdf")
            else:
                out[f.name] = Path(shutil.move(pdf, folder / pdf.name))
    return out


# --- measuring ---------------------------------------------------------------------------------


def read_fields(path: Path) -> dict:
    """What ingest lists the file under: the real loader, then the metadata step of the pipeline."""
    from ingest.loaders import load
    from ingest.metadata import document_metadata

    meta = document_metadata(path, load(path))
    return {
        "title": meta.get("title"),
        "number": meta.get("number"),
        "date": meta.get("date"),
        "issuer": meta.get("issuer"),
        "type": meta.get("doc_type"),
        "kind": meta.get("kind"),
    }


def compare(expected: dict, got: dict) -> dict[str, bool]:
    return {k: expected.get(k) == got.get(k) for k in FIELDS}


def table(results: list[tuple[Fixture, dict]]) -> str:
    """Markdown: one row per document, ✓ or ✗ per field, and the totals."""
    head = "| document | as | " + " | ".join(FIELDS) + " |"
    lines = [head, "|" + "---|" * (len(FIELDS) + 2)]
    totals = dict.fromkeys(FIELDS, 0)
    whole = 0
    for f, got in results:
        ok = compare(f.expected, got)
        for k in FIELDS:
            totals[k] += ok[k]
        whole += all(ok.values())
        lines.append(f"| {f.name} | {f.render} | " + " | ".join("✓" if ok[k] else "✗" for k in FIELDS) + " |")
    n = len(results)
    lines.append(f"| **all {n} right: {whole}** | | " + " | ".join(f"{totals[k]}/{n}" for k in FIELDS) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    keep = Path(argv[0]) if argv else None
    items = fixtures()
    with tempfile.TemporaryDirectory(prefix="chibo-headers-") as tmp:
        folder = keep or Path(tmp)
        files = render_all(items, folder)
        results = []
        for f in items:
            got = read_fields(files[f.name])
            results.append((f, got))
            for k in FIELDS:
                if f.expected.get(k) != got.get(k):
                    print(f"{f.name}: {k}: expected {f.expected.get(k)!r}, got {got.get(k)!r}", file=sys.stderr)
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
