"""CSV: every figure of the document on a row of its own, in long form.

Columns: ``section``, ``item`` (a source, a stage, an owner, a day ...),
``metric``, ``value``. Nested figures flatten into dotted metric names.
Values are the JSON contract's (the document's ``to_dict()``: decimal strings, integers, ISO dates).
Cells are written by :func:`~smarketing.reporting.safecsv.csv_writer`: a text
cell never starts a spreadsheet formula, numbers stay numbers.
"""

from __future__ import annotations

import io
from typing import Any

from smarketing.reporting.document import Document
from smarketing.reporting.safecsv import csv_writer

__all__ = ["render_csv"]

_ITEM_KEYS = ("source", "stage", "owner", "month", "day", "lead_id", "input", "period")


def render_csv(document: Document) -> str:
    """The document as long-form CSV: every leaf of its JSON contract a row."""
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(["section", "item", "metric", "value"])
    for key, value in document.to_dict().items():
        if isinstance(value, list):
            for position, entry in enumerate(value, start=1):
                if isinstance(entry, dict):
                    item = _item(entry, position)
                    for metric, leaf in _flatten(entry):
                        writer.writerow([key, item, metric, leaf])
                else:
                    writer.writerow([key, position, "", entry])
        elif isinstance(value, dict):
            for metric, leaf in _flatten(value):
                writer.writerow([key, "", metric, leaf])
        else:
            writer.writerow(["summary", "", key, value])
    return buffer.getvalue()


def _item(entry: dict[str, Any], position: int) -> str:
    for key in _ITEM_KEYS:
        if key in entry and entry[key] is not None:
            item = str(entry[key])
            return f"{item}/{entry['clause']}" if key == "lead_id" and "clause" in entry else item
    return str(position)


def _flatten(value: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    rows: list[tuple[str, Any]] = []
    for key, leaf in value.items():
        name = f"{prefix}{key}"
        if isinstance(leaf, dict):
            rows.extend(_flatten(leaf, f"{name}."))
        elif isinstance(leaf, list):
            for position, entry in enumerate(leaf, start=1):
                if isinstance(entry, dict):
                    label = _item(entry, position)
                    rows.extend(_flatten(entry, f"{name}.{label}."))
                else:
                    rows.append((f"{name}.{position}", entry))
        else:
            rows.append((name, leaf))
    return rows
