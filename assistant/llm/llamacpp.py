"""A local GGUF file through llama-cpp-python, without a server."""

from __future__ import annotations

import os

from assistant.llm.base import ChatBackend
from ingest.errors import BackendUnavailableError


class LlamaCppBackend(ChatBackend):
    """A local GGUF file through llama-cpp-python (no server)."""

    id = "llamacpp"

    def __init__(self, model_path: str | None = None, n_ctx: int = 4096, **_ignored) -> None:
        super().__init__()
        self.model_path = model_path
        self.n_ctx = n_ctx

    def model(self):
        if self._model is None:
            if not self.model_path or not os.path.exists(self.model_path):
                raise BackendUnavailableError(
                    f"Backend 'llamacpp' cần đường dẫn tệp GGUF (--model hoặc CHIBO_LLAMACPP_MODEL): {self.model_path}"
                )
            try:
                from llama_cpp import Llama
            except ImportError as exc:
                raise BackendUnavailableError(
                    "Backend 'llamacpp' cần gói llama-cpp-python: pip install -e '.[llamacpp]'"
                ) from exc
            self._model = Llama(model_path=self.model_path, n_ctx=self.n_ctx, verbose=False)
        return self._model

    def stream(self, messages):
        role = {"system": "system", "human": "user"}
        chat = [{"role": role[r], "content": c} for r, c in messages]
        for part in self.model().create_chat_completion(chat, stream=True, max_tokens=400, temperature=0.1):
            delta = part["choices"][0].get("delta", {}).get("content")
            if delta:
                yield delta
