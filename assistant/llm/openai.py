"""Any OpenAI-compatible server through LangChain's ChatOpenAI: Ollama (/v1), vLLM, llama.cpp's
server, LM Studio or a hosted API."""

from __future__ import annotations

from assistant.llm.base import ChatBackend
from ingest.errors import BackendUnavailableError

DEFAULT_BASE_URL = "http://127.0.0.1:11434/v1"
DEFAULT_MODEL = "qwen2.5:7b-instruct"


class OpenAICompatibleBackend(ChatBackend):
    """Any OpenAI-compatible server: Ollama (/v1), vLLM, llama.cpp server, LM Studio, hosted APIs."""

    id = "openai-compatible"

    def __init__(
        self,
        base_url: str | None = None,
        model: str | None = None,
        api_key: str | None = None,
        temperature: float = 0.1,
        timeout: float = 120,
    ) -> None:
        super().__init__()
        self.base_url = base_url or DEFAULT_BASE_URL
        self.model_name = model or DEFAULT_MODEL
        self.api_key = api_key or "none"
        self.temperature = temperature
        self.timeout = timeout

    def model(self):
        if self._model is None:
            try:
                from langchain_openai import ChatOpenAI
            except ImportError as exc:
                raise BackendUnavailableError(
                    "Backend 'openai-compatible' cần gói langchain-openai: pip install -e '.[llm]'"
                ) from exc
            self._model = ChatOpenAI(
                base_url=self.base_url,
                model=self.model_name,
                api_key=self.api_key,
                temperature=self.temperature,
                timeout=self.timeout,
                max_retries=0,
                max_tokens=400,
            )
        return self._model

    def check(self) -> str:
        """Connection test: the server's model list, or a clear error."""
        import httpx

        try:
            r = httpx.get(
                self.base_url.rstrip("/") + "/models", timeout=5, headers={"Authorization": f"Bearer {self.api_key}"}
            )
            r.raise_for_status()
            return ", ".join(m.get("id", "?") for m in r.json().get("data", [])) or "(không có mô hình)"
        except Exception as exc:
            raise BackendUnavailableError(
                f"Backend 'openai-compatible' không kết nối được tới {self.base_url}: {exc}"
            ) from exc

    def stream(self, messages):
        try:
            yield from self.model().stream(messages)
        except Exception as exc:
            raise BackendUnavailableError(
                f"Backend 'openai-compatible' không kết nối được tới {self.base_url}: {exc}"
            ) from exc
