"""The reading hot path of a record builder for CSV rows: one plain loop a kind of cell.

:class:`~smarketing.adapters._builder.RecordBuilder` reads a row by walking
its plan (one entry a mapped column), through each cell's reader. For CSV
files, whose cells are all text, :func:`text_row_reader` gives a function
that reads the rows that read cleanly faster: the columns are grouped by
kind once, each group a tuple of (position, target, name, reader), and the
common cells are read inline (text stripped, ids without an ``@`` as
written, ISO timestamps by ``datetime.fromisoformat``, whole counts of up to
nine digits by ``int``). Any other row (ragged, an unreadable cell, a
missing required field) goes to the builder's general path, which reads it
again and says what is wrong, so both paths give the same records and the
same rejections (a Hypothesis property checks it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from smarketing._timestamps import FIRST_YEAR, LAST_YEAR
from smarketing.contract import InputReport

__all__ = ["Cell", "RowReader", "text_row_reader"]

R = TypeVar("R")
#: A row reader: the record of a row (``None`` when set aside), counted in the report.
RowReader = Callable[[Any, "int | None", InputReport], "R | None"]
#: Makes the record of the values read (``None`` when set aside).
Make = Callable[
    [dict[str, Any], dict[str, datetime], dict[str, str], "int | None", InputReport], "R | None"
]
#: A mapped column: its position in a row, where its value goes (0 a field, 1 a stage,
#: 2 a segment), under which name, and its reader.
Cell = tuple[int, int, str, Callable[[str], Any]]
#: A cell of a group: its position, its name and its reader.
Entry = tuple[int, str, Callable[[str], Any]]


class _Groups:
    """A plan's cells by kind and by target, each group in plan order (stages keep theirs).

    The builder reads every stage cell as a datetime and every segment cell
    as text, so stage and segment cells go by their target alone; the other
    fields by their kind, the kinds without a fast path in ``others``.
    """

    def __init__(self, cells: Sequence[tuple[Cell, str]]) -> None:
        def group(kinds: tuple[str, ...], target: int) -> tuple[Entry, ...]:
            return tuple(
                (position, name, read)
                for (position, into, name, read), kind in cells
                if into == target and (not kinds or kind in kinds)
            )

        self.text, self.ids = group(("text",), 0), group(("id",), 0)
        self.datetimes, self.counts = group(("datetime",), 0), group(("count",), 0)
        self.stages, self.segments = group((), 1), group((), 2)
        fast = ("text", "id", "datetime", "count")
        self.others = tuple(
            (position, name, read)
            for (position, into, name, read), kind in cells
            if into == 0 and kind not in fast
        )


def text_row_reader(
    cells: Sequence[tuple[Cell, str]],
    width: int,
    required: Sequence[str],
    general: Callable[[Any, int | None, InputReport], R | None],
    make: Make[R],
) -> Callable[[Any, int | None, InputReport], R | None]:
    """A function reading a CSV row of ``width`` cells by ``cells`` (each with its kind).

    Clean rows end in ``make(values, stages, segments, line, report)``;
    every other row in ``general(row, line, report)``, which counts nothing
    more: this function counts the row read.
    """
    groups = _Groups(cells)
    texts = tuple((position, name) for position, name, _ in groups.text)
    segment_texts = tuple((position, name) for position, name, _ in groups.segments)
    ids = groups.ids
    datetimes, stage_dates = groups.datetimes, groups.stages
    counts, others = groups.counts, groups.others
    needed = tuple(required)
    fromisoformat = datetime.fromisoformat
    first_year, last_year = FIRST_YEAR, LAST_YEAR

    def read_row(row: Any, line: int | None, report: InputReport) -> R | None:
        report.rows_read += 1
        if len(row) != width:
            return general(row, line, report)
        values: dict[str, Any] = {}
        stages: dict[str, datetime] = {}
        segments: dict[str, str] = {}
        try:
            for position, name in texts:
                raw = row[position]
                if raw and not raw.isspace():
                    values[name] = raw.strip()
            for position, name in segment_texts:
                raw = row[position]
                if raw and not raw.isspace():
                    segments[name] = raw.strip()
            for position, name, read in ids:
                raw = row[position]
                if raw and not raw.isspace():
                    values[name] = raw.strip() if "@" not in raw else read(raw)
            # fields, then stages: two loops, not one over (group, dict) pairs, which
            # would allocate three tuples a row (the garbage collector counts them)
            for position, name, read in datetimes:
                raw = row[position]
                if raw and not raw.isspace():
                    try:
                        moment = fromisoformat(raw)
                    except ValueError:
                        moment = read(raw)
                    else:
                        if moment.tzinfo is not None or not first_year <= moment.year <= last_year:
                            moment = read(raw)
                    values[name] = moment
            for position, name, read in stage_dates:
                raw = row[position]
                if raw and not raw.isspace():
                    try:
                        moment = fromisoformat(raw)
                    except ValueError:
                        moment = read(raw)
                    else:
                        if moment.tzinfo is not None or not first_year <= moment.year <= last_year:
                            moment = read(raw)
                    stages[name] = moment
            for position, name, read in counts:
                raw = row[position]
                if raw and not raw.isspace():
                    values[name] = int(raw) if raw.isdigit() and len(raw) < 10 else read(raw)
            for position, name, read in others:
                raw = row[position]
                if raw and not raw.isspace():
                    values[name] = read(raw)
        except ValueError:
            return general(row, line, report)
        for field in needed:
            if field not in values:
                return general(row, line, report)
        return make(values, stages, segments, line, report)

    return read_row
