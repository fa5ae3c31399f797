"""Real files made for tests: Word documents (.docx, and .doc saved by LibreOffice), PDFs with a
text layer, scans (page images and image-only PDFs) printed in DejaVu Sans."""

from __future__ import annotations


def make_docx(path, heading="Chuẩn bị sinh hoạt chi bộ"):
    import docx

    d = docx.Document()
    d.add_heading(heading, level=1)
    d.add_paragraph("Cấp ủy chuẩn bị nội dung sinh hoạt trước 5 ngày.")
    d.add_paragraph("Thông qua dự thảo nghị quyết", style="List Number")
    d.add_paragraph("Biểu quyết kết luận", style="List Number")
    d.add_heading("Tiến hành", level=2)
    d.add_paragraph("Bí thư chi bộ chủ trì, thư ký ghi biên bản.")
    d.save(path)
    return path


def make_pdf(path, lines):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    matplotlib.rcParams["pdf.fonttype"] = 42
    with PdfPages(path) as pdf:
        fig = plt.figure(figsize=(8.27, 11.69))
        for i, line in enumerate(lines):
            fig.text(0.08, 0.92 - i * 0.04, line)
        pdf.savefig(fig)
        plt.close(fig)
    return path


FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def page_image(lines, size=42):
    """An A4 page at 300 dpi (grey) with the lines printed in DejaVu Sans, as a scanner gives it."""
    import textwrap

    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, size)
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    y = 250
    for line in lines:
        for part in textwrap.wrap(line, 60):
            draw.text((200, y), part, font=font, fill=0)
            y += int(size * 1.6)
        y += size
    return page


def make_scan(path, pages):
    """A scan with no text layer: .pdf (one image per page), .png/.jpg (one page) or .tif (multi-page)."""
    from pathlib import Path

    images = [page_image(lines) for lines in pages]
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        images[0].save(path, "PDF", resolution=300, save_all=True, append_images=images[1:])
    elif suffix in (".tif", ".tiff"):
        images[0].save(path, "TIFF", dpi=(300, 300), compression="tiff_lzw", save_all=True, append_images=images[1:])
    else:
        images[0].save(path, dpi=(300, 300))
    return path


def make_mixed_pdf(path, text_lines, scanned_lines):
    """Two pages: the first with a text layer, the second a scanned image only."""
    from pypdf import PdfWriter

    text_pdf = make_pdf(path.with_name(path.stem + "-text.pdf"), text_lines)
    scan_pdf = make_scan(path.with_name(path.stem + "-scan.pdf"), [scanned_lines])
    writer = PdfWriter()
    writer.append(str(text_pdf))
    writer.append(str(scan_pdf))
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def save_as_doc(docx_path, fmt: str = "doc"):
    """An old Word .doc (or, with `fmt="odt"`, an OpenDocument text) saved by LibreOffice from a
    .docx (its own profile, like the loader)."""
    import os
    import subprocess
    import tempfile
    from pathlib import Path

    docx_path = Path(docx_path)
    with tempfile.TemporaryDirectory(prefix="chibo-test-doc-") as tmp:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={Path(tmp).as_uri()}",
                "--headless",
                "--convert-to",
                fmt,
                "--outdir",
                str(docx_path.parent),
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=120,
            env={**os.environ, "HOME": tmp},
        )
    return docx_path.with_suffix("." + fmt)


def make_doc(path, paragraphs, numbered=(), legacy_font=None):
    """A .doc: the paragraphs, then a numbered list; `legacy_font` (".VnTime") when the text is
    typed in TCVN3 bytes."""
    import docx

    d = docx.Document()
    for text, style in [(p, None) for p in paragraphs] + [(n, "List Number") for n in numbered]:
        run = d.add_paragraph(style=style).add_run(text)
        if legacy_font:
            run.font.name = legacy_font
    source = path.with_suffix(".docx")
    d.save(source)
    doc = save_as_doc(source)
    source.unlink()
    return doc
