"""A record builder's plan for CSV rows, written out as one function: the reading hot path.

:class:`~smarketing.adapters._fields.RecordBuilder` reads a row by walking its
plan (one entry a mapped column). For CSV files, whose cells are all text,
this module writes that walk out as the source of one function, a line or
three a column, the way attrs writes ``__init__`` methods: no loop, no
tuple unpacking, ISO timestamps and whole counts read inline. It handles the
rows that read cleanly; any other row (ragged, an unreadable cell, a missing
required field) goes to the builder's general path, which reads it again and
says what is wrong, so both paths give the same records and the same
rejections (a test checks it).

Only integers (column positions) and ``repr()`` of strings (field, stage and
segment names from the mapping) are written into the source.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from smarketing._timestamps import FIRST_YEAR, LAST_YEAR
from smarketing.contract import InputReport
from smarketing.records import Deal, Lead

__all__ = ["compile_rows"]

RowReader = Callable[[Any, "int | None", InputReport], "Lead | Deal | None"]

_INTO = ("values", "stages", "segments")


def compile_rows(
    plan: Sequence[tuple[int, str, Callable[[str], Any], int, str, str]],
    width: int,
    required: Sequence[str],
    general: RowReader,
    record: Callable[..., Lead | Deal | None],
) -> RowReader:
    """A function reading a CSV row of ``width`` cells by ``plan``.

    ``plan`` holds (target, name, reader, position, column, kind) a mapped
    column, target 0, 1 or 2 for a field, a stage or a segment. Clean rows
    end in ``record(values, stages, segments, line, report)``; every other
    row in ``general(row, line, report)``.
    """
    namespace: dict[str, Any] = {
        "general": general,
        "record": record,
        "fromisoformat": datetime.fromisoformat,
        "first_year": FIRST_YEAR,
        "last_year": LAST_YEAR,
    }
    body = [
        "def read_row(row, line, report):",
        "    report.rows_read += 1",
        f"    if len(row) != {int(width)}:",
        "        return general(row, line, report)",
        "    values = {}",
        "    stages = {}",
        "    segments = {}",
        "    try:",
    ]
    for number, (target, name, reader, position, _column, kind) in enumerate(plan):
        reader_name = f"read_{number}"
        namespace[reader_name] = reader
        cell = f"{_INTO[target]}[{name!r}]"
        body += [
            f"        raw = row[{int(position)}]",
            "        if raw and not raw.isspace():",
        ]
        if kind == "text":
            body.append(f"            {cell} = raw.strip()")
        elif kind == "id":
            body.append(
                f"            {cell} = raw.strip() if '@' not in raw else {reader_name}(raw)"
            )
        elif kind == "datetime":
            body += [
                "            try:",
                f"                {cell} = fromisoformat(raw)",
                "            except ValueError:",
                f"                {cell} = {reader_name}(raw)",
                "            else:",
                f"                if {cell}.tzinfo is not None or not first_year <= {cell}.year "
                "<= last_year:",
                f"                    {cell} = {reader_name}(raw)",
            ]
        elif kind == "count":
            body.append(
                f"            {cell} = int(raw) if raw.isdigit() and len(raw) < 10 "
                f"else {reader_name}(raw)"
            )
        else:
            body.append(f"            {cell} = {reader_name}(raw)")
    body += [
        "    except ValueError:",
        "        return general(row, line, report)",
    ]
    if required:
        missing = " or ".join(f"{field!r} not in values" for field in required)
        body += [f"    if {missing}:", "        return general(row, line, report)"]
    body.append("    return record(values, stages, segments, line, report)")
    exec(compile("\n".join(body), "<smarketing row reader>", "exec"), namespace)
    return namespace["read_row"]  # type: ignore[no-any-return]
