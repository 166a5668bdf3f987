"""From read values to a :class:`~smarketing.records.Spend`: its day or month, currency, repeats.

A spend row gives the day it was spent on (``2026-11-03``) or the month
(``2026-11``), a source, an amount, and optionally a campaign and a
currency. The ``date`` field takes either, told apart by its form; ``day``
and ``month`` take only theirs. :class:`SpendRows` sets aside, with the line
and the column, a row with no date or two, one in another currency than
``spend_currency``, a negative amount, and a row that repeats a (day or month,
source, campaign) or gives day rows within a month already given whole (or
the reverse): spend is never counted twice, and never dropped unreported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from smarketing._time import FIRST_YEAR, LAST_YEAR
from smarketing._timestamps import check_moment, parse_datetime
from smarketing.contract import InputReport, Option
from smarketing.errors import InvalidOption, InvalidRecord, InvalidValue
from smarketing.parsing import mask_emails
from smarketing.records import Spend, month_end

__all__ = [
    "SPEND_CURRENCY",
    "SPEND_DATES",
    "SPEND_FIELDS",
    "SpendRows",
    "campaign_reader",
    "check_currency",
    "day_or_month_reader",
    "day_reader",
    "month_reader",
]

#: Spend fields and how their cells are read.
SPEND_FIELDS = {
    "day": "day",
    "month": "month",
    "date": "day_or_month",
    "source": "source",
    "campaign": "campaign",
    "amount": "amount",
    "currency": "currency",
}
#: The fields that say when: a spend mapping maps one (or day and month, each row filling one).
SPEND_DATES = ("day", "month", "date")
#: The option every adapter that reads spend shares.
SPEND_CURRENCY = Option(
    "spend_currency", "text", None, "the currency of the spend (EUR): a row in another is set "
    "aside, a row without one takes it; when not given, spend is kept by currency"
)  # fmt: skip

_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})|(\d{1,2})[-/.](\d{4})")
_CODE = re.compile(r"[A-Z]{3}")
_MIDNIGHT = time()

Dates = tuple[date, date]


def check_currency(value: str | None) -> str | None:
    """The ``spend_currency`` option in upper case; :class:`InvalidOption` unless a code."""
    if value is None:
        return None
    code = value.strip().upper()
    if not _CODE.fullmatch(code):
        raise InvalidOption(
            f"option 'spend_currency' must be a three-letter currency code (EUR, USD), got "
            f"{value!r}"
        )
    return code


def _in_range(day: date) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidValue(f"year {day.year} is outside {FIRST_YEAR} to {LAST_YEAR}")
    return day


def _day(value: Any, day_first: bool) -> date:
    if isinstance(value, datetime):
        moment = check_moment(value)
    elif isinstance(value, date):
        return _in_range(value)
    else:
        moment = parse_datetime(str(value), day_first=day_first)
    if moment.tzinfo is not None or moment.time() != _MIDNIGHT:
        raise InvalidValue("a day, not a time: give the day alone (2026-11-03)")
    return moment.date()


def _month_text(text: str) -> Dates | None:
    match = _MONTH.fullmatch(text.strip())
    if match is None:
        return None
    year, month = (match[1], match[2]) if match[1] else (match[4], match[3])
    if not 1 <= int(month) <= 12:
        raise InvalidValue(f"not a month: {month} is not 1 to 12")
    first = _in_range(date(int(year), int(month), 1))
    return first, month_end(first)


def campaign_reader() -> Callable[[Any], str]:
    """A campaign name as written, any email in it a pseudonym."""

    def read(value: Any) -> str:
        return mask_emails(str(value).strip())

    return read


def day_reader(day_first: bool) -> Callable[[Any], Dates]:
    """A cell holding a day (text, a date, a datetime at midnight) as (day, day)."""

    def read(value: Any) -> Dates:
        day = _day(value, day_first)
        return day, day

    return read


def month_reader(day_first: bool) -> Callable[[Any], Dates]:
    """A cell holding a month (``2026-11``, ``11/2026``, or its first day) as (first, last)."""

    def read(value: Any) -> Dates:
        if not isinstance(value, date):
            found = _month_text(str(value))
            if found is not None:
                return found
        try:
            first = _day(value, day_first)
        except ValueError:
            raise InvalidValue("not a month: write it as 2026-11") from None
        if first.day != 1:
            raise InvalidValue(
                f"{first} is not the first of a month: write the month (2026-11), or map "
                "the column as 'day'"
            )
        return first, month_end(first)

    return read


def day_or_month_reader(day_first: bool) -> Callable[[Any], Dates]:
    """A cell holding a month (``2026-11``) or a day (``2026-11-03``), told apart by its form."""
    day = day_reader(day_first)

    def read(value: Any) -> Dates:
        if not isinstance(value, date):
            found = _month_text(str(value))
            if found is not None:
                return found
        return day(value)

    return read


class SpendRows:
    """Makes the spend of a row's read values, or sets the row aside; see the module's docstring.

    ``column`` gives the column (or key) a field is read from, for the
    report. With ``check_repeats``, the days and months seen are held (one
    entry per day or month, source, campaign and currency, not per row).
    """

    def __init__(
        self, currency: str | None, check_repeats: bool, column: Callable[[str], str | None]
    ) -> None:
        self.currency = currency
        self.column = column
        self.check_repeats = check_repeats
        #: (source, campaign, currency, start, end) to the line it was first given on
        self.seen: dict[tuple[str, str | None, str | None, date, date], int | None] = {}
        #: (source, campaign, currency, month) to its first day row: the day and the line
        self.days_in: dict[tuple[str, str | None, str | None, date], tuple[date, int | None]] = {}

    def make(self, values: dict[str, Any], line: int | None, report: InputReport) -> Spend | None:
        """The spend of ``values`` (which hold a source and an amount), or ``None``: set aside."""
        given = [name for name in SPEND_DATES if name in values]
        if len(given) != 1:
            mapped = [self.column(name) for name in SPEND_DATES if self.column(name)]
            if given:
                report.reject(
                    line, self.column(given[-1]), "both a day and a month: give one of them, "
                    "so that the spend is counted once", None,
                )  # fmt: skip
            else:
                report.reject(
                    line, mapped[0] if mapped else None, "no day or month: a spend row needs "
                    "the day (2026-11-03) or the month (2026-11) it was spent in", None,
                )  # fmt: skip
            return None
        start, end = values[given[0]]
        currency = values.get("currency")
        if self.currency is not None:
            if currency is None:
                currency = self.currency
            elif currency != self.currency:
                report.reject(
                    line, self.column("currency"), f"currency {currency}, not the spend currency "
                    f"{self.currency}: convert the amount to {self.currency}, or leave "
                    "spend_currency unset to keep spend by currency", currency,
                )  # fmt: skip
                return None
        try:
            spend = Spend(
                values["source"], start, end, values["amount"], values.get("campaign"), currency
            )
        except InvalidRecord as error:
            field = given[0] if error.field in ("start", "end") else error.field
            report.reject(line, self.column(field) if field else None, str(error), None)
            return None
        if self.check_repeats and not self._first(spend, self.column(given[0]), line, report):
            return None
        return spend

    def _first(
        self, spend: Spend, column: str | None, line: int | None, report: InputReport
    ) -> bool:
        """Whether ``spend`` neither repeats nor overlaps spend read before (else set aside)."""
        key = (spend.source, spend.campaign, spend.currency)
        what = spend.source + (f", campaign {spend.campaign!r}" if spend.campaign else "")
        first = spend.start.replace(day=1)
        month = (*key, first, month_end(first))
        here = (*key, spend.start, spend.end)
        problem = None
        if here in self.seen:
            problem = f"repeats the spend of {what} for {spend.label} given {_on(self.seen[here])}"
        elif not spend.is_month and month in self.seen:
            problem = (
                f"spend of {what} on {spend.label} falls within {spend.start.isoformat()[:7]}, "
                f"given as a whole {_on(self.seen[month])}"
            )
        elif spend.is_month and (*key, first) in self.days_in:
            day, at = self.days_in[(*key, first)]
            problem = f"spend of {what} for {spend.label} overlaps {day} given {_on(at)}"
        if problem is not None:
            report.reject(
                line, column, f"{problem}: give each day or month of a source and campaign "
                "once (one month row, or day rows), summing repeated rows into one", spend.label,
            )  # fmt: skip
            return False
        self.seen[here] = line
        if not spend.is_month:
            self.days_in.setdefault((*key, first), (spend.start, line))
        return True


def _on(line: int | None) -> str:
    return "earlier" if line is None else f"on line {line}"
