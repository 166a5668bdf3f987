"""Results as data frames: rows of attrs records to a pandas (or polars) DataFrame.

:func:`to_frame` turns a sequence of records (frozen attrs instances: a
report's sources, its stages, a plan's months...) into a DataFrame with one
column a field. Nested records are flattened with their field's name as a
prefix (``speed_share_met``); a mapping or a list inside a row is its own
section, so it is left out here. The values keep their meaning:

- money and rates (:class:`~decimal.Decimal`) stay exact ``Decimal`` objects by
  default (``decimals="decimal"``), or become floats (``decimals="float"``) for
  plotting and arithmetic where a float is good enough;
- dates and times become datetimes (``datetime64``), periods their label,
  durations (``timedelta``) stay durations, counts nullable integers;
- ``None`` is a missing value.

pandas and polars are optional (``pip install smarketing[pandas]`` or
``[polars]``): nothing of them is imported until a frame is asked for, and a
missing one is a :class:`~smarketing.errors.MissingDriver` saying what to
install.
"""

from __future__ import annotations

import importlib
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any, Literal

import attrs

from smarketing.errors import InvalidValue, MissingDriver

__all__ = ["Decimals", "Library", "columns", "to_frame"]

#: How decimal figures (money, rates) go into a frame.
Decimals = Literal["decimal", "float"]
#: The frame library.
Library = Literal["pandas", "polars"]


def _label(value: Any) -> Any:
    label = getattr(value, "label", None)  # a Period
    return label if isinstance(label, str) else value


def _cell(value: Any, decimals: Decimals) -> Any:
    """One value as a frame holds it (before the library converts the column)."""
    if isinstance(value, Decimal):
        return float(value) if decimals == "float" else value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool | int | str | float | date | timedelta) or value is None:
        return value
    return _label(value)


_DECLARED: dict[type, dict[str, type | None]] = {}


def _declared(cls: type) -> dict[str, type | None]:
    """Each field's declared type, ``X | None`` read as ``X`` (``None``: not one plain type)."""
    if cls in _DECLARED:
        return _DECLARED[cls]
    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # an annotation that does not resolve: go by the values
        hints = {}
    declared = _DECLARED[cls] = {}
    for name, hint in hints.items():
        if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
            kinds = [kind for kind in typing.get_args(hint) if kind is not type(None)]
            hint = kinds[0] if len(kinds) == 1 else None
        declared[name] = hint if isinstance(hint, type) else None
    return declared


def _flatten(
    record: Any, prefix: str, decimals: Decimals, into: dict[str, Any], kinds: dict[str, type]
) -> None:
    declared = _declared(type(record))
    for field in attrs.fields(type(record)):
        if field.name.startswith("_"):
            continue
        value = getattr(record, field.name)
        name = f"{prefix}{field.name}"
        if attrs.has(type(value)) and not hasattr(value, "label"):
            _flatten(value, f"{name}_", decimals, into, kinds)
        elif isinstance(value, Mapping | list | tuple | set | frozenset):
            continue  # its own section
        else:
            into[name] = _cell(value, decimals)
            kind = declared.get(field.name)
            if kind in _PLAIN:
                kinds[name] = float if kind is Decimal and decimals == "float" else kind


#: Declared field types a column keeps even when every value in it is missing.
_PLAIN = (int, Decimal, str, date, datetime, timedelta, bool)


def columns(rows: Iterable[Any], decimals: Decimals = "decimal") -> dict[str, list[Any]]:
    """The columns of ``rows`` (attrs records, or mappings of plain values), in field order.

    A column missing from some rows (a nested record that is ``None`` there)
    holds ``None`` in them.
    """
    return _table(rows, decimals)[0]


def _table(rows: Iterable[Any], decimals: Decimals) -> tuple[dict[str, list[Any]], dict[str, type]]:
    if decimals not in ("decimal", "float"):
        raise InvalidValue(f"decimals={decimals!r}: give 'decimal' or 'float'")
    flat: list[dict[str, Any]] = []
    kinds: dict[str, type] = {}
    for row in rows:
        values: dict[str, Any] = {}
        if attrs.has(type(row)):
            _flatten(row, "", decimals, values, kinds)
        elif isinstance(row, Mapping):
            values = {str(key): _cell(value, decimals) for key, value in row.items()}
        else:
            raise InvalidValue(
                f"a frame's rows are attrs records or mappings, not {type(row).__name__}"
            )
        flat.append(values)
    names: dict[str, None] = {}
    for values in flat:
        names.update(dict.fromkeys(values))
    table = {name: [values.get(name) for values in flat] for name in names}
    # a nested record that is None in every row read is still one: its flattened
    # columns stand for it, and the bare name is dropped when they exist
    for name in list(table):
        if any(other.startswith(name + "_") for other in table) and all(
            value is None for value in table[name]
        ):
            del table[name]
    return table, kinds


def _library(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        raise MissingDriver(
            f"a {name} frame needs {name}: pip install 'smarketing[{name}]'"
        ) from None


def to_frame(
    rows: Sequence[Any],
    *,
    decimals: Decimals = "decimal",
    library: Library = "pandas",
) -> Any:
    """A DataFrame of ``rows``: one row a record, one column a field (see the module)."""
    data, kinds = _table(rows, decimals)
    if library == "pandas":
        return _pandas_frame(data, kinds)
    if library == "polars":
        return _polars_frame(data, kinds)
    raise InvalidValue(f"library={library!r}: give 'pandas' or 'polars'")


def _kind(values: Sequence[Any], declared: type | None) -> type | None:
    kinds = {type(value) for value in values if value is not None}
    if not kinds:
        return declared
    if kinds <= {int, bool} and bool not in kinds:
        return int
    if len(kinds) == 1:
        return kinds.pop()
    if kinds <= {date, datetime}:
        return datetime
    return object


def _pandas_frame(data: Mapping[str, list[Any]], kinds: Mapping[str, type]) -> Any:
    pandas = _library("pandas")
    frame = {}
    for name, values in data.items():
        kind = _kind(values, kinds.get(name))
        if kind is int:
            frame[name] = pandas.array(values, dtype="Int64")
        elif kind is date or kind is datetime:
            frame[name] = pandas.to_datetime(pandas.Series(values, dtype=object))
        elif kind is timedelta:
            frame[name] = pandas.to_timedelta(pandas.Series(values, dtype=object))
        elif kind is float:
            frame[name] = pandas.array(values, dtype="Float64")
        elif kind is str:
            frame[name] = pandas.array(values, dtype="string")
        elif kind is bool:
            frame[name] = pandas.array(values, dtype="boolean")
        else:  # Decimal (exact), or a mix: kept as the objects
            frame[name] = pandas.Series(values, dtype=object)
    return pandas.DataFrame(frame, index=pandas.RangeIndex(_length(data)))


def _polars_frame(data: Mapping[str, list[Any]], kinds: Mapping[str, type]) -> Any:
    polars = _library("polars")
    series = []
    for name, values in data.items():
        kind = _kind(values, kinds.get(name))
        if kind is Decimal:
            places = max(
                (-value.as_tuple().exponent for value in values if value is not None), default=0
            )
            series.append(polars.Series(name, values, dtype=polars.Decimal(38, max(places, 0))))
        elif kind is datetime or kind is date:
            series.append(
                polars.Series(
                    name,
                    [
                        value
                        if isinstance(value, datetime) or value is None
                        else datetime(value.year, value.month, value.day)
                        for value in values
                    ],
                    dtype=polars.Datetime,
                )
            )
        else:
            series.append(polars.Series(name, values, strict=False))
    return polars.DataFrame(series)


def _length(data: Mapping[str, list[Any]]) -> int:
    return len(next(iter(data.values()))) if data else 0
