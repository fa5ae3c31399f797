"""Đánh giá: run a question set on several configurations with progress per question; metrics
explained in Vietnamese, charts, questions missed, and the history of runs."""

from __future__ import annotations

import hashlib
import json
import re
import time
from pathlib import Path

import streamlit as st

from ingest.settings import REPO_ROOT
from ui.common import duration, error_message, index_ready, md_escape, settings
from ui.common.access import admin_gate
from ui.common.jobs import Job, follow

st.set_page_config(layout="wide")  # tables with one column per configuration need the width
st.title("Đánh giá chất lượng")

if not admin_gate("Chạy đánh giá"):
    st.stop()
if not index_ready():
    st.error("Thư viện chưa có tài liệu nên chưa đánh giá được. Hãy tải tài liệu lên ở trang «Tài liệu» trước.")
    st.stop()

from assistant.turnlog import TurnLog  # noqa: E402
from evals.questions import load_questions  # noqa: E402
from evals.report import CONFIG_HELP, METRICS_VI, SPLIT_LABELS, config_label, history_chart, set_label  # noqa: E402
from evals.run import CONFIGS, evaluate  # noqa: E402

QUESTION_DIR = REPO_ROOT / "evals" / "questions"
SET_LABELS = {
    "dev": "Bộ câu hỏi chính về các tin bài trong kho",
    "news_heldout": "Câu hỏi mới về tin bài (chưa từng dùng để tinh chỉnh)",
    "guidance": "Câu hỏi về văn bản hướng dẫn (Điều lệ, 294-QĐ/TW…; cần nạp các văn bản này)",
    "mcq": "Câu hỏi trắc nghiệm (cần nạp các văn bản hướng dẫn)",
    "contest_bank": "Ngân hàng câu hỏi thi bí thư chi bộ giỏi, viết như đề của các tỉnh (cần nạp các văn bản hướng dẫn)",
    "out_of_scope": "Câu hỏi ngoài phạm vi (trợ lý phải từ chối)",
    "conversations": "Hội thoại nhiều lượt (câu hỏi nối tiếp)",
    "outlines": "Đề cương sinh hoạt chuyên đề: các điều, khoản phải trích (cần nạp các văn bản hướng dẫn)",
}
UPLOAD = "upload"
cfg = settings()

st.caption(
    "Chạy một bộ câu hỏi có đáp án trên thư viện hiện tại, so sánh các cách tìm kiếm. "
    "Mỗi cấu hình trả lời mọi câu hỏi; kết quả được lưu vào lịch sử ở cuối trang."
)


def problem_vi(problem: str) -> str:
    """A malformed line, said in Vietnamese ("line 3: unknown type 'x'" → "Dòng 3: …")."""
    m = re.match(r"line (\d+): (.*)", problem)
    if not m:
        return md_escape(problem)
    n, why = m[1], m[2]
    if t := re.search(r"unknown type '([^']*)'", why):
        why = f"loại câu hỏi «{t[1]}» chưa được hỗ trợ"
    elif "duplicate id" in why:
        why = "mã câu hỏi bị trùng"
    elif "no 'question'" in why:
        why = "thiếu nội dung câu hỏi"
    elif "must be a list" in why:
        why = "một trường lẽ ra là danh sách"
    elif "not a JSON object" in why:
        why = "không phải một câu hỏi dạng JSON"
    else:
        why = "không đọc được dòng này (sai định dạng JSON)"
    return f"Dòng {n}: {why}"


@st.cache_data(show_spinner=False)
def set_summary(path: str, mtime: float) -> tuple[int, list[str]]:
    questions, problems = load_questions(Path(path))
    return len(questions), problems


# ---- what to run ------------------------------------------------------------------------------------
sets = {}
for p in sorted(QUESTION_DIR.glob("*.jsonl")):
    n, problems = set_summary(str(p), p.stat().st_mtime)
    label = SET_LABELS.get(p.stem, p.stem.replace("_", " "))
    label += f" — {n} câu" + (f", {len(problems)} dòng chưa dùng được" if problems else "")
    sets[str(p)] = label
sets[UPLOAD] = "Tệp câu hỏi của tôi (.jsonl)"
default = str(QUESTION_DIR / "dev.jsonl")
choice = st.radio(
    "Bộ câu hỏi",
    list(sets),
    index=list(sets).index(default) if default in sets else 0,
    format_func=sets.get,
    key="eval-set",
)
questions_path: Path | None = Path(choice) if choice != UPLOAD else None
if choice == UPLOAD:
    st.caption(
        "Mỗi dòng một câu hỏi dạng JSON: mã câu hỏi (`id`), câu hỏi (`question`) và câu phải có trong đoạn "
        "tài liệu đúng (`evidence`). Ví dụ một dòng:"
    )
    st.code(
        '{"id": "q1", "question": "Chi bộ họp mấy lần một tháng?", "evidence": ["mỗi tháng 1 lần"]}',
        language="json",
        wrap_lines=True,
    )
    up = st.file_uploader("Chọn tệp câu hỏi", key="eval-upload")
    if up is not None:
        if not up.name.lower().endswith((".jsonl", ".json", ".txt")):
            st.error(f"«{md_escape(up.name)}» không phải tệp câu hỏi (.jsonl). Hãy chọn tệp có đuôi .jsonl.")
        else:
            data = up.getvalue()[: 5 * 1024 * 1024]
            # Kept by content (every rerun of the page would otherwise write another copy), under
            # the name the evaluator gave it, which the history shows.
            folder = cfg.home / "eval-uploads" / hashlib.sha1(data).hexdigest()[:12]
            folder.mkdir(parents=True, exist_ok=True)
            questions_path = folder / f"{Path(up.name).stem[:60]}.jsonl"
            if not questions_path.exists():
                questions_path.write_bytes(data)
elif questions_path is not None:
    n, problems = set_summary(str(questions_path), questions_path.stat().st_mtime)
    if problems:
        with st.expander(f"{len(problems)} dòng trong bộ này chưa dùng được (sẽ bỏ qua)"):
            st.markdown("\n".join(f"- {problem_vi(p)}" for p in problems[:30]))

st.markdown("**Cấu hình so sánh**")
chosen = []
names = [n for n in CONFIGS if not n.startswith("custom:")]
columns = st.columns(2)  # side by side on a wide screen, one under the other on a phone
for i, name in enumerate(names):
    if columns[i % 2].checkbox(
        config_label(name),
        value=name in ("default", "naive-langchain"),
        key=f"cfg-{name}",
        help=CONFIG_HELP.get(name),
    ):
        chosen.append(name)

job: Job | None = st.session_state.get("eval_job")
if st.button(
    "Chạy đánh giá",
    type="primary",
    icon=":material/play_arrow:",
    disabled=questions_path is None or not chosen or (job is not None and job.running),
):
    out = cfg.home / "reports" / time.strftime("%Y%m%d-%H%M%S")
    path, configs = questions_path, list(chosen)
    if "naive-langchain" in configs:  # imported on this thread, not the job's (ui.serve._warm_once_listening: AST race)
        import langchain_chroma  # noqa: F401
        import langchain_text_splitters  # noqa: F401

    def run(job: Job):
        job.update(0, 0, "đang chuẩn bị")
        report = evaluate(
            path,
            cfg,
            configs,
            out=out,
            on_progress=lambda done, total, config: job.update(done, total, config_label(config)),
        )
        return report, str(out)

    job = Job("Đang chạy đánh giá", "câu hỏi", run, context={"set": sets.get(choice, "")}).start()
    st.session_state["eval_job"] = job
if questions_path is None and choice == UPLOAD:
    st.caption("Chọn một tệp câu hỏi để chạy.")

if job is not None:
    if job.running:
        follow(job)
    if job.error is not None:
        st.error(md_escape(error_message(job.error, "Việc chạy đánh giá")))
    elif job.result is not None:
        st.session_state["eval_report"] = (*job.result, f"chạy trong {duration(job.finished - job.started)}")
    st.session_state.pop("eval_job", None)


# ---- results ----------------------------------------------------------------------------------------
def fmt(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.0f}" if abs(v) >= 10 else f"{v:.3f}".replace(".", ",")
    return str(v)


def metrics_table(columns: dict[str, dict]) -> None:
    """Metrics as rows (label, what it means) and one column per configuration or part."""
    import pandas as pd

    keys = [(k, label, why) for k, label, why in METRICS_VI if any(m.get(k) is not None for m in columns.values())]
    table = pd.DataFrame(
        [
            {"Chỉ số": label, **{col: fmt(m.get(k)) for col, m in columns.items()}, "Ý nghĩa": why}
            for k, label, why in keys
        ]
    )
    st.table(table.set_index("Chỉ số"))


def missed(rows: list[dict]) -> list[str]:
    lines = []
    for q in rows:
        why = []
        in_scope = not q.get("should_refuse") and q.get("type") != "out_of_scope"
        if in_scope and q.get("first_hit_rank") is None and q.get("type") not in ("outline", "conversation", "mcq"):
            why.append("không tìm thấy đoạn đúng trong 10 đoạn đầu")
        elif (q.get("first_hit_rank") or 1) > 1:
            why.append(f"đoạn đúng ở vị trí {q['first_hit_rank']}")
        if q.get("refused") != q.get("should_refuse"):
            why.append(
                "từ chối trong khi tài liệu có trả lời" if q.get("refused") else "trả lời trong khi lẽ ra phải từ chối"
            )
        if q.get("keyword_recall") is not None and q["keyword_recall"] < 1:
            why.append(f"thiếu ý chính (đủ {q['keyword_recall']:.0%})")
        if why:
            lines.append(f"- **{md_escape(q['id'])}** {md_escape(q['question'])} — {'; '.join(why)}")
    return lines


if "eval_report" in st.session_state:
    report, out, how = st.session_state["eval_report"]
    st.subheader("Kết quả")
    st.caption(f"{md_escape(set_label(report['questions_file']))} · {report['created']} · {how}")
    if report.get("problems"):
        with st.expander(f"{len(report['problems'])} dòng câu hỏi bị bỏ qua"):
            st.markdown("\n".join(f"- {problem_vi(p)}" for p in report["problems"][:50]))
    metrics_table({config_label(n): d["metrics"] for n, d in report["configs"].items()})
    st.caption("Thời gian trả lời gồm cả thời gian mã hoá câu hỏi, đo như nhau cho mọi cấu hình.")
    for name, data in report["configs"].items():
        splits = data.get("splits") or {}
        if splits:
            st.markdown(f"**{md_escape(config_label(name))}: theo từng phần của bộ câu hỏi**")
            metrics_table({SPLIT_LABELS.get(s, s): v.get("metrics", v) for s, v in splits.items()})
    for name, data in report["configs"].items():
        lines = missed(data.get("questions", []))
        with st.expander(f"{config_label(name)}: {len(lines)} câu chưa đạt"):
            st.markdown("\n".join(lines) if lines else "Không có câu nào chưa đạt.")
    for chart, caption in (
        ("hit_at_k.png", "Tỉ lệ tìm đúng trong 1, 3, 5, 10 đoạn đầu"),
        ("latency.png", "Thời gian mỗi câu hỏi (gồm cả thời gian mã hoá câu hỏi, đo như nhau cho mọi cấu hình)"),
    ):
        if (Path(out) / chart).exists():
            st.image(str(Path(out) / chart), caption=caption)

# ---- history ----------------------------------------------------------------------------------------
st.subheader("Lịch sử các lần đánh giá")
runs = TurnLog(cfg.log_db).eval_runs(30)
if not runs:
    st.caption("Chưa có lần đánh giá nào.")
else:
    # Figures of different question sets are not comparable: one set at a time.
    set_names = list(dict.fromkeys(set_label(r["questions"]) for r in runs))
    current = set_label(str(questions_path)) if questions_path else None
    shown_set = st.selectbox(
        "Bộ câu hỏi",
        set_names,
        index=set_names.index(current) if current in set_names else 0,
        key="history-set",
        help="Chỉ so sánh các lần chạy cùng một bộ câu hỏi.",
    )
    runs = [r for r in runs if set_label(r["questions"]) == shown_set]
    fig = history_chart(runs)
    st.pyplot(fig, clear_figure=True)
    import pandas as pd

    recent = [(r, json.loads(r["metrics"])) for r in runs[:10]]
    names = list(dict.fromkeys(n for _, metrics in recent for n in metrics))
    st.markdown("**MRR@10 của từng cấu hình, 10 lần gần nhất**")
    st.table(
        pd.DataFrame(
            [
                {
                    "Lần": f"#{r['id']}",
                    "Thời gian": time.strftime("%d/%m/%Y %H:%M", time.localtime(r["created"])),
                    "Bộ câu hỏi": set_label(r["questions"]),
                    **{config_label(n): fmt(metrics.get(n, {}).get("mrr@10")) for n in names},
                }
                for r, metrics in recent
            ]
        ).set_index("Lần")
    )
