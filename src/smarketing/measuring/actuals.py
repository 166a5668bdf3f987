"""What really happened: the aggregates of one pass over leads and deals.

:func:`smarketing.pipeline.collecting.collect_actuals` builds a :class:`FunnelActuals`
in one streaming pass. Everything is kept per *day* (in the configured zone),
stage, source and segment, so any period is a sum of days, and memory is
bounded by the number of groups, not of leads. Two actuals collected with the
same :class:`ActualsSpec` over disjoint leads merge exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any, TypeVar

import attrs

import smarketing._display as show
from smarketing.errors import InvalidValue
from smarketing.measuring.findings import Findings
from smarketing.measuring.measured import MeasuredRates, measure
from smarketing.measuring.sketch import DurationSketch
from smarketing.measuring.spec import ActualsSpec, SpecKeywords, SpecOptions
from smarketing.measuring.tallies import Breach, FollowUpCounts, OpenDeals, Won
from smarketing.planning.period import Period

__all__ = [
    "UNASSIGNED",
    "UNKNOWN_SOURCE",
    "ActualsSpec",
    "Breach",
    "FollowUpCounts",
    "FunnelActuals",
    "OpenDeals",
    "SpecKeywords",
    "SpecOptions",
    "Won",
]

#: The source of a lead that has none (a blank source), and of a deal with no lead and no
#: source of its own. In brackets, so that it never meets a source named "unknown".
UNKNOWN_SOURCE = "(no source)"
#: The owner of a handed-off lead that has none.
UNASSIGNED = "unassigned"

StageKey = tuple[date, str, str, str | None]  # day, stage, source, segment
SourceKey = tuple[date, str, str | None]  # day, source, segment


K = TypeVar("K")
V = TypeVar("V")


def _add_maps(left: Mapping[K, Any], right: Mapping[K, Any]) -> dict[K, Any]:
    merged = dict(left)
    for key, value in right.items():
        if key in merged:
            current = merged[key]
            merged[key] = (
                current.merge(value) if isinstance(current, DurationSketch) else current + value
            )
        else:
            merged[key] = value
    return merged


def _in(day: date, period: Period) -> bool:
    return period.start <= day <= period.end


def _month_in(month: date, period: Period) -> bool:
    # a month key (its first day) overlaps the period
    next_month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return month <= period.end and next_month > period.start


@attrs.frozen
class FunnelActuals:
    """The aggregates of a pass; see the module's docstring.

    Keys hold the zone's calendar day, and where it applies the stage, the
    source and the segment value (``None`` without a segment attribute).

    - ``entries``: stage entries on each day (the *period* view);
    - ``cohort``: leads created on each day that reached each stage so far
      (the *cohort* view);
    - ``won``: won deals by close day; ``cohort_won``: by their lead's creation day;
    - ``won_from_leads``: the won deals linked to a lead read, by close day;
    - ``lost_deals``: lost deals by close day (or, without one, as for lost reasons);
    - ``pipeline``: the deals open at ``as_of``, by source and segment;
    - ``sales_cycles``: lead created to deal won, by month of the win and source;
    - ``lost_reasons``: lost deals by close day and lost leads by creation day;
    - ``conversion_times``: from one stage to the next, by month of arrival and source;
    - ``response_times``: hand-off to first touch, by month of hand-off and source;
    - ``followup``: clause outcomes by hand-off day and owner.

    Attributes:
        spec: What the pass counted and how.
        leads: Leads read.
        leads_after_as_of: Leads created after ``as_of``, not counted.
        deals: Deals read.
        entries: Stage entries by (day, stage, source, segment): the period view.
        cohort: Leads that reached each stage by (creation day, stage, source, segment): the cohort
            view.
        won: Won deals by (close day, source, segment).
        cohort_won: Won deals by (their lead's creation day, source, segment).
        lost_reasons: Lost deals and lost leads by (day, source, reason).
        won_from_leads: The won deals linked to a lead read, by close day.
        lost_deals: Lost deals by (close day, source, segment).
        pipeline: The deals open at ``as_of``, by (source, segment).
        sales_cycles: Lead created to deal won, by (month of the win, source).
        conversion_times: Time from one stage to the next, by (month of arrival, stage, next stage,
            source).
        response_times: Hand-off to first touch, by (month of hand-off, source).
        followup: Clause outcomes by (hand-off day, owner).
        breaches: The leads that breached a clause, the first ``max_listed``.
        findings: What was odd in the data (counted, never dropped).
    """

    #: What the pass counted and how.
    spec: ActualsSpec
    #: Leads read.
    leads: int = 0
    #: Leads created after ``as_of``, not counted.
    leads_after_as_of: int = 0
    #: Deals read.
    deals: int = 0
    #: Stage entries by (day, stage, source, segment): the period view.
    entries: dict[StageKey, int] = attrs.field(factory=dict)
    #: Leads that reached each stage by (creation day, stage, source, segment): the cohort view.
    cohort: dict[StageKey, int] = attrs.field(factory=dict)
    #: Won deals by (close day, source, segment).
    won: dict[SourceKey, Won] = attrs.field(factory=dict)
    #: Won deals by (their lead's creation day, source, segment).
    cohort_won: dict[SourceKey, Won] = attrs.field(factory=dict)
    #: Lost deals and lost leads by (day, source, reason).
    lost_reasons: dict[tuple[date, str, str], int] = attrs.field(factory=dict)
    #: The won deals linked to a lead read, by close day.
    won_from_leads: dict[date, Won] = attrs.field(factory=dict)
    #: Lost deals by (close day, source, segment).
    lost_deals: dict[SourceKey, int] = attrs.field(factory=dict)
    #: The deals open at ``as_of``, by (source, segment).
    pipeline: dict[tuple[str, str | None], OpenDeals] = attrs.field(factory=dict)
    #: Lead created to deal won, by (month of the win, source).
    sales_cycles: dict[tuple[date, str], DurationSketch] = attrs.field(factory=dict)
    #: Time from one stage to the next, by (month of arrival, stage, next stage, source).
    conversion_times: dict[tuple[date, str, str, str], DurationSketch] = attrs.field(factory=dict)
    #: Hand-off to first touch, by (month of hand-off, source).
    response_times: dict[tuple[date, str], DurationSketch] = attrs.field(factory=dict)
    #: Clause outcomes by (hand-off day, owner).
    followup: dict[tuple[date, str], FollowUpCounts] = attrs.field(factory=dict)
    #: The leads that breached a clause, the first ``max_listed``.
    breaches: tuple[Breach, ...] = ()
    #: What was odd in the data (counted, never dropped).
    findings: Findings = attrs.field(factory=Findings)

    # -- showing -------------------------------------------------------------

    def __repr__(self) -> str:
        spec, won, pipeline = self.spec, self._won_total(), self.open_deals()
        as_of = "" if spec.as_of is None else f" as of {spec.as_of}"
        first = self.first_day()
        since = "" if first is None else f" since {first}"
        return show.capped(
            f"<FunnelActuals{as_of}{since}: {show.counted(self.leads, 'lead')} "
            f"({show.count(self.leads_after_as_of)} after as of), "
            f"{show.counted(self.deals, 'deal')}; "
            f"won {show.counted(won.deals, 'deal')} {show.money(won.revenue, spec.currency)}, open "
            f"{show.counted(pipeline.deals, 'deal')} {show.money(pipeline.amount, spec.currency)}; "
            f"{show.counted(len(self.breaches), 'breach', 'breaches')} listed, "
            f"{show.counted(self.findings.total, 'finding')}>"
        )

    def _repr_html_(self) -> str:
        """A notebook's summary: the counts, and each stage's entries and cohort, all days."""
        spec, won, pipeline = self.spec, self._won_total(), self.open_deals()
        as_of = "" if spec.as_of is None else f" as of {spec.as_of}"
        entries: dict[str, int] = {}
        cohort: dict[str, int] = {}
        for table, totals in ((self.entries, entries), (self.cohort, cohort)):
            for (_, stage, _, _), count in table.items():
                totals[stage] = totals.get(stage, 0) + count
        summary = show.html_table(
            f"Funnel actuals{as_of}",
            ["Leads", "After as of", "Deals", "Won", "Revenue won", "Open", "Open amount"],
            [
                [
                    show.count(self.leads),
                    show.count(self.leads_after_as_of),
                    show.count(self.deals),
                    show.count(won.deals),
                    show.money(won.revenue, spec.currency),
                    show.count(pipeline.deals),
                    show.money(pipeline.amount, spec.currency),
                ]
            ],
        )
        stages = show.html_table(
            "Stages (all days counted)",
            ["Stage", "Entries", "Cohort"],
            [
                [name, show.count(entries.get(name, 0)), show.count(cohort.get(name, 0))]
                for name in self.stages_seen()
            ],
        )
        counts = show.html_table(
            "Counts",
            ["Breaches listed", "Findings"],
            [[show.count(len(self.breaches)), show.count(self.findings.total)]],
        )
        return "\n".join((summary, stages, counts))

    def _won_total(self) -> Won:
        total = Won()
        for won in self.won.values():
            total = total + won
        return total

    # -- combining ----------------------------------------------------------

    def merge(self, other: FunnelActuals) -> FunnelActuals:
        """The actuals of both inputs together (they must share one spec)."""
        if other.spec != self.spec:
            raise InvalidValue(
                "cannot merge actuals collected with different specs (funnel, zone, as_of, "
                "clauses): collect both with the same arguments"
            )
        breaches = sorted({*self.breaches, *other.breaches})
        limit = self.spec.max_listed
        return FunnelActuals(
            spec=self.spec,
            leads=self.leads + other.leads,
            leads_after_as_of=self.leads_after_as_of + other.leads_after_as_of,
            deals=self.deals + other.deals,
            entries=_add_maps(self.entries, other.entries),
            cohort=_add_maps(self.cohort, other.cohort),
            won=_add_maps(self.won, other.won),
            cohort_won=_add_maps(self.cohort_won, other.cohort_won),
            lost_reasons=_add_maps(self.lost_reasons, other.lost_reasons),
            won_from_leads=_add_maps(self.won_from_leads, other.won_from_leads),
            lost_deals=_add_maps(self.lost_deals, other.lost_deals),
            pipeline=_add_maps(self.pipeline, other.pipeline),
            sales_cycles=_add_maps(self.sales_cycles, other.sales_cycles),
            conversion_times=_add_maps(self.conversion_times, other.conversion_times),
            response_times=_add_maps(self.response_times, other.response_times),
            followup=_add_maps(self.followup, other.followup),
            breaches=tuple(breaches if limit is None else breaches[:limit]),
            findings=self.findings.merge(other.findings),
        )

    @classmethod
    def combine(cls, parts: Iterable[FunnelActuals]) -> FunnelActuals:
        """Merge any number of actuals collected with the same spec."""
        iterator = iter(parts)
        total = next(iterator)
        for part in iterator:
            total = total.merge(part)
        return total

    # -- reading ------------------------------------------------------------

    def measure(self, period: Period) -> MeasuredRates:
        """The conversion rates, close rates and sale prices seen over ``period``.

        ``actuals.measure(last_quarter).objective(revenue_goal=..., marketing_share=...)``
        plans the next quarter from last quarter's actual rates.
        """
        return measure(self, period)

    def count(
        self,
        stage: str,
        period: Period,
        *,
        source: str | None = None,
        view: str = "period",
    ) -> int:
        """Entries into ``stage`` in ``period``, for one source or all.

        With ``view="cohort"``: the leads created in ``period`` that reached ``stage``.
        """
        table = self._table(view)
        return sum(
            count
            for (day, name, src, _), count in table.items()
            if name == stage and (source is None or src == source) and _in(day, period)
        )

    def by_source(self, stage: str, period: Period, *, view: str = "period") -> dict[str, int]:
        """:meth:`count` for every source seen, in one read."""
        table = self._table(view)
        totals: dict[str, int] = {}
        for (day, name, source, _), count in table.items():
            if name == stage and _in(day, period):
                totals[source] = totals.get(source, 0) + count
        return totals

    def by_segment(
        self, stage: str, period: Period, *, view: str = "period"
    ) -> dict[str | None, int]:
        """:meth:`count` broken down by the spec's segment attribute."""
        table = self._table(view)
        totals: dict[str | None, int] = {}
        for (day, name, _, segment), count in table.items():
            if name == stage and _in(day, period):
                totals[segment] = totals.get(segment, 0) + count
        return totals

    def daily(self, stage: str, period: Period, *, source: str | None = None) -> dict[date, int]:
        """Entries into ``stage`` on each day of ``period`` that has any."""
        days: dict[date, int] = {}
        for (day, name, src, _), count in self.entries.items():
            if name == stage and (source is None or src == source) and _in(day, period):
                days[day] = days.get(day, 0) + count
        return days

    def stages_seen(self) -> list[str]:
        """Every stage counted: the funnel's in order, then other stages by name."""
        funnel = list(self.spec.funnel.names)
        others = sorted({name for (_, name, _, _) in self.entries} - set(funnel))
        return funnel + others

    def sources_seen(self) -> list[str]:
        """Every source met in leads or deals, sorted."""
        sources = {key[2] for key in self.entries} | {key[1] for key in self.won}
        return sorted(sources | {key[1] for key in self.cohort_won})

    def won_in(self, period: Period, *, source: str | None = None, view: str = "period") -> Won:
        """Won deals closed in ``period`` (``period`` view) or won by leads created in it."""
        self._table(view)  # checks the view's name
        table = self.won if view == "period" else self.cohort_won
        total = Won()
        for (day, src, _), won in table.items():
            if (source is None or src == source) and _in(day, period):
                total = total + won
        return total

    def won_from_leads_in(self, period: Period) -> Won:
        """Won deals closed in ``period`` that are linked to a lead read (marketing's)."""
        total = Won()
        for day, won in self.won_from_leads.items():
            if _in(day, period):
                total = total + won
        return total

    def lost_deals_in(self, period: Period, *, source: str | None = None) -> int:
        """Lost deals closed in ``period``, for one source or all."""
        return sum(
            count
            for (day, src, _), count in self.lost_deals.items()
            if (source is None or src == source) and _in(day, period)
        )

    def open_deals(self, *, source: str | None = None) -> OpenDeals:
        """The deals open at ``as_of`` (the pipeline), for one source or all."""
        total = OpenDeals()
        for (src, _), deals in self.pipeline.items():
            if source is None or src == source:
                total = total + deals
        return total

    def sales_cycle(self, period: Period, *, source: str | None = None) -> DurationSketch:
        """Lead created to deal won, for the deals won in the months of ``period``."""
        return DurationSketch.combine(
            sketch
            for (month, src), sketch in self.sales_cycles.items()
            if (source is None or src == source) and _month_in(month, period)
        )

    def first_day(self) -> date | None:
        """The first day anything was counted on (a lead, a stage, a deal ...); ``None``: none."""
        tables: tuple[Mapping[Any, Any], ...] = (
            self.entries,
            self.cohort,
            self.won,
            self.cohort_won,
            self.lost_deals,
            self.lost_reasons,
            self.followup,
        )
        return min((min(key[0] for key in table) for table in tables if table), default=None)

    def lost_reasons_in(self, period: Period) -> dict[tuple[str, str], int]:
        """Lost deals and leads by (source, reason) in ``period``."""
        totals: dict[tuple[str, str], int] = {}
        for (day, source, reason), count in self.lost_reasons.items():
            if _in(day, period):
                totals[source, reason] = totals.get((source, reason), 0) + count
        return totals

    def time_to_convert(
        self, first: str, then: str, period: Period, *, source: str | None = None
    ) -> DurationSketch:
        """Durations from ``first`` to the next stage ``then``, arriving in months of ``period``."""
        return DurationSketch.combine(
            sketch
            for (month, a, b, src), sketch in self.conversion_times.items()
            if a == first
            and b == then
            and (source is None or src == source)
            and _month_in(month, period)
        )

    def response_time(self, period: Period, *, source: str | None = None) -> DurationSketch:
        """Hand-off to first touch, for hand-offs in the months of ``period``."""
        return DurationSketch.combine(
            sketch
            for (month, src), sketch in self.response_times.items()
            if (source is None or src == source) and _month_in(month, period)
        )

    def followup_in(self, period: Period, *, owner: str | None = None) -> FollowUpCounts:
        """Clause outcomes of the leads handed off in ``period``."""
        total = FollowUpCounts()
        for (day, own), counts in self.followup.items():
            if (owner is None or own == owner) and _in(day, period):
                total = total + counts
        return total

    def owners_in(self, period: Period) -> list[str]:
        """Owners with leads handed off in ``period``, sorted."""
        return sorted({own for (day, own) in self.followup if _in(day, period)})

    def _table(self, view: str) -> dict[StageKey, int]:
        if view == "period":
            return self.entries
        if view == "cohort":
            return self.cohort
        raise InvalidValue(f"view must be 'period' or 'cohort', got {view!r}")
