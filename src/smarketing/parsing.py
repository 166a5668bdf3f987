"""Reading the values real CRM exports hold: timestamps, amounts, flags and source names.

Each parser takes the raw text of one cell and returns the value, or raises
:class:`ValueError` with a short reason; the adapters turn that into a
row-level rejection (or an error, in strict mode) that names the file, the
line and the column.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from dateutil import parser as dateutil_parser

__all__ = [
    "normalise_source",
    "parse_amount",
    "parse_datetime",
    "parse_flag",
]

_US = re.compile(
    r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$"
)
_EPOCH_MS = re.compile(r"^\d{12,13}$")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_NO_DEFAULT = datetime(2000, 1, 1)
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009\u2007'")
# currency symbols anywhere; ISO codes (EUR, USD ...) before or after the number
_CURRENCY = re.compile(r"^[A-Z]{3}\s*(?=[-+\d.,])|(?<=[\d.,])\s*[A-Z]{3}$|[€$£¥₹]")
_TRUE = frozenset({"true", "yes", "y", "1", "x", "oui", "vrai"})
_FALSE = frozenset({"false", "no", "n", "0", "", "non", "faux"})


def parse_datetime(text: str, *, day_first: bool = False) -> datetime:
    """Read a timestamp as exports write it.

    ISO 8601 (``2026-11-03 14:05``, with or without seconds, ``T``, ``Z`` or
    an offset) first; then ``M/D/YYYY H:MM`` as Excel writes it
    (``D/M/YYYY`` with ``day_first``), with an optional AM/PM; then epoch
    milliseconds, as HubSpot's API gives them (in UTC); then
    python-dateutil for anything else with a date in it. A date alone is
    midnight.

    >>> parse_datetime("2026-11-03 14:05")
    datetime.datetime(2026, 11, 3, 14, 5)
    >>> parse_datetime("3/11/2026 9:30", day_first=True)
    datetime.datetime(2026, 11, 3, 9, 30)
    """
    value = text.strip()
    if not value:
        raise ValueError("empty")
    if len(value) >= 10 and value[4] == "-":
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    match = _US.match(value)
    if match:
        first, second, year, hour, minute, second_s, meridiem = match.groups()
        month, day = (int(second), int(first)) if day_first else (int(first), int(second))
        hours = int(hour or 0)
        if meridiem:
            if not 1 <= hours <= 12:
                raise ValueError(f"{hours} is not an hour on a 12-hour clock")
            hours = hours % 12 + (12 if meridiem.lower() == "pm" else 0)
        return datetime(int(year), month, day, hours, int(minute or 0), int(second_s or 0))
    if _EPOCH_MS.match(value):
        return datetime.fromtimestamp(int(value) / 1000, tz=UTC)
    if not _YEAR.search(value):
        raise ValueError("no date with a four-digit year in it")
    try:
        # A fixed default: dateutil would otherwise fill missing parts from today's date.
        return dateutil_parser.parse(value, dayfirst=day_first, default=_NO_DEFAULT)
    except (ValueError, OverflowError) as error:
        raise ValueError(f"not a date ({error})") from None


def parse_amount(text: str, *, decimal_comma: bool = False) -> Decimal:
    r"""Read money: currency symbols or codes, thousands separators, a decimal point or comma.

    Thousands may be separated by ``,`` (with a decimal point), by ``.``
    (with a decimal comma), or by normal, non-breaking or narrow spaces.

    >>> parse_amount("$1,234.50")
    Decimal('1234.50')
    >>> parse_amount("1\u202f234,50\u00a0€", decimal_comma=True)
    Decimal('1234.50')
    """
    value = _CURRENCY.sub("", text.strip()).translate(_SPACES)
    if not value:
        raise ValueError("empty")
    if decimal_comma:
        value = value.replace(".", "").replace(",", ".")
    else:
        value = value.replace(",", "")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ValueError("not a number") from None
    if not amount.is_finite():
        raise ValueError("not a finite number")
    return amount


def parse_flag(text: str) -> bool:
    """Read yes/no: ``true``, ``yes``, ``1``, ``x`` (and French ``oui``) or their opposites."""
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError("not a yes/no value (true, false, yes, no, 1, 0)")


def normalise_source(text: str, aliases: dict[str, str] | None = None) -> str | None:
    """One spelling per source: case, underscores and spacing folded, aliases applied.

    ``aliases`` maps folded spellings to the source name to use. Returns
    ``None`` for a blank.

    >>> normalise_source("  Google_Ads ", {"google ads": "paid search"})
    'paid search'
    """
    folded = " ".join(text.replace("_", " ").split()).lower()
    if not folded:
        return None
    if aliases:
        return aliases.get(folded, folded)
    return folded


def fold(text: str) -> str:
    """Fold a spelling for comparison: lower case, underscores as spaces, spacing collapsed."""
    return " ".join(text.replace("_", " ").split()).lower()
