import pytest

from ingest.config import CORPUS_DIR, REPO_ROOT

APP = str(REPO_ROOT / "ui" / "app.py")


@pytest.fixture
def app_home(settings, monkeypatch):
    """A writable index of the bundled corpus in this test's CHIBO_HOME (vectors come from the cache)."""
    import streamlit as st

    from ingest.pipeline import ingest

    ingest([CORPUS_DIR], settings)
    st.cache_resource.clear()  # the app caches its assistant per process
    monkeypatch.delenv("CHIBO_PASSWORD", raising=False)
    monkeypatch.delenv("CHIBO_ADMIN_PASSWORD", raising=False)
    return settings


@pytest.fixture
def app(app_home):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    return at
