"""From an answer's citation to the «Văn bản» page in a real headless Chromium, at desktop and
phone widths: the cited section opens with the quoted sentence in bold, the Charter article's
implementing clauses beside it on a desktop and below it on a phone, all in Vietnamese."""

from __future__ import annotations

import os

import pytest

from tests.ui.browser import SIZES, App, Watch, assert_vietnamese, browser, text_present
from tests.ui.browser import by as _by
from tests.ui.browser import click as _click

QUESTION = "Theo Điều lệ Đảng, chi bộ họp thường lệ bao lâu một lần?"
CITED = "Chi bộ cơ sở họp thường lệ mỗi tháng một lần"


@pytest.mark.slow
@pytest.mark.parametrize("size", list(SIZES))
def test_a_citation_opens_the_reader_at_its_section(guidance_index, tmp_path, size):
    from selenium.webdriver.common.keys import Keys

    By = _by()
    with App(guidance_index.home, tmp_path / "streamlit.log") as app:
        d = browser(*SIZES[size])
        watch = Watch(d)
        try:
            d.get(app.url)
            box = watch.until(
                lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']"), "chat box"
            )
            box.send_keys(QUESTION, Keys.ENTER)
            watch.until(text_present("Nguồn ("), "the answer", timeout=180)
            _click(d, "//details/summary[contains(., 'Nguồn (')]", watch, "the sources panel")
            link = watch.until(
                lambda d: d.find_element(By.XPATH, "(//a[contains(., 'Mở văn bản tại chỗ trích')])[1]"),
                "the link to the source",
                moving=False,
            )
            d.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()", link)
            watch.until(lambda d: "/van_ban" in d.current_url, "the reader page", timeout=30)
            strong = watch.until(
                lambda d: [e for e in d.find_elements(By.TAG_NAME, "strong") if CITED in e.text], "the sentence in bold"
            )
            heading = d.find_element(By.XPATH, "//h3[contains(., 'Điều 22, khoản 6')]")
            assert heading.is_displayed() and strong[0].is_displayed()
            implementing = d.find_element(By.XPATH, "//h5[contains(., 'Văn bản hướng dẫn thi hành')]")
            left, right = strong[0].rect, implementing.rect
            if size == "desktop":  # side by side
                assert right["x"] > left["x"] + left["width"] / 2, (left, right)
            else:  # below
                assert right["y"] > left["y"], (left, right)
            assert "294-QĐ/TW" in d.find_element(By.TAG_NAME, "body").text
            assert_vietnamese(d, "reader at a citation")
            keep = os.environ.get("CHIBO_SCREENSHOTS")
            if keep:
                os.makedirs(keep, exist_ok=True)
                d.save_screenshot(os.path.join(keep, f"6-van-ban-{size}.png"))
        finally:
            d.quit()
