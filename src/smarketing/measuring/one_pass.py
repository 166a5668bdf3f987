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

from smarketing._time import Clock
from smarketing.measuring.actuals import (
    UNASSIGNED,
    UNKNOWN_SOURCE,
    ActualsSpec,
    Breach,
    FunnelActuals,
)
from smarketing.measuring.deal_state import (
    UNLINKED,
    DealLink,
    DealsByLead,
    DealState,
    Held,
    SpillDeals,
    release,
)
from smarketing.measuring.findings import Finding
from smarketing.measuring.followup import BREACHED, FollowUpRules, FollowUpTally, breach_row
from smarketing.measuring.pass_tables import PassTables
from smarketing.measuring.sketch import DurationSketch
from smarketing.measuring.timeline import StageTimeline, Timelines
from smarketing.records import Deal, Lead

__all__ = ["Pass"]

_FAR_FUTURE = datetime.max - timedelta(days=2)


class Pass(PassTables):
    """The mutable state of one pass; frozen into :class:`FunnelActuals` at the end.

    :func:`~smarketing.pipeline.collecting.collect_actuals` is
    ``Pass(spec, deals_in_memory, spill).run(leads, deals)``. Past
    ``deals_in_memory`` deals, the pass hands what it holds to ``spill``, a
    :data:`~smarketing.measuring.deal_state.SpillDeals` the caller injects (the
    pipeline's on-disk store): the pass itself does no I/O.
    The reading in parts (:mod:`smarketing.pipeline.parallel`) uses its steps:
    :meth:`hold` the deals once, :meth:`run_part` for each part's leads, then
    :meth:`run_deals` to count the deals with their best links. A pass is used once.

    Its tables are named as the fields of :class:`FunnelActuals` they become.
    With ``on_breach``, each breach listed goes to it as the pass meets it,
    and the actuals list none (:func:`~smarketing.pipeline.breachlist.stream_breaches`).
    ``quiet_shortcut=False`` counts every lead the long way (:meth:`count_lead`),
    to check that the shortcut (:meth:`count_quiet_lead`) changes nothing.
    """

    def __init__(
        self,
        spec: ActualsSpec,
        deals_in_memory: int | None = None,
        spill: SpillDeals | None = None,
        *,
        on_breach: Callable[[Breach], None] | None = None,
        quiet_shortcut: bool = True,
    ) -> None:
        clock = Clock(spec.zone)
        cutoff = _FAR_FUTURE if spec.as_of is None else clock.cutoff(spec.as_of)
        super().__init__(spec, clock, cutoff, deals_in_memory, spill, on_breach)
        self.save_links: Callable[[Iterable[DealState]], None] | None = None
        self.moment = clock.moment
        self.names = spec.funnel.names
        self.first_stage = self.names[0]
        self.segment_name = spec.segment
        self.handoff_index = spec.funnel.index(spec.funnel.handoff)
        self.timeline_of = Timelines(self.names, self.moment, self.cutoff).of
        self.follow_up_of = FollowUpRules(spec, clock, self.cutoff).outcome
        # a lead with no stage and no hand-off of its own is quiet, unless the first
        # stage is the hand-off (then every lead is handed off when created)
        self.quiet_shortcut = quiet_shortcut and self.handoff_index > 0
        self.months: dict[date, date] = {}  # the first day of each day's month, as met

    # -- the pass -----------------------------------------------------------

    def run(self, leads: Iterable[Lead], deals: Iterable[Deal]) -> FunnelActuals:
        """The actuals of ``leads`` and ``deals``: the deals held, the leads streamed once."""
        held = self.hold(deals)
        try:
            self._count_leads(leads, held)
            for state in held[0]:
                self.count_deal(state)
        finally:
            release(held)
        return self.freeze()

    def run_part(
        self, leads: Iterable[Lead], held: Held
    ) -> tuple[FunnelActuals, dict[int, DealLink]]:
        """The actuals of some of the leads, and how each held deal links to them.

        Every part needs all the deals (a won deal makes its leads customers)
        but counts none of them: :meth:`run_deals` does, once, from the links.
        """
        self._count_leads(leads, held)
        links = {
            state.number: DealLink(state.rank, state.source, state.segment, state.lead_created)
            for state in held[0]
            if state.source is not None
        }
        return self.freeze(), links

    def run_deals(self, held: Held, parts: Iterable[dict[int, DealLink]]) -> FunnelActuals:
        """The actuals of the deals held, each linked to its first lead in the parts' order."""
        best: dict[int, DealLink] = {}
        for links in parts:
            for number, link in links.items():
                if number not in best or link.rank < best[number].rank:
                    best[number] = link
        states, _ = held
        for state in states:
            state.rank, state.source, state.segment, state.lead_created = best.get(
                state.number, UNLINKED
            )
            self.count_deal(state)
        return self.freeze()

    # -- the leads ----------------------------------------------------------

    def _count_leads(self, leads: Iterable[Lead], held: Held) -> None:
        _, by_lead = held
        self.save_links = getattr(by_lead, "save", None)  # deals on disk: save what changes
        count_lead = self.count_lead
        if not self.quiet_shortcut:
            for lead in leads:
                count_lead(lead, by_lead)
            return
        count_quiet_lead = self.count_quiet_lead
        first = self.first_stage
        for lead in leads:
            # quiet: no hand-off, no stage but the first, no deal (most leads)
            stages = lead.stages
            if (
                lead.handoff is None
                and (not stages or (len(stages) == 1 and stages[0][0] == first))
                and lead.id not in by_lead
                and count_quiet_lead(lead)
            ):
                continue
            count_lead(lead, by_lead)

    def count_quiet_lead(self, lead: Lead) -> bool:
        """Count a quiet lead in a few steps; ``False`` if it was created after the cut-off.

        Most leads never went past the first stage: no hand-off, no stage but
        the first, no deal naming them. They entered it when created (or at
        their own time for it), and nothing else (no conversion, no
        follow-up, no deal) is theirs to count. :meth:`count_lead` counts the
        others (and counts a quiet lead alike).
        """
        moment = self.moment
        cutoff = self.cutoff
        created = moment(lead.created)
        if created > cutoff:
            return False
        self.leads += 1
        source = lead.source or UNKNOWN_SOURCE
        segment = lead.segment(self.segment_name) if self.segment_name else None
        day = self.day
        created_day = day(created)
        first = self.first_stage
        key = (created_day, first, source, segment)
        cohort = self.cohort
        cohort[key] = cohort.get(key, 0) + 1
        stages = lead.stages
        if stages:
            at = moment(stages[0][1])
            if at <= cutoff:
                key = (day(at), first, source, segment)
        entries = self.entries
        entries[key] = entries.get(key, 0) + 1
        if lead.lost:
            self._lost(lead, created_day, source)
        return True

    def count_lead(self, lead: Lead, by_lead: DealsByLead) -> None:
        """Count ``lead``: its stages, its follow-up, its loss, the deals naming it."""
        moment = self.moment
        cutoff = self.cutoff
        created = moment(lead.created)
        segment_name = self.segment_name
        pairs = by_lead.get(lead.id, ())
        if created > cutoff:
            # not counted; but its deals are its deals (still open as of the cut-off,
            # or won before the lead was created): they keep its source
            self.leads_after_as_of += 1
            self.findings.add_count(Finding.LEAD_AFTER_AS_OF, 1)
            if pairs:
                segment = lead.segment(segment_name) if segment_name else None
                self._link(pairs, lead.source or UNKNOWN_SOURCE, segment, created)
            return
        self.leads += 1
        source = lead.source or UNKNOWN_SOURCE
        segment = lead.segment(segment_name) if segment_name else None
        created_day = self.day(created)
        timeline = self.timeline_of(lead.stages, created, pairs)
        self._count_stages(lead.id, timeline, created_day, source, segment)
        entered = timeline.entered
        handoff = entered[self.handoff_index] if self.handoff_index < len(entered) else None
        if lead.handoff is not None:
            handoff = moment(lead.handoff)
        if handoff is not None and handoff <= cutoff:
            self._follow_up(lead, handoff, source)
        if lead.lost:
            self._lost(lead, created_day, source)
        if pairs:
            self._link(pairs, source, segment, created)

    def _count_stages(
        self,
        lead_id: str,
        timeline: StageTimeline,
        created_day: date,
        source: str,
        segment: str | None,
    ) -> None:
        """Count each stage entered (on its day, and in its creation day's cohort), each step."""
        day = self.day
        names = self.names
        entries = self.entries
        cohort = self.cohort
        entered = timeline.entered
        recorded = timeline.recorded
        months = self.months
        conversion_times = self.conversion_times
        for index in range(len(entered) - 1, -1, -1):
            at = entered[index]
            name = names[index]
            entered_day = day(at)
            key = (entered_day, name, source, segment)
            entries[key] = entries.get(key, 0) + 1
            key = (created_day, name, source, segment)
            cohort[key] = cohort.get(key, 0) + 1
            # a step between two recorded stages, forward in time, is a conversion time
            if index and recorded[index] is not None:
                before = recorded[index - 1]
                if before is not None and at >= before:
                    month = months.get(entered_day)
                    if month is None:
                        month = months[entered_day] = entered_day.replace(day=1)
                    step = (month, names[index - 1], name, source)
                    sketch = conversion_times.get(step)
                    if sketch is None:
                        sketch = conversion_times[step] = DurationSketch()
                    sketch.add((at - before).total_seconds())
        if timeline.skipped:
            self.findings.add(Finding.STAGE_SKIPPED, lead_id)
        if timeline.out_of_order:
            self.findings.add(Finding.STAGE_OUT_OF_ORDER, lead_id)
        unknown = timeline.unknown
        if unknown:
            self.findings.add(Finding.UNKNOWN_STAGE, lead_id)
            for name, at in unknown.items():
                key = (day(at), name, source, segment)
                entries[key] = entries.get(key, 0) + 1
                key = (created_day, name, source, segment)
                cohort[key] = cohort.get(key, 0) + 1

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
        key = (created_day, source, lead.lost_reason or "(no reason)")
        self.lost_reasons[key] = self.lost_reasons.get(key, 0) + 1

    def _follow_up(self, lead: Lead, handoff: datetime, source: str) -> None:
        """Take the follow-up step, count its outcome, time the response, list the breaches."""
        outcome = self.follow_up_of(lead, handoff)
        first_touch = outcome.first_touch
        speed = outcome.speed
        depth = outcome.depth
        owner = lead.owner or UNASSIGNED
        handoff_day = self.day(handoff)
        key = (handoff_day, owner)
        tally = self.followup.get(key)
        if tally is None:
            tally = self.followup[key] = FollowUpTally()
        tally.add(speed, depth)
        if first_touch is not None:
            response = (first_touch - handoff).total_seconds()
            if response < 0:
                self.findings.add(Finding.TOUCH_BEFORE_HANDOFF, lead.id)
            month = self.months.get(handoff_day)
            if month is None:
                month = self.months[handoff_day] = handoff_day.replace(day=1)
            sketch = self.response_times.get((month, source))
            if sketch is None:
                sketch = self.response_times[month, source] = DurationSketch()
            sketch.add(response if response > 0.0 else 0.0)
        if outcome.depth_from_count:
            self.findings.add(Finding.DEPTH_FROM_COUNT, lead.id)
        listed = self.spec.breaches_in
        if listed is not None and handoff_day not in listed:
            return
        touched = first_touch is not None
        if speed is BREACHED and (deadline := outcome.deadline) is not None:
            self.breaches.add(
                breach_row((handoff, lead.id, "speed", owner, source, deadline,
                            touched, first_touch, None))
            )  # fmt: skip
        if depth is BREACHED and (window_end := outcome.window_end) is not None:
            self.breaches.add(
                breach_row((handoff, lead.id, "depth", owner, source, window_end,
                            touched, first_touch, outcome.touches))
            )  # fmt: skip
