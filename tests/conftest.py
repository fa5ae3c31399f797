"""Shared fixtures: every test gets its own CHIBO_HOME; embeddings are cached per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ingest.settings import CORPUS_DIR, Settings

SEEDS = sorted(CORPUS_DIR.glob("*.txt"))


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory) -> Path:
    """One vector cache for the session, so the real embedder runs once per text."""
    return tmp_path_factory.mktemp("vector-cache")


@pytest.fixture(autouse=True)
def chibo_home(tmp_path, shared_cache, monkeypatch) -> Path:
    """Point CHIBO_HOME at tmp_path: tests never write to the user's home or the repo."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "cache").symlink_to(shared_cache, target_is_directory=True)
    monkeypatch.setenv("CHIBO_HOME", str(home))
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("CHIBO_CHROMA_URL", raising=False)
    monkeypatch.delenv("CHIBO_EMBEDDER", raising=False)
    return home


@pytest.fixture
def settings(chibo_home) -> Settings:
    return Settings(home=chibo_home)


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the bundled corpus (documents and manifest)."""
    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, dst)
    return dst


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory, shared_cache) -> Settings:
    """The bundled corpus ingested once per session (read-only for the tests that use it)."""
    from ingest.pipeline import ingest

    home = tmp_path_factory.mktemp("corpus-home")
    (home / "cache").symlink_to(shared_cache, target_is_directory=True)
    settings = Settings(home=home)
    old = os.environ.get("CHIBO_HOME")
    report = ingest([CORPUS_DIR], settings)
    assert not report.failed, report.failed
    if old is not None:
        os.environ["CHIBO_HOME"] = old
    return settings


@pytest.fixture(scope="session")
def guidance_index(tmp_path_factory, shared_cache) -> Settings:
    """The bundled corpus and the official texts of ../shared/guidance, ingested once per session
    (read from that folder: third-party material is never copied into the repository)."""
    from ingest.pipeline import ingest
    from tests.guidance import GUIDANCE

    if not GUIDANCE.exists():
        pytest.skip(f"the guidance texts are not at {GUIDANCE}")
    home = tmp_path_factory.mktemp("guidance-home")
    (home / "cache").symlink_to(shared_cache, target_is_directory=True)
    settings = Settings(home=home)
    report = ingest([CORPUS_DIR, GUIDANCE], settings)
    assert not report.failed, report.failed
    return settings
