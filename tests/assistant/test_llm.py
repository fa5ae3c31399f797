"""The registry of answer backends: one list, chosen by id, a clear error otherwise."""

from __future__ import annotations

import pytest

from assistant.llm import BACKENDS, get_backend
from ingest.errors import UnknownBackendError
from ingest.settings import Settings


def test_extractive_needs_no_model_and_others_take_settings():
    assert get_backend("extractive") is None
    backend = get_backend("openai-compatible", Settings(llm_base_url="http://h:1/v1", llm_model="m"))
    assert (backend.base_url, backend.model_name) == ("http://h:1/v1", "m")
    assert get_backend("openai-compatible", Settings(llm_model="m"), model="n").model_name == "n"  # option wins
    assert get_backend("llamacpp", Settings(llamacpp_model="/x.gguf")).model_path == "/x.gguf"


def test_every_backend_has_a_vietnamese_label_and_unknown_ids_list_them():
    assert list(BACKENDS) == ["extractive", "openai-compatible", "llamacpp"]
    assert all(b.label for b in BACKENDS.values())
    with pytest.raises(UnknownBackendError, match="extractive, openai-compatible, llamacpp"):
        get_backend("gpt")
