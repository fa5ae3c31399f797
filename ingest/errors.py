"""Domain exceptions whose messages tell a person what to do next."""

from __future__ import annotations


class ChiboError(Exception):
    """Base class: the CLI prints the message on one line and exits non-zero."""


class NoIndexError(ChiboError):
    def __init__(self, index_dir):
        super().__init__(f"No index at {index_dir}: run `chibo ingest corpus/` first.")


class EmbedderMismatchError(ChiboError):
    def __init__(self, index_dir, built_with: str, requested: str):
        super().__init__(
            f"The index at {index_dir} was built with embedder '{built_with}', not '{requested}': "
            f"query it with --embedder {built_with}, or rebuild it with "
            f"`chibo ingest --rebuild --embedder {requested}`."
        )


class UnknownBackendError(ChiboError):
    def __init__(self, kind: str, name: str, known: list[str]):
        super().__init__(f"Unknown {kind} '{name}'. Supported: {', '.join(known)}.")


class BackendUnavailableError(ChiboError):
    """A model backend that was chosen cannot be reached or loaded."""


class IngestFileError(ChiboError):
    """One file could not be ingested; the message names the file and the reason."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class IndexBusyError(ChiboError):
    def __init__(self, index_dir):
        super().__init__(
            f"Another ingest is writing to {index_dir}: wait for it to finish, then run again."
        )
