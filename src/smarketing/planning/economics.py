"""Cost and return of a lead source: cost per lead, cost per customer, net value per lead, ROI."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from smarketing._numbers import CONTEXT, check_decimal, non_negative_money, ratio

__all__ = ["Economics"]


def _non_negative(instance: Economics, attribute: Any, value: Any) -> None:
    non_negative_money(instance, attribute, value)


def _quantity(instance: Economics, attribute: Any, value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value)
    non_negative_money(instance, attribute, check_decimal(instance, attribute.name, value))


@attrs.frozen
class Economics:
    """What a source cost and returned for a number of leads.

    ``customers`` and ``revenue`` are either expected (a plan: leads x close
    rate, and x average sale) or actual (what the leads really became). A
    figure with nothing to divide by (no lead, no customer, no spend) is
    ``None``, never an error or an infinity.

    >>> from decimal import Decimal
    >>> google = Economics(spend=Decimal(15000), leads=500, customers=Decimal(20),
    ...                    revenue=Decimal(100000))
    >>> google.cost_per_customer, google.roi.quantize(Decimal("0.01"))
    (Decimal('750'), Decimal('5.67'))

    Attributes:
        spend: What the leads cost.
        leads: The leads bought with the spend.
        customers: The customers they became (or are expected to become).
        revenue: The revenue those customers brought (or are expected to bring).
    """

    #: What the leads cost.
    spend: Decimal = attrs.field(validator=_non_negative)
    #: The leads bought with the spend.
    leads: int | Decimal = attrs.field(validator=_quantity)
    #: The customers they became (or are expected to become).
    customers: int | Decimal = attrs.field(validator=_quantity)
    #: The revenue those customers brought (or are expected to bring).
    revenue: Decimal = attrs.field(validator=_non_negative)

    @property
    def cost_per_lead(self) -> Decimal | None:
        """Spend / leads."""
        return ratio(self.spend, self.leads)

    @property
    def cost_per_customer(self) -> Decimal | None:
        """Spend / customers (often called CPA or CAC)."""
        return ratio(self.spend, self.customers)

    @property
    def value_per_lead(self) -> Decimal | None:
        """Revenue / leads: the lead value these leads realised (or are expected to)."""
        return ratio(self.revenue, self.leads)

    @property
    def net_value_per_lead(self) -> Decimal | None:
        """Value per lead - cost per lead: what each lead is worth after its cost."""
        return ratio(CONTEXT.subtract(self.revenue, self.spend), self.leads)

    @property
    def roi(self) -> Decimal | None:
        """(Revenue - spend) / spend; ``None`` without spend."""
        return ratio(CONTEXT.subtract(self.revenue, self.spend), self.spend)
