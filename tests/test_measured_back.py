"""The four metrics measured back, the win rate, the open pipeline and the sales cycle."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given

from smarketing import (
    SLA,
    Deal,
    DealStatus,
    Lead,
    MarketingCommitment,
    Period,
    collect_actuals,
    evaluate,
    read,
)
from smarketing._numbers import ratio
from smarketing.adapters import _table as table_module
from smarketing.measuring.measured import measured_back
from tests.strategies import HUBSPOT_FUNNEL, record_sets

D = Decimal
T = datetime
NOVEMBER = Period.month(2026, 11)
AS_OF = date(2026, 11, 30)
SLA_ = SLA(HUBSPOT_FUNNEL, MarketingCommitment(leads=10))
DEMO = Path(str(files("smarketing.demo")))


def _scenario() -> tuple[list[Lead], list[Deal]]:
    leads = [
        Lead("A", T(2026, 11, 1), source="ads"),
        Lead("B", T(2026, 11, 2), source="ads"),
        Lead("C", T(2026, 11, 3), source="seo"),
        Lead("E", T(2026, 10, 20), source="seo"),
    ]
    deals = [
        Deal("D1", lead_ids="A", amount=D(1000), status="won", closed=T(2026, 11, 11)),
        Deal("D2", lead_ids="C", amount=D(3000), status="won", closed=T(2026, 11, 23)),
        # its lead is not among the leads read: won, but not from marketing's leads
        Deal("D3", lead_ids="gone", amount=D(2000), status="won", closed=T(2026, 11, 15),
             source="partner"),
        Deal("D4", lead_ids="B", status="lost", closed=T(2026, 11, 20)),
        Deal("D5", lead_ids="E", status="lost", closed=T(2026, 10, 30)),
        Deal("D6", lead_ids="B", amount=D(500), created=T(2026, 11, 25)),
        # won after as_of: still open on the 30th
        Deal("D7", lead_ids="E", amount=D(700), status="won", closed=T(2026, 12, 5)),
        # created after as_of: not in the pipeline of the 30th
        Deal("D8", lead_ids="A", amount=D(900), created=T(2026, 12, 3)),
        Deal("D9", lead_ids="E", amount=D(400), status="won", closed=T(2026, 10, 25)),
    ]  # fmt: skip
    return leads, deals


def test_the_four_metrics_win_rate_pipeline_and_cycle_by_hand() -> None:
    """Each figure of a small month, computed by hand."""
    leads, deals = _scenario()
    actuals = collect_actuals(leads, deals, sla=SLA_, as_of=AS_OF)
    back = measured_back(actuals, NOVEMBER)
    assert (back.won.deals, back.won.revenue) == (3, D(6000))
    assert (back.won_from_leads.deals, back.won_from_leads.revenue) == (2, D(4000))
    assert back.marketing_share == ratio(4000, 6000)
    assert back.average_sale == D(2000)
    assert back.lost_deals == 1
    assert back.win_rate == D("0.75")
    assert (back.cohort_leads, back.cohort_customers) == (3, 2)
    assert back.close_rate == ratio(2, 3)
    assert (back.pipeline.deals, back.pipeline.amount) == (2, D(1200))
    median = back.median_sales_cycle
    assert median is not None
    # lead created -> won: 10 days (A) and 20 days (C); the lower median, within 1%
    assert abs(median - timedelta(days=10)) <= timedelta(days=10) * 0.01
    october = measured_back(actuals, Period.month(2026, 10))
    assert (october.won.deals, october.lost_deals, october.win_rate) == (1, 1, D("0.5"))
    assert october.marketing_share == 1
    cycle = october.median_sales_cycle
    assert cycle is not None
    assert abs(cycle - timedelta(days=5)) <= timedelta(days=5) * 0.01


def test_the_report_carries_them() -> None:
    """``evaluate`` gives the same figures in ``report.measured``."""
    leads, deals = _scenario()
    report = evaluate(SLA_, leads, NOVEMBER, as_of=AS_OF, deals=deals)
    actuals = collect_actuals(leads, deals, sla=SLA_, as_of=AS_OF, breaches_in=NOVEMBER)
    assert report.measured == measured_back(actuals, NOVEMBER)


def test_nothing_to_divide_by_is_none() -> None:
    """A period with no deal: no share, no average sale, no win rate, no cycle."""
    actuals = collect_actuals([], [], sla=SLA_, as_of=AS_OF)
    back = measured_back(actuals, NOVEMBER)
    assert back.marketing_share is None
    assert back.average_sale is None
    assert back.win_rate is None
    assert back.close_rate is None
    assert back.median_sales_cycle is None
    assert back.pipeline.deals == 0


@given(record_sets())
def test_pipeline_and_outcomes_against_the_records(
    records: tuple[list[Lead], list[Deal]],
) -> None:
    """The pipeline is every deal open at ``as_of``; marketing's won deals are among all won."""
    leads, deals = records
    as_of = date(2026, 12, 15)
    cutoff = datetime(2026, 12, 16)
    actuals = collect_actuals(leads, deals, sla=SLA_, as_of=as_of)
    open_deals = [
        deal
        for deal in deals
        if (deal.created is None or deal.created < cutoff)
        and (
            deal.status in (DealStatus.OPEN, DealStatus.UNKNOWN)
            or (deal.closed is not None and deal.closed >= cutoff)
        )
    ]
    whole = Period.parse("2026-01-01/2027-12-31")
    back = measured_back(actuals, whole)
    assert back.pipeline.deals == len(open_deals)
    assert back.pipeline.amount == sum((deal.amount or D(0) for deal in open_deals), D(0))
    assert back.won_from_leads.deals <= back.won.deals
    read = {lead.id for lead in leads}
    closed_won = [
        deal
        for deal in deals
        if deal.status is DealStatus.WON and deal.closed is not None and deal.closed < cutoff
    ]
    assert back.won.deals == len(closed_won)
    assert back.won_from_leads.deals == sum(
        1 for deal in closed_won if any(lead_id in read for lead_id in deal.lead_ids)
    )


def test_parts_and_spilled_deals_give_the_one_pass_outcomes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo export read in two processes, deals on disk: the new fields are the pass's."""
    contacts = DEMO / "hubspot-contacts.csv"
    path = tmp_path / "contacts.csv"
    path.write_bytes(contacts.read_bytes())
    deals = DEMO / "hubspot-deals.csv"
    options = {"check_duplicates": False}
    sla = SLA(HUBSPOT_FUNNEL, MarketingCommitment(leads=10))
    one = read("hubspot", path, deals=deals, options=options).collect_actuals(
        sla=sla, as_of=date(2026, 11, 20)
    )
    assert one.pipeline
    assert one.sales_cycles
    assert one.won_from_leads
    assert one.lost_deals
    monkeypatch.setattr(table_module, "PART_BYTES", 1)  # a part however small the file
    parted = read("hubspot", path, deals=deals, options=options)
    assert len(parted.adapter.parts(path, parted.options, 2)) == 2  # type: ignore[attr-defined]
    for workers, held in ((2, None), (1, 5), (2, 5)):
        other = read("hubspot", path, deals=deals, options=options).collect_actuals(
            sla=sla, as_of=date(2026, 11, 20), workers=workers, deals_in_memory=held
        )
        for name in ("won_from_leads", "lost_deals", "pipeline", "sales_cycles"):
            assert getattr(other, name) == getattr(one, name), (workers, held, name)
