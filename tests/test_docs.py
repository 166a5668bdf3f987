"""The docs cover the plugin contract: every hook has a section headed by its signature."""

from __future__ import annotations

import inspect
from pathlib import Path

from smarketing import hookspecs

DOCS = Path(__file__).parent.parent / "docs"


def _hooks() -> list[tuple[str, str]]:
    found = []
    for name, function in inspect.getmembers(hookspecs, inspect.isfunction):
        if not hasattr(function, "smarketing_spec"):
            continue
        annotations = function.__annotations__
        parameters = ", ".join(
            f"{parameter}: {annotations[parameter]}"
            for parameter in inspect.signature(function).parameters
        )
        found.append((name, f"{name}({parameters}) -> {annotations['return']}"))
    return found


def test_there_are_hooks() -> None:
    assert [name for name, _ in _hooks()] == ["register_adapters"]


def test_every_hook_is_documented_with_its_exact_signature() -> None:
    text = (DOCS / "hooks.md").read_text()
    for name, signature in _hooks():
        assert f"## {signature}\n" in text, f"docs/hooks.md has no section '## {signature}'"
        assert hookspecs.__dict__[name].__doc__, f"hook {name} has no docstring"
