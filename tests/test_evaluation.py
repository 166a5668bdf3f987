"""The SLA report on a small scenario computed by hand, and its invariants."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smarketing import (
    SLA,
    ClauseStatus,
    Deal,
    DepthClause,
    Finding,
    Lead,
    MarketingCommitment,
    PacingStatus,
    Period,
    SLAReport,
    SourceCommitment,
    SpeedClause,
    collect_actuals,
    evaluate,
)
from smarketing.errors import InvalidValue
from tests.strategies import HUBSPOT_FUNNEL, record_sets

D = Decimal
T = datetime
NOVEMBER = Period.month(2026, 11)
AS_OF = date(2026, 11, 20)
MQL = "marketingqualifiedlead"

SCENARIO_SLA = SLA(
    HUBSPOT_FUNNEL,
    MarketingCommitment(
        leads=30,
        lead_value=D(60000),
        sources=(SourceCommitment("paid search", leads=20), SourceCommitment("referrals", leads=5)),
    ),
    speed=SpeedClause(timedelta(hours=1), share=D("0.9")),
    depth=DepthClause(2, timedelta(days=3)),
    lead_values={"paid search": D(200), "referrals": D(1000)},
    default_lead_value=D(100),
    spend={"paid search": D(3000), "referrals": D(500)},
)

SCENARIO_LEADS = [
    # met speed (30 min) and depth (2 touches in 3 days)
    Lead("L1", T(2026, 11, 2, 9), source="paid search", owner="ann",
         stages={MQL: T(2026, 11, 2, 10)}, touches=[T(2026, 11, 2, 10, 30), T(2026, 11, 3, 9)]),
    # first touch after 3 hours: speed breached; one touch by the end of its window: depth breached
    Lead("L2", T(2026, 11, 3, 9), source="paid search", owner="ann",
         stages={MQL: T(2026, 11, 4, 9)}, touches=[T(2026, 11, 4, 12)]),
    # all the way to customer, met both clauses
    Lead("L3", T(2026, 11, 5, 8), source="referrals", owner="bob",
         stages={MQL: T(2026, 11, 5, 9), "salesqualifiedlead": T(2026, 11, 6, 9),
                 "opportunity": T(2026, 11, 8, 9), "customer": T(2026, 11, 10, 12)},
         touches=[T(2026, 11, 5, 9, 20), T(2026, 11, 5, 15)]),
    # handed off on as_of at 9:00, untouched: speed breached at 10:00; depth window still open
    Lead("L4", T(2026, 11, 19, 10), source="referrals", owner="bob",
         stages={MQL: T(2026, 11, 20, 9)}),
    # a lead not handed off
    Lead("L5", T(2026, 11, 20, 11), source="paid search"),
    # created in October, handed off on 1 November without an owner: speed met, depth breached
    Lead("L6", T(2026, 10, 28, 9), source="organic search",
         stages={MQL: T(2026, 11, 1, 9)}, touches=[T(2026, 11, 1, 9, 30)]),
    # created after as_of: ignored
    Lead("L7", T(2026, 11, 25, 9), source="paid search"),
    # lost
    Lead("L8", T(2026, 11, 6, 10), source="paid search", lost=True, lost_reason="no budget"),
]  # fmt: skip

SCENARIO_DEALS = [
    Deal("D1", lead_ids="L3", amount=D(8000), status="won", closed=T(2026, 11, 10, 12)),
    Deal("D2", lead_ids="L1", status="lost", closed=T(2026, 11, 15), lost_reason="price"),
    Deal("D3", lead_ids="L6", amount=D(5000), status="won", closed=T(2026, 11, 12)),
    Deal("D4", lead_ids="ghost", amount=D(1000), status="won", closed=T(2026, 11, 18)),
    # won after as_of: still open on the 20th
    Deal("D5", lead_ids="L2", amount=D(3000), status="won", closed=T(2026, 11, 22)),
]


@pytest.fixture(scope="module")
def report() -> SLAReport:
    return evaluate(SCENARIO_SLA, SCENARIO_LEADS, NOVEMBER, as_of=AS_OF, deals=SCENARIO_DEALS)


def test_marketing_attainment(report: SLAReport) -> None:
    # Leads created in November up to the 20th: L1, L2, L3, L4, L5, L8 (L6 is October's, L7 later)
    assert report.leads_read == 7
    assert report.marketing.leads == 6
    assert report.marketing.lead_attainment == D("0.2")  # 6 / 30
    # 4 paid leads x 200 + 2 referrals x 1,000 = 2,800 of 60,000
    assert report.marketing.value == D(2800)
    assert report.marketing.value_attainment is not None
    assert report.marketing.value_attainment.quantize(D("0.0001")) == D("0.0467")
    paid, referrals = report.sources_attainment
    assert (paid.source, paid.leads, paid.lead_attainment) == ("paid search", 4, D("0.2"))
    assert (referrals.leads, referrals.lead_attainment, referrals.value) == (2, D("0.4"), D(2000))


def test_pacing(report: SLAReport) -> None:
    pacing = report.pacing
    assert pacing is not None
    # 20 of 30 days gone: expected 30 x 20/30 = 20; projected 6/20 x 30 = 9; (30 - 6)/10 = 2.4 a day
    assert (pacing.elapsed_days, pacing.length_days) == (20, 30)
    assert pacing.expected_to_date == D(20)
    assert pacing.projected_end == D(9)
    assert pacing.needed_per_remaining_day == D("2.4")
    assert pacing.status is PacingStatus.BEHIND  # 6 < 0.9 x 20
    # The line: 0 at the start, 1 a day, 30 at the end; the actual stops after as_of.
    assert pacing.points[0].ideal == 0
    assert pacing.points[-1].ideal == 30
    assert [p.actual for p in pacing.points[1:4]] == [0, 1, 2]  # L1 on the 2nd, L2 on the 3rd
    assert pacing.points[20].actual == 6
    assert pacing.points[21].actual is None
    value = report.value_pacing
    assert value is not None
    # 60,000 x 20/30 = 40,000 expected, 2,800 actual
    assert (value.expected_to_date, value.actual, value.status) == (
        D(40000),
        D(2800),
        PacingStatus.BEHIND,
    )


def test_follow_up(report: SLAReport) -> None:
    speed, depth = report.speed, report.depth
    assert speed is not None
    assert depth is not None
    # Handed off in November: L1, L2, L3, L4, L6. Speed met by L1, L3, L6; breached by L2, L4.
    assert (speed.handed_off, speed.met, speed.breached, speed.pending) == (5, 3, 2, 0)
    assert speed.share_met == D("0.6")
    assert speed.status is ClauseStatus.BREACHED  # 0.6 < 0.9
    # Depth met by L1, L3; breached by L2, L6; L4's window is still open.
    assert (depth.met, depth.breached, depth.pending) == (2, 2, 1)
    assert depth.status is ClauseStatus.BREACHED
    owners = {o.owner: o for o in report.owners}
    assert sorted(owners) == ["ann", "bob", "unassigned"]
    assert owners["ann"].speed is not None
    assert (owners["ann"].speed.met, owners["ann"].speed.breached) == (1, 1)
    assert owners["bob"].depth is not None
    assert (owners["bob"].depth.met, owners["bob"].depth.pending) == (1, 1)
    assert report.breach_count == 4
    assert [(b.lead_id, b.clause) for b in report.breaches] == [
        ("L6", "depth"),
        ("L2", "depth"),
        ("L2", "speed"),
        ("L4", "speed"),
    ]
    l2_speed = report.breaches[2]
    assert l2_speed.deadline == datetime(2026, 11, 4, 10, tzinfo=l2_speed.deadline.tzinfo)
    # response times 20 min, 30 min, 30 min, 3 h: median (rank 2) 30 min, p90 (rank 4) 3 h, +-1%
    assert report.median_response is not None
    assert report.p90_response is not None
    assert abs(report.median_response - timedelta(minutes=30)) <= timedelta(minutes=30) * 0.01
    assert abs(report.p90_response - timedelta(hours=3)) <= timedelta(hours=3) * 0.01


def test_sources_cost_and_return(report: SLAReport) -> None:
    sources = {s.source: s for s in report.sources}
    assert sorted(sources) == ["(no source)", "organic search", "paid search", "referrals"]
    paid = sources["paid search"]
    assert (paid.leads, paid.won.deals, paid.cohort_leads) == (4, 0, 4)
    assert paid.same_period is not None
    # 3,000 / 4 leads = 750 a lead; no customer; ROI (0 - 3,000) / 3,000 = -1
    assert paid.same_period.cost_per_lead == D(750)
    assert paid.same_period.cost_per_customer is None
    assert paid.same_period.roi == D(-1)
    assert paid.lost_reasons == (("no budget", 1), ("price", 1))
    referrals = sources["referrals"]
    assert (referrals.won.deals, referrals.won.revenue) == (1, D(8000))
    assert referrals.cohort is not None
    # 500 / 2 = 250 a lead; 500 / 1 customer; ROI (8,000 - 500) / 500 = 15
    assert (referrals.cohort.cost_per_lead, referrals.cohort.cost_per_customer) == (D(250), D(500))
    assert referrals.cohort.roi == D(15)
    organic = sources["organic search"]
    # D3 closed in November (period view) for a lead created in October (not this cohort)
    assert (organic.leads, organic.won.revenue, organic.cohort_won.deals) == (0, D(5000), 0)
    assert organic.spend is None
    assert organic.same_period is None
    assert sources["(no source)"].won.revenue == D(1000)  # D4, whose lead is unknown


def test_stages(report: SLAReport) -> None:
    stages = {s.stage: s for s in report.stages}
    # November's cohort: 6 leads; MQL L1-L4; L3 went on to customer.
    assert [stages[name].cohort for name in HUBSPOT_FUNNEL.names] == [6, 4, 1, 1, 1]
    # entries in November: L6 (October's lead) won D3 on the 12th, so it passed SQL,
    # opportunity and customer then, besides L3
    assert [stages[name].entries for name in HUBSPOT_FUNNEL.names] == [6, 5, 2, 2, 2]
    lead = stages["lead"]
    assert lead.cohort_rate_to_next is not None
    assert lead.cohort_rate_to_next.quantize(D("0.001")) == D("0.667")
    assert stages[MQL].cohort_rate_to_next == D("0.25")
    # lead -> MQL arriving in November: 1 h, 1 h, 23 h, 24 h, 96 h: median 23 h, p90 96 h
    assert lead.median_to_next is not None
    assert lead.p90_to_next is not None
    assert abs(lead.median_to_next - timedelta(hours=23)) <= timedelta(hours=23) * 0.01
    assert abs(lead.p90_to_next - timedelta(hours=96)) <= timedelta(hours=96) * 0.01
    assert stages["customer"].cohort_rate_to_next is None


def test_findings(report: SLAReport) -> None:
    # L6 became a customer through D3 without recorded SQL and opportunity dates
    # and one lead created after as_of, left out and counted
    assert report.findings.counts == {
        Finding.DEAL_WITHOUT_LEAD: 1,
        Finding.STAGE_SKIPPED: 1,
        Finding.LEAD_AFTER_AS_OF: 1,
    }
    assert report.findings.ids[Finding.DEAL_WITHOUT_LEAD] == ("D4",)


def test_precollected_actuals_give_the_same_report(report: SLAReport) -> None:
    actuals = collect_actuals(
        SCENARIO_LEADS, SCENARIO_DEALS, sla=SCENARIO_SLA, as_of=AS_OF, breaches_in=NOVEMBER
    )
    assert evaluate(SCENARIO_SLA, actuals, NOVEMBER, as_of=AS_OF) == report


def test_actuals_of_another_sla_are_refused() -> None:
    actuals = collect_actuals(SCENARIO_LEADS, sla=SCENARIO_SLA, as_of=date(2026, 11, 21))
    with pytest.raises(InvalidValue, match="another as_of"):
        evaluate(SCENARIO_SLA, actuals, NOVEMBER, as_of=AS_OF)


def test_empty_period_is_a_report_of_zeros() -> None:
    report = evaluate(SCENARIO_SLA, [], NOVEMBER, as_of=AS_OF)
    assert report.marketing.leads == 0
    assert report.marketing.lead_attainment == 0
    assert report.speed is not None
    assert report.speed.share_met is None
    assert report.speed.status is ClauseStatus.NO_DATA
    assert report.median_response is None
    assert report.pacing is not None
    assert report.pacing.projected_end == 0
    assert all(stage.cohort_rate_to_next is None for stage in report.stages)


def test_period_over() -> None:
    report = evaluate(SCENARIO_SLA, SCENARIO_LEADS, NOVEMBER, as_of=date(2026, 12, 5))
    assert report.pacing is not None
    assert report.pacing.status is PacingStatus.MISSED
    assert report.pacing.needed_per_remaining_day is None


# -- properties ---------------------------------------------------------------------------


@given(record_sets(), st.dates(date(2026, 9, 1), date(2027, 1, 31)))
def test_report_invariants(records: tuple[list[Lead], list[Deal]], as_of: date) -> None:
    leads, deals = records
    report = evaluate(SCENARIO_SLA, leads, NOVEMBER, as_of=as_of, deals=deals)
    pacing = report.pacing
    assert pacing is not None
    assert pacing.points[0].ideal == 0
    assert pacing.points[-1].ideal == pacing.goal == 30
    ideals = [p.ideal for p in pacing.points]
    assert ideals == sorted(ideals)
    # attainment x goal = actual
    attainment = report.marketing.lead_attainment
    assert attainment is not None
    error = Fraction(attainment) * 30 - report.marketing.leads
    assert abs(error) <= Fraction(30, 10**58)
    assert sum(s.leads for s in report.sources_attainment) <= report.marketing.leads
    for stage in report.stages:
        if stage.cohort_rate_to_next is not None:
            assert 0 <= stage.cohort_rate_to_next <= 1
    for clause in (report.speed, report.depth):
        assert clause is not None
        assert clause.met + clause.breached + clause.pending == clause.handed_off
        assert clause.share_met is None or 0 <= clause.share_met <= 1
    assert report.breach_count >= len(report.breaches)
    assert all(breach.handoff.date() in NOVEMBER for breach in report.breaches)
