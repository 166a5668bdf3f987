"""A mergeable sketch of durations, for medians and 90th percentiles in bounded memory.

Durations (in seconds) go into logarithmic buckets: bucket ``i`` holds the
values in ``(gamma ** (i - 1), gamma ** i]`` with ``gamma = (1 + a) / (1 - a)``
for a relative accuracy ``a``. A quantile is answered with a bucket's
midpoint, which is within ``a`` (1% by default) of the true value of that
rank. Buckets only add, so two sketches merge exactly. The counts are kept
densely, from the lowest bucket used to the highest, 8 bytes a bucket:
about 1,100 buckets span one second to ten years. Durations of zero are
counted apart.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Mapping
from datetime import timedelta

import smarketing._display as show
from smarketing.errors import InvalidValue

__all__ = ["DurationSketch"]

DEFAULT_ACCURACY = 0.01
_ceil, _log = math.ceil, math.log


class DurationSketch:
    """Counts of durations in logarithmic buckets; see the module's docstring."""

    __slots__ = ("_log_gamma", "accuracy", "counts", "offset", "zeros")

    def __init__(self, accuracy: float = DEFAULT_ACCURACY) -> None:
        if not 0 < accuracy < 1:
            raise InvalidValue(
                f"DurationSketch: a sketch's accuracy is between 0 and 1, got {accuracy}; give "
                "a relative accuracy such as 0.01 (1%)"
            )
        self.accuracy = accuracy
        self._log_gamma = math.log((1 + accuracy) / (1 - accuracy))
        self.zeros = 0
        self.offset = 0
        self.counts = array("q")

    def __repr__(self) -> str:
        median, p90 = self.quantile(0.5), self.quantile(0.9)
        durations = show.counted(self.count, "duration")
        return (
            f"<DurationSketch {durations}, median {show.duration(median)}, "
            f"90th pct {show.duration(p90)} (accuracy {self.accuracy})>"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DurationSketch):
            return NotImplemented
        return (self.accuracy, self.zeros, self.offset, self.counts) == (
            other.accuracy,
            other.zeros,
            other.offset,
            other.counts,
        )

    __hash__ = None  # type: ignore[assignment]

    @property
    def count(self) -> int:
        """How many durations were added."""
        return self.zeros + sum(self.counts)

    def add(self, seconds: float) -> None:
        """Add a duration of ``seconds`` (0 or more)."""
        if seconds <= 0:
            self.zeros += 1
            return
        index = _ceil(_log(seconds) / self._log_gamma)
        counts = self.counts
        position = index - self.offset
        if 0 <= position < len(counts):  # the usual case, on the hot path of a pass
            counts[position] += 1
        else:
            self._bump(index, 1)

    def _bump(self, index: int, times: int) -> None:
        counts = self.counts
        if not counts:
            self.offset = index
            counts.append(times)
            return
        position = index - self.offset
        if position < 0:
            self.counts = array("q", [0]) * -position + counts
            self.offset = index
            self.counts[0] += times
        elif position >= len(counts):
            counts.extend(array("q", [0]) * (position - len(counts)))
            counts.append(times)
        else:
            counts[position] += times

    def merge(self, other: DurationSketch) -> DurationSketch:
        """A new sketch holding the durations of both."""
        if other.accuracy != self.accuracy:
            raise InvalidValue(
                f"DurationSketch.merge: cannot merge sketches of accuracy {self.accuracy} and "
                f"{other.accuracy}: make the sketches to merge with the same accuracy"
            )
        merged = DurationSketch(self.accuracy)
        merged.zeros = self.zeros + other.zeros
        for sketch in (self, other):
            for position, times in enumerate(sketch.counts):
                if times:
                    merged._bump(sketch.offset + position, times)
        return merged

    @classmethod
    def combine(cls, sketches: Iterable[DurationSketch]) -> DurationSketch:
        """One sketch holding the durations of all ``sketches``."""
        total = cls()
        for sketch in sketches:
            total = total.merge(sketch)
        return total

    def quantile(self, q: float) -> timedelta | None:
        """The duration at quantile ``q`` (0.5 for the median), ``None`` when empty.

        The value returned is within the sketch's relative accuracy of the
        duration of rank ``ceil(q x count)`` (the lower median for an even count).
        """
        if not 0 <= q <= 1:
            raise InvalidValue(
                f"DurationSketch.quantile: a quantile is between 0 and 1, got {q}; give 0.5 for "
                "the median, 0.9 for the 90th percentile"
            )
        total = self.count
        if total == 0:
            return None
        rank = max(1, math.ceil(q * total))
        if rank <= self.zeros:
            return timedelta(0)
        seen = self.zeros
        gamma = math.exp(self._log_gamma)
        for position, times in enumerate(self.counts):
            seen += times
            if seen >= rank:
                return timedelta(seconds=2 * gamma ** (self.offset + position) / (gamma + 1))
        raise AssertionError("unreachable: ranks are within the count")  # pragma: no cover

    def as_dict(self) -> Mapping[str, object]:
        """A plain mapping of the non-empty buckets, for JSON."""
        return {
            "accuracy": self.accuracy,
            "zeros": self.zeros,
            "buckets": {
                self.offset + position: times for position, times in enumerate(self.counts) if times
            },
        }
