"""Spend per source per day, from spend records: any period's spend, and where it came from.

:meth:`SpendActuals.collect` adds up :class:`~smarketing.records.Spend`
records (from ``Reading.spend()``) by source, currency and day, or by month
for a month's spend: memory grows with days times sources, not with rows.
:meth:`SpendActuals.for_period` gives each source's spend in a period. A
month's spend counts whole in a period that covers the month; a period that
covers part of it gets the days it covers, the month spread over its
calendar days cent-exact (:func:`~smarketing.planning.allocation.part_of`), so
that the parts of any partition of a year add up exactly to the year.

Spend in two currencies is kept apart, never added: ask for one currency.
Rows without a currency count in whatever currency is asked for.
:meth:`SpendActuals.origins` says where each figure came from, and
:meth:`SpendActuals.findings` names a source no lead has and spend that
misses the period. Pure: no clock, no I/O.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal

import attrs

import smarketing._display as show
from smarketing._numbers import EXACT_SUMS
from smarketing.errors import InputError
from smarketing.parsing import normalise_source
from smarketing.planning.allocation import part_of
from smarketing.planning.period import Period
from smarketing.records import Spend, month_end

__all__ = ["SpendActuals", "SpendFinding", "SpendNote", "SpendOrigin"]

#: (source, currency) to a day (or a month's first day) to (amount, rows).
_Table = dict[tuple[str, str | None], dict[date, tuple[Decimal, int]]]


class SpendFinding(enum.StrEnum):
    """A kind of problem with the spend, reported with the figures."""

    #: Spend for a source that is not a known lead source: kept under its own name.
    UNKNOWN_SOURCE = "spend_unknown_source"
    #: Spend was read, but none of it falls in the period asked for.
    NO_OVERLAP = "spend_outside_period"


@attrs.frozen
class SpendNote:
    """A finding about the spend: its kind, the source (if one) and a message saying what to do."""

    kind: SpendFinding
    source: str | None
    message: str


@attrs.frozen
class SpendOrigin:
    """Where a source's spend in a period came from.

    ``input`` names the spend input; ``day_rows`` is how many day rows fall
    in the period; ``months`` holds, for each month given whole that the
    period touches, its label, the days of it in the period and its days.
    """

    source: str
    input: str
    day_rows: int
    months: tuple[tuple[str, int, int], ...]

    def describe(self) -> str:
        """One line: ``spend.csv: 2 day rows, month 2026-11 spread over 15 of its 30 days``."""
        parts = []
        if self.day_rows:
            parts.append(f"{self.day_rows} day row{'' if self.day_rows == 1 else 's'}")
        for label, covered, days in self.months:
            spread = "" if covered == days else f" spread over {covered} of its {days} days"
            parts.append(f"month {label}{spread}")
        return f"{self.input}: {', '.join(parts)}"


def _add(table: _Table, key: tuple[str, str | None], when: date, amount: Decimal) -> None:
    days = table.setdefault(key, {})
    total, rows = days.get(when, (Decimal(0), 0))
    days[when] = (EXACT_SUMS.add(total, amount), rows + 1)


@attrs.frozen
class SpendActuals:
    """Spend by source, currency and day (or month); see the module's docstring.

    >>> from decimal import Decimal
    >>> spend = SpendActuals.collect([Spend.month("events", 2026, 11, Decimal("300"))])
    >>> spend.for_period(Period.parse("2026-11-01/2026-11-10"))
    {'events': Decimal('100.00')}

    Attributes:
        input: The name of the spend input.
        days: Spend given by day: (amount, rows) by day, for each (source, currency).
        months: Spend given for whole months: (amount, rows) by first day of the month, for each
            (source, currency).
    """

    #: The name of the spend input.
    input: str
    #: Spend given by day: (amount, rows) by day, for each (source, currency).
    days: _Table
    #: Spend given for whole months: (amount, rows) by first day of the month, for each (source,
    #: currency).
    months: _Table

    @classmethod
    def collect(cls, records: Iterable[Spend], *, input: str = "spend") -> SpendActuals:
        """The spend of ``records`` (one pass), from the input named ``input``."""
        days: _Table = {}
        months: _Table = {}
        for spend in records:
            key = (spend.source, spend.currency)
            _add(months if spend.is_month else days, key, spend.start, spend.amount)
        return cls(input, days, months)

    @property
    def currencies(self) -> tuple[str, ...]:
        """The currencies the spend names, in order (rows without one are in none)."""
        found = {currency for _, currency in (*self.days, *self.months)}
        return tuple(sorted(currency for currency in found if currency is not None))

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources the spend names, in order."""
        return tuple(sorted({source for source, _ in (*self.days, *self.months)}))

    @property
    def span(self) -> Period | None:
        """From the first day spent on to the last; ``None`` without spend."""
        starts = [
            when for table in (self.days, self.months) for by in table.values() for when in by
        ]
        if not starts:
            return None
        ends = [*(day for by in self.days.values() for day in by)]
        ends += [month_end(first) for by in self.months.values() for first in by]
        return Period(min(starts), max(ends))

    def __repr__(self) -> str:
        totals: dict[str | None, Decimal] = {}
        rows = 0
        for table in (self.days, self.months):
            for (_, currency), by in table.items():
                for amount, count in by.values():
                    totals[currency] = EXACT_SUMS.add(totals.get(currency, Decimal(0)), amount)
                    rows += count
        spent = ", ".join(
            show.money(total, currency)
            for currency, total in sorted(totals.items(), key=lambda item: item[0] or "")[:3]
        )
        more = f" and {len(totals) - 3} more currencies" if len(totals) > 3 else ""
        span = self.span
        return show.capped(
            f"<SpendActuals {show.text(self.input, tail=True)}: "
            f"{show.counted(len(self.sources), 'source')}, "
            f"{show.counted(rows, 'row')}, {spent or 'nothing spent'}{more}"
            + ("" if span is None else f" from {span.start} to {span.end}")
            + ">"
        )

    def for_period(self, period: Period, currency: str | None = None) -> dict[str, Decimal]:
        """Each source's spend in ``period``: a source with spend there (even 0) is in it.

        ``currency``: only the spend in that currency (and rows without one).
        Without it, spend in two currencies raises :class:`InputError`.
        """
        found: dict[str, Decimal] = {}
        for key, when, amount, _, covered, days in self._in(period, currency):
            part = amount if covered == days else self._part(amount, when, covered, period)
            found[key[0]] = EXACT_SUMS.add(found.get(key[0], Decimal(0)), part)
        return dict(sorted(found.items()))

    def total(self, currency: str | None = None) -> dict[str, Decimal]:
        """Each source's spend over all the days spent on."""
        span = self.span
        return {} if span is None else self.for_period(span, currency)

    def origins(self, period: Period, currency: str | None = None) -> dict[str, SpendOrigin]:
        """For each source of :meth:`for_period`, where its figure came from."""
        day_rows: dict[str, int] = {}
        months: dict[str, list[tuple[str, int, int]]] = {}
        for (source, _), when, _, rows, covered, days in self._in(period, currency):
            day_rows[source] = day_rows.get(source, 0) + (0 if days > 1 else rows)
            listed = months.setdefault(source, [])
            if days > 1:
                listed.append((when.isoformat()[:7], covered, days))
        return {
            source: SpendOrigin(source, self.input, day_rows[source], tuple(sorted(months[source])))
            for source in sorted(day_rows)
        }

    def findings(self, period: Period, known_sources: Iterable[str]) -> tuple[SpendNote, ...]:
        """Spend that misses ``period`` altogether, and sources not in ``known_sources``.

        ``known_sources`` are the lead sources (as written or normalised).
        """
        notes = []
        span = self.span
        if span is not None and not any(self._in(period, None, every=True)):
            notes.append(
                SpendNote(
                    SpendFinding.NO_OVERLAP,
                    None,
                    f"{self.input}: no spend falls in {period.label}: the spend runs from "
                    f"{span.start} to {span.end}; check the period, or the spend input",
                )
            )
        known = {normalise_source(name) for name in known_sources}
        for source in self.sources:
            if source not in known:
                notes.append(
                    SpendNote(
                        SpendFinding.UNKNOWN_SOURCE,
                        source,
                        f"{self.input}: spend for {source!r}, which is no known lead source: "
                        "kept under its own name; if it is another spelling of a source, "
                        "add it to the source aliases",
                    )
                )
        return tuple(notes)

    def _in(
        self, period: Period, currency: str | None, *, every: bool = False
    ) -> Iterator[tuple[tuple[str, str | None], date, Decimal, int, int, int]]:
        """(key, day or month, amount, rows, days in the period, days) of spend in ``period``.

        Only the spend in ``currency`` (see :meth:`for_period`), or, with ``every``, all.
        """
        wanted = None if every else self._currencies(currency)
        for key, by in self.days.items():
            if wanted is None or key[1] in wanted:
                for day, (amount, rows) in by.items():
                    if day in period:
                        yield key, day, amount, rows, 1, 1
        for key, by in self.months.items():
            if wanted is None or key[1] in wanted:
                for first, (amount, rows) in by.items():
                    last = month_end(first)
                    covered = (min(last, period.end) - max(first, period.start)).days + 1
                    if covered > 0:
                        yield key, first, amount, rows, covered, last.day

    def _currencies(self, currency: str | None) -> set[str | None]:
        if currency is not None:
            return {None, currency.strip().upper()}
        currencies = self.currencies
        if len(currencies) > 1:
            raise InputError(
                f"{self.input}: spend in {', '.join(currencies[:-1])} and {currencies[-1]}, "
                "which are never added together: set the spend_currency option to keep one "
                "(rows in the others are set aside), or ask for the spend of one currency",
                path=self.input,
            )
        return {None, *currencies}

    @staticmethod
    def _part(amount: Decimal, first: date, covered: int, period: Period) -> Decimal:
        """The days of ``period`` of a month's ``amount``: the one pro-rata rule, cent-exact."""
        part = part_of(amount, Period.month(first.year, first.month), period, "money")
        assert isinstance(part, Decimal)
        return part
