"""The load test."""

from __future__ import annotations

import pytest

from evals import load


@pytest.mark.slow
def test_load_test_concurrent_clients_lose_no_log_rows(corpus_index):
    result = load.run(corpus_index, clients=4, seconds=4)
    assert result["requests"] > 4 and result["errors"] == 0, result["error_samples"]
    assert result["lost_log_rows"] == 0 and result["distinct_turn_ids"] == result["requests"]
