"""Long jobs with progress: work in a background thread that the page polls and shows as a bar."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from ui.common.formatting import duration
from ui.common.loading import load_states


@dataclass
class Job:
    """Work in a background thread that the page polls: counts, time spent, time left.

    `work(job)` calls `job.update(done, total, detail)` as it goes; the job survives reruns in
    `st.session_state`, so leaving the page and coming back shows it still running."""

    title: str  # "Đang nạp tài liệu"
    unit: str  # "tệp", "câu hỏi"
    work: Callable[[Job], Any]
    done: int = 0
    total: int = 0
    detail: str = ""
    started: float = field(default_factory=time.time)
    finished: float | None = None
    result: Any = None
    error: BaseException | None = None
    context: dict = field(default_factory=dict)

    def start(self) -> Job:
        threading.Thread(target=self._run, name="chibo-job", daemon=True).start()
        return self

    def _run(self) -> None:
        try:
            # Models load lazily and not all of them safely from two threads at once (underthesea's
            # first word segmentation): a job that starts while the assistant loads waits for it.
            for state in load_states():
                if state["done"] is None:
                    self.detail = "đang chờ trợ lý nạp xong mô hình"
                    state["event"].wait()
            self.detail = ""
            self.result = self.work(self)
        except BaseException as exc:  # reported on the page; the details go to the server's log
            import traceback

            traceback.print_exc()
            self.error = exc
        finally:
            self.finished = time.time()

    def update(self, done: int, total: int, detail: str | None = None) -> None:
        self.done, self.total = done, total
        if detail is not None:
            self.detail = detail

    @property
    def running(self) -> bool:
        return self.finished is None

    def fraction(self) -> float:
        return min(1.0, self.done / self.total) if self.total else 0.0

    def describe(self) -> str:
        """ "Đang nạp tài liệu: 2/5 tệp — Mặc định · đã 12 giây · còn khoảng 18 giây"."""
        spent = (self.finished or time.time()) - self.started
        parts = [self.title]
        if self.total:
            parts[0] += f": {self.done}/{self.total} {self.unit}"
        if self.detail:
            parts[0] += f" — {self.detail}"
        parts.append(f"đã {duration(spent)}")
        if self.total and 0 < self.done < self.total:
            parts.append(f"còn khoảng {duration(spent / self.done * (self.total - self.done))}")
        elif self.total and self.done == 0:
            parts.append("đang ước tính thời gian còn lại")
        return " · ".join(parts)


def follow(job: Job) -> None:
    """Show the job's progress until it ends (a bar with counts, time spent and time left)."""
    bar = st.progress(job.fraction(), text=job.describe())
    while job.running:
        time.sleep(0.4)
        bar.progress(job.fraction(), text=job.describe())
    bar.empty()
