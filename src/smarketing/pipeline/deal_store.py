"""Where a pass holds its deals past ``deals_in_memory``: the store the pipeline injects.

The pass (:class:`~smarketing.measuring.one_pass.Pass`) holds deals in memory
and does no I/O; past its limit it hands them to the
:data:`~smarketing.measuring.deal_state.SpillDeals` it was given. The pipeline
gives :func:`on_disk`, which holds them in a private temporary SQLite file
(:mod:`smarketing.pipeline.spill`); SQLite is loaded only when deals spill.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from smarketing.measuring.deal_state import DealState, DealStore

__all__ = ["DEALS_IN_MEMORY", "on_disk"]

#: Deals held in memory by a reading's pass before the rest are held on disk (about 30 MB).
DEALS_IN_MEMORY = 50_000


def on_disk(
    states: Sequence[DealState], by_lead: Iterable[tuple[str, Sequence[tuple[int, DealState]]]]
) -> DealStore:
    """The deals held so far, and every one after, in a temporary SQLite file."""
    from smarketing.pipeline.spill import SpilledDeals  # SQLite: only when deals spill

    return SpilledDeals(states, by_lead)
