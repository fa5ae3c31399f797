"""Ingest files into an index: new / updated / unchanged / removed / failed, per file."""

from __future__ import annotations

import hashlib
import os
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ingest import chunking, textnorm
from ingest.config import Settings
from ingest.embedders import VectorCache, embed_passages_cached, get_embedder
from ingest.errors import IndexBusyError, IngestFileError
from ingest.loaders import MAX_FILE_BYTES, load
from ingest.metadata import document_metadata
from ingest.store import Index

# Bump when cleaning or chunking changes, so that re-ingest re-chunks unchanged files.
CHUNKER_VERSION = f"c4-{int(os.environ.get('CHIBO_CONTEXT', '1') != '0')}-{chunking.DEFAULT_MAX_CHARS}-{chunking.DEFAULT_OVERLAP_SENTENCES}"
PREFETCH = 4  # files prepared ahead of the embedder (bounded: memory stays flat)
_IGNORED_IN_DIRS = {".yaml", ".yml", ".json", ".jsonl", ".csv", ".py", ".gitignore", ".gitkeep"}


@dataclass
class FileResult:
    path: str
    status: str  # new | updated | unchanged | removed | failed
    chunks: int = 0
    message: str = ""


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0
    embedded: int = 0  # texts sent to the embedder (cache misses)
    embed_seconds: float = 0.0
    total_chunks: int = 0
    # Seconds spent in each stage; load/segment/tokenize run in a thread beside embedding, so
    # the stages add up to more than the wall time when they overlap.
    stages: dict[str, float] = field(default_factory=dict)

    def add_time(self, stage: str, seconds: float) -> None:
        self.stages[stage] = self.stages.get(stage, 0.0) + seconds

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)


@dataclass
class Prepared:
    path: Path
    sha256: str
    size: int
    doc: dict | None = None
    chunks: list[dict] = field(default_factory=list)
    error: str | None = None
    timings: dict[str, float] = field(default_factory=dict)


def doc_id_for(path: Path) -> str:
    """A stable id from the file name: lower-case ASCII slug plus a short path hash."""
    slug = re.sub(r"[^a-z0-9]+", "-", textnorm.fold(path.stem)).strip("-")[:60] or "doc"
    return f"{slug}-{hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:6]}"


def collect(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """(files to ingest, directories scanned); named files are kept even when unsupported, so
    that they get a named error."""
    files: list[Path] = []
    dirs: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            dirs.append(p.resolve())
            for f in sorted(p.rglob("*")):
                if (
                    f.is_file()
                    and not any(part.startswith(".") for part in f.relative_to(p).parts)
                    and f.suffix.lower() not in _IGNORED_IN_DIRS
                    and f.name.lower() != "readme.md"
                ):
                    files.append(f.resolve())
        else:
            files.append(p.resolve() if p.exists() else p)
    return list(dict.fromkeys(files)), dirs


def prepare(path: Path, known_sha: str | None, known_chunker: str | None) -> Prepared:
    """Load, clean, chunk and tokenise one file (everything but embedding)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # refused before it is read into memory
            mb = MAX_FILE_BYTES // 2**20
            return Prepared(path, "", size, error=f"tệp nặng {size // 2**20} MB, vượt giới hạn {mb} MB; hãy tách nhỏ")
        data = path.read_bytes()
    except OSError as exc:
        return Prepared(path, "", 0, error=f"không đọc được tệp ({exc.strerror or exc})")
    sha = hashlib.sha256(data).hexdigest()
    prep = Prepared(path, sha, len(data))
    if known_sha == sha and known_chunker == CHUNKER_VERSION:
        return prep  # unchanged: nothing more to do
    t0 = time.perf_counter()
    try:
        loaded = load(path)
    except IngestFileError as exc:
        prep.error = exc.reason
        return prep
    except Exception as exc:  # a loader bug must not stop the batch
        prep.error = f"lỗi bất ngờ khi đọc tệp ({type(exc).__name__}: {exc})"
        return prep
    doc_id = doc_id_for(path)
    meta = document_metadata(path, loaded)
    t1 = time.perf_counter()
    chunks = chunking.chunk_text(doc_id, loaded.text, loaded.headings)
    t2 = time.perf_counter()
    prep.doc = {
        "doc_id": doc_id,
        "path": str(path),
        "sha256": sha,
        "size": len(data),
        "title": meta.pop("title"),
        "date": meta.pop("date", None),
        "kind": meta.pop("kind"),
        "meta": meta,
        "text": loaded.text,
        "chunker": CHUNKER_VERSION,
        "notes": loaded.notes,
    }
    title = prep.doc["title"]
    prep.chunks = []
    for c in chunks:
        context = contextual(title, c.heading_path, c.text)
        prep.chunks.append(
            {
                "id": c.id,
                "ordinal": c.ordinal,
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "heading_path": c.heading_path,
                "doc_numbers": c.doc_numbers,
                # Measured on the dev set: the title header helps BM25 (MRR 0.87 → 0.94) but blurs
                # the dense vector (0.84 → 0.76), so vectors embed the chunk text alone.
                "embed_text": c.text,
                "tokens": " ".join(textnorm.bm25_tokens(context, "words") + c.doc_numbers_tokens()),
                "syllables": " ".join(textnorm.bm25_tokens(context, "syllables") + c.doc_numbers_tokens()),
                "text_hash": chunking.text_hash(c.text),
            }
        )
    prep.timings = {"load_clean": t1 - t0, "segment": t2 - t1, "tokenize": time.perf_counter() - t2}
    return prep


CONTEXT_HEADER = os.environ.get("CHIBO_CONTEXT", "1") != "0"


def contextual(title: str, heading_path: list[str], text: str) -> str:
    """What BM25 indexes for a chunk: its document title and headings, then the text.

    A chunk saying "Toàn tỉnh có 100.274 đảng viên" is then found for "Hà Tĩnh"."""
    if not CONTEXT_HEADER:
        return text
    header = [h for h in [title, *heading_path] if h and h not in text[: len(h) + 200]]
    return "\n".join(dict.fromkeys(header)) + ("\n" if header else "") + text


# The GIL switch interval while an ingest runs. The embedding thread needs the GIL for a moment
# after every text; with the preparing and writing threads running Python it waited up to the
# default 5 ms each time. Measured on 842 new chunks together with the prep thread back at normal
# priority: 15.0 against 14.1 chunks/s before, within this machine's run-to-run noise.
INGEST_SWITCH_INTERVAL = 0.0005


def _lock(index_dir: Path):
    from filelock import FileLock, Timeout

    index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(index_dir / ".ingest.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout as exc:
        raise IndexBusyError(index_dir) from exc
    return lock


def ingest(
    paths: Iterable[Path],
    settings: Settings | None = None,
    rebuild: bool = False,
    on_file: Callable[[FileResult], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    exclude: set[str] | None = None,
) -> IngestReport:
    """Bring the index in line with `paths`; a failed file never stops the others.

    `exclude`: paths an administrator removed, skipped when their folder is scanned."""
    settings = settings or Settings()
    started = time.perf_counter()
    lock = _lock(settings.index)
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(min(switch_interval, INGEST_SWITCH_INTERVAL))
    try:
        # Checked before the embedder loads: a mismatch is an instant, clear error.
        index = Index.open(
            settings.index, None if rebuild else settings.embedder, create=True, chroma_url=settings.chroma_url
        )
        if rebuild:
            index.wipe()
            index = Index.open(settings.index, create=True, chroma_url=settings.chroma_url)
        embedder = get_embedder(settings.embedder)
        index.bind_embedder(embedder.id, embedder.dim)
        cache = VectorCache(settings.cache_dir / "vectors.db")
        report = IngestReport()
        files, dirs = collect(paths)
        files = [f for f in files if str(f) not in (exclude or set())]
        known = {d.path: d for d in index.documents()}
        chunker = dict(index.db.execute("SELECT path, chunker FROM documents").fetchall())
        calls_before = embedder.calls

        def emit(result: FileResult) -> None:
            report.files.append(result)
            if on_file:
                on_file(result)

        def embed(prep: Prepared):
            """The vectors of a new or changed file (main thread: the embedder's own)."""
            if prep.error or prep.doc is None:
                return None
            t0 = time.perf_counter()
            vectors = embed_passages_cached(embedder, cache, [c["embed_text"] for c in prep.chunks])
            report.embed_seconds += time.perf_counter() - t0
            report.add_time("embed", time.perf_counter() - t0)
            return vectors

        def write(prep: Prepared, vectors) -> FileResult:
            """Everything after embedding, in file order on the writer thread."""
            old = known.get(str(prep.path))
            if prep.error:
                index.record_failure(doc_id_for(prep.path), str(prep.path), prep.error, prep.sha256, prep.size)
                return FileResult(str(prep.path), "failed", old.chunk_count if old else 0, prep.error)
            if prep.doc is None:
                if old and old.error:
                    with index.db:
                        index.db.execute("UPDATE documents SET error=NULL WHERE path=?", (str(prep.path),))
                return FileResult(str(prep.path), "unchanged", old.chunk_count if old else 0)
            twin = index.twin(prep.sha256, str(prep.path))
            if twin is not None and Path(twin.path).exists():
                prep.doc.pop("notes", None)
                index.delete_vectors(index.record_duplicate(prep.doc, twin))
                message = f"trùng nội dung với {Path(twin.path).name}: chỉ lập chỉ mục một lần, liệt kê cả hai tên"
                return FileResult(str(prep.path), "duplicate", 0, message)
            t1 = time.perf_counter()
            index.upsert_vectors([c["id"] for c in prep.chunks], vectors, [prep.doc["doc_id"]] * len(prep.chunks))
            t2 = time.perf_counter()
            notes = prep.doc.pop("notes", [])
            stale = index.write_document(prep.doc, prep.chunks)
            t3 = time.perf_counter()
            index.delete_vectors(stale)
            report.add_time("chroma_write", t2 - t1 + time.perf_counter() - t3)
            report.add_time("sqlite_write", t3 - t2)
            status = "updated" if old and old.status == "ok" else "new"
            return FileResult(str(prep.path), status, len(prep.chunks), "; ".join(notes))

        def process(prep: Prepared) -> None:
            for stage, seconds in prep.timings.items():
                report.add_time(stage, seconds)
            emit(write(prep, embed(prep)))

        # Three threads overlap: one loads, cleans and segments a few files ahead, this one embeds
        # (C code on every core, GIL released), one writes Chroma and SQLite behind it, in file
        # order. Results are reported here, in order.
        def submit(f: Path):
            old = known.get(str(f))
            return prep_pool.submit(
                prepare, f, old.sha256 if old and old.status in ("ok", "duplicate") else None, chunker.get(str(f))
            )

        with (
            ThreadPoolExecutor(max_workers=1) as prep_pool,
            ThreadPoolExecutor(max_workers=1) as writer,
        ):
            total = len(files)
            pending = deque(submit(f) for f in files[:PREFETCH])
            writes: deque = deque()
            done = 0

            def report_writes(block: bool) -> None:
                nonlocal done
                while writes and (block or writes[0].done() or len(writes) > PREFETCH):
                    emit(writes.popleft().result())
                    done += 1
                    if on_progress:
                        on_progress(done, total)

            for n in range(1, total + 1):
                prep = pending.popleft().result()
                if n - 1 + PREFETCH < total:
                    pending.append(submit(files[n - 1 + PREFETCH]))
                for stage, seconds in prep.timings.items():
                    report.add_time(stage, seconds)
                vectors = embed(prep)
                writes.append(writer.submit(write, prep, vectors))
                report_writes(block=False)
            report_writes(block=True)

            # Files gone from a folder that was ingested before are removed.
            seen = {str(f) for f in files}
            for path, doc in known.items():
                if path not in seen and any(Path(path).is_relative_to(d) for d in dirs) and not Path(path).exists():
                    index.delete_vectors(index.remove_document(doc.doc_id))
                    emit(FileResult(path, "removed"))

            # A file listed as a duplicate whose first copy was removed or changed is indexed
            # in its own right (or becomes a duplicate of another copy).
            for dup in [d for d in index.documents() if d.status == "duplicate"]:
                first = index.document(dup.meta.get("duplicate_of", ""))
                if (first is None or first.sha256 != dup.sha256) and Path(dup.path).exists():
                    process(prepare(Path(dup.path), None, None))

        # Vectors whose chunk SQLite does not know (left by an interrupted run) are dropped.
        t0 = time.perf_counter()
        known_ids = set(index.chunk_ids())
        orphans = sorted(index.vector_ids() - known_ids)
        index.delete_vectors(orphans)
        t1 = time.perf_counter()
        index.bm25("tokens")
        index.bm25("syllables")
        report.add_time("chroma_write", t1 - t0)
        report.add_time("bm25_build", time.perf_counter() - t1)
        report.embedded = embedder.calls - calls_before
        report.total_chunks = len(known_ids)
        report.seconds = time.perf_counter() - started
        index.close()
        return report
    finally:
        sys.setswitchinterval(switch_interval)
        lock.release()
