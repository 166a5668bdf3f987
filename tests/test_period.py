"""Periods and business calendars."""

from __future__ import annotations

import calendar
import datetime as dt
from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smarketing import BusinessCalendar, InvalidPeriod, InvalidValue, Period, WrongType
from tests.strategies import dates, periods


@pytest.mark.parametrize(
    ("text", "start", "end", "days"),
    [
        ("2026-11", date(2026, 11, 1), date(2026, 11, 30), 30),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), 29),
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31), 92),
        ("2026q1", date(2026, 1, 1), date(2026, 3, 31), 90),
        ("2026", date(2026, 1, 1), date(2026, 12, 31), 365),
        ("2026-11-01/2026-11-15", date(2026, 11, 1), date(2026, 11, 15), 15),
        (" 2026-11-01..2026-11-01 ", date(2026, 11, 1), date(2026, 11, 1), 1),
    ],
)
def test_parse(text: str, start: date, end: date, days: int) -> None:
    period = Period.parse(text)
    assert (period.start, period.end, period.days) == (start, end, days)
    assert Period.parse(period.label) == period


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2026-13", "month must be 1 to 12"),
        ("November", "is not a period"),
        ("2026-11-30/2026-11-01", "before it starts"),
        ("2026-02-30/2026-03-01", "not a valid period"),
        ("2026-Q5", "is not a period"),
    ],
)
def test_parse_errors(text: str, words: str) -> None:
    with pytest.raises(InvalidPeriod, match=words):
        Period.parse(text)


def test_period_wants_dates_not_datetimes() -> None:
    with pytest.raises(WrongType, match=r"must be a datetime\.date"):
        Period(datetime(2026, 1, 1), date(2026, 1, 2))


def test_contains_and_days_through() -> None:
    november = Period.month(2026, 11)
    assert date(2026, 11, 30) in november
    assert datetime(2026, 11, 30, 23, 59) in november
    assert date(2026, 12, 1) not in november
    assert november.days_through(date(2026, 10, 31)) == 0
    assert november.days_through(date(2026, 11, 20)) == 20
    assert november.days_through(date(2027, 1, 1)) == 30


def test_months_of_a_partial_range() -> None:
    months = Period.parse("2026-01-15/2026-03-10").months()
    assert [m.label for m in months] == [
        "2026-01-15/2026-01-31",
        "2026-02",
        "2026-03-01/2026-03-10",
    ]


def test_shift_clips_at_month_end() -> None:
    """dateutil's relativedelta clips: 31 January + 1 month is 28 February, and back is the 28th."""
    day = Period(date(2026, 1, 31), date(2026, 1, 31))
    assert day.shift(1) == Period(date(2026, 2, 28), date(2026, 2, 28))
    assert day.shift(1).shift(-1) == Period(date(2026, 1, 28), date(2026, 1, 28))
    assert Period.month(2026, 3).shift(-1) == Period.month(2026, 2)


@given(st.integers(1900, 2200), st.integers(1, 12), st.integers(-400, 400))
def test_month_shift_round_trips(year: int, month: int, by: int) -> None:
    period = Period.month(year, month)
    moved = period.shift(by)
    assert moved.label == f"{moved.start.year:04d}-{moved.start.month:02d}"
    assert moved.shift(-by) == period


@given(periods(), st.integers(-36, 36))
def test_shift_never_overshoots_month_end(period: Period, by: int) -> None:
    moved = period.shift(by)
    assert moved.start.day <= period.start.day
    if moved.start.day < period.start.day:
        # clipped: it landed on the last day of its month
        last_day = calendar.monthrange(moved.start.year, moved.start.month)[1]
        assert moved.start.day == last_day


@given(periods())
def test_months_cover_the_period(period: Period) -> None:
    months = period.months()
    assert months[0].start == period.start
    assert months[-1].end == period.end
    assert sum(m.days for m in months) == period.days


@given(dates, st.integers(0, 800))
def test_business_days_match_a_day_by_day_count(first: date, length: int) -> None:
    holiday = first + dt.timedelta(days=3)
    week = BusinessCalendar(workdays=frozenset({0, 1, 2, 3, 5}), holidays=frozenset({holiday}))
    last = first + dt.timedelta(days=length)
    slow = sum(
        1 for d in Period(first, last).dates() if d.weekday() in week.workdays and d != holiday
    )
    assert week.business_days(first, last) == slow


def test_business_days_examples() -> None:
    calendar = BusinessCalendar(holidays=frozenset({date(2026, 11, 11)}))
    # November 2026: 21 weekdays, less Armistice Day (a Wednesday).
    assert calendar.business_days(date(2026, 11, 1), date(2026, 11, 30)) == 20
    assert calendar.business_days(date(2026, 11, 30), date(2026, 11, 1)) == 0


def test_bad_calendars() -> None:
    with pytest.raises(InvalidValue, match="needs a day"):
        BusinessCalendar(workdays=frozenset())
    with pytest.raises(WrongType, match="weekday numbers"):
        BusinessCalendar(workdays=frozenset({7}))
    with pytest.raises(InvalidValue, match="must end after it starts"):
        BusinessCalendar(opens=time(18), closes=time(9))
