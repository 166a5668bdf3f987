"""The actuals the one-pass properties compare: the records of ``record_sets`` under an SLA.

Shared by the tests of the pass (test_actuals) and of the deals held on disk
(test_spill), so that neither imports the other.
"""

from __future__ import annotations

from datetime import date, timedelta

from smarketing import (
    SLA,
    Deal,
    FunnelActuals,
    Lead,
    MarketingCommitment,
    SpeedClause,
    collect_actuals,
)
from tests.strategies import HUBSPOT_FUNNEL

#: A speed clause only: four hours.
SPEED_ONLY = SLA(
    HUBSPOT_FUNNEL, MarketingCommitment(leads=10), speed=SpeedClause(timedelta(hours=4))
)


def collect_records(
    leads: list[Lead], deals: list[Deal], sla: SLA = SPEED_ONLY, **options: object
) -> FunnelActuals:
    """The actuals of ``leads`` and ``deals`` under ``sla`` (by region, three ids listed)."""
    return collect_actuals(
        leads,
        deals,
        sla=sla,
        segment="region",
        max_listed=3,
        as_of=date(2026, 12, 15),
        **options,  # type: ignore[arg-type]
    )
