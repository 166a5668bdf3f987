"""A seeded generator of synthetic leads and deals, streamed, for benchmarks.

Leads are spread over one year with realistic shapes: a source mix, most
leads stopping early in the funnel, hand-offs followed up after minutes to
days, a few touches, and deals for the customers. The same seed gives the
same records; memory does not grow with the count (records are yielded).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal

from smarketing import HUBSPOT_STAGES, Deal, Lead

SOURCES = (
    ("paid search", 30),
    ("organic search", 25),
    ("referrals", 10),
    ("social media", 15),
    ("email marketing", 10),
    ("direct traffic", 10),
)
OWNERS = tuple(f"rep-{index:02d}" for index in range(20))
REGIONS = ("emea", "amer", "apac")
START = datetime(2026, 1, 1)
YEAR_MINUTES = 365 * 24 * 60
# chance to go on from each stage to the next: lead->MQL, MQL->SQL, SQL->opp, opp->customer
ONWARD = (0.4, 0.5, 0.5, 0.3)


def records(count: int, seed: int = 2026) -> Iterator[tuple[Lead, Deal | None]]:
    """``count`` leads, each with its deal or ``None``; the same seed gives the same records."""
    rng = random.Random(seed)
    for index in range(count):
        yield _lead(rng, index)


def leads(count: int, seed: int = 2026) -> Iterator[Lead]:
    """The leads of :func:`records`, as a stream."""
    for lead, _ in records(count, seed):
        yield lead


def deals(count: int, seed: int = 2026) -> Iterator[Deal]:
    """The deals of :func:`records` (a replay of the same seed), as a stream."""
    for _, deal in records(count, seed):
        if deal is not None:
            yield deal


def _lead(rng: random.Random, index: int) -> tuple[Lead, Deal | None]:
    created = START + timedelta(minutes=rng.randrange(YEAR_MINUTES))
    source = rng.choices([name for name, _ in SOURCES], [weight for _, weight in SOURCES])[0]
    stages: dict[str, datetime] = {}
    at = created
    reached = 0
    for chance in ONWARD:
        if rng.random() >= chance:
            break
        reached += 1
        at += timedelta(minutes=rng.randrange(10, 14 * 24 * 60))
        stages[HUBSPOT_STAGES[reached]] = at
    owner = rng.choice(OWNERS) if reached >= 1 else None
    touches: list[datetime] = []
    if reached >= 1:
        handoff = stages[HUBSPOT_STAGES[1]]
        first = handoff + timedelta(minutes=rng.expovariate(1 / 300))
        touches = [first]
        for _ in range(rng.randrange(0, 6)):
            touches.append(touches[-1] + timedelta(minutes=rng.randrange(60, 5 * 24 * 60)))
    lead_id = f"{index:09d}"
    deal = None
    if reached == len(ONWARD):
        deal = Deal(
            f"D{lead_id}",
            lead_ids=lead_id,
            amount=Decimal(rng.randrange(1000, 50000)),
            status="won",
            closed=stages["customer"],
        )
    elif reached >= 3 and rng.random() < 0.5:
        deal = Deal(
            f"D{lead_id}",
            lead_ids=lead_id,
            status="lost",
            closed=at + timedelta(days=rng.randrange(1, 30)),
            lost_reason=rng.choice(("price", "timing", "competitor", "no budget")),
        )
    lead = Lead(
        lead_id,
        created,
        source=source,
        stages=stages,
        owner=owner,
        touches=touches,
        segments={"region": rng.choice(REGIONS)},
    )
    return lead, deal
