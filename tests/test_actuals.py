"""The one-pass actuals: rules on small cases, and merge / order properties."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smarketing import (
    SLA,
    BusinessCalendar,
    Deal,
    Finding,
    FunnelActuals,
    InvalidRate,
    Lead,
    MarketingCommitment,
    Period,
    SpeedClause,
    collect_actuals,
)
from smarketing.errors import InvalidValue
from smarketing.measuring.one_pass import Pass
from tests.passes import collect_records
from tests.strategies import HUBSPOT_FUNNEL, record_sets, slas, zones

D = Decimal
T = datetime
MQL = "marketingqualifiedlead"
NOVEMBER = Period.month(2026, 11)
ALL = Period.parse("2026-01-01/2027-12-31")


def test_skipped_stages_count_as_passed() -> None:
    lead = Lead("L1", T(2026, 11, 2), stages={"opportunity": T(2026, 11, 9)})
    actuals = collect_actuals([lead], funnel=HUBSPOT_FUNNEL)
    # lead on the 2nd; MQL, SQL and opportunity all on the 9th
    assert actuals.daily(MQL, NOVEMBER) == {date(2026, 11, 9): 1}
    assert [actuals.count(s, NOVEMBER, view="cohort") for s in HUBSPOT_FUNNEL.names] == [
        1,
        1,
        1,
        1,
        0,
    ]
    assert actuals.findings.counts == {Finding.STAGE_SKIPPED: 1}
    # conversion times use recorded stages only: none here
    assert actuals.time_to_convert("lead", MQL, NOVEMBER).count == 0


def test_out_of_order_and_custom_stages_are_kept() -> None:
    lead = Lead(
        "L1",
        T(2026, 11, 10),
        stages={MQL: T(2026, 11, 5), "evangelist": T(2026, 11, 20), "lead": T(2026, 11, 10)},
    )
    actuals = collect_actuals([lead], funnel=HUBSPOT_FUNNEL)
    assert actuals.findings.counts == {
        Finding.STAGE_OUT_OF_ORDER: 1,
        Finding.UNKNOWN_STAGE: 1,
    }
    assert actuals.count("evangelist", NOVEMBER) == 1
    assert actuals.stages_seen()[-1] == "evangelist"
    assert actuals.time_to_convert("lead", MQL, NOVEMBER).count == 0  # negative: left out


def test_deal_attribution_does_not_depend_on_lead_order() -> None:
    leads = [
        Lead("A", T(2026, 11, 1), source="ads"),
        Lead("B", T(2026, 11, 2), source="referrals"),
    ]
    deal = Deal("D", lead_ids=("B", "A"), amount=D(10), status="won", closed=T(2026, 11, 3))
    for order in (leads, leads[::-1]):
        actuals = collect_actuals(order, [deal], funnel=HUBSPOT_FUNNEL)
        assert actuals.won_in(NOVEMBER, source="referrals").revenue == D(10)
        assert actuals.won_in(NOVEMBER, source="ads").deals == 0


def test_a_won_deal_makes_its_leads_customers() -> None:
    leads = [Lead("A", T(2026, 11, 1), stages={MQL: T(2026, 11, 2)}), Lead("B", T(2026, 11, 1))]
    deals = [
        Deal("D1", lead_ids=("A", "B"), amount=D(10), status="won", closed=T(2026, 11, 20)),
        Deal("D2", lead_ids="A", amount=D(10), status="won", closed=T(2026, 11, 12)),
        Deal("D3", lead_ids="B", status="lost", closed=T(2026, 11, 5)),
    ]
    actuals = collect_actuals(leads, deals, funnel=HUBSPOT_FUNNEL)
    # A: customer on the 12th (its earliest win); B: on the 20th; the stages between are passed
    assert actuals.daily("customer", NOVEMBER) == {date(2026, 11, 12): 1, date(2026, 11, 20): 1}
    assert actuals.count("customer", NOVEMBER, view="cohort") == 2
    before = collect_actuals(leads, deals, funnel=HUBSPOT_FUNNEL, as_of=date(2026, 11, 15))
    assert before.daily("customer", NOVEMBER) == {date(2026, 11, 12): 1}


def test_deal_with_its_own_source() -> None:
    deal = Deal("D", lead_ids="gone", amount=D(5), status="won", closed=T(2026, 11, 3), source="x")
    actuals = collect_actuals([], [deal], funnel=HUBSPOT_FUNNEL)
    assert actuals.won_in(NOVEMBER, source="x").revenue == D(5)
    assert actuals.findings.total == 0


def test_deal_findings() -> None:
    leads = [Lead("A", T(2026, 11, 10))]
    deals = [
        Deal("D1", lead_ids="A", amount=D(5), status="won", closed=T(2026, 11, 1)),
        Deal("D2", lead_ids="A", status="won", closed=T(2026, 11, 12)),
        Deal("D3", lead_ids="A", amount=D(5), status="won"),
        Deal("D4", lead_ids="A", amount=D(5), currency="EUR", status="won", closed=T(2026, 11, 12)),
    ]
    actuals = collect_actuals(leads, deals, funnel=HUBSPOT_FUNNEL, currency="USD")
    assert actuals.findings.counts == {
        Finding.WON_BEFORE_LEAD_CREATED: 1,
        Finding.WON_WITHOUT_AMOUNT: 1,
        Finding.WON_WITHOUT_CLOSE_DATE: 1,
        Finding.OTHER_CURRENCY: 1,
        # D1 made A a customer on the 1st, before A was created on the 10th:
        # the stages between are passed then, and the order is wrong
        Finding.STAGE_SKIPPED: 1,
        Finding.STAGE_OUT_OF_ORDER: 1,
    }
    # D1 and D2 closed in November; D3 (no close date) only in the cohort view
    assert actuals.won_in(NOVEMBER).deals == 2
    assert actuals.won_in(NOVEMBER, view="cohort").deals == 3
    assert actuals.won_in(NOVEMBER, view="cohort").revenue == D(10)


def test_naive_times_are_read_in_the_zone_and_durations_cross_dst() -> None:
    """Paris leaves summer time at 03:00 on 25 October 2026: 23:30 to 03:30 is five hours."""
    paris = ZoneInfo("Europe/Paris")
    lead = Lead(
        "L1",
        T(2026, 10, 24, 23),
        stages={MQL: T(2026, 10, 24, 23, 30)},
        touches=[T(2026, 10, 25, 3, 30)],
    )
    sla = SLA(
        HUBSPOT_FUNNEL,
        MarketingCommitment(leads=1),
        speed=SpeedClause(timedelta(hours=4, minutes=30)),
    )
    paris_actuals = collect_actuals([lead], sla=sla, zone=paris, as_of=date(2026, 11, 30))
    october = Period.month(2026, 10)
    assert paris_actuals.followup_in(october).speed_breached == 1  # 5 h > 4 h 30
    utc_actuals = collect_actuals([lead], sla=sla, zone=UTC, as_of=date(2026, 11, 30))
    assert utc_actuals.followup_in(october).speed_met == 1  # read as UTC: 4 h
    # an aware time is converted, not re-read: 22:30 UTC on the 24th is 00:30 on the 25th in Paris
    aware = Lead("L2", T(2026, 10, 24, 22, 30, tzinfo=UTC))
    assert collect_actuals([aware], funnel=HUBSPOT_FUNNEL, zone=paris).daily("lead", october) == {
        date(2026, 10, 25): 1
    }


def test_business_hours_deadline() -> None:
    """Four working hours from Friday 16:00 (9:00-17:00) end on Monday at 12:00."""
    friday = T(2026, 11, 13, 16)
    calendar = BusinessCalendar()
    assert calendar.add_working_time(friday, timedelta(hours=4)) == T(2026, 11, 16, 12)
    assert calendar.working_time(friday, T(2026, 11, 16, 12)) == timedelta(hours=4)
    lead = Lead("L1", friday, stages={MQL: friday}, touches=[T(2026, 11, 16, 11)])
    for business, met in ((True, 1), (False, 0)):
        sla = SLA(
            HUBSPOT_FUNNEL,
            MarketingCommitment(leads=1),
            speed=SpeedClause(timedelta(hours=4), business_hours=business),
            calendar=calendar,
        )
        actuals = collect_actuals([lead], sla=sla, as_of=date(2026, 11, 30))
        assert actuals.followup_in(NOVEMBER).speed_met == met


def test_as_of_ignores_later_events() -> None:
    lead = Lead("L1", T(2026, 11, 2), stages={MQL: T(2026, 11, 21)})
    actuals = collect_actuals([lead], funnel=HUBSPOT_FUNNEL, as_of=date(2026, 11, 20))
    assert actuals.count(MQL, NOVEMBER) == 0
    later = collect_actuals([lead], funnel=HUBSPOT_FUNNEL, as_of=T(2026, 11, 21, 0, 0))
    assert later.count(MQL, NOVEMBER) == 1


def test_merge_refuses_other_specs() -> None:
    one = collect_actuals([], funnel=HUBSPOT_FUNNEL)
    other = collect_actuals([], funnel=HUBSPOT_FUNNEL, as_of=date(2026, 1, 1))
    with pytest.raises(InvalidValue, match="different specs"):
        one.merge(other)


def test_measured_rates_plan_the_next_quarter() -> None:
    """Ten leads, five MQLs, two SQLs, two opportunities, one customer who paid 9,000."""
    leads = []
    for index in range(10):
        stages = {}
        if index < 5:
            stages[MQL] = T(2026, 7, 10)
        if index < 2:
            stages["salesqualifiedlead"] = T(2026, 7, 11)
            stages["opportunity"] = T(2026, 7, 12)
        if index < 1:
            stages["customer"] = T(2026, 7, 20)
        leads.append(Lead(f"L{index}", T(2026, 7, 1), source="ads", stages=stages))
    deals = [Deal("D", lead_ids="L0", amount=D(9000), status="won", closed=T(2026, 7, 20))]
    q3 = Period.quarter(2026, 3)
    measured = collect_actuals(leads, deals, funnel=HUBSPOT_FUNNEL).measure(q3)
    assert measured.close_rate == D("0.1")
    assert measured.average_sale == D(9000)
    assert [rate for _, _, rate in measured.conversion] == [D("0.5"), D("0.4"), D(1), D("0.5")]
    objective = measured.objective(
        revenue_goal=D(90000), marketing_share=D(1), period=Period.quarter(2026, 4)
    )
    # 90,000 / 9,000 = 10 customers; / 0.1 = 100 leads
    plan = objective.plan()
    assert (plan.customers_needed, plan.leads_needed) == (10, 100)
    assert [source.name for source in objective.sources] == ["ads"]
    with pytest.raises(InvalidRate, match="no lead of the 2026-Q3 cohort went from 'lead'"):
        collect_actuals(leads[5:], funnel=HUBSPOT_FUNNEL).measure(q3).objective(
            revenue_goal=D(1), marketing_share=D(1)
        )


# -- properties ---------------------------------------------------------------------------


@given(record_sets(aware=True), slas(), zones, st.randoms(use_true_random=False))
def test_order_does_not_matter(
    records: tuple[list[Lead], list[Deal]], sla: SLA, zone: tzinfo, rng: random.Random
) -> None:
    """Whatever the clauses, business hours and zone (records naive and aware)."""
    leads, deals = records
    shuffled_leads, shuffled_deals = leads[:], deals[:]
    rng.shuffle(shuffled_leads)
    rng.shuffle(shuffled_deals)
    assert collect_records(leads, deals, sla, zone=zone) == collect_records(
        shuffled_leads, shuffled_deals, sla, zone=zone
    )


def _split(
    leads: list[Lead], deals: list[Deal], parts: list[int]
) -> list[tuple[list[Lead], list[Deal]]]:
    """Split leads by ``parts`` (a part number per lead), deals with their lead."""
    count = max(parts, default=0) + 1
    chunks: list[tuple[list[Lead], list[Deal]]] = [([], []) for _ in range(count)]
    home = {}
    for lead, part in zip(leads, parts, strict=True):
        chunks[part][0].append(lead)
        home[lead.id] = part
    for deal in deals:
        chunks[home.get(deal.lead_ids[0], 0)][1].append(deal)
    return chunks


@given(record_sets(aware=True), slas(), zones, st.data())
def test_merge_equals_one_pass_and_is_associative_and_commutative(
    records: tuple[list[Lead], list[Deal]], sla: SLA, zone: tzinfo, data: st.DataObject
) -> None:
    """Speed (business hours or not) and depth clauses, a drawn calendar and zone."""
    leads, deals = records
    parts = data.draw(st.lists(st.integers(0, 2), min_size=len(leads), max_size=len(leads)))
    chunks = [collect_records(*chunk, sla, zone=zone) for chunk in _split(leads, deals, parts)]
    while len(chunks) < 3:
        chunks.append(collect_records([], [], sla, zone=zone))
    a, b, c = chunks[:3]
    whole = collect_records(leads, deals, sla, zone=zone)
    assert FunnelActuals.combine(chunks) == whole
    assert a.merge(b) == b.merge(a)
    assert a.merge(b).merge(c) == a.merge(b.merge(c))


@given(record_sets(aware=True), slas(), zones)
def test_counts_add_up_and_cohorts_shrink_down_the_funnel(
    records: tuple[list[Lead], list[Deal]], sla: SLA, zone: tzinfo
) -> None:
    leads, deals = records
    actuals = collect_records(leads, deals, sla, zone=zone)
    for period in (ALL, NOVEMBER, Period.month(2026, 10)):
        for view in ("period", "cohort"):
            for stage in actuals.stages_seen():
                total = actuals.count(stage, period, view=view)
                assert sum(actuals.by_source(stage, period, view=view).values()) == total
                assert sum(actuals.by_segment(stage, period, view=view).values()) == total
        for source in [*actuals.sources_seen(), None]:
            cohort = [
                actuals.count(stage, period, source=source, view="cohort")
                for stage in HUBSPOT_FUNNEL.names
            ]
            assert cohort == sorted(cohort, reverse=True)
    # every lead read lands in the cohort of its creation day
    assert actuals.count("lead", ALL, view="cohort") == actuals.leads
    assert actuals.leads + actuals.leads_after_as_of == len(leads)
    assert actuals.deals == len(deals)


@given(record_sets(aware=True), slas(), zones)
def test_the_shortcut_for_quiet_leads_changes_nothing(
    records: tuple[list[Lead], list[Deal]], sla: SLA, zone: tzinfo
) -> None:
    """The pass counts leads that never went past the first stage in a few steps: the same."""
    leads, deals = records
    spec = collect_records([], [], sla, zone=zone).spec
    reference = Pass(spec, quiet_shortcut=False)
    assert Pass(spec).run(leads, deals) == reference.run(leads, deals)


def test_a_repeated_lead_id_does_not_break_the_pass() -> None:
    """Bad input may repeat a lead: both are counted, and the breach list still sorts."""
    handoff = T(2026, 11, 2, 9)
    twice = [
        Lead("L1", handoff, stages={MQL: handoff}, touches=[T(2026, 11, 3)]),
        Lead("L1", handoff, stages={MQL: handoff}),
    ]
    actuals = collect_records(twice, [])
    assert actuals.count("lead", NOVEMBER) == 2
    assert [(b.lead_id, b.first_touch is None) for b in actuals.breaches] == [
        ("L1", True),
        ("L1", False),
    ]


@given(record_sets(aware=True), slas(), zones, st.data())
def test_the_measured_outcomes_merge_exactly(
    records: tuple[list[Lead], list[Deal]], sla: SLA, zone: tzinfo, data: st.DataObject
) -> None:
    """Won from leads, lost deals, the pipeline and the sales cycle: parts add up to the pass."""
    leads, deals = records
    parts = data.draw(st.lists(st.integers(0, 2), min_size=len(leads), max_size=len(leads)))
    chunks = [collect_records(*chunk, sla, zone=zone) for chunk in _split(leads, deals, parts)]
    whole = collect_records(leads, deals, sla, zone=zone)
    merged = FunnelActuals.combine([*chunks, collect_records([], [], sla, zone=zone)])
    for name in ("won_from_leads", "lost_deals", "pipeline", "sales_cycles"):
        assert getattr(merged, name) == getattr(whole, name), name
    assert merged.first_day() == whole.first_day()
    for period in (ALL, NOVEMBER):
        assert merged.won_from_leads_in(period) == whole.won_from_leads_in(period)
        assert merged.lost_deals_in(period) == whole.lost_deals_in(period)
        assert merged.sales_cycle(period) == whole.sales_cycle(period)
    assert merged.open_deals() == whole.open_deals()
    # every won deal with a close date by as_of and a lead created before is timed once
    assert whole.sales_cycle(ALL).count <= whole.won_from_leads_in(ALL).deals
