"""The one rule for time zones.

Naive timestamps are wall-clock times in the configured zone (a CRM portal's
zone); aware ones are converted. Internally every moment is an aware UTC
datetime, so durations are true elapsed time even across a daylight-saving
change; days and months are the configured zone's.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

__all__ = ["Clock"]


class Clock:
    """Converts record timestamps to UTC moments, and moments to the zone's days."""

    __slots__ = ("_utc", "zone")

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        self._utc = zone is UTC

    def moment(self, value: datetime) -> datetime:
        """The UTC moment of ``value`` (naive values are read in the zone)."""
        if value.tzinfo is None:
            if self._utc:
                return value.replace(tzinfo=UTC)
            return value.replace(tzinfo=self.zone).astimezone(UTC)
        return value.astimezone(UTC)

    def day(self, moment: datetime) -> date:
        """The zone's calendar date of a UTC moment."""
        if self._utc:
            return moment.date()
        return moment.astimezone(self.zone).date()

    def wall(self, moment: datetime) -> datetime:
        """The zone's naive wall-clock time of a UTC moment."""
        if self._utc:
            return moment.replace(tzinfo=None)
        return moment.astimezone(self.zone).replace(tzinfo=None)

    def local(self, moment: datetime) -> datetime:
        """The moment as an aware datetime in the zone, for display."""
        return moment.astimezone(self.zone)

    def from_wall(self, wall: datetime) -> datetime:
        """The UTC moment of a naive wall-clock time in the zone."""
        return self.moment(wall)

    def cutoff(self, as_of: date | datetime) -> datetime:
        """The last moment an ``as_of`` includes: a date includes its whole day."""
        if isinstance(as_of, datetime):
            return self.moment(as_of)
        next_day = datetime.combine(as_of + timedelta(days=1), time())
        return self.moment(next_day) - timedelta(microseconds=1)
