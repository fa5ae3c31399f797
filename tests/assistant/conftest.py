"""Fixtures shared by the assistant tests: one warmed assistant and retriever per module."""

from __future__ import annotations

import pytest

from assistant.retrieval import Retriever
from assistant.service import Assistant


@pytest.fixture(scope="module")
def assistant(corpus_index):
    a = Assistant(corpus_index)
    a.warm()
    return a


@pytest.fixture(scope="module")
def retriever(corpus_index):
    r = Retriever(corpus_index)
    r.warm()
    return r
