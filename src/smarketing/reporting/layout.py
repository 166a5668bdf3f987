"""What a report is made of: sections of lines and tables, every cell printable."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from smarketing.reporting.printable import printable

__all__ = ["Section", "Table", "table"]


def _cells(cells: Iterable[str]) -> tuple[str, ...]:
    return tuple(printable(cell) for cell in cells)


def _rows(rows: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(_cells(row) for row in rows)


@attrs.frozen
class Table:
    """Column headers, rows of cells, and which columns hold numbers (right-aligned).

    Every cell is made :func:`~smarketing.reporting.printable.printable` here,
    once, for every renderer.
    """

    headers: tuple[str, ...] = attrs.field(converter=_cells)
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_rows)
    numeric: tuple[bool, ...]


@attrs.frozen
class Section:
    """A titled part of a report: lines of text, then tables; all of it printable."""

    key: str
    title: str = attrs.field(converter=printable)
    lines: tuple[str, ...] = attrs.field(default=(), converter=_cells)
    tables: tuple[Table, ...] = ()


def table(headers: list[str], rows: list[list[str]], numeric: list[bool]) -> Table:
    """A table of these headers and rows; ``numeric`` says which columns hold numbers."""
    return Table(tuple(headers), tuple(tuple(row) for row in rows), tuple(numeric))
