"""Deals held on disk when there are too many to hold in memory: memory stays flat.

A pass holds every deal until the leads have streamed by: a won deal makes its
leads customers, and a deal is linked to the first of its leads. Past
``deals_in_memory`` deals (:func:`~smarketing.pipeline.collecting.collect_actuals`), the
pass moves them into a temporary SQLite file and keeps in memory only a
bitmap of the hashes of the lead ids deals name (2 MiB), so that most leads,
the ones no deal names, are told apart without a query.

The file is SQLite's private temporary database (in ``SQLITE_TMPDIR`` or
``TMPDIR``, else ``/var/tmp`` or ``/tmp``): SQLite removes
its name from the directory as soon as it opens it (on POSIX; on Windows the
system deletes it when it is closed), so no signal, crash or ``kill -9`` can
leave it behind, and closing the connection frees the space.

:class:`SpilledDeals` stands in for both parts of what the pass holds: the
deal states in order, and the mapping of a lead id to the deals naming it.
What that mapping gives for a lead is light: the deal's number, status and
close, which is all the lead needs; the links the pass makes are appended to
a table, and each deal takes its best one (the lowest rank, then the first
made) when the states are read back in order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from smarketing.measuring.deal_state import DealState
from smarketing.records import DealStatus

__all__ = ["SpilledDeals"]

_BITS = 1 << 24  # 2 MiB of bits: a lead no deal names costs a query in about 1% of cases
_BATCH = 5_000
_UNRANKED = 1 << 30


class SpilledDeals:
    """Deal states in a temporary SQLite file, by number and by lead id; see the module."""

    def __init__(
        self, states: Iterable[DealState], by_lead: Iterable[tuple[str, Sequence[Any]]]
    ) -> None:
        self._db = sqlite3.connect("")  # a private temporary file, never left behind
        self._db.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
            "CREATE TABLE deals (number INTEGER PRIMARY KEY, id TEXT, amount TEXT, "
            "status TEXT, lost_reason TEXT, own_source TEXT, closed TEXT, created TEXT);"
            "CREATE TABLE leads (lead_id TEXT, rank INTEGER, number INTEGER, "
            "status TEXT, closed TEXT);"
            "CREATE TABLE links (number INTEGER, rank INTEGER, source TEXT, segment TEXT, "
            "lead_created TEXT);"
        )
        self._bits = bytearray(_BITS // 8)
        self._deals: list[tuple[Any, ...]] = []
        self._leads: list[tuple[Any, ...]] = []
        self._links: list[tuple[Any, ...]] = []
        for state in states:
            self._deals.append(_deal_row(state))
        for lead_id, pairs in by_lead:
            for rank, state in pairs:
                self._add_lead(lead_id, rank, state)
        self._flush()

    # -- holding --------------------------------------------------------------

    def append(self, state: DealState, lead_ids: Sequence[str]) -> None:
        """Hold one more deal, named by ``lead_ids`` (its leads, in rank order)."""
        self._deals.append(_deal_row(state))
        for rank, lead_id in enumerate(lead_ids):
            self._add_lead(lead_id, rank, state)
        if len(self._deals) >= _BATCH:
            self._flush()

    def _add_lead(self, lead_id: str, rank: int, state: DealState) -> None:
        closed = None if state.closed is None else state.closed.isoformat()
        self._leads.append((lead_id, rank, state.number, state.status.value, closed))
        bit = hash(lead_id) % _BITS
        self._bits[bit >> 3] |= 1 << (bit & 7)

    def done(self) -> None:
        """Every deal is held: write the rest and index the lead ids."""
        self._flush()
        self._db.execute("CREATE INDEX leads_by_id ON leads (lead_id)")

    def _flush(self) -> None:
        if self._deals:
            self._db.executemany("INSERT INTO deals VALUES (?, ?, ?, ?, ?, ?, ?, ?)", self._deals)
        if self._leads:
            self._db.executemany("INSERT INTO leads VALUES (?, ?, ?, ?, ?)", self._leads)
        if self._links:
            self._db.executemany("INSERT INTO links VALUES (?, ?, ?, ?, ?)", self._links)
        self._deals, self._leads, self._links = [], [], []

    # -- the mapping of lead ids to the deals naming them ------------------------

    def __contains__(self, lead_id: object) -> bool:
        """Whether deals may name ``lead_id`` (false: none does; true: probably)."""
        bit = hash(lead_id) % _BITS
        return bool(self._bits[bit >> 3] >> (bit & 7) & 1)

    def get(self, lead_id: str, default: Any = ()) -> Any:
        """(rank, state) for each deal naming ``lead_id``: light states, for :meth:`save`."""
        bit = hash(lead_id) % _BITS
        if not self._bits[bit >> 3] >> (bit & 7) & 1:
            return default
        rows = self._db.execute(
            "SELECT rank, number, status, closed FROM leads WHERE lead_id = ? ORDER BY rowid",
            (lead_id,),
        ).fetchall()
        if not rows:
            return default
        states: dict[int, DealState] = {}
        for _, number, status, closed in rows:
            if number not in states:
                state = states[number] = DealState.__new__(DealState)
                state.number, state.status = number, DealStatus(status)
                state.closed = None if closed is None else datetime.fromisoformat(closed)
                state.rank = _UNRANKED
        return [(rank, states[number]) for rank, number, _, _ in rows]

    def save(self, states: Iterable[DealState]) -> None:
        """Keep the links the pass made on light states (each deal keeps its best at the end)."""
        for state in states:
            created = None if state.lead_created is None else state.lead_created.isoformat()
            self._links.append((state.number, state.rank, state.source, state.segment, created))
        if len(self._links) >= _BATCH:
            self._flush()

    # -- the states, in order ----------------------------------------------------

    def __iter__(self) -> Iterator[DealState]:
        """The states in order, each with its best link, read a batch at a time."""
        self._flush()
        self._db.execute("DROP TABLE IF EXISTS best")
        self._db.execute("CREATE TEMP TABLE best AS SELECT number, rank, source, segment, "
                         "lead_created, MIN(rank * 4294967296 + rowid) FROM links "
                         "GROUP BY number")  # fmt: skip
        after = -1
        while True:
            rows = self._db.execute(
                "SELECT deals.*, best.rank, best.source, best.segment, best.lead_created "
                "FROM deals LEFT JOIN best ON best.number = deals.number "
                "WHERE deals.number > ? ORDER BY deals.number LIMIT ?",
                (after, _BATCH),
            ).fetchall()
            if not rows:
                return
            after = rows[-1][0]
            for row in rows:
                state = DealState.__new__(DealState)
                state.number, state.id, amount, status, state.lost_reason = row[:5]
                state.own_source, closed, created, rank = row[5:9]
                state.source, state.segment, lead_created = row[9:]
                state.amount = None if amount is None else Decimal(amount)
                state.status = DealStatus(status)
                state.closed = None if closed is None else datetime.fromisoformat(closed)
                state.created = None if created is None else datetime.fromisoformat(created)
                state.rank = _UNRANKED if rank is None else rank
                state.lead_created = (
                    None if lead_created is None else datetime.fromisoformat(lead_created)
                )
                yield state

    def close(self) -> None:
        """Close the database: its file goes with it."""
        self._db.close()


def _deal_row(state: DealState) -> tuple[Any, ...]:
    return (
        state.number,
        state.id,
        None if state.amount is None else str(state.amount),
        state.status.value,
        state.lost_reason,
        state.own_source,
        None if state.closed is None else state.closed.isoformat(),
        None if state.created is None else state.created.isoformat(),
    )
