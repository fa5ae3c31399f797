"""Đánh giá: run the dev set or an uploaded question set, show metrics, charts and history."""

from __future__ import annotations

import json
import time
from pathlib import Path

import streamlit as st

from ingest.config import REPO_ROOT
from ui.common import admin_gate, index_ready, md_escape, settings

st.title("Đánh giá chất lượng")

if not admin_gate("Chạy đánh giá"):
    st.stop()
if not index_ready():
    st.error("Chưa có chỉ mục để đánh giá.")
    st.stop()

from evals.report import COLUMNS  # noqa: E402
from evals.run import CONFIGS, evaluate  # noqa: E402

cfg = settings()
source = st.radio("Bộ câu hỏi", ["Bộ câu hỏi phát triển (dev)", "Tải lên tệp JSONL"], horizontal=True)
questions_path: Path | None = REPO_ROOT / "evals" / "questions" / "dev.jsonl"
if source.startswith("Tải"):
    up = st.file_uploader("Tệp câu hỏi (.jsonl)", type=["jsonl", "json", "txt"])
    questions_path = None
    if up is not None:
        folder = cfg.home / "eval-uploads"
        folder.mkdir(parents=True, exist_ok=True)
        questions_path = folder / f"questions-{int(time.time())}.jsonl"
        questions_path.write_bytes(up.getvalue()[: 5 * 1024 * 1024])
configs = st.multiselect("Cấu hình so sánh", list(CONFIGS), default=["default", "naive-langchain"])

if st.button("Chạy đánh giá", type="primary", disabled=questions_path is None or not configs):
    out = cfg.home / "reports" / time.strftime("%Y%m%d-%H%M%S")
    with st.spinner("Đang chạy bộ câu hỏi…"):
        try:
            report = evaluate(questions_path, cfg, configs, out=out)
            st.session_state["eval_report"] = (report, str(out))
        except Exception as exc:
            st.error(f"Không chạy được đánh giá: {exc}")

if "eval_report" in st.session_state:
    report, out = st.session_state["eval_report"]
    for p in report.get("problems", []):
        st.warning(f"Dòng lỗi (bỏ qua): {md_escape(p)}")
    table = [
        {"Cấu hình": name, **{label: data["metrics"].get(key) for key, label in COLUMNS}}
        for name, data in report["configs"].items()
    ]
    st.dataframe(table, use_container_width=True, hide_index=True)
    for chart in ("hit_at_k.png", "latency.png"):
        if (Path(out) / chart).exists():
            st.image(str(Path(out) / chart))

st.subheader("Lịch sử các lần đánh giá")
from assistant.turnlog import TurnLog  # noqa: E402

runs = TurnLog(cfg.log_db).eval_runs(20)
if not runs:
    st.caption("Chưa có lần đánh giá nào.")
else:
    st.dataframe(
        [
            {
                "#": r["id"],
                "Thời gian": time.strftime("%Y-%m-%d %H:%M", time.localtime(r["created"])),
                "Bộ câu hỏi": Path(r["questions"]).name,
                **{
                    f"MRR@10 {n}": round(m["mrr@10"], 3)
                    for n, m in json.loads(r["metrics"]).items()
                    if m.get("mrr@10") is not None
                },
            }
            for r in runs
        ],
        use_container_width=True,
        hide_index=True,
    )
