"""The rows of a plan: a lead source's part (:class:`SourcePlan`), a month's (:class:`MonthPlan`).

:class:`~smarketing.planning.objective.Plan` holds them; they need nothing of
the objective, so they live apart from it.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

import smarketing._display as show
from smarketing.planning.economics import Economics
from smarketing.planning.period import Period
from smarketing.planning.rounding import Count

__all__ = ["MonthPlan", "SourcePlan"]


@attrs.frozen
class SourcePlan:
    """One lead source's part of the plan.

    ``revenue_goal`` is its share of the marketing revenue goal (``None``
    when sources have no shares); the leads it must bring are that revenue
    divided by its lead value. ``economics`` (with a spend) prices the
    planned leads.

    Attributes:
        name: The source's name.
        share: Its part of the marketing revenue goal, or ``None``.
        lead_value: What one of its leads is worth: close rate x average sale.
        revenue_goal: Its revenue goal, or ``None`` when sources have no shares.
        customers_needed_exact: The customers it must bring, unrounded, or ``None``.
        customers_needed: The customers it must bring, rounded, or ``None``.
        leads_needed_exact: The leads it must bring, unrounded, or ``None``.
        leads_needed: The leads it must bring, rounded, or ``None``.
        economics: Cost and return of the planned leads, or ``None`` without a spend.
    """

    #: The source's name.
    name: str
    #: Its part of the marketing revenue goal, or ``None``.
    share: Decimal | None
    #: What one of its leads is worth: close rate x average sale.
    lead_value: Decimal
    #: Its revenue goal, or ``None`` when sources have no shares.
    revenue_goal: Decimal | None
    #: The customers it must bring, unrounded, or ``None``.
    customers_needed_exact: Decimal | None
    #: The customers it must bring, rounded, or ``None``.
    customers_needed: Count | None
    #: The leads it must bring, unrounded, or ``None``.
    leads_needed_exact: Decimal | None
    #: The leads it must bring, rounded, or ``None``.
    leads_needed: Count | None
    #: Cost and return of the planned leads, or ``None`` without a spend.
    economics: Economics | None

    def __repr__(self) -> str:
        share = "" if self.share is None else f"share {show.percent(self.share)}, "
        goal = ""
        if self.revenue_goal is not None:
            goal = (
                f", revenue goal {show.money(self.revenue_goal, None)}: "
                f"{show.counted(self.customers_needed, 'customer')}, "
                f"{show.counted(self.leads_needed, 'lead')}"
            )
        economics = self.economics
        spend = "" if economics is None else f", spend {show.money(economics.spend, None)}"
        return show.capped(
            f"<SourcePlan {show.text(self.name)}: {share}lead value "
            f"{show.money(self.lead_value, None)}{goal}{spend}>"
        )

    def table_row(self, currency: str) -> list[str]:
        """The source's row of the plan's notebook table."""
        economics = self.economics
        return [
            self.name,
            show.percent(self.share),
            show.money(self.lead_value, currency),
            show.money(self.revenue_goal, currency),
            show.count(self.leads_needed),
            show.count(self.customers_needed),
            show.money(None if economics is None else economics.spend, currency),
        ]


@attrs.frozen
class MonthPlan:
    """One month of a seasonal plan, and the month its leads are due in.

    Attributes:
        period: The month.
        weight: Its seasonality weight.
        revenue_goal: Its part of the revenue goal.
        marketing_revenue_goal: Its part of the marketing revenue goal.
        customers_needed: Its part of the customers needed.
        leads_needed: Its part of the leads needed.
        leads_due: The month its leads are due in (``sales_cycle_months`` before).
    """

    #: The month.
    period: Period
    #: Its seasonality weight.
    weight: Decimal | int
    #: Its part of the revenue goal.
    revenue_goal: Decimal
    #: Its part of the marketing revenue goal.
    marketing_revenue_goal: Decimal
    #: Its part of the customers needed.
    customers_needed: Count
    #: Its part of the leads needed.
    leads_needed: Count
    #: The month its leads are due in (``sales_cycle_months`` before).
    leads_due: Period

    def __repr__(self) -> str:
        return show.capped(
            f"<MonthPlan {self.period} (weight {self.weight}): revenue goal "
            f"{show.money(self.revenue_goal, None)}, marketing "
            f"{show.money(self.marketing_revenue_goal, None)}; "
            f"{show.counted(self.customers_needed, 'customer')}, "
            f"{show.counted(self.leads_needed, 'lead')} due in {self.leads_due}>"
        )
