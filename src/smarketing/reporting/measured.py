"""The sections of the four metrics measured back and of the trend, in the reader's language."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from smarketing.reporting.document import PlannedFigures, ReportDocument
from smarketing.reporting.i18n import Words
from smarketing.reporting.layout import Section
from smarketing.reporting.layout import table as _table

__all__ = ["measured_section", "trend_section"]


def measured_section(document: ReportDocument, words: Words) -> Section | None:
    """The plan's four metrics as they happened, the win rate, pipeline and sales cycle."""
    measured = document.measured
    cur = document.currency
    planned = measured.planned

    def plan(
        pick: Callable[[PlannedFigures], Decimal | None], show: Callable[[Decimal], str]
    ) -> str:
        value = None if planned is None else pick(planned)
        return show(value) if value is not None else ""

    def pct(value: Decimal | None) -> str:
        return words.percent(value)

    def pct2(value: Decimal | None) -> str:
        return words.percent(value, 2)

    def cash(value: Decimal | None) -> str:
        return words.money(value, cur)

    rows = [
        [
            words("revenue_won"),
            cash(measured.won_revenue),
            plan(lambda goals: goals.revenue_goal, cash),
        ],
        [
            words("revenue_won_from_leads"),
            cash(measured.won_from_leads_revenue),
            plan(lambda goals: goals.marketing_revenue_goal, cash),
        ],
        [
            words("marketing_share"),
            pct(measured.marketing_share),
            plan(lambda goals: goals.marketing_share, pct),
        ],
        [
            words("average_sale"),
            cash(measured.average_sale),
            plan(lambda goals: goals.average_sale, cash),
        ],
        [
            words("close_rate"),
            pct2(measured.close_rate),
            plan(lambda goals: goals.close_rate, pct2),
        ],
        [words("win_rate"), pct(measured.win_rate), ""],
        [
            words("open_pipeline"),
            f"{words.integer(measured.pipeline_deals)} · {cash(measured.pipeline_amount)}",
            "",
        ],
        [words("median_sales_cycle"), words.duration(measured.median_sales_cycle_seconds), ""],
    ]
    lines = (
        words(
            "measured_counts",
            won=words.integer(measured.won_deals),
            from_leads=words.integer(measured.won_from_leads_deals),
            lost=words.integer(measured.lost_deals),
            customers=words.integer(measured.cohort_customers),
            leads=words.integer(measured.cohort_leads),
        ),
        words("pipeline_as_of", day=document.as_of.isoformat()),
    )
    table = _table([words("metric"), words("actual"), words("plan")], rows, [False, True, True])
    return Section("measured", words("measured"), lines, (table,))


def trend_section(document: ReportDocument, words: Words) -> Section | None:
    """The periods before the report's: empty ones said empty, goals absent said so."""
    points = document.trend
    if not points:
        return None
    cur = document.currency

    def cash(value: Decimal | int) -> str:
        return words.money(Decimal(value), cur)

    def goal(value: Decimal | int | None, show: Callable[[Decimal | int], str]) -> str:
        return words("no_goal") if value is None else show(value)

    rows = []
    for point in points:
        if point.empty:
            rows.append([point.period, words("no_data_yet"), *[""] * 10])
            continue
        rows.append(
            [
                point.period,
                words.integer(point.leads),
                goal(point.goal_leads, words.integer),
                words.percent(point.lead_attainment),
                words.money(point.value, cur),
                goal(point.goal_value, cash),
                words.percent(point.value_attainment),
                words.percent(point.handoff_rate),
                words.percent(point.speed_share_met),
                words.percent(point.depth_share_met),
                words.money(point.won_revenue, cur),
                words.percent(point.win_rate),
            ]
        )
    headers = [
        "period", "leads", "goal", "attainment", "lead_value", "goal", "attainment",
        "handoff_rate", "speed", "depth", "revenue_won", "win_rate",
    ]  # fmt: skip
    table = _table([words(h) for h in headers], rows, [False] + [True] * 11)
    return Section("trend", words("trend"), (words("trend_note"),), (table,))
