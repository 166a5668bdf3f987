"""The library on real public CRM data, as a user would run it.

The data sets live in ../shared/datasets/ (see its README); they are not part
of the repository, and these tests skip, saying so, where the folder is absent.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from smarketing import Finding, Funnel, Period, collect_actuals, read

DATASETS = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets"
OLIST = DATASETS / "olist-marketing-funnel"

pytestmark = pytest.mark.skipif(
    not OLIST.is_dir(), reason=f"the public data sets are not at {DATASETS} (see shared/datasets)"
)


def test_olist_marketing_funnel() -> None:
    """8,000 MQLs and 842 closed deals, read with the csv adapter, through one pass."""
    reading = read(
        "csv",
        OLIST / "olist_marketing_qualified_leads_dataset.csv",
        deals=OLIST / "olist_closed_deals_dataset.csv",
        options={
            "mapping": {
                "id": "mql_id",
                "created": "first_contact_date",
                "source": "origin",
                "segments.landing_page": "landing_page_id",
            },
            "deals_mapping": {
                "id": "seller_id",
                "lead_ids": "mql_id",
                "closed": "won_date",
                "owner": "sr_id",
            },
            "deal_status": "won",
        },
    )
    funnel = Funnel.from_rates({"mql": Decimal("0.1")}, handoff="mql")
    actuals = collect_actuals(reading.leads(), reading.deals(), funnel=funnel)
    leads_report, deals_report = reading.report.leads, reading.report.deals
    assert leads_report is not None
    assert deals_report is not None
    assert (leads_report.rows_read, leads_report.rejected) == (8000, 0)
    assert (deals_report.rows_read, deals_report.rejected) == (842, 0)
    assert actuals.leads == 8000
    assert actuals.deals == 842
    whole = Period.parse("2017-01-01/2018-12-31")
    # every closed deal's lead is among the MQLs: all 842 became customers
    assert actuals.count("customer", whole, view="cohort") == 842
    assert actuals.won_in(whole).deals == 842
    sources = actuals.by_source("mql", whole)
    assert sum(sources.values()) == 8000
    assert sources["organic search"] > sources["paid search"] > 0
    # blank origins (60 of them) are kept apart from the 1,099 marked "unknown"
    assert (sources["unknown"], sources["(no source)"]) == (1099, 60)
    # the data's known flaws are found, not hidden: one deal won before its first contact
    assert actuals.findings.counts == {
        Finding.STAGE_OUT_OF_ORDER: 1,
        Finding.WON_BEFORE_LEAD_CREATED: 1,
        Finding.WON_WITHOUT_AMOUNT: 842,  # the closed deals file has no deal amounts
    }
    # 842 of the 8,000 MQLs of June 2017 to May 2018 closed: 10.525%
    measured = actuals.measure(Period.parse("2017-06-01/2018-05-31"))
    assert measured.close_rate == Decimal("0.10525")
