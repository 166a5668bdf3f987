"""Deals held on disk when there are too many to hold in memory: memory stays flat.

A pass holds every deal until the leads have streamed by (a deal is linked to
the first of its leads, and a won deal makes its leads customers). Past
``deals_in_memory`` deals (:func:`~smarketing.collect.collect_actuals`), the
pass moves them into a temporary SQLite file, indexed by lead id, and keeps in
memory only a bitmap of the lead ids' hashes (2 MiB), so that most leads, the
ones no deal names, are told apart without a query. The file is deleted when
the pass ends.

:class:`SpilledDeals` stands in for both parts of what the pass holds: the
list of deal states (in order) and the mapping of lead ids to the deals
naming them. A state goes into a row of SQLite values and comes back out
through the two functions the pass gives (``to_row``, whose first value is the
state's number, and ``from_row``). States read are copies; the pass saves
those it changes.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

__all__ = ["SpilledDeals"]

_BITS = 1 << 24  # 2 MiB of bits: a lead no deal names is a query in about 1.5% of cases
_BATCH = 5_000


class SpilledDeals:
    """Deal states in a temporary SQLite file, by number and by lead id; see the module."""

    def __init__(
        self,
        states: Iterable[Any],
        by_lead: Iterable[tuple[str, Sequence[Any]]],
        *,
        to_row: Callable[[Any], tuple[Any, ...]],
        from_row: Callable[[tuple[Any, ...]], Any],
        width: int,
    ) -> None:
        handle, self.path = tempfile.mkstemp(prefix="smarketing-deals-", suffix=".sqlite")
        os.close(handle)
        self._to_row, self._from_row = to_row, from_row
        self._db = sqlite3.connect(self.path)
        values = ", ".join(f"v{index}" for index in range(1, width))
        self._db.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
            f"CREATE TABLE deals (number INTEGER PRIMARY KEY, {values});"
            "CREATE TABLE leads (lead_id TEXT NOT NULL, rank INTEGER NOT NULL, "
            "number INTEGER NOT NULL);"
        )
        marks = ", ".join("?" * width)
        self._insert = f"INSERT INTO deals VALUES ({marks})"
        self._update = f"REPLACE INTO deals VALUES ({marks})"
        self._columns = f"deals.number, {values.replace('v', 'deals.v')}"
        self._bits = bytearray(_BITS // 8)
        self._count = 0
        self._pending_deals: list[tuple[Any, ...]] = []
        self._pending_leads: list[tuple[str, int, int]] = []
        for state in states:
            self._pending_deals.append(to_row(state))
            self._count += 1
        for lead_id, pairs in by_lead:
            for rank, state in pairs:
                self._pending_leads.append((lead_id, rank, state.number))
                self._mark(lead_id)
        self._flush()

    # -- holding --------------------------------------------------------------

    def append(self, state: Any, lead_ids: Sequence[str]) -> None:
        """Hold one more deal state, named by ``lead_ids`` (its leads, in rank order)."""
        self._pending_deals.append(self._to_row(state))
        self._count += 1
        for rank, lead_id in enumerate(lead_ids):
            self._pending_leads.append((lead_id, rank, state.number))
            self._mark(lead_id)
        if len(self._pending_deals) >= _BATCH:
            self._flush()

    def done(self) -> None:
        """Every deal is held: write the rest and index the lead ids."""
        self._flush()
        self._db.execute("CREATE INDEX leads_by_id ON leads (lead_id)")

    def _flush(self) -> None:
        if self._pending_deals:
            self._db.executemany(self._insert, self._pending_deals)
        if self._pending_leads:
            self._db.executemany("INSERT INTO leads VALUES (?, ?, ?)", self._pending_leads)
        self._pending_deals, self._pending_leads = [], []

    def _mark(self, lead_id: str) -> None:
        bit = hash(lead_id) % _BITS
        self._bits[bit >> 3] |= 1 << (bit & 7)

    # -- the mapping of lead ids to the deals naming them ------------------------

    def __contains__(self, lead_id: object) -> bool:
        """Whether deals may name ``lead_id`` (false: none does; true: probably)."""
        bit = hash(lead_id) % _BITS
        return bool(self._bits[bit >> 3] >> (bit & 7) & 1)

    def get(self, lead_id: str, default: Any = ()) -> Any:
        """The (rank, state) pairs of the deals naming ``lead_id``: copies, to :meth:`save`."""
        if lead_id not in self:
            return default
        rows = self._db.execute(
            f"SELECT leads.rank, {self._columns} FROM leads JOIN deals "
            "ON deals.number = leads.number WHERE leads.lead_id = ? ORDER BY leads.rowid",
            (lead_id,),
        ).fetchall()
        if not rows:
            return default
        states: dict[int, Any] = {}
        for row in rows:
            if row[1] not in states:
                states[row[1]] = self._from_row(row[1:])
        return [(row[0], states[row[1]]) for row in rows]

    def save(self, states: Iterable[Any]) -> None:
        """Write changed states back."""
        self._db.executemany(self._update, [self._to_row(state) for state in states])

    # -- the list of states ------------------------------------------------------

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Any]:
        """The states in order, read a batch at a time (so that saving between is safe)."""
        after = -1
        while True:
            rows = self._db.execute(
                "SELECT * FROM deals WHERE number > ? ORDER BY number LIMIT ?", (after, _BATCH)
            ).fetchall()
            if not rows:
                return
            after = rows[-1][0]
            for row in rows:
                yield self._from_row(row)

    def close(self) -> None:
        """Close and delete the file."""
        self._db.close()
        Path(self.path).unlink(missing_ok=True)
