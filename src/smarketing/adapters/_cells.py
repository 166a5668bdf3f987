"""The readers of cells: from a value (text, or already typed) to a record field's value.

:data:`READERS` gives, for each kind of cell, a function of the
:class:`~smarketing.adapters._settings.Settings` that gives the cell's
reader; :func:`text_reader` a faster one for cells that are always text (a
CSV file's), :func:`typed_reader` one for a database's typed values. A reader
returns the field's value or raises :class:`ValueError` with a short reason.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

from smarketing._numbers import COUNT_LIMIT
from smarketing._timestamps import FIRST_YEAR, LAST_YEAR, check_moment
from smarketing.adapters._deal_status import deal_status
from smarketing.adapters._settings import Settings
from smarketing.adapters._spend_fields import (
    campaign_reader,
    day_or_month_reader,
    day_reader,
    month_reader,
)
from smarketing.errors import InvalidValue
from smarketing.parsing import (
    has_email,
    mask_emails,
    normalise_source,
    parse_amount,
    parse_count,
    parse_datetime,
    parse_flag,
    pseudonym,
)
from smarketing.records import DealStatus

__all__ = [
    "READERS",
    "cached",
    "owner_reader",
    "private_id",
    "private_source",
    "text_reader",
    "typed_reader",
]

T = TypeVar("T")
_LIST_SEPARATORS = re.compile(r"\s*[;|,]\s*")
_TOUCH_SEPARATORS = re.compile(r"\s*[;|]\s*")
_CURRENCY_CODE = re.compile(r"[A-Z]{3}")
_EMAIL_IN = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+")
_ID = re.compile(r"[\w.-]+")


def _datetime(settings: Settings) -> Callable[[Any], Any]:
    day_first = settings.day_first

    def read(value: Any) -> datetime:
        if isinstance(value, datetime):
            return check_moment(value)
        return parse_datetime(value if isinstance(value, str) else str(value), day_first=day_first)

    return read


def _datetimes(settings: Settings) -> Callable[[Any], Any]:
    one = _datetime(settings)

    def read(value: Any) -> tuple[datetime, ...]:
        if isinstance(value, list | tuple):
            return tuple(one(item) for item in value)
        return tuple(one(part) for part in _TOUCH_SEPARATORS.split(str(value).strip()) if part)

    return read


def _amount(settings: Settings) -> Callable[[Any], Any]:
    decimal_comma = settings.decimal_comma

    def read(value: Any) -> Decimal:
        if isinstance(value, Decimal):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return Decimal(value)
        if isinstance(value, float):
            raise InvalidValue("a float: give amounts as text or Decimal")
        return parse_amount(str(value), decimal_comma=decimal_comma)

    return read


def _count(settings: Settings) -> Callable[[Any], Any]:
    decimal_comma = settings.decimal_comma

    def read(value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            if not 0 <= value < COUNT_LIMIT:
                raise InvalidValue(f"not a whole count from 0 to {COUNT_LIMIT:,}")
            return value
        return parse_count(str(value), decimal_comma=decimal_comma)

    return read


def _id(settings: Settings) -> Callable[[Any], Any]:
    def read(value: Any) -> str:
        return private_id(value.strip() if isinstance(value, str) else str(value).strip())

    return read


def private_id(text: str) -> str:
    """An id as written, or its pseudonym (``id-…``) when it is an email address."""
    return pseudonym(text, "id") if has_email(text) else text


def owner_reader(owners: str) -> Callable[[str], str | None]:
    """How an owner cell is shown under the ``owners`` option (see :data:`OWNERS`)."""

    def read(text: str) -> str | None:
        owner = text.strip()
        if not owner:
            return None
        found = _EMAIL_IN.search(owner)
        if owners == "hash" or (owners == "id" and not _ID.fullmatch(owner)):
            return pseudonym(found[0] if found else owner, "owner")
        return pseudonym(found[0], "owner") if found else owner

    return cached(read)


def _owner(settings: Settings) -> Callable[[Any], Any]:
    read_text = owner_reader(settings.owners)

    def read(value: Any) -> str | None:
        return read_text(value if isinstance(value, str) else str(value))

    return read


def _text(settings: Settings) -> Callable[[Any], Any]:
    def read(value: Any) -> str:
        return value.strip() if isinstance(value, str) else str(value).strip()

    return read


def _flag(settings: Settings) -> Callable[[Any], Any]:
    def read(value: Any) -> bool:
        return value if isinstance(value, bool) else parse_flag(str(value))

    return read


def _source(settings: Settings) -> Callable[[Any], Any]:
    read_text = cached(functools.partial(private_source, aliases=settings.aliases))

    def read(value: Any) -> str | None:
        return read_text(value if isinstance(value, str) else str(value))

    return read


def private_source(text: str, aliases: Mapping[str, str]) -> str | None:
    """A source's one spelling (see :func:`normalise_source`), any email in it a pseudonym."""
    return normalise_source(mask_emails(text), aliases)


def _currency(settings: Settings) -> Callable[[Any], Any]:
    def read(value: Any) -> str:
        code = str(value).strip().upper()
        if not _CURRENCY_CODE.fullmatch(code):
            raise InvalidValue("not a three-letter currency code")
        return code

    return read


def _ids(settings: Settings) -> Callable[[Any], Any]:
    def read(value: Any) -> tuple[str, ...]:
        if isinstance(value, list | tuple):
            return tuple(private_id(str(item).strip()) for item in value if str(item).strip())
        return tuple(
            private_id(part) for part in _LIST_SEPARATORS.split(str(value).strip()) if part
        )

    return read


def _day(settings: Settings) -> Callable[[Any], Any]:
    return day_reader(settings.day_first)


def _month(settings: Settings) -> Callable[[Any], Any]:
    return month_reader(settings.day_first)


def _day_or_month(settings: Settings) -> Callable[[Any], Any]:
    return day_or_month_reader(settings.day_first)


def _status(settings: Settings) -> Callable[[Any], Any]:
    def read(value: Any) -> DealStatus:
        return deal_status(str(value), settings)

    return read


#: For each kind of cell, a function of the settings that gives the cell's reader.
#: A reader takes the raw value (text, or an already typed value) and returns the
#: field's value, or raises ValueError with a short reason.
READERS: dict[str, Callable[[Settings], Callable[[Any], Any]]] = {
    "id": _id,
    "owner": _owner,
    "text": _text,
    "datetime": _datetime,
    "datetimes": _datetimes,
    "amount": _amount,
    "count": _count,
    "flag": _flag,
    "source": _source,
    "currency": _currency,
    "ids": _ids,
    "status": _status,
    "day": _day,
    "month": _month,
    "day_or_month": _day_or_month,
    "campaign": lambda _: campaign_reader(),
}


def typed_reader(kind: str, settings: Settings) -> Callable[[Any], Any]:
    """The reader of a database value: typed, or text; a float amount through its repr.

    Databases hand over REAL or FLOAT columns as floats; an amount stored that
    way is read through its shortest decimal form (0.1 is Decimal('0.1')).
    """
    reader = READERS[kind](settings)
    if kind != "amount":
        return reader

    def read(value: Any) -> Any:
        return reader(Decimal(repr(value)) if isinstance(value, float) else value)

    return read


def text_reader(kind: str, settings: Settings) -> Callable[[str], Any]:
    """The reader of a cell of ``kind`` that is always text (a CSV cell): fewer checks."""
    if kind == "text":
        return str.strip
    if kind == "id":
        return _id_text
    if kind == "owner":
        return owner_reader(settings.owners)
    if kind == "datetime":
        return _datetime_text(settings.day_first)
    if kind == "amount":
        return functools.partial(parse_amount, decimal_comma=settings.decimal_comma)
    if kind == "count":
        return functools.partial(parse_count, decimal_comma=settings.decimal_comma)
    if kind == "flag":
        return parse_flag
    if kind == "source":
        return cached(functools.partial(private_source, aliases=settings.aliases))
    return READERS[kind](settings)


def _id_text(text: str) -> str:
    return private_id(text.strip())


def _datetime_text(day_first: bool) -> Callable[[str], datetime]:
    """ISO 8601 straight through ``datetime.fromisoformat`` (C); anything else by parse_datetime."""
    fromisoformat = datetime.fromisoformat
    slow = functools.partial(parse_datetime, day_first=day_first)

    def read(text: str) -> datetime:
        try:
            value = fromisoformat(text)
        except ValueError:
            return slow(text)
        if value.tzinfo is None and FIRST_YEAR <= value.year <= LAST_YEAR:
            return value
        return check_moment(value)

    return read


_CACHED = 10_000


def cached(reader: Callable[[str], T]) -> Callable[[str], T]:
    """``reader`` remembering up to 10,000 cells: a column of a few repeated values (sources)."""
    seen: dict[str, T] = {}

    def read(text: str) -> T:
        try:
            return seen[text]
        except KeyError:
            value = reader(text)
            if len(seen) < _CACHED:
                seen[text] = value
            return value

    return read
