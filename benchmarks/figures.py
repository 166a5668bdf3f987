"""The figures every contender must produce alike: the comparison is void otherwise.

For November 2026 as of 2026-12-31, from a HubSpot contacts and deals export:
leads by source, stage entries in the month, the month's cohort by stage,
won deals and revenue closed in the month, and the speed (4 hours) and depth
(3 touches in 14 days) clause counts of the leads handed off in the month.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

PERIOD = ("2026-11-01", "2026-11-30")
AS_OF = date(2026, 12, 31)
SPEED = timedelta(hours=4)
DEPTH_TOUCHES, DEPTH_WINDOW = 3, timedelta(days=14)
STAGES = ("lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer")


def benchmark_sla() -> Any:
    """The SLA every benchmark evaluates: HubSpot's funnel, the speed and depth clauses above."""
    from smarketing import SLA, DepthClause, Funnel, MarketingCommitment, SpeedClause

    funnel = Funnel.hubspot(
        lead_to_mql=Decimal("0.4"),
        mql_to_sql=Decimal("0.5"),
        sql_to_opportunity=Decimal("0.5"),
        opportunity_to_customer=Decimal("0.3"),
    )
    return SLA(
        funnel,
        MarketingCommitment(leads=1000),
        speed=SpeedClause(SPEED),
        depth=DepthClause(DEPTH_TOUCHES, DEPTH_WINDOW),
    )


def from_report(report: Any, actuals: Any) -> dict[str, Any]:
    """The figures of a smarketing SLA report (and its actuals)."""
    from smarketing import Period

    period = Period.parse("/".join(PERIOD))
    return normalise(
        {
            "leads_by_source": actuals.by_source("lead", period),
            "entries": {stage: actuals.count(stage, period) for stage in STAGES},
            "cohort": {stage: actuals.count(stage, period, view="cohort") for stage in STAGES},
            "won_deals": actuals.won_in(period).deals,
            "won_revenue": actuals.won_in(period).revenue,
            "speed": [report.speed.met, report.speed.breached, report.speed.pending],
            "depth": [report.depth.met, report.depth.breached, report.depth.pending],
        }
    )


def normalise(figures: dict[str, Any]) -> dict[str, Any]:
    """Plain, comparable values: ints, money as a string with two decimals, sorted keys."""
    figures = dict(figures)
    figures["leads_by_source"] = {
        str(key): int(value) for key, value in sorted(figures["leads_by_source"].items())
    }
    figures["entries"] = {key: int(value) for key, value in figures["entries"].items()}
    figures["cohort"] = {key: int(value) for key, value in figures["cohort"].items()}
    figures["won_deals"] = int(figures["won_deals"])
    figures["won_revenue"] = str(Decimal(str(figures["won_revenue"])).quantize(Decimal("0.01")))
    figures["speed"] = [int(value) for value in figures["speed"]]
    figures["depth"] = [int(value) for value in figures["depth"]]
    return figures
