"""`chibo ui` as a service manager runs it: a signal stops the server itself, no orphan keeps the port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time

import pytest

from tests.ui.browser import children_of, processes_mentioning
from ui.serve import chibo_ui_command, free_port, wait_healthy


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _alive(pid: int) -> bool:
    try:
        state = open(f"/proc/{pid}/stat").read().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_server_and_leaves_no_orphan(corpus_index, sig):
    port = free_port()
    proc = subprocess.Popen(
        chibo_ui_command(port),
        env={**os.environ, "CHIBO_HOME": str(corpus_index.home)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_healthy(f"http://127.0.0.1:{port}", proc)
        # `chibo ui` is the server: one process mentions the port, none is a separate Streamlit
        assert processes_mentioning(f"--port {port} ") == [proc.pid]
        assert processes_mentioning(f"--server.port {port} ") == []
        kids = children_of(proc.pid)
        # The signal lands while the warm-up thread is still loading models: it must not hold the exit.
        proc.send_signal(sig)
        proc.wait(timeout=30)
        time.sleep(0.5)
        assert not _listening(port)
        assert processes_mentioning(f"--port {port} ") == []
        assert processes_mentioning(f"--server.port {port} ") == []
        assert [k for k in kids if _alive(k)] == []
    finally:
        if proc.poll() is None:
            proc.kill()
