"""The public API is what we mean it to be, and importing it is cheap."""

from __future__ import annotations

import subprocess
import sys

import smarketing
from smarketing import errors


def test_all_names_exist_and_are_sorted() -> None:
    for name in smarketing.__all__:
        assert hasattr(smarketing, name), name
    assert sorted(smarketing.__all__) == sorted(set(smarketing.__all__))


def test_version_comes_from_metadata() -> None:
    from importlib.metadata import version

    assert smarketing.__version__ == version("smarketing")


def test_every_error_is_a_smarketing_error_and_a_builtin() -> None:
    for name in errors.__all__:
        error = getattr(errors, name)
        assert issubclass(error, smarketing.SmarketingError)
        if error is not smarketing.SmarketingError:
            assert issubclass(error, ValueError | TypeError | LookupError | ImportError), name


def test_import_loads_no_plugin_machinery() -> None:
    code = "import sys, smarketing; print(sorted(m for m in sys.modules if 'pluggy' in m))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


#: The public names of ``smarketing``, sorted. A name added to ``__all__`` or taken out of it
#: changes the API: update this list in the same commit (and the CHANGELOG).
PUBLIC_NAMES = [
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
    "HUBSPOT_STAGES",
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
    "SLA",
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
    "UNASSIGNED",
    "UNKNOWN_SOURCE",
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


def test_the_public_names_are_the_snapshot() -> None:
    assert sorted(smarketing.__all__) == PUBLIC_NAMES
    for name in PUBLIC_NAMES:
        assert getattr(smarketing, name) is not None, name


def test_dir_shows_the_public_names_only() -> None:
    shown = dir(smarketing)
    assert shown == sorted(shown)
    assert [name for name in shown if not name.startswith("__")] == PUBLIC_NAMES
    assert "__version__" in shown
    for helper in ("Any", "TYPE_CHECKING", "annotations", "errors", "pipeline"):
        assert helper not in shown
    assert smarketing.errors is errors  # hidden from dir, still there
