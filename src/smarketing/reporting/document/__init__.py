"""The document a report renders: typed, frozen classes; the JSON contract by one converter.

:func:`report_document` and :func:`plan_document` build a
:class:`ReportDocument` or a :class:`PlanDocument`: one frozen attrs class a
section, read by attribute (``document.marketing.leads``), figures already
rounded as the contract says. Their ``to_dict()`` is the JSON contract
(docs/json-schema.md), written by :func:`~smarketing.reporting.document.convert.to_json`:
decimal numbers are strings; money is rounded half up to cents; rates and
ratios to six decimals; counts are integers (strings under ``exact``
rounding); dates and times are ISO 8601; absent figures are ``null``. Keys
are the same in every language.

>>> from decimal import Decimal
>>> from smarketing import Objective
>>> document = plan_document(Objective(Decimal(500000), Decimal("0.5"), Decimal(2500),
...                                    Decimal("0.2")).plan())
>>> document.leads_needed, document.marketing_revenue_goal
(500, Decimal('250000.00'))
>>> document.to_dict()["marketing_revenue_goal"], document.to_dict()["close_rate"]
('250000.00', '0.2')
"""

from __future__ import annotations

from smarketing.reporting.document.build_plan import plan_document
from smarketing.reporting.document.build_report import (
    LISTED,
    owner_volume,
    report_document,
    source_volume,
)
from smarketing.reporting.document.convert import JSONValue, count, money, rate, to_json
from smarketing.reporting.document.plan_model import (
    PlanDocument,
    PlanMonth,
    PlanSource,
    PlanStage,
)
from smarketing.reporting.document.report_model import (
    SCHEMA_VERSION,
    AttainmentFigures,
    BreachEntry,
    ClauseCompliance,
    Clauses,
    DepthTerms,
    DueMonth,
    EconomicsFigures,
    FindingCounts,
    Goals,
    InputCounts,
    LostReason,
    MeasuredFigures,
    OwnerFigures,
    OwnersNotListed,
    PacingFigures,
    PacingPoint,
    PlannedFigures,
    ReportDocument,
    ResponseTime,
    SourceAttainmentFigures,
    SourceFigures,
    SourcesNotListed,
    SpeedTerms,
    SpendFindingEntry,
    StageFigures,
    TrendFigures,
)

#: A document any format renders.
Document = ReportDocument | PlanDocument

__all__ = [
    "LISTED",
    "SCHEMA_VERSION",
    "AttainmentFigures",
    "BreachEntry",
    "ClauseCompliance",
    "Clauses",
    "DepthTerms",
    "Document",
    "DueMonth",
    "EconomicsFigures",
    "FindingCounts",
    "Goals",
    "InputCounts",
    "JSONValue",
    "LostReason",
    "MeasuredFigures",
    "OwnerFigures",
    "OwnersNotListed",
    "PacingFigures",
    "PacingPoint",
    "PlanDocument",
    "PlanMonth",
    "PlanSource",
    "PlanStage",
    "PlannedFigures",
    "ReportDocument",
    "ResponseTime",
    "SourceAttainmentFigures",
    "SourceFigures",
    "SourcesNotListed",
    "SpeedTerms",
    "SpendFindingEntry",
    "StageFigures",
    "TrendFigures",
    "count",
    "money",
    "owner_volume",
    "plan_document",
    "rate",
    "report_document",
    "source_volume",
    "to_json",
]
