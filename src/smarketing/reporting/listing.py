"""Bounded lists: the items of largest volume, in their own order, and the rest to be summed."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["largest"]

T = TypeVar("T")


def largest(
    items: Sequence[T], limit: int | None, volume: Callable[[T], tuple[int, ...]]
) -> tuple[list[T], list[T]]:
    """The ``limit`` items of largest ``volume`` (all when ``None``), and the others.

    Both keep the items' order; between equal volumes the earlier item is
    kept. It takes ``O(n log limit)``: a million items cost no more than a
    sort of their volumes.

    >>> largest(["a", "bbb", "cc", "d"], 2, lambda text: (len(text),))
    (['bbb', 'cc'], ['a', 'd'])
    """
    if limit is None or len(items) <= limit:
        return list(items), []
    keys = [(*volume(item), -index) for index, item in enumerate(items)]
    chosen = set(heapq.nlargest(limit, range(len(items)), key=keys.__getitem__))
    kept = [item for index, item in enumerate(items) if index in chosen]
    others = [item for index, item in enumerate(items) if index not in chosen]
    return kept, others
