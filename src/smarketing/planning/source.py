"""Lead sources: where leads come from, what each is worth, and what it costs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from smarketing._numbers import (
    CONTEXT,
    check_count,
    conversion_rate,
    non_negative_money,
    optional,
    positive_money,
    share,
)
from smarketing.errors import InvalidAmount, InvalidValue
from smarketing.planning.economics import Economics

__all__ = ["LeadSource"]


def _name(instance: LeadSource, attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(f"LeadSource.name must be a non-empty string, got {value!r}")


@attrs.frozen
class LeadSource:
    """A source of leads (paid search, referrals ...) with its own close rate and sale price.

    ``average_sale`` falls back to the objective's when ``None``. ``spend``
    is what the source costs in the period. ``share`` is the part of the
    marketing revenue goal assigned to it; in a plan, either every source has
    a share and the shares add up to 1, or none has.

    >>> from decimal import Decimal
    >>> LeadSource("Referrals", close_rate=Decimal("0.15"),
    ...            average_sale=Decimal(8000)).lead_value()
    Decimal('1200.00')

    Attributes:
        name: The source's name, as the report shows it.
        close_rate: Its leads' close rate (lead to customer), in (0, 1].
        average_sale: Its average sale; ``None``: the objective's.
        spend: What it costs in the period, or ``None``.
        share: Its part of the marketing revenue goal, in [0, 1], or ``None``.
    """

    #: The source's name, as the report shows it.
    name: str = attrs.field(validator=_name)
    #: Its leads' close rate (lead to customer), in (0, 1].
    close_rate: Decimal = attrs.field(validator=conversion_rate)
    #: Its average sale; ``None``: the objective's.
    average_sale: Decimal | None = attrs.field(default=None, validator=optional(positive_money))
    #: What it costs in the period, or ``None``.
    spend: Decimal | None = attrs.field(default=None, validator=optional(non_negative_money))
    #: Its part of the marketing revenue goal, in [0, 1], or ``None``.
    share: Decimal | None = attrs.field(default=None, validator=optional(share))

    def sale_price(self, default: Decimal | None = None) -> Decimal:
        """This source's average sale, or ``default`` when it has none."""
        price = self.average_sale if self.average_sale is not None else default
        if price is None:
            raise InvalidAmount(
                f"lead source {self.name!r} has no average_sale and no default was given: "
                "set LeadSource.average_sale or the objective's average_sale"
            )
        return price

    def lead_value(self, default_average_sale: Decimal | None = None) -> Decimal:
        """Close rate x average sale: what one lead from this source is worth."""
        return CONTEXT.multiply(self.close_rate, self.sale_price(default_average_sale))

    def economics(
        self, leads: int | Decimal, default_average_sale: Decimal | None = None
    ) -> Economics:
        """Expected cost and return of ``leads`` from this source, with its ``spend``.

        Customers are expected at ``leads x close_rate``, revenue at
        ``customers x average sale``.
        """
        if self.spend is None:
            raise InvalidAmount(
                f"lead source {self.name!r} has no spend: set LeadSource.spend to compute "
                "cost per lead, cost per customer and ROI"
            )
        count = check_count(self, "economics(leads)", leads) if isinstance(leads, int) else leads
        customers = CONTEXT.multiply(Decimal(count), self.close_rate)
        revenue = CONTEXT.multiply(customers, self.sale_price(default_average_sale))
        return Economics(spend=self.spend, leads=count, customers=customers, revenue=revenue)
