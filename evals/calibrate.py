"""Calibration printouts for the named settings.

- Refusal (`Settings.gates`): the refusal signals (evidence coverage, dense similarity) of every
  question in a set, so the thresholds can be placed between answerable and out-of-scope
  questions: `python -m evals.calibrate evals/questions/dev.jsonl [--index DIR]`.
- Quoting (`Settings.scoring`): each weight of a sentence's score set to 0 in turn, the other
  weights kept, and what the answers lose (keyword recall, words), tune and held halves apart;
  every question is retrieved and gated once, then composed once per variant:
  `python -m evals.calibrate --scoring evals/questions/guidance.jsonl [--index DIR]`.
"""

from __future__ import annotations

import argparse
from dataclasses import fields, replace
from pathlib import Path

from assistant.answer import answer
from assistant.service import Assistant
from evals import metrics as M
from evals.questions import load_questions
from ingest.settings import ScoringSettings, Settings

# what a weight is measured against: the thresholds that keep sentences, not weights of the score
_NOT_ABLATED = {"subject_min_context", "keep", "keep_list"}


def refusal_rows(assistant: Assistant, questions) -> None:
    rows = []
    for q in questions:
        if q.type == "outline":
            continue
        turn = assistant.ask(q.text)
        ev = turn.answer.evidence
        rows.append((q.should_refuse, ev["coverage"], ev["dense"], ev["dense_margin"], q.id, turn.answer.refused))
    print(f"noise floor (off-topic probes): {assistant.gate.floor.value():.3f}")
    for r in sorted(rows, key=lambda r: (r[0], r[1])):
        print(
            f"{'OOS' if r[0] else 'in '} coverage {r[1]:.3f} dense {r[2]:.3f} margin {r[3]:+.3f} {r[4]} refused={r[5]}"
        )


def prepared(assistant: Assistant, questions) -> list[tuple]:
    """(question, query, hits, idf, verdict, implementing candidates) of every answerable
    question with gold keywords: the part of answering that no scoring weight changes."""
    lib = assistant.library
    out = []
    for item in questions:
        if item.type in ("outline", "mcq") or not item.answer_must_include or not item.text:
            continue
        retrieved = assistant.retriever.run(item.text)
        q, hits = retrieved.query, retrieved.hits
        idf = lib.question_idf(q)
        verdict = assistant.gate.check(q, hits, idf)
        if verdict.answerable:
            out.append((item, q, hits, idf, verdict, assistant._implementing_candidates(q, hits)))
    return out


def scoring_table(assistant: Assistant, questions, base: ScoringSettings | None = None) -> list[str]:
    """Markdown rows: keyword recall and mean words, tune / held, with each weight set to 0."""
    base = base or ScoringSettings()
    items = prepared(assistant, questions)
    variants = [("as set", base)] + [
        (f"{f.name} = 0 (is {getattr(base, f.name)})", replace(base, **{f.name: 0.0}))
        for f in fields(base)
        if f.name not in _NOT_ABLATED
    ]
    halves = {"tune": [x for x in items if x[0].split == "tune"], "held": [x for x in items if x[0].split != "tune"]}
    rows = [
        f"| variant | kw recall tune ({len(halves['tune'])}) | kw recall held ({len(halves['held'])}) | words tune | words held |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, scoring in variants:
        cells = []
        for part in ("tune", "held"):
            recall, words = [], []
            for item, q, hits, idf, verdict, implementing in halves[part]:
                result = answer(q, hits, idf, verdict, candidates=implementing, scoring=scoring)
                recall.append(0.0 if result.refused else M.keyword_recall(result.body, item.answer_must_include))
                words.append(M.answer_words(result.body))
            cells.append((M.mean(recall), M.mean(words)))
        fmt = lambda v, d: "–" if v is None else f"{v:.{d}f}"  # noqa: E731
        rows.append(
            f"| {name} | {fmt(cells[0][0], 3)} | {fmt(cells[1][0], 3)} | {fmt(cells[0][1], 0)} | {fmt(cells[1][1], 0)} |"
        )
    return rows


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("questions", type=Path, nargs="+")
    p.add_argument("--index", type=Path)
    p.add_argument("--scoring", action="store_true", help="ablate the quoting weights (Settings.scoring)")
    args = p.parse_args()
    settings = Settings.from_env().with_(index_dir=args.index)
    assistant = Assistant(settings, log=False)
    questions = [q for path in args.questions for q in load_questions(path)[0]]
    if args.scoring:
        print("\n".join(scoring_table(assistant, questions, settings.scoring)))
    else:
        refusal_rows(assistant, questions)


if __name__ == "__main__":
    main()
