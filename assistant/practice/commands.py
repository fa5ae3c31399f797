"""`chibo bank import FILE [--out bank.jsonl] [--json]`, registered into the CLI (`register_commands`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def register_commands(sub, common) -> None:
    p = sub.add_parser("bank", help="contest question banks (ngân hàng câu hỏi thi)")
    bank = p.add_subparsers(dest="bank_command", required=True)
    p = bank.add_parser("import", help="read a bank published as .docx, .pdf, .txt or .md into JSONL")
    p.add_argument("file", type=Path, help="the bank file (.docx, .pdf, .txt, .md)")
    p.add_argument("--out", type=Path, help="JSONL to write (default: the bank's name with .jsonl)")
    p.add_argument("--json", action="store_true", help="print the questions as JSONL on stdout, the report on stderr")
    p.set_defaults(func=cmd_bank_import)


def cmd_bank_import(args) -> int:
    from assistant.practice.bankfile import BankFileError, import_bank, write_jsonl

    src = Path(args.file)
    out = Path(args.out) if args.out else src.with_suffix(".jsonl")
    if out.resolve() == src.resolve():
        raise BankFileError(f"Tệp ghi ra trùng với tệp đọc vào ({src}): hãy chọn tên khác bằng --out.")
    result = import_bank(src)
    report = sys.stderr if args.json else sys.stdout
    n, keyed = len(result.questions), result.with_key
    if not n:
        print(
            f"Không đọc được câu hỏi nào trong {src.name}: cần các câu đánh số “Câu 1.” hoặc “1.”, "
            "mỗi câu có các phương án “A.”, “B.”… (mỗi phương án một dòng hoặc trên cùng một dòng).",
            file=sys.stderr,
        )
        for where, reason in result.problems:
            print(f"- {where}: {reason}", file=sys.stderr)
        return 1
    try:
        write_jsonl(result.questions, out)
    except OSError as exc:
        raise BankFileError(f"Không ghi được {out}: {exc.strerror or exc}") from exc
    if args.json:
        for q in result.questions:
            print(json.dumps(q.to_json(), ensure_ascii=False))
    print(f"Đã đọc {n} câu hỏi từ {src.name}, {keyed} câu có đáp án.", file=report)
    sections = list(dict.fromkeys(q.section for q in result.questions if q.section))
    if sections:
        print(f"Các phần: {'; '.join(sections)}.", file=report)
    if result.problems:
        print(f"Cần xem lại {len(result.problems)} chỗ:", file=report)
        for where, reason in result.problems:
            print(f"- {where}: {reason}", file=report)
    else:
        print("Không có câu nào cần xem lại.", file=report)
    print(f"Đã ghi {out}.", file=report)
    return 0
