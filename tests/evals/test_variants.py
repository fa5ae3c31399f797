"""Question variations."""

from __future__ import annotations

from evals import variants


def test_queries_are_distinct_variations_of_the_dev_set():
    qs = variants.queries()
    assert len(qs) >= 200 and len({q["text"] for q in qs}) == len(qs)
    assert any(q["refuse"] for q in qs) and all(q["evidence"] for q in qs if not q["refuse"])
