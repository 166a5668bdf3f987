"""The parts of an SLA report: an owner's compliance, a source's results, a stage's."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import attrs

from smarketing.measuring.actuals import Won
from smarketing.measuring.scoring import Compliance
from smarketing.planning.economics import Economics

__all__ = ["OwnerCompliance", "SourceResult", "StageResult"]


@attrs.frozen
class OwnerCompliance:
    """The sales clauses for one owner's leads.

    Attributes:
        owner: The owner (sales rep).
        speed: The speed clause over their leads, or ``None`` without the clause.
        depth: The depth clause over their leads, or ``None`` without the clause.
    """

    #: The owner (sales rep).
    owner: str
    #: The speed clause over their leads, or ``None`` without the clause.
    speed: Compliance | None
    #: The depth clause over their leads, or ``None`` without the clause.
    depth: Compliance | None


@attrs.frozen
class SourceResult:
    """One source in the period: leads, customers, revenue, cost and return, lost reasons.

    ``same_period`` compares the period's spend with the deals won in the
    period; ``cohort`` with what the leads created in the period became (the
    honest figure for slow channels).

    Attributes:
        source: The source.
        leads: Its leads in the period (entries into the commitment stage).
        won: Its deals won in the period.
        cohort_leads: Its leads created in the period.
        cohort_won: The deals those leads won so far.
        spend: Its spend in the period, or ``None``.
        lost_reasons: (reason, deals and leads lost for it) pairs.
    """

    #: The source.
    source: str
    #: Its leads in the period (entries into the commitment stage).
    leads: int
    #: Its deals won in the period.
    won: Won
    #: Its leads created in the period.
    cohort_leads: int
    #: The deals those leads won so far.
    cohort_won: Won
    #: Its spend in the period, or ``None``.
    spend: Decimal | None
    #: (reason, deals and leads lost for it) pairs.
    lost_reasons: tuple[tuple[str, int], ...]

    @property
    def same_period(self) -> Economics | None:
        """Spend against the deals won in the period."""
        if self.spend is None:
            return None
        return Economics(self.spend, self.leads, self.won.deals, self.won.revenue)

    @property
    def cohort(self) -> Economics | None:
        """Spend against what the period's leads became, so far."""
        if self.spend is None:
            return None
        return Economics(
            self.spend, self.cohort_leads, self.cohort_won.deals, self.cohort_won.revenue
        )


@attrs.frozen
class StageResult:
    """One funnel stage: entries in the period, the period's cohort, and time to the next.

    Attributes:
        stage: The stage.
        entries: Entries in the period.
        cohort: Leads created in the period that reached it so far.
        cohort_rate_to_next: The cohort's rate into the next stage, or ``None``.
        median_to_next: The median time to the next stage, or ``None``.
        p90_to_next: The 90th percentile of that time, or ``None``.
    """

    #: The stage.
    stage: str
    #: Entries in the period.
    entries: int
    #: Leads created in the period that reached it so far.
    cohort: int
    #: The cohort's rate into the next stage, or ``None``.
    cohort_rate_to_next: Decimal | None
    #: The median time to the next stage, or ``None``.
    median_to_next: timedelta | None
    #: The 90th percentile of that time, or ``None``.
    p90_to_next: timedelta | None
