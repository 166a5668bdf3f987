"""Evaluating the SLA for a period: attainment, pacing, follow-up, cost and return.

:func:`evaluate` reads :class:`~smarketing.measuring.actuals.FunnelActuals` (or
collects them from records) and returns an :class:`SLAReport`. It takes an
explicit ``as_of``: the core never reads the clock. A period with no data
gives a report of zeros, never a division error; a figure with nothing to
divide by is ``None``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal
from itertools import pairwise

import attrs

import smarketing._display as show
from smarketing._numbers import ratio
from smarketing.errors import InvalidValue
from smarketing.measuring.actuals import ActualsSpec, Breach, FollowUpCounts, FunnelActuals, Won
from smarketing.measuring.findings import Findings
from smarketing.measuring.measured import MeasuredBack, measured_back
from smarketing.measuring.one_pass import Pass
from smarketing.measuring.pacing import Pacing, pace
from smarketing.measuring.results import OwnerCompliance, SourceResult, StageResult
from smarketing.measuring.scoring import (
    FOLLOWUP_FIELDS,
    Attainment,
    ClauseStatus,
    Compliance,
    LeadValues,
    compliance_of,
)
from smarketing.measuring.sla import SLA
from smarketing.measuring.trend import TrendPoint
from smarketing.measuring.trend import trend as trend_of
from smarketing.planning.period import Period
from smarketing.records import Deal, Lead

__all__ = [
    "Attainment",
    "ClauseStatus",
    "Compliance",
    "OwnerCompliance",
    "SLAReport",
    "SourceResult",
    "StageResult",
    "evaluate",
]

_MEDIAN, _P90 = 0.5, 0.9


@attrs.frozen
class SLAReport:
    """Everything marketing and sales read together about one period.

    Attributes:
        period: The period reported.
        as_of: The day the report is as of.
        currency: The ISO 4217 code of its amounts.
        commitment_stage: The stage whose entries count as leads delivered.
        marketing: Leads and lead value delivered against the commitment, all sources.
        sources_attainment: The same for each source with a commitment.
        pacing: Pacing of the leads, or ``None`` without a lead goal.
        value_pacing: Pacing of the lead value, or ``None`` without a value goal or values.
        speed: The speed clause over the period's hand-offs, or ``None`` without it.
        depth: The depth clause over the period's hand-offs, or ``None`` without it.
        owners: Both clauses for each owner's leads.
        breaches: The leads that breached a clause (the first listed).
        breach_count: Every breach, counted.
        sources: Each source's leads, customers, revenue, cost and return.
        stages: Each funnel stage's entries, cohort and time to the next.
        median_response: The median time from hand-off to first touch, or ``None``.
        p90_response: The 90th percentile of that time, or ``None``.
        findings: What was odd in the data.
        leads_read: Leads read.
        measured: The plan's four metrics as they happened.
        trend: The periods before this one, oldest first.
    """

    #: The period reported.
    period: Period
    #: The day the report is as of.
    as_of: date
    #: The ISO 4217 code of its amounts.
    currency: str
    #: The stage whose entries count as leads delivered.
    commitment_stage: str
    #: Leads and lead value delivered against the commitment, all sources.
    marketing: Attainment
    #: The same for each source with a commitment.
    sources_attainment: tuple[Attainment, ...]
    #: Pacing of the leads, or ``None`` without a lead goal.
    pacing: Pacing | None
    #: Pacing of the lead value, or ``None`` without a value goal or values.
    value_pacing: Pacing | None
    #: The speed clause over the period's hand-offs, or ``None`` without it.
    speed: Compliance | None
    #: The depth clause over the period's hand-offs, or ``None`` without it.
    depth: Compliance | None
    #: Both clauses for each owner's leads.
    owners: tuple[OwnerCompliance, ...]
    #: The leads that breached a clause (the first listed).
    breaches: tuple[Breach, ...]
    #: Every breach, counted.
    breach_count: int
    #: Each source's leads, customers, revenue, cost and return.
    sources: tuple[SourceResult, ...]
    #: Each funnel stage's entries, cohort and time to the next.
    stages: tuple[StageResult, ...]
    #: The median time from hand-off to first touch, or ``None``.
    median_response: timedelta | None
    #: The 90th percentile of that time, or ``None``.
    p90_response: timedelta | None
    #: What was odd in the data.
    findings: Findings
    #: Leads read.
    leads_read: int
    #: The plan's four metrics as they happened.
    measured: MeasuredBack
    #: The periods before this one, oldest first.
    trend: tuple[TrendPoint, ...] = ()

    def __repr__(self) -> str:
        marketing, currency = self.marketing, self.currency
        leads = f"leads {show.count(marketing.leads)}"
        if marketing.goal_leads is not None:
            leads += (
                f"/{show.count(marketing.goal_leads)} = {show.percent(marketing.lead_attainment)}"
            )
        if self.pacing is not None:
            leads += f" {self.pacing.status.value}"
        value = f"lead value {show.money(marketing.value, currency)}"
        if marketing.goal_value is not None:
            value += (
                f"/{show.money(marketing.goal_value, None)} = "
                f"{show.percent(marketing.value_attainment)}"
            )
        clauses = "; ".join(
            f"{clause.clause} {show.percent(clause.share_met)} {clause.status.value}"
            for clause in (self.speed, self.depth)
            if clause is not None
        )
        return show.capped(
            f"<SLAReport {self.period} as of {self.as_of}: {leads}; {value}"
            + (f"; {clauses}" if clauses else "")
            + f"; {show.counted(self.leads_read, 'lead')} read, "
            f"{show.counted(self.breach_count, 'breach', 'breaches')}, "
            f"{show.counted(len(self.sources), 'source')}, "
            f"{show.counted(self.findings.total, 'finding')}>"
        )

    def _repr_html_(self) -> str:
        """The summary a notebook shows: commitment, the four metrics, the sales clauses."""
        marketing, currency, measured = self.marketing, self.currency, self.measured
        rows: list[list[str]] = [
            [
                "Leads",
                show.count(marketing.leads),
                show.count(marketing.goal_leads),
                show.percent(marketing.lead_attainment),
                _status(self.pacing),
            ],
            [
                "Lead value",
                show.money(marketing.value, currency),
                show.money(marketing.goal_value, currency),
                show.percent(marketing.value_attainment),
                _status(self.value_pacing),
            ],
        ]
        title = f"SLA report · {self.period} · as of {self.as_of} · {currency}"
        tables = [
            show.html_table(
                f"{title}: marketing commitment ({self.commitment_stage})",
                ["", "Actual", "Goal", "Attainment", "Status"],
                rows,
            ),
            show.html_table(
                "Measured back",
                ["Metric", "Actual"],
                [
                    ["Revenue won", show.money(measured.won.revenue, currency)],
                    ["Deals won", show.count(measured.won.deals)],
                    ["Deals lost", show.count(measured.lost_deals)],
                    ["Average sale", show.money(measured.average_sale, currency)],
                    ["Close rate (lead to customer)", show.percent(measured.close_rate, 2)],
                    ["Win rate", show.percent(measured.win_rate)],
                    [
                        "Open pipeline (deals · amount)",
                        f"{show.count(measured.pipeline.deals)} · "
                        f"{show.money(measured.pipeline.amount, currency)}",
                    ],
                    ["Median sales cycle", show.duration(measured.median_sales_cycle)],
                ],
            ),
        ]
        clauses = [clause for clause in (self.speed, self.depth) if clause is not None]
        if clauses:
            tables.append(
                show.html_table(
                    "Sales follow-up",
                    ["Clause", "Handed off", "Met", "Breached", "Pending", "Attainment", "Status"],
                    [
                        [
                            clause.clause.capitalize(),
                            show.count(clause.handed_off),
                            show.count(clause.met),
                            show.count(clause.breached),
                            show.count(clause.pending),
                            show.percent(clause.share_met),
                            clause.status.value.replace("_", " ").upper(),
                        ]
                        for clause in clauses
                    ],
                )
            )
        tables.append(
            show.html_table(
                "Counts",
                ["Leads read", "Breaches", "Sources", "Findings"],
                [
                    [
                        show.count(self.leads_read),
                        show.count(self.breach_count),
                        show.count(len(self.sources)),
                        show.count(self.findings.total),
                    ]
                ],
            )
        )
        return "\n".join(tables)


def _status(pacing: Pacing | None) -> str:
    """A pacing status as the text report writes it (``ON TRACK``), or a dash."""
    return show.NONE if pacing is None else pacing.status.value.replace("_", " ").upper()


def evaluate(
    sla: SLA,
    data: FunnelActuals | Iterable[Lead],
    period: Period,
    *,
    as_of: date | datetime,
    deals: Iterable[Deal] = (),
    zone: tzinfo = UTC,
    trend: int = 6,
    goals_for: Callable[[Period], SLA | None] | None = None,
) -> SLAReport:
    """Evaluate ``sla`` over ``period`` as of ``as_of``.

    ``data`` is either actuals collected with this SLA and ``as_of`` (see
    :func:`~smarketing.pipeline.collecting.collect_actuals`), or the lead records
    themselves, with their ``deals``, read in ``zone``. The report also
    holds the ``trend`` periods before ``period`` (:mod:`smarketing.measuring.trend`),
    with the goals ``goals_for(period)`` gives (none without it).
    """
    if isinstance(data, FunnelActuals):
        actuals = data
        _check_spec(actuals, sla, as_of)
    else:
        spec = ActualsSpec.of(sla, as_of=as_of, zone=zone, breaches_in=period)
        actuals = Pass(spec).run(data, deals)
    as_of_day = as_of.date() if isinstance(as_of, datetime) else as_of
    stage = sla.commitment_stage
    values = LeadValues(sla)
    by_source = actuals.by_source(stage, period)
    leads = sum(by_source.values())
    value = values.of_leads(by_source)
    marketing = Attainment(None, sla.marketing.leads, leads, sla.marketing.lead_value, value)
    per_source = tuple(
        Attainment(
            commitment.source,
            commitment.leads,
            by_source.get(commitment.source, 0),
            commitment.lead_value,
            values.of_leads({commitment.source: by_source.get(commitment.source, 0)}),
        )
        for commitment in sla.marketing.sources
    )

    def paced(unit: str, goal: Decimal | int, daily: Mapping[date, Decimal | int]) -> Pacing:
        return pace(
            unit=unit,
            goal=goal,
            daily=daily,
            period=period,
            as_of=as_of_day,
            rule=sla.pacing,
            calendar=sla.calendar,
        )

    pacing = value_pacing = None
    if sla.marketing.leads is not None:
        pacing = paced("leads", sla.marketing.leads, actuals.daily(stage, period))
    if sla.marketing.lead_value is not None:
        daily_value = values.daily(actuals, stage, period)
        if daily_value is not None:
            value_pacing = paced("lead value", sla.marketing.lead_value, daily_value)
    by_owner = _followup_by_owner(actuals, period)
    followup = FollowUpCounts(
        *map(sum, zip(*map(FOLLOWUP_FIELDS, by_owner.values()), strict=False))
    )
    speed, depth = compliance_of(sla, followup)
    owners = tuple(
        OwnerCompliance(owner, *compliance_of(sla, by_owner[owner])) for owner in sorted(by_owner)
    )
    breaches = tuple(breach for breach in actuals.breaches if breach.handoff.date() in period)
    response = actuals.response_time(period)
    return SLAReport(
        period=period,
        as_of=as_of_day,
        currency=sla.currency,
        commitment_stage=stage,
        marketing=marketing,
        sources_attainment=per_source,
        pacing=pacing,
        value_pacing=value_pacing,
        speed=speed,
        depth=depth,
        owners=owners,
        breaches=breaches,
        breach_count=followup.speed_breached + followup.depth_breached,
        sources=_sources(sla, values, actuals, period),
        stages=_stages(actuals, period),
        median_response=response.quantile(_MEDIAN),
        p90_response=response.quantile(_P90),
        findings=actuals.findings,
        leads_read=actuals.leads,
        measured=measured_back(actuals, period),
        trend=trend_of(actuals, sla, period, count=trend, goals_for=goals_for),
    )


def _check_spec(actuals: FunnelActuals, sla: SLA, as_of: date | datetime) -> None:
    spec = actuals.spec
    mismatched = [
        name
        for name, ours, theirs in (
            ("funnel", sla.funnel, spec.funnel),
            ("speed clause", sla.speed, spec.speed),
            ("depth clause", sla.depth, spec.depth),
            ("calendar", sla.calendar, spec.calendar),
            ("as_of", as_of, spec.as_of),
        )
        if ours != theirs
    ]
    if mismatched:
        raise InvalidValue(
            f"these actuals were collected with another {', '.join(mismatched)} than this "
            "evaluation's: collect them with collect_actuals(leads, deals, sla=sla, "
            "as_of=as_of), or pass the records to evaluate"
        )


def _in(day: date, period: Period) -> bool:
    return period.start <= day <= period.end


def _followup_by_owner(actuals: FunnelActuals, period: Period) -> dict[str, FollowUpCounts]:
    """The clause outcomes of each owner's leads handed off in ``period``, in one read."""
    sums: dict[str, list[int]] = {}
    for (day, owner), counts in actuals.followup.items():
        if _in(day, period):
            total = sums.get(owner)
            if total is None:
                total = sums[owner] = [0] * 7
            for index, number in enumerate(FOLLOWUP_FIELDS(counts)):
                total[index] += number
    return {owner: FollowUpCounts(*total) for owner, total in sums.items()}


def _won_by_source(
    table: Mapping[tuple[date, str, str | None], Won], period: Period
) -> dict[str, Won]:
    totals: dict[str, Won] = {}
    for (day, source, _), won in table.items():
        if _in(day, period):
            known = totals.get(source)
            totals[source] = won if known is None else known + won
    return totals


def _sources(
    sla: SLA, values: LeadValues, actuals: FunnelActuals, period: Period
) -> tuple[SourceResult, ...]:
    """Every source of the period, each table read once whatever the number of sources."""
    first = sla.funnel.names[0]
    leads = actuals.by_source(first, period)
    cohort = actuals.by_source(first, period, view="cohort")
    won = _won_by_source(actuals.won, period)
    cohort_won = _won_by_source(actuals.cohort_won, period)
    lost: dict[str, list[tuple[str, int]]] = {}
    for (source, reason), count in actuals.lost_reasons_in(period).items():
        lost.setdefault(source, []).append((reason, count))
    names = set(leads) | set(cohort) | set(values.spend) | set(lost)
    names |= {commitment.source for commitment in sla.marketing.sources}
    names |= {source for source, total in won.items() if total.deals}
    nothing = Won()
    return tuple(
        SourceResult(
            source=name,
            leads=leads.get(name, 0),
            won=won.get(name, nothing),
            cohort_leads=cohort.get(name, 0),
            cohort_won=cohort_won.get(name, nothing),
            spend=values.spend.get(name),
            lost_reasons=tuple(sorted(lost.get(name, ()), key=lambda item: (-item[1], item[0]))),
        )
        for name in sorted(names)
    )


def _by_stage(
    table: Mapping[tuple[date, str, str, str | None], int], period: Period
) -> dict[str, int]:
    totals: dict[str, int] = {}
    for (day, stage, _, _), count in table.items():
        if _in(day, period):
            totals[stage] = totals.get(stage, 0) + count
    return totals


def _stages(actuals: FunnelActuals, period: Period) -> tuple[StageResult, ...]:
    """Every stage seen, each table read once whatever the number of stages."""
    funnel = actuals.spec.funnel.names
    nexts = dict(pairwise(funnel))
    entries = _by_stage(actuals.entries, period)
    cohorts = _by_stage(actuals.cohort, period)
    results = []
    for name in actuals.stages_seen():
        cohort = cohorts.get(name, 0)
        following = nexts.get(name)
        rate = median = p90 = None
        if following is not None:
            rate = ratio(cohorts.get(following, 0), cohort)
            sketch = actuals.time_to_convert(name, following, period)
            median, p90 = sketch.quantile(_MEDIAN), sketch.quantile(_P90)
        results.append(
            StageResult(
                stage=name,
                entries=entries.get(name, 0),
                cohort=cohort,
                cohort_rate_to_next=rate,
                median_to_next=median,
                p90_to_next=p90,
            )
        )
    return tuple(results)
