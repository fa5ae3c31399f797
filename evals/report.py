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
    ("total_ms_p50", "p50 ms"),
    ("total_ms_p95", "p95 ms"),
]


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
        md += ["Malformed question lines (skipped):", *[f"- {p}" for p in report["problems"]], ""]
    for name, data in report["configs"].items():
        missed = [
            q
            for q in data["questions"]
            if (q["first_hit_rank"] is None and q["type"] != "out_of_scope" and not q["should_refuse"])
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


def charts(report: dict, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ks = [1, 3, 5, 10]
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=110)
    for name, data in report["configs"].items():
        m = data["metrics"]
        ax.plot(ks, [m.get(f"hit@{k}") or 0 for k in ks], marker="o", label=name)
    ax.set_xlabel("k")
    ax.set_ylabel("hit@k")
    ax.set_xticks(ks)
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.set_title("hit@k per configuration")
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(out / "hit_at_k.png")
    plt.close(fig)

    names = list(report["configs"])
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=110)
    width = 0.38
    for i, stage in enumerate(("retrieve", "answer")):
        p50 = [report["configs"][n]["metrics"].get(f"{stage}_ms_p50") or 0 for n in names]
        p95 = [report["configs"][n]["metrics"].get(f"{stage}_ms_p95") or 0 for n in names]
        xs = [x + (i - 0.5) * width for x in range(len(names))]
        ax.bar(xs, p50, width, label=f"{stage} p50")
        ax.scatter(xs, p95, marker="_", s=200, color="black", zorder=3, label=f"{stage} p95" if i == 0 else None)
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels(names, rotation=25, ha="right", fontsize=8)
    ax.set_ylabel("ms")
    ax.set_title("latency per stage (bars p50, marks p95)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "latency.png")
    plt.close(fig)
