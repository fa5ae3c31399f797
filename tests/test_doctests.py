"""The examples in docstrings run: every source module with a `>>>` example is doctested."""

from __future__ import annotations

import doctest
import importlib

import pytest

from tests.test_architecture import MODULES

WITH_EXAMPLES = sorted(name for name, path in MODULES.items() if ">>> " in path.read_text(encoding="utf-8"))


def test_the_modules_with_examples_are_found():
    assert {"ingest.textnorm", "ingest.docnumbers", "assistant.query", "assistant.conversation"} <= set(WITH_EXAMPLES)


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
