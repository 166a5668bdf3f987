"""The hubspot adapter on exports shaped like HubSpot's, down to a full 182-column header."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from smarketing import (
    SLA,
    DealStatus,
    MarketingCommitment,
    MissingColumns,
    Period,
    SpeedClause,
    evaluate,
    read,
)
from smarketing.adapters.hubspot import stage_of
from tests.fixtures.hubspot_columns import ALL_PROPERTIES
from tests.strategies import HUBSPOT_FUNNEL

HUBSPOT = Path(__file__).parent / "fixtures" / "hubspot"
CONTACTS = HUBSPOT / "contacts-all-properties.csv"
DEALS = HUBSPOT / "deals.csv"


def test_the_full_all_properties_header_reads() -> None:
    assert len(ALL_PROPERTIES) == 182
    header = CONTACTS.read_text().splitlines()[0]
    assert header.count('","') == 181
    reading = read("hubspot", CONTACTS)
    leads = {lead.id: lead for lead in reading.leads()}
    report = reading.report.leads
    assert report is not None
    assert (report.rows_read, report.records, report.rejected) == (12, 10, 2)
    assert [(r.line, r.column) for r in report.rejections] == [
        (12, "Create Date"),
        (13, "Record ID"),
    ]
    ada = leads["101"]
    assert ada.created == datetime(2026, 11, 2, 9, 12)
    assert ada.stage_times == {
        "lead": datetime(2026, 11, 2, 9, 12),
        "marketingqualifiedlead": datetime(2026, 11, 2, 10, 0),
    }
    assert (ada.owner, ada.handoff) == ("Maria Rep", datetime(2026, 11, 2, 10, 5))
    assert (ada.touch_count, ada.first_touch) == (2, datetime(2026, 11, 2, 10, 40))
    assert ada.source_detail == "google"
    # 104 became a subscriber before becoming a lead
    assert leads["104"].stage_times["subscriber"] == datetime(2026, 10, 20, 12, 0)


def test_sources_of_every_year_become_one_set() -> None:
    leads = {lead.id: lead.source for lead in read("hubspot", CONTACTS).leads()}
    assert leads == {
        "101": "organic search",  # "Organic Search"
        "102": "paid search",  # PAID_SEARCH
        "103": "organic social",  # "Social Media", the older label
        "104": "referrals",
        "105": "direct traffic",
        "106": "offline sources",
        "107": "organic social",  # "Organic social", the newer label
        "108": "email marketing",  # EMAIL_MARKETING
        "109": "paid social",
        "110": "ai referrals",
    }


def test_owners_statuses_and_touches() -> None:
    leads = {lead.id: lead for lead in read("hubspot", CONTACTS).leads()}
    assert leads["103"].owner == "Ann Former"  # "(Deactivated User)" removed
    assert (leads["103"].lost, leads["103"].lost_reason) == (True, "UNQUALIFIED")
    assert (leads["107"].lost, leads["107"].lost_reason) == (True, "BAD_TIMING")
    assert leads["101"].lost is False
    # contacted once, no first engagement date: the first touch is the last contact
    assert leads["108"].first_touch == datetime(2026, 11, 9, 12, 20)
    assert leads["105"].owner is None
    assert leads["105"].handoff is None
    reading = read("hubspot", CONTACTS, options={"handoff_from_owner": False})
    assert all(lead.handoff is None for lead in reading.leads())


def test_no_personal_data_is_read() -> None:
    text = repr(list(read("hubspot", CONTACTS).leads()))
    for personal in ("example.com", "Ada", "Example", "555", "Springfield", "Example Street"):
        assert personal not in text


def test_internal_names_and_excel_dates() -> None:
    leads = list(read("hubspot", HUBSPOT / "contacts-internal-names.csv").leads())
    first = leads[0]
    assert (first.id, first.created, first.source, first.touch_count) == (
        "101",
        datetime(2026, 11, 2, 9, 12),
        "organic search",
        2,
    )
    assert leads[1].stage_times["customer"] == datetime(2026, 11, 18, 12, 0)


def test_deals_and_both_ways_of_joining() -> None:
    reading = read("hubspot", CONTACTS, deals=DEALS)
    deals = {deal.id: deal for deal in reading.deals()}
    assert (deals["9001"].status, deals["9001"].amount, deals["9001"].lead_ids) == (
        DealStatus.WON,
        Decimal("12500.00"),
        ("102",),
    )
    assert (deals["9003"].status, deals["9003"].lost_reason) == (
        DealStatus.LOST,
        "Went with a competitor",
    )
    assert deals["9004"].status is DealStatus.OPEN
    assert reading.report.deals is not None
    assert reading.report.deals.rejections[0].column == "Amount"  # "twelve"
    joined = read("hubspot", CONTACTS, deals=HUBSPOT / "deals-without-associations.csv")
    assert {deal.id: deal.lead_ids for deal in joined.deals()} == {
        "9001": ("102",),
        "9002": ("106",),
        "9003": ("107",),
        "9004": (),
    }


def test_the_contacts_export_joins_the_deals_unless_given() -> None:
    """The hubspot adapter fills ``leads_source`` in with a contacts path, if not given."""
    assert read("hubspot", CONTACTS, deals=DEALS).options["leads_source"] == CONTACTS
    assert read("hubspot", str(CONTACTS)).options["leads_source"] == str(CONTACTS)
    other = HUBSPOT / "other-contacts.csv"
    given = read("hubspot", CONTACTS, options={"leads_source": other})
    assert given.options["leads_source"] == other
    # an iterable of rows is not a path: nothing to join from
    assert read("hubspot", [], deals=DEALS).options["leads_source"] is None


def test_custom_lifecycle_stages_are_kept(tmp_path: Path) -> None:
    assert stage_of('Date entered "Product Qualified Lead (Lifecycle Stage Pipeline)"') == (
        "productqualifiedlead"
    )
    assert stage_of("Became a Partner Lead Date") == "partnerlead"
    assert stage_of("hs_lifecyclestage_customer_date") == "customer"
    assert stage_of("Create Date") is None
    path = tmp_path / "contacts.csv"
    path.write_text(
        'Record ID,Create Date,Date entered "Product Qualified Lead (Lifecycle Stage Pipeline)"\n'
        "1,2026-11-02 09:00,2026-11-04 10:00\n"
    )
    (lead,) = read("hubspot", path).leads()
    assert lead.stage_times == {"productqualifiedlead": datetime(2026, 11, 4, 10, 0)}


def test_a_file_that_is_not_a_hubspot_export(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("name,email\nAda,ada@example.com\n")
    with pytest.raises(MissingColumns, match="does not look like a HubSpot contacts export"):
        list(read("hubspot", path).leads())


def test_from_export_to_sla_report() -> None:
    """The path a user takes: HubSpot exports in, an SLA report for November out."""
    sla = SLA(
        HUBSPOT_FUNNEL,
        MarketingCommitment(leads=20),
        speed=SpeedClause(timedelta(hours=1)),
    )
    reading = read("hubspot", CONTACTS, deals=DEALS)
    report = evaluate(
        sla,
        reading.leads(),
        Period.month(2026, 11),
        as_of=date(2026, 11, 30),
        deals=reading.deals(),
    )
    assert report.marketing.leads == 10
    # 9001 (12,500, lead 102) and 9002 (4,200, lead 106) were won in November
    assert sum(source.won.revenue for source in report.sources) == Decimal("16700.00")
    # hand-offs: 101, 102, 103, 104, 106, 107, 108, 110 (Owner Assigned Date)
    assert report.speed is not None
    assert report.speed.handed_off == 8
    assert reading.report.rows_read == 12 + 5
