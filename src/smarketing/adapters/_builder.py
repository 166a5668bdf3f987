"""From a row of text (or of values) to a Lead, a Deal or a Spend, by a mapping of fields.

A mapping names, for each record field, the column (or key) it comes from:
``{"id": "Lead ID", "created": "Created", "stages.marketingqualifiedlead":
"MQL date", "segments.region": "Region"}``. ``stages.<stage>`` and
``segments.<name>`` map any number of stage dates and segment attributes.
A cell that cannot be read sets the row aside (or raises, in strict mode)
with the line, the column, the reason and the raw value. Cells are read by
:mod:`~smarketing.adapters._cells`, CSV rows on the fast path of
:mod:`~smarketing.adapters._text_rows`; spend rows are made and checked by
:mod:`smarketing.adapters._spend_fields`.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar, cast

from smarketing.adapters._cells import READERS, cached, text_reader, typed_reader
from smarketing.adapters._deal_status import deal_status
from smarketing.adapters._settings import Settings, settings_of
from smarketing.adapters._spend_fields import SPEND_DATES, SPEND_FIELDS, SpendRows
from smarketing.adapters._text_rows import text_row_reader
from smarketing.contract import InputReport
from smarketing.errors import DuplicateColumns, InvalidOption, InvalidRecord, MissingColumns
from smarketing.parsing import fold, mask_emails
from smarketing.records import PERSONAL_FIELDS, Deal, Lead, Spend, trusted_deal, trusted_lead

__all__ = ["DEAL_FIELDS", "LEAD_FIELDS", "RECORD_TYPES", "RecordBuilder"]

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
#: The record a builder makes: a Lead, a Deal or a Spend.
R = TypeVar("R", bound=Lead | Deal | Spend)
_KINDS: dict[type, str] = {Lead: "lead", Deal: "deal", Spend: "spend"}
#: The record type of each kind of record.
RECORD_TYPES: dict[str, type[Lead] | type[Deal] | type[Spend]] = {
    kind: record for record, kind in _KINDS.items()
}
_VALUE, _STAGE, _SEGMENT = 0, 1, 2
#: The kinds of cell that may hold a line break (free text); others never do.
_MAY_SPAN_LINES = frozenset({"text", "source", "status", "owner", "campaign"})


class RecordBuilder(Generic[R]):
    """Builds records of type ``record`` (Lead, Deal or Spend) from rows by a mapping.

    See the module's docstring.
    With ``header`` (a CSV file's), rows are lists and each mapped column must
    be in the header; without it, rows are mappings read by key. ``extra``
    declares more fields (name to cell kind) that ``finish`` turns into record
    fields, in place, before the record is made.
    """

    def __init__(
        self,
        record: type[R],
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
        kind = self.kind = _KINDS[record]
        self.settings = settings
        self.input_name = input_name
        self.header = header
        self.seen: set[str] | None = set() if check_duplicates else None
        fields = {**_FIELDS[kind], **(extra or {})}
        self.finish = finish
        self.is_lead = kind == "lead"
        # the checked-once constructors, typed once as this builder's record (no cast a row)
        self.trusted_lead = cast(Callable[..., R], trusted_lead)
        self.trusted_deal = cast(Callable[..., R], trusted_deal)
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
                reader = typed_reader(cell_kind, settings)
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
        self.status_of_stage = cached(functools.partial(deal_status, settings=settings))
        self.spend_rows = SpendRows(settings.spend_currency, check_duplicates, self._column)
        #: The record of a row (``None`` when set aside); for CSV rows of leads and deals, the
        #: fast path of :mod:`~smarketing.adapters._text_rows` (spend files are small).
        self.build: Callable[[Any, int | None, InputReport], R | None] = self._build
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
        record: type[R],
        mapping: Mapping[str, str],
        options: Mapping[str, Any],
        *,
        input_name: str,
        header: Sequence[str] | None = None,
        typed: bool = False,
    ) -> RecordBuilder[R]:
        """A builder with the reading settings of an adapter's checked ``options``."""
        return cls(
            record,
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

    def _build(self, row: Any, line: int | None, report: InputReport) -> R | None:
        """The record of ``row``, or ``None`` when the row was set aside (counted in ``report``)."""
        report.rows_read += 1
        return self._read(row, line, report)

    def _read(self, row: Any, line: int | None, report: InputReport) -> R | None:
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
    ) -> R | None:
        for required in _REQUIRED[self.kind]:
            if required not in values:
                report.reject(line, self._column(required), f"empty {required}", None)
                return None
        if self.kind == "spend":
            return cast("R | None", self.spend_rows.make(values, line, report))
        return self._make(values, stages, segments, line, report)

    def _make(
        self,
        values: dict[str, Any],
        stages: dict[str, datetime],
        segments: dict[str, str],
        line: int | None,
        report: InputReport,
    ) -> R | None:
        """The record of values that hold the required fields.

        ``finish`` may refuse the row by raising :class:`InvalidRecord` naming the field.
        """
        record_id = values["id"]
        seen = self.seen
        if seen is not None:
            if record_id in seen:
                report.reject(line, self._column("id"), "repeats an id seen earlier", record_id)
                return None
            seen.add(record_id)
        finish = self.finish
        try:
            if finish is not None:
                finish(values)
            if self.is_lead:
                # Every value was read to its field's type above: the checked-once path.
                return self.trusted_lead(values, stages, segments)
            if self.status_from_stage and "stage" in values:
                values["status"] = self.status_of_stage(values["stage"])
            if "status" not in values and self.settings.deal_status is not None:
                values["status"] = self.settings.deal_status
            return self.trusted_deal(values)
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
