"""A document's sections as tables: the rows :func:`smarketing.frames.to_frame` turns into frames.

Each section is named by its path in the JSON document:

- ``summary``: the document's own figures (period, as_of, counts ...), one row;
- a list (``sources``, ``stages``, ``owners``, ``breaches``, ``trend``, a
  plan's ``months`` ...): one row an entry, nested records flattened
  (``speed_share_met``);
- a record (``marketing``, ``pacing``, ``measured`` ...): one row (none when
  it is null);
- a list inside a record (``pacing.points``, ``goals.due_before_objective``)
  or inside each entry of a list (``sources.lost_reasons``, its rows led by
  the entry's first field, ``source``) is a section of its own;
- the findings: ``findings`` (one row a kind: finding, count) and
  ``findings.values`` (finding, value, count).

The figures are the document's: a frame's cell holds what the JSON holds, as
a number, a date or a count instead of a string.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from typing import Any

import attrs

from smarketing.errors import InvalidValue
from smarketing.frames import Decimals, Library, to_frame

__all__ = ["Tabular", "frame_of", "frames_of", "sections_of"]


def _is_record(value: object) -> bool:
    return attrs.has(type(value))


def _nested(record: Any, path: str, into: dict[str, list[Any]], lead: dict[str, Any]) -> None:
    """The lists inside ``record`` as sections under ``path``, each row led by ``lead``."""
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        name = f"{path}.{field.name}"
        if isinstance(value, tuple):
            rows = into.setdefault(name, [])
            for item in value:
                if _is_record(item):
                    rows.append({**lead, **_plain(item)})
                else:
                    rows.append({**lead, field.name: item})
        elif _is_record(value):
            _nested(value, name, into, lead)


def _plain(record: Any) -> dict[str, Any]:
    """A record's fields, nested records flattened with their name as prefix, lists left out."""
    row: dict[str, Any] = {}
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if _is_record(value):
            row.update({f"{field.name}_{key}": item for key, item in _plain(value).items()})
        elif not isinstance(value, tuple | Mapping):
            row[field.name] = value
    return row


def _findings(findings: Any, into: dict[str, list[Any]]) -> None:
    into["findings"] = [
        {"finding": name, "count": count} for name, count in findings.counts.items()
    ]
    into["findings.values"] = [
        {"finding": name, "value": value, "count": count}
        for name, values in findings.values.items()
        for value, count in values.items()
    ]


def _record_types(hint: Any) -> list[type]:
    """The attrs classes a field's type names: ``X``, ``X | None``, ``tuple[X, ...]``."""
    kinds = [hint, *typing.get_args(hint)]
    return [kind for kind in kinds if isinstance(kind, type) and attrs.has(kind)]


def _declared_sections(cls: type, path: str, into: dict[str, list[Any]]) -> None:
    """Every section a document of ``cls`` has, whatever its data: a list, a record, nested."""
    for name, hint in typing.get_type_hints(cls).items():
        is_list = typing.get_origin(hint) is tuple
        records = _record_types(hint)
        if is_list or (records and not path):  # a nested record is flattened, not a section
            into.setdefault(f"{path}{name}", [])
        if is_list or records:
            for kind in records:
                _declared_sections(kind, f"{path}{name}.", into)


def sections_of(document: Any) -> dict[str, list[Any]]:
    """Every section of a report or plan document as rows (records or mappings), by name."""
    if not _is_record(document) or not hasattr(document, "to_dict"):
        raise InvalidValue(
            f"sections are read from a report or plan document, not {type(document).__name__}"
        )
    summary: dict[str, Any] = {}
    sections: dict[str, list[Any]] = {"summary": [summary]}
    for field in attrs.fields(type(document)):
        value = getattr(document, field.name)
        name = field.name
        if isinstance(value, tuple):
            sections[name] = list(value)
            for item in value:
                if _is_record(item):
                    first = attrs.fields(type(item))[0].name
                    _nested(item, name, sections, {first: getattr(item, first)})
        elif _is_record(value) and hasattr(value, "counts") and hasattr(value, "values"):
            _findings(value, sections)
        elif _is_record(value):
            sections[name] = [value]
            _nested(value, name, sections, {})
        elif value is None and _declares_record(document, name):
            sections[name] = []
        else:
            summary[name] = value
    declared: dict[str, list[Any]] = {}
    _declared_sections(type(document), "", declared)
    for name in declared:
        if "." in name:
            sections.setdefault(name, [])
    return sections


def _declares_record(document: Any, name: str) -> bool:
    """Whether a field that is None here holds a record when it is given (a section)."""
    hint = typing.get_type_hints(type(document))[name]
    return any(attrs.has(kind) for kind in typing.get_args(hint) if isinstance(kind, type))


def frame_of(
    document: Any,
    section: str,
    *,
    decimals: Decimals = "decimal",
    library: Library = "pandas",
) -> Any:
    """One section of ``document`` as a DataFrame (see :mod:`smarketing.frames`)."""
    sections = sections_of(document)
    if section not in sections:
        raise InvalidValue(
            f"a {type(document).__name__} has no section {section!r}; "
            f"its sections are: {', '.join(sections)}"
        )
    return to_frame(sections[section], decimals=decimals, library=library)


def frames_of(
    document: Any, *, decimals: Decimals = "decimal", library: Library = "pandas"
) -> dict[str, Any]:
    """Every section of ``document`` as a DataFrame, by name."""
    return {
        name: to_frame(rows, decimals=decimals, library=library)
        for name, rows in sections_of(document).items()
    }


class Tabular:
    """What a document gives a notebook: its sections as data frames (pandas or polars)."""

    __slots__ = ()

    def sections(self) -> list[str]:
        """The names of the sections :meth:`to_frame` gives (``summary``, ``sources`` ...)."""
        return list(sections_of(self))

    def to_frame(
        self, section: str, *, decimals: Decimals = "decimal", library: Library = "pandas"
    ) -> Any:
        """One section as a DataFrame: figures as numbers, dates as datetimes, counts as counts.

        ``decimals="float"`` gives money and rates as floats instead of exact
        decimals; ``library="polars"`` a polars frame. Needs the ``pandas`` (or
        ``polars``) extra.
        """
        return frame_of(self, section, decimals=decimals, library=library)

    def to_frames(
        self, *, decimals: Decimals = "decimal", library: Library = "pandas"
    ) -> dict[str, Any]:
        """Every section as a DataFrame, by name (see :meth:`to_frame`)."""
        return frames_of(self, decimals=decimals, library=library)
