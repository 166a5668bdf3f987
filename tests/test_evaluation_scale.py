"""Evaluation reads each table once: many distinct sources and owners give the right report.

The time is measured in benchmarks/evaluation_scale.py, never here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

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
from tests.strategies import HUBSPOT_FUNNEL, record_sets

NOVEMBER = Period.month(2026, 11)
AS_OF = date(2026, 11, 30)
MQL = "marketingqualifiedlead"
COUNT = 20_000


def _sla(sources: int) -> SLA:
    return SLA(
        HUBSPOT_FUNNEL,
        MarketingCommitment(leads=COUNT, lead_value=Decimal(COUNT * 10)),
        speed=SpeedClause(timedelta(hours=1), share=Decimal("0.5")),
        depth=DepthClause(1, timedelta(days=2)),
        lead_values={f"s{index:05d}": Decimal(index % 7 + 1) for index in range(sources)},
        spend={f"s{index:05d}": Decimal(5) for index in range(0, sources, 2)},
    )


def _records() -> tuple[list[Lead], list[Deal]]:
    leads, deals = [], []
    for index in range(COUNT):
        created = datetime(2026, 11, 1 + index % 28, 9)
        handoff = created + timedelta(hours=1)
        # even leads touched in 30 minutes (speed met), odd ones after 3 hours (breached)
        touch = handoff + timedelta(minutes=30 if index % 2 == 0 else 180)
        leads.append(
            Lead(
                f"L{index}",
                created,
                source=f"s{index:05d}",
                owner=f"o{index:05d}",
                stages={MQL: handoff},
                touches=[touch],
                lost=index % 5 == 0,
                lost_reason=f"r{index % 3}" if index % 5 == 0 else None,
            )
        )
        if index % 4 == 1:
            deals.append(
                Deal(f"D{index}", lead_ids=f"L{index}", amount=Decimal(index), status="won",
                     closed=created + timedelta(days=1))
            )  # fmt: skip
    return leads, deals


def test_twenty_thousand_sources_and_owners() -> None:
    """Every source and owner is in the report with its own exact figures."""
    leads, deals = _records()
    report = evaluate(_sla(COUNT), leads, NOVEMBER, as_of=AS_OF, deals=deals)
    assert len(report.sources) == COUNT
    assert len(report.owners) == COUNT
    assert report.marketing.leads == COUNT
    # every source is worth index % 7 + 1 a lead, and has one lead
    assert report.marketing.value == sum(Decimal(index % 7 + 1) for index in range(COUNT))
    for index, source in enumerate(report.sources):
        assert source.source == f"s{index:05d}"
        assert (source.leads, source.cohort_leads) == (1, 1)
        won = index % 4 == 1
        assert (source.won.deals, source.won.revenue) == (int(won), Decimal(index if won else 0))
        assert source.spend == (Decimal(5) if index % 2 == 0 else None)
        assert source.lost_reasons == (((f"r{index % 3}", 1),) if index % 5 == 0 else ())
    for index, owner in enumerate(report.owners):
        assert owner.owner == f"o{index:05d}"
        assert owner.speed is not None
        assert owner.depth is not None
        assert (owner.speed.met, owner.speed.breached) == ((1, 0) if index % 2 == 0 else (0, 1))
        assert (owner.depth.met, owner.depth.handed_off) == (1, 1)
    assert report.speed is not None
    assert (report.speed.met, report.speed.breached) == (COUNT // 2, COUNT // 2)
    assert report.breach_count == COUNT // 2
    pacing = report.value_pacing
    assert pacing is not None
    assert pacing.actual == report.marketing.value


@given(record_sets(), st.dates(date(2026, 10, 1), date(2027, 1, 31)))
def test_per_source_and_owner_figures_are_the_actuals_queries(
    records: tuple[list[Lead], list[Deal]], as_of: date
) -> None:
    """Each source's and owner's figures equal the actuals' own per-source, per-owner queries."""
    leads, deals = records
    sla = _sla(3)
    actuals = collect_actuals(leads, deals, sla=sla, as_of=as_of, breaches_in=NOVEMBER)
    report = evaluate(sla, actuals, NOVEMBER, as_of=as_of)
    first = HUBSPOT_FUNNEL.names[0]
    for source in report.sources:
        assert source.won == actuals.won_in(NOVEMBER, source=source.source)
        assert source.cohort_won == actuals.won_in(NOVEMBER, source=source.source, view="cohort")
        assert source.leads == actuals.count(first, NOVEMBER, source=source.source)
        assert source.spend == sla.spend_of(source.source)
    assert [owner.owner for owner in report.owners] == actuals.owners_in(NOVEMBER)
    for owner in report.owners:
        counts = actuals.followup_in(NOVEMBER, owner=owner.owner)
        assert owner.speed is not None
        assert (owner.speed.handed_off, owner.speed.met, owner.speed.breached) == (
            counts.handed_off,
            counts.speed_met,
            counts.speed_breached,
        )
    for stage in report.stages:
        assert stage.entries == actuals.count(stage.stage, NOVEMBER)
        assert stage.cohort == actuals.count(stage.stage, NOVEMBER, view="cohort")
