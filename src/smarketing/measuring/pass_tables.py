"""The tables a pass fills, named as the fields of :class:`FunnelActuals` they become.

:class:`PassTables` holds them while :class:`~smarketing.measuring.one_pass.Pass`
counts leads into them. It holds the deals until the leads have streamed by
(:meth:`PassTables.hold`: in memory, or past ``deals_in_memory`` in the
deal store ``spill`` makes), counts each of them into the tables
(:meth:`PassTables.count_deal`), and freezes the tables into the actuals
(:meth:`PassTables.freeze`). The rules are :mod:`smarketing.measuring.one_pass`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal

from smarketing._time import Clock
from smarketing.measuring.actuals import (
    UNKNOWN_SOURCE,
    ActualsSpec,
    Breach,
    FunnelActuals,
    OpenDeals,
    SourceKey,
    StageKey,
    Won,
)
from smarketing.measuring.deal_state import DealState, DealStore, Held, SpillDeals
from smarketing.measuring.findings import Finding, FindingsCollector, SmallestKept
from smarketing.measuring.followup import BreachesHandedOn, BreachList, FollowUpTally
from smarketing.measuring.sketch import DurationSketch
from smarketing.records import Deal, DealStatus

__all__ = ["PassTables"]


class PassTables:
    """FunnelActuals' fields as a pass fills them; see the module.

    ``followup`` holds a :class:`~smarketing.measuring.followup.FollowUpTally`
    per key, ``breaches`` the listed breach rows (or hands them to
    ``on_breach`` as the pass meets them), ``findings`` a collector: each is
    frozen into its field by :meth:`freeze`.
    """

    def __init__(
        self,
        spec: ActualsSpec,
        clock: Clock,
        cutoff: datetime,
        deals_in_memory: int | None = None,
        spill: SpillDeals | None = None,
        on_breach: Callable[[Breach], None] | None = None,
    ) -> None:
        self.spec = spec
        self.deals_in_memory = None if spill is None else deals_in_memory
        self.spill = spill
        self.clock = clock
        self.day = clock.day
        self.cutoff = cutoff
        self.leads = 0
        self.leads_after_as_of = 0
        self.deals = 0
        self.entries: dict[StageKey, int] = {}
        self.cohort: dict[StageKey, int] = {}
        self.won: dict[SourceKey, Won] = {}
        self.cohort_won: dict[SourceKey, Won] = {}
        self.lost_reasons: dict[tuple[date, str, str], int] = {}
        self.won_from_leads: dict[date, Won] = {}
        self.lost_deals: dict[SourceKey, int] = {}
        self.pipeline: dict[tuple[str, str | None], OpenDeals] = {}
        self.sales_cycles: dict[tuple[date, str], DurationSketch] = {}
        self.conversion_times: dict[tuple[date, str, str, str], DurationSketch] = {}
        self.response_times: dict[tuple[date, str], DurationSketch] = {}
        self.followup: dict[tuple[date, str], FollowUpTally] = {}
        self.breaches: BreachList = (
            SmallestKept(spec.max_listed)
            if on_breach is None
            else BreachesHandedOn(clock, on_breach)
        )
        self.findings = FindingsCollector(spec.max_listed)

    def freeze(self) -> FunnelActuals:
        """The actuals counted so far."""
        clock = self.clock
        return FunnelActuals(
            spec=self.spec,
            leads=self.leads,
            leads_after_as_of=self.leads_after_as_of,
            deals=self.deals,
            entries=self.entries,
            cohort=self.cohort,
            won=self.won,
            cohort_won=self.cohort_won,
            lost_reasons=self.lost_reasons,
            won_from_leads=self.won_from_leads,
            lost_deals=self.lost_deals,
            pipeline=self.pipeline,
            sales_cycles=self.sales_cycles,
            conversion_times=self.conversion_times,
            response_times=self.response_times,
            followup={key: tally.counts() for key, tally in self.followup.items()},
            breaches=tuple(row.breach(clock) for row in self.breaches.sorted()),
            findings=self.findings.freeze(),
        )

    def hold(self, deals: Iterable[Deal], *, counted: bool = True) -> Held:
        """Hold ``deals`` until the leads have streamed by; count them if ``counted``."""
        states: list[DealState] = []
        by_lead: dict[str, list[tuple[int, DealState]]] = {}
        spilled: DealStore | None = None
        currency = self.spec.currency
        limit = self.deals_in_memory
        number = 0
        try:
            for deal in deals:
                if counted:
                    self.deals += 1
                    if deal.status is DealStatus.UNKNOWN:
                        self.findings.add_value(
                            Finding.UNKNOWN_DEAL_STAGE, deal.id, deal.stage or "(status)"
                        )
                if currency and deal.currency and deal.currency != currency:
                    if counted:
                        self.findings.add(Finding.OTHER_CURRENCY, deal.id)
                    continue
                state = DealState(deal, number, self.clock)
                number += 1
                if spilled is not None:
                    spilled.append(state, deal.lead_ids)
                    continue
                states.append(state)
                for rank, lead_id in enumerate(deal.lead_ids):
                    by_lead.setdefault(lead_id, []).append((rank, state))
                if limit is not None and number > limit and self.spill is not None:
                    spilled = self.spill(states, by_lead.items())
                    states, by_lead = [], {}
            if spilled is not None:
                spilled.done()
        except BaseException:
            if spilled is not None:  # the deals broke off: delete the file
                spilled.close()
            raise
        if spilled is not None:
            return spilled, spilled
        return states, by_lead

    def count_deal(self, state: DealState) -> None:
        """Count a held deal, linked to its lead (or not): won, lost or in the pipeline."""
        closed = state.closed
        cutoff = self.cutoff
        if state.source is not None:
            source: str = state.source
            segment = state.segment
        elif state.own_source:
            source, segment = state.own_source, None
        else:
            source, segment = UNKNOWN_SOURCE, None
        status = state.status
        if (
            status is DealStatus.OPEN
            or status is DealStatus.UNKNOWN
            or (closed is not None and closed > cutoff)
        ):
            # open as of the cut-off (won or lost later): in the pipeline, if created by then
            if state.created is None or state.created <= cutoff:
                pkey = (source, segment)
                amount = OpenDeals(1, state.amount or Decimal(0))
                known = self.pipeline.get(pkey)
                self.pipeline[pkey] = amount if known is None else known + amount
            if closed is not None and closed > cutoff:
                return  # nothing counted, nothing to say
        if state.source is None and not state.own_source:
            # none of its leads is among the leads read: missing from the input, or rejected
            self.findings.add(Finding.DEAL_WITHOUT_LEAD, state.id)
        day = self.day
        if status is DealStatus.WON:
            if state.amount is None:
                self.findings.add(Finding.WON_WITHOUT_AMOUNT, state.id)
            won = Won(1, state.amount or Decimal(0))
            if closed is None:
                self.findings.add(Finding.WON_WITHOUT_CLOSE_DATE, state.id)
            else:
                closed_day = day(closed)
                key = (closed_day, source, segment)
                self.won[key] = self.won[key] + won if key in self.won else won
                if state.source is not None:  # linked to a lead read: marketing's
                    known_won = self.won_from_leads.get(closed_day)
                    self.won_from_leads[closed_day] = won if known_won is None else known_won + won
                lead_created = state.lead_created
                if lead_created is not None and closed < lead_created:
                    self.findings.add(Finding.WON_BEFORE_LEAD_CREATED, state.id)
                elif lead_created is not None:
                    cycle_key = (closed_day.replace(day=1), source)
                    sketch = self.sales_cycles.get(cycle_key)
                    if sketch is None:
                        sketch = self.sales_cycles[cycle_key] = DurationSketch()
                    sketch.add((closed - lead_created).total_seconds())
            if state.lead_created is not None:
                ckey = (day(state.lead_created), source, segment)
                self.cohort_won[ckey] = (
                    self.cohort_won[ckey] + won if ckey in self.cohort_won else won
                )
        elif state.status is DealStatus.LOST:
            when = closed or state.created or state.lead_created
            if when is None:
                self.findings.add(Finding.LOST_WITHOUT_DATE, state.id)
            else:
                lost_day = day(when)
                lkey = (lost_day, source, state.lost_reason or "(no reason)")
                self.lost_reasons[lkey] = self.lost_reasons.get(lkey, 0) + 1
                dkey = (lost_day, source, segment)
                self.lost_deals[dkey] = self.lost_deals.get(dkey, 0) + 1
