"""The layout shows the pipeline: data flows one way, and nothing imports a later stage.

The stages, in order (a module may import its own stage and earlier ones):

  base       kg.model, kg.errors, kg.namespaces, kg.chars, kg.files, kg.ontology
  ingest     kg.ingest        files -> structured documents
  extractors kg.extractors    documents -> mentions
  run        kg.run           one file -> one extracted report; engines, cache
  graph      kg.graph         reports -> triples, graph files, validation
  analysis   kg.analysis      facts -> rows
  query      kg.query         SPARQL, store, endpoint
  output     kg.output        files for people and tools
  pipeline   kg.pipeline, kg.evaluate, kg.nlp    drive the stages
  cli        kg.cli           the command line on top

Imports are read from the source (AST), function-level ones included, so a
lazy import cannot hide a backward dependency or a cycle.
"""

from __future__ import annotations

import ast
import os
import re
import sys
from pathlib import Path

import pytest

import kg

PACKAGE = Path(kg.__file__).resolve().parent

#: (stage, module prefixes), in pipeline order.
STAGES = (
    ("base", ("kg.model", "kg.errors", "kg.namespaces", "kg.chars", "kg.files", "kg.ontology")),
    ("ingest", ("kg.ingest",)),
    ("extractors", ("kg.extractors",)),
    ("run", ("kg.run",)),
    ("graph", ("kg.graph",)),
    ("analysis", ("kg.analysis",)),
    ("query", ("kg.query",)),
    ("output", ("kg.output",)),
    ("pipeline", ("kg.pipeline", "kg.evaluate", "kg.nlp")),
    ("cli", ("kg.cli",)),
)


def _modules() -> dict[str, Path]:
    found = {}
    # os.walk follows kg/extractors and kg/ontology, links to the client's top-level folders.
    paths = (Path(root) / f for root, _, files in os.walk(PACKAGE, followlinks=True) for f in files)
    for path in sorted(p for p in paths if p.suffix == ".py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = (
            ".".join(("kg", *parts[:-1])) if parts[-1] == "__init__" else ".".join(("kg", *parts))
        )
        found[name] = path
    return found


MODULES = _modules()


def stage_of(module: str) -> int:
    for index, (_, prefixes) in enumerate(STAGES):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return index
    raise AssertionError(f"{module} belongs to no stage: add it to STAGES in {__file__}")


def _imports(module: str) -> list[tuple[str, int, bool]]:
    """(imported kg module, line, inside a function) for every import of ``module``."""
    path = MODULES[module]
    tree = ast.parse(path.read_text("utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    nested = {
        id(node)
        for func in ast.walk(tree)
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef))
        for node in ast.walk(func)
    }
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            # `from kg.output import tables` imports the module kg.output.tables.
            names = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names
            ]
        for name in names:
            if name == "kg" or name.startswith("kg."):
                while name not in MODULES and "." in name:
                    name = name.rsplit(".", 1)[0]
                found.append((name, node.lineno, id(node) in nested))
    return found


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_later_stage(module):
    if module == "kg":
        return  # the package's lazy API names (PEP 562) point at the top on purpose
    mine = stage_of(module)
    backward = [
        f"line {line}: {target} ({STAGES[stage_of(target)][0]})"
        for target, line, _ in _imports(module)
        if target != "kg" and stage_of(target) > mine
    ]
    assert not backward, f"{module} ({STAGES[mine][0]}) imports a later stage: {backward}"


def test_no_import_cycles():
    graph = {m: {t for t, _, _ in _imports(m) if t not in ("kg", m)} for m in MODULES if m != "kg"}
    # Importing a package runs its __init__: a module inside a package depends on it too.
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt) :] + [nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def _commented(lines: list[str], node: ast.stmt) -> bool:
    """A comment on the import, or above the block of imports it belongs to."""
    if any("#" in line for line in lines[node.lineno - 1 : node.end_lineno]):
        return True
    i = node.lineno - 2
    while (
        i >= 0
        and lines[i].strip().startswith(("import ", "from ", ")"))
        or (i >= 0 and lines[i].startswith(" ") and lines[i].strip().endswith(","))
    ):
        i -= 1
    return i >= 0 and lines[i].strip().startswith("#")


@pytest.mark.parametrize("module", sorted(MODULES))
def test_function_level_imports_say_why(module):
    path = MODULES[module]
    lines = path.read_text("utf-8").splitlines()
    tree = ast.parse("\n".join(lines))
    silent = []
    for func in ast.walk(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(func):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and not _commented(lines, node):
                silent.append(node.lineno)
    assert not silent, (
        f"{path.relative_to(PACKAGE.parent)}: function-level imports without a comment saying "
        f"why (start-up time, an optional dependency ...) at lines {silent}"
    )


def test_every_stage_package_says_what_it_does_in_one_line():
    for name, path in MODULES.items():
        if path.name == "__init__.py" and name.count(".") == 1:
            doc = ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""
            assert doc and len(doc.splitlines()[0]) <= 110, f"{name}: no one-line docstring"


def test_the_installed_package_is_kg_alone():
    import tomllib

    project = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text("utf-8"))
    packages = project["tool"]["setuptools"]["packages"]
    assert {p.split(".")[0] for p in packages} == {"kg"}
    on_disk = {n for n, p in MODULES.items() if p.name == "__init__.py"}
    assert set(packages) == on_disk, "pyproject's package list and the package folders differ"


def _third_party_imports() -> dict[str, set[str]]:
    """Top-level third-party modules imported (or found, to read their files) by each kg module."""
    found: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "find_spec"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):  # importlib.util.find_spec("pyvis"): a package whose files are used
                names = [node.args[0].value]
            for name in names:
                top = name.split(".")[0]
                if top != "kg" and top not in sys.stdlib_module_names:
                    found.setdefault(top, set()).add(module)
    return found


def _requirement_names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower() for r in requirements}


def test_dependencies_match_the_imports():
    import importlib.metadata
    import tomllib

    project = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text("utf-8"))["project"]
    core = _requirement_names(project["dependencies"])
    extras = {k: _requirement_names(v) for k, v in project["optional-dependencies"].items()}
    distributions = importlib.metadata.packages_distributions()
    imported: dict[str, set[str]] = {}
    for top, modules in _third_party_imports().items():
        for dist in distributions.get(top, [top]):
            imported.setdefault(dist.lower(), set()).update(modules)
    # An optional dependency is imported only by the module that needs it.
    optional = {"spacy": {"kg.nlp"}, "pyspark": {"kg.run.spark"}}
    for dist, modules in imported.items():
        if dist in optional:
            assert modules <= optional[dist], f"{dist} is optional but imported by {modules}"
            assert any(dist in names for names in extras.values()), f"{dist}: in no extra"
        else:
            assert dist in core, f"{dist} is imported by {sorted(modules)} but not a dependency"
    unused = core - set(imported)
    assert not unused, f"dependencies never imported: {sorted(unused)}"
