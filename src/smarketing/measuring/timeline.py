"""When a lead entered each stage of the funnel: the stage timeline the pass counts from.

:class:`Timelines` reads a lead's recorded stage times (up to the cut-off),
fills in the funnel's first stage (the lead's creation) and last one (its
earliest won deal), and :func:`stage_timeline` walks them back from the
highest stage reached:

- a stage with no time of its own was *skipped*: the lead passed it when it
  entered the next recorded stage;
- a recorded stage later than a higher one is *out of order*: kept, flagged,
  and its negative step left out of the conversion times.

>>> from datetime import datetime
>>> lead, mql, opportunity = datetime(2026, 11, 2), datetime(2026, 11, 4), datetime(2026, 11, 9)
>>> timeline = stage_timeline([lead, mql, None, opportunity, None])
>>> timeline.entered == [lead, mql, opportunity, opportunity]
True
>>> timeline.skipped, timeline.out_of_order
(True, False)
>>> stage_timeline([lead, opportunity, mql, None, None]).out_of_order
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from smarketing.measuring.deal_state import DealState
from smarketing.records import DealStatus

__all__ = ["StageTimeline", "Timelines", "stage_timeline"]

_WON = DealStatus.WON


class StageTimeline:
    """The stages a lead entered, and when; see the module.

    ``recorded`` holds the time of each stage of the funnel as recorded (the
    first stage: its own time or the lead's creation; the last: its own time
    or the close of its earliest won deal), ``None`` where there is none.
    ``entered`` holds each stage up to the highest one reached, a skipped
    stage with the time of the next recorded one. ``unknown`` holds the
    stages the funnel does not know, each at its earliest time (``None``
    when there are none).
    """

    __slots__ = ("entered", "out_of_order", "recorded", "skipped", "unknown")

    def __init__(
        self,
        recorded: list[datetime | None],
        entered: list[datetime],
        skipped: bool,
        out_of_order: bool,
        unknown: dict[str, datetime] | None,
    ) -> None:
        self.recorded = recorded
        self.entered = entered
        self.skipped = skipped
        self.out_of_order = out_of_order
        self.unknown = unknown

    def __repr__(self) -> str:
        return (
            f"StageTimeline(entered={self.entered!r}, skipped={self.skipped}, "
            f"out_of_order={self.out_of_order}, unknown={self.unknown!r})"
        )


def stage_timeline(
    recorded: list[datetime | None], unknown: dict[str, datetime] | None = None
) -> StageTimeline:
    """The timeline of the ``recorded`` stage times (the first one given); see the module."""
    top = len(recorded) - 1
    while recorded[top] is None:
        top -= 1
    entered = recorded[: top + 1]
    following = entered[top]
    assert following is not None  # the highest stage reached has its time
    lowest = following
    skipped = out_of_order = False
    for index in range(top - 1, -1, -1):
        at = entered[index]
        if at is None:
            entered[index] = following  # skipped: passed when the next recorded one was entered
            skipped = True
        else:
            following = at
            if at > lowest:
                out_of_order = True  # a later stage was entered before this one
            else:
                lowest = at
    return StageTimeline(recorded, entered, skipped, out_of_order, unknown)  # type: ignore[arg-type]


class Timelines:
    """Reads the stage timeline of each lead of a pass: the funnel, clock and cut-off bound once."""

    __slots__ = ("cutoff", "moment", "position", "size")

    def __init__(
        self, names: Sequence[str], moment: Callable[[datetime], datetime], cutoff: datetime
    ) -> None:
        self.position = {name: index for index, name in enumerate(names)}
        self.size = len(names)
        self.moment = moment
        self.cutoff = cutoff

    def of(
        self,
        stages: Sequence[tuple[str, datetime]],
        created: datetime,
        deals: Sequence[tuple[int, DealState]],
    ) -> StageTimeline:
        """The timeline of a lead created at ``created`` with ``stages``, naming ``deals``.

        A stage that repeats counts at its earliest time; stage times after
        the cut-off are left out.
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
        return stage_timeline(recorded, unknown)
