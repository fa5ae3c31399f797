"""Evaluation reports: report.json, report.md (tables, missed questions) and PNG charts."""

from __future__ import annotations

import json
from pathlib import Path

COLUMNS = [
    ("hit@1", "hit@1"),
    ("hit@3", "hit@3"),
    ("hit@5", "hit@5"),
    ("hit@10", "hit@10"),
    ("mrr@10", "MRR@10"),
    ("ndcg@10", "nDCG@10"),
    ("keyword_recall", "kw recall"),
    ("refusal_accuracy", "refusal acc"),
    ("false_refusal_rate", "false refusals"),
    ("citation_validity", "citations ok"),
    ("answer_words_mean", "words"),
    ("outline_coverage", "outline cover"),
    ("outline_cited_passages_min", "outline min cites"),
    ("outline_recall", "provisions recall"),
    ("outline_on_topic", "on topic"),
    ("outline_news_in_basis", "news in basis"),
    ("outline_ms_p50", "outline p50 ms"),
    ("total_ms_p50", "p50 ms"),
    ("total_ms_p95", "p95 ms"),
]

# What the app and the charts call each configuration and metric (the keys stay as they are).
CONFIG_LABELS = {
    "default": "Mặc định (đang dùng)",
    "bm25-words": "Từ khoá, tách theo từ (BM25)",
    "bm25-syllables": "Từ khoá, theo âm tiết (BM25)",
    "dense": "Theo nghĩa (véc-tơ)",
    "hybrid-words-rrf": "Kết hợp, tách theo từ (RRF, hằng số 60)",
    "hybrid-words-minmax": "Kết hợp, tách theo từ (chuẩn hoá điểm)",
    "hybrid-syllables-minmax": "Kết hợp, theo âm tiết (chuẩn hoá điểm)",
    "hybrid-syllables-rrf60": "Kết hợp, theo âm tiết (RRF, hằng số 60)",
    "naive-langchain": "Cách làm phổ biến (LangChain)",
    "outline-plan": "Soạn đề cương theo quy định (thử nghiệm)",
    "outline-overlap": "Soạn đề cương theo từ chung với chủ đề (cách cũ)",
}
CONFIG_HELP = {
    "default": "Cách trợ lý đang dùng: từ khoá theo âm tiết kết hợp tìm theo nghĩa.",
    "bm25-words": "Chỉ tìm theo từ khoá, câu được tách thành từ.",
    "bm25-syllables": "Chỉ tìm theo từ khoá, theo từng âm tiết và cặp âm tiết.",
    "dense": "Chỉ tìm theo nghĩa của câu hỏi.",
    "hybrid-words-rrf": "Kết hợp từ khoá (tách theo từ) và tìm theo nghĩa, cách kết hợp thông dụng.",
    "hybrid-words-minmax": "Kết hợp từ khoá (tách theo từ) và tìm theo nghĩa bằng điểm chuẩn hoá.",
    "hybrid-syllables-minmax": "Kết hợp từ khoá (âm tiết) và tìm theo nghĩa bằng điểm chuẩn hoá.",
    "hybrid-syllables-rrf60": "Như mặc định nhưng trọng số đều nhau.",
    "naive-langchain": "Cách nhiều người làm đầu tiên: cắt tệp 1000 ký tự, chỉ tìm theo nghĩa, lấy đoạn đầu làm câu trả lời.",
    "outline-plan": "Tìm kiếm như mặc định; đề cương chọn trước các điều, khoản chi phối chủ đề rồi mới trích (thử nghiệm).",
    "outline-overlap": "Tìm kiếm như mặc định; đề cương chọn từng câu theo số từ chung với chủ đề, không xác định trước điều, khoản chi phối (cách soạn trước đây).",
}
LATENCY_NOTE = "gồm cả thời gian mã hoá câu hỏi, đo như nhau cho mọi cấu hình"
# (key, label, explanation): the rows of the app's result table, in order.
METRICS_VI = [
    ("hit@1", "Tìm đúng ở vị trí 1", "Tỉ lệ câu hỏi có đoạn đúng đứng đầu kết quả tìm kiếm."),
    ("hit@3", "Tìm đúng trong 3 đoạn đầu", "Tỉ lệ câu hỏi có đoạn đúng trong 3 đoạn đầu."),
    ("hit@5", "Tìm đúng trong 5 đoạn đầu", "Tỉ lệ câu hỏi có đoạn đúng trong 5 đoạn đầu."),
    ("hit@10", "Tìm đúng trong 10 đoạn đầu", "Tỉ lệ câu hỏi có đoạn đúng trong 10 đoạn đầu."),
    (
        "mrr@10",
        "MRR@10 (thứ hạng trung bình)",
        "Trung bình của 1 chia thứ hạng đoạn đúng: 1 là luôn đứng đầu, 0,5 là thường đứng thứ hai.",
    ),
    (
        "ndcg@10",
        "nDCG@10 (thứ tự kết quả)",
        "Chấm cả thứ tự 10 đoạn đầu: đoạn đúng càng lên trên điểm càng cao (tối đa 1).",
    ),
    ("keyword_recall", "Đủ ý chính", "Tỉ lệ từ khoá bắt buộc có mặt trong câu trả lời."),
    (
        "refusal_accuracy",
        "Từ chối đúng",
        "Câu hỏi tài liệu không trả lời: tỉ lệ trợ lý từ chối như mong muốn (càng cao càng tốt).",
    ),
    (
        "false_refusal_rate",
        "Từ chối sai",
        "Câu hỏi tài liệu có trả lời: tỉ lệ trợ lý lại từ chối (càng thấp càng tốt).",
    ),
    (
        "wrong_answers",
        "Trả lời khi lẽ ra phải từ chối (số câu)",
        "Số câu hỏi ngoài tài liệu mà trợ lý vẫn trả lời (càng ít càng tốt).",
    ),
    ("false_refusals", "Từ chối sai (số câu)", "Số câu hỏi có trả lời mà trợ lý từ chối."),
    (
        "citation_validity",
        "Trích dẫn hợp lệ",
        "Tỉ lệ câu trả lời mà mọi số trích dẫn [1], [2]… đều trỏ tới một đoạn có thật.",
    ),
    ("answer_words_mean", "Độ dài câu trả lời (số từ)", "Số từ trung bình của một câu trả lời."),
    ("mcq_accuracy", "Trắc nghiệm: chọn đúng", "Tỉ lệ câu trắc nghiệm chọn đúng phương án."),
    (
        "mcq_wrong",
        "Trắc nghiệm: chọn sai",
        "Tỉ lệ câu trắc nghiệm trợ lý chọn một phương án sai (càng thấp càng tốt).",
    ),
    (
        "mcq_abstained",
        "Trắc nghiệm: không đủ căn cứ",
        "Tỉ lệ câu trắc nghiệm trợ lý không chọn vì tài liệu không đủ căn cứ.",
    ),
    (
        "rewrite_accuracy",
        "Hiểu đúng câu hỏi nối tiếp",
        "Tỉ lệ lượt hội thoại được viết lại (hoặc giữ nguyên) đúng như mong muốn.",
    ),
    ("outline_coverage", "Đề cương đủ ý", "Tỉ lệ ý bắt buộc có trong đề cương soạn ra."),
    (
        "outline_cited_passages_min",
        "Đề cương: số đoạn trích ít nhất",
        "Số đoạn tài liệu được trích ít nhất trong một đề cương.",
    ),
    (
        "outline_cited_documents_min",
        "Đề cương: số tài liệu trích ít nhất",
        "Số tài liệu khác nhau được trích ít nhất trong một đề cương.",
    ),
    ("outline_sections_present", "Đề cương đủ phần", "Tỉ lệ đề cương có đủ các phần cần có."),
    (
        "outline_recall",
        "Đề cương trích đủ quy định",
        "Tỉ lệ điều, khoản, mục cần trích (theo bộ đề cương mẫu) có trong đề cương soạn ra.",
    ),
    (
        "outline_on_topic",
        "Đề cương trích đúng chủ đề",
        "Tỉ lệ đoạn trích văn bản chỉ đạo nằm trong các điều, khoản, mục thuộc chủ đề.",
    ),
    (
        "outline_news_in_basis",
        "Tin bài trong phần quy định",
        "Số đoạn trích tin bài bị xếp vào phần quan điểm, quy định của Đảng (phải bằng 0).",
    ),
    ("outline_ms_p50", "Thời gian soạn đề cương, trung vị (mili giây)", "Một nửa số đề cương soạn nhanh hơn mức này."),
    ("total_ms_p50", "Thời gian trả lời, trung vị (mili giây)", f"Một nửa số câu nhanh hơn mức này; {LATENCY_NOTE}."),
    ("total_ms_p95", "Thời gian trả lời, 95% câu (mili giây)", f"95% số câu nhanh hơn mức này; {LATENCY_NOTE}."),
]
QUESTION_SET_LABELS = {
    "dev": "Bộ câu hỏi chính (tin bài)",
    "news_heldout": "Câu hỏi mới về tin bài",
    "guidance": "Văn bản hướng dẫn",
    "mcq": "Trắc nghiệm",
    "out_of_scope": "Ngoài phạm vi",
    "conversations": "Hội thoại",
    "outlines": "Đề cương sinh hoạt chuyên đề",
}
SPLIT_LABELS = {"tune": "Phần đã dùng để tinh chỉnh", "held": "Phần giữ lại (chưa từng dùng để tinh chỉnh)"}


def set_label(path: str) -> str:
    """A question set by its file: the bundled sets by name, any other file by its file name.

    >>> set_label("evals/questions/dev.jsonl"), set_label("/tmp/cau-hoi.jsonl")
    ('Bộ câu hỏi chính (tin bài)', 'cau-hoi.jsonl')
    """
    p = Path(path)
    return QUESTION_SET_LABELS.get(p.stem, p.name) if p.parent.name == "questions" else p.name


def config_label(name: str) -> str:
    """A configuration as the app and charts name it.

    >>> config_label("default"), config_label("custom:fusion=rrf")
    ('Mặc định (đang dùng)', 'Tuỳ chỉnh: fusion=rrf')
    """
    if name.startswith("custom:"):
        return "Tuỳ chỉnh: " + name.split(":", 1)[1]
    return CONFIG_LABELS.get(name, name)


def _fmt(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.3f}" if abs(v) < 10 else f"{v:.0f}"
    return str(v)


def markdown_table(report: dict) -> str:
    lines = ["| config | " + " | ".join(label for _, label in COLUMNS) + " |", "|---|" + "---|" * len(COLUMNS)]
    for name, data in report["configs"].items():
        m = data["metrics"]
        lines.append(f"| {name} | " + " | ".join(_fmt(m.get(k)) for k, _ in COLUMNS) + " |")
    return "\n".join(lines)


SPLIT_COLUMNS = [
    ("questions", "questions"),
    ("hit@1", "hit@1"),
    ("hit@5", "hit@5"),
    ("mrr@10", "MRR@10"),
    ("keyword_recall", "kw recall"),
    ("refusal_accuracy", "refusal acc"),
    ("false_refusals", "false refusals"),
    ("wrong_answers", "wrong answers"),
]


def split_markdown(report: dict) -> str:
    """The figures of each configuration with the tune and held halves side by side, each cell
    "tune / held": the table the README quotes. "" when the set has no held half."""
    rows = []
    for name, data in report["configs"].items():
        splits = data.get("splits") or {}
        tune, held = (splits.get(k, {}).get("metrics", splits.get(k, {})) for k in ("tune", "held"))
        if not held:
            continue
        cells = [f"{_fmt(tune.get(k))} / {_fmt(held.get(k))}" for k, _ in SPLIT_COLUMNS]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    if not rows:
        return ""
    head = "| config | " + " | ".join(f"{label} (tune / held)" for _, label in SPLIT_COLUMNS) + " |"
    return "\n".join(["## Tune and held halves", "", head, "|---|" + "---:|" * len(SPLIT_COLUMNS), *rows, ""])


MCQ_COLUMNS = [("questions", "questions"), ("accuracy", "accuracy"), ("wrong", "wrong"), ("abstained", "abstained")]


def _mcq_cell(cells: dict, key: str) -> str:
    """One figure as "all (tune / held)" when both halves are there, else the figure alone.

    >>> _mcq_cell({"all": {"accuracy": 0.75}, "tune": {"accuracy": 1.0}, "held": {"accuracy": 0.5}}, "accuracy")
    '0.750 (1.000 / 0.500)'
    >>> _mcq_cell({"all": {"questions": 3}, "tune": {"questions": 3}}, "questions")
    '3'
    """
    value = _fmt(cells["all"].get(key))
    if "tune" in cells and "held" in cells:
        return f"{value} ({_fmt(cells['tune'].get(key))} / {_fmt(cells['held'].get(key))})"
    return value


def _mcq_rows(first: str, named: dict) -> list[str]:
    lines = [
        f"| {first} | " + " | ".join(label for _, label in MCQ_COLUMNS) + " |",
        "|---|" + "---:|" * len(MCQ_COLUMNS),
    ]
    for name, cells in named.items():
        lines.append(f"| {name} | " + " | ".join(_mcq_cell(cells, k) for k, _ in MCQ_COLUMNS) + " |")
    return lines


def mcq_markdown(report: dict) -> str:
    """Multiple choice: accuracy, wrong (an option chosen, not the right one) and abstained for
    each configuration, then by the bank's heading and by kind of difficulty; cells read
    "all (tune / held)" when the set has both halves. "" when the set has no multiple choice."""
    summary: dict[str, dict] = {}
    for name, data in report["configs"].items():
        m = data["metrics"]
        if not m.get("mcq_questions"):
            continue
        cells = {"all": {"questions": m["mcq_questions"], "accuracy": m.get("mcq_accuracy"),
                         "wrong": m.get("mcq_wrong"), "abstained": m.get("mcq_abstained")}}  # fmt: skip
        for split, sm in (data.get("splits") or {}).items():
            sm = sm.get("metrics", sm)
            if sm.get("mcq_questions"):
                cells[split] = {"questions": sm["mcq_questions"], "accuracy": sm.get("mcq_accuracy"),
                                "wrong": sm.get("mcq_wrong"), "abstained": sm.get("mcq_abstained")}  # fmt: skip
        summary[name] = cells
    if not summary:
        return ""
    both = any("tune" in c and "held" in c for c in summary.values())
    md = ["## Multiple choice" + (": cells read all (tune / held)" if both else ""), ""]
    md += [*_mcq_rows("config", summary), ""]
    for name, data in report["configs"].items():
        breakdown = data.get("mcq_breakdown") or {}
        for by, label in (("heading", "heading"), ("kind", "kind of difficulty")):
            if breakdown.get(by):
                md += [f"### {name}: by {label}", ""]
                if by == "kind":
                    md += ["A question of several kinds counts under each.", ""]
                md += [*_mcq_rows(by, breakdown[by]), ""]
    return "\n".join(md).rstrip() + "\n"


def write_report(report: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    md = [
        f"# Evaluation: {report['questions_file']}",
        "",
        f"Index: `{report['index']}`" + (f" with extra folders {report['extra']}" if report["extra"] else ""),
        f"Run: {report['created']}",
        "",
        markdown_table(report),
        "",
    ]
    if report.get("problems"):
        md += [
            "Question file problems (lines skipped, bank questions to check):",
            *[f"- {p}" for p in report["problems"]],
            "",
        ]
    halves = split_markdown(report)
    if halves:
        md += [halves]
    mcq = mcq_markdown(report)
    if mcq:
        md += [mcq]
    outlines = outline_markdown(report)
    if outlines:
        md += [outlines]
    for name, data in report["configs"].items():
        missed = [
            q
            for q in data["questions"]
            if q["type"] != "outline"
            and (q["first_hit_rank"] is None and q["type"] != "out_of_scope" and not q["should_refuse"])
            or q["refused"] != q["should_refuse"]
            or (q["keyword_recall"] is not None and q["keyword_recall"] < 1)
        ]
        md.append(f"## {name}: {len(missed)} question(s) missed")
        for q in missed:
            why = []
            if q["first_hit_rank"] is None and not q["should_refuse"] and q["type"] != "out_of_scope":
                why.append("no evidence in top 10")
            elif q["first_hit_rank"] and q["first_hit_rank"] > 1:
                why.append(f"evidence at rank {q['first_hit_rank']}")
            if q["refused"] != q["should_refuse"]:
                why.append("refused" if q["refused"] else "not refused")
            if q["keyword_recall"] is not None and q["keyword_recall"] < 1:
                why.append(f"keyword recall {q['keyword_recall']:.2f}")
            md.append(f"- `{q['id']}` {q['question']} — {'; '.join(why)}")
        md.append("")
    md += ["![hit@k](hit_at_k.png)", "", "![latency](latency.png)", ""]
    (out / "report.md").write_text("\n".join(md), encoding="utf-8")
    charts(report, out)


def outline_markdown(report: dict) -> str:
    """Outline sets judged against gold provisions: one row per configuration with the tune and
    held cells side by side (the README's outline table is this table), then per topic what was
    not quoted and what was quoted off the topic."""
    rows, details = [], []
    for name, data in report["configs"].items():
        gold = [
            q
            for q in data["questions"]
            if q["type"] == "outline" and (q.get("outline") or {}).get("recall") is not None
        ]
        if not gold:
            continue

        def cell(key: str, split: str, qs=gold) -> str:
            vals = [q["outline"][key] for q in qs if q["split"] == split and q["outline"].get(key) is not None]
            return f"{sum(vals) / len(vals):.3f}" if vals else "–"

        quotes = [q["outline"].get("official_quotes", 0) for q in gold]
        times = sorted(q["outline"]["ms"] for q in gold if q["outline"].get("ms") is not None)
        p50 = f"{times[len(times) // 2]:.0f}" if times else "–"
        news = sum(q["outline"]["news_in_basis"] for q in gold)
        rows.append(
            f"| {name} | {cell('recall', 'tune')} | {cell('recall', 'held')} | {cell('on_topic', 'tune')} | "
            f"{cell('on_topic', 'held')} | {cell('charter_recall', 'tune')} / {cell('charter_recall', 'held')} | "
            f"{cell('charter_articles', 'tune')} / {cell('charter_articles', 'held')} | "
            f"{news} | {sum(quotes) / len(quotes):.1f} | {p50} |"
        )
        details.append(f"### {name}: provisions not quoted, quotations off the topic")
        for q in gold:
            o = q["outline"]
            if o.get("missed") or o.get("off_topic"):
                details.append(
                    f"- `{q['id']}` ({q['split']}) {q['question']} — not quoted: {', '.join(o.get('missed') or []) or 'none'}; "
                    f"off topic: {len(o.get('off_topic') or [])}"
                )
        details.append("")
    if not rows:
        return ""
    head = [
        "## Outlines against gold provisions (tune / held)",
        "",
        "| config | recall tune | recall held | on topic tune | on topic held | Charter recall tune / held "
        "| Charter articles tune / held | news in basis | official quotes / outline | p50 ms |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    return "\n".join(head + rows + [""] + details)


def charts(report: dict, out: Path) -> None:
    """hit_at_k.png and latency.png, labelled in Vietnamese (configurations by `config_label`)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ks = [1, 3, 5, 10]
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=110)
    for name, data in report["configs"].items():
        m = data["metrics"]
        ax.plot(ks, [m.get(f"hit@{k}") or 0 for k in ks], marker="o", label=config_label(name))
    ax.set_xlabel("Số đoạn đầu được xét")
    ax.set_ylabel("Tỉ lệ câu hỏi tìm được đoạn đúng")
    ax.set_xticks(ks)
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.set_title("Tỉ lệ tìm đúng trong 1, 3, 5, 10 đoạn đầu, theo cấu hình")
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(out / "hit_at_k.png")
    plt.close(fig)

    names = list(report["configs"])
    fig, ax = plt.subplots(figsize=(7, 4.8), dpi=110)
    width = 0.38
    stages = {"retrieve": "Tìm đoạn", "answer": "Soạn câu trả lời"}
    for i, (stage, label) in enumerate(stages.items()):
        p50 = [report["configs"][n]["metrics"].get(f"{stage}_ms_p50") or 0 for n in names]
        p95 = [report["configs"][n]["metrics"].get(f"{stage}_ms_p95") or 0 for n in names]
        xs = [x + (i - 0.5) * width for x in range(len(names))]
        ax.bar(xs, p50, width, label=f"{label}: trung vị")
        ax.scatter(
            xs,
            p95,
            marker="_",
            s=200,
            color="black",
            zorder=3,
            label="95% số câu nhanh hơn mức này" if i == 0 else None,
        )
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels([config_label(n) for n in names], rotation=20, ha="right", fontsize=8)
    ax.set_ylabel("mili giây")
    ax.set_title(f"Thời gian mỗi câu hỏi theo bước\n({LATENCY_NOTE})", fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "latency.png")
    plt.close(fig)


def history_chart(runs: list[dict]):
    """MRR@10 and hit@5 of each configuration over evaluation runs (rows of `TurnLog.eval_runs`,
    newest first), as a matplotlib figure; runs of different question sets are marked apart."""
    import json
    import time

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = sorted(runs, key=lambda r: r["id"])
    fig, axes = plt.subplots(2, 1, figsize=(7, 5.6), dpi=110, sharex=True)
    series: dict[str, dict[str, list]] = {}
    for x, run in enumerate(runs):
        for name, m in json.loads(run["metrics"]).items():
            for key in ("mrr@10", "hit@5"):
                if m.get(key) is not None:
                    series.setdefault(key, {}).setdefault(name, []).append((x, m[key]))
    for ax, (key, title) in zip(
        axes, (("mrr@10", "MRR@10 (thứ hạng trung bình)"), ("hit@5", "Tìm đúng trong 5 đoạn đầu"))
    ):
        for name, points in sorted(series.get(key, {}).items()):
            ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=config_label(name))
        ax.set_ylim(0, 1.02)
        ax.set_ylabel(title, fontsize=9)
        ax.grid(alpha=0.3)
    labels = [
        f"#{r['id']}\n{time.strftime('%d/%m %H:%M', time.localtime(r['created']))}\n{set_label(r['questions'])}"
        for r in runs
    ]
    axes[-1].set_xticks(range(len(runs)))
    axes[-1].set_xticklabels(labels, fontsize=7)
    axes[-1].set_xlabel("Lần đánh giá (số, thời gian, bộ câu hỏi)")
    axes[0].set_title("Kết quả qua các lần đánh giá")
    axes[0].legend(fontsize=7, loc="lower left")
    fig.tight_layout()
    return fig
