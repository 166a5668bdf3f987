"""Reading a config file's tables: kinds of values, their limits, and where a key is.

:class:`Reader` reads one table of the parsed TOML, converting each key by
its kind (``amount``, ``share``, ``date`` ...) and naming, in an error, the
file, the line and the dotted key, with what to write; :class:`Loader`
holds the text and finds lines. Every number is held to
:func:`~smarketing._numbers.magnitude_problem` before any arithmetic.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from smarketing._numbers import COUNT_LIMIT, MAX_PLACES, MONEY_LIMIT, magnitude_problem
from smarketing._time import EARLIEST_DAY, LATEST_DAY, day_problem
from smarketing.errors import ConfigError, SmarketingError
from smarketing.planning.goals import SPEND_SPLITS, spend_in
from smarketing.planning.objective import Objective
from smarketing.planning.period import Period

__all__ = [
    "MAX_SALES_CYCLE_MONTHS",
    "MAX_WINDOW_DAYS",
    "MAX_WINDOW_HOURS",
    "MISSING",
    "Loader",
    "Reader",
    "month_spend_in_objective",
]

_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
#: A required key's default: there is none.
MISSING = object()
T = TypeVar("T")


class Reader:
    """Reads one table, checking keys and types; remembers what it read.

    ``occurrence`` is which table of an array of tables (``[[sources]]``) it is.
    """

    def __init__(
        self, loader: Loader, data: Mapping[str, Any], path: str, occurrence: int = 0
    ) -> None:
        self.loader = loader
        self.data = data
        self.path = path
        self.occurrence = occurrence
        self.read: set[str] = set()

    def error(self, key: str, message: str) -> ConfigError:
        dotted = f"{self.path}.{key}" if self.path else key
        return self.loader.error(dotted, message, self.occurrence)

    def get(self, key: str, kind: str, default: Any = MISSING) -> Any:
        self.read.add(key)
        if key not in self.data:
            if default is MISSING:
                raise self._missing(key, kind)
            return default
        value = self.data[key]
        try:
            return _CONVERT[kind](value)
        except (TypeError, ValueError, ArithmeticError, ZoneInfoNotFoundError) as error:
            # our own reasons only (a limit, a hint), not Python's wording
            said = isinstance(error, _Refused | SmarketingError)
            reason = str(error) if said else ""
            raise self.error(
                key,
                f"must be {_EXPECTED[kind]}, got {_shown(value)}"
                + (f": {reason}" if reason else ""),
            ) from None

    def _missing(self, key: str, kind: str) -> ConfigError:
        """A required key not given: a near spelling of it, or its absence, at its table."""
        required = f"{self.path}.{key}" if self.path else key
        others = [name for name in self.data if name not in self.read]
        near = difflib.get_close_matches(key, others, n=1, cutoff=0.75)
        if near:
            return self.error(
                near[0],
                f"is not a known key: did you mean {key}? ({required} is required: "
                f"{_EXPECTED[kind]})",
            )
        return self.error(key, f"is required ({_EXPECTED[kind]})")

    def require(self, *keys: str) -> None:
        """Name every one of ``keys`` that is missing at once (a near spelling of each too)."""
        missing = [key for key in keys if key not in self.data]
        if len(missing) < 2:
            return  # one missing key: get() names it, with a near spelling
        others = [name for name in self.data if name not in keys]
        named = []
        for key in missing:
            near = difflib.get_close_matches(key, others, n=1, cutoff=0.75)
            named.append(f"{key} (is {near[0]} misspelt?)" if near else key)
        raise self.error(missing[0], f"and more are required; missing: {', '.join(named)}")

    def table(self, key: str) -> Reader | None:
        self.read.add(key)
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.error(key, "must be a table")
        return Reader(self.loader, value, f"{self.path}.{key}" if self.path else key)

    def make(self, factory: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """``factory(*args, **kwargs)`` of the keys read, once no other key is in the table.

        A misspelt key is named first (:meth:`done`), before what the keys
        read fail to make; a value the factory refuses is an error at this table.
        """
        self.done()
        try:
            return factory(*args, **kwargs)
        except ConfigError:
            raise
        except SmarketingError as error:
            # keys of the right type and range that do not fit together
            raise self.loader.error(
                self.path, f"cannot be used: {error}", self.occurrence
            ) from None

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.read)
        if unknown:
            near = difflib.get_close_matches(unknown[0], sorted(self.read), n=1)
            raise self.error(
                unknown[0],
                "is not a known key"
                + (f": did you mean {near[0]}? The" if near else "; the")
                + f" keys of [{self.path or 'top level'}] are: "
                + ", ".join(sorted(self.read)),
            )


class Loader:
    """The text of a config file and its path: makes errors that say file, line and key."""

    def __init__(self, text: str, path: str | None) -> None:
        self.text = text
        self.path = path
        self.base = Path(path).parent if path else Path.cwd()

    def error(self, key: str, message: str, occurrence: int = 0) -> ConfigError:
        line = _line_of(self.text, key, occurrence)
        where = self.path or "config"
        if line is not None:
            where += f", line {line}"
        return ConfigError(f"{where}: {key} {message}", path=self.path, key=key, line=line)


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")


def _line_of(text: str, key: str, occurrence: int = 0) -> int | None:
    """The line of ``key`` (dotted) in a TOML text, found by reading its table headers.

    A key in an inline table, or not written, is placed at its table's line
    (``occurrence`` picks the table of an array of tables); a table at its
    header or the key of its inline table.
    """
    *tables, name = key.split(".")
    wanted = ".".join(tables)
    current, seen, header_line = "", -1, None
    pattern = re.compile(rf"^\s*\"?{re.escape(name)}\"?\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            current = header[2].replace('"', "").replace("'", "")
            if current == key and header[1] == "[":
                return number
            if current == wanted:
                seen += 1
                if seen == occurrence:
                    header_line = number
            continue
        if current == wanted and (not tables or seen == occurrence) and pattern.match(line):
            return number
    if header_line is not None:
        return header_line
    # not in a table of its own: its table's line (an inline table, ``speed = {...}``)
    return _line_of(text, wanted, occurrence) if tables else None


def month_spend_in_objective(
    loader: Loader,
    objective: Objective | None,
    by_month: Mapping[str, tuple[int, tuple[tuple[Period, Decimal], ...]]],
) -> Objective | None:
    """Check the ``spend_by_month`` tables against the objective; give its sources their spend.

    A month must meet the objective's period or the months its leads are
    due in; a source with a month table spends, in the objective's period,
    its months' parts there (for the plan's cost and return).
    """
    if objective is None or objective.period is None:
        return objective
    whole = objective.period
    first = whole.shift(-objective.sales_cycle_months).start
    span = Period(min(first, whole.start), whole.end)
    for name, (occurrence, pieces) in by_month.items():
        for month, _ in pieces:
            if span.overlap(month) is None:
                raise loader.error(
                    "sources.spend_by_month",
                    f"gives spend for {month} (source {name!r}), which does not overlap the "
                    f"objective's period {whole} nor the months its leads are due in (from "
                    f"{span.start:%Y-%m}): remove it, or change the objective's period",
                    occurrence,
                )
    spent = {
        figure.source: figure.amount
        for figure in spend_in(whole, {n: p for n, (_, p) in by_month.items()}, "month table")
    }
    sources = tuple(
        attrs.evolve(source, spend=spent[source.name]) if source.name in spent else source
        for source in objective.sources
    )
    return attrs.evolve(objective, sources=sources)


class _Refused(ValueError):
    """A value refused for a reason said in the config's words."""


class _Unfit(ValueError):
    """A value of the wrong type or out of range; :meth:`Reader.get` says what the key must be.

    Never reaches a user: ``Reader.get`` turns it into a :class:`ConfigError`
    naming the key, what it must be and the value given.
    """


def _shown(value: Any) -> str:
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
                f"the spend for {key} must be an amount of 0 or more, got {_shown(amount)}{reason}"
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
_EXPECTED = {
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
