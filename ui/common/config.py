"""The settings the app runs with, and the answering backends' names."""

from __future__ import annotations

from ingest.settings import Settings

_SERVER_SETTINGS: Settings | None = None


def use_settings(value: Settings) -> None:
    """The settings `chibo ui` was started with (flags included); the app runs in that process."""
    global _SERVER_SETTINGS
    _SERVER_SETTINGS = value


def settings() -> Settings:
    return _SERVER_SETTINGS or Settings.from_env()


def backend_labels() -> dict[str, str]:
    from assistant.llm import BACKENDS

    return {b.id: b.label for b in BACKENDS.values()}
