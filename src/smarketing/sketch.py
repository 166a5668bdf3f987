"""A mergeable sketch of durations, for medians and 90th percentiles in bounded memory.

Durations (in seconds) go into logarithmic buckets: bucket ``i`` holds the
values in ``(gamma ** (i - 1), gamma ** i]`` with ``gamma = (1 + a) / (1 - a)``
for a relative accuracy ``a``. A quantile is answered with a bucket's
midpoint, which is within ``a`` (1% by default) of the true value of that
rank. Buckets only add, so two sketches merge exactly; memory is bounded by
the number of distinct buckets (about 1,100 from one second to ten years).
Durations of zero are counted apart.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import timedelta

import attrs

__all__ = ["DurationSketch"]

DEFAULT_ACCURACY = 0.01


@attrs.define(eq=True)
class DurationSketch:
    """Counts of durations in logarithmic buckets; see the module's docstring."""

    accuracy: float = DEFAULT_ACCURACY
    zeros: int = 0
    buckets: dict[int, int] = attrs.field(factory=dict)

    @property
    def _gamma(self) -> float:
        return (1 + self.accuracy) / (1 - self.accuracy)

    @property
    def count(self) -> int:
        """How many durations were added."""
        return self.zeros + sum(self.buckets.values())

    def add(self, seconds: float, times: int = 1) -> None:
        """Add a duration of ``seconds`` (0 or more)."""
        if seconds <= 0:
            self.zeros += times
            return
        index = math.ceil(math.log(seconds) / math.log(self._gamma))
        self.buckets[index] = self.buckets.get(index, 0) + times

    def merge(self, other: DurationSketch) -> DurationSketch:
        """A new sketch holding the durations of both."""
        if other.accuracy != self.accuracy:
            raise ValueError(
                f"cannot merge sketches of accuracy {self.accuracy} and {other.accuracy}"
            )
        merged = dict(self.buckets)
        for index, count in other.buckets.items():
            merged[index] = merged.get(index, 0) + count
        return DurationSketch(self.accuracy, self.zeros + other.zeros, merged)

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
            raise ValueError(f"a quantile is between 0 and 1, got {q}")
        total = self.count
        if total == 0:
            return None
        rank = max(1, math.ceil(q * total))
        if rank <= self.zeros:
            return timedelta(0)
        seen = self.zeros
        gamma = self._gamma
        for index in sorted(self.buckets):
            seen += self.buckets[index]
            if seen >= rank:
                return timedelta(seconds=2 * gamma**index / (gamma + 1))
        raise AssertionError("unreachable: ranks are within the count")  # pragma: no cover

    def as_dict(self) -> Mapping[str, object]:
        """A plain mapping, for JSON."""
        return {"accuracy": self.accuracy, "zeros": self.zeros, "buckets": dict(self.buckets)}
