"""The goals of any report period: the plan's months it covers, pro rata, and its spend.

A report period (a month, a quarter, year-to-date, any dates) holds
marketing to the leads the plan says are *due* in it: the leads for the
revenue ``sales_cycle_months`` later. Its goals are the sum of the plan's
months whose leads fall due in it, each counted pro rata for the calendar
days of the due month the period covers.

Pro rata is cumulative, so that the parts of a month always add up to the
month: the part of a month's ``N`` due by its day ``d`` (of ``D``) is
``N x d / D`` rounded half up (in whole leads, or cents for money); the
part of days ``a`` to ``b`` is what is due by ``b`` less what is due by
``a - 1``. Whatever the periods, the goals of the parts of a span add up
exactly to the goals of the span.

Spend works the same way: a source's spend is a list of pieces (a period
and its amount, from any origin: the objective's spend split by month, a
month table, a spend file), and a report period takes each piece's part
by calendar days (:func:`spend_in`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from decimal import Decimal
from typing import Literal

import attrs

from smarketing._numbers import EXACT_SUMS
from smarketing.errors import InvalidPeriod, InvalidValue
from smarketing.planning.allocation import allocate_count, allocate_exact, allocate_money, part_of
from smarketing.planning.objective import Objective
from smarketing.planning.period import Period
from smarketing.planning.plan import MonthPlan, Plan
from smarketing.planning.rounding import Count

__all__ = [
    "SPEND_SPLITS",
    "PeriodGoals",
    "SourceGoal",
    "SpendFigure",
    "merge_spend",
    "objective_spend",
    "part_of",
    "period_goals",
    "spend_in",
]

#: How the objective's spend is split over a report period: by calendar days or seasonality.
SPEND_SPLITS = ("days", "seasonality")
SpendSplit = Literal["days", "seasonality"]


@attrs.frozen
class SpendFigure:
    """A source's spend in a report period, and where the figure came from.

    ``origin`` says it in words: ``"objective's period, split by days"``,
    ``"month table"``, ``"spend file"`` ...
    """

    source: str
    amount: Decimal
    origin: str


@attrs.frozen
class SourceGoal:
    """One source's goals in a report period: leads (at the first stage) and lead value."""

    source: str
    leads: Count | None
    lead_value: Decimal | None


@attrs.frozen
class PeriodGoals:
    """What the plan asks of marketing in one report period.

    ``leads`` are the leads due in the period at ``stage`` (the funnel's
    first stage when ``None``); ``lead_value`` their worth (the marketing
    revenue of the months they serve). ``revenue_months`` are the plan's
    months whose revenue these leads serve (each fully or pro rata);
    ``outside_plan`` the parts of the period whose leads would serve revenue
    outside the objective's period (they have no goal); and
    ``due_before_objective`` the objective's months whose leads were due
    before its first month (no report inside the objective holds them).
    """

    period: Period
    leads: Count
    lead_value: Decimal
    stage: str | None
    revenue_months: tuple[Period, ...]
    outside_plan: tuple[Period, ...]
    due_before_objective: tuple[MonthPlan, ...]
    sources: tuple[SourceGoal, ...]
    spend: tuple[SpendFigure, ...] = ()


# -- pro rata ---------------------------------------------------------------------------------


def _zero(amount: Count) -> Count:
    return Decimal(0) if isinstance(amount, Decimal) else 0


def _add(total: Count, part: Count) -> Count:
    if isinstance(total, Decimal) or isinstance(part, Decimal):
        return EXACT_SUMS.add(Decimal(total), Decimal(part))
    return total + part


# -- spend ------------------------------------------------------------------------------------


def spend_in(
    period: Period, pieces: Mapping[str, Sequence[tuple[Period, Decimal]]], origin: str
) -> tuple[SpendFigure, ...]:
    """Each source's spend in ``period``, from its pieces (a period and the amount spent in it).

    The seam for spend from any origin: a month table, a spend file read by
    an adapter (a day or a month a piece). A piece partly in the period
    counts by calendar days, cent-exact; the parts of a piece over any
    partition add up to it.
    """
    figures = []
    for source, parts in pieces.items():
        total = Decimal(0)
        for piece, amount in parts:
            if amount < 0:
                raise InvalidValue(
                    f"the spend on {source!r} in {piece} is {amount}: spend is 0 or more"
                )
            total = EXACT_SUMS.add(total, Decimal(part_of(amount, piece, period, "money")))
        figures.append(SpendFigure(source, total, origin))
    return tuple(figures)


def objective_spend(
    objective: Objective, period: Period, split: SpendSplit = "days"
) -> tuple[SpendFigure, ...]:
    """Each source's spend for the objective's period, its part in ``period``.

    ``split="days"`` spreads it evenly over the calendar days of the
    objective's period, ``"seasonality"`` over its months by the
    seasonality weights (then over each month's days).
    """
    if split not in SPEND_SPLITS:
        raise InvalidValue(f"spend_split must be one of {SPEND_SPLITS}, got {split!r}")
    whole = objective.period
    if whole is None:
        raise InvalidPeriod(
            "the objective has no period to split its sources' spend over: set its period"
        )
    months = whole.months()
    weights: tuple[Decimal | int, ...]
    if split == "seasonality":
        weights = objective.seasonality or (1,) * len(months)
    else:
        weights = tuple(month.days for month in months)
    pieces = {
        source.name: tuple(zip(months, allocate_money(source.spend, weights), strict=True))
        for source in objective.sources
        if source.spend is not None
    }
    return spend_in(period, pieces, f"objective's period, split by {split}")


# -- goals ------------------------------------------------------------------------------------


def period_goals(
    plan: Plan,
    period: Period,
    *,
    stage: str | None = None,
    spend_split: SpendSplit = "days",
    spend: Sequence[SpendFigure] = (),
) -> PeriodGoals:
    """The goals of ``period`` under ``plan``: the leads due in it, per source too, and its spend.

    ``stage`` counts the commitment at a later funnel stage (per-source
    leads are then left out: the funnel's rates are not known per source).
    The sources' spend for the objective's period is split by
    ``spend_split``; a figure in ``spend`` (from a month table or a spend
    file) replaces that source's.
    """
    objective = plan.objective
    whole = objective.period
    months = plan.by_month()
    assert whole is not None  # by_month checked it
    span = Period(months[0].leads_due.start, whole.end)
    if span.overlap(period) is None:
        raise InvalidPeriod(
            f"the period {period} is outside the objective's period {whole} and the months its "
            f"leads are due in ({months[0].leads_due} to {months[-1].leads_due}): report a "
            "period that overlaps them, or give the goals for it"
        )
    weights: tuple[Decimal | int, ...] = objective.seasonality or (1,) * len(months)
    first = objective.funnel.names[0] if objective.funnel is not None else None
    at_stage = stage is not None and stage != first
    totals: tuple[Count, ...] = tuple(month.leads_needed for month in months)
    if at_stage:
        assert stage is not None
        totals = _split(plan.stage(stage).count, weights)
    source_leads = [
        None if source.leads_needed is None or at_stage else _split(source.leads_needed, weights)
        for source in plan.sources
    ]
    source_values = [
        None if source.revenue_goal is None else allocate_money(source.revenue_goal, weights)
        for source in plan.sources
    ]
    leads: Count = _zero(totals[0])
    value = Decimal(0)
    per_source: list[tuple[Count, Decimal]] = [(_zero(totals[0]), Decimal(0)) for _ in plan.sources]
    served = []
    for index, month in enumerate(months):
        if month.leads_due.overlap(period) is None:
            continue
        served.append(month.period)
        due = month.leads_due
        leads = _add(leads, part_of(totals[index], due, period))
        value = Decimal(_add(value, part_of(month.marketing_revenue_goal, due, period, "money")))
        for number, (counts, values) in enumerate(zip(source_leads, source_values, strict=True)):
            got_leads, got_value = per_source[number]
            if counts is not None:
                got_leads = _add(got_leads, part_of(counts[index], due, period))
            if values is not None:
                got_value = Decimal(_add(got_value, part_of(values[index], due, period, "money")))
            per_source[number] = (got_leads, got_value)
    sources = tuple(
        SourceGoal(
            source.name,
            leads=None if source_leads[number] is None else per_source[number][0],
            lead_value=None if source_values[number] is None else per_source[number][1],
        )
        for number, source in enumerate(plan.sources)
        if source_leads[number] is not None or source_values[number] is not None
    )
    figures = merge_spend(objective_spend(objective, period, spend_split), spend)
    return PeriodGoals(
        period=period,
        leads=leads,
        lead_value=value,
        stage=stage,
        revenue_months=tuple(served),
        outside_plan=_outside(period, Period(months[0].leads_due.start, months[-1].leads_due.end)),
        due_before_objective=(
            tuple(
                month
                for month in months
                if month.leads_due.end < whole.start and month.leads_due.overlap(period) is None
            )
            if whole.overlap(period) is not None
            else ()
        ),
        sources=sources,
        spend=figures,
    )


def _split(total: Count, weights: tuple[Decimal | int, ...]) -> tuple[Count, ...]:
    if isinstance(total, Decimal):
        return allocate_exact(total, weights)
    return allocate_count(total, weights)


def _outside(period: Period, due_span: Period) -> tuple[Period, ...]:
    """The parts of ``period`` before and after the span of due months."""
    parts = []
    if period.start < due_span.start:
        parts.append(Period(period.start, min(period.end, due_span.start - timedelta(days=1))))
    if period.end > due_span.end:
        parts.append(Period(max(period.start, due_span.end + timedelta(days=1)), period.end))
    return tuple(parts)


def merge_spend(
    planned: Sequence[SpendFigure], given: Sequence[SpendFigure]
) -> tuple[SpendFigure, ...]:
    """The planned figures, each replaced by a given one for the same source; then the others."""
    named = {figure.source: figure for figure in given}
    merged = [named.pop(figure.source, figure) for figure in planned]
    return (*merged, *(figure for figure in given if figure.source in named))
