"""Scale-out: the vectors in a real `chroma run` server process, SQLite and BM25 beside it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.retrieval import Retriever
from evals.questions import load_questions
from ingest.pipeline import ingest
from ingest.settings import CORPUS_DIR, REPO_ROOT, Settings
from ingest.store import Index
from ui.serve import free_port


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    exe = Path(sys.executable).parent / "chroma"
    if not exe.exists():
        exe = Path(shutil.which("chroma") or "chroma")
    data = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    log = open(data / "server.log", "wb")
    proc = subprocess.Popen(
        [str(exe), "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            pytest.fail(f"chroma run did not start: {(data / 'server.log').read_text(errors='replace')[-2000:]}")
        time.sleep(0.3)
    yield url
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def _top(settings: Settings, questions, k: int = 3) -> list[list[str]]:
    retriever = Retriever(settings)
    return [[h.chunk.id for h in retriever.run(q.text, top_k=k).hits] for q in questions]


def test_server_store_gives_the_same_top_results_as_the_embedded_one(chroma_url, settings, corpus_index):
    questions, _ = load_questions(REPO_ROOT / "evals" / "questions" / "dev.jsonl")
    questions = [q for q in questions if q.in_scope and q.type != "outline"]
    remote = settings.with_(chroma_url=chroma_url)
    # The same files as the embedded index (chunk ids derive from the path), vectors on the server.
    report = ingest([CORPUS_DIR], remote)
    assert not report.failed
    assert report.embedded == 0  # every vector came from the cache: nothing is embedded twice

    index = Index.open(remote.index, None, chroma_url=chroma_url)
    assert index.vector_ids() == set(index.chunk_ids())  # SQLite, BM25 and the server agree
    assert not (remote.index / "chroma").exists()  # nothing went to a local Chroma
    assert _top(remote, questions) == _top(corpus_index, questions)


def test_server_store_follows_removals(chroma_url, corpus_copy, settings):
    settings = settings.with_(chroma_url=chroma_url)
    ingest([corpus_copy], settings)
    index = Index.open(settings.index, None, chroma_url=chroma_url)
    before = index.vector_ids()
    victim = sorted(corpus_copy.glob("*.txt"))[0]
    gone = set(index.chunk_ids(next(d.doc_id for d in index.documents() if d.path == str(victim))))
    victim.unlink()
    report = ingest([corpus_copy], settings)
    assert [f.status for f in report.files if f.path == str(victim)] == ["removed"]
    index = Index.open(settings.index, None, chroma_url=chroma_url)
    assert index.vector_ids() == before - gone == set(index.chunk_ids())
    retriever = Retriever(settings)
    hits = retriever.run("Sinh hoạt chi bộ cần bảo đảm những tính chất gì?").hits
    assert hits and all(retriever.library.document(h.chunk.doc_id).path != str(victim) for h in hits)
