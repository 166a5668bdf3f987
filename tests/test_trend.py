"""The trend: the periods before a report's, from the same single pass."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smarketing import (
    SLA,
    Deal,
    DepthClause,
    Lead,
    MarketingCommitment,
    Period,
    SpeedClause,
    collect_actuals,
    evaluate,
)
from smarketing.errors import InvalidValue
from smarketing.measuring.trend import previous_periods
from tests.strategies import HUBSPOT_FUNNEL, record_sets

D = Decimal
T = datetime
MQL = "marketingqualifiedlead"
AS_OF = date(2027, 1, 10)
SLA_T = SLA(
    HUBSPOT_FUNNEL,
    MarketingCommitment(leads=20, lead_value=D(2000)),
    speed=SpeedClause(timedelta(hours=4)),
    depth=DepthClause(2, timedelta(days=3)),
    lead_values={"paid search": D(50)},
    default_lead_value=D(10),
)


def _goals(period: Period) -> SLA:
    """A goal that differs for every period, to see the right one used."""
    month = period.start.month
    return attrs.evolve(
        SLA_T, marketing=MarketingCommitment(leads=month, lead_value=D(month * 100))
    )


def test_periods_of_the_same_kind_oldest_first() -> None:
    """Months before a month, quarters before a quarter, years, ranges of the same length."""
    assert previous_periods(Period.month(2026, 2), 3) == (
        Period.month(2025, 11),
        Period.month(2025, 12),
        Period.month(2026, 1),
    )
    assert previous_periods(Period.quarter(2026, 1), 2) == (
        Period.quarter(2025, 3),
        Period.quarter(2025, 4),
    )
    assert previous_periods(Period.year(2026), 1) == (Period.year(2025),)
    assert previous_periods(Period.parse("2026-11-11/2026-11-20"), 2) == (
        Period.parse("2026-10-22/2026-10-31"),
        Period.parse("2026-11-01/2026-11-10"),
    )
    assert previous_periods(Period.month(2026, 2), 0) == ()
    with pytest.raises(InvalidValue, match=r"--trend.*got -1: give 0"):
        previous_periods(Period.month(2026, 2), -1)


@given(
    record_sets(),
    st.sampled_from([Period.month(2026, 12), Period.quarter(2027, 1)]),
    st.booleans(),
)
def test_the_trend_equals_evaluating_each_prior_period(
    records: tuple[list[Lead], list[Deal]], period: Period, with_goals: bool
) -> None:
    """Each point of the trend is what evaluating its period alone says."""
    leads, deals = records
    actuals = collect_actuals(leads, deals, sla=SLA_T, as_of=AS_OF)
    goals: Callable[[Period], SLA | None] | None = _goals if with_goals else None
    report = evaluate(SLA_T, actuals, period, as_of=AS_OF, trend=6, goals_for=goals)
    assert tuple(point.period for point in report.trend) == previous_periods(period, 6)
    first = actuals.first_day()
    for point in report.trend:
        if first is None or point.period.end < first:
            assert point.empty
            assert point.marketing is None
            assert point.won is None
            continue
        assert not point.empty
        alone = evaluate(_goals(point.period), actuals, point.period, as_of=AS_OF, trend=0)
        assert point.marketing is not None
        assert point.marketing.leads == alone.marketing.leads
        assert point.marketing.value == alone.marketing.value
        if with_goals:
            assert point.marketing == alone.marketing
        else:
            assert (point.marketing.goal_leads, point.marketing.goal_value) == (None, None)
        assert point.speed == alone.speed
        assert point.depth == alone.depth
        (mql,) = [stage for stage in alone.stages if stage.stage == MQL]
        assert point.handoff_rate == mql.cohort_rate_to_next
        assert point.won == alone.measured.won
        assert point.lost_deals == alone.measured.lost_deals
        assert point.win_rate == alone.measured.win_rate


def test_periods_before_the_first_data_day_are_empty_not_zero() -> None:
    """Data from October: June to September are empty; October and November are counted."""
    leads = [
        Lead("A", T(2026, 10, 5), source="paid search"),
        Lead("B", T(2026, 11, 5), stages={MQL: T(2026, 11, 6)}),
    ]
    deals = [Deal("D", lead_ids="A", amount=D(80), status="won", closed=T(2026, 11, 20))]
    report = evaluate(SLA_T, leads, Period.month(2026, 12), as_of=date(2026, 12, 31), deals=deals)
    assert [point.period.label for point in report.trend] == [
        "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11",
    ]  # fmt: skip
    assert [point.empty for point in report.trend] == [True] * 4 + [False] * 2
    october, november = report.trend[4:]
    assert october.marketing is not None
    assert (october.marketing.leads, october.marketing.value) == (1, D(50))
    assert october.won is not None
    assert october.won.deals == 0
    assert november.won is not None
    assert (november.won.deals, november.won.revenue, november.win_rate) == (1, D(80), D(1))
    assert (
        evaluate(SLA_T, leads, Period.month(2026, 12), as_of=date(2026, 12, 31), trend=0).trend
        == ()
    )
