"""The named pieces of the pass: the stage timeline, the follow-up step, the breach order."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from smarketing import (
    SLA,
    BusinessCalendar,
    DepthClause,
    Lead,
    MarketingCommitment,
    Period,
    SpeedClause,
)
from smarketing._time import Clock
from smarketing.measuring.actuals import ActualsSpec, Breach, FollowUpCounts
from smarketing.measuring.deal_state import DealState
from smarketing.measuring.findings import SmallestKept
from smarketing.measuring.followup import (
    BREACHED,
    MET,
    PENDING,
    BreachRow,
    FollowUp,
    FollowUpRules,
    FollowUpTally,
)
from smarketing.measuring.one_pass import Pass
from smarketing.measuring.timeline import StageTimeline, Timelines
from smarketing.records import Deal
from tests.strategies import HUBSPOT_FUNNEL

T = datetime
NAMES = HUBSPOT_FUNNEL.names  # lead, MQL, SQL, opportunity, customer
CLOCK = Clock(UTC)
CUTOFF = T(2026, 12, 15, 23, 59)
D1, D2, D3, D4, D5 = (T(2026, 11, day) for day in (1, 2, 3, 4, 5))


# -- the stage timeline -------------------------------------------------------


def _timelines() -> Timelines:
    return Timelines(NAMES, CLOCK.moment, CUTOFF)


def _timeline(*times: datetime | None) -> StageTimeline:
    """The timeline of a lead created on the 1st, with the stage times given (in order)."""
    stages = [(name, at) for name, at in zip(NAMES, times, strict=False) if at is not None]
    return _timelines().of(stages, D1)


def test_a_skipped_stage_is_passed_when_the_next_recorded_one_is_entered() -> None:
    timeline = _timeline(None, None, None, D4)
    assert timeline.entered == [D1, D4, D4, D4]  # up to the opportunity, the highest reached
    assert (timeline.skipped, timeline.out_of_order) == (True, False)
    assert timeline.recorded == [D1, None, None, D4, None]  # as recorded, not filled


def test_a_stage_recorded_after_a_higher_one_is_out_of_order_and_kept() -> None:
    timeline = _timeline(None, D3, D2)  # SQL on the 2nd, MQL on the 3rd
    assert timeline.entered == [D1, D3, D2]
    assert (timeline.skipped, timeline.out_of_order) == (False, True)


def test_a_lead_in_order_with_every_stage_is_neither() -> None:
    timeline = _timeline(D1, D2, D3, D4, D5)
    assert timeline.entered == [D1, D2, D3, D4, D5]
    assert (timeline.skipped, timeline.out_of_order, timeline.unknown) == (False, False, None)


def test_skipped_and_out_of_order_at_once() -> None:
    timeline = _timeline(D3, None, D2, None, D5)
    assert timeline.entered == [D3, D2, D2, D5, D5]
    assert (timeline.skipped, timeline.out_of_order) == (True, True)


@given(st.lists(st.one_of(st.none(), st.integers(0, 20)), min_size=5, max_size=5))
def test_the_timeline_fills_every_gap_from_above(days: list[int | None]) -> None:
    recorded = [None if day is None else D1 + timedelta(days=day) for day in days]
    timeline = _timeline(*recorded)
    recorded[0] = recorded[0] or D1  # created on the 1st
    assert timeline.recorded == recorded
    top = max(index for index, at in enumerate(recorded) if at is not None)
    assert len(timeline.entered) == top + 1
    assert timeline.skipped == (None in recorded[: top + 1])
    for index, at in enumerate(timeline.entered):
        own = recorded[index]
        following = next(later for later in recorded[index:] if later is not None)
        assert at == (own if own is not None else following)
    known = [at for at in recorded if at is not None]
    assert timeline.out_of_order == (known != sorted(known))


def test_reading_a_timeline_keeps_the_earliest_and_leaves_out_what_is_late() -> None:
    stages = [
        ("marketingqualifiedlead", D3),
        ("marketingqualifiedlead", D2),  # a stage that repeats: its earliest time
        ("salesqualifiedlead", T(2027, 1, 2)),  # after the cut-off: not seen
        ("webinar", D4),  # a stage the funnel does not know
        ("webinar", D3),
    ]
    timeline = _timelines().of(stages, D1, ())
    assert timeline.recorded == [D1, D2, None, None, None]  # created: the first stage
    assert timeline.entered == [D1, D2]
    assert timeline.unknown == {"webinar": D3}


def test_a_won_deal_makes_the_lead_a_customer_when_the_earliest_one_closed() -> None:
    def state(number: int, status: str, closed: datetime) -> tuple[int, DealState]:
        deal = Deal(f"D{number}", lead_ids="L1", status=status, closed=closed)
        return 0, DealState(deal, number, CLOCK)

    deals = [
        state(0, "won", D5),
        state(1, "won", D4),
        state(2, "lost", D3),  # lost: no customer
        state(3, "won", T(2027, 1, 1)),  # won after the cut-off: not yet
    ]
    timeline = _timelines().of([("marketingqualifiedlead", D2)], D1, deals)
    assert timeline.recorded == [D1, D2, None, None, D4]
    assert timeline.entered == [D1, D2, D4, D4, D4]
    assert timeline.skipped
    # a customer stage of its own wins over the deals
    own = _timelines().of([("customer", D5)], D1, deals)
    assert own.recorded[-1] == D5


# -- the follow-up step -------------------------------------------------------

HANDOFF = T(2026, 11, 2, 9)


def _rules(
    *, speed: SpeedClause | None, depth: DepthClause | None, cutoff: datetime
) -> Callable[[Lead, datetime], FollowUp]:
    calendar = BusinessCalendar()
    spec = ActualsSpec(HUBSPOT_FUNNEL, speed=speed, depth=depth, calendar=calendar)
    return FollowUpRules(spec, CLOCK, cutoff).outcome


SPEED = SpeedClause(timedelta(hours=4))
DEPTH = DepthClause(2, timedelta(days=7))


def _lead(**fields: object) -> Lead:
    return Lead("L1", T(2026, 11, 1), **fields)  # type: ignore[arg-type]


def test_follow_up_met_breached_and_pending() -> None:
    rules = _rules(speed=SPEED, depth=DEPTH, cutoff=CUTOFF)
    met = rules(_lead(touches=[HANDOFF + timedelta(hours=1), D4]), HANDOFF)
    assert met == FollowUp(
        first_touch=HANDOFF + timedelta(hours=1),
        speed=MET,
        deadline=HANDOFF + timedelta(hours=4),
        depth=MET,
        window_end=HANDOFF + timedelta(days=7),
        touches=2,
    )
    late = rules(_lead(touches=[HANDOFF + timedelta(hours=5)]), HANDOFF)
    assert (late.speed, late.depth, late.touches) == (BREACHED, BREACHED, 1)
    # no touch yet, and the deadlines are still ahead at the cut-off
    waiting = _rules(speed=SPEED, depth=DEPTH, cutoff=HANDOFF + timedelta(hours=2))
    pending = waiting(_lead(), HANDOFF)
    assert (pending.first_touch, pending.speed, pending.depth) == (None, PENDING, PENDING)
    # no touch, the deadline passed: breached
    untouched = rules(_lead(), HANDOFF)
    assert (untouched.first_touch, untouched.speed, untouched.depth) == (None, BREACHED, BREACHED)


def test_follow_up_without_clauses_and_from_a_touch_count() -> None:
    none = _rules(speed=None, depth=None, cutoff=CUTOFF)(_lead(first_touch=D3), HANDOFF)
    assert (none.first_touch, none.speed, none.depth) == (D3, None, None)
    counted = _rules(speed=None, depth=DEPTH, cutoff=CUTOFF)(_lead(touch_count=3), HANDOFF)
    assert (counted.depth, counted.touches, counted.depth_from_count) == (MET, 3, True)


def test_a_speed_deadline_in_business_hours() -> None:
    # handed off on Friday 2026-11-06 at 16:00 in Paris: one working hour on Friday
    # (to 17:00), three on Monday (from 9:00): the deadline is Monday 12:00 in Paris
    paris = ZoneInfo("Europe/Paris")
    clock = Clock(paris)
    handoff = clock.moment(T(2026, 11, 6, 16))
    spec = ActualsSpec(
        HUBSPOT_FUNNEL, zone=paris, speed=SpeedClause(timedelta(hours=4), business_hours=True)
    )
    outcome = FollowUpRules(spec, clock, CUTOFF).outcome(_lead(), handoff)
    assert outcome.deadline == clock.moment(T(2026, 11, 9, 12))


def test_the_tally_adds_outcomes_up_by_name() -> None:
    tally = FollowUpTally()
    tally.add(MET, BREACHED)
    tally.add(BREACHED, PENDING)
    tally.add(PENDING, None)
    tally.add(None, MET)
    assert tally.counts() == FollowUpCounts(
        handed_off=4,
        speed_met=1,
        speed_breached=1,
        speed_pending=1,
        depth_met=1,
        depth_breached=1,
        depth_pending=1,
    )


# -- the breach order ---------------------------------------------------------


def _row(
    handoff: datetime = HANDOFF,
    lead_id: str = "L1",
    clause: str = "speed",
    first_touch: datetime | None = None,
    touches: int | None = None,
    owner: str = "ana",
) -> BreachRow:
    deadline = handoff + timedelta(hours=4)
    return BreachRow(
        handoff,
        lead_id,
        clause,
        owner,
        "ads",
        deadline,
        first_touch is not None,
        first_touch,
        touches,
    )


def test_breaches_order_by_handoff_then_lead_id_then_clause() -> None:
    rows = [
        _row(clause="speed", lead_id="L2"),
        _row(handoff=HANDOFF - timedelta(hours=1), lead_id="L9"),
        _row(clause="speed"),
        _row(clause="depth", touches=1),
    ]
    assert [(r.handoff.hour, r.lead_id, r.clause) for r in sorted(rows)] == [
        (8, "L9", "speed"),
        (9, "L1", "depth"),
        (9, "L1", "speed"),
        (9, "L2", "speed"),
    ]


def test_a_repeated_lead_orders_without_a_first_touch_first() -> None:
    touched = _row(first_touch=HANDOFF + timedelta(hours=6))
    untouched = _row()
    assert sorted([touched, untouched]) == [untouched, touched]
    assert untouched < touched
    assert not touched < untouched


@given(
    st.lists(
        st.tuples(
            st.integers(0, 3),
            st.sampled_from(["L1", "L2"]),
            st.sampled_from(["speed", "depth"]),
            st.one_of(st.none(), st.integers(0, 3)),
            st.sampled_from(["ana", "bo"]),
        ),
        max_size=30,
    ),
    st.randoms(),
    st.integers(1, 5),
)
def test_the_breaches_kept_do_not_depend_on_the_order_they_come_in(
    values: list[tuple[int, str, str, int | None, str]], rng: object, limit: int
) -> None:
    rows = [
        _row(
            HANDOFF + timedelta(hours=hour),
            lead_id,
            clause,
            None if touch is None else HANDOFF + timedelta(hours=touch),
            None if clause == "speed" else 2,
            owner,
        )
        for hour, lead_id, clause, touch, owner in values
    ]
    shuffled = list(rows)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    kept, kept_shuffled = SmallestKept[BreachRow](limit), SmallestKept[BreachRow](limit)
    for row in rows:
        kept.add(row)
    for row in shuffled:
        kept_shuffled.add(row)
    assert kept.sorted() == kept_shuffled.sorted() == sorted(rows)[:limit]


def test_a_row_becomes_a_breach_in_the_zone() -> None:
    paris = Clock(ZoneInfo("Europe/Paris"))
    breach = _row(clause="depth", touches=1).breach(paris)
    assert breach == Breach(
        handoff=T(2026, 11, 2, 10, tzinfo=ZoneInfo("Europe/Paris")),
        lead_id="L1",
        clause="depth",
        owner="ana",
        source="ads",
        deadline=T(2026, 11, 2, 14, tzinfo=ZoneInfo("Europe/Paris")),
        first_touch=None,
        touches=1,
    )


# -- the pass's seams ---------------------------------------------------------


def _spec(max_listed: int | None) -> ActualsSpec:
    sla = SLA(HUBSPOT_FUNNEL, MarketingCommitment(leads=10), speed=SPEED, depth=DEPTH)
    return ActualsSpec.of(
        sla, as_of=date(2026, 12, 15), max_listed=max_listed, breaches_in=Period.month(2026, 11)
    )


def _handed_off(count: int) -> list[Lead]:
    return [
        Lead(
            f"L{index:02d}",
            HANDOFF,
            stages={"marketingqualifiedlead": HANDOFF + timedelta(hours=count - index)},
            touches=[HANDOFF + timedelta(hours=count - index + 5)] if index % 2 else [],
        )
        for index in range(count)
    ]


def test_on_breach_gets_every_breach_the_pass_lists_and_the_actuals_keep_none() -> None:
    leads = _handed_off(6)
    listed = Pass(_spec(None)).run(leads, ())
    seen: list[Breach] = []
    streamed = Pass(_spec(2), on_breach=seen.append).run(leads, ())
    assert sorted(seen) == list(listed.breaches)
    assert len(seen) == 12  # speed and depth for each lead
    assert streamed.breaches == ()
    assert streamed.followup == listed.followup


def test_the_tables_of_a_pass_are_named_as_the_fields_of_the_actuals() -> None:
    counting = Pass(_spec(3))
    actuals = counting.run(_handed_off(4), ())
    for name in ("leads", "leads_after_as_of", "deals", "entries", "cohort", "won", "cohort_won",
                 "lost_reasons", "won_from_leads", "lost_deals", "pipeline", "sales_cycles",
                 "conversion_times", "response_times"):  # fmt: skip
        assert getattr(counting, name) == getattr(actuals, name), name
    assert {key: tally.counts() for key, tally in counting.followup.items()} == actuals.followup
