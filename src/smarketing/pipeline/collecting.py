"""Collecting actuals: one entry point, :func:`collect`, and the ways (engines) behind it.

Every way counts with the one pass of the measuring core
(:class:`~smarketing.measuring.one_pass.Pass`) by one
:class:`~smarketing.ActualsSpec`, so their actuals are equal:

- ``"one-pass"``: the leads stream once through the pass (records given
  directly are always read this way);
- ``"parts"``: an adapter that cuts its input (``csv``, ``hubspot``) is read
  by several processes (:mod:`smarketing.pipeline.parallel`);
- ``"pushdown"``: the ``sql`` adapter's tables are counted in the database
  where that is exact (:mod:`smarketing.adapters.sql.pushdown`).

:func:`choose` is the one place that decides the way, and
:data:`~smarketing.pipeline.deal_store.DEALS_IN_MEMORY` the one default for
holding deals (in memory up to that many, then in a temporary file). An
engine added later (DuckDB, Spark ...) is a function of :data:`Engine`'s
shape added to :data:`ENGINES` (and, if :func:`choose` should pick it on its
own, a rule there).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal, Unpack

import attrs

from smarketing.contract import Partitioned, ReadReport
from smarketing.errors import InvalidOption, InvalidValue
from smarketing.measuring.actuals import ActualsSpec, FunnelActuals, SpecKeywords
from smarketing.measuring.one_pass import Pass
from smarketing.pipeline.deal_store import DEALS_IN_MEMORY, on_disk
from smarketing.pipeline.progress import Progress
from smarketing.pipeline.readable import Readable
from smarketing.records import Deal, Lead

__all__ = [
    "ENGINES",
    "PUSHDOWN_ADAPTERS",
    "Collected",
    "Engine",
    "How",
    "Settings",
    "choose",
    "collect",
    "collect_actuals",
]

#: The ways to collect: ``"auto"`` lets :func:`choose` pick one of the others.
How = Literal["auto", "one-pass", "parts", "pushdown"]
#: The adapters whose inputs can be counted in their database (``how="pushdown"``).
PUSHDOWN_ADAPTERS = frozenset({"sql"})


@attrs.frozen
class Settings:
    """How an engine runs: processes, deals held in memory, progress shown."""

    workers: int | None = 1
    deals_in_memory: int | None = DEALS_IN_MEMORY
    progress: Progress | None = None


@attrs.frozen
class Collected:
    """What :func:`collect` gives: the actuals, and what it did to get them.

    The parts engine reads a file under a megabyte a part in one pass; the
    lead rows of ``read.leads`` not counted in the database streamed
    (:attr:`streamed`).

    Attributes:
        actuals: The actuals counted.
        how: The engine run: one-pass, parts or pushdown.
        read: The reading's report: rows read, kept and set aside (None for records given).
        in_database: The lead rows push-down counted inside the database (0 otherwise).
    """

    #: The actuals counted.
    actuals: FunnelActuals
    #: The engine run: one-pass, parts or pushdown.
    how: str
    #: The reading's report: rows read, kept and set aside (None for records given).
    read: ReadReport | None = None
    #: The lead rows push-down counted inside the database (0 otherwise).
    in_database: int = 0

    def __repr__(self) -> str:
        actuals = self.actuals
        rows = "records given" if self.read is None else f"{self.read.rows_read:,} rows read"
        database = f", {self.in_database:,} counted in the database" if self.in_database else ""
        return (
            f"<Collected {self.how}: {actuals.leads:,} leads, {actuals.deals:,} deals; "
            f"{rows}{database}>"
        )

    @property
    def streamed(self) -> int:
        """Lead rows read through the adapter (all of them, but for push-down's quiet ones)."""
        if self.read is None or self.read.leads is None:
            return 0
        return self.read.leads.rows_read - self.in_database


#: An engine: the actuals of a reading by a spec, run with the settings.
Engine = Callable[[Readable, ActualsSpec, Settings], Collected]


def _one_pass(reading: Readable, spec: ActualsSpec, settings: Settings) -> Collected:
    leads, deals = reading.leads(), reading.deals()
    if settings.progress is not None:
        report = reading.report
        leads = settings.progress.rows(leads, lambda: report.leads, "leads")
        deals = settings.progress.rows(deals, lambda: report.deals, "deals")
    actuals = Pass(spec, settings.deals_in_memory, on_disk).run(leads, deals)
    return Collected(actuals, "one-pass", reading.report)


def _in_parts(reading: Readable, spec: ActualsSpec, settings: Settings) -> Collected:
    # imported on use: multiprocessing and concurrent.futures stay out of `import smarketing`
    from smarketing.pipeline.parallel import collect_in_parts

    if settings.progress is not None:
        import os

        settings.progress.phase(f"reading in {settings.workers or os.cpu_count()} processes")
    actuals = collect_in_parts(reading, spec, settings.workers, settings.deals_in_memory)
    return Collected(actuals, "parts", reading.report)


def _pushed_down(reading: Readable, spec: ActualsSpec, settings: Settings) -> Collected:
    # imported on use: the sql adapter and its drivers stay out of `import smarketing`
    from smarketing.adapters.sql.pushdown import push_down

    if settings.progress is not None:
        settings.progress.phase("reading (counted in the database)")
    options = dict(reading.options)
    if reading.deals_source is None:
        options["deals_table"] = None
    pushed = push_down(reading.leads_source, spec, options)
    return Collected(pushed.actuals, "pushdown", pushed.read, pushed.quiet_leads)


#: The engines by name; :func:`collect` runs the one :func:`choose` picks.
ENGINES: dict[str, Engine] = {
    "one-pass": _one_pass,
    "parts": _in_parts,
    "pushdown": _pushed_down,
}


def choose(
    data: Readable | Iterable[Lead], how: str = "auto", *, workers: int | None = 1,
    pushdown: bool = False,
) -> str:  # fmt: skip
    """The engine :func:`collect` runs: ``how``, or for ``"auto"`` the one that fits.

    ``"auto"`` pushes down when ``pushdown`` asks for it (``[input] pushdown =
    true``) and the reading's adapter can (:data:`PUSHDOWN_ADAPTERS`), reads
    in parts when ``workers`` is not 1 and the adapter can cut its input
    (:class:`~smarketing.contract.Partitioned`, not in strict mode), and
    otherwise in one pass. Records given directly are read in one pass.
    """
    if workers is not None and workers < 1:
        raise InvalidOption(f"workers must be 1 or more (or None for every core), got {workers}")
    if how != "auto" and how not in ENGINES:
        raise InvalidValue(
            f"how={how!r} is not a way to collect: give auto or one of {', '.join(ENGINES)}"
        )
    if not isinstance(data, Readable):
        if how not in ("auto", "one-pass"):
            raise InvalidValue(
                f'how="{how}" reads through an adapter: pass a Reading (smarketing.read(...)), '
                'or how="one-pass" for records given directly'
            )
        return "one-pass"
    can_push_down = data.adapter.name in PUSHDOWN_ADAPTERS
    if how == "pushdown" and not can_push_down:
        raise InvalidOption(
            f"push-down counts in a database: the {data.adapter.name} adapter cannot; read with "
            f"the sql adapter, or collect with how=auto"
        )
    if how != "auto":
        return how
    if pushdown and can_push_down:
        return "pushdown"
    can_cut = isinstance(data.adapter, Partitioned) and not data.strict
    return "parts" if workers != 1 and can_cut else "one-pass"


def collect(
    data: Readable | Iterable[Lead],
    spec: ActualsSpec,
    *,
    deals: Iterable[Deal] | None = None,
    how: How = "auto",
    workers: int | None = 1,
    pushdown: bool = False,
    deals_in_memory: int | None = DEALS_IN_MEMORY,
    progress: Progress | None = None,
) -> Collected:
    """Collect the actuals of ``data`` by ``spec``: the one way in, whatever the engine.

    ``data`` is a :class:`~smarketing.Reading` (:func:`smarketing.read`), or
    lead records with their ``deals`` given here. ``how`` picks the engine
    (see the module; :func:`choose` decides for ``"auto"``): ``workers``
    processes read in parts (``None``: one a core; it needs the adapter's
    ``check_duplicates`` off), ``pushdown`` lets ``"auto"`` count in the
    database. Deals past ``deals_in_memory`` (``None``: never) are held in
    a temporary file, so memory stays flat. ``progress`` shows rows read
    on a terminal.

    >>> from datetime import date, datetime
    >>> from smarketing import ActualsSpec, Funnel, Lead
    >>> funnel = Funnel.of_stages(["lead", "mql", "customer"], handoff="mql")
    >>> spec = ActualsSpec.of(funnel, as_of=date(2026, 11, 30))
    >>> collected = collect([Lead("L1", datetime(2026, 11, 2, 9))], spec)
    >>> collected.how, collected.actuals.leads
    ('one-pass', 1)
    """
    way = choose(data, how, workers=workers, pushdown=pushdown)
    if not isinstance(data, Readable):
        actuals = Pass(spec, deals_in_memory, on_disk).run(data, () if deals is None else deals)
        return Collected(actuals, way)
    if deals is not None:
        raise InvalidValue(
            "a Reading reads its own deals: give them to smarketing.read(..., deals=...), "
            "not to collect"
        )
    return ENGINES[way](data, spec, Settings(workers, deals_in_memory, progress))


def collect_actuals(
    leads: Iterable[Lead],
    deals: Iterable[Deal] = (),
    *,
    deals_in_memory: int | None = DEALS_IN_MEMORY,
    **spec: Unpack[SpecKeywords],
) -> FunnelActuals:
    """Count what happened to ``leads`` and ``deals`` in one pass (prefer :func:`collect`).

    Give the ``funnel``, or an ``sla`` (whose funnel, follow-up clauses,
    calendar and currency are then used), and the other keywords of
    :meth:`ActualsSpec.of` (``as_of``, ``zone``, ``breaches_in``, ``segment``,
    ``currency``, ``max_listed``). It is
    ``collect(leads, ActualsSpec.of(sla or funnel, ...), deals=deals).actuals``:
    deals past ``deals_in_memory`` (``None``: never) are held in a temporary
    file (:mod:`smarketing.pipeline.spill`), so memory stays flat.
    """
    counted = ActualsSpec.of_keywords(**spec)
    collected = collect(
        leads, counted, deals=deals, how="one-pass", deals_in_memory=deals_in_memory
    )
    return collected.actuals
