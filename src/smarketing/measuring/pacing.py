"""Pacing: where the period's actual stands against the ideal line from 0 to the goal.

The ideal line runs from 0 at the start of the period to the goal at its end
(Roberge, *The Sales Acceleration Formula*, fig. 12.3). With ``elapsed`` of
``length`` days gone (calendar days, or working days):

- expected to date = goal x elapsed / length;
- projected end = actual / elapsed x length;
- needed per remaining day = (goal - actual) / remaining days.

Status, with the thresholds of :class:`smarketing.measuring.sla.PacingRule`:
``not_started`` as of a day before the period; ``met`` once the actual
reaches the goal, and ``met_ahead`` when it is also above ``ahead_above`` x
expected (met, and still flooding sales); ``missed`` when the period is over
short of the goal; otherwise ``behind`` below ``behind_below`` x expected,
``ahead`` above ``ahead_above`` x expected (sales capacity gets flooded),
and ``on_track`` in between.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction

import attrs

import smarketing._display as show
from smarketing._numbers import ratio, to_decimal, to_fraction
from smarketing.measuring.sla import PacingRule
from smarketing.planning.business_calendar import BusinessCalendar
from smarketing.planning.period import Period

__all__ = ["Pacing", "PacingPoint", "PacingStatus", "pace"]


class PacingStatus(enum.StrEnum):
    """Where the actual stands against the ideal line."""

    AHEAD = "ahead"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    MET = "met"
    #: Met, and above ``ahead_above`` x the expected: more leads than sales planned for.
    MET_AHEAD = "met_ahead"
    MISSED = "missed"
    #: As of a day before the period: nothing is expected yet.
    NOT_STARTED = "not_started"


@attrs.frozen
class PacingPoint:
    """The ideal and the actual at the end of ``day`` (``elapsed`` days into the period).

    The first point, with ``elapsed`` 0, is the start of the period. ``actual``
    is ``None`` for days after ``as_of``.

    Attributes:
        day: The day.
        elapsed: The days of the period gone at its end.
        ideal: The ideal line at its end.
        actual: The actual at its end, or ``None`` after ``as_of``.
    """

    #: The day.
    day: date
    #: The days of the period gone at its end.
    elapsed: int
    #: The ideal line at its end.
    ideal: Decimal
    #: The actual at its end, or ``None`` after ``as_of``.
    actual: Decimal | None


@attrs.frozen
class Pacing:
    """Pacing of one goal (leads, or lead value) over a period, as of a day.

    Attributes:
        unit: What is paced: ``leads`` or ``lead value``.
        goal: The goal of the period.
        actual: The actual to date.
        elapsed_days: The days of the period gone, as of the day.
        length_days: The days of the period (working days when pacing on them).
        expected_to_date: Goal x elapsed / length: the ideal line to date.
        projected_end: Actual / elapsed x length, or ``None`` with no day elapsed.
        needed_per_remaining_day: (Goal - actual) / remaining days (0 once met), or ``None`` when no
            day remains.
        status: Where the actual stands against the ideal line.
        points: The ideal and the actual at the end of each day.
    """

    #: What is paced: ``leads`` or ``lead value``.
    unit: str
    #: The goal of the period.
    goal: Decimal
    #: The actual to date.
    actual: Decimal
    #: The days of the period gone, as of the day.
    elapsed_days: int
    #: The days of the period (working days when pacing on them).
    length_days: int
    #: Goal x elapsed / length: the ideal line to date.
    expected_to_date: Decimal
    #: Actual / elapsed x length, or ``None`` with no day elapsed.
    projected_end: Decimal | None
    #: (Goal - actual) / remaining days (0 once met), or ``None`` when no day remains.
    needed_per_remaining_day: Decimal | None
    #: Where the actual stands against the ideal line.
    status: PacingStatus
    #: The ideal and the actual at the end of each day.
    points: tuple[PacingPoint, ...]

    @property
    def attainment(self) -> Decimal | None:
        """Actual / goal (``None`` with a goal of 0)."""
        return ratio(self.actual, self.goal)

    def __repr__(self) -> str:
        places = 0 if self.unit == "leads" else 2  # leads, or lead value
        rest = max(places, 1)
        return show.capped(
            f"<Pacing {show.text(self.unit)}: {show.number(self.actual, places)}/"
            f"{show.number(self.goal, places)} ({show.percent(self.attainment)}) "
            f"{self.status.value} on day {self.elapsed_days} of {self.length_days}; expected "
            f"{show.number(self.expected_to_date, rest)}, projected "
            f"{show.number(self.projected_end, rest)}, needed a day "
            f"{show.number(self.needed_per_remaining_day, rest)}>"
        )


def pace(
    *,
    unit: str,
    goal: Decimal | int,
    daily: Mapping[date, Decimal | int],
    period: Period,
    as_of: date,
    rule: PacingRule,
    calendar: BusinessCalendar,
) -> Pacing:
    """Pace ``daily`` amounts against ``goal`` over ``period``, as of the end of ``as_of``."""
    goal_exact = to_fraction(goal)
    if rule.business_days:
        length = calendar.business_days(period.start, period.end)
        counts = [calendar.is_business_day(day) for day in period.dates()]
    else:
        length = period.days
        counts = [True] * period.days
    elapsed_so_far = 0
    cumulative = Fraction(0)
    points = [PacingPoint(period.start, 0, Decimal(0), Decimal(0))]
    for day, counted in zip(period.dates(), counts, strict=True):
        elapsed_so_far += counted
        ideal = goal_exact * elapsed_so_far / length if length else goal_exact
        if day <= as_of:
            cumulative += to_fraction(daily.get(day, 0))
            actual: Decimal | None = to_decimal(cumulative)
        else:
            actual = None
        points.append(PacingPoint(day, elapsed_so_far, to_decimal(ideal), actual))
    elapsed = _elapsed(period, as_of, counts)
    actual_total = sum(
        (to_fraction(v) for d, v in daily.items() if d in period and d <= as_of), Fraction(0)
    )
    expected = goal_exact * elapsed / length if length else goal_exact
    remaining = length - elapsed
    projected = None if elapsed == 0 else to_decimal(actual_total / elapsed * length)
    needed = None
    if remaining > 0:
        needed = to_decimal(max(goal_exact - actual_total, Fraction(0)) / remaining)
    return Pacing(
        unit=unit,
        goal=to_decimal(goal_exact),
        actual=to_decimal(actual_total),
        elapsed_days=elapsed,
        length_days=length,
        expected_to_date=to_decimal(expected),
        projected_end=projected,
        needed_per_remaining_day=needed,
        status=(
            PacingStatus.NOT_STARTED
            if as_of < period.start
            else _status(goal_exact, actual_total, expected, remaining, rule)
        ),
        points=tuple(points),
    )


def _elapsed(period: Period, as_of: date, counts: list[bool]) -> int:
    days = period.days_through(as_of)
    return sum(counts[:days])


def _status(
    goal: Fraction, actual: Fraction, expected: Fraction, remaining: int, rule: PacingRule
) -> PacingStatus:
    flooding = actual > expected * to_fraction(rule.ahead_above)
    if actual >= goal:
        return PacingStatus.MET_AHEAD if flooding else PacingStatus.MET
    if remaining == 0:
        return PacingStatus.MISSED
    if expected == 0:
        return PacingStatus.ON_TRACK
    if actual < expected * to_fraction(rule.behind_below):
        return PacingStatus.BEHIND
    if flooding:
        return PacingStatus.AHEAD
    return PacingStatus.ON_TRACK
