"""The full breach list, streamed: a second pass that hands each breach on and keeps none.

:class:`~smarketing.measuring.actuals.FunnelActuals` keeps a bounded breach list (the
``max_listed`` breaches with the earliest hand-offs, 1,000 by default) and
counts them all exactly. When every breach is wanted (``report --breaches
FILE``) and there are more, :func:`stream_breaches` runs the same pass over the
records again with the same rules, and gives each breach of the period to a
callback as the pass meets it, in the order the leads are read. Memory stays
that of a pass: no breach, and no finding id, is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, tzinfo

from smarketing.measuring.actuals import ActualsSpec, Breach
from smarketing.measuring.one_pass import Pass
from smarketing.measuring.sla import SLA
from smarketing.pipeline.deal_store import on_disk
from smarketing.planning.period import Period
from smarketing.records import Deal, Lead

__all__ = ["stream_breaches"]


def stream_breaches(
    leads: Iterable[Lead],
    deals: Iterable[Deal] = (),
    *,
    sla: SLA,
    period: Period,
    as_of: date | datetime,
    on_breach: Callable[[Breach], None],
    zone: tzinfo = UTC,
    deals_in_memory: int | None = None,
) -> int:
    """Give every breach of leads handed off in ``period`` to ``on_breach``; return how many.

    The arguments are those of :func:`~smarketing.pipeline.collecting.collect_actuals`
    for the report (the same ``sla``, ``as_of``, ``zone``; ``period`` is its
    ``breaches_in``), so the breaches are the report's, all of them.
    """
    spec = ActualsSpec.of(sla, as_of=as_of, zone=zone, breaches_in=period, max_listed=0)
    count = 0

    def hand_on(breach: Breach) -> None:
        nonlocal count
        count += 1
        on_breach(breach)

    Pass(spec, deals_in_memory, on_disk, on_breach=hand_on).run(leads, deals)
    return count
