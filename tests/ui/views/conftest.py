"""Page tests through AppTest over the bundled corpus and the official texts."""

from __future__ import annotations

import pytest

from ingest.settings import Settings


@pytest.fixture
def home(guidance_index, chibo_home, monkeypatch):
    """The official texts' index, read in place; the app's own state in this test's home."""
    from ui import common

    monkeypatch.delenv("CHIBO_PASSWORD", raising=False)
    monkeypatch.delenv("CHIBO_ADMIN_PASSWORD", raising=False)
    settings = Settings(home=chibo_home, index_dir=guidance_index.index)
    common.use_settings(settings)
    yield settings
    common.use_settings(None)
