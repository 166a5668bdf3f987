"""The plan document, typed: the objective's figures, the funnel, the sources, the months.

Counts are an ``int``, or a :class:`~decimal.Decimal` with two decimals under
``exact`` rounding; :meth:`PlanDocument.to_dict` writes the JSON contract.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

import attrs

from smarketing.reporting.document.convert import Count, about, documented, to_json
from smarketing.reporting.document.report_model import SCHEMA_VERSION
from smarketing.reporting.document.tables import Tabular

__all__ = ["PlanDocument", "PlanMonth", "PlanSource", "PlanStage"]


@documented
@attrs.frozen(kw_only=True)
class PlanStage:
    """A funnel stage: who owns it, the leads it needs, its rate to the next."""

    stage: str = attrs.field(metadata=about("the stage's name"))
    owner: str | None = attrs.field(metadata=about("marketing or sales (None: not said)"))
    needed: Count = attrs.field(metadata=about("the leads it needs (a count)"))
    rate_to_next: Decimal | None = attrs.field(metadata=about("its rate to the next (rate)"))


@documented
@attrs.frozen(kw_only=True)
class PlanSource:
    """A lead source's part of the plan, with its cost and return when it has spend."""

    source: str = attrs.field(metadata=about("the source's name"))
    share: Decimal | None = attrs.field(metadata=about("its share of the leads (rate)"))
    lead_value: Decimal = attrs.field(metadata=about("a lead's value (money)"))
    revenue_goal: Decimal | None = attrs.field(metadata=about("its revenue goal (money)"))
    customers_needed: Count | None = attrs.field(metadata=about("the customers it needs"))
    leads_needed: Count | None = attrs.field(metadata=about("the leads it needs"))
    spend: Decimal | None = attrs.field(metadata=about("its spend (money; None: none)"))
    cost_per_lead: Decimal | None = attrs.field(metadata=about("spend / leads (money)"))
    cost_per_customer: Decimal | None = attrs.field(metadata=about("spend / customers (money)"))
    net_value_per_lead: Decimal | None = attrs.field(metadata=about("value a lead net of cost"))
    roi: Decimal | None = attrs.field(metadata=about("(revenue - spend) / spend (rate)"))


@documented
@attrs.frozen(kw_only=True)
class PlanMonth:
    """A month of the objective's period: its weight, goals and the leads it needs."""

    month: str = attrs.field(metadata=about("the month (2026-11)"))
    weight: Decimal = attrs.field(metadata=about("its weight in the period (rate)"))
    revenue_goal: Decimal = attrs.field(metadata=about("its revenue goal (money)"))
    marketing_revenue_goal: Decimal = attrs.field(metadata=about("marketing's part (money)"))
    customers_needed: Count = attrs.field(metadata=about("the customers it needs"))
    leads_needed: Count = attrs.field(metadata=about("the leads it needs"))
    leads_due: str = attrs.field(metadata=about("the period its leads are due in"))


@documented
@attrs.frozen(kw_only=True)
class PlanDocument(Tabular):
    """The document of a plan: what every format renders (see :func:`plan_document`).

    Read it by attribute; :meth:`to_dict` gives the JSON contract
    (docs/json-schema.md), decimals as strings.
    """

    kind: Literal["plan"] = attrs.field(default="plan", init=False, metadata=about('"plan"'))
    schema: int = attrs.field(
        default=SCHEMA_VERSION, init=False, metadata=about("the contract's version")
    )
    currency: str = attrs.field(metadata=about("the currency of every money figure"))
    period: str | None = attrs.field(metadata=about("the objective's period (None: none)"))
    rounding: str = attrs.field(metadata=about("how counts are rounded (up, nearest, exact)"))
    revenue_goal: Decimal = attrs.field(metadata=about("the revenue goal (money)"))
    marketing_share: Decimal = attrs.field(metadata=about("marketing's share of it (rate)"))
    average_sale: Decimal = attrs.field(metadata=about("the average sale (money)"))
    close_rate: Decimal = attrs.field(metadata=about("leads to customers (rate)"))
    marketing_revenue_goal: Decimal = attrs.field(metadata=about("marketing's revenue (money)"))
    customers_needed: Count = attrs.field(metadata=about("the customers needed"))
    leads_needed: Count = attrs.field(metadata=about("the leads needed"))
    source_leads_needed: Count | None = attrs.field(
        metadata=about("the sources' leads added up (None: sources have no shares)")
    )
    source_leads_note: str | None = attrs.field(
        metadata=about("why they differ from leads_needed, in English (None: equal)")
    )
    lead_value: Decimal = attrs.field(metadata=about("a lead's value (money)"))
    lead_value_goal: Decimal = attrs.field(metadata=about("the leads' value goal (money)"))
    visitors_needed: Count | None = attrs.field(
        metadata=about("the visitors needed (None: no visit_to_lead)")
    )
    handoff: str | None = attrs.field(metadata=about("the funnel's hand-off stage"))
    stages: tuple[PlanStage, ...] = attrs.field(metadata=about("every funnel stage, top down"))
    sources: tuple[PlanSource, ...] = attrs.field(metadata=about("the lead sources"))
    sales_cycle_months: int = attrs.field(metadata=about("the months from lead to sale"))
    months: tuple[PlanMonth, ...] = attrs.field(metadata=about("the months, with a period"))

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: JSON-safe values, the contract's keys in its order.

        Decimals are strings, dates ISO 8601 (see :func:`~smarketing.reporting.document.to_json`).
        """
        out = to_json(self)
        assert isinstance(out, dict)
        return out
