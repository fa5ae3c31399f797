"""Start the app and a headless browser: shared by `chibo ui`, the browser test and screenshots."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from ingest.settings import REPO_ROOT, Settings, child_environment

APP = REPO_ROOT / "ui" / "app.py"

# Streamlit options, as `streamlit run` flags and as the in-process bootstrap's flag options.
OPTIONS = {
    "server.headless": True,
    "browser.gatherUsageStats": False,
    "client.toolbarMode": "viewer",
    "server.maxUploadSize": 20,
    "server.fileWatcherType": "none",
    "server.runOnSave": False,
    # Magic parses each page with `ast` on the session's thread, which CPython 3.11 does not make
    # thread-safe against another thread's parse ("AST constructor recursion depth mismatch" when
    # a page first opens while the warm-up thread imports). The pages call st.* explicitly.
    "runner.magicEnabled": False,
}


def streamlit_command(port: int, host: str = "127.0.0.1") -> list[str]:
    """`streamlit run` in a child process (for a plain Streamlit deployment; `chibo ui` runs in-process)."""
    command = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port)]
    command += ["--server.address", host]
    for key, value in OPTIONS.items():
        command += [f"--{key}", str(value).lower() if isinstance(value, bool) else str(value)]
    return command


def run(settings: Settings) -> int:
    """`chibo ui`: Streamlit runs in this process, with a thread that loads the index and models
    into the assistant registry the app reads as soon as the server listens, so the first
    question does not wait for them.

    One process: a service manager's SIGTERM or a Ctrl-C reaches Streamlit's own signal handler,
    which stops the server; no child process is left to keep the port (the warm-up thread is a
    daemon)."""
    from streamlit import config as st_config
    from streamlit.web import bootstrap

    from ui import common

    common.use_settings(settings)  # flags (--index, --backend…) reach the app, not only the environment
    print("Đang nạp mô hình tách từ tiếng Việt…", flush=True)
    preload()
    print(f"Mở trình duyệt tại http://{settings.host}:{settings.port}", flush=True)
    threading.Thread(target=_warm_once_listening, args=(settings,), name="chibo-warm-start", daemon=True).start()
    flags = {**OPTIONS, "server.port": settings.port, "server.address": settings.host}
    # `streamlit run` sets the script path before reading its config (secrets live beside it).
    st_config._main_script_path = str(APP)
    flag_options = {k.replace(".", "_"): v for k, v in flags.items()}
    bootstrap.load_config_options(flag_options=flag_options)
    bootstrap.run(str(APP), False, [], flag_options=flag_options)
    return 0


def preload() -> None:
    """What the pages import and Vietnamese word segmentation (underthesea), loaded on this thread
    before the server listens.

    Done later on the warm-up thread, those imports held the interpreter while the first visitor's
    page rendered (a blank page for 4 s on a busy machine), and they parse Python source with
    `ast`, which CPython 3.11 does not make thread-safe (see `_warm_once_listening`)."""
    import assistant.answer  # noqa: F401
    import assistant.llm  # noqa: F401
    import assistant.service  # noqa: F401
    import ingest.documents  # noqa: F401
    from ingest.textnorm import words

    words("khởi động")


def _warm_once_listening(settings: Settings, timeout: float = 120) -> None:
    """Once the server accepts connections: compile the app's pages, then load the index and
    models. Loading first would hold the interpreter (imports, model files) while the server is
    still starting; a page opened before loading ends shows how long it has waited.

    The pages are compiled here, before loading, because CPython 3.11's AST conversion is not
    thread-safe: numpy reading BM25 arrays and torch's imports parse Python text with `ast`, and
    beside Streamlit compiling a page on a first visit one of them failed with "AST constructor
    recursion depth mismatch". Streamlit compiles each page once and keeps it."""
    from ui import common

    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection((host, settings.port), timeout=1):
                break
        except OSError:
            time.sleep(0.1)
    try:
        from streamlit.runtime import Runtime

        cache = Runtime.instance()._script_cache
        for script in [APP, *sorted((APP.parent / "views").glob("*.py"))]:
            cache.get_bytecode(str(script))
    except Exception:  # a page that does not compile is reported when it is opened
        pass
    common.start_warm(reason="start")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chibo_ui_command(port: int) -> list[str]:
    """`chibo ui` on a loopback port, as a user starts it."""
    return [sys.executable, "-m", "assistant.cli", "ui", "--port", str(port), "--host", "127.0.0.1"]


def wait_healthy(url: str, proc: subprocess.Popen | None = None, timeout: float = 90) -> None:
    import httpx

    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the app exited with status {proc.returncode} before answering on {url}")
        try:
            if httpx.get(url + "/_stcore/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the app did not start on {url}")


def start(port: int, env: dict | None = None, log: Path | None = None, cwd: Path | None = None):
    """`chibo ui` in a child process on loopback; returns (process, url) once it answers health checks."""
    out = open(log, "w") if log else subprocess.DEVNULL
    env = dict(child_environment() if env is None else env)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH")) if p)
    proc = subprocess.Popen(chibo_ui_command(port), env=env, stdout=out, stderr=subprocess.STDOUT, cwd=cwd)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
    except RuntimeError:
        proc.kill()
        proc.wait(timeout=10)
        raise
    return proc, url


def stop(proc: subprocess.Popen, timeout: float = 20) -> None:
    """SIGTERM, as a service manager stops it; SIGKILL only if it does not stop in time."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def chromium(width: int, height: int):
    """Debian's headless Chromium through Selenium (no browser download)."""
    import shutil

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--window-size={width},{height}",
        "--lang=vi",
    ):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=opts)
    # --window-size sets the outer window; the page must get the full width and height asked for.
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    return driver
