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


def test_every_public_name_is_in_the_api_reference() -> None:
    import smarketing
    from smarketing import errors

    text = (DOCS / "api.md").read_text()
    documented = set(errors.__all__) | {"hookimpl", "Count", "HUBSPOT_STAGES"}
    documented |= {"UNASSIGNED", "UNKNOWN_SOURCE"}  # constants, described in docs/measuring.md
    missing = [
        name
        for name in smarketing.__all__
        if name not in documented and f"smarketing.{name}\n" not in text
    ]
    assert not missing, f"docs/api.md does not document: {missing}"
