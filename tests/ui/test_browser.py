"""End to end in a real headless Chromium against `streamlit run` on a loopback port."""

import os
import shutil
import socket
import subprocess
import sys
import time

import pytest

from ingest.config import REPO_ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(app_home, tmp_path):
    port = _free_port()
    env = {**os.environ, "CHIBO_HOME": str(app_home.home)}
    log = open(tmp_path / "streamlit.log", "w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO_ROOT / "ui" / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
    )
    import httpx

    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.5)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=20)


def chromium(width: int, height: int):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary = shutil.which("chromium") or "/usr/bin/chromium"
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
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
    return webdriver.Chrome(service=Service(driver_path), options=opts)


@pytest.mark.slow
@pytest.mark.parametrize("width, height, name", [(1366, 900, "desktop"), (390, 844, "phone")])
def test_ask_in_a_real_browser(server, tmp_path, width, height, name):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    driver = chromium(width, height)
    try:
        driver.get(server)
        wait = WebDriverWait(driver, 120)
        box = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']")))
        box.send_keys("Tổ công tác của Thành ủy Vĩnh Yên dự sinh hoạt chi bộ bao lâu một lần?")
        box.send_keys(Keys.ENTER)
        expander = wait.until(EC.element_to_be_clickable((By.XPATH, "//details//summary[contains(., 'Nguồn')]")))
        expander.click()
        wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "body"), "mỗi tháng 1 lần"))
        body = driver.find_element(By.TAG_NAME, "body").text
        assert "Đảng bộ thành phố Vĩnh Yên đổi mới, nâng cao chất lượng sinh hoạt chi bộ" in body
        assert "dự sinh hoạt chi bộ dưới Đảng bộ cơ sở mỗi tháng 1 lần" in body  # the cited passage
        time.sleep(1)
        shot = tmp_path / f"hoi-dap-{name}.png"
        driver.save_screenshot(str(shot))
        assert shot.stat().st_size > 10_000
        keep = os.environ.get("CHIBO_SCREENSHOTS")
        if keep:
            os.makedirs(keep, exist_ok=True)
            shutil.copy(shot, keep)
    finally:
        driver.quit()
