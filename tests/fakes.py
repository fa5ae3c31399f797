"""Honest stand-ins for what cannot run in a test: a chat model that streams scripted replies."""

from __future__ import annotations

from assistant.llm import ChatBackend


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
