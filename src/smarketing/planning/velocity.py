"""Sales velocity: how much revenue the pipeline brings per day."""

from __future__ import annotations

from decimal import Decimal

from smarketing._numbers import check_count, check_decimal, check_rate, to_decimal, to_fraction
from smarketing.errors import InvalidAmount

__all__ = ["sales_velocity"]


def sales_velocity(
    opportunities: int, win_rate: Decimal, average_deal: Decimal, cycle_days: Decimal | int
) -> Decimal:
    """Opportunities x win rate x average deal value / sales cycle length in days.

    The revenue the pipeline is expected to bring per day. Compute it per
    segment too: a blended velocity hides a slow, large segment.

    >>> from decimal import Decimal
    >>> sales_velocity(40, Decimal("0.25"), Decimal(12000), 60)
    Decimal('2000')
    """
    check_count(sales_velocity, "opportunities", opportunities)
    check_rate(sales_velocity, "win_rate", win_rate)
    deal = check_decimal(sales_velocity, "average_deal", average_deal)
    if deal < 0:
        raise InvalidAmount(f"sales_velocity.average_deal must be 0 or more, got {deal}")
    days = Decimal(cycle_days) if isinstance(cycle_days, int) else cycle_days
    check_decimal(sales_velocity, "cycle_days", days)
    if days <= 0:
        raise InvalidAmount(
            f"sales_velocity.cycle_days must be greater than 0, got {cycle_days}: "
            "a sales cycle lasts at least part of a day"
        )
    return to_decimal(opportunities * to_fraction(win_rate) * to_fraction(deal) / to_fraction(days))
