"""Spreadsheet-safe CSV: every CSV smarketing writes goes through :func:`csv_writer`.

A spreadsheet opening a CSV file runs a cell that starts with ``=``, ``+``,
``-`` or ``@`` as a formula (``=HYPERLINK(...)``, ``=cmd|...``): an owner or a
source named so in the CRM would run on the reader's machine. So, as
spreadsheet-safe writers do (the OWASP advice), a *text* cell that starts with
one of those characters gets a leading apostrophe, which spreadsheets show as
text and do not keep: ``=1+2`` is written ``'=1+2``. A number stays a number:
``-42.5``, ``-1`` and ``+3`` are written as they are. Every text cell is also
made :func:`~smarketing.reporting.printable.printable`, so that no control
character reaches the file (a tab or a carriage return at the start of a cell
is another way in).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Protocol

from smarketing.reporting.printable import printable

__all__ = ["SafeWriter", "Stream", "csv_writer", "safe_cell"]

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_FORMULA_STARTS = ("=", "+", "-", "@")


def safe_cell(value: object) -> str:
    """One CSV cell: ``None`` empty, booleans ``true``/``false``, text neutralised.

    >>> [safe_cell(v) for v in ("=1+2", "-42.5", -3, "@SUM(A1)", "paid search", None)]
    ["'=1+2", '-42.5', '-3', "'@SUM(A1)", 'paid search', '']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = printable(str(value))
    if text.startswith(_FORMULA_STARTS) and _NUMBER.fullmatch(text) is None:
        return "'" + text
    return text


class Stream(Protocol):
    """Where a writer writes: anything with ``write(text)``."""

    def write(self, text: str, /) -> object: ...


class SafeWriter:
    """Writes rows of :func:`safe_cell` cells, one a line, quoted where needed."""

    __slots__ = ("_writer", "rows")

    def __init__(self, stream: Stream) -> None:
        self._writer = csv.writer(stream, lineterminator="\n")
        self.rows = 0

    def writerow(self, row: Iterable[object]) -> None:
        """Write one row."""
        self._writer.writerow([safe_cell(value) for value in row])
        self.rows += 1


def csv_writer(stream: Stream) -> SafeWriter:
    """A spreadsheet-safe CSV writer on ``stream`` (a text file, a ``StringIO``)."""
    return SafeWriter(stream)
