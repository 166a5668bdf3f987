"""Working weeks, holidays and working hours, for business-day pacing and business-hour SLAs."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import attrs

from smarketing.errors import InvalidValue, WrongType

__all__ = ["BusinessCalendar"]

MONDAY_TO_FRIDAY = frozenset(range(5))
_SEARCH_DAYS = 3660


def _weekdays(instance: BusinessCalendar, attribute: Any, value: Any) -> None:
    if not isinstance(value, frozenset) or not all(
        isinstance(day, int) and 0 <= day <= 6 for day in value
    ):
        raise WrongType(
            f"BusinessCalendar.workdays must be a frozenset of weekday numbers 0 (Monday) "
            f"to 6 (Sunday), got {value!r}"
        )
    if not value:
        raise InvalidValue("BusinessCalendar.workdays is empty: a working week needs a day")


def _holidays(instance: BusinessCalendar, attribute: Any, value: Any) -> None:
    if not isinstance(value, frozenset) or not all(
        isinstance(day, date) and not isinstance(day, datetime) for day in value
    ):
        raise WrongType(f"BusinessCalendar.holidays must be a frozenset of dates, got {value!r}")


@attrs.frozen
class BusinessCalendar:
    """A working week (weekday numbers, Monday is 0), holidays, and the working day's hours.

    >>> from datetime import date
    >>> BusinessCalendar().business_days(date(2026, 11, 1), date(2026, 11, 30))
    21

    Attributes:
        workdays: The working weekdays, as numbers (Monday is 0).
        holidays: The dates that are not worked, whatever their weekday.
        opens: When the working day starts.
        closes: When the working day ends.
    """

    #: The working weekdays, as numbers (Monday is 0).
    workdays: frozenset[int] = attrs.field(default=MONDAY_TO_FRIDAY, validator=_weekdays)
    #: The dates that are not worked, whatever their weekday.
    holidays: frozenset[date] = attrs.field(factory=frozenset, validator=_holidays)
    #: When the working day starts.
    opens: time = attrs.field(default=time(9), validator=attrs.validators.instance_of(time))
    #: When the working day ends.
    closes: time = attrs.field(default=time(17), validator=attrs.validators.instance_of(time))

    def __attrs_post_init__(self) -> None:
        if self.closes <= self.opens:
            raise InvalidValue(
                f"BusinessCalendar closes at {self.closes} but opens at {self.opens}: "
                "the working day must end after it starts"
            )

    def is_business_day(self, day: date) -> bool:
        """Whether ``day`` is a working day that is not a holiday."""
        return day.weekday() in self.workdays and day not in self.holidays

    def business_days(self, first: date, last: date) -> int:
        """Working days from ``first`` to ``last``, both included (0 when ``last < first``)."""
        if last < first:
            return 0
        total = (last - first).days + 1
        weeks, rest = divmod(total, 7)
        count = weeks * len(self.workdays)
        count += sum(
            1
            for offset in range(rest)
            if (first + timedelta(days=offset)).weekday() in self.workdays
        )
        count -= sum(
            1 for day in self.holidays if first <= day <= last and day.weekday() in self.workdays
        )
        return count

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """The moment ``amount`` of working time after ``start`` (naive wall-clock times).

        Time outside working hours, on days off and on holidays does not
        count: 4 working hours from Friday 16:00, with days of 9:00 to 17:00,
        end on Monday at 12:00.
        """
        if amount < timedelta(0):
            raise InvalidValue(f"working time to add must be 0 or more, got {amount}")
        remaining = amount
        current = start
        for _ in range(_SEARCH_DAYS):
            day = current.date()
            if self.is_business_day(day):
                opening = datetime.combine(day, self.opens)
                closing = datetime.combine(day, self.closes)
                current = max(current, opening)
                if current < closing:
                    available = closing - current
                    if remaining <= available:
                        return current + remaining
                    remaining -= available
            current = datetime.combine(day + timedelta(days=1), self.opens)
        raise InvalidValue(
            f"no working time found in the {_SEARCH_DAYS} days after {start}: "
            "check the calendar's working days and holidays"
        )

    def working_time(self, start: datetime, end: datetime) -> timedelta:
        """Working time between two naive wall-clock times (zero when ``end`` is not after)."""
        total = timedelta(0)
        day = start.date()
        while day <= end.date():
            if self.is_business_day(day):
                opening = max(datetime.combine(day, self.opens), start)
                closing = min(datetime.combine(day, self.closes), end)
                if closing > opening:
                    total += closing - opening
            day += timedelta(days=1)
        return total
