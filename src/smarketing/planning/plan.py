"""The plan: what an objective asks of marketing, overall, per stage, per source and per month.

The classes are defined in :mod:`smarketing.planning.objective`, beside the objective
that sizes them (:meth:`~smarketing.planning.objective.Objective.plan`), so that the two
modules do not import each other; they are importable from here as before.
"""

from __future__ import annotations

from smarketing.planning.objective import Plan
from smarketing.planning.plan_parts import MonthPlan, SourcePlan

__all__ = ["MonthPlan", "Plan", "SourcePlan"]
