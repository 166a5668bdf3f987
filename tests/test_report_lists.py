"""What a report lists, it says: how many are shown, how many are not, and their totals.

Text and Markdown show a few rows (the largest); HTML shows what the
document lists; the document (the JSON) lists up to a bound and keeps
exact counts and totals of the rest.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from smarketing import (
    SLA,
    Deal,
    DepthClause,
    Finding,
    Lead,
    MarketingCommitment,
    Period,
    SpeedClause,
    collect_actuals,
    evaluate,
)
from smarketing.reporting import render
from smarketing.reporting.document import ReportDocument, report_document
from smarketing.reporting.i18n import Words
from tests.strategies import HUBSPOT_FUNNEL

NOVEMBER = Period.month(2026, 11)
AS_OF = date(2026, 11, 30)
MQL = "marketingqualifiedlead"
SOURCES = 60  # source k has k + 1 leads: source 59 the most
OWNERS = 40


def _report(*, max_listed: int = 1000, listed: int | None = 1000) -> ReportDocument:
    sla = SLA(
        HUBSPOT_FUNNEL,
        MarketingCommitment(leads=100),
        speed=SpeedClause(timedelta(hours=1), share=Decimal("0.9")),
        depth=DepthClause(1, timedelta(days=2)),
        spend={"s00": Decimal(50)},
    )
    leads, deals = [], []
    number = 0
    for source in range(SOURCES):
        for _ in range(source + 1):
            created = datetime(2026, 11, 1 + number % 28, 9)
            leads.append(
                Lead(
                    f"L{number:05d}",
                    created,
                    source=f"s{source:02d}",
                    owner=f"o{number % OWNERS:02d}",
                    stages={MQL: created},
                    touch_count=number % 2 * 3,
                    first_touch=created + timedelta(minutes=30 if number % 3 else 200),
                    lost=number % 7 == 0,
                    lost_reason=f"reason {number % 30}",
                )
            )
            if number % 10 == 0:
                deals.append(Deal(f"D{number}", lead_ids=f"L{number:05d}", amount=Decimal(100),
                                  status="won", closed=created + timedelta(days=1)))  # fmt: skip
            number += 1
    actuals = collect_actuals(
        leads, deals, sla=sla, as_of=AS_OF, breaches_in=NOVEMBER, max_listed=max_listed
    )
    report = evaluate(sla, actuals, NOVEMBER, as_of=AS_OF)
    return report_document(report, sla=sla, listed=listed)


@pytest.fixture(scope="module")
def document() -> ReportDocument:
    return _report(max_listed=10, listed=30)


def _section(text: str, title: str) -> str:
    """One section of a text report, from its title to the next section's."""
    for part in re.split(r"\n\n(?=\S[^\n]*\n-+\n)", text):
        if part.startswith(f"{title}\n"):
            return part
    raise AssertionError(f"no section {title!r}")


def test_text_says_how_many_breaches_are_listed(document: ReportDocument) -> None:
    """Not "and 975 more" when 5,288 are not shown: the count, those listed, those not."""
    count = document.breach_count
    assert len(document.breaches) == 10 < count
    text = render(document, "text")
    part = _section(text, "Do-not-be-on-it list")
    assert (
        f"{count:,} breaches; 10 listed below (the earliest hand-offs), {count - 10:,} not" in part
    )
    assert "report --breaches FILE" in part
    assert len(re.findall(r"\n  L\d{5}", part)) == 10
    french = _section(render(document, "text", "fr"), "Liste des leads en souffrance")
    assert "10 listés ci-dessous" in french


def test_text_lists_at_most_25_breaches_and_says_so() -> None:
    document = _report()
    count = document.breach_count
    part = _section(render(document, "text"), "Do-not-be-on-it list")
    assert (
        f"{count:,} breaches; 25 listed below (the earliest hand-offs), {count - 25:,} not" in part
    )
    assert len(re.findall(r"\n  L\d{5}", part)) == 25


def test_html_says_how_many_breaches_it_lists(document: ReportDocument) -> None:
    html = render(document, "html")
    count = document.breach_count
    assert f"{count:,} breaches; 10 listed below (the earliest hand-offs)" in html
    every = _report(max_listed=10_000)
    assert f"{every.breach_count:,} breaches, all listed below" in render(every, "html")


def test_the_document_bounds_sources_and_owners_and_keeps_exact_totals(
    document: ReportDocument,
) -> None:
    """30 of 60 sources: the 30 largest plus none smaller; the rest summed exactly."""
    assert document.source_count == SOURCES
    listed = [source.source for source in document.sources]
    assert len(listed) == 30
    # s00 has spend: always listed; then the 29 with the most leads, s31 to s59, in name order
    assert listed == ["s00"] + [f"s{k:02d}" for k in range(31, 60)]
    rest = document.sources_not_listed
    every = _report(listed=None)
    others = [s for s in every.sources if s.source not in listed]
    assert rest.sources == len(others) == 30
    assert rest.leads == sum(s.leads for s in others)
    assert rest.won_deals == sum(s.won_deals for s in others)
    assert rest.won_revenue == sum(s.won_revenue for s in others)
    assert document.owner_count == OWNERS
    assert len(document.owners) == 30
    owners_rest = document.owners_not_listed
    assert owners_rest.owners == 10
    listed_owners = {owner.owner for owner in document.owners}
    missing = [o for o in every.owners if o.owner not in listed_owners]
    assert owners_rest.speed is not None
    assert owners_rest.speed.breached == sum(o.speed.breached for o in missing if o.speed)
    assert every.sources_not_listed.sources == 0
    assert json.loads(render(document, "json"))["source_count"] == SOURCES


def test_text_shows_the_largest_sources_and_owners_and_the_rest_in_one_line(
    document: ReportDocument,
) -> None:
    text = render(document, "text")
    costs = _section(text, "Cost and return by source")
    assert "25 of 60 sources shown (spend given, then the most leads); the other 35:" in costs
    shown = re.findall(r"\n  (s\d\d) ", costs)
    assert shown == ["s00"] + [f"s{k:02d}" for k in range(36, 60)]
    follow = _section(text, "Sales follow-up")
    assert "25 of 40 owners shown (the most leads handed off); the other 15:" in follow
    lost = _section(text, "Lost reasons")
    assert len(re.findall(r"\n  s\d\d ", lost)) == 25
    rows = sum(len(source.lost_reasons) for source in document.sources)
    assert f"25 of {rows} rows shown (the largest counts)" in lost
    unlisted = document.sources_not_listed.lost
    assert unlisted > 0
    assert f"{unlisted} more lost deals and leads in the sources not listed" in lost
    markdown = render(document, "markdown")
    assert "25 of 60 sources shown" in markdown


def test_findings_have_words_and_headers_in_both_languages() -> None:
    """No blank header, no raw code such as depth_from_count."""
    document = _report()
    assert document.findings.counts["depth_from_count"] > 0
    text = _section(render(document, "text"), "Data quality")
    assert "depth_from_count" not in text
    assert "Depth judged from a touch count" in text
    header = next(line for line in text.splitlines() if "Count" in line)
    assert header.split() == ["Finding", "Count", "Examples"]
    french = _section(render(document, "text", "fr"), "Qualité des données")
    assert "Insistance jugée sur un nombre de contacts" in french
    for lang in ("en", "fr"):
        words = Words(lang)
        labels = {words.finding(kind.value) for kind in Finding}
        assert len(labels) == len(Finding)
        assert not any("_" in label for label in labels)
