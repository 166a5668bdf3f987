"""Collecting actuals: the one pass over records, with deals held on disk past a limit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, tzinfo

from smarketing.measuring.actuals import FunnelActuals
from smarketing.measuring.one_pass import Pass, actuals_spec
from smarketing.measuring.sla import SLA
from smarketing.pipeline.deal_store import on_disk
from smarketing.planning.funnel import Funnel
from smarketing.planning.period import Period
from smarketing.records import Deal, Lead

__all__ = ["collect_actuals"]


def collect_actuals(
    leads: Iterable[Lead],
    deals: Iterable[Deal] = (),
    *,
    funnel: Funnel | None = None,
    sla: SLA | None = None,
    as_of: date | datetime | None = None,
    zone: tzinfo = UTC,
    segment: str | None = None,
    currency: str | None = None,
    max_listed: int | None = 1000,
    breaches_in: Period | None = None,
    deals_in_memory: int | None = None,
) -> FunnelActuals:
    """Count what happened to ``leads`` and ``deals`` in one pass.

    Give the ``funnel``, or an ``sla`` (whose funnel, follow-up clauses,
    calendar and currency are then used). See :class:`ActualsSpec` for the
    other arguments. Deals are held in memory until the leads have streamed
    by; past ``deals_in_memory`` of them (``None``: never), they are held in
    a temporary file instead (:mod:`smarketing.pipeline.spill`), so that memory stays
    flat whatever the number of deals.
    """
    spec = actuals_spec(
        funnel=funnel,
        sla=sla,
        as_of=as_of,
        zone=zone,
        segment=segment,
        currency=currency,
        max_listed=max_listed,
        breaches_in=breaches_in,
    )
    return Pass(spec, deals_in_memory, on_disk).run(leads, deals)
