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


def write(count: int, path: Path, seed: int = 7) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows(count, seed))


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
