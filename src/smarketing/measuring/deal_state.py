"""What a pass holds of each deal while the leads stream by, in memory or on disk.

:class:`DealState` is the light state of one deal; :data:`Held` is what a
pass holds (the states in order, and for each lead id the deals naming it);
:func:`release` lets go of it. :mod:`smarketing.measuring.one_pass` builds and reads
them, :mod:`smarketing.pipeline.spill` writes them to disk and back: both import this
module, neither imports the other's private names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, NamedTuple, Protocol

from smarketing._time import Clock
from smarketing.records import Deal

__all__ = [
    "UNLINKED",
    "DealLink",
    "DealState",
    "DealStore",
    "DealsByLead",
    "Held",
    "SpillDeals",
    "release",
]


class DealLink(NamedTuple):
    """How a deal links to a lead read (the lowest rank wins).

    The lead's rank among the deal's lead ids, its source, its segment, when it was created.
    """

    rank: int
    source: str | None
    segment: str | None
    lead_created: datetime | None


class DealState:
    """What the pass keeps of a deal until its leads have streamed by: no more than it needs.

    Built from a :class:`~smarketing.records.Deal` by the pass, or field by
    field (through ``DealState.__new__``) by :mod:`smarketing.pipeline.spill` when it
    reads held deals back from disk.
    """

    __slots__ = (
        "amount",
        "closed",
        "created",
        "id",
        "lead_created",
        "lost_reason",
        "number",
        "own_source",
        "rank",
        "segment",
        "source",
        "status",
    )

    def __init__(self, deal: Deal, number: int, clock: Clock) -> None:
        self.id = deal.id
        self.number = number
        self.amount = deal.amount
        self.status = deal.status
        self.lost_reason = deal.lost_reason
        self.own_source = deal.source
        self.closed = None if deal.closed is None else clock.moment(deal.closed)
        self.created = None if deal.created is None else clock.moment(deal.created)
        self.rank: int
        self.source: str | None
        self.segment: str | None
        self.lead_created: datetime | None
        self.rank, self.source, self.segment, self.lead_created = UNLINKED


#: The link of a deal no lead read names (it ranks after every linked one).
UNLINKED = DealLink(1 << 30, None, None, None)


class DealStore(Protocol):
    """Deals held outside memory: both parts of :data:`Held` at once (the pipeline's spill).

    The pass appends the deals past its limit, calls :meth:`done` when the
    deals have all come, reads it as the states in order (iteration) and as the
    deals naming a lead id (``in``, :meth:`get`), saves the links it makes
    (:meth:`save`), and closes it at the end, whatever happens.
    """

    def append(self, state: DealState, lead_ids: Sequence[str]) -> None: ...
    def done(self) -> None: ...
    def close(self) -> None: ...
    def save(self, states: Iterable[DealState]) -> None: ...
    def __iter__(self) -> Iterator[DealState]: ...
    def __contains__(self, lead_id: object) -> bool: ...
    def get(self, lead_id: str, default: Any = ()) -> Any: ...


#: Makes a :class:`DealStore` from the deals held in memory so far (the states in
#: order, and the lead ids with the deals naming them), which it takes over.
SpillDeals = Callable[
    [Sequence[DealState], Iterable[tuple[str, Sequence[tuple[int, DealState]]]]], DealStore
]


#: The deals a pass holds (in order), and for each lead id the deals naming it (with its
#: rank among them): a list and a dict, or, past ``deals_in_memory``, a DealStore twice.
DealsByLead = Mapping[str, Sequence[tuple[int, DealState]]] | DealStore
Held = tuple[Iterable[DealState], DealsByLead]


def release(held: Held) -> None:
    """Let go of held deals: delete the file of deals held on disk."""
    close = getattr(held[0], "close", None)
    if close is not None:
        close()
