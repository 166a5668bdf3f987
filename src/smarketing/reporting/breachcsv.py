"""The full breach list as CSV (``report --breaches FILE``): one breach a row, written as it comes.

Columns: ``lead_id``, ``clause``, ``owner``, ``source``, ``handoff``,
``deadline``, ``first_touch``, ``touches`` (the keys of the JSON document's
``breaches``). Times are ISO 8601 in the report's zone; ``first_touch`` and
``touches`` are empty when unknown. Cells go through the spreadsheet-safe
writer (:mod:`smarketing.reporting.safecsv`).
"""

from __future__ import annotations

from smarketing.measuring.actuals import Breach
from smarketing.reporting.safecsv import SafeWriter, Stream, csv_writer

__all__ = ["BREACH_COLUMNS", "BreachWriter"]

BREACH_COLUMNS = (
    "lead_id",
    "clause",
    "owner",
    "source",
    "handoff",
    "deadline",
    "first_touch",
    "touches",
)


class BreachWriter:
    """Writes the header on creation, then one row for each breach :meth:`write` is given."""

    __slots__ = ("_writer", "written")

    def __init__(self, stream: Stream) -> None:
        self._writer: SafeWriter = csv_writer(stream)
        self._writer.writerow(BREACH_COLUMNS)
        self.written = 0

    def write(self, breach: Breach) -> None:
        """Write one breach."""
        self._writer.writerow(
            [
                breach.lead_id,
                breach.clause,
                breach.owner,
                breach.source,
                breach.handoff.isoformat(),
                breach.deadline.isoformat(),
                None if breach.first_touch is None else breach.first_touch.isoformat(),
                breach.touches,
            ]
        )
        self.written += 1
