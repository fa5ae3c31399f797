"""Screenshots of every page at desktop and phone widths: `python -m ui.screenshots OUTDIR`.

Starts `streamlit run` on a loopback port against $CHIBO_HOME's index, drives headless Chromium
(Debian's chromium + chromedriver), asks a question and drafts an outline so the pages show
real content, and writes one PNG per page and width.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from ui.serve import chromium, free_port, start

SIZES = {"desktop": (1366, 1000), "phone": (390, 1400)}


def main(out: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    out.mkdir(parents=True, exist_ok=True)
    proc, url = start(free_port())
    try:
        for name, (w, h) in SIZES.items():
            d = chromium(w, h)
            wait = WebDriverWait(d, 180)
            try:
                d.get(url)
                wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']")))
                time.sleep(1)
                d.save_screenshot(str(out / f"1-hoi-dap-first-visit-{name}.png"))
                box = d.find_element(By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']")
                box.send_keys("Phường Bến Nghé nâng cao chất lượng sinh hoạt chi bộ theo hướng dẫn nào?", Keys.ENTER)
                wait.until(EC.element_to_be_clickable((By.XPATH, "//details//summary[contains(., 'Nguồn')]"))).click()
                time.sleep(1.5)
                d.save_screenshot(str(out / f"2-hoi-dap-answer-{name}.png"))
                box = d.find_element(By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']")
                box.send_keys("Giá vàng hôm nay bao nhiêu?", Keys.ENTER)
                wait.until(EC.presence_of_element_located((By.XPATH, "//*[contains(text(), 'Các đoạn gần nhất')]")))
                time.sleep(1.5)
                d.save_screenshot(str(out / f"3-hoi-dap-refusal-{name}.png"))
                d.get(url + "/de_cuong")
                topic = wait.until(
                    EC.element_to_be_clickable((By.XPATH, "//input[@aria-label='Chủ đề sinh hoạt chuyên đề']"))
                )
                topic.send_keys("Phát triển đảng viên ở chi bộ thôn, tổ dân phố")
                d.find_element(By.XPATH, "//button[contains(., 'Soạn đề cương')]").click()
                wait.until(EC.presence_of_element_located((By.XPATH, "//button[contains(., 'Tải về Word')]")))
                time.sleep(1.5)
                d.save_screenshot(str(out / f"4-de-cuong-{name}.png"))
                for page, file in (("tai_lieu", "5-tai-lieu"), ("danh_gia", "6-danh-gia")):
                    d.get(f"{url}/{page}")
                    time.sleep(6)
                    d.save_screenshot(str(out / f"{file}-{name}.png"))
            finally:
                d.quit()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    print(f"Screenshots in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
    os._exit(0)
