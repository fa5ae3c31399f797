"""`chibo bench`: ingest speed against the embedder's floor, query latency and memory by size.

`run` drives the sizes, `workers` are the measured jobs (one process each), `report` checks
targets and writes Markdown and charts."""

from evals.bench.run import cli, run

__all__ = ["cli", "run"]
