"""The kinds of values a config key holds, their limits, and what each must be, in words.

:func:`convert` reads a TOML value as a kind (``amount``, ``share``,
``date`` ...), or raises a ``TypeError``, ``ValueError`` (``ArithmeticError``,
``ZoneInfoNotFoundError``) that :meth:`smarketing.config.reading.Reader.get`
turns into a :class:`~smarketing.errors.ConfigError` naming the key, what it
must be (:data:`EXPECTED`) and the value given (:func:`shown`); the reason
of a refusal is said only when it is our own (:func:`own_reason`). Every
number is held to :func:`~smarketing._numbers.magnitude_problem` before any
arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from smarketing._numbers import COUNT_LIMIT, MAX_PLACES, MONEY_LIMIT, magnitude_problem
from smarketing._time import EARLIEST_DAY, LATEST_DAY, day_problem
from smarketing.errors import SmarketingError
from smarketing.planning.goals import SPEND_SPLITS
from smarketing.planning.period import Period

__all__ = [
    "EXPECTED",
    "MAX_SALES_CYCLE_MONTHS",
    "MAX_WINDOW_DAYS",
    "MAX_WINDOW_HOURS",
    "convert",
    "own_reason",
    "shown",
]

_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


class _Refused(ValueError):
    """A value refused for a reason said in the config's words."""


class _Unfit(ValueError):
    """A value of the wrong type or out of range; ``Reader.get`` says what the key must be.

    Never reaches a user: :meth:`smarketing.config.reading.Reader.get` turns it into a
    :class:`~smarketing.errors.ConfigError`
    naming the key, what it must be and the value given.
    """


def shown(value: Any) -> str:
    """A value as the config writes it: ``40``, ``'yesterday'``, ``a table``."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return str(value)
    return repr(value)


def _decimal(value: Any, limit: Decimal = MONEY_LIMIT) -> Decimal:
    if isinstance(value, bool):
        raise _Unfit
    if isinstance(value, Decimal | int):
        number = Decimal(value)
    elif isinstance(value, str):
        number = Decimal(value.replace("_", "").strip())
    else:
        raise _Unfit
    problem = magnitude_problem(number, limit=limit)
    if problem is not None:
        raise _Refused(problem)
    return number


def _amount(value: Any) -> Decimal:
    number = _decimal(value)
    if number <= 0:
        raise _Refused("a goal or a price of zero or less cannot be planned")
    return number


def _spend(value: Any) -> Decimal:
    number = _decimal(value)
    if number < 0:
        raise _Unfit
    return number


def _rate(value: Any) -> Decimal:
    number = _decimal(value)
    if not 0 < number <= 1:
        raise _Unfit
    return number


def _share(value: Any) -> Decimal:
    number = _decimal(value)
    if not 0 <= number <= 1:
        raise _Unfit
    return number


def _factor(value: Any) -> Decimal:
    number = _decimal(value)
    if number < 1:
        raise _Unfit
    return number


def _integer(value: Any, limit: int = COUNT_LIMIT) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Unfit
    problem = magnitude_problem(Decimal(value), limit=Decimal(limit))
    if problem is not None or value < 0:
        raise _Unfit
    return value


def _months(value: Any) -> int:
    return _integer(value, MAX_SALES_CYCLE_MONTHS + 1)


def _window(value: Any, unit: str, most: int) -> timedelta:
    number = _decimal(value)
    if not 0 < number <= most:
        raise _Unfit
    micro = (number * _MICROSECONDS[unit]).to_integral_value()
    return timedelta(microseconds=int(micro))


def _hours(value: Any) -> timedelta:
    return _window(value, "hours", MAX_WINDOW_HOURS)


def _days(value: Any) -> timedelta:
    return _window(value, "days", MAX_WINDOW_DAYS)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _Unfit
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Unfit
    return value


def _decimals(value: Any) -> tuple[Decimal, ...]:
    if not isinstance(value, list):
        raise _Unfit
    return tuple(_decimal(item) for item in value)


def _rates(value: Any) -> tuple[Decimal, ...]:
    if not isinstance(value, list):
        raise _Unfit
    return tuple(_rate(item) for item in value)


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _Unfit
    return tuple(_text(item) for item in value)


def _dates(value: Any) -> frozenset[date]:
    if not isinstance(value, list):
        raise _Unfit
    return frozenset(_date(item) for item in value)


def _date(value: Any) -> date:
    day = value if isinstance(value, date) else date.fromisoformat(_text(value))
    if day_problem(day) is not None:
        raise _Unfit
    return day


def _time(value: Any) -> time:
    if isinstance(value, time):
        return value
    return time.fromisoformat(_text(value))


def _period(value: Any) -> Period:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return Period.parse(_text(value))


def _report_period(value: Any) -> Period | str:
    """A report's period: a period, or the name of a relative one (resolved later, with as_of)."""
    if isinstance(value, str) and Period.is_relative(value):
        return value.strip().lower()
    return _period(value)


def _month_spend(value: Any) -> tuple[tuple[Period, Decimal], ...]:
    """A table of months to amounts: ``{ "2026-11" = 6000, "2026-12" = 5500 }``, in month order."""
    if not isinstance(value, dict):
        raise _Unfit
    months: dict[Period, str] = {}
    pieces = []
    for key, amount in value.items():
        try:
            month = Period.parse(key)
        except SmarketingError:
            month = None
        if month is None or month != Period.month(month.start.year, month.start.month):
            raise _Refused(f'{key!r} is not a month: write each month as "2026-11"')
        if month in months:
            raise _Refused(
                f"{key!r} and {months[month]!r} are the same month: give each month once"
            )
        months[month] = key
        try:
            number = _spend(amount)
        except (TypeError, ValueError, ArithmeticError) as error:
            reason = f" ({error})" if isinstance(error, _Refused) else ""
            raise _Refused(
                f"the spend for {key} must be an amount of 0 or more, got {shown(amount)}{reason}"
            ) from None
        pieces.append((month, number))
    return tuple(sorted(pieces))


def _spend_split(value: Any) -> str:
    text = _text(value)
    if text not in SPEND_SPLITS:
        raise _Unfit
    return text


def _weekdays(value: Any) -> frozenset[int]:
    days = _texts(value)
    try:
        return frozenset(_WEEKDAYS[day.lower()[:3]] for day in days)
    except KeyError:
        raise _Refused("weekdays are mon, tue, wed, thu, fri, sat, sun") from None


def _zone(value: Any) -> str:
    name = _text(value)
    ZoneInfo(name)
    return name


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Unfit
    return dict(value)


#: The longest sales cycle a plan moves leads back by, in months (ten years).
MAX_SALES_CYCLE_MONTHS = 120
#: The longest speed window (a leap year, in hours) and depth window (in days).
MAX_WINDOW_HOURS = 8784
MAX_WINDOW_DAYS = 366
_MICROSECONDS = {"hours": 3_600_000_000, "days": 86_400_000_000}

_CONVERT: dict[str, Callable[[Any], Any]] = {
    "decimal": _decimal,
    "amount": _amount,
    "spend": _spend,
    "rate": _rate,
    "share": _share,
    "factor": _factor,
    "integer": _integer,
    "months": _months,
    "workers": _integer,
    "hours": _hours,
    "days": _days,
    "text": _text,
    "flag": _flag,
    "decimals": _decimals,
    "rates": _rates,
    "texts": _texts,
    "dates": _dates,
    "time": _time,
    "date": _date,
    "period": _period,
    "report period": _report_period,
    "month spend": _month_spend,
    "spend split": _spend_split,
    "weekdays": _weekdays,
    "zone": _zone,
    "mapping": _mapping,
}
_LIMIT = f"below {MONEY_LIMIT:,f} (10**15), with at most {MAX_PLACES} decimal places"
EXPECTED = {
    "decimal": f'a number {_LIMIT} (write 0.2 or "0.2"; it is read exactly)',
    "amount": f"an amount more than 0 and {_LIMIT}",
    "spend": f"an amount of 0 or more, {_LIMIT}",
    "rate": "a rate more than 0 and at most 1 (write 2% as 0.02)",
    "share": "a share between 0 and 1 (write 50% as 0.5)",
    "factor": f"a number of 1 or more (write 120% as 1.2), {_LIMIT}",
    "integer": f"a whole number from 0 to {COUNT_LIMIT - 1:,} (10**9 - 1)",
    "months": f"a whole number of months from 0 to {MAX_SALES_CYCLE_MONTHS}",
    "workers": "1 or more, or 0 for one process a core (a whole number below 10**9)",
    "hours": f"a number of hours longer than zero and at most {MAX_WINDOW_HOURS:,} (366 days)",
    "days": f"a number of days longer than zero and at most {MAX_WINDOW_DAYS}",
    "text": "text",
    "flag": "true or false",
    "decimals": f"a list of numbers {_LIMIT}",
    "rates": "a list of rates, each more than 0 and at most 1 (write 45% as 0.45)",
    "texts": "a list of texts",
    "dates": f"a list of dates from {EARLIEST_DAY} to {LATEST_DAY} (2026-12-25)",
    "time": 'a time of day ("09:00")',
    "date": f"a date from {EARLIEST_DAY} to {LATEST_DAY}, written 2026-11-20",
    "period": 'a period ("2026-11", "2026-Q4", "2026" or "2026-11-01/2026-11-15")',
    "report period": 'a period ("2026-11", "2026-Q4", "2026", "2026-11-01/2026-11-15") or a '
    'relative one ("current-month", "previous-month", "current-quarter", "previous-quarter", '
    '"current-year", "previous-year", "year-to-date")',
    "month spend": 'a table of months to amounts ({ "2026-11" = 6000, "2026-12" = 5500 })',
    "spend split": '"days" (by calendar days) or "seasonality" (by the seasonality weights)',
    "weekdays": 'a list of weekdays ("mon" ... "sun")',
    "zone": 'a time zone name ("Europe/Paris")',
    "mapping": "a table",
}


def convert(kind: str, value: Any) -> Any:
    """``value`` read as a value of ``kind`` (a key of :data:`EXPECTED`); an error if it is not."""
    return _CONVERT[kind](value)


def own_reason(error: BaseException) -> str:
    """The reason ``error`` gives in the config's words (a limit, a hint), or ``""``.

    Python's own wording (``invalid literal for int()``) is never shown.
    """
    return str(error) if isinstance(error, _Refused | SmarketingError) else ""
