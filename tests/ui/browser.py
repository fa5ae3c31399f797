"""Helpers for browser tests of the app (shared by every page's browser test).

- `App(home)`: `chibo ui` on a loopback port as a user starts it (a context manager); on exit it
  stops the server with SIGTERM and fails when any process still holds or mentions the port.
- `browser(width, height)`: headless Chromium; `SIZES` holds the two widths every test walks.
- `visible_strings(driver)`: every visible text plus aria-label / title / placeholder strings
  (code samples, shown literally, and icon glyphs excepted).
- `english(strings)` / `assert_vietnamese(driver, where)`: English words on screen, with a
  short allow-list of names and acronyms.
- `Watch(driver).until(condition, what)`: waits, failing when the page shows nothing moving for
  more than 2 s before the condition holds (a spinner alone is not progress).
"""

from __future__ import annotations

import os
import re
import socket
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from ui.serve import chromium, free_port, start, stop

SIZES = {"desktop": (1366, 900), "phone": (390, 844)}
STALL_SECONDS = 2.0

# Names, acronyms, file extensions and key names that may appear in Vietnamese text.
ALLOWED = {
    w.lower()
    for w in """
    MRR nDCG BM25 RRF LangChain PDF DOCX DOC Word JSON JSONL CSV HTML HTM TXT MD JPG JPEG PNG TIF TIFF API GGUF OCR OpenAI
    Ollama vLLM llama cpp Enter Ctrl MB KB GB scan web mili Chromium Excel Email Zalo LibreOffice ODT
    App
    """.split()
}
# "App": the official texts' own name "App Thông tin Tuyên giáo" (37-HD/BTGDVTW), quoted by the
# bundled contest bank; a mock test drawing that question showed it as an option

# A Vietnamese syllable written without its diacritics: onset, one to three vowels, final.
_SYLLABLE = re.compile(
    r"^(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x)?"
    r"[aeiouy]{1,3}(ng|nh|ch|c|m|n|p|t)?$"
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

_COLLECT = """
const out = [];
const skip = '[data-testid="stIconMaterial"], [data-testid$="DynamicIcon"], [translate="no"], code, pre, script, style, noscript, template';
const seen = (el) => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const n = walker.currentNode, p = n.parentElement;
  const t = (n.nodeValue || '').trim();
  if (!t || !p || p.closest(skip) || !seen(p)) continue;
  out.push(t);
}
for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
  if (el.closest('script, style') || !seen(el)) continue;
  for (const a of ['aria-label', 'title', 'placeholder']) {
    const v = el.getAttribute(a);
    if (v && v.trim()) out.push(v.trim());
  }
}
for (const el of document.querySelectorAll('button, [role="button"]')) {
  if (!seen(el)) continue;
  const c = getComputedStyle(el, '::after').content;
  if (c && c !== 'none' && c !== 'normal') out.push(c.replace(/^"|"$/g, ''));
}
return out;
"""

# What changes while the page works: visible text, progress values, and Streamlit's running state.
_FINGERPRINT = """
const bars = [...document.querySelectorAll('[role="progressbar"]')].map(b => b.getAttribute('aria-valuenow'));
return document.body.innerText.length + '|' + document.body.innerText.slice(-4000) + '|' + bars.join(',');
"""


def english_word(word: str) -> bool:
    """True for a word that is neither Vietnamese nor allowed.

    >>> [english_word(w) for w in ("Stop", "Upload", "binary", "chi", "trong", "MRR", "nghiêng")]
    [True, True, True, False, False, False, False]
    """
    if not word.isascii() or word.lower() in ALLOWED:
        return False
    if word.isupper() and len(word) <= 8:  # an acronym: UBND, BTV, HU…
        return False
    return not _SYLLABLE.match(unicodedata.normalize("NFC", word).lower())


def english(strings: list[str]) -> list[tuple[str, str]]:
    """(word, the string it is in) for every English word."""
    found = []
    for s in strings:
        # a single letter is a legal point ("mục 8.1, điểm b") or an option ("Cả a, b, c đều
        # đúng"), never English on its own
        for w in _WORD.findall(s):
            if len(w) > 1 and english_word(w):
                found.append((w, s[:120]))
    return found


def visible_strings(driver) -> list[str]:
    return driver.execute_script(_COLLECT)


_IDLE = (
    "return !!window.__chiboVi && !document.querySelector('[data-testid=stStatusWidgetRunningIcon]')"
    " && !document.querySelector('[data-stale=true]')"
)


def settle(driver, timeout: float = 30) -> None:
    """Wait until the page has finished its run (the app's translator installed, nothing stale)."""
    deadline = time.time() + timeout
    while time.time() < deadline and not driver.execute_script(_IDLE):
        time.sleep(0.1)


def assert_vietnamese(driver, where: str) -> None:
    """No English on the page once it has settled (Streamlit's shell strings are rewritten by the
    app's script, which arrives with the app's first message)."""
    settle(driver)
    bad = english(visible_strings(driver))
    assert not bad, f"English on screen ({where}): " + "; ".join(f"{w!r} in {s!r}" for w, s in bad[:15])


def browser(width: int, height: int):
    return chromium(width, height)


class Stalled(AssertionError):
    pass


class Watch:
    """Wait for a condition while the page must keep showing progress."""

    def __init__(self, driver, stall: float = STALL_SECONDS) -> None:
        self.driver = driver
        self.stall = stall
        self.longest_stall = 0.0

    def fingerprint(self) -> str:
        try:
            return self.driver.execute_script(_FINGERPRINT)
        except Exception:  # the page is being replaced: that is movement
            return str(time.time())

    def until(self, condition: Callable[[object], object], what: str, timeout: float = 120, moving: bool = True):
        """`condition(driver)` once truthy; with `moving`, the page must change at least every
        `stall` seconds meanwhile (it is doing work the person waits for)."""
        start = last_change = time.time()
        last = self.fingerprint()
        while True:
            try:
                value = condition(self.driver)
            except Exception:
                value = None
            if value:
                return value
            now = time.time()
            if now - start > timeout:
                raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
            fp = self.fingerprint()
            if fp != last:
                last, last_change = fp, now
            still = now - last_change
            self.longest_stall = max(self.longest_stall, still)
            if moving and still > self.stall:
                main = self.driver.execute_script(
                    "const m = document.querySelector('[data-testid=stMain]'); return m ? m.innerText : ''"
                )
                if os.environ.get("CHIBO_SCREENSHOTS"):
                    self.driver.save_screenshot(os.path.join(os.environ["CHIBO_SCREENSHOTS"], "stalled.png"))
                raise Stalled(
                    f"nothing moved on the page for {still:.1f} s while waiting for {what}"
                    f" ({now - start:.1f} s into the wait); the page shows: {main[:700]!r}"
                )
            time.sleep(0.15)


def body_text(driver) -> str:
    return driver.execute_script("return document.body.innerText")


def text_present(text: str) -> Callable:
    return lambda d: text in body_text(d)


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def processes_mentioning(text: str) -> list[int]:
    pids = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
            state = open(f"/proc/{pid}/stat").read().split(")")[-1].split()[0]
        except OSError:
            continue
        if text in cmd + " " and state != "Z":
            pids.append(int(pid))
    return pids


def children_of(pid: int) -> list[int]:
    kids = []
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            fields = open(f"/proc/{p}/stat").read().split(")")[-1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            kids.append(int(p))
    return kids


class App:
    """`chibo ui` against `home` (a CHIBO_HOME); `with App(home, log) as app: app.url`."""

    def __init__(self, home: Path, log: Path | None = None, env: dict | None = None) -> None:
        self.home, self.log = Path(home), log
        self.env = {**os.environ, **(env or {}), "CHIBO_HOME": str(home)}
        self.port = free_port()
        self.proc = None
        self.url = ""
        self.started = 0.0

    def __enter__(self) -> App:
        self.started = time.time()
        self.proc, self.url = start(self.port, env=self.env, log=self.log, cwd=self.home)
        return self

    def __exit__(self, *exc) -> None:
        stop(self.proc)
        time.sleep(0.3)
        left = processes_mentioning(f"--port {self.port} ")
        if exc[0] is None:
            assert self.proc.returncode is not None
            assert not _listening(self.port), f"port {self.port} still open after SIGTERM"
            assert not left, f"processes left after SIGTERM: {left}"


def by():
    """Selenium's locator names, imported when a browser test runs."""
    from selenium.webdriver.common.by import By

    return By


def click(driver, xpath: str, watch: Watch, what: str):
    """Click the element at `xpath` once it is there: scrolled to the middle first, buttons
    clicked by script (a click at the old position can land on nothing)."""
    element = watch.until(lambda d: d.find_element(by().XPATH, xpath), what, moving=False)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    time.sleep(0.2)  # let the scroll settle: a click at the old position can land on nothing
    if element.tag_name in ("button", "summary"):
        driver.execute_script("arguments[0].click()", element)
    else:
        element.click()
    return element
