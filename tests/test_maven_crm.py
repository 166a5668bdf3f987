"""Win rate, average sale and pipeline on Maven's CRM sales data, checked with the csv module.

The data set lives in ../shared/datasets/maven-crm-sales (see its README); it
is not part of the repository, and this test skips, saying so, where it is absent.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from smarketing import Funnel, Period, collect_actuals, read
from smarketing._numbers import ratio
from smarketing.measuring.measured import measured_back

MAVEN = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "maven-crm-sales"
PIPELINE = MAVEN / "sales_pipeline.csv"

pytestmark = pytest.mark.skipif(
    not PIPELINE.is_file(), reason=f"the Maven CRM data set is not at {MAVEN} (see shared/datasets)"
)


def _independent(period: Period) -> tuple[int, int, Decimal]:
    """Won and lost deals closed in ``period``, and the revenue won, read with csv alone."""
    won = lost = 0
    revenue = Decimal(0)
    with PIPELINE.open(newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            if not row["close_date"] or row["close_date"][:10] not in _days(period):
                continue
            if row["deal_stage"] == "Won":
                won += 1
                revenue += Decimal(row["close_value"] or 0)
            elif row["deal_stage"] == "Lost":
                lost += 1
    return won, lost, revenue


def _days(period: Period) -> set[str]:
    return {day.isoformat() for day in period.dates()}


def test_maven_win_rate_and_average_sale(tmp_path: Path) -> None:
    """8,800 opportunities through the csv adapter: each quarter's figures match the csv's."""
    leads = tmp_path / "leads.csv"
    leads.write_text("id,created\n", encoding="utf-8")  # the data set has no leads: unread
    reading = read(
        "csv",
        leads,
        deals=PIPELINE,
        options={
            "mapping": {"id": "id", "created": "created"},
            "deals_mapping": {
                "id": "opportunity_id",
                "lead_ids": "account",
                "stage": "deal_stage",
                "created": "engage_date",
                "closed": "close_date",
                "amount": "close_value",
            },
            "won_values": ["Won"],
            "lost_values": ["Lost"],
            "open_values": ["Prospecting", "Engaging"],
        },
    )
    funnel = Funnel.from_rates({"lead": Decimal("0.1")}, handoff="lead")
    actuals = collect_actuals([], reading.deals(), funnel=funnel)  # deals only
    assert actuals.deals == 8800
    for quarter in range(1, 5):
        period = Period.quarter(2017, quarter)
        won, lost, revenue = _independent(period)
        back = measured_back(actuals, period)
        assert (back.won.deals, back.lost_deals, back.won.revenue) == (won, lost, revenue)
        assert back.win_rate == ratio(won, won + lost)
        assert back.average_sale == ratio(revenue, won)
        assert back.won_from_leads.deals == 0  # no lead read: none is marketing's
    year = measured_back(actuals, Period.year(2017))
    assert (year.won.deals, year.lost_deals) == (4238, 2473)
    assert year.win_rate is not None
    assert round(year.win_rate, 4) == Decimal("0.6315")
    # Engaging and Prospecting opportunities are the open pipeline
    assert year.pipeline.deals == 1589 + 500
