"""What :func:`smarketing.report` and :func:`smarketing.plan` return, and the inputs read."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from smarketing.contract import ReadReport
from smarketing.frames import Decimals, Library
from smarketing.measuring.actuals import Breach
from smarketing.measuring.evaluation import SLAReport
from smarketing.measuring.sla import SLA
from smarketing.measuring.spend import SpendNote
from smarketing.pipeline.breachlist import stream_breaches
from smarketing.pipeline.deal_store import DEALS_IN_MEMORY
from smarketing.pipeline.reading import Reading
from smarketing.planning.period import Period
from smarketing.planning.plan import Plan
from smarketing.reporting import render
from smarketing.reporting.document import PlanDocument, ReportDocument

__all__ = ["DocumentResult", "Inputs", "PlanResult", "ReportResult"]


@attrs.frozen
class Inputs:
    """What to read instead of the config's ``[input]`` (the command's input flags).

    A new ``leads`` drops the config's deals, a new ``adapter`` its options.

    Attributes:
        adapter: The adapter, instead of the config's (--adapter).
        leads: The leads source, instead of the config's (--leads).
        deals: The deals source, instead of the config's (--deals).
        options: Adapter options added to (or replacing) the config's (--option).
        zone: The zone naive timestamps are read in (--zone; UTC when none gives one).
    """

    #: The adapter, instead of the config's (--adapter).
    adapter: str | None = None
    #: The leads source, instead of the config's (--leads).
    leads: Any = None
    #: The deals source, instead of the config's (--deals).
    deals: Any = None
    #: Adapter options added to (or replacing) the config's (--option).
    options: Mapping[str, Any] = attrs.field(factory=dict)
    #: The zone naive timestamps are read in (--zone; UTC when none gives one).
    zone: str | None = None


class DocumentResult:
    """What :class:`ReportResult` and :class:`PlanResult` give of their document."""

    __slots__ = ()
    document: ReportDocument | PlanDocument

    def render(self, fmt: str = "text", lang: str = "en") -> str:
        """As the command prints it (``text``, ``markdown``, ``json``, ``csv``, ``html``)."""
        return render(self.document, fmt, lang)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document (docs/json-schema.md) as Python values: ``--format json``, parsed."""
        return self.document.to_dict()

    def to_frame(
        self, section: str, *, decimals: Decimals = "decimal", library: Library = "pandas"
    ) -> Any:
        """A section of the document as a DataFrame (see :meth:`ReportDocument.to_frame`).

        The sections are :meth:`sections`' names (``summary``, ``sources``,
        ``stages``, ``trend``, ``sources.lost_reasons`` ...); figures are
        numbers (``decimals="decimal"``: exact, ``"float"``: floats), dates
        datetimes, counts counts. Needs ``smarketing[pandas]`` (or ``[polars]``).
        """
        return self.document.to_frame(section, decimals=decimals, library=library)

    def to_frames(
        self, *, decimals: Decimals = "decimal", library: Library = "pandas"
    ) -> dict[str, Any]:
        """Every section of the document as a DataFrame, by name."""
        return self.document.to_frames(decimals=decimals, library=library)

    def sections(self) -> list[str]:
        """The names of the document's sections, for :meth:`to_frame`."""
        return self.document.sections()


@attrs.frozen
class ReportResult(DocumentResult):
    """An SLA report as the command makes it, with what it read and how it counted.

    Attributes:
        sla_report: The figures: attainment, pacing, clauses, sources, trend.
        document: The report document every format renders (a ReportDocument).
        read: The rows read, kept and set aside, per input.
        spend_notes: The spend findings.
        sla: The SLA of the period.
        period: The period reported.
        as_of: The day the report is as of.
        zone: The zone naive timestamps were read in.
        how: The way the actuals were collected: one-pass, parts or pushdown.
        reading: The reading of the inputs (read again for every breach).
        files: The files read, which the command never writes over.
    """

    #: The figures: attainment, pacing, clauses, sources, trend.
    sla_report: SLAReport
    #: The report document every format renders (a ReportDocument).
    document: ReportDocument
    #: The rows read, kept and set aside, per input.
    read: ReadReport | None
    #: The spend findings.
    spend_notes: tuple[SpendNote, ...]
    #: The SLA of the period.
    sla: SLA
    #: The period reported.
    period: Period
    #: The day the report is as of.
    as_of: date
    #: The zone naive timestamps were read in.
    zone: str
    #: The way the actuals were collected: one-pass, parts or pushdown.
    how: str
    #: The reading of the inputs (read again for every breach).
    reading: Reading
    #: The files read, which the command never writes over.
    files: tuple[Any, ...] = ()

    def __repr__(self) -> str:
        report = self.sla_report
        status = "breached" if self.breached else "kept"
        return (
            f"ReportResult({self.period.label} as of {self.as_of}: {report.marketing.leads} of "
            f"{report.marketing.goal_leads} leads, SLA {status}, {report.breach_count} breaches, "
            f"{self.how})"
        )

    def _repr_html_(self) -> str:
        """The report's summary table, for notebooks."""
        return self.sla_report._repr_html_()

    @property
    def breached(self) -> bool:
        """Whether a follow-up clause is breached or a pacing missed (``--fail-on-breach``)."""
        document = self.document
        clauses = [document.speed, document.depth]
        if any(clause is not None and clause.status == "breached" for clause in clauses):
            return True
        pacings = [document.pacing, document.value_pacing]
        return any(pacing is not None and pacing.status == "missed" for pacing in pacings)

    def each_breach(self, on_breach: Callable[[Breach], None]) -> None:
        """Give every breach of the period to ``on_breach``, in the report's order.

        The report lists the first ones; when there are more, the inputs are
        read again (deals held in memory up to
        :data:`~smarketing.pipeline.deal_store.DEALS_IN_MEMORY`).
        """
        report = self.sla_report
        if len(report.breaches) == report.breach_count:  # the report holds them all
            for breach in report.breaches:
                on_breach(breach)
            return
        stream_breaches(
            self.reading.leads(),
            self.reading.deals(),
            sla=self.sla,
            period=self.period,
            as_of=self.as_of,
            on_breach=on_breach,
            zone=ZoneInfo(self.zone),
            deals_in_memory=DEALS_IN_MEMORY,
        )


@attrs.frozen
class PlanResult(DocumentResult):
    """A plan as the command makes it: the :class:`~smarketing.Plan` and its document.

    Attributes:
        plan: The plan.
        document: The plan document every format renders (a PlanDocument).
        files: The files read, which the command never writes over.
    """

    #: The plan.
    plan: Plan
    #: The plan document every format renders (a PlanDocument).
    document: PlanDocument
    #: The files read, which the command never writes over.
    files: tuple[Any, ...] = ()

    def _repr_html_(self) -> str:
        """The plan's summary table, for notebooks."""
        return self.plan._repr_html_()

    def __repr__(self) -> str:
        document = self.document
        goal = f"{document.marketing_revenue_goal} {document.currency}"
        return f"PlanResult(leads_needed={document.leads_needed}, marketing revenue goal {goal})"
