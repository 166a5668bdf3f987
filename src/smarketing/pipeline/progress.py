"""Progress on standard error while the command runs, when standard error is a terminal.

Rows read are the input's own count (``rows_read`` of its report, rejected rows
included), so the last line says what the summary says. When the input is a
file, its size gives an estimate of the rows to come (from the first MiB), so
the line shows a percentage and the time left. Each later phase (evaluating,
rendering) shows its name. Nothing is written when standard error is not a
terminal: a log or a pipe gets no progress.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import TextIO, TypeVar

from smarketing.contract import InputReport

__all__ = ["Progress"]

T = TypeVar("T")
_SAMPLE = 1 << 20  # bytes read to estimate a file's bytes per row
_EVERY = 0.25  # seconds between two updates


class Progress:
    """Lines of progress on ``stream``, only when it is a terminal; see the module."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.shown = stream.isatty()
        self._width = 0

    def rows(
        self, records: Iterator[T], report: Callable[[], InputReport | None], label: str
    ) -> Iterator[T]:
        """Pass ``records`` through, showing rows read of the input ``report`` gives."""
        if not self.shown:
            yield from records
            return
        start = self.clock()
        shown_at = start
        total: int | None = None
        counted = 0
        for record in records:
            yield record
            counted += 1
            if counted % 1000:
                continue
            now = self.clock()
            if now - shown_at < _EVERY:
                continue
            shown_at = now
            current = report()
            if current is None:
                continue
            if total is None:
                total = _estimated_rows(current.input) or -1
            self._line(_rows_line(label, current.rows_read, total, now - start))
        current = report()
        if current is not None:
            self._line(f"{label}: {current.rows_read:,} rows read", end="\n")

    def phase(self, name: str) -> None:
        """Show the phase the command is in (``evaluating``, ``rendering`` ...)."""
        if self.shown:
            self._line(f"{name}...")

    def done(self) -> None:
        """Clear the last phase's line."""
        if self.shown and self._width:
            self._line("")

    def _line(self, text: str, end: str = "") -> None:
        padding = " " * max(self._width - len(text), 0)
        self.stream.write(f"\r{text}{padding}{end}")
        self.stream.flush()
        self._width = 0 if end else len(text)


def _rows_line(label: str, rows: int, total: int, elapsed: float) -> str:
    line = f"{label}: {rows:,} rows read ({rows / max(elapsed, 1e-9):,.0f}/s)"
    if total > 0 and rows:
        share = min(rows / total, 0.99)  # an estimate: never 100% before the end
        left = elapsed * (1 - share) / share
        line += f", about {share:.0%}, {_duration(left)} left"
    return line


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{max(round(seconds), 1)} s"
    if seconds < 3600:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


def _estimated_rows(path: str) -> int | None:
    """Rows in the file at ``path``, estimated from its size and its first MiB; None if unknown."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            sample = handle.read(_SAMPLE)
    except (OSError, ValueError):
        return None  # not a file: a database, a URL
    lines = sample.count(b"\n")
    if not lines:
        return None
    return max(round(size * lines / len(sample)) - 1, 1)  # less the header
