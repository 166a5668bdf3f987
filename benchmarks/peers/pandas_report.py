"""The same report, written the way an analyst would in a notebook with pandas.

A reference implementation for the benchmark: read_csv, date parsing,
vectorised rules, groupby. It follows smarketing's documented rules (a
skipped stage is passed at the next recorded one; a won deal makes its lead
a customer at its close; the hand-off is the owner assignment) so that the
figures can be compared.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from figures import AS_OF, DEPTH_TOUCHES, DEPTH_WINDOW, PERIOD, SPEED, STAGES, normalise

SOURCES = {
    "organic search": "organic search", "paid search": "paid search",
    "email marketing": "email marketing", "social media": "organic social",
    "organic social": "organic social", "referrals": "referrals",
    "other campaigns": "other campaigns", "direct traffic": "direct traffic",
    "offline": "offline sources", "offline sources": "offline sources",
    "paid social": "paid social", "ai referrals": "ai referrals",
}  # fmt: skip
STAGE_COLUMNS = (
    "Became a Lead Date", "Became a Marketing Qualified Lead Date",
    "Became a Sales Qualified Lead Date", "Became an Opportunity Date", "Became a Customer Date",
)  # fmt: skip
FORMAT = "%Y-%m-%d %H:%M"


def report(contacts: Path, deals: Path) -> dict[str, Any]:
    """The figures of :mod:`figures`, computed with pandas."""
    cutoff = pd.Timestamp(AS_OF) + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)
    start, end = pd.Timestamp(PERIOD[0]), pd.Timestamp(PERIOD[1]) + pd.Timedelta(days=1)
    columns = ["Record ID", "Create Date", "Owner Assigned Date", "Original Source",
               "Number of times contacted", "First Engagement Date", *STAGE_COLUMNS]  # fmt: skip
    df = pd.read_csv(contacts, usecols=columns, dtype=str, keep_default_na=False)
    dates = ["Create Date", "Owner Assigned Date", "First Engagement Date", *STAGE_COLUMNS]
    for column in dates:
        df[column] = pd.to_datetime(df[column].replace("", None), format=FORMAT, errors="coerce")
    bad = df["Create Date"].isna()
    df = df[~bad & (df["Create Date"] <= cutoff)].copy()
    df["source"] = df["Original Source"].str.replace("_", " ").str.split().str.join(" ").str.lower()
    df["source"] = df["source"].map(lambda s: SOURCES.get(s, s) if s else "unknown")

    dl = pd.read_csv(deals, dtype=str, keep_default_na=False)
    dl["closed"] = pd.to_datetime(
        dl["Close Date"].replace("", None), format=FORMAT, errors="coerce"
    )
    dl["amount"] = pd.to_numeric(dl["Amount"].replace("", None))
    stage = dl["Deal Stage"].str.lower()
    won = dl[stage.str.contains(r"\bwon\b") & dl["closed"].notna() & (dl["closed"] <= cutoff)]
    won_at = won.groupby("Associated Contact IDs")["closed"].min()

    times = df[list(STAGE_COLUMNS)].where(df[list(STAGE_COLUMNS)] <= cutoff)
    times.columns = list(STAGES)
    times["lead"] = times["lead"].fillna(df["Create Date"])
    times["customer"] = times["customer"].fillna(df["Record ID"].map(won_at))
    filled = times.bfill(axis=1)

    in_period = (filled >= start) & (filled < end)
    entries = in_period.sum()
    cohort_rows = (df["Create Date"] >= start) & (df["Create Date"] < end)
    cohort = filled[cohort_rows].notna().sum()
    leads_by_source = df[in_period["lead"]].groupby("source").size()

    won_in = won[(won["closed"] >= start) & (won["closed"] < end)]

    handoff = df["Owner Assigned Date"].where(df["Owner Assigned Date"] <= cutoff)
    handed = handoff.notna() & (handoff >= start) & (handoff < end)
    first = df["First Engagement Date"].where(df["First Engagement Date"] <= cutoff)
    deadline = handoff + pd.Timedelta(SPEED)
    speed_met = handed & first.notna() & (first <= deadline)
    speed_breached = handed & ~speed_met & (first.notna() | (deadline < cutoff))
    touches = pd.to_numeric(df["Number of times contacted"].replace("", None))
    window_end = handoff + pd.Timedelta(DEPTH_WINDOW)
    depth_met = handed & (touches.fillna(0) >= DEPTH_TOUCHES)
    depth_breached = handed & ~depth_met & (window_end < cutoff)
    return normalise(
        {
            "leads_by_source": leads_by_source.to_dict(),
            "entries": {stage: entries[stage] for stage in STAGES},
            "cohort": {stage: cohort[stage] for stage in STAGES},
            "won_deals": len(won_in),
            "won_revenue": won_in["amount"].sum(),
            "speed": [speed_met.sum(), speed_breached.sum(),
                      (handed & ~speed_met & ~speed_breached).sum()],
            "depth": [depth_met.sum(), depth_breached.sum(),
                      (handed & ~depth_met & ~depth_breached).sum()],
        }
    )  # fmt: skip
