"""The small values the pass counts into: won deals, open deals, follow-up counts, breaches.

Each adds up exactly (``+``). :mod:`smarketing.measuring.actuals` holds them in its
tables and re-exports them; :mod:`smarketing.measuring.measured` and
:mod:`smarketing.reporting` read them.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import attrs

from smarketing._numbers import EXACT_SUMS

__all__ = ["Breach", "FollowUpCounts", "OpenDeals", "Won"]


@attrs.frozen(order=True)
class Breach:
    """A lead that breaches a sales clause: who owns it, when it was handed off, what happened."""

    handoff: datetime
    lead_id: str
    clause: str
    owner: str
    source: str
    deadline: datetime
    first_touch: datetime | None
    touches: int | None


@attrs.frozen
class FollowUpCounts:
    """Handed-off leads, and how many met, breached, or are still within each clause."""

    handed_off: int = 0
    speed_met: int = 0
    speed_breached: int = 0
    speed_pending: int = 0
    depth_met: int = 0
    depth_breached: int = 0
    depth_pending: int = 0

    def __add__(self, other: FollowUpCounts) -> FollowUpCounts:
        return FollowUpCounts(
            *(a + b for a, b in zip(attrs.astuple(self), attrs.astuple(other), strict=True))
        )


@attrs.frozen
class Won:
    """Won deals and their revenue."""

    deals: int = 0
    revenue: Decimal = Decimal(0)

    def __add__(self, other: Won) -> Won:
        return Won(self.deals + other.deals, EXACT_SUMS.add(self.revenue, other.revenue))


@attrs.frozen
class OpenDeals:
    """Open deals and their amount: the pipeline."""

    deals: int = 0
    amount: Decimal = Decimal(0)

    def __add__(self, other: OpenDeals) -> OpenDeals:
        return OpenDeals(self.deals + other.deals, EXACT_SUMS.add(self.amount, other.amount))
