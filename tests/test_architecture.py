"""The layers of smarketing: no import cycle, no private name across modules, no upward import.

Every ``import`` and ``from ... import`` of every module under src/smarketing
counts, wherever it is: at the top, inside a function (deferring an import does
not remove the dependency) and under ``if TYPE_CHECKING:`` (a type a module
names is a dependency too). docs/architecture.md draws the picture this test
holds the code to.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

import smarketing

# the package as installed: src/ in a checkout, site-packages for the built wheel's tests
SOURCE = Path(smarketing.__file__).resolve().parent.parent
PACKAGE = "smarketing"

#: Each layer's modules (a name ending in ``.*`` is a package's modules).
LAYERS: dict[str, tuple[str, ...]] = {
    "base": (
        "errors",
        "records",
        "_numbers",
        "_display",
        "_time",
        "_timestamps",
        "parsing",
        "frames",
    ),
    "contract": ("contract", "hookspecs"),
    "planning": ("planning", "planning.*"),
    "measuring": ("measuring", "measuring.*"),
    "adapters": ("adapters", "adapters.*"),
    "pipeline": ("pipeline", "pipeline.*", "testing"),
    "config": ("config", "config.*"),
    "reporting": ("reporting", "reporting.*"),
    "app": ("", "__main__", "api", "results", "cli", "cli.*", "demo"),
}
#: The layers each layer may import, besides its own.
MAY_IMPORT: dict[str, frozenset[str]] = {
    "base": frozenset(),
    "contract": frozenset({"base"}),
    "planning": frozenset({"base"}),
    "measuring": frozenset({"base", "planning"}),
    # an adapter that counts inside its own engine (the sql push-down) uses the pure core
    "adapters": frozenset({"base", "contract", "planning", "measuring"}),
    "pipeline": frozenset({"base", "contract", "planning", "measuring", "adapters"}),
    "config": frozenset({"base", "contract", "planning", "measuring", "adapters", "pipeline"}),
    "reporting": frozenset({"base", "contract", "planning", "measuring"}),
    "app": frozenset(LAYERS),
}


def modules(root: Path = SOURCE) -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: Mapping[str, Path]) -> Iterator[tuple[str, str, int]]:
    """(module imported, name imported or "", line) for each smarketing import of a module."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, "", node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = name.split(".") if is_package else name.split(".")[:-1]
                parent = parent[: len(parent) - (node.level - 1)]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            for alias in node.names:
                if f"{base}.{alias.name}" in known:  # from a package import one of its modules
                    yield f"{base}.{alias.name}", "", node.lineno
                else:
                    yield base, alias.name, node.lineno


def owner(target: str, known: Mapping[str, Path]) -> str | None:
    """The smarketing module an imported dotted name belongs to, or ``None`` for another package."""
    if target != PACKAGE and not target.startswith(PACKAGE + "."):
        return None
    while target not in known:
        target = target.rpartition(".")[0]
    return target


def graph(known: Mapping[str, Path]) -> dict[str, set[str]]:
    """Each module's arrows to the other smarketing modules it imports."""
    edges: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        for target, _, _ in imports(name, path, known):
            module = owner(target, known)
            if module is not None and module != name:
                edges[name].add(module)
    return edges


def cycles(edges: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def layer_of(module: str) -> str | None:
    """The layer a module is in, by the table (``None``: in none)."""
    short = module.removeprefix(PACKAGE).removeprefix(".")
    for layer, names in LAYERS.items():
        for entry in names:
            if short == entry or (entry.endswith(".*") and short.startswith(entry[:-1])):
                return layer
    return None


KNOWN = modules()
EDGES = graph(KNOWN)


def test_the_table_knows_every_module() -> None:
    """A new module is placed in a layer of the table (and here, of the docs' picture)."""
    assert [module for module in KNOWN if layer_of(module) is None] == []
    assert set(MAY_IMPORT) == set(LAYERS)


def test_no_import_cycle() -> None:
    """No two modules import each other, directly or around a loop, wherever the import is."""
    assert cycles(EDGES) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check can fail: a loop of three, and a pair, are found; a chain is not a cycle."""
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"e"}, "e": {"d", "a"}, "f": {"a"}}
    assert cycles(edges) == [["a", "b", "c"], ["d", "e"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_no_private_name_imported_from_another_module() -> None:
    """``from smarketing.x import _y`` is a private name crossing a module: make it public."""
    private = [
        f"{name} imports {imported} from {target} (line {line})"
        for name, path in KNOWN.items()
        for target, imported, line in imports(name, path, KNOWN)
        if owner(target, KNOWN) not in (None, name)
        and imported.startswith("_")
        and not imported.startswith("__")
    ]
    assert private == []


def test_no_layer_imports_a_higher_one() -> None:
    """Each import stays in its layer or goes to one the table lets it import."""
    upward = [
        f"{name} ({layer_of(name)}) imports {target} ({layer_of(target)})"
        for name, targets in EDGES.items()
        for target in sorted(targets)
        if layer_of(target) != layer_of(name)
        and layer_of(target) not in MAY_IMPORT[layer_of(name) or "app"]
    ]
    assert upward == []


@pytest.mark.parametrize("module", ["smarketing.contract", "smarketing.hookspecs"])
def test_the_contract_imports_only_records_and_errors(module: str) -> None:
    """What every adapter imports depends on nothing of the pipeline."""
    # _display (the figures of the reprs) is a leaf of the base: it imports nothing of smarketing
    allowed = {
        "smarketing.records",
        "smarketing.errors",
        "smarketing.contract",
        "smarketing._display",
    }
    assert EDGES[module] <= allowed


def test_adapters_import_the_contract_not_the_pipeline() -> None:
    """No adapter imports reading, the pass or the reports."""
    for module, targets in EDGES.items():
        if layer_of(module) == "adapters":
            assert {layer_of(target) for target in targets} <= {
                "base",
                "contract",
                "adapters",
                "planning",
                "measuring",
            }


def test_parts_is_an_explicit_optional_capability() -> None:
    """``Partitioned`` names the ``parts`` capability: csv and hubspot have it, records not."""
    from smarketing.adapters.csv import CsvAdapter
    from smarketing.adapters.hubspot import HubSpotAdapter
    from smarketing.adapters.records import RecordsAdapter
    from smarketing.contract import Partitioned

    assert isinstance(CsvAdapter(), Partitioned)
    assert isinstance(HubSpotAdapter(), Partitioned)
    assert not isinstance(RecordsAdapter(), Partitioned)
