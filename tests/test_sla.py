"""The SLA's clauses are checked when built; SLA.from_plan; pacing rules."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smarketing import (
    SLA,
    BusinessCalendar,
    DepthClause,
    InvalidFunnel,
    InvalidRate,
    InvalidValue,
    LeadSource,
    MarketingCommitment,
    Objective,
    PacingRule,
    PacingStatus,
    Period,
    SourceCommitment,
    SpeedClause,
    WrongType,
)
from smarketing.measuring.pacing import pace
from tests.strategies import HUBSPOT_FUNNEL

D = Decimal


@pytest.mark.parametrize(
    ("build", "error", "words"),
    [
        (lambda: SpeedClause(timedelta(0)), InvalidValue, "longer than zero"),
        (
            lambda: SpeedClause(3600),  # type: ignore[arg-type]
            WrongType,
            r"must be a datetime\.timedelta",
        ),
        (lambda: SpeedClause(timedelta(hours=1), share=D("1.5")), InvalidRate, "at most 1"),
        (lambda: DepthClause(0, timedelta(days=1)), InvalidValue, "at least 1"),
        (lambda: DepthClause(5, timedelta(days=-1)), InvalidValue, "longer than zero"),
        (lambda: MarketingCommitment(leads=-1), InvalidValue, "0 or more"),
        (
            lambda: MarketingCommitment(
                sources=(SourceCommitment("a", leads=1), SourceCommitment("a", leads=2))
            ),
            InvalidValue,
            "more than once",
        ),
        (lambda: SourceCommitment("a"), InvalidValue, "neither leads nor lead_value"),
        (
            lambda: SLA(HUBSPOT_FUNNEL, MarketingCommitment(leads=1, stage="visitor")),
            InvalidFunnel,
            "'visitor' is not a stage",
        ),
        (lambda: PacingRule(behind_below=D("1.1")), InvalidValue, "behind_below <= 1"),
        (
            lambda: SLA(HUBSPOT_FUNNEL, MarketingCommitment(leads=1), spend={"a": D(-1)}),
            InvalidValue,
            "0 or more",
        ),
    ],
)
def test_impossible_clauses_are_refused(build: Any, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words):
        build()


def test_sla_from_plan() -> None:
    objective = Objective(
        revenue_goal=D(1000000),
        marketing_share=D("0.5"),
        average_sale=D(10000),
        close_rate=HUBSPOT_FUNNEL.close_rate(),
        funnel=HUBSPOT_FUNNEL,
        sources=(
            LeadSource("ads", close_rate=D("0.02"), share=D("0.6"), spend=D(12000)),
            LeadSource("referrals", close_rate=D("0.05"), share=D("0.4")),
        ),
    )
    plan = objective.plan()
    sla = SLA.from_plan(plan, speed=SpeedClause(timedelta(hours=1)))
    # 50 customers / 0.025 = 2,000 leads; lead value 0.025 x 10,000 = 250
    assert sla.marketing.leads == 2000
    assert sla.marketing.lead_value == D(500000)
    assert sla.lead_value_of("ads") == D(200)
    assert sla.lead_value_of("elsewhere") == D(250)
    assert sla.spend_of("ads") == D(12000)
    ads, referrals = sla.marketing.sources
    # ads: 300,000 / 200 = 1,500 leads; referrals: 200,000 / 500 = 400
    assert (ads.leads, referrals.leads) == (1500, 400)
    mql = SLA.from_plan(plan, stage="marketingqualifiedlead")
    # 1,000 MQLs, each worth 250 / 0.5 = 500; per-source counts are not known at the MQL stage
    assert mql.marketing.leads == 1000
    assert mql.default_lead_value == D(500)
    assert mql.marketing.sources[0].leads is None


def test_business_day_pacing() -> None:
    """November 2026 has 21 working days; by Friday the 13th, 10 are gone."""
    rule = PacingRule(business_days=True)
    pacing = pace(
        unit="leads",
        goal=210,
        daily={date(2026, 11, 2): 100},
        period=Period.month(2026, 11),
        as_of=date(2026, 11, 13),
        rule=rule,
        calendar=BusinessCalendar(),
    )
    assert (pacing.elapsed_days, pacing.length_days) == (10, 21)
    assert pacing.expected_to_date == 100
    assert pacing.status is PacingStatus.ON_TRACK
    # weekend days add nothing to the ideal line
    assert pacing.points[1].ideal == 0  # Sunday the 1st
    assert pacing.points[2].ideal == 10  # Monday the 2nd


@pytest.mark.parametrize(
    ("actual", "status"),
    [(10, PacingStatus.BEHIND), (18, PacingStatus.ON_TRACK), (25, PacingStatus.AHEAD)],
)
def test_pacing_thresholds(actual: int, status: PacingStatus) -> None:
    # 20 expected by the 20th: behind below 18, ahead above 24
    pacing = pace(
        unit="leads",
        goal=30,
        daily={date(2026, 11, 1): actual},
        period=Period.month(2026, 11),
        as_of=date(2026, 11, 20),
        rule=PacingRule(),
        calendar=BusinessCalendar(),
    )
    assert pacing.status is status


@given(
    st.integers(0, 10_000),
    st.dictionaries(st.dates(date(2026, 11, 1), date(2026, 11, 30)), st.integers(0, 500)),
    st.dates(date(2026, 10, 15), date(2026, 12, 15)),
)
def test_pacing_line_and_projection(goal: int, daily: dict[date, int], as_of: date) -> None:
    pacing = pace(
        unit="leads",
        goal=goal,
        daily=daily,
        period=Period.month(2026, 11),
        as_of=as_of,
        rule=PacingRule(),
        calendar=BusinessCalendar(),
    )
    assert pacing.points[0].ideal == 0
    assert pacing.points[-1].ideal == goal
    assert pacing.actual == sum(v for d, v in daily.items() if d <= as_of)
    if pacing.elapsed_days == pacing.length_days:
        assert pacing.projected_end == pacing.actual
    if pacing.attainment is not None:
        # attainment x goal = actual, up to the 60-significant-digit rounding of the division
        exact = Fraction(pacing.actual) / goal
        assert abs(Fraction(pacing.attainment) - exact) <= exact / 10**59
