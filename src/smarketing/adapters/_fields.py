"""From a row of text (or of values) to a Lead, a Deal or a Spend, by a mapping of fields.

A mapping names, for each record field, the column (or key) it comes from:
``{"id": "Lead ID", "created": "Created", "stages.marketingqualifiedlead":
"MQL date", "segments.region": "Region"}``. ``stages.<stage>`` and
``segments.<name>`` map any number of stage dates and segment attributes.
A cell that cannot be read sets the row aside (or raises, in strict mode)
with the line, the column, the reason and the raw value. Spend rows are
made and checked by :mod:`smarketing.adapters._spend_fields`.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

from smarketing._numbers import COUNT_LIMIT
from smarketing._timestamps import FIRST_YEAR, LAST_YEAR, check_moment
from smarketing.adapters._hubspot_labels import DEAL_STAGE_LABELS, LOST_WORDS, WON_WORDS
from smarketing.adapters._spend_fields import (
    SPEND_DATES,
    SPEND_FIELDS,
    SpendRows,
    campaign_reader,
    check_currency,
    day_or_month_reader,
    day_reader,
    month_reader,
)
from smarketing.adapters._text_rows import text_row_reader
from smarketing.contract import InputReport, Option
from smarketing.errors import DuplicateColumns, InvalidOption, InvalidRecord, MissingColumns
from smarketing.parsing import (
    fold,
    has_email,
    mask_emails,
    normalise_source,
    parse_amount,
    parse_count,
    parse_datetime,
    parse_flag,
    pseudonym,
)
from smarketing.records import (
    PERSONAL_FIELDS,
    Deal,
    DealStatus,
    Lead,
    Spend,
    trusted_deal,
    trusted_lead,
)

__all__ = [
    "DEAL_FIELDS",
    "LEAD_FIELDS",
    "SPEND_FIELDS",
    "VALUE_OPTIONS",
    "RecordBuilder",
    "Settings",
    "deal_status",
    "settings_of",
]

#: Lead fields and how their cells are read.
LEAD_FIELDS = {
    "id": "id",
    "created": "datetime",
    "source": "source",
    "source_detail": "text",
    "owner": "owner",
    "handoff": "datetime",
    "first_touch": "datetime",
    "touch_count": "count",
    "touches": "datetimes",
    "lost": "flag",
    "lost_reason": "text",
}
#: Deal fields and how their cells are read.
DEAL_FIELDS = {
    "id": "id",
    "lead_ids": "ids",
    "amount": "amount",
    "currency": "currency",
    "created": "datetime",
    "closed": "datetime",
    "status": "status",
    "stage": "text",
    "owner": "owner",
    "lost_reason": "text",
    "source": "source",
}
_REQUIRED = {"lead": ("id", "created"), "deal": ("id",), "spend": ("source", "amount")}
_FIELDS = {"lead": LEAD_FIELDS, "deal": DEAL_FIELDS, "spend": SPEND_FIELDS}
_LIST_SEPARATORS = re.compile(r"\s*[;|,]\s*")
_TOUCH_SEPARATORS = re.compile(r"\s*[;|]\s*")
_WORDS = re.compile(r"\w+")
_CURRENCY_CODE = re.compile(r"[A-Z]{3}")
_EMAIL_IN = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+")
_ID = re.compile(r"[\w.-]+")


class Settings:
    """The reading options the field parsers need."""

    __slots__ = (
        "aliases",
        "day_first",
        "deal_status",
        "decimal_comma",
        "lost_values",
        "open_values",
        "owners",
        "spend_currency",
        "won_values",
    )

    def __init__(
        self,
        *,
        day_first: bool = False,
        decimal_comma: bool = False,
        aliases: Mapping[str, str] | None = None,
        won_values: Iterable[str] = (),
        lost_values: Iterable[str] = (),
        open_values: Iterable[str] = (),
        deal_status: str | None = None,
        owners: str = "name",
        spend_currency: str | None = None,
    ) -> None:
        if owners not in OWNERS:
            raise InvalidOption(
                f"owners must be one of {', '.join(OWNERS)}, got {owners!r}: "
                "name shows owners as written (an email as a pseudonym), id keeps only ids, "
                "hash shows every owner as a pseudonym"
            )
        self.owners = owners
        self.spend_currency = check_currency(spend_currency)
        if deal_status is not None and deal_status not in ("won", "lost", "open"):
            raise InvalidOption(f"deal_status must be won, lost or open, got {deal_status!r}")
        self.deal_status = None if deal_status is None else DealStatus(deal_status)
        self.day_first = day_first
        self.decimal_comma = decimal_comma
        self.aliases = {fold(name): target for name, target in (aliases or {}).items()}
        self.won_values = frozenset(fold(value) for value in won_values)
        self.lost_values = frozenset(fold(value) for value in lost_values)
        self.open_values = frozenset(fold(value) for value in open_values)


#: The options of every adapter built on these fields, for reading values.
VALUE_OPTIONS = (
    Option("day_first", "flag", False, "read 03/11/2026 as 3 November (D/M/YYYY)"),
    Option("decimal_comma", "flag", False, "amounts use a decimal comma (1 234,50)"),
    Option("source_aliases", "mapping", None, "other spellings of a source and the name to "
           "use, e.g. {'adwords': 'paid search'}"),
    Option("won_values", "list", (), "deal status or stage values that mean won"),
    Option("lost_values", "list", (), "deal status or stage values that mean lost"),
    Option("open_values", "list", (), "deal stage values that mean open, besides HubSpot's "
           "default stages (any other is reported as unknown_deal_stage)"),
    Option("check_duplicates", "flag", True, "set aside a row whose id was seen before "
           "(holds the ids read in memory)"),
    Option("deal_status", "text", None, "the status of every deal of a file that has no "
           "status or stage column: won, lost or open (a file of closed-won deals, say)"),
    Option("owners", "text", "name", "how owners are shown: name (as written; an email "
           "becomes a pseudonym), id (ids kept, anything else a pseudonym) or hash (all "
           "pseudonyms)"),
)  # fmt: skip
#: The ways owners may be shown (the ``owners`` option).
OWNERS = ("name", "id", "hash")


def settings_of(options: Mapping[str, Any]) -> Settings:
    """The field parsers' settings from checked adapter options (missing ones default)."""
    return Settings(
        day_first=options.get("day_first", False),
        decimal_comma=options.get("decimal_comma", False),
        aliases=options.get("source_aliases"),
        won_values=options.get("won_values") or (),
        lost_values=options.get("lost_values") or (),
        open_values=options.get("open_values") or (),
        deal_status=options.get("deal_status"),
        owners=options.get("owners") or "name",
        spend_currency=options.get("spend_currency"),
    )


def deal_status(text: str, settings: Settings) -> DealStatus:
    """Won, lost, open or unknown, from a status or a stage label.

    The configured ``won_values``, ``lost_values`` and ``open_values`` first;
    then HubSpot's default pipeline stages, by internal value or label in
    the languages of :mod:`~smarketing.adapters._hubspot_labels`; then a
    label with a word for won ("Closed won", "Fermé gagné") is won, one with
    a word for lost ("Closed: lost", "Cerrado perdido") is lost. Anything
    else is ``UNKNOWN``: counted as open, and reported.
    """
    folded = fold(text)
    if folded in settings.won_values:
        return DealStatus.WON
    if folded in settings.lost_values:
        return DealStatus.LOST
    if folded in settings.open_values:
        return DealStatus.OPEN
    known = DEAL_STAGE_LABELS.get(folded)
    if known is not None:
        return DealStatus(known)
    words = set(_WORDS.findall(folded))
    if words & WON_WORDS:
        return DealStatus.WON
    if words & LOST_WORDS:
        return DealStatus.LOST
    return DealStatus.UNKNOWN


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
            raise ValueError("a float: give amounts as text or Decimal")
        return parse_amount(str(value), decimal_comma=decimal_comma)

    return read


def _count(settings: Settings) -> Callable[[Any], Any]:
    decimal_comma = settings.decimal_comma

    def read(value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            if not 0 <= value < COUNT_LIMIT:
                raise ValueError(f"not a whole count from 0 to {COUNT_LIMIT:,}")
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

    return _cached(read)


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
    read_text = _cached(functools.partial(private_source, aliases=settings.aliases))

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
            raise ValueError("not a three-letter currency code")
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

T = TypeVar("T")
_VALUE, _STAGE, _SEGMENT = 0, 1, 2
#: The kinds of cell that may hold a line break (free text); others never do.
_MAY_SPAN_LINES = frozenset({"text", "source", "status", "owner", "campaign"})


def _typed_reader(kind: str, settings: Settings) -> Callable[[Any], Any]:
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
        return _cached(functools.partial(private_source, aliases=settings.aliases))
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


def _cached(reader: Callable[[str], T]) -> Callable[[str], T]:
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


#: What a builder makes of a row: a record, or ``None`` for a row set aside.
Built = Lead | Deal | Spend | None


class RecordBuilder:
    """Builds leads, deals or spend from rows by a mapping; see the module's docstring.

    With ``header`` (a CSV file's), rows are lists and each mapped column must
    be in the header; without it, rows are mappings read by key. ``extra``
    declares more fields (name to cell kind) that ``finish`` turns into record
    fields, in place, before the record is made.
    """

    def __init__(
        self,
        kind: str,
        mapping: Mapping[str, str],
        settings: Settings,
        *,
        input_name: str,
        header: Sequence[str] | None = None,
        check_duplicates: bool = True,
        extra: Mapping[str, str] | None = None,
        finish: Callable[[dict[str, Any]], None] | None = None,
        typed: bool = False,
    ) -> None:
        self.kind = kind
        self.settings = settings
        self.input_name = input_name
        self.header = header
        self.seen: set[str] | None = set() if check_duplicates else None
        fields = {**_FIELDS[kind], **(extra or {})}
        self.finish = finish
        # (target, name, reader, key, column): where the value goes (a field, a stage, a
        # segment) and under which name, how to read it, where it is in a row, its column
        self.plan: list[tuple[int, str, Callable[[Any], Any], Any, str]] = []
        missing_fields = [name for name in _REQUIRED[kind] if name not in mapping]
        if missing_fields:
            raise InvalidOption(
                f"the {kind} mapping needs {', '.join(missing_fields)}: map "
                + ", ".join(f"{name!r} to the column that holds it" for name in missing_fields)
            )
        if kind == "spend" and not any(name in mapping for name in SPEND_DATES):
            raise InvalidOption(
                "the spend mapping needs day, month or date: map 'day' to the column of days "
                "(2026-11-03), 'month' to the column of months (2026-11), or 'date' to a column "
                "holding either"
            )
        missing_columns = []
        kinds = []
        self.single_line: list[int] = []
        for field, column in mapping.items():
            cell_kind = self._kind_of(field, fields)
            if typed:
                reader = _typed_reader(cell_kind, settings)
            elif header is None:
                reader = READERS[cell_kind](settings)
            else:
                reader = text_reader(cell_kind, settings)
            prefix, _, name = field.partition(".")
            target = (
                {"stages": _STAGE, "segments": _SEGMENT}.get(prefix, _VALUE) if name else _VALUE
            )
            name = name if target != _VALUE else field
            if header is None:
                self.plan.append((target, name, reader, column, column))
            elif column in header:
                _check_once(input_name, header, column)
                self.plan.append((target, name, reader, header.index(column), column))
                kinds.append(cell_kind)
                if cell_kind not in _MAY_SPAN_LINES:
                    self.single_line.append(header.index(column))
            else:
                missing_columns.append(column)
        if missing_columns:
            raise MissingColumns(
                _missing_message(input_name, missing_columns, header or ()), path=input_name
            )
        self.width = None if header is None else len(header)
        self.typed = typed
        self.status_from_stage = kind == "deal" and "status" not in mapping and "stage" in mapping
        self.status_of_stage = _cached(functools.partial(deal_status, settings=settings))
        self.spend_rows = SpendRows(settings.spend_currency, check_duplicates, self._column)
        #: The record of a row (``None`` when set aside); for CSV rows of leads and deals, the
        #: fast path of :mod:`~smarketing.adapters._text_rows` (spend files are small).
        self.build: Callable[[Any, int | None, InputReport], Built] = self._build
        if header is not None and not typed and kind != "spend":
            self.build = text_row_reader(
                [
                    ((position, target, name, reader), cell_kind)
                    for (target, name, reader, position, _), cell_kind in zip(
                        self.plan, kinds, strict=True
                    )
                ],
                len(header),
                _REQUIRED[kind],
                self._read,
                self._make,
            )

    @classmethod
    def from_options(
        cls,
        kind: str,
        mapping: Mapping[str, str],
        options: Mapping[str, Any],
        *,
        input_name: str,
        header: Sequence[str] | None = None,
        typed: bool = False,
    ) -> RecordBuilder:
        """A builder with the reading settings of an adapter's checked ``options``."""
        return cls(
            kind,
            mapping,
            settings_of(options),
            input_name=input_name,
            header=header,
            check_duplicates=options["check_duplicates"],
            typed=typed,
        )

    @property
    def positions(self) -> list[int]:
        """The positions of the columns read whose cells never hold a line break (ids, dates...).

        A row of a header'd file that spans lines and has a line break in one
        of them is a stray quote's doing (see :meth:`CsvTable.rows`).
        """
        return self.single_line

    def _kind_of(self, field: str, fields: Mapping[str, str]) -> str:
        prefix, _, name = field.partition(".")
        if self.kind == "lead" and prefix == "stages" and name:
            return "datetime"
        if self.kind == "lead" and prefix == "segments" and name:
            if fold(name) in PERSONAL_FIELDS:
                raise InvalidOption(
                    f"segment {name!r} would carry personal data; records keep no names, "
                    "emails, phone numbers or addresses: leave that column out"
                )
            return "text"
        if field not in fields:
            known = (
                [*fields, "stages.<stage>", "segments.<name>"]
                if self.kind == "lead"
                else list(fields)
            )
            raise InvalidOption(
                f"{field!r} is not a {self.kind} field; the fields are: {', '.join(known)}"
            )
        return fields[field]

    def _build(self, row: Any, line: int | None, report: InputReport) -> Built:
        """The record of ``row``, or ``None`` when the row was set aside (counted in ``report``)."""
        report.rows_read += 1
        return self._read(row, line, report)

    def _read(self, row: Any, line: int | None, report: InputReport) -> Built:
        if self.width is not None and len(row) != self.width:
            # the count only: the row's text holds unmapped, maybe personal, cells
            report.reject(
                line, None, f"ragged row: {len(row)} fields where the header has {self.width}", None
            )
            return None
        values: dict[str, Any] = {}
        stages: dict[str, datetime] = {}
        segments: dict[str, str] = {}
        into = (values, stages, segments)
        if self.width is not None and not self.typed:  # a CSV row: every cell is text
            for target, name, reader, index, column in self.plan:
                raw = row[index]
                if not raw or raw.isspace():
                    continue
                try:
                    into[target][name] = reader(raw)
                except ValueError as error:
                    self._unreadable(target, name, column, raw, error, line, report)
                    return None
        else:
            for target, name, reader, key, column in self.plan:
                raw = row[key] if self.typed else row.get(key)
                if raw is None or raw == "" or (isinstance(raw, str) and raw.isspace()):
                    continue
                try:
                    into[target][name] = reader(raw)
                except ValueError as error:
                    self._unreadable(target, name, column, raw, error, line, report)
                    return None
        return self._record(values, stages, segments, line, report)

    def _unreadable(
        self,
        target: int,
        name: str,
        column: str,
        raw: Any,
        error: ValueError,
        line: int | None,
        report: InputReport,
    ) -> None:
        field = name if target == _VALUE else f"{('', 'stages', 'segments')[target]}.{name}"
        report.reject(line, column, f"{field}: {error}", _shorten(mask_emails(str(raw))))

    def _record(
        self,
        values: dict[str, Any],
        stages: dict[str, datetime],
        segments: dict[str, str],
        line: int | None,
        report: InputReport,
    ) -> Built:
        for required in _REQUIRED[self.kind]:
            if required not in values:
                report.reject(line, self._column(required), f"empty {required}", None)
                return None
        if self.kind == "spend":
            return self.spend_rows.make(values, line, report)
        return self._make(values, stages, segments, line, report)

    def _make(
        self,
        values: dict[str, Any],
        stages: dict[str, datetime],
        segments: dict[str, str],
        line: int | None,
        report: InputReport,
    ) -> Lead | Deal | None:
        """The record of values that hold the required fields.

        ``finish`` may refuse the row by raising :class:`InvalidRecord` naming the field.
        """
        record_id = values["id"]
        if self.seen is not None:
            if record_id in self.seen:
                report.reject(line, self._column("id"), "repeats an id seen earlier", record_id)
                return None
            self.seen.add(record_id)
        try:
            if self.finish is not None:
                self.finish(values)
            if self.kind == "lead":
                # Every value was read to its field's type above: the checked-once path.
                return trusted_lead(values, stages, segments)
            if self.status_from_stage and "stage" in values:
                values["status"] = self.status_of_stage(values["stage"])
            if "status" not in values and self.settings.deal_status is not None:
                values["status"] = self.settings.deal_status
            return trusted_deal(values)
        except InvalidRecord as error:
            column = self._column(error.field.partition("[")[0]) if error.field else None
            report.reject(line, column, str(error), None)
            return None

    def _column(self, field: str) -> str | None:
        for target, name, _, _, column in self.plan:
            if target == _VALUE and name == field:
                return column
        return None


def _check_once(input_name: str, header: Sequence[str], column: str) -> None:
    """Raise :class:`DuplicateColumns` if the mapped ``column`` names more than one column."""
    places = [str(number) for number, name in enumerate(header, 1) if name == column]
    if len(places) > 1:
        raise DuplicateColumns(
            f"{input_name}: the header names {column!r} {len(places)} times (columns "
            f"{', '.join(places)}): rename all but one in the file, so that the mapping "
            "says which one holds the field",
            path=input_name,
        )


def _missing_message(input_name: str, missing: list[str], header: Sequence[str]) -> str:
    parts = []
    for column in missing:
        close = difflib.get_close_matches(column, header, n=3, cutoff=0.5)
        hint = f" (closest: {', '.join(map(repr, close))})" if close else ""
        parts.append(f"{column!r}{hint}")
    return (
        f"{input_name}: the header lacks the mapped column{'s' if len(missing) > 1 else ''} "
        + "; ".join(parts)
        + ": fix the mapping or the file"
    )


def _shorten(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
