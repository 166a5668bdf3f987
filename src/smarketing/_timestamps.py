"""Reading a timestamp cell: one convention, and a refusal for anything outside it.

The rules, in the order they are tried (docs/adapters.md, "Reading cells"):

1. ISO 8601 (``2026-11-03``, ``2026-11-03 14:05``, ``T``, seconds,
   fractions, ``Z`` or an offset), through :meth:`datetime.fromisoformat`.
2. Year first with ``-``, ``/`` or ``.`` (``2026/11/03 2:05 PM UTC``): always
   year, month, day, whatever ``day_first`` says: nobody writes year, day,
   month. A time, AM/PM and a zone may follow.
3. ``M/D/YYYY`` as Excel writes it (``D/M/YYYY`` with ``day_first``), with an
   optional time, AM/PM and zone.
4. Epoch milliseconds (12 or 13 digits), as HubSpot's API gives them, in UTC.
5. Anything else with a day, a month and a four-digit year in it (``3 Nov
   2026``, ``Nov 3, 2026 2:05 PM``) through python-dateutil; a text that lacks
   the day or the month (``2026``, ``Nov 2026``) is refused.

A zone may be ``Z``, ``UTC``, ``GMT``, an offset (``+01:00``, ``-0500``), an
IANA name (``Europe/Paris``) or one of the abbreviations of
:data:`ZONE_ABBREVIATIONS`, read as their fixed offsets; any other name is
refused rather than dropped. Years outside :data:`FIRST_YEAR` to
:data:`LAST_YEAR` and offsets beyond 14 hours are refused: no CRM holds them,
and they would overflow converting zones.
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from smarketing._time import FIRST_YEAR, LAST_YEAR
from smarketing.errors import InvalidValue

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "ZONE_ABBREVIATIONS",
    "check_moment",
    "parse_datetime",
]

#: The largest offset from UTC a zone has (Kiribati's +14:00).
_MOST_OFFSET = timedelta(hours=14)

#: Zone abbreviations read as fixed offsets: North American and European
#: ones, as CRM exports write them. Any other abbreviation (IST, CST as China's
#: ...) is refused: write an offset or an IANA name instead.
ZONE_ABBREVIATIONS: dict[str, timedelta] = {
    "UTC": timedelta(0),
    "GMT": timedelta(0),
    "Z": timedelta(0),
    "EST": timedelta(hours=-5),
    "EDT": timedelta(hours=-4),
    "CST": timedelta(hours=-6),
    "CDT": timedelta(hours=-5),
    "MST": timedelta(hours=-7),
    "MDT": timedelta(hours=-6),
    "PST": timedelta(hours=-8),
    "PDT": timedelta(hours=-7),
    "AKST": timedelta(hours=-9),
    "AKDT": timedelta(hours=-8),
    "HST": timedelta(hours=-10),
    "WET": timedelta(0),
    "WEST": timedelta(hours=1),
    "BST": timedelta(hours=1),
    "CET": timedelta(hours=1),
    "CEST": timedelta(hours=2),
    "EET": timedelta(hours=2),
    "EEST": timedelta(hours=3),
}

_TIME = (
    r"(?:[ T](?P<hour>\d{1,2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,6}))?)?"
    r"\s*(?P<meridiem>[AaPp]\.?[Mm]\.?)?)?"
    r"(?:\s*(?P<zone>[Zz]|[+-]\d{2}(?::?\d{2})?|[A-Za-z][A-Za-z_]*(?:/[A-Za-z_+-]+)*"
    r"(?:[+-]\d{1,2}(?::?\d{2})?)?))?"
)
_YEAR_FIRST = re.compile(
    r"(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})" + _TIME
)
_NUMERIC = re.compile(r"(?P<first>\d{1,2})/(?P<other>\d{1,2})/(?P<year>\d{4})" + _TIME)
_EPOCH_MS = re.compile(r"\d{12,13}")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_OFFSET = re.compile(r"([+-])(\d{1,2})(?::?(\d{2}))?")
# Two defaults far apart: a part dateutil filled from a default differs between them.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))


def parse_datetime(text: str, *, day_first: bool = False) -> datetime:
    """Read a timestamp as exports write it, or raise :class:`InvalidValue` saying why not.

    See the module's docstring for the rules. A date alone is midnight; a
    timestamp with a zone comes back aware, one without it naive (wall time
    in the configured zone).

    >>> parse_datetime("2026-11-03 14:05")
    datetime.datetime(2026, 11, 3, 14, 5)
    >>> parse_datetime("3/11/2026 9:30", day_first=True)
    datetime.datetime(2026, 11, 3, 9, 30)
    >>> parse_datetime("2026/11/03 2:05 PM", day_first=True)
    datetime.datetime(2026, 11, 3, 14, 5)
    >>> parse_datetime("2026-11-03 14:05 PST").isoformat()
    '2026-11-03T14:05:00-08:00'
    """
    value = text.strip()
    if not value:
        raise InvalidValue("empty")
    if value[:4].isdigit() and len(value) >= 8:
        try:
            return check_moment(datetime.fromisoformat(value))
        except ValueError:
            pass
    match = _YEAR_FIRST.fullmatch(value)
    if match:
        return _from_parts(match, int(match["month"]), int(match["day"]))
    if value[:4].isdigit() and len(value) > 4 and value[4] in "-/.":
        raise InvalidValue("not a date: year first, but not year, month, day and an optional time")
    match = _NUMERIC.fullmatch(value)
    if match:
        first, second = int(match["first"]), int(match["other"])
        month, day = (second, first) if day_first else (first, second)
        return _from_parts(match, month, day)
    if _EPOCH_MS.fullmatch(value):
        return check_moment(datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=int(value)))
    if not _YEAR.search(value):
        raise InvalidValue("no date with a four-digit year in it")
    return _by_dateutil(value, day_first)


def check_moment(value: datetime) -> datetime:
    """``value`` if its year and its offset are ones a CRM holds; :class:`InvalidValue` if not.

    >>> check_moment(datetime(9999, 12, 31))
    Traceback (most recent call last):
    ...
    smarketing.errors.InvalidValue: year 9999 is outside 1900 to 2199
    """
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InvalidValue(f"year {value.year} is outside {FIRST_YEAR} to {LAST_YEAR}")
    offset = value.utcoffset()
    if offset is not None and abs(offset) > _MOST_OFFSET:
        raise InvalidValue(f"offset {_hours(offset)} is beyond the ±14:00 a zone can have")
    return value


def _from_parts(match: re.Match[str], month: int, day: int) -> datetime:
    hour = int(match["hour"] or 0)
    meridiem = match["meridiem"]
    if meridiem:
        if not 1 <= hour <= 12:
            raise InvalidValue(f"{hour} is not an hour on a 12-hour clock")
        hour = hour % 12 + (12 if meridiem[0] in "Pp" else 0)
    fraction = match["fraction"] or ""
    try:
        moment = datetime(
            int(match["year"]),
            month,
            day,
            hour,
            int(match["minute"] or 0),
            int(match["second"] or 0),
            int(fraction.ljust(6, "0")) if fraction else 0,
        )
    except ValueError as error:
        raise InvalidValue(f"not a date ({error})") from None
    zone = match["zone"]
    if zone is not None:  # the wall time in that zone
        moment = moment.replace(tzinfo=zone_named(zone))
    return check_moment(moment)


def zone_named(zone: str) -> tzinfo:
    """The zone a timestamp's suffix names; :class:`InvalidValue` for one it cannot map."""
    offset = _OFFSET.fullmatch(zone)
    if offset:
        sign, hours, minutes = offset.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta > _MOST_OFFSET:
            raise InvalidValue(f"offset {zone} is beyond the ±14:00 a zone can have")
        return timezone(-delta if sign == "-" else delta)
    upper = zone.upper()
    if upper in ZONE_ABBREVIATIONS:
        delta = ZONE_ABBREVIATIONS[upper]
        return UTC if not delta else timezone(delta, upper)
    if "/" in zone:
        try:
            return ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise UnknownZone(
        f"unknown time zone {zone!r}: write an offset (+01:00), UTC, or a zone name such as "
        "Europe/Paris"
    )


class UnknownZone(InvalidValue):
    """A timestamp names a zone that cannot be mapped to an offset."""


def _by_dateutil(value: str, day_first: bool) -> datetime:
    from dateutil import parser as dateutil_parser  # only for the rare free-form dates

    def zone_of(name: str | None, offset: int | None) -> tzinfo | None:
        if name is None:
            return None if offset is None else timezone(timedelta(seconds=offset))
        return zone_named(name)

    results = []
    for default in _DEFAULTS:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # an unknown zone name is refused, not dropped
                results.append(
                    dateutil_parser.parse(
                        value, dayfirst=day_first, default=default, tzinfos=zone_of
                    )
                )
        except UnknownZone:
            raise
        except Warning as warning:
            raise InvalidValue(f"not a date ({warning})") from None
        except (ValueError, OverflowError, ArithmeticError, TypeError) as error:
            # dateutil raises several kinds (decimal.InvalidOperation on long digit runs)
            reason = str(error) or type(error).__name__
            raise InvalidValue(f"not a date ({reason[:80]})") from None
    first, second = results
    if (first.month, first.day) != (second.month, second.day):
        raise InvalidValue("not a whole date: the day or the month is missing")
    return check_moment(first)


def _hours(offset: timedelta) -> str:
    sign = "-" if offset < timedelta(0) else "+"
    minutes = int(abs(offset).total_seconds()) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
