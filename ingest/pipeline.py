"""Ingest files into an index: new / updated / unchanged / removed / failed, per file."""

from __future__ import annotations

import hashlib
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ingest import chunking, textnorm
from ingest.embedders import VectorCache, embed_passages_cached, get_embedder
from ingest.errors import IndexBusyError, IngestFileError
from ingest.loaders import MAX_FILE_BYTES, load
from ingest.metadata import document_metadata
from ingest.model import Chunk, Document
from ingest.settings import Settings
from ingest.store import Index

# Bump when cleaning or chunking changes, so that re-ingest re-chunks unchanged files.
CHUNKER_VERSION = f"c6-{chunking.DEFAULT_MAX_CHARS}-{chunking.DEFAULT_OVERLAP_SENTENCES}-{chunking.TINY_CHARS}"
PREFETCH = 4  # files prepared ahead of the embedder (bounded: memory stays flat)
BATCH_CHUNKS = 32  # small files are embedded and written together up to this many chunks
PREFETCH_BYTES = 16 * 2**20  # small files prepared ahead, in all


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


_IGNORED_IN_DIRS = {".yaml", ".yml", ".json", ".jsonl", ".csv", ".py", ".gitignore", ".gitkeep"}
# A folder's own notes about its files, not documents: skipped when a folder is scanned.
_IGNORED_NAMES = {"readme", "sources", "license", "licence", "changelog", "manifest"}


@dataclass
class FileResult:
    path: str
    status: str  # new | updated | unchanged | removed | failed
    chunks: int = 0
    message: str = ""
    code: str = ""  # a failed file's IngestFileError code (the app chooses its message by it)


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
    """A file read, cleaned, chunked and tokenised: everything but its vectors."""

    path: Path
    sha256: str
    size: int
    doc: Document | None = None
    text: str = ""  # the document's clean text, stored with it
    chunks: list[Chunk] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    code: str = ""  # what kind of failure `error` is (IngestFileError.code)
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
                    and f.stem.lower() not in _IGNORED_NAMES
                ):
                    files.append(f.resolve())
        else:
            files.append(p.resolve() if p.exists() else p)
    return list(dict.fromkeys(files)), dirs


def prepare(
    path: Path,
    known_sha: str | None,
    known_chunker: str | None,
    corrections: dict | None = None,
    on_step: Callable[[str, str], None] | None = None,
    fits: Callable[[str], bool] | None = None,
) -> Prepared:
    """Load, clean, chunk and tokenise one file (everything but embedding)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # refused before it is read into memory
            mb = MAX_FILE_BYTES // 2**20
            return Prepared(
                path,
                "",
                size,
                error=f"tệp nặng {size // 2**20} MB, vượt giới hạn {mb} MB; hãy tách nhỏ",
                code="too_large",
            )
        data = path.read_bytes()
    except OSError as exc:
        return Prepared(path, "", 0, error=f"không đọc được tệp ({exc.strerror or exc})", code="unreadable")
    sha = hashlib.sha256(data).hexdigest()
    prep = Prepared(path, sha, len(data))
    if known_sha == sha and known_chunker == CHUNKER_VERSION:
        return prep  # unchanged: nothing more to do
    t0 = time.perf_counter()
    try:
        loaded = load(path, progress=(lambda message: on_step(str(path), message)) if on_step else None)
    except IngestFileError as exc:
        prep.error, prep.code = exc.reason, exc.code
        return prep
    except Exception as exc:  # a loader bug must not stop the batch
        prep.error = f"lỗi bất ngờ khi đọc tệp ({type(exc).__name__}: {exc})"
        return prep
    doc_id = doc_id_for(path)
    meta = document_metadata(path, loaded, corrections)
    t1 = time.perf_counter()
    if loaded.structure is not None:
        chunks = chunking.chunk_structured(doc_id, loaded.text, loaded.structure.blocks)
    else:
        chunks = chunking.chunk_text(doc_id, loaded.text, loaded.headings)
    if fits is not None:
        chunks = chunking.fit(chunks, fits)  # never feed the embedder more than it reads
    t2 = time.perf_counter()
    prep.doc = Document(
        doc_id=doc_id,
        path=str(path),
        title=meta.pop("title"),
        date=meta.pop("date", None),
        kind=meta.pop("kind"),
        number=meta.pop("number", None),
        issuer=meta.pop("issuer", None),
        sha256=sha,
        size=len(data),
        meta=meta,
    )
    prep.text = loaded.text
    prep.notes = loaded.notes
    for c in chunks:
        context = contextual(prep.doc.title, [*c.heading_path, c.section or ""], c.text)
        numbers = chunking.doc_number_tokens(c.doc_numbers)
        c.tokens = " ".join(textnorm.bm25_tokens(context, "words") + numbers)
        c.syllables = " ".join(textnorm.bm25_tokens(context, "syllables") + numbers)
        # Measured on the dev set: the title header helps BM25 (MRR 0.87 → 0.94) but blurs
        # the dense vector (0.84 → 0.76), so vectors embed the chunk text alone.
        c.embed_text = c.text
    prep.chunks = chunks
    prep.timings = {"load_clean": t1 - t0, "segment": t2 - t1, "tokenize": time.perf_counter() - t2}
    return prep


def contextual(title: str, heading_path: list[str], text: str) -> str:
    """What BM25 indexes for a chunk: its document title and headings, then the text.

    A chunk saying "Toàn tỉnh có 100.274 đảng viên" is then found for "Hà Tĩnh"."""
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
    refresh: set[str] | None = None,
    on_step: Callable[[str, str], None] | None = None,
) -> IngestReport:
    """Bring the index in line with `paths`; a failed file never stops the others.

    `exclude`: paths an administrator removed, skipped when their folder is scanned;
    `refresh`: paths read again even when unchanged (a corrected title, date or number);
    `on_step(path, message)`: long steps inside a file ("nhận dạng chữ trang 3/12")."""
    settings = settings or Settings()
    lock = _lock(settings.index)
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(min(switch_interval, INGEST_SWITCH_INTERVAL))
    try:
        run = _Run(settings, rebuild, on_file, on_progress, refresh or set(), on_step)
        return run.all(paths, exclude or set())
    finally:
        sys.setswitchinterval(switch_interval)
        lock.release()


class _Run:
    """One ingest: prepare files a few ahead on one thread, embed on this one, write on a third."""

    def __init__(
        self, settings: Settings, rebuild: bool, on_file, on_progress, refresh: set[str], on_step=None
    ) -> None:
        self.started = time.perf_counter()
        self.on_file, self.on_progress, self.refresh, self.on_step = on_file, on_progress, refresh, on_step
        # Checked before the embedder loads: a mismatch is an instant, clear error.
        index = Index.from_settings(settings, create=True, check_embedder=not rebuild)
        if rebuild:
            index.wipe()
            index = Index.from_settings(settings, create=True)
        self.index = index
        self.embedder = get_embedder(settings.embedder)
        index.bind_embedder(self.embedder.id, self.embedder.dim)
        self.cache = VectorCache(settings.cache_dir / "vectors.db")
        self.report = IngestReport()
        self.known = {d.path: d for d in index.documents()}
        self.chunker = index.chunkers()
        self.corrections = index.corrections()
        self.calls_before = self.embedder.calls

    def emit(self, result: FileResult) -> None:
        self.report.files.append(result)
        if self.on_file:
            self.on_file(result)

    def prepare(self, f: Path) -> Prepared:
        old = self.known.get(str(f))
        known_sha = old.sha256 if old and old.status in ("ok", "duplicate") and str(f) not in self.refresh else None
        return prepare(
            f, known_sha, self.chunker.get(str(f)), self.corrections.get(str(f)), self.on_step, self.embedder.fits
        )

    def embed(self, preps: list[Prepared]) -> list:
        """The vectors of new or changed files, in one pass over the cache and the embedder
        (this thread: the embedder's own)."""
        todo = [p for p in preps if not p.error and p.doc is not None]
        if not todo:
            return [None] * len(preps)
        t0 = time.perf_counter()
        texts = [c.embed_text or c.text for p in todo for c in p.chunks]
        vectors = embed_passages_cached(self.embedder, self.cache, texts)
        self.report.embed_seconds += time.perf_counter() - t0
        self.report.add_time("embed", time.perf_counter() - t0)
        out, at = {}, 0
        for p in todo:
            out[id(p)] = vectors[at : at + len(p.chunks)]
            at += len(p.chunks)
        return [out.get(id(p)) for p in preps]

    def write(self, prep: Prepared, vectors) -> FileResult:
        """One file's result written (see `write_batch`)."""
        return self.write_batch([(prep, vectors)])[0]

    def write_batch(self, items: list[tuple[Prepared, object]]) -> list[FileResult]:
        """Everything after embedding, for a few files at once on the writer thread: vectors
        first (one Chroma call), then SQLite (one transaction), so SQLite never names a chunk
        whose vector is missing."""
        index, results, fresh = self.index, [], []
        for prep, vectors in items:
            old = self.known.get(str(prep.path))
            if prep.error:
                index.record_failure(doc_id_for(prep.path), str(prep.path), prep.error, prep.sha256, prep.size)
                results.append(
                    FileResult(str(prep.path), "failed", old.chunk_count if old else 0, prep.error, prep.code)
                )
            elif prep.doc is None:
                if old and old.error:
                    index.clear_error(str(prep.path))
                results.append(FileResult(str(prep.path), "unchanged", old.chunk_count if old else 0))
            elif (twin := index.twin(prep.sha256, str(prep.path))) is not None and Path(twin.path).exists():
                index.delete_vectors(index.record_duplicate(prep.doc, twin, CHUNKER_VERSION))
                message = f"trùng nội dung với {Path(twin.path).name}: chỉ lập chỉ mục một lần, liệt kê cả hai tên"
                results.append(FileResult(str(prep.path), "duplicate", 0, message))
            else:
                status = "updated" if old and old.status == "ok" else "new"
                results.append(FileResult(str(prep.path), status, len(prep.chunks), "; ".join(prep.notes)))
                fresh.append((prep, vectors))
        if fresh:
            import numpy as np

            t1 = time.perf_counter()
            ids = [c.id for p, _ in fresh for c in p.chunks]
            owners = [p.doc.doc_id for p, _ in fresh for _ in p.chunks]
            index.upsert_vectors(ids, np.concatenate([v for _, v in fresh]), owners)
            t2 = time.perf_counter()
            stale = index.write_documents([(p.doc, p.chunks, p.text) for p, _ in fresh], CHUNKER_VERSION)
            t3 = time.perf_counter()
            index.delete_vectors(stale)
            self.report.add_time("chroma_write", t2 - t1 + time.perf_counter() - t3)
            self.report.add_time("sqlite_write", t3 - t2)
        return results

    def all(self, paths: Iterable[Path], exclude: set[str]) -> IngestReport:
        files, dirs = collect(paths)
        files = [f for f in files if str(f) not in exclude]
        self.files(files)
        self.removed(files, dirs)
        self.orphaned_duplicates()
        return self.finish()

    def files(self, files: list[Path]) -> None:
        """Three threads overlap: one loads, cleans and segments a few files ahead, this one
        embeds (C code on every core, GIL released), one writes Chroma and SQLite behind it, in
        file order. Small files are embedded and written together (`BATCH_CHUNKS` at a time):
        a folder of short texts otherwise pays a cache transaction, a Chroma call and a SQLite
        transaction per file. Results are reported here, in order."""
        total, done = len(files), 0
        sizes = [_size(f) for f in files]
        with ThreadPoolExecutor(max_workers=1) as prep_pool, ThreadPoolExecutor(max_workers=1) as writer:
            pending: deque = deque()
            ahead = 0  # index of the next file to hand to the preparing thread

            def fill() -> None:
                # keep the preparing thread busy while the embedder works: up to PREFETCH files,
                # or more small ones, never more than PREFETCH_BYTES of files waiting in memory
                nonlocal ahead
                while ahead < total and (
                    len(pending) < PREFETCH
                    or (len(pending) < 8 * PREFETCH and sum(sizes[ahead - len(pending) : ahead]) < PREFETCH_BYTES)
                ):
                    pending.append(prep_pool.submit(self.prepare, files[ahead]))
                    ahead += 1

            fill()
            writes: deque = deque()
            batch: list[Prepared] = []

            def report_writes(block: bool) -> None:
                nonlocal done
                while writes and (block or writes[0].done() or len(writes) > PREFETCH):
                    for result in writes.popleft().result():
                        self.emit(result)
                        done += 1
                        if self.on_progress:
                            self.on_progress(done, total)

            for n in range(total):
                prep = pending.popleft().result()
                fill()
                for stage, seconds in prep.timings.items():
                    self.report.add_time(stage, seconds)
                batch.append(prep)
                ready = bool(pending) and pending[0].done()
                if sum(len(p.chunks) for p in batch) >= BATCH_CHUNKS or n == total - 1 or not ready:
                    writes.append(writer.submit(self.write_batch, list(zip(batch, self.embed(batch)))))
                    batch = []
                report_writes(block=False)
            report_writes(block=True)

    def removed(self, files: list[Path], dirs: list[Path]) -> None:
        """Files gone from a folder that was ingested before are removed."""
        seen = {str(f) for f in files}
        for path, doc in self.known.items():
            if path not in seen and any(Path(path).is_relative_to(d) for d in dirs) and not Path(path).exists():
                self.index.delete_vectors(self.index.remove_document(doc.doc_id))
                self.emit(FileResult(path, "removed"))

    def orphaned_duplicates(self) -> None:
        """A file listed as a duplicate whose first copy was removed or changed is indexed in its
        own right (or becomes a duplicate of another copy)."""
        for dup in [d for d in self.index.documents() if d.status == "duplicate"]:
            first = self.index.document(dup.meta.get("duplicate_of", ""))
            if (first is None or first.sha256 != dup.sha256) and Path(dup.path).exists():
                prep = prepare(Path(dup.path), None, None, self.corrections.get(dup.path))
                for stage, seconds in prep.timings.items():
                    self.report.add_time(stage, seconds)
                self.emit(self.write(prep, self.embed([prep])[0]))

    def finish(self) -> IngestReport:
        """Drop vectors SQLite does not know (left by an interrupted run), rebuild BM25."""
        index, report = self.index, self.report
        t0 = time.perf_counter()
        known_ids = set(index.chunk_ids())
        index.delete_vectors(sorted(index.vector_ids() - known_ids))
        t1 = time.perf_counter()
        index.bm25("tokens")
        index.bm25("syllables")
        report.add_time("chroma_write", t1 - t0)
        report.add_time("bm25_build", time.perf_counter() - t1)
        report.embedded = self.embedder.calls - self.calls_before
        report.total_chunks = len(known_ids)
        report.seconds = time.perf_counter() - self.started
        index.close()
        return report
