"""``smarketing validate``: read the input only, and say what was read, kept and set aside.

Every rejection goes to the rejects file as it is found (never held); the
reading keeps the first ``show`` for the summary. The summary is text, or JSON
for a CI pipeline (see docs/cli.md); with the rejects on standard output
(``--rejects -``), the summary goes to standard error.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from smarketing.cli.output import STDOUT, output
from smarketing.pipeline.progress import Progress
from smarketing.pipeline.reading import Reading, ReadReport

__all__ = ["validate", "validation_document"]


def validate(
    reading: Reading,
    *,
    rejects: str | os.PathLike[str] | None,
    show: int,
    form: str,
    inputs: list[Any],
) -> int:
    """Read everything ``reading`` gives, write the rejects and print the summary; exit code 0."""
    from smarketing.reporting.safecsv import csv_writer

    reading.keep = show
    progress = Progress(sys.stderr)
    if rejects is None:
        _read_everything(reading, progress)
    else:
        with output(rejects, inputs=inputs) as handle:
            writer = csv_writer(handle)
            writer.writerow(["input", "line", "column", "reason", "value"])
            reading.on_rejection = lambda r: writer.writerow(
                [Path(r.input).name, r.line, r.column or "", r.reason, r.value or ""]
            )
            _read_everything(reading, progress)
    to_stdout = rejects is not None and os.fspath(rejects) == STDOUT
    summary = sys.stderr if to_stdout else sys.stdout
    if form == "json":
        document = validation_document(reading.report, rejects)
        print(json.dumps(document, indent=2, ensure_ascii=False), file=summary)
        return 0
    lines = []
    for part in reading.report.inputs:
        lines.append(
            f"{Path(part.input).name} ({part.kind}): {part.rows_read:,} rows read, "
            f"{part.records:,} accepted, {part.rejected:,} rejected"
        )
        for rejection in part.rejections:
            where = f"line {rejection.line}" + (
                f", column {rejection.column!r}" if rejection.column else ""
            )
            shown = "" if rejection.value is None else f" ({rejection.value!r})"
            lines.append(f"  {where}: {rejection.reason}{shown}")
        if part.rejected > len(part.rejections):
            lines.append(f"  and {part.rejected - len(part.rejections):,} more")
    if rejects is not None and not to_stdout:
        lines.append(f"every rejection written to {rejects}")
    print("\n".join(lines), file=summary)
    return 0


def _read_everything(reading: Reading, progress: Progress) -> None:
    for _ in progress.rows(reading.leads(), lambda: reading.report.leads, "leads"):
        pass
    for _ in progress.rows(reading.deals(), lambda: reading.report.deals, "deals"):
        pass


def validation_document(
    report: ReadReport, rejects: str | os.PathLike[str] | None
) -> dict[str, Any]:
    """What ``validate --format json`` prints: per input, the counts and the first rejections."""
    return {
        "inputs": [
            {
                "input": part.input,
                "kind": part.kind,
                "rows_read": part.rows_read,
                "accepted": part.records,
                "rejected": part.rejected,
                "balanced": part.balanced,
                "rejections": [
                    {
                        "line": rejection.line,
                        "column": rejection.column,
                        "reason": rejection.reason,
                        "value": rejection.value,
                    }
                    for rejection in part.rejections
                ],
            }
            for part in report.inputs
        ],
        "rows_read": report.rows_read,
        "accepted": report.records,
        "rejected": report.rejected,
        "rejects_file": None if rejects is None else os.fspath(rejects),
    }
