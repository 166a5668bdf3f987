"""The one converter from a typed document to the JSON contract, and the figures' rounding.

A document (:class:`~smarketing.reporting.document.ReportDocument`,
:class:`~smarketing.reporting.document.PlanDocument`) holds its figures
already rounded as the contract says (docs/json-schema.md): money half up to
cents, rates and ratios half up to six decimals with trailing zeros dropped,
counts as integers (a :class:`~decimal.Decimal` with two decimals under
``exact`` rounding). :func:`to_json` then writes every value the same way,
field by field over :func:`attrs.fields`, in the fields' order:

- an attrs instance becomes a dict, keyed by each field's name (or its
  ``json_key`` metadata); a field whose metadata says ``omit_none`` is left
  out when it is ``None``;
- a :class:`~decimal.Decimal` becomes its plain decimal text (never an
  exponent);
- a :class:`~datetime.date` or :class:`~datetime.datetime` its ISO 8601 text;
- a tuple or list a list, a mapping a dict (its keys as they are);
- ``None``, ``bool``, ``int`` and ``str`` stay as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar, overload

import attrs

from smarketing.errors import InvalidValue
from smarketing.reporting.figures import half_up

__all__ = [
    "Count",
    "JSONValue",
    "about",
    "cents",
    "count",
    "documented",
    "exact_count",
    "money",
    "rate",
    "seconds",
    "six_places",
    "to_json",
]

#: A count: an ``int``, or a :class:`~decimal.Decimal` with two decimals under ``exact`` rounding.
Count = int | Decimal
#: What :func:`to_json` returns: values :func:`json.dumps` writes as they are.
JSONValue = None | bool | int | str | list["JSONValue"] | dict[str, "JSONValue"]

C = TypeVar("C", bound=type)


def about(doc: str, *, json_key: str | None = None, omit_none: bool = False) -> dict[str, object]:
    """The metadata of a document field: its description (``help()`` shows it), how it is written.

    Use it as ``attrs.field(metadata=about("..."))``. ``json_key`` is the key
    in the JSON contract when it differs from the attribute's name;
    ``omit_none`` leaves the key out of the JSON when the value is ``None``
    (the contract's optional keys).
    """
    metadata: dict[str, object] = {"doc": doc, "omit_none": omit_none}
    if json_key is not None:
        metadata["json_key"] = json_key
    return metadata


def documented(cls: C) -> C:
    """Add an ``Attributes`` list of the fields' descriptions to the class's docstring.

    ``help()`` shows it, and so does the API reference (autodoc prints the docstring).
    """
    lines = [(cls.__doc__ or "").rstrip(), "", "Attributes:"]
    for field in attrs.fields(cls):
        doc = field.metadata.get("doc")
        if doc is not None:
            lines.append(f"    {field.name}: {doc}")
    cls.__doc__ = "\n".join(lines) + "\n"
    return cls


def to_json(value: object) -> JSONValue:
    """``value`` (a document, a part of one, or a figure) as JSON-safe values, in field order."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):  # a datetime is a date too
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_json(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): to_json(item) for key, item in value.items()}
    cls = type(value)
    if attrs.has(cls):
        out: dict[str, JSONValue] = {}
        for field in attrs.fields(cls):
            item = getattr(value, field.name)
            if item is None and field.metadata.get("omit_none", False):
                continue
            out[field.metadata.get("json_key", field.name)] = to_json(item)
        return out
    raise InvalidValue(
        f"to_json writes documents and their parts, not a {type(value).__name__} ({value!r}): "
        "give it attrs instances, Decimal, date, str, int, bool, None, lists or mappings"
    )


@overload
def cents(value: Decimal) -> Decimal: ...
@overload
def cents(value: Decimal | None) -> Decimal | None: ...
def cents(value: Decimal | None) -> Decimal | None:
    """Money rounded half up to cents (``None`` stays ``None``)."""
    return None if value is None else half_up(value, 2)


@overload
def six_places(value: Decimal | int) -> Decimal: ...
@overload
def six_places(value: Decimal | int | None) -> Decimal | None: ...
def six_places(value: Decimal | int | None) -> Decimal | None:
    """A rate or ratio rounded half up to six decimals, trailing zeros dropped.

    >>> six_places(Decimal("0.2000004")), six_places(Decimal("100"))
    (Decimal('0.2'), Decimal('100'))
    """
    if value is None:
        return None
    sign, digits, exponent = half_up(value, 6).as_tuple()
    assert isinstance(exponent, int)  # a finite number
    kept = list(digits)
    while exponent < 0 and kept and kept[-1] == 0:
        kept.pop()
        exponent += 1
    return Decimal((sign, tuple(kept), exponent)) if kept else Decimal((sign, (0,), 0))


@overload
def exact_count(value: Decimal | int) -> Count: ...
@overload
def exact_count(value: Decimal | int | None) -> Count | None: ...
def exact_count(value: Decimal | int | None) -> Count | None:
    """A count: an int as it is, an exact (unrounded) count rounded half up to two decimals."""
    if value is None or isinstance(value, int):
        return value
    return half_up(value, 2)


def seconds(value: timedelta | None) -> int | None:
    """A duration in whole seconds."""
    return None if value is None else round(value.total_seconds())


def money(value: Decimal | None) -> str | None:
    """Money as the JSON writes it: a string, rounded half up to cents."""
    return None if value is None else format(half_up(value, 2), "f")


def rate(value: Decimal | None) -> str | None:
    """A rate or ratio as the JSON writes it: a string, six decimals at most (half up)."""
    rounded = six_places(value)
    return None if rounded is None else format(rounded, "f")


def count(value: Decimal | int | None) -> int | str | None:
    """A count as the JSON writes it: an int, or a string with two decimals for an exact count."""
    written = exact_count(value)
    return written if written is None or isinstance(written, int) else format(written, "f")
