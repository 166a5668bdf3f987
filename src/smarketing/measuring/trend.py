"""The trend: the periods before a report's, from the same actuals (the data is read once).

The actuals are kept per day, so the periods before the report's are sums of
days too: :func:`trend` reads each table once and sorts its days into the
periods. Each point says what :func:`~smarketing.measuring.evaluation.evaluate` says of
its period alone: leads and lead value against the goal, the cohort rate
from the hand-off stage to the next (MQL to SQL), the speed and depth
clauses, the revenue won and the win rate. A period that ends before the
first day with data is *empty* (no figure), not a period of zeros.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import attrs
from dateutil.relativedelta import relativedelta

import smarketing._display as show
from smarketing._numbers import ratio
from smarketing.errors import InvalidValue
from smarketing.measuring.actuals import FollowUpCounts, FunnelActuals, Won
from smarketing.measuring.scoring import (
    FOLLOWUP_FIELDS,
    Attainment,
    Compliance,
    LeadValues,
    compliance_of,
)
from smarketing.measuring.sla import SLA
from smarketing.planning.period import Period

__all__ = ["DEFAULT_TREND", "GoalsFor", "TrendPoint", "previous_periods", "trend"]

#: How many periods before the report's a report shows by default.
DEFAULT_TREND = 6
#: Gives the SLA (its goals) of any period, or ``None`` where there is none.
GoalsFor = Callable[[Period], SLA | None]

_MONTHS = (
    (re.compile(r"\d{4}-\d{2}"), 1),
    (re.compile(r"\d{4}-Q\d"), 3),
    (re.compile(r"\d{4}"), 12),
)


@attrs.frozen
class TrendPoint:
    """One period before the report's; every figure ``None`` when it is :attr:`empty`.

    ``marketing`` holds the goals of ``goals_for(period)``, or none
    (``goal_leads`` and ``goal_value`` ``None``) without it.

    Attributes:
        period: The period.
        marketing: Leads and lead value against its goals, or ``None`` when empty.
        handoff_rate: The cohort's rate from the hand-off stage to the next, or ``None``.
        speed: The speed clause over its hand-offs, or ``None``.
        depth: The depth clause over its hand-offs, or ``None``.
        won: Deals won in it, or ``None`` when empty.
        lost_deals: Deals lost in it, or ``None`` when empty.
    """

    #: The period.
    period: Period
    #: Leads and lead value against its goals, or ``None`` when empty.
    marketing: Attainment | None
    #: The cohort's rate from the hand-off stage to the next, or ``None``.
    handoff_rate: Decimal | None
    #: The speed clause over its hand-offs, or ``None``.
    speed: Compliance | None
    #: The depth clause over its hand-offs, or ``None``.
    depth: Compliance | None
    #: Deals won in it, or ``None`` when empty.
    won: Won | None
    #: Deals lost in it, or ``None`` when empty.
    lost_deals: int | None

    @property
    def empty(self) -> bool:
        """Whether the period ends before the first day with data."""
        return self.marketing is None

    @property
    def win_rate(self) -> Decimal | None:
        """Won / (won + lost) among the deals closed in the period."""
        if self.won is None or self.lost_deals is None:
            return None
        return ratio(self.won.deals, self.won.deals + self.lost_deals)

    def __repr__(self) -> str:
        marketing = self.marketing
        if marketing is None:
            return f"<TrendPoint {self.period}: no data yet>"
        leads = f"leads {show.count(marketing.leads)}"
        if marketing.goal_leads is not None:
            leads += (
                f"/{show.count(marketing.goal_leads)} ({show.percent(marketing.lead_attainment)})"
            )
        clauses = "".join(
            f", {clause.clause} {show.percent(clause.share_met)}"
            for clause in (self.speed, self.depth)
            if clause is not None
        )
        won = self.won or Won()
        return show.capped(
            f"<TrendPoint {self.period}: {leads}, hand-off {show.percent(self.handoff_rate)}"
            f"{clauses}; won {show.counted(won.deals, 'deal')} {show.money(won.revenue, None)}, "
            f"lost {show.count(self.lost_deals)}, win rate {show.percent(self.win_rate)}>"
        )


def previous_periods(period: Period, count: int) -> tuple[Period, ...]:
    """The ``count`` periods of ``period``'s kind just before it, oldest first.

    Months before a month, quarters before a quarter, years before a year;
    before any other range, ranges of the same number of days.
    """
    if count < 0:
        raise InvalidValue(
            f"trend (--trend) is how many periods to show before the report's, 0 or more; "
            f"got {count}: give 0 to show none"
        )
    label = period.label
    months = next((n for pattern, n in _MONTHS if pattern.fullmatch(label)), None)
    periods = []
    for back in range(count, 0, -1):
        if months is None:
            shift = timedelta(days=period.days * back)
            periods.append(Period(period.start - shift, period.end - shift))
        else:
            start = period.start - relativedelta(months=months * back)
            periods.append(Period(start, start + relativedelta(months=months, days=-1)))
    return tuple(periods)


def trend(
    actuals: FunnelActuals,
    sla: SLA,
    period: Period,
    *,
    count: int = DEFAULT_TREND,
    goals_for: GoalsFor | None = None,
) -> tuple[TrendPoint, ...]:
    """The ``count`` periods before ``period``, each as evaluating it alone would say.

    ``sla`` is the report's (its lead values and clauses); ``goals_for(p)``
    gives the goals of each earlier period, and its lead values.
    """
    periods = previous_periods(period, count)
    if not periods:
        return ()
    tables = _Tables(actuals, periods)
    first = actuals.first_day()
    names = actuals.spec.funnel.names
    handoff = actuals.spec.funnel.handoff
    following = names[names.index(handoff) + 1] if handoff != names[-1] else None
    values: dict[object, LeadValues] = {}  # built once for each set of lead values
    points = []
    for index, each in enumerate(periods):
        if first is None or each.end < first:
            points.append(TrendPoint(each, None, None, None, None, None, None))
            continue
        goal = None if goals_for is None else goals_for(each)
        basis = sla if goal is None else goal
        stage = basis.commitment_stage
        by_source = {
            source: number
            for (name, source), number in tables.entries[index].items()
            if name == stage
        }
        marketing = Attainment(
            None,
            None if goal is None else goal.marketing.leads,
            sum(by_source.values()),
            None if goal is None else goal.marketing.lead_value,
            _values(values, basis).of_leads(by_source),
        )
        cohort = tables.cohort[index]
        rate = None
        if following is not None:
            rate = ratio(cohort.get(following, 0), cohort.get(handoff, 0))
        speed, depth = compliance_of(sla, FollowUpCounts(*tables.followup[index]))
        points.append(
            TrendPoint(each, marketing, rate, speed, depth, tables.won[index], tables.lost[index])
        )
    return tuple(points)


def _values(known: dict[object, LeadValues], sla: SLA) -> LeadValues:
    key = (sla.lead_values, sla.default_lead_value)
    found = known.get(key)
    if found is None:
        found = known[key] = LeadValues(sla)
    return found


class _Tables:
    """Each table of the actuals read once, its days sorted into the periods."""

    def __init__(self, actuals: FunnelActuals, periods: tuple[Period, ...]) -> None:
        self.starts = [each.start for each in periods]
        self.first, self.last = periods[0].start, periods[-1].end
        self.slots: dict[date, int | None] = {}
        size = len(periods)
        self.entries: list[dict[tuple[str, str], int]] = [{} for _ in range(size)]
        self.cohort: list[dict[str, int]] = [{} for _ in range(size)]
        self.followup = [[0] * 7 for _ in range(size)]
        self.won = [Won()] * size
        self.lost = [0] * size
        for (day, stage, source, _), number in actuals.entries.items():
            if (slot := self._slot(day)) is not None:
                table = self.entries[slot]
                table[stage, source] = table.get((stage, source), 0) + number
        for (day, stage, _, _), number in actuals.cohort.items():
            if (slot := self._slot(day)) is not None:
                reached = self.cohort[slot]
                reached[stage] = reached.get(stage, 0) + number
        for (day, _), counts in actuals.followup.items():
            if (slot := self._slot(day)) is not None:
                total = self.followup[slot]
                for field, number in enumerate(FOLLOWUP_FIELDS(counts)):
                    total[field] += number
        for (day, _, _), won in actuals.won.items():
            if (slot := self._slot(day)) is not None:
                self.won[slot] = self.won[slot] + won
        for (day, _, _), number in actuals.lost_deals.items():
            if (slot := self._slot(day)) is not None:
                self.lost[slot] += number

    def _slot(self, day: date) -> int | None:
        slot = self.slots.get(day, -1)
        if slot == -1:
            slot = None
            if self.first <= day <= self.last:
                slot = bisect_right(self.starts, day) - 1
            self.slots[day] = slot
        return slot
