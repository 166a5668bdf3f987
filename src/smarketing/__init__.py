"""smarketing: the marketing-sales Service Level Agreement as code.

Plan the leads a revenue goal needs, measure what really happened, and
report it to marketing and sales alike. The public API is what ``__all__``
names; everything else is an implementation detail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from smarketing.errors import (
    AdapterError,
    ConfigError,
    DuplicateColumns,
    InconsistentFunnel,
    InputError,
    InvalidAmount,
    InvalidFunnel,
    InvalidOption,
    InvalidPeriod,
    InvalidRate,
    InvalidRecord,
    InvalidShare,
    InvalidValue,
    InvalidWeights,
    MissingColumns,
    MissingDriver,
    MissingTable,
    RowError,
    SmarketingError,
    UnknownAdapter,
    UnreadableInput,
    WrongType,
)
from smarketing.measuring.actuals import (
    UNASSIGNED,
    UNKNOWN_SOURCE,
    ActualsSpec,
    Breach,
    FollowUpCounts,
    FunnelActuals,
    OpenDeals,
    Won,
)
from smarketing.measuring.evaluation import (
    Attainment,
    ClauseStatus,
    Compliance,
    OwnerCompliance,
    SLAReport,
    SourceResult,
    StageResult,
    evaluate,
)
from smarketing.measuring.findings import Finding, Findings
from smarketing.measuring.measured import MeasuredBack, MeasuredRates, MeasuredSource
from smarketing.measuring.pacing import Pacing, PacingPoint, PacingStatus
from smarketing.measuring.sketch import DurationSketch
from smarketing.measuring.sla import (
    SLA,
    DepthClause,
    MarketingCommitment,
    PacingRule,
    SourceCommitment,
    SpeedClause,
)
from smarketing.measuring.trend import TrendPoint
from smarketing.pipeline.collecting import Collected, collect, collect_actuals
from smarketing.pipeline.reading import (
    Adapter,
    InputReport,
    Option,
    Reading,
    ReadReport,
    Rejection,
    read,
)
from smarketing.planning.allocation import allocate_count, allocate_exact, allocate_money
from smarketing.planning.business_calendar import BusinessCalendar
from smarketing.planning.economics import Economics
from smarketing.planning.funnel import (
    HUBSPOT_STAGES,
    Funnel,
    Stage,
    StageForecast,
    StageRequirement,
    Team,
)
from smarketing.planning.objective import Objective
from smarketing.planning.period import Period
from smarketing.planning.plan import MonthPlan, Plan, SourcePlan
from smarketing.planning.rounding import Count, Rounding
from smarketing.planning.source import LeadSource
from smarketing.planning.velocity import sales_velocity
from smarketing.records import Deal, DealStatus, Lead

if TYPE_CHECKING:
    from smarketing.api import Inputs, PlanResult, ReportResult, plan, report
    from smarketing.hookspecs import hookimpl

#: The one-call names (:mod:`smarketing.api`), loaded on first use.
_ONE_CALL = frozenset({"Inputs", "PlanResult", "ReportResult", "plan", "report"})

__all__ = [
    "HUBSPOT_STAGES",
    "SLA",
    "UNASSIGNED",
    "UNKNOWN_SOURCE",
    "ActualsSpec",
    "Adapter",
    "AdapterError",
    "Attainment",
    "Breach",
    "BusinessCalendar",
    "ClauseStatus",
    "Collected",
    "Compliance",
    "ConfigError",
    "Count",
    "Deal",
    "DealStatus",
    "DepthClause",
    "DuplicateColumns",
    "DurationSketch",
    "Economics",
    "Finding",
    "Findings",
    "FollowUpCounts",
    "Funnel",
    "FunnelActuals",
    "InconsistentFunnel",
    "InputError",
    "InputReport",
    "Inputs",
    "InvalidAmount",
    "InvalidFunnel",
    "InvalidOption",
    "InvalidPeriod",
    "InvalidRate",
    "InvalidRecord",
    "InvalidShare",
    "InvalidValue",
    "InvalidWeights",
    "Lead",
    "LeadSource",
    "MarketingCommitment",
    "MeasuredBack",
    "MeasuredRates",
    "MeasuredSource",
    "MissingColumns",
    "MissingDriver",
    "MissingTable",
    "MonthPlan",
    "Objective",
    "OpenDeals",
    "Option",
    "OwnerCompliance",
    "Pacing",
    "PacingPoint",
    "PacingRule",
    "PacingStatus",
    "Period",
    "Plan",
    "PlanResult",
    "ReadReport",
    "Reading",
    "Rejection",
    "ReportResult",
    "Rounding",
    "RowError",
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
    "TrendPoint",
    "UnknownAdapter",
    "UnreadableInput",
    "Won",
    "WrongType",
    "allocate_count",
    "allocate_exact",
    "allocate_money",
    "collect",
    "collect_actuals",
    "evaluate",
    "hookimpl",
    "plan",
    "read",
    "report",
    "sales_velocity",
]


def __getattr__(name: str) -> Any:
    """``__version__``, ``hookimpl`` and the one-call names (``report`` ...), lazily.

    ``hookimpl`` imports pluggy on first use, so that ``import smarketing``
    loads no plugin machinery.
    """
    if name == "__version__":
        from importlib.metadata import version

        return version("smarketing")
    if name == "hookimpl":
        from smarketing.hookspecs import hookimpl

        return hookimpl
    if name in _ONE_CALL:
        # the config and the report formats load on first use: `import smarketing`, and so
        # the command's start (before it handles signals), stay as short as they were
        from smarketing import api

        return getattr(api, name)
    raise AttributeError(f"module 'smarketing' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names (``__all__``) and the module's dunders: no helper, no submodule."""
    return sorted({*__all__, "__version__", *(name for name in globals() if name[:2] == "__")})
