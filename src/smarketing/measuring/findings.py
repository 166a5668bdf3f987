"""Data-quality findings: counted exactly, listed by record id up to a bound."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any, Generic, Protocol, TypeVar

import attrs

import smarketing._display as show

__all__ = ["Finding", "Findings", "FindingsCollector", "SmallestKept", "most_frequent"]


class _Comparable(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


K = TypeVar("K", bound=_Comparable)


class Finding(enum.StrEnum):
    """A kind of data-quality problem met while reading records."""

    #: A lead reached a later stage without a recorded earlier one. It counts
    #: as having passed the earlier stage, at the time of the next recorded one.
    STAGE_SKIPPED = "stage_skipped"
    #: A lead entered a stage before an earlier stage of the funnel (customer before lead).
    STAGE_OUT_OF_ORDER = "stage_out_of_order"
    #: A stage name the funnel does not know (a custom lifecycle stage); counted as is.
    UNKNOWN_STAGE = "unknown_stage"
    #: A deal closed by ``as_of`` (or open) none of whose leads is among the leads read
    #: (missing from the input, or rejected as a bad row), with no source of its own. A
    #: lead created after ``as_of`` is read: its deals keep its source.
    DEAL_WITHOUT_LEAD = "deal_without_lead"
    #: A deal won before its lead was created.
    WON_BEFORE_LEAD_CREATED = "won_before_lead_created"
    #: A won deal without a close date: counted in the cohort view only.
    WON_WITHOUT_CLOSE_DATE = "won_without_close_date"
    #: A won deal without an amount: counted as a customer, with no revenue.
    WON_WITHOUT_AMOUNT = "won_without_amount"
    #: A lost deal with no date at all (no close, creation or lead date): its
    #: reason cannot be placed in a period and is not counted.
    LOST_WITHOUT_DATE = "lost_without_date"
    #: A deal in another currency than the one configured: left out of the figures.
    OTHER_CURRENCY = "other_currency"
    #: A lead touched before its hand-off: its response time counts as zero.
    TOUCH_BEFORE_HANDOFF = "touch_before_handoff"
    #: Follow-up depth judged from a touch count, without touch times.
    DEPTH_FROM_COUNT = "depth_from_count"
    #: A deal whose stage (or status) is neither won, lost nor a known open stage: counted
    #: as open. Its values are listed with their counts.
    UNKNOWN_DEAL_STAGE = "unknown_deal_stage"
    #: A lead created after ``as_of`` (a date in 2099, say): left out. Counted, not listed.
    LEAD_AFTER_AS_OF = "lead_after_as_of"


def _ids(
    value: Iterable[tuple[Finding, tuple[str, ...]]] | Mapping[Finding, tuple[str, ...]],
) -> dict[Finding, tuple[str, ...]]:
    return dict(value.items() if isinstance(value, Mapping) else value)


@attrs.frozen
class Findings:
    """How many of each finding, and the record ids of the first ``limit`` by id.

    Keeping the smallest ids (rather than the first seen) makes the list the
    same whatever the order of the input, and lets two findings merge. A
    finding about a value (an unknown deal stage) also has ``values``: how
    many records had each value, the ``limit`` most frequent values kept.

    Attributes:
        counts: How many records had each finding.
        ids: For each finding, the ids of the first ``limit`` records by id.
        limit: How many ids (and values) each finding keeps; ``None``: all.
        values: For a finding about a value, how many records had each value (the most frequent
            kept).
    """

    #: How many records had each finding.
    counts: dict[Finding, int] = attrs.field(factory=dict)
    #: For each finding, the ids of the first ``limit`` records by id.
    ids: dict[Finding, tuple[str, ...]] = attrs.field(factory=dict, converter=_ids)
    #: How many ids (and values) each finding keeps; ``None``: all.
    limit: int | None = 1000
    #: For a finding about a value, how many records had each value (the most frequent kept).
    values: dict[Finding, dict[str, int]] = attrs.field(factory=dict)

    def merge(self, other: Findings) -> Findings:
        """The findings of both inputs together."""
        counts = dict(self.counts)
        for kind, count in other.counts.items():
            counts[kind] = counts.get(kind, 0) + count
        ids: dict[Finding, tuple[str, ...]] = {}
        for kind in counts:
            merged = sorted({*self.ids.get(kind, ()), *other.ids.get(kind, ())})
            ids[kind] = tuple(merged if self.limit is None else merged[: self.limit])
        values: dict[Finding, dict[str, int]] = {}
        for kind in {*self.values, *other.values}:
            both = dict(self.values.get(kind, {}))
            for value, count in other.values.get(kind, {}).items():
                both[value] = both.get(value, 0) + count
            values[kind] = most_frequent(both, self.limit)
        return Findings(counts, ids, self.limit, values)

    @property
    def total(self) -> int:
        """All findings counted."""
        return sum(self.counts.values())

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{kind.value} {show.count(count)}" for kind, count in sorted(self.counts.items())
        )
        return show.capped(f"<Findings {show.count(self.total)}: {counts or 'none'}>")


class SmallestKept(Generic[K]):
    """Keeps the ``limit`` smallest values added (all of them when ``limit`` is ``None``).

    What it keeps does not depend on the order values arrive in. Values are
    appended; when twice ``limit`` are held, they are sorted and cut back to
    ``limit``, and from then on a value no smaller than the largest kept is
    turned away with one comparison.
    """

    __slots__ = ("_bound", "_values", "limit")

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self._values: list[K] = []
        self._bound: K | None = None  # the largest value kept, once values were cut back

    def add(self, value: K) -> None:
        """Offer ``value``."""
        bound = self._bound
        if bound is not None and not value < bound:
            return
        values = self._values
        values.append(value)
        limit = self.limit
        if limit is not None and len(values) >= 2 * limit:
            values.sort()
            del values[limit:]
            self._bound = values[-1] if values else value

    def sorted(self) -> list[K]:
        """The values kept, smallest first."""
        return sorted(self._values)[: self.limit]


def most_frequent(counts: Mapping[str, int], limit: int | None) -> dict[str, int]:
    """The ``limit`` most frequent values of ``counts`` (ties by value), most frequent first."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return dict(ranked if limit is None else ranked[:limit])


class FindingsCollector:
    """Counts findings during a pass, keeping the ``limit`` smallest ids of each kind.

    The values of a finding about a value are counted as they come (one count a
    distinct value: call it on records held in memory anyway, such as deals).
    """

    __slots__ = ("_kept", "_values", "counts", "limit")

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.counts: dict[Finding, int] = {}
        self._kept: dict[Finding, SmallestKept[str]] = {}
        self._values: dict[Finding, dict[str, int]] = {}

    def add(self, kind: Finding, record_id: str) -> None:
        """Count one finding of ``kind`` for ``record_id``."""
        self.counts[kind] = self.counts.get(kind, 0) + 1
        kept = self._kept.get(kind)
        if kept is None:
            kept = self._kept[kind] = SmallestKept(self.limit)
        kept.add(record_id)

    def add_value(self, kind: Finding, record_id: str, value: str) -> None:
        """Count one finding of ``kind`` for ``record_id``, about ``value``."""
        self.add(kind, record_id)
        values = self._values.setdefault(kind, {})
        values[value] = values.get(value, 0) + 1

    def add_count(self, kind: Finding, count: int) -> None:
        """Count ``count`` findings of ``kind`` whose records are not listed."""
        if count:
            self.counts[kind] = self.counts.get(kind, 0) + count
            self._kept.setdefault(kind, SmallestKept(self.limit))

    def freeze(self) -> Findings:
        """The findings counted so far."""
        ids = {kind: tuple(kept.sorted()) for kind, kept in self._kept.items()}
        values = {kind: most_frequent(seen, self.limit) for kind, seen in self._values.items()}
        return Findings(dict(self.counts), ids, self.limit, values)
