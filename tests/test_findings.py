"""The bounded lists of findings and breaches keep the smallest values, whatever the order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from smarketing.measuring.findings import SmallestKept


@given(st.lists(st.tuples(st.integers(0, 20), st.text(max_size=2))), st.none() | st.integers(0, 8))
def test_smallest_kept_keeps_the_smallest(values: list[tuple[int, str]], limit: int | None) -> None:
    kept = SmallestKept[tuple[int, str]](limit)
    for value in values:
        kept.add(value)
    assert kept.sorted() == sorted(values)[:limit]
