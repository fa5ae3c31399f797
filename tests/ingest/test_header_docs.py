"""Issue 23, item 1: documents nobody here has seen, each read through the real loading path.

The fixtures in `data/headers/` are rendered at test time (`tests.ingest.header_docs`): typed text,
a Word file, that Word file printed to PDF by LibreOffice, and that PDF scanned to a page image
read back by Tesseract. Each must be listed with its title, number, date, issuer, type and kind,
and `chibo docs --json` must carry them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.ingest.header_docs import FIELDS, compare, fixtures, read_fields, render_all, table, tools_missing

FIXTURES = fixtures()
NEEDS = {"txt": (), "docx": (), "pdf": ("soffice",), "scan": ("soffice", "pdftoppm", "tesseract")}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    missing = tools_missing()
    usable = [f for f in FIXTURES if not set(NEEDS[f.render]) & set(missing)]
    return render_all(usable, tmp_path_factory.mktemp("headers") / "docs"), missing


def test_the_set_covers_the_layouts_asked_for():
    renders = [f.render for f in FIXTURES]
    assert len(FIXTURES) >= 24 and renders.count("scan") >= 3 and renders.count("pdf") + renders.count("scan") >= 12
    unheaded = [f for f in FIXTURES if not f.left and f.expected["number"] is None and not f.body[0].startswith("ĐẢNG")]
    assert {f.expected["type"] for f in unheaded} >= {"Thông báo", "Biên bản", "Nghị quyết", "Kế hoạch", "Báo cáo"}
    assert sum(f.expected["number"] is None and "…" in f.expected["title"] for f in FIXTURES) >= 4  # blank numbers


@pytest.mark.slow
@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_each_document_is_listed_right(fixture, rendered):
    files, missing = rendered
    if fixture.name not in files:
        pytest.skip(f"{fixture.render} needs {', '.join(NEEDS[fixture.render])}; missing: {', '.join(missing)}")
    got = read_fields(files[fixture.name])
    wrong = {k: (fixture.expected[k], got[k]) for k, ok in compare(fixture.expected, got).items() if not ok}
    assert not wrong, wrong


@pytest.mark.slow
def test_the_docs_command_carries_the_fields(rendered, settings):
    """All rendered documents ingested into a fresh index; `chibo docs --json` lists each with the
    fields of the table (its `kind` is the library's kind; the Vietnamese type is in the title)."""
    from ingest.pipeline import ingest

    files, _ = rendered
    report = ingest([next(iter(files.values())).parent], settings)
    assert not report.failed, [(f.path, f.message) for f in report.failed]
    out = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "docs", "--json", "--index", str(settings.index)],
        capture_output=True, text=True, env=os.environ.copy(), timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    listed = {os.path.basename(d["path"]).rsplit(".", 1)[0]: d for d in json.loads(out.stdout)}
    expected = {f.name: f.expected for f in FIXTURES if f.name in files}
    assert set(listed) == set(expected)
    wrong = {
        (name, k): (expected[name][k], d[k])
        for name, d in listed.items()
        for k in ("title", "number", "date", "issuer", "kind")
        if d[k] != expected[name][k]
    }
    assert not wrong, wrong


def test_the_table_counts_each_field():
    f = FIXTURES[0]
    right = {k: f.expected[k] for k in FIELDS}
    text = table([(f, right), (f, {**right, "issuer": "Ban Tổ chức"})])
    assert "| **all 2 right: 1** | | 2/2 | 2/2 | 2/2 | 1/2 | 2/2 | 2/2 |" in text and text.count("✗") == 1
