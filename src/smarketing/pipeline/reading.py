"""Reading records through an adapter, with a report of every row read, kept or set aside.

:func:`read` is the one entry point: it finds the adapter by name, checks its
options, and returns a :class:`Reading` whose ``leads()``, ``deals()`` and
``spend()`` stream records. As they stream, the :class:`ReadReport` counts rows read,
records produced and rows rejected, so that for every input
``rows_read == records + rejected``. In strict mode the first row-level
problem raises :class:`~smarketing.errors.RowError` instead.

The adapter contract (:class:`Adapter`, :class:`Option`, :class:`InputReport`
...) is :mod:`smarketing.contract`, which adapters import; its names are
re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Unpack

import attrs

import smarketing._display as show
from smarketing.contract import (
    KEEP_REJECTIONS,
    Adapter,
    InputReport,
    MisalignedPart,
    Option,
    OptionsFromSources,
    Partitioned,
    ReadReport,
    Rejection,
    SpendReader,
    check_options,
    counted,
    describe,
    option_problem,
    spend_reader,
)
from smarketing.measuring.actuals import ActualsSpec, SpecKeywords
from smarketing.measuring.spend import SpendActuals
from smarketing.pipeline.collecting import collect
from smarketing.pipeline.deal_store import DEALS_IN_MEMORY
from smarketing.records import Deal, Lead, Spend

if TYPE_CHECKING:
    import pluggy

    from smarketing.measuring.actuals import FunnelActuals

__all__ = [
    "DEALS_IN_MEMORY",
    "KEEP_REJECTIONS",
    "Adapter",
    "InputReport",
    "MisalignedPart",
    "Option",
    "OptionsFromSources",
    "Partitioned",
    "ReadReport",
    "Reading",
    "Rejection",
    "SpendReader",
    "check_options",
    "counted",
    "describe",
    "option_problem",
    "read",
    "spend_reader",
]


@attrs.define
class Reading:
    """Records from one adapter; each call of a reader (``leads()`` ...) reads afresh.

    Attributes:
        adapter: The adapter that reads the inputs.
        leads_source: Where the leads are: a path, a connection ... as the adapter takes it.
        deals_source: Where the deals are, or ``None``.
        options: The adapter's checked options.
        strict: Whether a bad row raises rather than being set aside.
        keep: How many rejections each input's report keeps; ``None``: all.
        on_rejection: Called with every rejection, or ``None``.
        report: The counts of the inputs read so far.
        spend_source: Where the spend is, or ``None``.
    """

    #: The adapter that reads the inputs.
    adapter: Adapter
    #: Where the leads are: a path, a connection ... as the adapter takes it.
    leads_source: Any
    #: Where the deals are, or ``None``.
    deals_source: Any
    #: The adapter's checked options.
    options: Mapping[str, Any]
    #: Whether a bad row raises rather than being set aside.
    strict: bool = False
    #: How many rejections each input's report keeps; ``None``: all.
    keep: int | None = KEEP_REJECTIONS
    #: Called with every rejection, or ``None``.
    on_rejection: Callable[[Rejection], None] | None = None
    #: The counts of the inputs read so far.
    report: ReadReport = attrs.field(factory=ReadReport)
    #: Where the spend is, or ``None``.
    spend_source: Any = None

    def __repr__(self) -> str:
        inputs = [
            f"{kind} {show.text(describe(source), 32, tail=True)}"
            for kind, source in (
                ("leads", self.leads_source),
                ("deals", self.deals_source),
                ("spend", self.spend_source),
            )
            if source is not None
        ]
        return show.capped(
            f"<Reading {show.text(self.adapter.name, 24)}: "
            f"{', '.join(inputs)}"
            + (", strict" if self.strict else "")
            + f"; read: {self.report!r}>"
        )

    def leads(self) -> Iterator[Lead]:
        """Stream the leads, counting into ``report.leads``."""
        report = self.start_report("leads")
        return counted(self.adapter.leads(self.leads_source, self.options, report), report)

    def start_report(self, kind: str) -> InputReport:
        """A new report for the ``leads`` (``deals``, ``spend``) input, in :attr:`report`."""
        source = {"leads": self.leads_source, "deals": self.deals_source}.get(
            kind, self.spend_source
        )
        report = InputReport(describe(source), kind, self.strict, self.keep, self.on_rejection)
        setattr(self.report, kind, report)
        return report

    def collect_actuals(
        self,
        *,
        workers: int | None = 1,
        deals_in_memory: int | None = DEALS_IN_MEMORY,
        **spec: Unpack[SpecKeywords],
    ) -> FunnelActuals:
        """The actuals of the leads and deals, read by ``workers`` processes (prefer ``collect``).

        It is ``smarketing.collect(self, ActualsSpec.of(sla or funnel, ...),
        workers=workers, deals_in_memory=deals_in_memory).actuals``, the
        ``spec`` keywords being those of
        :func:`~smarketing.pipeline.collecting.collect_actuals`. With
        ``workers`` above 1 (``None``: one a core), an adapter that can cut
        its input into parts (``csv``, ``hubspot``) reads them in that many
        processes, with the same result; this needs ``check_duplicates`` off.
        See :mod:`smarketing.pipeline.parallel`. Past ``deals_in_memory`` deals
        (50,000 by default; ``None``: never), the deals are held in a
        temporary file (:mod:`smarketing.pipeline.spill`): memory stays flat.
        """
        counted = ActualsSpec.of_keywords(**spec)
        return collect(self, counted, workers=workers, deals_in_memory=deals_in_memory).actuals

    def deals(self) -> Iterator[Deal]:
        """Stream the deals (none without a deals source), counting into ``report.deals``."""
        if self.deals_source is None:
            return iter(())
        report = self.start_report("deals")
        return counted(self.adapter.deals(self.deals_source, self.options, report), report)

    def spend(self) -> Iterator[Spend]:
        """Stream the spend (none without a spend source), counting into ``report.spend``.

        Aggregate it with :meth:`smarketing.measuring.spend.SpendActuals.collect`.
        """
        if self.spend_source is None:
            return iter(())
        reader = spend_reader(self.adapter)
        report = self.start_report("spend")
        return counted(reader(self.spend_source, self.options, report), report)

    def collect_spend(self) -> SpendActuals:
        """The spend, read and added up: :meth:`SpendActuals.collect` of :meth:`spend`.

        The result is named as ``report.spend`` names the input once read (a
        database URL without its password); with no spend source, it is empty.
        """
        collected = SpendActuals.collect(self.spend())
        report = self.report.spend
        return collected if report is None else attrs.evolve(collected, input=report.input)


def read(
    adapter: str | Adapter,
    leads: Any,
    *,
    deals: Any = None,
    spend: Any = None,
    options: Mapping[str, Any] | None = None,
    strict: bool = False,
    keep_rejections: int | None = KEEP_REJECTIONS,
    on_rejection: Callable[[Rejection], None] | None = None,
    plugin_manager: pluggy.PluginManager | None = None,
) -> Reading:
    """Read ``leads`` (``deals``, ``spend``) with the adapter of that name and these options.

    A ``spend`` source needs an adapter with a ``spend`` reader
    (:class:`SpendReader`); :class:`InvalidOption` says so at once otherwise.

    The reading's report keeps the first ``keep_rejections`` rejections of each
    input (``None``: all) and counts every one; ``on_rejection`` gets every one.

    >>> reading = read("records", [{"id": "L1", "created": "2026-11-02 09:00"}],
    ...                options={"mapping": {"id": "id", "created": "created"}})
    >>> [lead.id for lead in reading.leads()], reading.report.rows_read
    (['L1'], 1)
    """
    if isinstance(adapter, str):
        from smarketing.pipeline.plugins import get_adapter  # imported on use: pluggy, plugins

        adapter = get_adapter(adapter, plugin_manager)
    if spend is not None:
        spend_reader(adapter)
    checked = check_options(adapter, options or {})
    if isinstance(adapter, OptionsFromSources):
        checked = adapter.options_from_sources(checked, leads, deals)
    return Reading(
        adapter=adapter,
        leads_source=leads,
        deals_source=deals,
        options=checked,
        strict=strict,
        keep=keep_rejections,
        on_rejection=on_rejection,
        spend_source=spend,
    )
