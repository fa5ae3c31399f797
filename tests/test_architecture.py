"""The architecture as the README states it: the package table's import rules, no import cycles,
the CLI as a leaf, the environment read in one module, tests mirroring the source tree."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("ingest", "assistant", "evals", "ui")
# Modules with no behaviour of their own (re-exports, entry points, app pages covered by the UI
# tests): they need no test module of their own.
NO_OWN_TESTS = {
    "ingest",
    "assistant",
    "evals",
    "ui",
    "ingest.errors",
    "ingest.storage",
    "ingest.loaders.base",
    "assistant.retrieval",
    "assistant.retrieval.config",
    "assistant.answer.citations",
    "assistant.outline",
    "assistant.practice",
    "evals.commands",
    "evals.bench",
    "evals.bench.workers",
    "evals.bench.report",
    "evals.calibrate",
    "ui.commands",
    "ui.app",
    "ui.screenshots",
    # ui.common's modules, one per concern: tested through ui.common (tests/ui/test_common.py)
    # and the page tests
    "ui.common.access",
    "ui.common.citations",
    "ui.common.config",
    "ui.common.formatting",
    "ui.common.jobs",
    "ui.common.loading",
    "ui.common.messages",
    "ui.common.page",
    "ui.common.sidebar",
    "ui.common.uploads",
    "ui.views.danh_gia",
    "ui.views.de_cuong",
    "ui.views.hoi_dap",
    "ui.views.tai_lieu",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_modules() -> dict[str, Path]:
    return {
        module_name(p): p
        for pkg in PACKAGES
        for p in sorted((ROOT / pkg).rglob("*.py"))
        if "__pycache__" not in p.parts
    }


MODULES = source_modules()


def imports_of(name: str, path: Path) -> set[str]:
    """Project modules imported anywhere in a module (top level and inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            # "from pkg import mod" imports the module pkg.mod when it is one
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__" and node.args:
            arg = node.args[0]
            targets = [arg.value] if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else []
        else:
            continue
        for t in targets:
            while t and t not in MODULES:
                t = t.rpartition(".")[0]
            if t and t != name:
                out.add(t)
    return out


GRAPH = {name: imports_of(name, path) for name, path in MODULES.items()}


def package_table() -> dict[str, set[str] | None]:
    """README, "Architecture": package → the packages it may import (None: anything)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    table: dict[str, set[str] | None] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        names = re.findall(r"`([\w.]+)`", cells[0])
        allowed = None if "anything" in cells[2] else set(re.findall(r"`([\w.]+)`", cells[2]))
        for n in names:
            table[n] = allowed
    return table


TABLE = package_table()


def row_of(module: str) -> str:
    """The most specific package row a module belongs to (`assistant` itself is an empty
    namespace for its sub-packages, each with a row of its own)."""
    if module == "assistant" and not MODULES[module].read_text().strip():
        return "assistant.service"
    candidates = [p for p in TABLE if module == p or module.startswith(p + ".")]
    assert candidates, f"{module} belongs to no package row of the README's Architecture table"
    return max(candidates, key=len)


def test_the_readme_table_covers_every_module():
    assert {"ingest", "assistant.cli", "evals", "ui"} <= set(TABLE)
    for name in MODULES:
        row_of(name)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_follow_the_package_table(name):
    own = row_of(name)
    allowed = TABLE[own]
    if allowed is None:
        return
    for target in GRAPH[name]:
        theirs = row_of(target)
        ok = theirs == own or any(theirs == a or theirs.startswith(a + ".") for a in allowed)
        assert ok, f"{name} imports {target} ({theirs}), which the README does not allow for {own}"


def test_no_import_cycles():
    # Tarjan's strongly connected components over module imports (lazy imports included).
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in GRAPH:
        if v not in index:
            visit(v)
    assert not cycles, f"import cycles: {cycles}"


def test_nothing_imports_the_cli():
    importers = [n for n, targets in GRAPH.items() if "assistant.cli" in targets]
    assert importers == []


def test_the_environment_is_read_in_one_module():
    readers = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv") and name != "ingest.settings":
                readers.append(f"{name}:{node.lineno}")
    assert readers == []


# The databases and who may speak SQL to them: the index (documents, chunks, corrections) only
# through its SQLite store, ingest.storage.rows (ingest.store composes it, speaking no SQL itself);
# the turn log, the practice notebook and the vector cache are their modules' own.
SQL_OWNERS = {
    "ingest.storage.rows",
    "assistant.turnlog",
    "assistant.practice.session",
    "ingest.embedders",
    "evals.load",
}
# The index's stores by role (SQLite rows, Chroma vectors, BM25 keywords), reached only through
# the facade that composes them.
STORAGE = "ingest.storage"
STORAGE_FACADE = "ingest.store"


def test_no_sql_outside_the_storage_modules():
    speakers = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("execute", "executemany") and name not in SQL_OWNERS:
                speakers.append(f"{name}:{node.lineno}")
            # nobody reaches into the index's SQLite connection
            if isinstance(node, ast.Attribute) and node.attr == "db" and name not in SQL_OWNERS:
                if (
                    isinstance(node.value, ast.Attribute)
                    and node.value.attr == "index"
                    or (isinstance(node.value, ast.Name) and node.value.id in ("index", "idx"))
                ):
                    speakers.append(f"{name}:{node.lineno}")
    assert speakers == []


def test_the_stores_are_reached_only_through_the_index():
    assert {f"{STORAGE}.rows", f"{STORAGE}.vectors", f"{STORAGE}.keywords"} <= set(MODULES)
    importers = [
        name
        for name, targets in GRAPH.items()
        if name != STORAGE_FACADE
        and not name.startswith(STORAGE + ".")
        and any(t == STORAGE or t.startswith(STORAGE + ".") for t in targets)
    ]
    assert importers == []


def test_one_chunk_type():
    defined = [
        f"{name}.{node.name}"
        for name, path in MODULES.items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and "chunk" in node.name.lower()
    ]
    assert defined == ["ingest.model.Chunk"]


def test_tests_mirror_the_source_tree():
    missing = []
    for name, path in MODULES.items():
        if name in NO_OWN_TESTS:
            continue
        rel = path.relative_to(ROOT)
        stem = rel.parent.name if path.name == "__init__.py" else path.stem
        folder = rel.parent.parent if path.name == "__init__.py" else rel.parent
        candidates = [ROOT / "tests" / folder / f"test_{stem}.py"]
        if path.name == "__init__.py":
            candidates.append(ROOT / "tests" / rel.parent / "test_init.py")
        if not any(c.exists() for c in candidates):
            missing.append(f"{name} → {candidates[0].relative_to(ROOT)}")
    assert missing == []


# Small units (issue 25): a function longer than this, or a class, is split by what it does.
MAX_FUNCTION_LINES = 80
MAX_CLASS_LINES = 300


def test_functions_and_classes_stay_small():
    large = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                limit = MAX_FUNCTION_LINES
            elif isinstance(node, ast.ClassDef):
                limit = MAX_CLASS_LINES
            else:
                continue
            if node.end_lineno - node.lineno + 1 > limit:
                large.append(f"{name}.{node.name}: {node.end_lineno - node.lineno + 1} lines")
    assert large == []
