"""Answer backends chosen by id from one registry: `extractive` (default, no model),
`openai-compatible`, `llamacpp`. Every generated answer passes a citation check or falls back
to the extractive one. A new backend is a module here and a `register(...)` line below."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.llm.base import FALLBACK_NOTICE, ChatBackend, build_messages, check_citations
from ingest.errors import UnknownBackendError
from ingest.settings import Settings


@dataclass(frozen=True)
class BackendInfo:
    id: str
    label: str  # what the app shows (Vietnamese)
    factory: Callable[[Settings, dict], ChatBackend | None]


def _openai(settings: Settings, options: dict) -> ChatBackend:
    from assistant.llm.openai import OpenAICompatibleBackend

    return OpenAICompatibleBackend(
        base_url=options.get("base_url") or settings.llm_base_url,
        model=options.get("model") or settings.llm_model,
        api_key=options.get("api_key") or settings.llm_api_key,
        **{k: options[k] for k in ("temperature", "timeout") if k in options},
    )


def _llamacpp(settings: Settings, options: dict) -> ChatBackend:
    from assistant.llm.llamacpp import LlamaCppBackend

    return LlamaCppBackend(model_path=options.get("model_path") or options.get("model") or settings.llamacpp_model)


BACKENDS: dict[str, BackendInfo] = {}


def register(info: BackendInfo) -> None:
    BACKENDS[info.id] = info


register(BackendInfo("extractive", "Trích dẫn nguyên văn (không dùng mô hình)", lambda _s, _o: None))
register(BackendInfo("openai-compatible", "Máy chủ tương thích OpenAI (Ollama, vLLM…)", _openai))
register(BackendInfo("llamacpp", "Tệp GGUF trên máy (llama.cpp)", _llamacpp))


def get_backend(backend_id: str, settings: Settings | None = None, **options) -> ChatBackend | None:
    """The answer backend for an id (None for extractive); options override settings:
    base_url, model, api_key, model_path, temperature, timeout."""
    info = BACKENDS.get(backend_id)
    if info is None:
        raise UnknownBackendError("backend", backend_id, list(BACKENDS))
    return info.factory(settings or Settings(), {k: v for k, v in options.items() if v is not None})


__all__ = [
    "BACKENDS",
    "FALLBACK_NOTICE",
    "BackendInfo",
    "ChatBackend",
    "build_messages",
    "check_citations",
    "get_backend",
]
