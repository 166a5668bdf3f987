"""The follow-up of a handed-off lead: its first touch, the speed and depth clauses, its breaches.

:meth:`FollowUpRules.outcome` is the step the pass takes for each lead handed off by
the cut-off: it returns a :class:`FollowUp`, the named outcome of each
clause (:data:`MET`, :data:`BREACHED` or :data:`PENDING`, ``None`` without the
clause). :class:`FollowUpTally` adds outcomes up, field by field as
:class:`~smarketing.measuring.tallies.FollowUpCounts`, and :class:`BreachRow`
is a breach as the pass lists it, ordered by hand-off, lead id and clause.

- Speed: the first touch (the earliest touch by the cut-off, or the lead's
  ``first_touch``) by the deadline (hand-off + ``within``, in working time
  with ``business_hours``) is met; a later one, or none when the deadline
  has passed, is breached; else pending.
- Depth: ``touches`` touches within ``within`` of the hand-off are met (a
  lead with no touch times and a ``touch_count`` counts that number); fewer
  once the window has closed is breached; else pending.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Final, Literal, NamedTuple, Protocol

import attrs

from smarketing._time import Clock
from smarketing.measuring.actuals import ActualsSpec
from smarketing.measuring.tallies import Breach, FollowUpCounts
from smarketing.records import Lead

__all__ = [
    "BREACHED",
    "MET",
    "PENDING",
    "BreachList",
    "BreachRow",
    "BreachesHandedOn",
    "ClauseOutcome",
    "FollowUp",
    "FollowUpRules",
    "FollowUpTally",
    "breach_row",
]

ClauseOutcome = Literal["met", "breached", "pending"]
MET: Final = "met"
BREACHED: Final = "breached"
PENDING: Final = "pending"


@attrs.define
class FollowUp:
    """What became of one handed-off lead, clause by clause (``None``: no such clause).

    A :class:`FollowUpRules` fills its own one for each lead (the pass makes
    no object a lead): read it before taking the next step.
    """

    #: the earliest touch by the cut-off (a moment), or ``None``
    first_touch: datetime | None = None
    speed: ClauseOutcome | None = None
    #: the speed deadline (a moment)
    deadline: datetime | None = None
    depth: ClauseOutcome | None = None
    #: the end of the depth window (a moment)
    window_end: datetime | None = None
    #: the touches within the depth window
    touches: int = 0
    #: the depth was read from the lead's ``touch_count`` (finding ``depth_from_count``)
    depth_from_count: bool = False


class FollowUpRules:
    """The follow-up step of a pass: the clauses of its spec, its clock and cut-off bound once."""

    __slots__ = ("calendar", "clock", "cutoff", "depth", "follow_up", "speed")

    def __init__(self, spec: ActualsSpec, clock: Clock, cutoff: datetime) -> None:
        self.speed = spec.speed
        self.depth = spec.depth
        self.calendar = spec.calendar
        self.clock = clock
        self.cutoff = cutoff
        self.follow_up = FollowUp()

    def outcome(self, lead: Lead, handoff: datetime) -> FollowUp:
        """The follow-up of ``lead``, handed off at the moment ``handoff`` (by the cut-off).

        The outcome is the step's own, filled anew by each call.
        """
        moment = self.clock.moment
        cutoff = self.cutoff
        speed_clause = self.speed
        touches = sorted(map(moment, lead.touches)) if lead.touches else []
        if touches and touches[-1] > cutoff:
            del touches[bisect_right(touches, cutoff) :]  # touches after the cut-off: unseen
        first_touch = touches[0] if touches else None
        if first_touch is None and lead.first_touch is not None:
            at = moment(lead.first_touch)
            first_touch = at if at <= cutoff else None
        speed: ClauseOutcome | None = None
        deadline = None
        if speed_clause is not None:
            if speed_clause.business_hours:
                wall = self.calendar.add_working_time(self.clock.wall(handoff), speed_clause.within)
                deadline = moment(wall)
            else:
                deadline = handoff + speed_clause.within
            if first_touch is not None and first_touch <= deadline:
                speed = MET
            elif first_touch is not None or deadline < cutoff:
                speed = BREACHED
            else:
                speed = PENDING
        outcome = self.follow_up
        outcome.first_touch = first_touch
        outcome.speed = speed
        outcome.deadline = deadline
        depth_clause = self.depth
        if depth_clause is None:
            outcome.depth = outcome.window_end = None
            outcome.touches = 0
            outcome.depth_from_count = False
            return outcome
        window_end = handoff + depth_clause.within
        from_count = False
        if touches:
            done = bisect_right(touches, window_end)
        elif lead.touch_count is not None:
            from_count = True
            done = lead.touch_count
        else:
            done = 0
        if done >= depth_clause.touches:
            depth: ClauseOutcome = MET
        elif window_end < cutoff:
            depth = BREACHED
        else:
            depth = PENDING
        outcome.depth = depth
        outcome.window_end = window_end
        outcome.touches = done
        outcome.depth_from_count = from_count
        return outcome


class FollowUpTally:
    """The follow-up counts of one hand-off day and owner while the pass adds them up."""

    __slots__ = (
        "depth_breached",
        "depth_met",
        "depth_pending",
        "handed_off",
        "speed_breached",
        "speed_met",
        "speed_pending",
    )

    def __init__(self) -> None:
        self.handed_off = 0
        self.speed_met = self.speed_breached = self.speed_pending = 0
        self.depth_met = self.depth_breached = self.depth_pending = 0

    def add(self, speed: ClauseOutcome | None, depth: ClauseOutcome | None) -> None:
        """Count one handed-off lead, with the outcome of each clause (a :class:`FollowUp`'s)."""
        self.handed_off += 1
        if speed is MET:
            self.speed_met += 1
        elif speed is BREACHED:
            self.speed_breached += 1
        elif speed is PENDING:
            self.speed_pending += 1
        if depth is MET:
            self.depth_met += 1
        elif depth is BREACHED:
            self.depth_breached += 1
        elif depth is PENDING:
            self.depth_pending += 1

    def counts(self) -> FollowUpCounts:
        """The counts, frozen."""
        return FollowUpCounts(
            handed_off=self.handed_off,
            speed_met=self.speed_met,
            speed_breached=self.speed_breached,
            speed_pending=self.speed_pending,
            depth_met=self.depth_met,
            depth_breached=self.depth_breached,
            depth_pending=self.depth_pending,
        )


class BreachRow(NamedTuple):
    """A breach as the pass lists it, in moments; a row orders as its fields read.

    That is by hand-off, lead id and clause, then owner, source and
    deadline; then a row without a first touch (``touched`` false) before
    one with it, by first touch. Every field compares, so that rows order
    alike whatever order they come in, even when bad input repeats a lead
    id (``touches``, the count of a depth breach, is ``None`` for a speed
    breach, and the clause tells them apart first).
    """

    handoff: datetime
    lead_id: str
    clause: str
    owner: str
    source: str
    deadline: datetime
    touched: bool
    first_touch: datetime | None
    touches: int | None

    def breach(self, clock: Clock) -> Breach:
        """The :class:`~smarketing.measuring.tallies.Breach`, its times in the clock's zone."""
        local = clock.local
        return Breach(
            handoff=local(self.handoff),
            lead_id=self.lead_id,
            clause=self.clause,
            owner=self.owner,
            source=self.source,
            deadline=local(self.deadline),
            first_touch=None if self.first_touch is None else local(self.first_touch),
            touches=self.touches,
        )


#: Makes a :class:`BreachRow` of a tuple of its fields, as fast as a tuple (the pass meets many).
breach_row = partial(tuple.__new__, BreachRow)


class BreachList(Protocol):
    """Where a pass puts the breaches it meets: kept (the smallest rows) or handed on."""

    def add(self, value: BreachRow) -> None: ...
    def sorted(self) -> list[BreachRow]: ...


class BreachesHandedOn:
    """A breach list that keeps none: each row goes to ``on_breach`` as a Breach when added."""

    __slots__ = ("clock", "on_breach")

    def __init__(self, clock: Clock, on_breach: Callable[[Breach], None]) -> None:
        self.clock = clock
        self.on_breach = on_breach

    def add(self, value: BreachRow) -> None:
        """Hand the breach on."""
        self.on_breach(value.breach(self.clock))

    def sorted(self) -> list[BreachRow]:
        """None kept: none listed."""
        return []
