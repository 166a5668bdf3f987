"""The config's tables of the plan and the SLA, each read into its domain value.

``[funnel]``, ``[[sources]]``, ``[objective]``, ``[sla]`` (with
``[calendar]``) and ``[report]``; ``[input]`` is :mod:`smarketing.config.input`.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from typing import Any

import attrs

from smarketing.config.reading import MISSING, Loader, Reader
from smarketing.errors import SmarketingError
from smarketing.measuring.sla import (
    DepthClause,
    PacingRule,
    SourceCommitment,
    SpeedClause,
)
from smarketing.planning.business_calendar import BusinessCalendar
from smarketing.planning.funnel import HUBSPOT_STAGES, Funnel
from smarketing.planning.objective import Objective
from smarketing.planning.period import Period
from smarketing.planning.source import LeadSource

__all__ = [
    "SLAConfig",
    "read_funnel",
    "read_objective",
    "read_report",
    "read_sla",
    "read_sources",
]


@attrs.frozen
class SLAConfig:
    """The ``[sla]`` table: the clauses, and the commitment when the plan does not give it."""

    stage: str | None
    leads: int | None
    lead_value: Decimal | None
    sources: tuple[SourceCommitment, ...]
    speed: SpeedClause | None
    depth: DepthClause | None
    pacing: PacingRule
    calendar: BusinessCalendar


def read_report(table: Reader | None) -> tuple[Period | None, date | None, str | None]:
    """``[report]``: its period (a relative one resolved against its as_of, when given)."""
    if table is None:
        return None, None, None
    period = table.get("period", "report period", None)
    as_of = table.get("as_of", "date", None)
    table.done()
    if not isinstance(period, str):
        return period, as_of, None
    if as_of is None:
        return None, None, period
    try:
        return Period.resolve(period, as_of), as_of, period
    except SmarketingError as error:
        raise table.error("period", f"cannot be resolved: {error}") from None


def read_funnel(table: Reader | None) -> Funnel | None:
    if table is None:
        return None
    preset = table.get("preset", "text", None)
    stages = table.get("stages", "texts", None)
    rates = table.get("rates", "rates", None)
    visit = table.get("visit_to_lead", "rate", None)
    if preset is not None and preset != "hubspot":
        raise table.error("preset", 'must be "hubspot" (or leave it out and list the stages)')
    if stages is None:
        if preset is None:
            raise table.error("stages", 'is required unless preset = "hubspot"')
        stages = HUBSPOT_STAGES
    handoff = table.get("handoff", "text", "marketingqualifiedlead" if preset else MISSING)
    table.done()
    if rates is None:  # stages to measure with; planning needs the rates
        return table.make(Funnel.of_stages, stages, handoff=handoff)
    if len(rates) != len(stages) - 1:
        raise table.error(
            "rates",
            f"must hold one rate per pair of stages: {len(stages) - 1} for {len(stages)} stages, "
            f"got {len(rates)}",
        )
    return table.make(
        Funnel.from_rates,
        dict(zip(stages[:-1], rates, strict=True)),
        customer=stages[-1],
        handoff=handoff,
        visit_to_lead=visit,
    )


def read_sources(
    loader: Loader, tables: Any
) -> tuple[
    tuple[LeadSource, ...],
    dict[str, str],
    dict[str, Decimal],
    dict[str, tuple[int, tuple[tuple[Period, Decimal], ...]]],
]:
    if not isinstance(tables, list):
        raise loader.error("sources", "must be an array of tables ([[sources]])")
    sources, aliases, spend, by_month = [], {}, {}, {}
    for occurrence, data in enumerate(tables):
        if not isinstance(data, dict):
            raise loader.error("sources", "must be an array of tables ([[sources]])")
        table = Reader(loader, data, "sources", occurrence)
        name = table.get("name", "text")
        for alias in table.get("aliases", "texts", ()):
            aliases[alias] = name
        months = table.get("spend_by_month", "month spend", None)
        if months is not None and "spend" in table.data:
            raise table.error(
                "spend_by_month",
                "and spend are both given: give the spend for the objective's period (spend) "
                "or per month (spend_by_month), not both",
            )
        source = table.make(
            LeadSource,
            name,
            close_rate=table.get("close_rate", "rate"),
            average_sale=table.get("average_sale", "amount", None),
            spend=table.get("spend", "spend", None),
            share=table.get("share", "share", None),
        )
        if source.spend is not None:
            spend[name] = source.spend
        if months is not None:
            by_month[name] = (occurrence, months)
        sources.append(source)
    return tuple(sources), aliases, spend, by_month


def read_objective(
    table: Reader | None, funnel: Funnel | None, sources: tuple[LeadSource, ...]
) -> Objective | None:
    if table is None:
        return None
    required = ["revenue_goal", "marketing_share", "average_sale"]
    table.require(*required, *([] if funnel is not None else ["close_rate"]))
    close_rate = table.get("close_rate", "rate", None)
    if close_rate is None:
        if funnel is None:
            raise table.error("close_rate", "is required without a [funnel] to take it from")
        close_rate = funnel.close_rate()
    return table.make(
        Objective,
        revenue_goal=table.get("revenue_goal", "amount"),
        marketing_share=table.get("marketing_share", "share"),
        average_sale=table.get("average_sale", "amount"),
        close_rate=close_rate,
        currency=table.get("currency", "text", "USD"),
        period=table.get("period", "period", None),
        funnel=funnel,
        sources=sources,
        rounding=table.get("rounding", "text", "ceil"),
        seasonality=table.get("seasonality", "decimals", None),
        sales_cycle_months=table.get("sales_cycle_months", "months", 0),
    )


def read_sla(table: Reader | None, calendar_table: Reader | None) -> SLAConfig:
    calendar = BusinessCalendar()
    if calendar_table is not None:
        calendar = calendar_table.make(
            BusinessCalendar,
            workdays=calendar_table.get("workdays", "weekdays", frozenset(range(5))),
            holidays=calendar_table.get("holidays", "dates", frozenset()),
            opens=calendar_table.get("opens", "time", time(9)),
            closes=calendar_table.get("closes", "time", time(17)),
        )
    if table is None:
        return SLAConfig(None, None, None, (), None, None, PacingRule(), calendar)
    speed = depth = None
    speed_table = table.table("speed")
    if speed_table is not None:
        speed = speed_table.make(
            SpeedClause,
            speed_table.get("within_hours", "hours"),
            share=speed_table.get("share", "share", Decimal(1)),
            business_hours=speed_table.get("business_hours", "flag", False),
        )
    depth_table = table.table("depth")
    if depth_table is not None:
        depth = depth_table.make(
            DepthClause,
            depth_table.get("touches", "integer"),
            depth_table.get("within_days", "days"),
            share=depth_table.get("share", "share", Decimal(1)),
        )
    pacing = PacingRule()
    pacing_table = table.table("pacing")
    if pacing_table is not None:
        pacing = pacing_table.make(
            PacingRule,
            behind_below=pacing_table.get("behind_below", "rate", Decimal("0.9")),
            ahead_above=pacing_table.get("ahead_above", "factor", Decimal("1.2")),
            business_days=pacing_table.get("business_days", "flag", False),
        )
    commitments = []
    per_source = table.table("sources")
    if per_source is not None:
        for name in list(per_source.data):
            goal = per_source.table(name)
            assert goal is not None
            commitments.append(
                goal.make(
                    SourceCommitment,
                    name,
                    leads=goal.get("leads", "integer", None),
                    lead_value=goal.get("lead_value", "spend", None),
                )
            )
    result = SLAConfig(
        stage=table.get("stage", "text", None),
        leads=table.get("leads", "integer", None),
        lead_value=table.get("lead_value", "spend", None),
        sources=tuple(commitments),
        speed=speed,
        depth=depth,
        pacing=pacing,
        calendar=calendar,
    )
    table.done()
    return result
