"""A seeded generator of a large HubSpot contacts export, with its realistic columns.

``python benchmarks/hubspot_export.py 1000000 contacts.csv`` writes a file of
that many contacts with 40 of the "all properties" columns HubSpot writes
(personal columns filled with invented values, lifecycle stage dates, owners,
sources in the labels of several years, touches), quoted like HubSpot's, plus
a few bad rows.
"""

from __future__ import annotations

import csv
import random
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

COLUMNS = (
    "Record ID", "First Name", "Last Name", "Email", "Phone Number", "Company Name",
    "Job Title", "City", "Country/Region", "Contact owner", "Owner Assigned Date",
    "Create Date", "Last Modified Date", "Lifecycle Stage", "Lead Status",
    "Became a Subscriber Date", "Became a Lead Date", "Became a Marketing Qualified Lead Date",
    "Became a Sales Qualified Lead Date", "Became an Opportunity Date",
    "Became a Customer Date", "Original Source", "Original Source Drill-Down 1",
    "Original Source Drill-Down 2", "Latest Source", "Number of Sales Activities",
    "Number of times contacted", "Last Contacted", "Last Activity Date",
    "Number of Pageviews", "Number of Sessions", "First Page Seen", "Time First Seen",
    "Recent Deal Amount", "Total Revenue", "Associated Deal IDs", "Persona",
    "Marketing contact status", "First Engagement Date", "Industry",
)  # fmt: skip
SOURCES = (
    "Organic Search", "ORGANIC_SEARCH", "Paid Search", "PAID_SEARCH", "Social Media",
    "Organic social", "Referrals", "Email Marketing", "Direct Traffic", "Offline Sources",
    "Paid Social", "Other Campaigns",
)  # fmt: skip
STAGES = ("Lead", "Marketing Qualified Lead", "Sales Qualified Lead", "Opportunity", "Customer")
OWNERS = (*(f"Rep {index:02d}" for index in range(25)), "Old Rep (Deactivated User)")
START = datetime(2026, 1, 1)
FORMAT = "%Y-%m-%d %H:%M"


def rows(count: int, seed: int = 7) -> Iterator[list[str]]:
    rng = random.Random(seed)
    for index in range(count):
        created = START + timedelta(minutes=rng.randrange(365 * 24 * 60))
        reached = 0
        while reached < 4 and rng.random() < (0.4, 0.5, 0.5, 0.3)[reached]:
            reached += 1
        dates = [""] * 5
        at = created
        dates[0] = created.strftime(FORMAT)
        for stage in range(1, reached + 1):
            at += timedelta(minutes=rng.randrange(10, 20000))
            dates[stage] = at.strftime(FORMAT)
        owner = rng.choice(OWNERS) if reached else ""
        assigned = (created + timedelta(minutes=rng.randrange(1, 600))).strftime(FORMAT)
        contacted = rng.randrange(0, 8) if reached else 0
        first = (created + timedelta(minutes=rng.randrange(5, 3000))).strftime(FORMAT)
        record_id = str(100000 + index)
        if index % 100_000 == 99_999:
            dates[0] = "not a date"  # the odd bad row
        yield [
            record_id, "Ada", "Example", f"ada{index}@example.com", "+1 555 0100", "Example Co",
            "Buyer", "Springfield", "United States", owner, assigned if owner else "",
            dates[0], dates[0], STAGES[reached], "OPEN", "", *dates,
            rng.choice(SOURCES), "google", "", "Organic Search", str(contacted), str(contacted),
            first if contacted else "", first if contacted else "", str(rng.randrange(1, 40)),
            str(rng.randrange(1, 9)), "https://www.example.com/", dates[0], "", "", "",
            "Persona 1", "Marketing contact", first if contacted else "", "Software",
        ]  # fmt: skip


DEAL_COLUMNS = (
    "Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount",
    "Closed Lost Reason", "Create Date", "Associated Contact IDs", "Pipeline",
)  # fmt: skip


def write(count: int, path: Path, seed: int = 7, deals: Path | None = None) -> None:
    """Write ``count`` contacts to ``path`` (and, with ``deals``, their deals export there)."""
    deal_rng = random.Random(seed + 1)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        deal_handle = None if deals is None else deals.open("w", newline="", encoding="utf-8")
        deal_writer = None
        if deal_handle is not None:
            deal_writer = csv.writer(deal_handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
            deal_writer.writerow(DEAL_COLUMNS)
        try:
            for row in rows(count, seed):
                if deal_writer is not None:
                    _deal(deal_rng, row, deal_writer)
                writer.writerow(row)
        finally:
            if deal_handle is not None:
                deal_handle.close()


def _deal(rng: random.Random, row: list[str], writer: Any) -> None:
    """A won deal for a customer, and a deal (lost or open) for some opportunities."""
    record_id, owner, customer, opportunity = row[0], row[9], row[20], row[19]
    if customer:
        writer.writerow([f"9{record_id}", "Example Co", "Closed won", customer, owner,
                         str(rng.randrange(10, 500) * 100), "", opportunity or customer,
                         record_id, "default"])  # fmt: skip
    elif opportunity and rng.random() < 0.5:
        lost = rng.random() < 0.6
        closed = "" if not lost else opportunity
        writer.writerow([f"9{record_id}", "Example Co", "Closed lost" if lost else "Qualified",
                         closed, owner, str(rng.randrange(10, 500) * 100),
                         rng.choice(("Price", "Timing", "Competitor")) if lost else "",
                         opportunity, record_id, "default"])  # fmt: skip


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
