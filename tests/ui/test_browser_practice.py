"""The "Ôn thi" page in a real headless Chromium against `chibo ui`, at desktop and phone sizes,
over the bundled corpus and the official texts: a secretary practises (picks the bundled bank,
answers a question wrongly, sees the key with its basis quoted, finds the question in the
notebook, also after a reload and in a new visit without the address's id), uploads a bank of
their own and sees its report, then takes a 3-question, 1-minute mock test, hands it in and sees
the score, a question's basis and the history chart. Every step fails on English on screen and on
a wait of more than 2 s with nothing moving; the server must leave nothing behind.
"""

from __future__ import annotations

import os
import time

import pytest

from assistant.practice.session import bundled_bank, letter, load_items
from ingest.settings import Settings
from tests.ui.browser import SIZES, App, Watch, assert_vietnamese, body_text, browser, settle, text_present
from tests.ui.browser import by as _by
from tests.ui.browser import click as _click

SMALL_BANK = (
    "NGÂN HÀNG CÂU HỎI ÔN TẬP\n\n"
    "Câu 1. Thời kỳ dự bị của đảng viên là bao lâu?\nA. 06 tháng\nB. 12 tháng\nĐáp án: B\n\n"
    "Câu 2. Chi bộ họp thường kỳ mấy lần?\nA. Mỗi tháng một lần\nB. Mỗi quý một lần\n\n"
    "Câu 3. Đảng viên dự bị có quyền biểu quyết không?\nA. Có\nB. Không\nĐáp án: B\n"
)


@pytest.fixture(scope="module", params=list(SIZES))
def site(request, tmp_path_factory, guidance_index):
    """`chibo ui` on the official texts' index (read in place), with its own home for the
    notebook, one server per screen size."""
    home = tmp_path_factory.mktemp(f"practice-{request.param}")
    (home / "cache").symlink_to(guidance_index.cache_dir.resolve(), target_is_directory=True)
    (home / "index").symlink_to(guidance_index.index.resolve(), target_is_directory=True)
    with App(home, log=home / "app.log") as app:
        app.size = request.param
        app.settings = Settings(home=home)
        yield app


def _keep(driver, name: str, size: str) -> None:
    keep = os.environ.get("CHIBO_SCREENSHOTS")
    if keep:
        os.makedirs(keep, exist_ok=True)
        time.sleep(0.8)
        driver.save_screenshot(os.path.join(keep, f"{name}-{size}.png"))


def _button(key: str) -> str:
    """A button by its Streamlit key (the sidebar has a "Kiểm tra kết nối" of its own)."""
    return f"//*[contains(concat(' ', @class, ' '), ' st-key-{key} ')]//button"


def _main(driver) -> str:
    return driver.execute_script("return document.querySelector('[data-testid=stMain]').innerText")


def _no_wait_shown(driver) -> bool:
    return "hourglass_top" not in _main(driver) and "Đang tìm căn cứ" not in _main(driver)


def _mode(driver, label: str, watch: Watch) -> None:
    _click(driver, f"//div[contains(@class, 'st-key-practice-mode')]//label[contains(., '{label}')]", watch, label)


@pytest.mark.slow
def test_practice_path(site, tmp_path):
    By = _by()
    item = load_items(bundled_bank())[0]
    wrong = (item.answer + 1) % len(item.options)
    d = browser(*SIZES[site.size])
    watch = Watch(d)
    try:
        d.get(site.url + "/on_thi")
        watch.until(text_present(item.question), "the first question of the bundled bank")
        watch.until(text_present("Bộ câu hỏi ôn thi kèm theo"), "the bank picker")  # widgets mount lazily
        assert_vietnamese(d, "practice, first question")
        _keep(d, "1-on-thi-question", site.size)

        # a wrong answer: the verdict at once, then the key's basis with document and section
        option = f"//div[@data-testid='stRadio']//label[.//p[starts-with(normalize-space(.), '{letter(wrong)}.')]]"
        _click(d, option, watch, "a wrong option")
        _click(d, _button("pr-check"), watch, "Kiểm tra")
        watch.until(text_present("Chưa đúng"), "the verdict", timeout=30)
        watch.until(
            lambda d: "Căn cứ của đáp án" in _main(d) and _no_wait_shown(d), "the basis of the key", timeout=180
        )
        # the basis, its link to the reader, then why the pick is wrong: they arrive in turn
        watch.until(text_present(f"Vì sao phương án {letter(wrong)} chưa đúng"), "why the pick is wrong", timeout=30)
        body = _main(d)
        assert f"Đáp án đúng: {letter(item.answer)}." in body
        assert f"Vì sao phương án {letter(wrong)} chưa đúng" in body
        assert "Điều lệ Đảng Cộng sản Việt Nam" in body and "Điều 1, khoản 2" in body
        assert_vietnamese(d, "practice, answered wrongly")
        _keep(d, "2-on-thi-wrong-with-basis", site.size)

        # what the assistant would choose, and why
        _click(d, _button("pr-ask-0"), watch, "Hỏi trợ lý")
        watch.until(lambda d: "Trợ lý chọn" in _main(d) or "Trợ lý không chọn" in _main(d), "the assistant's choice")
        assert_vietnamese(d, "practice, the assistant's answer")
        _keep(d, "3-on-thi-hoi-tro-ly", site.size)

        # the notebook holds it, also after a reload and in a visit without the id in the address
        _mode(d, "Sổ câu sai (1)", watch)
        watch.until(lambda d: item.question in _main(d) and "Sai 1 lần" in _main(d), "the notebook")
        assert f"Đã chọn: {letter(wrong)}." in _main(d)
        assert_vietnamese(d, "notebook")
        _keep(d, "4-on-thi-notebook", site.size)
        address = d.current_url
        assert "so=" in address
        d.get(address)
        watch.until(text_present("Sổ câu sai (1)"), "the notebook after a reload")
        d.get(site.url + "/on_thi")
        watch.until(text_present("Sổ câu sai (1)"), "the notebook in a new visit (cookie)")

        # a bank of one's own: the report names the question it could not read
        bank = tmp_path / "bo-cau-hoi-cua-chi-bo.txt"
        bank.write_text(SMALL_BANK, encoding="utf-8")
        _click(d, "//div[contains(@class, 'st-key-practice-bank')]//label[contains(., 'Tệp bộ câu hỏi')]", watch, "own")
        field = watch.until(
            lambda d: d.find_element(By.CSS_SELECTOR, "input[type='file']"), "the file box", moving=False
        )
        assert_vietnamese(d, "upload box")
        field.send_keys(str(bank))
        watch.until(text_present("Đã đọc 2 câu hỏi có đáp án"), "the import report", timeout=60)
        watch.until(text_present("1 câu chưa đọc được"), "the problems")
        watch.until(text_present("Thời kỳ dự bị của đảng viên là bao lâu?"), "its first question")
        assert_vietnamese(d, "uploaded bank")
        _keep(d, "5-on-thi-uploaded-bank", site.size)
    finally:
        d.quit()


@pytest.mark.slow
def test_mock_test_path(site):
    from selenium.webdriver.common.keys import Keys

    By = _by()
    d = browser(*SIZES[site.size])
    watch = Watch(d)
    try:
        d.get(site.url + "/on_thi")
        watch.until(text_present("Chế độ"), "the page")
        _mode(d, "Thi thử", watch)
        watch.until(text_present("Bắt đầu thi thử"), "the mock test's settings")
        for label, value in (("Số câu hỏi", 3), ("Thời gian làm bài (phút)", 1)):
            # the button's text can be on the page a moment before the number boxes above it
            box = watch.until(
                lambda drv, label=label: drv.find_element(By.XPATH, f"//input[@aria-label='{label}']"),
                f"the box '{label}'",
                timeout=30,
            )
            d.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
            box.send_keys(Keys.CONTROL, "a")
            box.send_keys(Keys.BACKSPACE)
            box.send_keys(str(value))
        assert_vietnamese(d, "mock test settings")
        _keep(d, "6-thi-thu-settings", site.size)
        _click(d, "//button[contains(., 'Bắt đầu thi thử')]", watch, "start")
        watch.until(text_present("Còn lại 0:5"), "the clock", timeout=30)
        groups = d.find_elements(By.CSS_SELECTOR, "[class*='st-key-mock-'] [role='radiogroup']")
        assert len(groups) == 3
        for group in groups:
            label = group.find_elements(By.TAG_NAME, "label")[0]
            d.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
            time.sleep(0.2)
            label.click()
            settle(d)
        watch.until(text_present("đã trả lời 3/3 câu"), "the answers counted")
        # the clock stays in view while scrolling through the questions
        top = d.execute_script("return document.querySelector('.st-key-mock-clock').getBoundingClientRect().top")
        assert 0 <= top < 200, f"the clock scrolled out of view ({top})"
        assert_vietnamese(d, "mock test answered")
        _keep(d, "7-thi-thu-answering", site.size)
        _click(d, _button("mock-submit"), watch, "hand in")
        watch.until(text_present("Kết quả: đúng"), "the score", timeout=30)
        assert "Xem lại bài làm" in body_text(d) and "/3 câu" in body_text(d)
        assert_vietnamese(d, "mock test score")
        _keep(d, "8-thi-thu-score", site.size)
        _click(d, "(//button[contains(., 'Xem căn cứ')])[1]", watch, "a question's basis")
        watch.until(lambda d: "Căn cứ của đáp án" in _main(d) and _no_wait_shown(d), "the basis", timeout=180)
        assert_vietnamese(d, "mock test review")
        _keep(d, "9-thi-thu-review", site.size)
        _mode(d, "Kết quả thi thử", watch)
        watch.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='stMain'] img"), "the history chart")
        assert "1 lần thi thử" in body_text(d)
        assert_vietnamese(d, "history")
        _keep(d, "10-thi-thu-history", site.size)
    finally:
        d.quit()
