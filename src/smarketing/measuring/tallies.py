"""The small values the pass counts into: won deals, open deals, follow-up counts, breaches.

Each adds up exactly (``+``). :mod:`smarketing.measuring.actuals` holds them in its
tables and re-exports them; :mod:`smarketing.measuring.measured` and
:mod:`smarketing.reporting` read them.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import attrs

from smarketing._numbers import EXACT_SUMS

__all__ = ["Breach", "FollowUpCounts", "OpenDeals", "Won"]


def _none_first(value: Any) -> tuple[bool, Any]:
    """An order key for a figure that may be missing: missing first, then by value.

    Two breaches of one lead id (a repeated lead read in two parts) can be
    equal up to their first touch, one ``None``: they still sort.
    """
    return (False, 0) if value is None else (True, value)


@attrs.frozen(order=True)
class Breach:
    """A lead that breaches a sales clause: who owns it, when it was handed off, what happened.

    Attributes:
        handoff: When sales received the lead.
        lead_id: The lead's id in the CRM.
        clause: The clause breached: ``speed`` or ``depth``.
        owner: The lead's owner (sales rep), or the unassigned label.
        source: The lead's source, or the unknown-source label.
        deadline: When the clause's window closed.
        first_touch: The first touch, when there was one.
        touches: The touches within the window, when the clause counts them (depth).
    """

    #: When sales received the lead.
    handoff: datetime
    #: The lead's id in the CRM.
    lead_id: str
    #: The clause breached: ``speed`` or ``depth``.
    clause: str
    #: The lead's owner (sales rep), or the unassigned label.
    owner: str
    #: The lead's source, or the unknown-source label.
    source: str
    #: When the clause's window closed.
    deadline: datetime
    #: The first touch, when there was one.
    first_touch: datetime | None = attrs.field(order=_none_first)
    #: The touches within the window, when the clause counts them (depth).
    touches: int | None = attrs.field(order=_none_first)


@attrs.frozen
class FollowUpCounts:
    """Handed-off leads, and how many met, breached, or are still within each clause.

    Attributes:
        handed_off: Leads handed off.
        speed_met: Leads that met the speed clause.
        speed_breached: Leads that breached it.
        speed_pending: Leads still within its window.
        depth_met: Leads that met the depth clause.
        depth_breached: Leads that breached it.
        depth_pending: Leads still within its window.
    """

    #: Leads handed off.
    handed_off: int = 0
    #: Leads that met the speed clause.
    speed_met: int = 0
    #: Leads that breached it.
    speed_breached: int = 0
    #: Leads still within its window.
    speed_pending: int = 0
    #: Leads that met the depth clause.
    depth_met: int = 0
    #: Leads that breached it.
    depth_breached: int = 0
    #: Leads still within its window.
    depth_pending: int = 0

    def __add__(self, other: FollowUpCounts) -> FollowUpCounts:
        return FollowUpCounts(
            *(a + b for a, b in zip(attrs.astuple(self), attrs.astuple(other), strict=True))
        )


@attrs.frozen
class Won:
    """Won deals and their revenue.

    Attributes:
        deals: Deals won.
        revenue: Their revenue.
    """

    #: Deals won.
    deals: int = 0
    #: Their revenue.
    revenue: Decimal = Decimal(0)

    def __add__(self, other: Won) -> Won:
        return Won(self.deals + other.deals, EXACT_SUMS.add(self.revenue, other.revenue))


@attrs.frozen
class OpenDeals:
    """Open deals and their amount: the pipeline.

    Attributes:
        deals: Open deals.
        amount: Their amount.
    """

    #: Open deals.
    deals: int = 0
    #: Their amount.
    amount: Decimal = Decimal(0)

    def __add__(self, other: OpenDeals) -> OpenDeals:
        return OpenDeals(self.deals + other.deals, EXACT_SUMS.add(self.amount, other.amount))
