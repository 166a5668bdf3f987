"""One streaming pass over leads and deals that builds :class:`FunnelActuals`.

Deals are read first and held (they are far fewer than leads); leads stream
through once. Memory grows with the number of groups (days x stages x
sources x segments), with the deals, and with the bounded lists of findings
and breaches, never with the number of leads.

The rules, in the order the pass applies them:

- A lead entered the funnel's first stage when it was created, unless it has
  its own time for that stage.
- A lead that reached a later stage without a recorded earlier one counts as
  having passed the earlier stage at the time of the next recorded one
  (finding ``stage_skipped``). Conversion times use recorded stages only.
- A lead with a won deal (closed by ``as_of``) and no time of its own for
  the funnel's last stage entered it when its earliest won deal closed; this
  holds for every lead the deal lists.
- Stage times earlier than a previous stage's are kept and flagged
  (``stage_out_of_order``); their negative durations are left out.
- Hand-off is the lead's ``handoff`` time, or its entry into the funnel's
  hand-off stage. The first touch is the earliest of its touch times, or its
  ``first_touch``. Touches before the hand-off count (``touch_before_handoff``).
- A deal belongs to the first of its ``lead_ids`` that is among the leads
  read, whatever the order they come in; failing that, to its own ``source``;
  failing that, to the ``(no source)`` source (``deal_without_lead``).
- Events after ``as_of`` are ignored: leads created later (counted, finding
  ``lead_after_as_of``), stage entries, touches and deals closed later (a
  deal closed after ``as_of`` is still open).
- A deal whose status is unknown (a stage neither won, lost nor a known open
  one) counts as open; finding ``unknown_deal_stage``, with its stage values.
- A won deal linked to a lead read is marketing's (``won_from_leads``); the
  sales cycle runs from that lead's creation to the deal's close.
- A lost deal counts on the day it closed; without one, when it was created,
  else when its lead was (as its lost reason does).
- The pipeline is the deals open at ``as_of`` (open, of an unknown stage, or
  closed later) and created by then.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

from smarketing._time import Clock
from smarketing.measuring.actuals import (
    UNASSIGNED,
    UNKNOWN_SOURCE,
    ActualsSpec,
    Breach,
    FollowUpCounts,
    FunnelActuals,
    OpenDeals,
    Won,
)
from smarketing.measuring.deal_state import (
    UNLINKED,
    DealLink,
    DealsByLead,
    DealState,
    DealStore,
    Held,
    SpillDeals,
    release,
)
from smarketing.measuring.findings import Finding, FindingsCollector, SmallestKept
from smarketing.measuring.sketch import DurationSketch
from smarketing.planning.business_calendar import BusinessCalendar
from smarketing.records import Deal, DealStatus, Lead

__all__ = ["Pass"]

_BreachRow = tuple[datetime, str, str, str, str, datetime, datetime, int]
_NEVER = datetime.min
_FAR_FUTURE = datetime.max - timedelta(days=2)


class Pass:
    """The mutable state of one pass; frozen into :class:`FunnelActuals` at the end.

    :func:`~smarketing.pipeline.collecting.collect_actuals` is
    ``Pass(spec, deals_in_memory, spill).run(leads, deals)``. Past
    ``deals_in_memory`` deals, the pass hands what it holds to ``spill``, a
    :data:`~smarketing.measuring.deal_state.SpillDeals` the caller injects (the
    pipeline's on-disk store): the pass itself does no I/O.
    The reading in parts (:mod:`smarketing.pipeline.parallel`) uses its steps:
    :meth:`hold` the deals once, :meth:`run_part` for each part's leads, then
    :meth:`run_deals` to count the deals with their best links. A pass is used once.
    """

    def __init__(
        self,
        spec: ActualsSpec,
        deals_in_memory: int | None = None,
        spill: SpillDeals | None = None,
    ) -> None:
        self.spec = spec
        self.deals_in_memory = None if spill is None else deals_in_memory
        self.spill = spill
        self.save_links: Callable[[Iterable[DealState]], None] | None = None
        self.clock = Clock(spec.zone)
        self.cutoff = _FAR_FUTURE if spec.as_of is None else self.clock.cutoff(spec.as_of)
        self.names = spec.funnel.names
        self.position = {name: index for index, name in enumerate(self.names)}
        self.day = self.clock.day
        self.handoff_index = spec.funnel.index(spec.funnel.handoff)
        # a lead with no stage and no hand-off of its own is simple, unless the first
        # stage is the hand-off (then every lead is handed off when created)
        self.quiet_possible = self.handoff_index > 0
        self.findings = FindingsCollector(spec.max_listed)
        # (hand-off, lead id, clause, the rest): kept by the first three, made a Breach at the end
        self.breaches: SmallestKept[_BreachRow] = SmallestKept(spec.max_listed)
        self.leads = 0
        self.after = 0
        self.deals = 0
        self.entries: dict[tuple[date, str, str, str | None], int] = {}
        self.cohort: dict[tuple[date, str, str, str | None], int] = {}
        self.won: dict[tuple[date, str, str | None], Won] = {}
        self.cohort_won: dict[tuple[date, str, str | None], Won] = {}
        self.lost: dict[tuple[date, str, str], int] = {}
        self.won_from_leads: dict[date, Won] = {}
        self.lost_deals: dict[tuple[date, str, str | None], int] = {}
        self.pipeline: dict[tuple[str, str | None], OpenDeals] = {}
        self.cycles: dict[tuple[date, str], DurationSketch] = {}
        self.conversion: dict[tuple[date, str, str, str], DurationSketch] = {}
        self.response: dict[tuple[date, str], DurationSketch] = {}
        self.followup: dict[tuple[date, str], list[int]] = {}
        self.months: dict[date, date] = {}

    # -- the pass -----------------------------------------------------------

    def run(self, leads: Iterable[Lead], deals: Iterable[Deal]) -> FunnelActuals:
        """The actuals of ``leads`` and ``deals``: the deals held, the leads streamed once."""
        held = self.hold(deals)
        try:
            self._count_leads(leads, held)
            for state in held[0]:
                self._deal(state)
        finally:
            release(held)
        return self._freeze()

    def run_part(
        self, leads: Iterable[Lead], held: Held
    ) -> tuple[FunnelActuals, dict[int, DealLink]]:
        """The actuals of some of the leads, and how each held deal links to them.

        Every part needs all the deals (a won deal makes its leads customers)
        but counts none of them: :meth:`run_deals` does, once, from the links.
        """
        self._count_leads(leads, held)
        links: dict[int, DealLink] = {
            state.number: (state.rank, state.source, state.segment, state.lead_created)
            for state in held[0]
            if state.source is not None
        }
        return self._freeze(), links

    def run_deals(self, held: Held, parts: Iterable[dict[int, DealLink]]) -> FunnelActuals:
        """The actuals of the deals held, each linked to its first lead in the parts' order."""
        best: dict[int, DealLink] = {}
        for links in parts:
            for number, link in links.items():
                if number not in best or link[0] < best[number][0]:
                    best[number] = link
        states, _ = held
        for state in states:
            state.rank, state.source, state.segment, state.lead_created = best.get(
                state.number, UNLINKED
            )
            self._deal(state)
        return self._freeze()

    def _freeze(self) -> FunnelActuals:
        return FunnelActuals(
            spec=self.spec,
            leads=self.leads,
            leads_after_as_of=self.after,
            deals=self.deals,
            entries=self.entries,
            cohort=self.cohort,
            won=self.won,
            cohort_won=self.cohort_won,
            lost_reasons=self.lost,
            won_from_leads=self.won_from_leads,
            lost_deals=self.lost_deals,
            pipeline=self.pipeline,
            sales_cycles=self.cycles,
            conversion_times=self.conversion,
            response_times=self.response,
            followup={key: FollowUpCounts(*counts) for key, counts in self.followup.items()},
            breaches=tuple(self._breach_record(row) for row in self.breaches.sorted()),
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

    def _count_leads(self, leads: Iterable[Lead], held: Held) -> None:
        _, by_lead = held
        self.save_links = getattr(by_lead, "save", None)  # deals on disk: save what changes
        for lead in leads:
            self._lead(lead, by_lead)

    def _lead(self, lead: Lead, by_lead: DealsByLead) -> None:
        moment = self.clock.moment
        day = self.clock.day
        cutoff = self.cutoff
        created = moment(lead.created)
        if created > cutoff:
            # not counted; but its deals are its deals (still open as of the cut-off,
            # or won before the lead was created): they keep its source
            self.after += 1
            self.findings.add_count(Finding.LEAD_AFTER_AS_OF, 1)
            pairs = by_lead.get(lead.id, ())
            if pairs:
                segment = lead.segment(self.spec.segment) if self.spec.segment else None
                self._link(pairs, lead.source or UNKNOWN_SOURCE, segment, created)
            return
        self.leads += 1
        source = lead.source or UNKNOWN_SOURCE
        segment = lead.segment(self.spec.segment) if self.spec.segment else None
        created_day = day(created)
        names = self.names
        entries = self.entries
        cohort = self.cohort
        stages = lead.stages
        if (
            self.quiet_possible
            and lead.handoff is None
            and (not stages or (len(stages) == 1 and stages[0][0] == names[0]))
            and lead.id not in by_lead
        ):
            # Most leads never went past the first stage: they entered it when created (or
            # at their own time for it), and nothing else (no conversion, no hand-off, no
            # deal) is theirs to count.
            first_at = created
            if stages:
                at = moment(stages[0][1])
                if at <= cutoff:
                    first_at = at
            key = (created_day, names[0], source, segment)
            cohort[key] = cohort.get(key, 0) + 1
            if first_at is not created:
                key = (day(first_at), names[0], source, segment)
            entries[key] = entries.get(key, 0) + 1
            if lead.lost:
                self._lost(lead, created_day, source)
            return

        # Recorded stage times (the earliest, when a stage repeats), up to the cut-off.
        recorded: list[datetime | None] = [None] * len(names)
        unknown: dict[str, datetime] = {}
        position = self.position
        for name, when in stages:
            at = moment(when)
            if at > cutoff:
                continue
            index = position.get(name)
            if index is None:
                if name not in unknown or at < unknown[name]:
                    unknown[name] = at
            else:
                current = recorded[index]
                if current is None or at < current:
                    recorded[index] = at
        if recorded[0] is None:
            recorded[0] = created  # a lead entered the first stage when it was created
        pairs = by_lead.get(lead.id, ())
        if recorded[-1] is None:
            # a lead with a won deal became a customer when the earliest one closed
            for _, state in pairs:
                won_at = state.closed
                if state.status is DealStatus.WON and won_at is not None and won_at <= cutoff:
                    current = recorded[-1]
                    if current is None or won_at < current:
                        recorded[-1] = won_at

        # Backwards from the highest stage reached: count each stage, passing a skipped
        # one at the time of the next recorded stage; time each step between two
        # consecutive recorded stages (while the earlier one is still as recorded).
        top = len(names) - 1
        while recorded[top] is None:
            top -= 1
        times = recorded  # filled in place: a skipped stage takes the next one's time
        following = times[top]
        assert following is not None  # the highest stage reached has its time
        lowest = following
        skipped = out_of_order = False
        conversion = self.conversion
        months = self.months
        for index in range(top, -1, -1):
            entered = times[index]
            recorded_here = entered is not None
            if entered is None:
                times[index] = entered = following
                skipped = True
            else:
                following = entered
                if entered > lowest:
                    out_of_order = True  # a later stage was entered before this one
                else:
                    lowest = entered
            name = names[index]
            entered_day = day(entered)
            key = (entered_day, name, source, segment)
            entries[key] = entries.get(key, 0) + 1
            key = (created_day, name, source, segment)
            cohort[key] = cohort.get(key, 0) + 1
            before = times[index - 1] if index and recorded_here else None
            if before is not None and entered >= before:
                month = months.get(entered_day)
                if month is None:
                    month = months[entered_day] = entered_day.replace(day=1)
                ckey = (month, names[index - 1], name, source)
                sketch = conversion.get(ckey)
                if sketch is None:
                    sketch = conversion[ckey] = DurationSketch()
                sketch.add((entered - before).total_seconds())
        if skipped:
            self.findings.add(Finding.STAGE_SKIPPED, lead.id)
        if out_of_order:
            self.findings.add(Finding.STAGE_OUT_OF_ORDER, lead.id)
        if unknown:
            self.findings.add(Finding.UNKNOWN_STAGE, lead.id)
            for name, at in unknown.items():
                key = (day(at), name, source, segment)
                entries[key] = entries.get(key, 0) + 1
                key = (created_day, name, source, segment)
                cohort[key] = cohort.get(key, 0) + 1

        handoff = times[self.handoff_index] if self.handoff_index <= top else None
        if lead.handoff is not None:
            handoff = moment(lead.handoff)
        if handoff is not None and handoff <= cutoff:
            self._follow_up(lead, handoff, source)
        self._lost(lead, created_day, source)
        if pairs:
            self._link(pairs, source, segment, created)

    def _link(
        self,
        pairs: Sequence[tuple[int, DealState]],
        source: str,
        segment: str | None,
        created: datetime,
    ) -> None:
        """Link the deals of a lead to it, where it comes first among their leads."""
        for rank, state in pairs:
            if rank < state.rank:
                state.rank = rank
                state.source = source
                state.segment = segment
                state.lead_created = created
        if self.save_links is not None:  # deals held on disk: the states are copies
            self.save_links({id(state): state for _, state in pairs}.values())

    def _lost(self, lead: Lead, created_day: date, source: str) -> None:
        if lead.lost:
            key = (created_day, source, lead.lost_reason or "(no reason)")
            self.lost[key] = self.lost.get(key, 0) + 1

    def _follow_up(self, lead: Lead, handoff: datetime, source: str) -> None:
        spec = self.spec
        moment = self.clock.moment
        cutoff = self.cutoff
        owner = lead.owner or UNASSIGNED
        touches = (
            sorted(at for at in map(moment, lead.touches) if at <= cutoff) if lead.touches else []
        )
        first_touch = touches[0] if touches else None
        if first_touch is None and lead.first_touch is not None:
            at = moment(lead.first_touch)
            first_touch = at if at <= cutoff else None
        handoff_day = self.day(handoff)
        key = (handoff_day, owner)
        counts = self.followup.get(key)
        if counts is None:
            counts = self.followup[key] = [0] * 7
        counts[0] += 1

        if first_touch is not None:
            response = (first_touch - handoff).total_seconds()
            if response < 0:
                self.findings.add(Finding.TOUCH_BEFORE_HANDOFF, lead.id)
            month = self.months.get(handoff_day)
            if month is None:
                month = self.months[handoff_day] = handoff_day.replace(day=1)
            rkey = (month, source)
            sketch = self.response.get(rkey)
            if sketch is None:
                sketch = self.response[rkey] = DurationSketch()
            sketch.add(max(response, 0.0))

        listed = spec.breaches_in is None or handoff_day in spec.breaches_in
        speed = spec.speed
        if speed is not None:
            deadline = (
                self._deadline(handoff, speed.within, True)
                if speed.business_hours
                else handoff + speed.within
            )
            if first_touch is not None and first_touch <= deadline:
                counts[1] += 1
            elif first_touch is not None or deadline < cutoff:
                counts[2] += 1
                if listed:
                    self._breach(lead, "speed", handoff, deadline, first_touch, None, owner, source)
            else:
                counts[3] += 1
        if spec.depth is not None:
            window_end = handoff + spec.depth.within
            if touches:
                done = sum(1 for at in touches if at <= window_end)
            elif lead.touch_count is not None:
                self.findings.add(Finding.DEPTH_FROM_COUNT, lead.id)
                done = lead.touch_count
            else:
                done = 0
            if done >= spec.depth.touches:
                counts[4] += 1
            elif window_end < cutoff:
                counts[5] += 1
                if listed:
                    self._breach(
                        lead, "depth", handoff, window_end, first_touch, done, owner, source
                    )
            else:
                counts[6] += 1

    def _deadline(self, handoff: datetime, within: timedelta, business_hours: bool) -> datetime:
        if not business_hours:
            return handoff + within
        calendar: BusinessCalendar = self.spec.calendar
        wall = calendar.add_working_time(self.clock.wall(handoff), within)
        return self.clock.moment(wall)

    def _breach(
        self,
        lead: Lead,
        clause: str,
        handoff: datetime,
        deadline: datetime,
        first_touch: datetime | None,
        touches: int | None,
        owner: str,
        source: str,
    ) -> None:
        # Every field comparable (no None), so that even a repeated lead id orders cleanly.
        self.breaches.add(
            (
                handoff,
                lead.id,
                clause,
                owner,
                source,
                deadline,
                _NEVER if first_touch is None else first_touch,
                -1 if touches is None else touches,
            )
        )

    def _breach_record(self, row: _BreachRow) -> Breach:
        handoff, lead_id, clause, owner, source, deadline, first_touch, touches = row
        local = self.clock.local
        return Breach(
            handoff=local(handoff),
            lead_id=lead_id,
            clause=clause,
            owner=owner,
            source=source,
            deadline=local(deadline),
            first_touch=None if first_touch == _NEVER else local(first_touch),
            touches=None if touches < 0 else touches,
        )

    def _deal(self, state: DealState) -> None:
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
        day = self.clock.day
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
                    sketch = self.cycles.get(cycle_key)
                    if sketch is None:
                        sketch = self.cycles[cycle_key] = DurationSketch()
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
                self.lost[lkey] = self.lost.get(lkey, 0) + 1
                dkey = (lost_day, source, segment)
                self.lost_deals[dkey] = self.lost_deals.get(dkey, 0) + 1
