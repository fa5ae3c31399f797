import json
import os
import subprocess
import sys

import pytest

from assistant.outline import REQUIRED_SECTIONS, OutlineDrafter, docx_bytes, to_docx
from assistant.retrieval import Retriever


@pytest.fixture(scope="module")
def drafter(corpus_index):
    return OutlineDrafter(Retriever(corpus_index))


@pytest.mark.parametrize(
    "topic, must",
    [
        ("Phát triển đảng viên ở chi bộ thôn, tổ dân phố", "quần chúng ưu tú"),
        (
            "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh trong sinh hoạt chi bộ",
            "phong cách Hồ Chí Minh",
        ),
        ("Tự phê bình và phê bình trong sinh hoạt chi bộ", "tự phê bình"),
    ],
)
def test_outline_is_grounded_and_complete(drafter, topic, must):
    o = drafter.draft(topic, cell="Chi bộ thôn Đông", presenter="Đ/c Bí thư")
    assert o.warnings == []
    headings = " ".join(s.heading for s in o.sections)
    assert all(name in headings for name in REQUIRED_SECTIONS)
    assert len(o.citations) >= 5 and len({c.doc_id for c in o.citations}) >= 2
    assert must.lower() in o.markdown().lower()
    discussion = next(s for s in o.sections if "Gợi ý thảo luận" in s.heading)
    assert 5 <= len(discussion.items) <= 8
    assert "Chi bộ: Chi bộ thôn Đông" in o.markdown()


def test_every_corpus_item_is_a_cited_quotation(drafter):
    o = drafter.draft("Phát triển đảng viên ở chi bộ thôn, tổ dân phố")
    by_n = {c.n: c for c in o.citations}
    corpus_items = [i for s in o.sections for i in s.items if i.source == "corpus"]
    assert corpus_items
    seen = set()
    for item in corpus_items:
        assert item.citations and all(n in by_n for n in item.citations)
        first_clause = item.text.split(" … ")[0].rstrip(" …")
        assert first_clause in by_n[item.citations[0]].text  # exact text of the cited passage
        assert item.text not in seen  # deduplicated across sections
        seen.add(item.text)
    assert {n for i in corpus_items for n in i.citations} == set(by_n)  # no citation left unused
    refs = next(s for s in o.sections if "Tài liệu tham khảo" in s.heading)
    assert len(refs.items) >= len({c.doc_id for c in o.citations})


def test_topic_without_evidence_gets_a_skeleton_and_a_warning(drafter):
    o = drafter.draft("Kỹ thuật nuôi cá tra xuất khẩu")
    assert o.warnings and "không có nội dung" in o.warnings[0]
    assert o.citations == []
    assert all(i.source != "corpus" for s in o.sections for i in s.items)


def test_json_contract_and_docx_round_trip(corpus_index, tmp_path):
    env = {**os.environ, "CHIBO_HOME": str(corpus_index.home)}
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant.cli",
            "outline",
            "Vai trò của bí thư chi bộ",
            "--index",
            str(corpus_index.index),
            "--json",
            "--cell",
            "Chi bộ khu phố 3",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"topic", "title", "markdown", "sections", "citations", "warnings", "timings_ms"}
    assert data["title"] == "Đề cương sinh hoạt chuyên đề: Vai trò của bí thư chi bộ"
    for s in data["sections"]:
        assert set(s) == {"heading", "items"}
        for item in s["items"]:
            assert set(item) == {"text", "citations", "source"} and item["source"] in ("corpus", "template")
    assert set(data["citations"][0]) == {"n", "doc_id", "title", "chunk_id", "text", "date", "source"}

    import docx

    drafter = OutlineDrafter(Retriever(corpus_index))
    outline = drafter.draft("Vai trò của bí thư chi bộ", cell="Chi bộ khu phố 3")
    path = tmp_path / "de-cuong.docx"
    to_docx(outline, path)
    d = docx.Document(str(path))
    texts = [p.text for p in d.paragraphs]
    assert texts[0] == outline.title
    assert "Heading 1" in {p.style.name for p in d.paragraphs}
    assert round(d.sections[0].page_width.mm) == 210 and round(d.sections[0].page_height.mm) == 297
    assert d.styles["Normal"].font.name == "Times New Roman"
    quoted = [p for p in d.paragraphs if p.runs and p.runs[-1].bold and p.runs[-1].text.strip().startswith("[")]
    assert quoted  # corpus sentences carry their [n]
    template = [p for p in d.paragraphs if p.runs and p.runs[0].italic and "Chi bộ: Chi bộ khu phố 3" in p.text]
    assert template  # scaffolding is styled differently (italic grey)
    assert any(t.startswith("[1] ") for t in texts)  # the passages, numbered, at the end

    # in memory, as the app's download button gets it: the same document, no file written
    import io

    data = docx_bytes(outline)
    assert data[:2] == b"PK"
    assert [p.text for p in docx.Document(io.BytesIO(data)).paragraphs] == texts
