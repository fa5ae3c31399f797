"""Old Word .doc files, converted to text by LibreOffice headless, else by antiword.

Why LibreOffice first, measured on .doc files LibreOffice saved from Vietnamese .docx files (every
vowel with every tone mark, a numbered and a bulleted list, a two-column header table; the same
typed in TCVN3 bytes with a .VnTime font), 732 characters each: LibreOffice's text export gave
them all back (0 character errors, list numbers and bullets included, TCVN3 converted whole).
Antiword's text output lost every list number and bullet (65 and 77 errors) and, in TCVN3 text,
the letter "ư", which TCVN3 stores as a soft hyphen that antiword drops (11 of 189 Vietnamese
letters); it also refuses a .doc with under about 300 characters of text ("too small").
Converting to .docx and reading that lost the same "ư" (LibreOffice writes the soft hyphen as
<w:softHyphen/>, which python-docx skips). Antiword's DocBook output keeps list numbering (4 and
16 errors: bullets numbered on from the list before, "ư" still lost), so the fallback reads that.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from ingest.cleaning import clean_plain
from ingest.errors import IngestFileError
from ingest.loaders.base import DOC_CONVERT_TIMEOUT_S, Loaded, from_pages, unlegacy
from ingest.loaders.ocr import Progress, run_tool

ADVICE = "hãy mở bằng Word và lưu lại dưới dạng .docx rồi tải lên"
# Named import filters: left to guess, LibreOffice reads a damaged .doc through its plain-text
# filter and returns binary garbage as text. A Word 97 file does not open as Word 95 and the
# reverse, so the older filters are tried when the first cannot load the file.
_FILTERS = ("MS Word 97", "MS Word 95", "MS WinWord 6.0")


class _Failed(Exception):
    """A converter ran and gave nothing usable; the message says why, in Vietnamese."""


class _Missing(Exception):
    """The converter is not installed."""


def load_doc(path: Path, data: bytes, progress: Progress | None = None) -> Loaded:
    """A Word 97–2003 (or 6/95) .doc file: converted, then read like a Word document's paragraphs."""
    failures: list[str] = []
    raw = None
    used = ""
    for name, convert in (("LibreOffice", _libreoffice), ("antiword", _antiword)):
        if progress is not None:
            progress(f"chuyển tệp .doc bằng {name}")
        try:
            raw = convert(path, data)
        except _Missing:
            failures.append(f"máy chưa cài {name}")
            continue
        except _Failed as exc:
            failures.append(f"{name} {exc}")
            continue
        used = name
        break
    if raw is None:
        if all("chưa cài" in f for f in failures):
            why, hint = "máy chưa cài LibreOffice hay antiword", " (hoặc chạy `make system` để cài)"
        else:
            why, hint = "; ".join(failures) + ": tệp hỏng, có mật khẩu hay không phải văn bản Word?", ""
        raise IngestFileError(path, f"không chuyển được tệp .doc ({why}): {ADVICE}{hint}")
    notes: list[str] = []
    text = unlegacy(raw, notes)
    if used == "antiword" and any("TCVN3" in n for n in notes):  # see the measurement above
        notes.append(f"đọc bằng antiword vì LibreOffice không chuyển được, chữ «ư» có thể bị mất: {ADVICE}")
    lines = [line.strip() for line in text.splitlines()]
    loaded = from_pages(["\n".join(line for line in lines if line)], {}, notes)
    if loaded.structure is None:  # one line per Word paragraph: no hard wraps to repair
        cleaned = clean_plain("\n".join(lines))
        loaded.text, loaded.headings = cleaned.text, cleaned.headings
    return loaded


def soffice_command(exe: str, folder: Path, source: Path, convert_to: str, infilter: str | None = None) -> list[str]:
    """LibreOffice headless converting `source` into `folder/out`, with a profile of its own in
    `folder` (two conversions sharing one collide)."""
    return [
        exe,
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nologo",
        "--nodefault",
        *([f"--infilter={infilter}"] if infilter else []),
        "--convert-to",
        convert_to,
        "--outdir",
        str(folder / "out"),
        str(source),
    ]


def _libreoffice(path: Path, data: bytes) -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise _Missing
    deadline = time.monotonic() + DOC_CONVERT_TIMEOUT_S
    # A profile of its own per call (two conversions sharing one collide) and HOME beside it
    # (the app's HOME may be read-only); the copy has a plain name so the output's name is known.
    with tempfile.TemporaryDirectory(prefix="chibo-doc-") as tmp:
        folder = Path(tmp)
        source = folder / "vanban.doc"
        source.write_bytes(data)
        out = folder / "out"
        for name in _FILTERS:
            cmd = soffice_command(exe, folder, source, "txt:Text (encoded):UTF8", infilter=name)
            try:
                run_tool(cmd, deadline - time.monotonic(), HOME=str(folder))
            except subprocess.TimeoutExpired as exc:
                raise _Failed(f"chạy quá {DOC_CONVERT_TIMEOUT_S} giây") from exc
            result = out / "vanban.txt"
            if result.exists():  # soffice exits 0 even when it could not load the file
                return result.read_text(encoding="utf-8-sig", errors="replace")
    raise _Failed("không mở được tệp")


def _antiword(path: Path, data: bytes) -> str:
    exe = shutil.which("antiword")
    if exe is None:
        raise _Missing
    source = str(Path(path).resolve())  # never a name that starts with "-"
    try:
        done = run_tool([exe, "-x", "db", source], DOC_CONVERT_TIMEOUT_S)
        if done.returncode != 0:
            raise _Failed("không đọc được tệp")
        try:
            return docbook_text(done.stdout)
        except ET.ParseError:
            done = run_tool([exe, "-w", "0", "-m", "UTF-8.txt", source], DOC_CONVERT_TIMEOUT_S)
            return done.stdout.decode("utf-8", errors="replace")
    except subprocess.TimeoutExpired as exc:
        raise _Failed(f"chạy quá {DOC_CONVERT_TIMEOUT_S} giây") from exc


def docbook_text(xml: bytes) -> str:
    """Antiword's DocBook output as lines: list items numbered ("1. …") or bulleted ("• …"), a
    header table's cells one line each, other table rows as "a | b".

    >>> docbook_text("<book><chapter><orderedlist><listitem><para>Mở đầu</para></listitem>"
    ...              "<listitem><para>Kết luận</para></listitem></orderedlist></chapter></book>".encode())
    '1. Mở đầu\\n2. Kết luận'
    """
    root = ET.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", xml, count=1))
    lines: list[str] = []
    tables = 0

    def walk(el) -> None:
        nonlocal tables
        if el.tag == "bookinfo":  # author and date of the file, not its text
            return
        if el.tag in ("orderedlist", "itemizedlist"):
            for i, item in enumerate(el.findall("listitem"), 1):
                first = len(lines)
                walk(item)
                if len(lines) > first:
                    lines[first] = (f"{i}. " if el.tag == "orderedlist" else "• ") + lines[first]
        elif el.tag in ("informaltable", "table"):
            tables += 1
            for row in el.iter("row"):
                cells = [_lines("".join(entry.itertext())) for entry in row.findall("entry")]
                if tables == 1 and len(lines) < 5:  # a Party document's header: each cell as printed
                    lines.extend(line for cell in cells for line in cell)
                elif any(cells):
                    lines.append(" | ".join(" ".join(cell) for cell in cells if cell))
        elif not any(child.tag in _BLOCKS for child in el.iter() if child is not el):
            lines.extend(_lines("".join(el.itertext())))  # a paragraph or title, inline markup and all
        else:  # a container: its own text, then each child and the text after it
            lines.extend(_lines(el.text))
            for child in el:
                walk(child)
                lines.extend(_lines(child.tail))

    walk(root)
    return "\n".join(lines)


_BLOCKS = {"para", "title", "orderedlist", "itemizedlist", "informaltable", "table", "listitem"}


def _lines(text: str | None) -> list[str]:
    return [" ".join(t.split()) for t in (text or "").splitlines() if t.strip()]
