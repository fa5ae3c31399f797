"""End to end in a real headless Chromium against `chibo ui`, at desktop and phone sizes.

Three people's paths on one server per size, in order: the secretary asks the first question
right after the server starts, the administrator uploads, corrects and removes a document, the
evaluator runs a tiny question set. Every step fails on English on screen, on a wait of more
than 2 s with nothing moving, and, at the end, on a process left behind after SIGTERM.
"""

from __future__ import annotations

import json
import os
import re
import time

import pytest

from ingest.settings import CORPUS_DIR, REPO_ROOT, Settings
from tests.ui.browser import SIZES, App, Watch, assert_vietnamese, body_text, browser, settle, text_present
from tests.ui.browser import by as _by
from tests.ui.browser import click as _click

QUESTION = "Tổ công tác của Thành ủy Vĩnh Yên dự sinh hoạt chi bộ bao lâu một lần?"
SOURCE_TITLE = "Đảng bộ thành phố Vĩnh Yên đổi mới, nâng cao chất lượng sinh hoạt chi bộ"
CITED = "dự sinh hoạt chi bộ dưới Đảng bộ cơ sở mỗi tháng 1 lần"
OFF_TOPIC = "Giá vàng hôm nay bao nhiêu?"
TIMINGS: dict = {}


@pytest.fixture(scope="module", params=list(SIZES))
def site(request, tmp_path_factory, shared_cache):
    """A writable library of the bundled corpus and `chibo ui` on it, one per screen size."""
    from ingest.pipeline import ingest

    home = tmp_path_factory.mktemp(f"browser-{request.param}")
    (home / "cache").symlink_to(shared_cache, target_is_directory=True)
    settings = Settings(home=home)
    assert not ingest([CORPUS_DIR], settings).failed
    with App(home, log=home / "app.log") as app:
        app.size = request.param
        app.settings = settings
        yield app
    # App.__exit__ has stopped the server with SIGTERM and checked nothing is left.


def _keep(driver, name: str, size: str) -> None:
    keep = os.environ.get("CHIBO_SCREENSHOTS")
    if keep:
        os.makedirs(keep, exist_ok=True)
        driver.save_screenshot(os.path.join(keep, f"{name}-{size}.png"))


def _chat_text(driver) -> str:
    return "\n".join(e.text for e in driver.find_elements(_by().CSS_SELECTOR, "[data-testid='stChatMessage']"))


def _title_below_header(driver, timeout: float = 10) -> None:
    """Once the page has its style (on a loaded machine the first paint can come before the app's
    style sheet), the title is below the header, not under it."""
    settle(driver)
    deadline = time.time() + timeout
    while True:
        top, header = driver.execute_script(
            "const h = document.querySelector('h1'), b = document.querySelector('[data-testid=stHeader]');"
            "return [h.getBoundingClientRect().top, b ? b.getBoundingClientRect().bottom : 0];"
        )
        if top >= header or time.time() > deadline:
            break
        time.sleep(0.2)
    assert top >= header, f"the page title starts under the header ({top} < {header})"


@pytest.mark.slow
def test_secretary(site):
    from selenium.webdriver.common.keys import Keys

    By = _by()
    d = browser(*SIZES[site.size])
    watch = Watch(d)
    try:
        d.get(site.url)
        box = watch.until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']"), "chat box")
        watch.until(text_present("Câu hỏi mẫu"), "the first page")
        _title_below_header(d)
        assert_vietnamese(d, "first visit")
        _keep(d, "1-hoi-dap-first-visit", site.size)

        # The first question after the server started: shown at once, answered without a dead wait.
        box.send_keys(QUESTION, Keys.ENTER)
        asked = time.time()
        watch.until(lambda d: QUESTION in _chat_text(d), "the question on screen", timeout=10)
        shown = time.time() - asked
        assert shown < 1.5, f"the question took {shown:.1f} s to appear"
        watch.until(lambda d: "Nguồn (" in _chat_text(d), "the answer", timeout=180)
        TIMINGS[site.size] = {
            "question_shown_s": round(shown, 2),
            "answer_after_enter_s": round(time.time() - asked, 2),
            "answer_after_server_start_s": round(time.time() - site.started, 2),
            "longest_still_s": round(watch.longest_stall, 2),
        }
        print("first question", site.size, json.dumps(TIMINGS[site.size]))
        _click(d, "//details/summary[contains(., 'Nguồn (')]", watch, "the sources panel")
        watch.until(text_present(CITED), "the cited passage")
        assert SOURCE_TITLE in body_text(d)
        assert_vietnamese(d, "answer with sources")
        _keep(d, "2-hoi-dap-answer", site.size)

        # A refusal says so, and what to do.
        box = d.find_element(By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']")
        box.send_keys(OFF_TOPIC, Keys.ENTER)
        watch.until(lambda d: OFF_TOPIC in _chat_text(d), "the second question", timeout=10)
        alert = watch.until(
            lambda d: [e for e in d.find_elements(By.CSS_SELECTOR, "[data-testid='stAlertContentWarning']")], "refusal"
        )
        assert "tài liệu" in alert[-1].text
        last = _chat_text(d).split(OFF_TOPIC)[-1].lower()
        assert "hãy" in last or "hỏi lại" in last  # …and what to do
        assert_vietnamese(d, "refusal")
        _keep(d, "3-hoi-dap-refusal", site.size)

        # Feedback: a thumb, then a comment, confirmed on screen and saved with the turn.
        first = d.find_elements(By.CSS_SELECTOR, "[data-testid='stFeedbackButton']")[0]
        for attempt in range(3):  # a click while the page still scrolls lands on the header
            d.execute_script("arguments[0].scrollIntoView({block: 'center'})", first)
            time.sleep(0.4)
            try:
                first.click()
                break
            except Exception:
                if attempt == 2:
                    raise
        _click(d, "(//details/summary[contains(., 'Góp ý thêm')])[1]", watch, "the comment panel")
        area = watch.until(lambda d: d.find_element(By.XPATH, "(//textarea)[1]"), "the comment box")
        area.send_keys("Câu trả lời đúng, nhưng nên ghi rõ số văn bản.")
        _click(d, "(//button[contains(., 'Gửi góp ý')])[1]", watch, "the send button")
        watch.until(text_present("Đã ghi nhận góp ý của đồng chí"), "the confirmation")
        assert_vietnamese(d, "feedback confirmed")
        _keep(d, "4-hoi-dap-feedback", site.size)
        from assistant.turnlog import TurnLog

        rows = [r for r in TurnLog(site.settings.log_db).turns() if r["question"] == QUESTION]
        assert rows and rows[0]["feedback_comment"] == "Câu trả lời đúng, nhưng nên ghi rõ số văn bản."

        if site.size == "phone":  # the page list behind a labelled button
            toggle = d.find_element(By.CSS_SELECTOR, "[data-testid='stExpandSidebarButton']")
            label = d.execute_script("return getComputedStyle(arguments[0], '::after').content", toggle)
            assert "trang" in label.lower() and "trang" in toggle.get_attribute("aria-label").lower()
            toggle.click()
            watch.until(lambda d: d.find_element(By.XPATH, "//a[contains(., 'Tài liệu')]").is_displayed(), "pages")
            assert_vietnamese(d, "page list on a phone")
            _keep(d, "0-trang-phone-menu", site.size)
    finally:
        d.quit()


def _upload(d, path, watch: Watch) -> None:
    By = _by()
    field = watch.until(lambda d: d.find_element(By.CSS_SELECTOR, "input[type='file']"), "the file box", moving=False)
    field.send_keys(str(path))


@pytest.mark.slow
def test_administrator(site, tmp_path):
    from selenium.webdriver.common.keys import Keys

    By = _by()
    d = browser(*SIZES[site.size])
    watch = Watch(d)
    try:
        d.get(site.url + "/tai_lieu")
        watch.until(text_present("Danh sách tài liệu (5)"), "the document list")
        _title_below_header(d)
        assert_vietnamese(d, "documents page")

        # A small text: progress per file while it is read, then the list refreshes by itself.
        text = tmp_path / "chi-bo-thon-dong.txt"
        sentence = (
            "Chi bộ thôn Đông sinh hoạt chuyên đề về bảo vệ môi trường nông thôn. "
            "Đảng viên cam kết thu gom rác thải mỗi tuần và vận động nhân dân cùng làm. "
        )
        text.write_text("Chi bộ thôn Đông bảo vệ môi trường\n\n" + sentence * 60, encoding="utf-8")
        _upload(d, text, watch)
        watch.until(text_present("chi-bo-thon-dong.txt"), "the chosen file")
        assert_vietnamese(d, "file chosen")
        _click(d, "//button[contains(., 'Nạp vào thư viện')]", watch, "the upload button")
        seen: list[str] = []

        def progress_or_done(d):
            body = body_text(d)
            if m := re.search(r"Đang nạp tài liệu: \d+/\d+ tệp[^\n]*đã \d+ giây", body):
                if not seen:
                    _keep(d, "5-tai-lieu-progress", site.size)
                seen.append(m[0])
            return "Danh sách tài liệu (6)" in body

        watch.until(progress_or_done, "the list with the new document", timeout=180)
        assert seen, "no progress (files done / total, time spent) was shown while the file was read"
        assert "«chi-bo-thon-dong.txt»: đã nạp" in body_text(d)
        assert_vietnamese(d, "after upload")

        # Files the library cannot read are explained, and nothing blocks them in the browser.
        bad = tmp_path / "hong.docx"
        bad.write_bytes(os.urandom(3000))
        _upload(d, bad, watch)
        _click(d, "//button[contains(., 'Nạp vào thư viện')]", watch, "the upload button")
        watch.until(text_present("«hong.docx»"), "the refusal of a broken file", timeout=60)
        body = body_text(d)
        assert "binary" not in body and "Hãy" in body
        assert_vietnamese(d, "broken file refused")
        _keep(d, "6-tai-lieu-refused", site.size)
        _click(d, "(//button[contains(., 'Đã xem, ẩn thông báo')])[1]", watch, "dismiss")
        watch.until(lambda d: "«hong.docx»" not in body_text(d), "the message dismissed")

        # Correct its title.
        chooser = "//div[@data-testid='stSelectbox'][.//p[contains(., 'Chọn tài liệu')]]//input"
        combo = _click(d, chooser, watch, "the document chooser")
        combo.send_keys("thôn Đông")
        _click(d, "//*[@role='option'][contains(., 'thôn Đông')]", watch, "the document")
        _click(d, "//details/summary[contains(., 'Sửa thông tin tài liệu')]", watch, "the correction form")
        title = watch.until(lambda d: d.find_element(By.XPATH, "//input[@aria-label='Tiêu đề']"), "the title box")
        d.execute_script("arguments[0].scrollIntoView({block: 'center'})", title)
        title.send_keys(Keys.CONTROL, "a")
        title.send_keys(Keys.BACKSPACE)
        title.send_keys("Chi bộ thôn Đông: môi trường (đã sửa)")
        assert_vietnamese(d, "correction form")
        _keep(d, "7-tai-lieu-correct", site.size)
        _click(d, "//button[contains(., 'Lưu sửa đổi')]", watch, "save")
        watch.until(text_present("Đã sửa tiêu đề của «Chi bộ thôn Đông: môi trường (đã sửa)»"), "the correction")
        assert_vietnamese(d, "after correction")

        # Remove it: a dialog names the document first.
        _click(d, "//button[contains(., 'Xoá khỏi thư viện')]", watch, "the remove button")
        dialog = watch.until(lambda d: d.find_element(By.CSS_SELECTOR, "[role='dialog']"), "the confirmation dialog")
        assert "Chi bộ thôn Đông: môi trường (đã sửa)" in dialog.text
        assert_vietnamese(d, "remove dialog")
        _keep(d, "8-tai-lieu-remove-dialog", site.size)
        _click(d, "//*[@role='dialog']//button[contains(., 'Xoá tài liệu này')]", watch, "confirm")
        watch.until(text_present("Đã xoá «Chi bộ thôn Đông: môi trường (đã sửa)»"), "the removal", timeout=120)
        watch.until(text_present("Danh sách tài liệu (5)"), "the list without it")
        assert_vietnamese(d, "after removal")
        _keep(d, "9-tai-lieu-after-remove", site.size)
    finally:
        d.quit()


@pytest.mark.slow
def test_evaluator(site, tmp_path):
    By = _by()
    lines = (REPO_ROOT / "evals" / "questions" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    tiny = tmp_path / "bo-cau-hoi-nho.jsonl"
    tiny.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    d = browser(*SIZES[site.size])
    watch = Watch(d)
    try:
        d.get(site.url + "/danh_gia")
        watch.until(text_present("Cấu hình so sánh"), "the evaluation page")
        _title_below_header(d)
        assert_vietnamese(d, "evaluation page")
        _click(d, "//label[contains(., 'Tệp câu hỏi của tôi')]", watch, "own question file")
        _upload(d, tiny, watch)
        watch.until(text_present("bo-cau-hoi-nho.jsonl"), "the chosen file")
        _click(d, "//label[contains(., 'LangChain')]", watch, "the baseline off")
        _click(d, "//button[contains(., 'Chạy đánh giá')]", watch, "run")
        watch.until(text_present("Đang chạy đánh giá"), "progress", timeout=30)
        _keep(d, "10-danh-gia-progress", site.size)
        watch.until(lambda d: d.find_elements(By.XPATH, "//h3[contains(., 'Kết quả')]"), "the results", timeout=300)
        settle(d)
        body = body_text(d)
        assert "Tìm đúng ở vị trí 1" in body and "MRR@10 (thứ hạng trung bình)" in body and "Từ chối sai" in body
        assert "gồm cả thời gian mã hoá câu hỏi, đo như nhau cho mọi cấu hình" in body
        # The table fits: it is inside the page, or scrolls inside its own box.
        fits = d.execute_script(
            "const t = document.querySelector('[data-testid=stTable]');"
            "const r = t.getBoundingClientRect();"
            "return r.right <= window.innerWidth + 1 && (t.scrollWidth <= t.clientWidth + 1"
            " || getComputedStyle(t).overflowX === 'auto');"
        )
        assert fits, "the result table is cut off"
        assert d.find_elements(By.XPATH, "//h3[contains(., 'Lịch sử')]/following::img")
        assert_vietnamese(d, "evaluation results")
        _keep(d, "11-danh-gia-results", site.size)
    finally:
        d.quit()
    if TIMINGS and (out := os.environ.get("CHIBO_SCREENSHOTS")):
        with open(os.path.join(out, "first-question.json"), "w") as f:
            json.dump(TIMINGS, f, indent=2)
