"""The duration sketch: within its stated accuracy, and mergeable exactly."""

from __future__ import annotations

import math
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from smarketing import DurationSketch

durations = st.lists(
    st.one_of(st.just(0.0), st.floats(min_value=0.001, max_value=10 * 365 * 86400)),
    min_size=1,
    max_size=200,
)
quantiles = st.sampled_from([0.0, 0.1, 0.5, 0.9, 0.99, 1.0])


@given(durations, quantiles)
def test_quantile_within_relative_accuracy(values: list[float], q: float) -> None:
    sketch = DurationSketch()
    for value in values:
        sketch.add(value)
    rank = max(1, math.ceil(q * len(values)))
    truth = sorted(values)[rank - 1]
    estimate = sketch.quantile(q)
    assert estimate is not None
    assert abs(estimate.total_seconds() - truth) <= 0.0101 * truth + 1e-6


@given(durations, durations)
def test_merge_is_the_sketch_of_both(left: list[float], right: list[float]) -> None:
    a, b, both = DurationSketch(), DurationSketch(), DurationSketch()
    for value in left:
        a.add(value)
        both.add(value)
    for value in right:
        b.add(value)
        both.add(value)
    assert a.merge(b) == both == b.merge(a)
    assert both.count == len(left) + len(right)


def test_empty_and_zero() -> None:
    assert DurationSketch().quantile(0.5) is None
    sketch = DurationSketch()
    sketch.add(0)
    sketch.add(3600)
    assert sketch.quantile(0.5) == timedelta(0)
