"""Print the refusal signals (evidence coverage, dense similarity) of every question in a set,
so the thresholds in `Settings.gates` (`assistant/gates`) can be placed between answerable and out-of-scope
questions: `python -m evals.calibrate evals/questions/dev.jsonl [--index DIR]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.service import Assistant
from evals.questions import load_questions
from ingest.settings import Settings


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("questions", type=Path)
    p.add_argument("--index", type=Path)
    args = p.parse_args()
    settings = Settings.from_env().with_(index_dir=args.index)
    assistant = Assistant(settings, log=False)
    questions, _ = load_questions(args.questions)
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


if __name__ == "__main__":
    main()
