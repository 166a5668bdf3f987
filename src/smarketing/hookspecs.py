"""The hooks a smarketing plugin can implement.

A plugin is a module or object with functions decorated by
:data:`smarketing.hookimpl`, found through the ``smarketing`` entry-point
group. Each hook hands the plugin a ``register`` callback: the core checks,
names and de-duplicates what plugins give it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from smarketing.contract import Adapter

__all__ = ["hookimpl", "hookspec", "register_adapters"]

#: Marks a hook specification of smarketing.
hookspec = pluggy.HookspecMarker("smarketing")
#: Marks a plugin's implementation of a smarketing hook.
hookimpl = pluggy.HookimplMarker("smarketing")


@hookspec
def register_adapters(register: Callable[[Adapter], None]) -> None:
    """Register record adapters: call ``register(adapter)`` once for each.

    An adapter turns outside data (a file, a connection, an iterable) into
    :class:`~smarketing.records.Lead` and :class:`~smarketing.records.Deal`
    records; see :class:`smarketing.contract.Adapter` for what it must have.
    Its ``name`` must be unique among the installed adapters.
    """
