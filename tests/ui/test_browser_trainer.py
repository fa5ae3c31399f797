"""A trainer's outline in a real headless Chromium, at desktop and phone widths: draft, click a
quotation to edit it in place, remove another, take the removal back, remove it again, download
the Word file and read it back."""

from __future__ import annotations

import io
import os
import shutil
import time

import docx
import pytest

from tests.ui.browser import SIZES, App, assert_vietnamese, browser, text_present

TOPIC = "Phát triển đảng viên ở chi bộ thôn, tổ dân phố"
MINE = "Chi bộ chú trọng bồi dưỡng quần chúng ưu tú."


def _items(d, key: str) -> list:
    from selenium.webdriver.common.by import By

    return d.find_elements(By.CSS_SELECTOR, f"[class*='st-key-oi-{key}'] button")


def _click(d, element) -> None:
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    time.sleep(0.3)
    element.click()


def _button(d, label: str):
    from selenium.webdriver.common.by import By

    return d.find_element(By.XPATH, f"//button[normalize-space(.)='{label}' or .//p[normalize-space(.)='{label}']]")


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SIZES))
def test_a_trainer_edits_and_downloads_an_outline(app_home, tmp_path, name):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    width, height = SIZES[name]
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with App(app_home.home, tmp_path / "streamlit.log") as app:
        d = browser(width, height)
        try:
            d.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
            wait = WebDriverWait(d, 240)
            d.get(app.url + "/de_cuong")
            topic = wait.until(
                EC.element_to_be_clickable((By.XPATH, "//input[@aria-label='Chủ đề sinh hoạt chuyên đề']"))
            )
            topic.send_keys(TOPIC)
            d.find_element(By.XPATH, "//input[@aria-label='Tên chi bộ']").send_keys("Chi bộ thôn Đông")
            _click(d, _button(d, "Soạn đề cương"))
            wait.until(EC.presence_of_element_located((By.XPATH, "//button[contains(., 'Tải về Word')]")))
            wait.until(lambda d: len(_items(d, "experience")) >= 3)
            assert_vietnamese(d, "Soạn đề cương, đề cương đã soạn")
            assert not d.find_elements(By.TAG_NAME, "textarea")  # no text boxes until an item is clicked

            # a quotation opens in a text area that shows all of it, no scrolling inside
            first, second = _items(d, "experience")[:2]
            second_text = second.text.split("”")[0].lstrip("- “")[:60]
            _click(d, first)
            area = wait.until(EC.visibility_of_element_located((By.TAG_NAME, "textarea")))
            client, scroll = d.execute_script("return [arguments[0].clientHeight, arguments[0].scrollHeight]", area)
            assert scroll <= client + 2, (client, scroll)
            area.send_keys("\ue009a")  # Ctrl+A
            area.send_keys("\ue017")  # Delete
            area.send_keys(MINE)
            _click(d, _button(d, "Lưu"))
            wait.until(text_present(f"{MINE} (tham khảo ["))
            assert not d.find_elements(By.TAG_NAME, "textarea")

            # remove another one: it disappears, an undo appears where it was
            second = next(b for b in _items(d, "experience") if second_text in b.text)
            _click(d, second)
            _click(d, wait.until(EC.element_to_be_clickable((By.XPATH, "//button[contains(., 'Bỏ ý này')]"))))
            wait.until(lambda d: second_text not in d.execute_script("return document.body.innerText"))
            undo = wait.until(EC.element_to_be_clickable((By.XPATH, "//button[contains(., 'Đã bỏ một ý')]")))
            _click(d, undo)
            wait.until(text_present(second_text))
            second = next(b for b in _items(d, "experience") if second_text in b.text)
            _click(d, second)
            _click(d, wait.until(EC.element_to_be_clickable((By.XPATH, "//button[contains(., 'Bỏ ý này')]"))))
            wait.until(lambda d: second_text not in d.execute_script("return document.body.innerText"))
            time.sleep(1)
            shot = tmp_path / f"de-cuong-editor-{name}.png"
            d.save_screenshot(str(shot))

            # the Word file is the outline on the screen
            _click(d, d.find_element(By.XPATH, "//button[contains(., 'Tải về Word')]"))
            deadline = time.time() + 60
            files = []
            while time.time() < deadline:
                files = [p for p in downloads.glob("*.docx")]
                if files and not list(downloads.glob("*.crdownload")):
                    break
                time.sleep(0.5)
            assert files, "no Word file was downloaded"
            doc = docx.Document(io.BytesIO(files[0].read_bytes()))
            text = "\n".join(p.text for p in doc.paragraphs)
            assert f"{MINE} (tham khảo [" in text
            assert second_text not in text
            assert doc.tables[0].rows[0].cells[0].paragraphs[1].text == "CHI BỘ THÔN ĐÔNG"
            assert "SINH HOẠT CHUYÊN ĐỀ: PHÁT TRIỂN ĐẢNG VIÊN Ở CHI BỘ THÔN, TỔ DÂN PHỐ" in text
            keep = os.environ.get("CHIBO_SCREENSHOTS")
            if keep:
                os.makedirs(keep, exist_ok=True)
                shutil.copy(shot, keep)
        finally:
            d.quit()
