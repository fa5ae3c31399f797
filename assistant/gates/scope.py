"""An administrator's scope for a deployment (off by default): "chỉ công tác đảng", or any short
description. Off, the library's evidence alone decides what is answered."""

from __future__ import annotations

import numpy as np

from assistant.gates.evidence import NULL_PROBES

# A question is in scope when it is closer to the scope's description than the questions no
# party-work library answers usually are, by this many standard deviations of theirs.
SCOPE_SIGMAS = 1.0


class Scope:
    def __init__(self, description: str, embed) -> None:
        self.description = description
        self._embed = embed
        self._vec: np.ndarray | None = None
        self._cut: float | None = None

    def _ready(self) -> tuple[np.ndarray, float]:
        if self._vec is None or self._cut is None:
            self._vec = self._embed(self.description)
            sims = np.array([float(self._embed(p) @ self._vec) for p in NULL_PROBES])
            self._cut = float(sims.mean() + SCOPE_SIGMAS * sims.std())
        return self._vec, self._cut

    def allows(self, query_vector: np.ndarray) -> bool:
        vec, cut = self._ready()
        return float(query_vector @ vec) > cut
