"""smarketing: the marketing-sales Service Level Agreement as code.

Plan the leads a revenue goal needs, measure what really happened, and
report it to marketing and sales alike. The public API is what ``__all__``
names; everything else is an implementation detail.
"""

from __future__ import annotations

from typing import Any

from smarketing.allocation import allocate_count, allocate_exact, allocate_money
from smarketing.business_calendar import BusinessCalendar
from smarketing.economics import Economics
from smarketing.errors import (
    InconsistentFunnel,
    InvalidAmount,
    InvalidFunnel,
    InvalidPeriod,
    InvalidRate,
    InvalidShare,
    InvalidValue,
    InvalidWeights,
    SmarketingError,
    WrongType,
)
from smarketing.funnel import (
    HUBSPOT_STAGES,
    Funnel,
    Stage,
    StageForecast,
    StageRequirement,
    Team,
)
from smarketing.objective import Objective
from smarketing.period import Period
from smarketing.plan import MonthPlan, Plan, SourcePlan
from smarketing.rounding import Count, Rounding
from smarketing.source import LeadSource
from smarketing.velocity import sales_velocity

__all__ = [
    "HUBSPOT_STAGES",
    "BusinessCalendar",
    "Count",
    "Economics",
    "Funnel",
    "InconsistentFunnel",
    "InvalidAmount",
    "InvalidFunnel",
    "InvalidPeriod",
    "InvalidRate",
    "InvalidShare",
    "InvalidValue",
    "InvalidWeights",
    "LeadSource",
    "MonthPlan",
    "Objective",
    "Period",
    "Plan",
    "Rounding",
    "SmarketingError",
    "SourcePlan",
    "Stage",
    "StageForecast",
    "StageRequirement",
    "Team",
    "WrongType",
    "allocate_count",
    "allocate_exact",
    "allocate_money",
    "sales_velocity",
]


def __getattr__(name: str) -> Any:
    """Read ``__version__`` lazily from the installed distribution's metadata."""
    if name == "__version__":
        from importlib.metadata import version

        return version("smarketing")
    raise AttributeError(f"module 'smarketing' has no attribute {name!r}")
