"""smarketing: the marketing-sales Service Level Agreement as code.

Plan the leads a revenue goal needs, measure what really happened, and
report it to marketing and sales alike. The public API is what ``__all__``
names; everything else is an implementation detail.
"""

from __future__ import annotations

from typing import Any

from smarketing.actuals import (
    UNASSIGNED,
    UNKNOWN_SOURCE,
    ActualsSpec,
    Breach,
    FollowUpCounts,
    FunnelActuals,
    Won,
)
from smarketing.allocation import allocate_count, allocate_exact, allocate_money
from smarketing.business_calendar import BusinessCalendar
from smarketing.collect import collect_actuals
from smarketing.economics import Economics
from smarketing.errors import (
    InconsistentFunnel,
    InvalidAmount,
    InvalidFunnel,
    InvalidPeriod,
    InvalidRate,
    InvalidRecord,
    InvalidShare,
    InvalidValue,
    InvalidWeights,
    SmarketingError,
    WrongType,
)
from smarketing.evaluation import (
    Attainment,
    ClauseStatus,
    Compliance,
    OwnerCompliance,
    SLAReport,
    SourceResult,
    StageResult,
    evaluate,
)
from smarketing.findings import Finding, Findings
from smarketing.funnel import (
    HUBSPOT_STAGES,
    Funnel,
    Stage,
    StageForecast,
    StageRequirement,
    Team,
)
from smarketing.measured import MeasuredRates, MeasuredSource
from smarketing.objective import Objective
from smarketing.pacing import Pacing, PacingPoint, PacingStatus
from smarketing.period import Period
from smarketing.plan import MonthPlan, Plan, SourcePlan
from smarketing.records import Deal, DealStatus, Lead
from smarketing.rounding import Count, Rounding
from smarketing.sketch import DurationSketch
from smarketing.sla import (
    SLA,
    DepthClause,
    MarketingCommitment,
    PacingRule,
    SourceCommitment,
    SpeedClause,
)
from smarketing.source import LeadSource
from smarketing.velocity import sales_velocity

__all__ = [
    "HUBSPOT_STAGES",
    "SLA",
    "UNASSIGNED",
    "UNKNOWN_SOURCE",
    "ActualsSpec",
    "Attainment",
    "Breach",
    "BusinessCalendar",
    "ClauseStatus",
    "Compliance",
    "Count",
    "Deal",
    "DealStatus",
    "DepthClause",
    "DurationSketch",
    "Economics",
    "Finding",
    "Findings",
    "FollowUpCounts",
    "Funnel",
    "FunnelActuals",
    "InconsistentFunnel",
    "InvalidAmount",
    "InvalidFunnel",
    "InvalidPeriod",
    "InvalidRate",
    "InvalidRecord",
    "InvalidShare",
    "InvalidValue",
    "InvalidWeights",
    "Lead",
    "LeadSource",
    "MarketingCommitment",
    "MeasuredRates",
    "MeasuredSource",
    "MonthPlan",
    "Objective",
    "OwnerCompliance",
    "Pacing",
    "PacingPoint",
    "PacingRule",
    "PacingStatus",
    "Period",
    "Plan",
    "Rounding",
    "SLAReport",
    "SmarketingError",
    "SourceCommitment",
    "SourcePlan",
    "SourceResult",
    "SpeedClause",
    "Stage",
    "StageForecast",
    "StageRequirement",
    "StageResult",
    "Team",
    "Won",
    "WrongType",
    "allocate_count",
    "allocate_exact",
    "allocate_money",
    "collect_actuals",
    "evaluate",
    "sales_velocity",
]


def __getattr__(name: str) -> Any:
    """Read ``__version__`` lazily from the installed distribution's metadata."""
    if name == "__version__":
        from importlib.metadata import version

        return version("smarketing")
    raise AttributeError(f"module 'smarketing' has no attribute {name!r}")
