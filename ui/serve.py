"""Start the app and a headless browser: shared by `chibo ui`, the browser test and screenshots."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

from ingest.config import REPO_ROOT

APP = REPO_ROOT / "ui" / "app.py"


def streamlit_command(port: int, host: str = "127.0.0.1") -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.port",
        str(port),
        "--server.address",
        host,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "viewer",
        "--server.maxUploadSize",
        "20",
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(port: int, env: dict | None = None, log: Path | None = None, cwd: Path | None = None):
    """A `streamlit run` process on loopback; returns (process, url) once it answers health checks."""
    import httpx

    out = open(log, "w") if log else subprocess.DEVNULL
    proc = subprocess.Popen(streamlit_command(port), env=env, stdout=out, stderr=subprocess.STDOUT, cwd=cwd)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            if httpx.get(url + "/_stcore/health", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError(f"streamlit did not start on {url}")


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
        f"--window-size={width},{height}",
        "--lang=vi",
    ):
        opts.add_argument(arg)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=opts)
