"""``[input]`` and ``[input.spend]``: where the records and the spend come from.

The adapter named is looked up (when installed) to hold the options to its
own; paths are relative to the config file, database URLs kept as they are.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

import attrs

from smarketing.config.reading import Loader, Reader
from smarketing.contract import option_problem
from smarketing.errors import UnknownAdapter

__all__ = ["InputConfig", "SpendInput", "read_input"]


@attrs.frozen
class SpendInput:
    """``[input.spend]``: where the spend comes from, as data (a file, a table ...).

    ``adapter`` reads it (the ``csv`` adapter by default) with ``options``
    (``spend_mapping``, ``spend_currency``, ``day_first`` ...).
    """

    source: Any
    adapter: str
    options: Mapping[str, Any]


@attrs.frozen
class InputConfig:
    """Where the records come from: an adapter, its sources and options."""

    adapter: str
    leads: Any
    deals: Any
    options: Mapping[str, Any]
    strict: bool
    zone: str
    pushdown: bool = False
    workers: int = 1
    spend: SpendInput | None = None


def read_input(loader: Loader, table: Reader | None, aliases: dict[str, str]) -> InputConfig | None:
    """``[input]``: the adapter, its sources and options, and ``[input.spend]``."""
    if table is None:
        return None
    adapter = table.get("adapter", "text")
    leads = table.get("leads", "text", None)
    deals = table.get("deals", "text", None)
    options = dict(table.get("options", "mapping", {}))
    _check_options(table, adapter, options)
    if aliases:
        options["source_aliases"] = {**aliases, **options.get("source_aliases", {})}
    result = InputConfig(
        adapter=adapter,
        leads=_located(loader, leads),
        deals=_located(loader, deals),
        options=options,
        strict=table.get("strict", "flag", False),
        pushdown=table.get("pushdown", "flag", False),
        workers=table.get("workers", "workers", 1),
        zone=table.get("zone", "zone", "UTC"),
        spend=_spend_input(loader, table.table("spend"), aliases),
    )
    table.done()
    return result


def _spend_input(
    loader: Loader, table: Reader | None, aliases: dict[str, str]
) -> SpendInput | None:
    """``[input.spend]``: ``file`` (or a database URL), ``adapter`` and ``options``."""
    if table is None:
        return None
    adapter = table.get("adapter", "text", "csv")
    source = table.get("file", "text")
    options = dict(table.get("options", "mapping", {}))
    _check_options(table, adapter, options)
    if aliases:
        options["source_aliases"] = {**aliases, **options.get("source_aliases", {})}
    table.done()
    return SpendInput(source=_located(loader, source), adapter=adapter, options=options)


def _check_options(table: Reader, adapter_name: str, options: Mapping[str, Any]) -> None:
    """Hold ``[input.options]`` to the adapter's options, when that adapter is installed.

    An adapter not installed here is left to the reading, which names the
    installed ones: a config can still plan without it.
    """
    from smarketing.pipeline.plugins import get_adapter  # imported on use: pluggy, plugins

    try:
        adapter = get_adapter(adapter_name)
    except UnknownAdapter:
        return
    known = {option.name: option for option in adapter.options}
    for name, value in options.items():
        key = f"options.{name}"
        option = known.get(name)
        if option is None:
            near = difflib.get_close_matches(name, known, n=1)
            raise table.error(
                key,
                f"is not an option of the {adapter.name} adapter"
                + (f": did you mean {near[0]}? Its" if near else "; its")
                + f" options are: {', '.join(sorted(known)) or 'none'}",
            )
        problem = option_problem(option, value)
        if problem is not None:
            raise table.error(key, problem)


def _located(loader: Loader, source: str | None) -> str | None:
    """A file path relative to the config file; a URL (``sqlite:///...``) as it is."""
    if source is None or "://" in source:
        return source
    return str(loader.base / source)
