"""deal_without_lead: counted by what happened, not by the day the report is as of."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from smarketing import Deal, Lead, collect_actuals
from smarketing.measuring.actuals import UNKNOWN_SOURCE
from smarketing.measuring.findings import Finding
from tests.strategies import HUBSPOT_FUNNEL

LEADS = [
    Lead("L1", datetime(2026, 11, 2, 9), source="paid search"),
    Lead("L2", datetime(2026, 11, 25, 9), source="referrals"),  # after as_of 2026-11-20
    Lead("L3", datetime(2026, 11, 26, 9), source="referrals"),
]
DEALS = [
    Deal("D1", lead_ids="L1", amount=Decimal(100), status="won", closed=datetime(2026, 11, 9)),
    # the lead of a later deal: created after as_of, the deal closed later still
    Deal("D2", lead_ids="L2", amount=Decimal(200), status="won", closed=datetime(2026, 12, 2)),
    Deal("D3", lead_ids="L3", status="open"),
    # a deal whose lead is nowhere: a data problem whatever the day
    Deal("D4", lead_ids="L404", amount=Decimal(50), status="won", closed=datetime(2026, 11, 3)),
    # won before its lead was created (after as_of): linked to that lead, and said so
    Deal("D5", lead_ids="L2", amount=Decimal(70), status="won", closed=datetime(2026, 11, 12)),
]


def findings_as_of(day: date) -> dict[Finding, tuple[str, ...]]:
    actuals = collect_actuals(LEADS, DEALS, funnel=HUBSPOT_FUNNEL, as_of=day)
    return dict(actuals.findings.ids)


def test_a_deal_whose_lead_comes_after_as_of_is_no_deal_without_lead() -> None:
    """2,223 deals without lead as of 2026-11-20, 2 as of 2026-12-31, on the same file."""
    early = findings_as_of(date(2026, 11, 20))
    late = findings_as_of(date(2026, 12, 31))
    assert early[Finding.DEAL_WITHOUT_LEAD] == ("D4",)
    assert late[Finding.DEAL_WITHOUT_LEAD] == ("D4",)
    assert early[Finding.WON_BEFORE_LEAD_CREATED] == ("D5",)


def test_a_deal_won_before_as_of_is_counted_under_its_leads_source() -> None:
    actuals = collect_actuals(LEADS, DEALS, funnel=HUBSPOT_FUNNEL, as_of=date(2026, 11, 20))
    won = {key[1]: value.deals for key, value in actuals.won.items()}
    assert won == {"paid search": 1, "referrals": 1, UNKNOWN_SOURCE: 1}


@given(st.dates(date(2026, 11, 1), date(2027, 1, 31)))
def test_deal_without_lead_does_not_depend_on_as_of_for_deals_of_known_leads(day: date) -> None:
    found = findings_as_of(day).get(Finding.DEAL_WITHOUT_LEAD, ())
    assert set(found) <= {"D4"}


def test_the_docs_word_it_as_not_among_the_leads_read() -> None:
    """It said "a deal whose leads were not read" when the leads were read and rejected."""
    docs = (Path(__file__).parent.parent / "docs" / "measuring.md").read_text(encoding="utf-8")
    row = next(line for line in docs.splitlines() if line.startswith("| `deal_without_lead`"))
    assert "not among the leads read" in row
    assert "rejected" in row
