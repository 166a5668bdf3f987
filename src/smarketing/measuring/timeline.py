"""When a lead entered each stage of the funnel: the stage timeline the pass counts from.

:meth:`Timelines.of` reads a lead's recorded stage times (up to the cut-off),
fills in the funnel's first stage (the lead's creation) and last one (its
earliest won deal), and walks them back from the highest stage reached:

- a stage with no time of its own was *skipped*: the lead passed it when it
  entered the next recorded stage;
- a recorded stage later than a higher one is *out of order*: kept, and
  flagged (the pass leaves its negative step out of the conversion times).

>>> from datetime import datetime
>>> from datetime import UTC
>>> from smarketing._time import Clock
>>> from smarketing.planning.funnel import HUBSPOT_STAGES
>>> timelines = Timelines(HUBSPOT_STAGES, Clock(UTC).moment, datetime(2026, 12, 31))
>>> lead, mql, opportunity = datetime(2026, 11, 2), datetime(2026, 11, 4), datetime(2026, 11, 9)
>>> timeline = timelines.of([("opportunity", opportunity), ("marketingqualifiedlead", mql)], lead)
>>> timeline.entered == [lead, mql, opportunity, opportunity]
True
>>> timeline.skipped, timeline.out_of_order
(True, False)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

import attrs

from smarketing.measuring.deal_state import DealState
from smarketing.records import DealStatus

__all__ = ["StageTimeline", "Timelines"]

_WON = DealStatus.WON


@attrs.define
class StageTimeline:
    """The stages a lead entered, and when; see the module.

    A :class:`Timelines` reader fills its own one for each lead (the pass
    makes no object a lead): read it before reading the next lead.
    """

    #: the time of each stage of the funnel as recorded (the first: its own or the lead's
    #: creation; the last: its own or the close of its earliest won deal), else ``None``
    recorded: list[datetime | None] = attrs.field(factory=list)
    #: each stage up to the highest reached, a skipped one at the next recorded one's time
    entered: list[datetime] = attrs.field(factory=list)
    #: a stage below the highest reached has no time of its own
    skipped: bool = False
    #: a recorded stage is later than a higher one
    out_of_order: bool = False
    #: the stages the funnel does not know, each at its earliest time (``None``: there are none)
    unknown: dict[str, datetime] | None = None


class Timelines:
    """Reads the stage timeline of each lead of a pass: the funnel, clock and cut-off bound once."""

    __slots__ = ("cutoff", "moment", "position", "size", "timeline")

    def __init__(
        self, names: Sequence[str], moment: Callable[[datetime], datetime], cutoff: datetime
    ) -> None:
        self.position = {name: index for index, name in enumerate(names)}
        self.size = len(names)
        self.moment = moment
        self.cutoff = cutoff
        self.timeline = StageTimeline()

    def of(
        self,
        stages: Sequence[tuple[str, datetime]],
        created: datetime,
        deals: Sequence[tuple[int, DealState]] = (),
    ) -> StageTimeline:
        """The timeline of a lead created at ``created`` with ``stages``, named by ``deals``.

        A stage that repeats counts at its earliest time; stage times after
        the cut-off are left out. ``deals`` are (rank, deal) pairs, as the
        pass holds them. The timeline is the reader's own, filled anew by
        each call.
        """
        moment = self.moment
        cutoff = self.cutoff
        position = self.position
        recorded: list[datetime | None] = [None] * self.size
        unknown: dict[str, datetime] | None = None
        for name, when in stages:
            at = moment(when)
            if at > cutoff:
                continue
            index = position.get(name)
            if index is None:
                if unknown is None:
                    unknown = {name: at}
                elif name not in unknown or at < unknown[name]:
                    unknown[name] = at
            else:
                current = recorded[index]
                if current is None or at < current:
                    recorded[index] = at
        if recorded[0] is None:
            recorded[0] = created  # a lead entered the first stage when it was created
        if recorded[-1] is None:
            # a lead with a won deal became a customer when the earliest one closed
            for _, state in deals:
                won_at = state.closed
                if state.status is _WON and won_at is not None and won_at <= cutoff:
                    current = recorded[-1]
                    if current is None or won_at < current:
                        recorded[-1] = won_at

        # Backwards from the highest stage reached: a stage with no time of its own
        # takes the time of the next recorded one.
        top = self.size - 1
        while recorded[top] is None:
            top -= 1
        entered = recorded[: top + 1]
        following = entered[top]
        assert following is not None  # the highest stage reached has its time
        lowest = following
        skipped = out_of_order = False
        for index in range(top - 1, -1, -1):
            here = entered[index]
            if here is None:
                entered[index] = following
                skipped = True
            else:
                following = here
                if here > lowest:
                    out_of_order = True  # a later stage was entered before this one
                else:
                    lowest = here
        timeline = self.timeline
        timeline.recorded = recorded
        timeline.entered = entered  # type: ignore[assignment]  # every gap filled
        timeline.skipped = skipped
        timeline.out_of_order = out_of_order
        timeline.unknown = unknown
        return timeline
