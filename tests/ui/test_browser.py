"""End to end in a real headless Chromium against `streamlit run` on a loopback port."""

import os
import shutil
import time

import pytest

from ui.serve import chromium, free_port, start


@pytest.fixture
def server(app_home, tmp_path):
    env = {**os.environ, "CHIBO_HOME": str(app_home.home)}
    proc, url = start(free_port(), env=env, log=tmp_path / "streamlit.log", cwd=tmp_path)
    yield url
    proc.terminate()
    proc.wait(timeout=20)


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
        title = "Đảng bộ thành phố Vĩnh Yên đổi mới, nâng cao chất lượng sinh hoạt chi bộ"
        summary = (By.XPATH, "//details//summary[contains(., 'Nguồn')]")
        for _ in range(4):  # the app may re-render the answer while the first click lands
            wait.until(EC.element_to_be_clickable(summary)).click()
            try:
                WebDriverWait(driver, 10).until(EC.text_to_be_present_in_element((By.TAG_NAME, "body"), title))
                break
            except Exception:
                continue
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
