"""Screenshots of every page and flow at desktop and phone sizes: `python -m ui.screenshots OUTDIR`
(`--only practice` for the "Ôn thi" page alone, `--only app` for the others).

Copies $CHIBO_HOME's library to a temporary home (so uploads, removals and evaluation runs do not
touch it), starts `chibo ui` there, and drives headless Chromium (Debian's chromium and
chromedriver) through the secretary's, the administrator's and the evaluator's paths, and a
secretary's practice and mock test (a library with the official texts shows their basis), writing
one PNG per step and size.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from ingest.settings import REPO_ROOT, Settings, child_environment
from ui.serve import chromium, free_port, start, stop

SIZES = {"desktop": (1366, 900), "phone": (390, 844)}
QUESTION = "Tổ công tác của Thành ủy Vĩnh Yên dự sinh hoạt chi bộ bao lâu một lần?"


def copy_home(source: Path, target: Path) -> None:
    """The library (index, log, uploads) in a scratch home; the vector cache is shared, read-only in use."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("index", "uploads"):
        if (source / name).exists():
            shutil.copytree(source / name, target / name)
    for name in ("chibo.db", "chibo.db-wal", "chibo.db-shm"):
        if (source / name).exists():
            shutil.copy(source / name, target / name)
    if (source / "cache").exists():
        (target / "cache").symlink_to((source / "cache").resolve(), target_is_directory=True)


PRACTICE_BANK = (
    "NGÂN HÀNG CÂU HỎI ÔN TẬP\n\n"
    "Câu 1. Thời kỳ dự bị của đảng viên là bao lâu?\nA. 06 tháng\nB. 12 tháng\nĐáp án: B\n\n"
    "Câu 2. Chi bộ họp thường kỳ mấy lần?\nA. Mỗi tháng một lần\nB. Mỗi quý một lần\n\n"
    "Câu 3. Đảng viên dự bị có quyền biểu quyết không?\nA. Có\nB. Không\nĐáp án: B\n"
)


def practice(d, url: str, shot, click, scroll_to, wait, scratch: Path) -> None:
    """The "Ôn thi" page: a wrong answer with its basis, Hỏi trợ lý, the notebook, an uploaded
    bank's report, a 3-question 1-minute mock test handed in, a reviewed question, the history."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC

    from assistant.practice.session import bundled_bank, letter, load_items

    item = load_items(bundled_bank())[0]
    wrong = (item.answer + 1) % len(item.options)

    def main_text() -> str:
        return d.execute_script("return document.querySelector('[data-testid=stMain]').innerText")

    def answered(text: str):
        return wait.until(lambda d: text in main_text() and "hourglass_top" not in main_text())

    d.get(url + "/on_thi")
    wait.until(EC.presence_of_element_located((By.XPATH, "//*[contains(@class, 'st-key-pr-check')]//button")))
    wait.until(EC.presence_of_element_located((By.XPATH, "//label[contains(., 'kèm theo')]")))
    shot("20-on-thi-question")
    click(f"//div[@data-testid='stRadio']//label[.//p[starts-with(normalize-space(.), '{letter(wrong)}.')]]")
    click("//*[contains(@class, 'st-key-pr-check')]//button")
    answered("Căn cứ của đáp án")
    scroll_to("//*[contains(@class, 'st-key-practice-shuffle')]")
    shot("21-on-thi-wrong")
    scroll_to("//p[contains(., 'Căn cứ của đáp án')]")
    shot("22-on-thi-basis")
    click("//*[contains(@class, 'st-key-pr-ask-0')]//button")
    answered("Trợ lý trả lời")
    scroll_to("//p[contains(., 'Trợ lý trả lời')]")
    shot("23-on-thi-hoi-tro-ly")
    click("//div[contains(@class, 'st-key-practice-mode')]//label[contains(., 'Sổ câu sai')]")
    answered("Sai 1 lần")
    shot("24-on-thi-notebook")

    bank = scratch / "bo-cau-hoi-cua-chi-bo.txt"
    bank.write_text(PRACTICE_BANK, encoding="utf-8")
    click("//div[contains(@class, 'st-key-practice-mode')]//label[contains(., 'Luyện tập')]")
    click("//div[contains(@class, 'st-key-practice-bank')]//label[contains(., 'Tệp bộ câu hỏi')]")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "input[type='file']"))).send_keys(str(bank))
    answered("Đã đọc 2 câu hỏi")
    shot("25-on-thi-upload")

    click("//div[contains(@class, 'st-key-practice-mode')]//label[contains(., 'Thi thử')]")
    click("//div[contains(@class, 'st-key-practice-bank')]//label[contains(., 'kèm theo')]")
    for label, value in (("Số câu hỏi", 3), ("Thời gian làm bài (phút)", 1)):
        box = wait.until(EC.presence_of_element_located((By.XPATH, f"//input[@aria-label='{label}']")))
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(Keys.BACKSPACE)
        box.send_keys(str(value))
    shot("26-thi-thu-settings")
    click("//button[contains(., 'Bắt đầu thi thử')]")
    answered("Còn lại")
    for i in range(3):
        click(f"((//*[contains(@class, 'st-key-mock-')]//*[@role='radiogroup'])[{i + 1}]//label)[{1 + i % 2}]")
        time.sleep(0.8)
    scroll_to("(//*[contains(@class, 'st-key-mock-')]//*[@role='radiogroup'])[3]")
    shot("27-thi-thu-answering")
    click("//*[contains(@class, 'st-key-mock-submit')]//button")
    answered("Kết quả: đúng")
    shot("28-thi-thu-score")
    click("(//button[contains(., 'Xem căn cứ')])[1]")
    answered("Căn cứ của đáp án")
    scroll_to("//p[contains(., 'Căn cứ của đáp án')]")
    shot("29-thi-thu-review")
    click("//div[contains(@class, 'st-key-practice-mode')]//label[contains(., 'Kết quả thi thử')]")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid='stMain'] img")))
    shot("30-thi-thu-history")


def browser_helpers(d, wait, out: Path, name: str):
    """shot(file), click(xpath) and scroll_to(xpath) for one browser at one size."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC

    def shot(file: str, d=d, name=name) -> None:
        time.sleep(1.2)
        d.save_screenshot(str(out / f"{file}-{name}.png"))

    def click(xpath: str, wait=wait, d=d):
        element = wait.until(EC.presence_of_element_located((By.XPATH, xpath)))
        d.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        wait.until(EC.element_to_be_clickable((By.XPATH, xpath))).click()
        return element

    def scroll_to(xpath: str, wait=wait, d=d) -> None:
        element = wait.until(EC.presence_of_element_located((By.XPATH, xpath)))
        d.execute_script("arguments[0].scrollIntoView({block: 'start'})", element)

    return shot, click, scroll_to


def ask(d, url: str, shot, click, scroll_to, wait, name: str) -> None:
    """The "Hỏi đáp" page: a first visit, an answer with its sources, a refusal, feedback; then the
    menu (on a phone) and the "Soạn đề cương" page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC

    d.get(url)
    box = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']")))
    shot("01-hoi-dap-first-visit")
    box.send_keys(QUESTION, Keys.ENTER)
    click("//details/summary[contains(., 'Nguồn (')]")
    shot("02-hoi-dap-answer")
    box = d.find_element(By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']")
    box.send_keys("Giá vàng hôm nay bao nhiêu?", Keys.ENTER)
    wait.until(EC.presence_of_element_located((By.XPATH, "(//*[@data-testid='stChatMessage'])[4]")))
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid='stAlertContentWarning']")))
    scroll_to("(//*[@data-testid='stChatMessage'])[4]")
    shot("03-hoi-dap-refusal")
    click("(//details/summary[contains(., 'Góp ý thêm')])[1]")
    area = wait.until(EC.element_to_be_clickable((By.XPATH, "(//textarea)[1]")))
    area.send_keys("Câu trả lời đúng, nên ghi rõ số văn bản.")
    click("(//button[contains(., 'Gửi góp ý')])[1]")
    wait.until(EC.presence_of_element_located((By.XPATH, "//*[contains(text(), 'Đã ghi nhận góp ý')]")))
    scroll_to("//*[contains(text(), 'Đã ghi nhận góp ý')]")
    shot("04-hoi-dap-feedback")
    if name == "phone":
        time.sleep(5)  # the feedback toast fades
        d.find_element(By.CSS_SELECTOR, "[data-testid='stExpandSidebarButton']").click()
        shot("05-menu")
        # as a person does: the page is chosen in the menu, which then closes
        click("//*[@data-testid='stSidebarNav']//a[contains(., 'Soạn đề cương')]")
        time.sleep(2)
        for b in d.find_elements(By.CSS_SELECTOR, "[data-testid='stSidebarCollapseButton'] button"):
            if b.is_displayed():
                b.click()
    else:
        d.get(url + "/de_cuong")
    time.sleep(4)
    shot("06-de-cuong")


def documents(d, url: str, shot, click, scroll_to, wait, scratch: Path) -> None:
    """The "Tài liệu" page: the list, an upload with its progress, a document's details, its removal."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC

    d.get(url + "/tai_lieu")
    wait.until(EC.presence_of_element_located((By.XPATH, "//h3[contains(., 'Danh sách tài liệu')]")))
    shot("07-tai-lieu")
    text = scratch / "chi-bo-thon-dong.txt"
    text.write_text(
        "Chi bộ thôn Đông bảo vệ môi trường\n\n"
        + "Chi bộ thôn Đông sinh hoạt chuyên đề về bảo vệ môi trường nông thôn. " * 40,
        encoding="utf-8",
    )
    d.find_element(By.CSS_SELECTOR, "input[type='file']").send_keys(str(text))
    click("//button[contains(., 'Nạp vào thư viện')]")
    wait.until(EC.presence_of_element_located((By.XPATH, "//*[contains(., 'Đang nạp tài liệu')]")))
    shot("08-tai-lieu-progress")
    wait.until(EC.presence_of_element_located((By.XPATH, "//*[contains(text(), ': đã nạp')]")))
    shot("09-tai-lieu-uploaded")
    combo = click("//div[@data-testid='stSelectbox'][.//p[contains(., 'Chọn tài liệu')]]//input")
    combo.send_keys("thôn Đông")
    click("//*[@role='option'][contains(., 'thôn Đông')]")
    click("//details/summary[contains(., 'Sửa thông tin tài liệu')]")
    scroll_to("//details/summary[contains(., 'Sửa thông tin tài liệu')]")
    shot("10-tai-lieu-document")
    click("//button[contains(., 'Xoá khỏi thư viện')]")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "[role='dialog']")))
    shot("11-tai-lieu-remove-dialog")
    click("//*[@role='dialog']//button[contains(., 'Xoá tài liệu này')]")
    wait.until(EC.presence_of_element_located((By.XPATH, "//*[contains(text(), 'Đã xoá «')]")))
    shot("12-tai-lieu-removed")


def evaluation(d, url: str, shot, click, scroll_to, wait, tiny: Path) -> None:
    """The "Đánh giá" page: a run on an uploaded question set, its progress, results and history."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC

    d.get(url + "/danh_gia")
    wait.until(EC.presence_of_element_located((By.XPATH, "//*[contains(., 'Cấu hình so sánh')]")))
    shot("13-danh-gia")
    click("//label[contains(., 'Tệp câu hỏi của tôi')]")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "input[type='file']"))).send_keys(str(tiny))
    wait.until(EC.presence_of_element_located((By.XPATH, "//*[contains(text(), 'bo-cau-hoi-nho')]")))
    click("//button[contains(., 'Chạy đánh giá')]")
    wait.until(EC.presence_of_element_located((By.XPATH, "//*[contains(., 'Đang chạy đánh giá')]")))
    shot("14-danh-gia-progress")
    wait.until(EC.presence_of_element_located((By.XPATH, "//h3[contains(., 'Kết quả')]")))
    scroll_to("//h3[contains(., 'Kết quả')]")
    shot("15-danh-gia-results")
    scroll_to("//h3[contains(., 'Lịch sử')]")
    shot("16-danh-gia-history")


def main(out: Path, only: str | None = None) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="chibo-shots-"))
    copy_home(Settings.from_env().home, scratch / "home")
    tiny = scratch / "bo-cau-hoi-nho.jsonl"
    lines = (REPO_ROOT / "evals" / "questions" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    tiny.write_text("\n".join(lines[:4]) + "\n", encoding="utf-8")
    env = child_environment(CHIBO_HOME=str(scratch / "home"))
    proc, url = start(free_port(), env=env, cwd=scratch)
    try:
        for name, (w, h) in SIZES.items():
            d = chromium(w, h)
            wait = WebDriverWait(d, 240)
            shot, click, scroll_to = browser_helpers(d, wait, out, name)
            try:
                if only in (None, "practice"):
                    practice(d, url, shot, click, scroll_to, wait, scratch)
                if only == "practice":
                    continue
                ask(d, url, shot, click, scroll_to, wait, name)
                documents(d, url, shot, click, scroll_to, wait, scratch)
                evaluation(d, url, shot, click, scroll_to, wait, tiny)
            finally:
                d.quit()
    finally:
        stop(proc)
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"Screenshots in {out}")


if __name__ == "__main__":
    args = sys.argv[1:]
    only = None
    if "--only" in args:
        i = args.index("--only")
        only = args[i + 1]
        del args[i : i + 2]
    main(Path(args[0] if args else "screenshots"), only)
    os._exit(0)
