"""Periods: the month, quarter or year a goal is set for, or explicit dates.

A :class:`Period` is a closed range of calendar dates, first and last day
included. :meth:`Period.resolve` also reads the relative periods
(``current-month``, ``previous-quarter``, ``year-to-date`` ...) against an
``as_of`` date, the one reading for the command line and the config.
Month arithmetic uses python-dateutil's ``relativedelta``, which
clips at month end: shifting 31 January by one month gives 28 (or 29)
February, and shifting back does not return to the 31st.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from smarketing.errors import InvalidPeriod, WrongType

__all__ = ["RELATIVE_PERIODS", "Period"]

#: The relative periods :meth:`Period.resolve` reads, each against an ``as_of`` date.
RELATIVE_PERIODS = (
    "current-month",
    "previous-month",
    "current-quarter",
    "previous-quarter",
    "current-year",
    "previous-year",
    "year-to-date",
)

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:/|\.\.)\s*(\d{4}-\d{2}-\d{2})$")


def _is_date(instance: Period, attribute: Any, value: Any) -> None:
    # datetime is a subclass of date; a period is made of whole days.
    if not isinstance(value, date) or isinstance(value, datetime):
        raise WrongType(
            f"Period.{attribute.name} must be a datetime.date, got {type(value).__name__} "
            f"{value!r}: pass a date (use .date() on a datetime)"
        )


@attrs.frozen(order=True)
class Period:
    """A closed range of dates, ``start`` to ``end``, both included.

    Build one with :meth:`month`, :meth:`quarter`, :meth:`year` or
    :meth:`parse`, or give the two dates.

    >>> Period.parse("2026-11")
    Period(start=datetime.date(2026, 11, 1), end=datetime.date(2026, 11, 30))
    >>> Period.quarter(2026, 4).days
    92

    Attributes:
        start: The first day.
        end: The last day, included.
    """

    #: The first day.
    start: date = attrs.field(validator=_is_date)
    #: The last day, included.
    end: date = attrs.field(validator=_is_date)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidPeriod(
                f"Period ends on {self.end.isoformat()}, before it starts on "
                f"{self.start.isoformat()}: swap the two dates"
            )

    # -- constructors -------------------------------------------------------

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """The calendar month ``month`` (1-12) of ``year``."""
        if not 1 <= month <= 12:
            raise InvalidPeriod(f"month must be 1 to 12, got {month}")
        start = date(year, month, 1)
        return cls(start, _month_end(start))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """The calendar quarter ``quarter`` (1-4) of ``year``."""
        if not 1 <= quarter <= 4:
            raise InvalidPeriod(f"quarter must be 1 to 4, got {quarter}")
        start = date(year, 3 * quarter - 2, 1)
        return cls(start, _month_end(date(year, 3 * quarter, 1)))

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year ``year``."""
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``2026-11``, ``2026-Q4``, ``2026`` or ``2026-11-01/2026-11-15``."""
        cleaned = text.strip()
        try:
            if match := _MONTH.match(cleaned):
                return cls.month(int(match[1]), int(match[2]))
            if match := _QUARTER.match(cleaned):
                return cls.quarter(int(match[1]), int(match[2]))
            if match := _YEAR.match(cleaned):
                return cls.year(int(match[1]))
            if match := _RANGE.match(cleaned):
                return cls(date.fromisoformat(match[1]), date.fromisoformat(match[2]))
        except ValueError as error:
            if isinstance(error, InvalidPeriod):
                raise
            raise InvalidPeriod(f"{text!r} is not a valid period: {error}") from None
        raise InvalidPeriod(
            f"{text!r} is not a period: write a month (2026-11), a quarter (2026-Q4), "
            "a year (2026) or two dates (2026-11-01/2026-11-15)"
        )

    @classmethod
    def resolve(cls, text: str, as_of: date | None = None) -> Period:
        """Read a period as :meth:`parse` does, or a relative one against ``as_of``.

        The relative periods are :data:`RELATIVE_PERIODS`: ``current-month``
        (the month of ``as_of``), ``previous-month``, ``current-quarter``,
        ``previous-quarter``, ``current-year``, ``previous-year`` and
        ``year-to-date`` (1 January to ``as_of``, both included).

        >>> from datetime import date
        >>> Period.resolve("previous-quarter", date(2026, 11, 20)).label
        '2026-Q3'
        >>> Period.resolve("year-to-date", date(2026, 11, 20)).label
        '2026-01-01/2026-11-20'
        """
        name = text.strip().lower()
        if name not in RELATIVE_PERIODS:
            return cls.parse(text)
        if as_of is None:
            raise InvalidPeriod(
                f"the period {text.strip()!r} is relative and needs an as-of date: give --as-of "
                "(YYYY-MM-DD or today) or [report] as_of in the config"
            )
        day = _as_date(as_of)
        month = cls.month(day.year, day.month)
        quarter = cls.quarter(day.year, (day.month + 2) // 3)
        try:
            if name == "current-month":
                return month
            if name == "previous-month":
                return month.shift(-1)
            if name == "current-quarter":
                return quarter
            if name == "previous-quarter":
                return cls.quarter(*_quarter_before(day.year, (day.month + 2) // 3))
            if name == "current-year":
                return cls.year(day.year)
            if name == "previous-year":
                return cls.year(day.year - 1)
        except (ValueError, OverflowError):
            raise InvalidPeriod(
                f"the period {text.strip()!r} before {day.isoformat()} is before the calendar's "
                "first year: give a later as-of date"
            ) from None
        return cls(date(day.year, 1, 1), day)

    @staticmethod
    def is_relative(text: str) -> bool:
        """Whether ``text`` names a relative period (one that needs an ``as_of`` date)."""
        return text.strip().lower() in RELATIVE_PERIODS

    # -- reading ------------------------------------------------------------

    @property
    def days(self) -> int:
        """The number of calendar days, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        """A short name: ``2026-11``, ``2026-Q4``, ``2026``, or ``2026-11-01/2026-11-15``."""
        if self.start.day == 1 and self.end == _month_end(self.start):
            return f"{self.start.year:04d}-{self.start.month:02d}"
        if (
            self.start.day == 1
            and self.start.month in (1, 4, 7, 10)
            and self.end == _month_end(date(self.start.year, self.start.month + 2, 1))
        ):
            return f"{self.start.year:04d}-Q{(self.start.month + 2) // 3}"
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31) and (
            self.start.year == self.end.year
        ):
            return f"{self.start.year:04d}"
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def __str__(self) -> str:
        return self.label

    def __contains__(self, day: object) -> bool:
        """Whether a date falls within the period (a datetime counts by its date)."""
        if not isinstance(day, date):
            return False
        return self.start <= _as_date(day) <= self.end

    def dates(self) -> Iterator[date]:
        """Every date of the period, in order."""
        for offset in range(self.days):
            yield self.start + timedelta(days=offset)

    def days_through(self, as_of: date) -> int:
        """Calendar days of the period up to and including ``as_of``, from 0 to :attr:`days`."""
        day = _as_date(as_of)
        if day < self.start:
            return 0
        if day >= self.end:
            return self.days
        return (day - self.start).days + 1

    def overlap(self, other: Period) -> Period | None:
        """The days both periods share, or ``None`` when they share none."""
        start, end = max(self.start, other.start), min(self.end, other.end)
        return Period(start, end) if start <= end else None

    def months(self) -> tuple[Period, ...]:
        """The calendar months the period touches, each cut to the period's bounds."""
        parts: list[Period] = []
        first = date(self.start.year, self.start.month, 1)
        while first <= self.end:
            last = _month_end(first)
            parts.append(Period(max(first, self.start), min(last, self.end)))
            if last == date.max:
                break
            first = last + timedelta(days=1)
        return tuple(parts)

    def shift(self, months: int) -> Period:
        """The period moved by ``months`` (negative for earlier).

        A whole month stays a whole month (February included). Other dates
        move with ``relativedelta``, which clips at month end.
        """
        if self.start.day == 1 and self.end == _month_end(self.start):
            moved = self.start + relativedelta(months=months)
            return Period.month(moved.year, moved.month)
        return Period(
            self.start + relativedelta(months=months), self.end + relativedelta(months=months)
        )


def _month_end(day: date) -> date:
    """The last day of ``day``'s month (December 9999 included)."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _quarter_before(year: int, quarter: int) -> tuple[int, int]:
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def _as_date(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value
