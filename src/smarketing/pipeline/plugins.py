"""Finding adapters: built-in ones and those installed through the ``smarketing`` entry points.

Plugins load lazily, once, the first time adapters are asked for; never on
``import smarketing``. The environment variable ``SMARKETING_PLUGINS``
restricts which installed plugins load: a comma-separated list of
entry-point names (empty for none). Built-in adapters always load.
"""

from __future__ import annotations

import importlib
import os
import re
from typing import Any

import pluggy

from smarketing import hookspecs
from smarketing.contract import Adapter, Option
from smarketing.errors import AdapterError, SmarketingError, UnknownAdapter

__all__ = [
    "DEFAULT_PLUGINS",
    "ENTRY_POINT_GROUP",
    "PLUGINS_VARIABLE",
    "adapter_providers",
    "get_adapter",
    "get_adapters",
    "get_plugin_manager",
    "make_plugin_manager",
]

#: The entry-point group third-party plugins declare.
ENTRY_POINT_GROUP = "smarketing"
#: The environment variable that restricts which installed plugins load.
PLUGINS_VARIABLE = "SMARKETING_PLUGINS"
#: The built-in plugins, registered after the installed ones.
DEFAULT_PLUGINS = (
    "smarketing.adapters.csv",
    "smarketing.adapters.hubspot",
    "smarketing.adapters.records",
    "smarketing.adapters.sql",
)
_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")
_manager: pluggy.PluginManager | None = None


def make_plugin_manager(*, entry_points: bool = True) -> pluggy.PluginManager:
    """A new plugin manager with the hook specifications, the installed and the built-in plugins."""
    manager = pluggy.PluginManager(ENTRY_POINT_GROUP)
    manager.add_hookspecs(hookspecs)
    if entry_points:
        allowed = os.environ.get(PLUGINS_VARIABLE)
        if allowed is None:
            manager.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
        else:
            for name in filter(None, (part.strip() for part in allowed.split(","))):
                manager.load_setuptools_entrypoints(ENTRY_POINT_GROUP, name=name)
    for module_name in DEFAULT_PLUGINS:
        module = importlib.import_module(module_name)
        if not manager.is_registered(module):
            manager.register(module, name=module_name)
    return manager


def get_plugin_manager() -> pluggy.PluginManager:
    """The process's plugin manager, made on first use."""
    global _manager  # one lazily made manager per process, as llm does
    if _manager is None:
        _manager = make_plugin_manager()
    return _manager


def _collect(manager: pluggy.PluginManager) -> dict[str, tuple[Adapter, str]]:
    """Every adapter with the plugin that registers it, the hook called once a plugin.

    The hook is called through pluggy (a caller of ``manager.hook``'s, with the
    other plugins that register adapters left out), so that its wrappers and
    monitoring run and each adapter is known by the plugin that registered it.
    """
    found: dict[str, tuple[Adapter, str]] = {}
    providers = [
        implementation
        for implementation in manager.hook.register_adapters.get_hookimpls()
        if not (implementation.wrapper or implementation.hookwrapper)
    ]
    for implementation in providers:
        plugin_name = implementation.plugin_name

        def register(adapter: Any, plugin_name: str = plugin_name) -> None:
            _check(adapter, plugin_name)
            if adapter.name in found:
                raise AdapterError(
                    f"plugin {plugin_name!r} registers an adapter named {adapter.name!r}, a name "
                    f"plugin {found[adapter.name][1]!r} already uses: rename one of them"
                )
            found[adapter.name] = (adapter, plugin_name)

        others = [other.plugin for other in providers if other.plugin is not implementation.plugin]
        call = manager.subset_hook_caller("register_adapters", remove_plugins=others)
        try:
            call(register=register)
        except SmarketingError:
            raise
        except Exception as error:
            raise AdapterError(
                f"plugin {plugin_name!r} failed while registering its adapters: {error}; "
                f"fix or uninstall it, or leave it out of {PLUGINS_VARIABLE}"
            ) from error
    return found


def _check(adapter: Any, plugin_name: str) -> None:
    problems = []
    name = getattr(adapter, "name", None)
    if not isinstance(name, str) or not _NAME.match(name):
        problems.append(f"a name of lower-case letters, digits, - or _ (got {name!r})")
    if not isinstance(getattr(adapter, "description", None), str):
        problems.append("a description (text)")
    options = getattr(adapter, "options", None)
    if not isinstance(options, list | tuple) or not all(isinstance(o, Option) for o in options):
        problems.append("options, a sequence of smarketing.pipeline.reading.Option")
    for method in ("leads", "deals"):
        if not callable(getattr(adapter, method, None)):
            problems.append(f"a {method}(source, options, report) method")
    if problems:
        raise AdapterError(
            f"plugin {plugin_name!r} registered {adapter!r}, which is not an adapter: it needs "
            + "; ".join(problems)
        )


def get_adapters(manager: pluggy.PluginManager | None = None) -> dict[str, Adapter]:
    """Every installed adapter by name."""
    return {name: pair[0] for name, pair in _collect(manager or get_plugin_manager()).items()}


def adapter_providers(manager: pluggy.PluginManager | None = None) -> dict[str, str]:
    """The plugin that provides each adapter, by adapter name."""
    return {name: pair[1] for name, pair in _collect(manager or get_plugin_manager()).items()}


def get_adapter(name: str, manager: pluggy.PluginManager | None = None) -> Adapter:
    """The adapter called ``name``; :class:`UnknownAdapter` lists the installed ones otherwise."""
    adapters = get_adapters(manager)
    try:
        return adapters[name]
    except KeyError:
        raise UnknownAdapter(
            f"no adapter named {name!r}; installed adapters: {', '.join(sorted(adapters))}. "
            f"A third-party adapter is found through the {ENTRY_POINT_GROUP!r} entry point"
            + (
                f" (check {PLUGINS_VARIABLE}, which restricts the plugins that load)"
                if PLUGINS_VARIABLE in os.environ
                else ""
            )
        ) from None
