import pytest

from ingest.settings import CORPUS_DIR, REPO_ROOT

APP = str(REPO_ROOT / "ui" / "app.py")


@pytest.fixture(autouse=True)
def streamlit_options_as_served():
    """AppTest runs the pages with the options `chibo ui` serves them with (no magic: see
    ui.serve.OPTIONS), not Streamlit's defaults."""
    from streamlit import config

    from ui.serve import OPTIONS

    before = config.get_option("runner.magicEnabled")
    config.set_option("runner.magicEnabled", OPTIONS["runner.magicEnabled"])
    yield
    config.set_option("runner.magicEnabled", before)


@pytest.fixture
def app_home(settings, monkeypatch):
    """A writable index of the bundled corpus in this test's CHIBO_HOME (vectors come from the cache)."""
    import streamlit as st

    from ingest.pipeline import ingest

    ingest([CORPUS_DIR], settings)
    st.cache_resource.clear()
    monkeypatch.delenv("CHIBO_PASSWORD", raising=False)
    monkeypatch.delenv("CHIBO_ADMIN_PASSWORD", raising=False)
    return settings


@pytest.fixture
def app(app_home):
    from streamlit.testing.v1 import AppTest

    from ui.common import wait_assistant

    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    # The app started loading the assistant on a thread; let it finish before a test opens other
    # pages (CPython 3.11's AST conversion is not thread-safe: see ui.serve._warm_once_listening).
    wait_assistant()
    return at
