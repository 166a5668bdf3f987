"""The one rule for time zones.

Naive timestamps are wall-clock times in the configured zone (a CRM portal's
zone); aware ones are converted. Internally every moment is a *naive UTC*
datetime, so that durations are true elapsed time even across a
daylight-saving change, and so that the common case (naive times read in
UTC) costs nothing; days and months are the configured zone's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, tzinfo

__all__ = ["EARLIEST_DAY", "FIRST_YEAR", "LAST_YEAR", "LATEST_DAY", "Clock", "day_problem"]

#: The first and last years a timestamp may have (a cell, an ``as_of``).
FIRST_YEAR, LAST_YEAR = 1900, 2199
#: The first and last days smarketing reports as of: those years, far from the
#: calendar's ends (9999-12-31), so that a day after, a deadline or a month later exists.
EARLIEST_DAY = date(FIRST_YEAR, 1, 1)
LATEST_DAY = date(LAST_YEAR, 12, 31)


def day_problem(day: date) -> str | None:
    """Why ``day`` is no day to report as of (out of the range above), or ``None``."""
    if isinstance(day, datetime):
        day = day.date()
    if EARLIEST_DAY <= day <= LATEST_DAY:
        return None
    return f"is out of the range smarketing reports in: {EARLIEST_DAY} to {LATEST_DAY}"


class Clock:
    """Converts record timestamps to naive UTC moments, and moments to the zone's days.

    ``moment`` and ``day`` are plain functions chosen once for the zone, as
    the pass calls them for every timestamp.
    """

    __slots__ = ("day", "moment", "zone")

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        self.moment: Callable[[datetime], datetime]
        self.day: Callable[[datetime], date]
        if zone is UTC:
            self.moment = _utc_moment
            self.day = datetime.date
        else:

            def moment(value: datetime) -> datetime:
                if value.tzinfo is None:
                    value = value.replace(tzinfo=zone)
                return value.astimezone(UTC).replace(tzinfo=None)

            def day(moment: datetime) -> date:
                return moment.replace(tzinfo=UTC).astimezone(zone).date()

            self.moment = moment
            self.day = day

    def wall(self, moment: datetime) -> datetime:
        """The zone's naive wall-clock time of a moment."""
        return moment.replace(tzinfo=UTC).astimezone(self.zone).replace(tzinfo=None)

    def local(self, moment: datetime) -> datetime:
        """The moment as an aware datetime in the zone, for display."""
        return moment.replace(tzinfo=UTC).astimezone(self.zone)

    def cutoff(self, as_of: date | datetime) -> datetime:
        """The last moment an ``as_of`` includes: a date includes its whole day."""
        if isinstance(as_of, datetime):
            return self.moment(as_of)
        next_day = datetime.combine(as_of + timedelta(days=1), time())
        return self.moment(next_day) - timedelta(microseconds=1)


def _utc_moment(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)
