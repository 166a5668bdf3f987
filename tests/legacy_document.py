"""The dict builder of the report and plan documents as it was before the typed documents.

Kept only as the reference the typed documents' ``to_dict()`` must equal
(tests/test_report_documents.py); not used by the library.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from smarketing.contract import ReadReport
from smarketing.measuring.actuals import Breach, Won
from smarketing.measuring.evaluation import Compliance, OwnerCompliance, SLAReport, SourceResult
from smarketing.measuring.measured import MeasuredBack
from smarketing.measuring.pacing import Pacing
from smarketing.measuring.sla import SLA
from smarketing.measuring.spend import SpendNote
from smarketing.measuring.trend import TrendPoint
from smarketing.planning.allocation import part_of
from smarketing.planning.economics import Economics
from smarketing.planning.objective import Objective
from smarketing.planning.period import Period
from smarketing.planning.plan import Plan
from smarketing.reporting.figures import half_up, quotient
from smarketing.reporting.i18n import Words
from smarketing.reporting.listing import largest

__all__ = ["LISTED", "SCHEMA_VERSION", "money", "plan_document", "rate", "report_document"]

SCHEMA_VERSION = 1
#: How many sources and owners a report document lists; the others are counted and summed.
LISTED = 1000


def money(value: Decimal | None) -> str | None:
    return None if value is None else str(half_up(value, 2))


def rate(value: Decimal | None) -> str | None:
    if value is None:
        return None
    rounded = half_up(value, 6)
    text = format(rounded, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def count(value: Decimal | int | None) -> int | str | None:
    if value is None or isinstance(value, int):
        return value
    return str(half_up(value, 2))


def _when(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _seconds(value: timedelta | None) -> int | None:
    return None if value is None else round(value.total_seconds())


def plan_document(plan: Plan) -> dict[str, Any]:
    objective = plan.objective
    months = []
    if objective.period is not None:
        months = [
            {
                "month": month.period.label,
                "weight": rate(Decimal(month.weight)),
                "revenue_goal": money(month.revenue_goal),
                "marketing_revenue_goal": money(month.marketing_revenue_goal),
                "customers_needed": count(month.customers_needed),
                "leads_needed": count(month.leads_needed),
                "leads_due": month.leads_due.label,
            }
            for month in plan.by_month()
        ]
    funnel = objective.funnel
    owners = {stage.name: stage.owner.value for stage in funnel.stages} if funnel else {}
    return {
        "kind": "plan",
        "schema": SCHEMA_VERSION,
        "currency": objective.currency,
        "period": None if objective.period is None else objective.period.label,
        "rounding": objective.rounding.value,
        "revenue_goal": money(objective.revenue_goal),
        "marketing_share": rate(objective.marketing_share),
        "average_sale": money(objective.average_sale),
        "close_rate": rate(objective.close_rate),
        "marketing_revenue_goal": money(plan.marketing_revenue_goal),
        "customers_needed": count(plan.customers_needed),
        "leads_needed": count(plan.leads_needed),
        "source_leads_needed": count(plan.source_leads_needed),
        "source_leads_note": _source_leads_note(plan),
        "lead_value": money(plan.lead_value),
        "lead_value_goal": money(plan.lead_value_goal),
        "visitors_needed": None
        if plan.visitors_needed is None
        else count(plan.visitors_needed.count),
        "handoff": None if funnel is None else funnel.handoff,
        "stages": [
            {
                "stage": requirement.stage,
                "owner": owners.get(requirement.stage),
                "needed": count(requirement.count),
                "rate_to_next": rate(funnel.rates[index])
                if funnel and index < len(funnel.rates)
                else None,
            }
            for index, requirement in enumerate(plan.stages)
        ],
        "sources": [
            {
                "source": source.name,
                "share": rate(source.share),
                "lead_value": money(source.lead_value),
                "revenue_goal": money(source.revenue_goal),
                "customers_needed": count(source.customers_needed),
                "leads_needed": count(source.leads_needed),
                **_economics(source.economics),
            }
            for source in plan.sources
        ],
        "sales_cycle_months": objective.sales_cycle_months,
        "months": months,
    }


def _source_leads_note(plan: Plan) -> str | None:
    total = plan.source_leads_needed
    if total is None or total == plan.leads_needed:
        return None
    words = Words("en")
    return words(
        "source_leads_note", total=words.integer(total), needed=words.integer(plan.leads_needed)
    )


def _economics(economics: Economics | None) -> dict[str, Any]:
    if economics is None:
        return {
            "spend": None,
            "cost_per_lead": None,
            "cost_per_customer": None,
            "net_value_per_lead": None,
            "roi": None,
        }
    return {
        "spend": money(economics.spend),
        "cost_per_lead": money(economics.cost_per_lead),
        "cost_per_customer": money(economics.cost_per_customer),
        "net_value_per_lead": money(economics.net_value_per_lead),
        "roi": rate(economics.roi),
    }


def _pacing(pacing: Pacing | None, is_money: bool) -> dict[str, Any] | None:
    if pacing is None:
        return None
    amount = money if is_money else rate
    return {
        "unit": pacing.unit,
        "goal": amount(pacing.goal),
        "actual": amount(pacing.actual),
        "attainment": rate(pacing.attainment),
        "elapsed_days": pacing.elapsed_days,
        "length_days": pacing.length_days,
        "expected_to_date": amount(pacing.expected_to_date),
        "projected_end": amount(pacing.projected_end),
        "needed_per_remaining_day": amount(pacing.needed_per_remaining_day),
        "status": pacing.status.value,
        "points": [
            {
                "day": point.day.isoformat(),
                "elapsed": point.elapsed,
                "ideal": amount(point.ideal),
                "actual": amount(point.actual),
            }
            for point in pacing.points
        ],
    }


def _compliance(compliance: Compliance | None) -> dict[str, Any] | None:
    if compliance is None:
        return None
    return {
        "target": rate(compliance.target),
        "handed_off": compliance.handed_off,
        "met": compliance.met,
        "breached": compliance.breached,
        "pending": compliance.pending,
        "share_met": rate(compliance.share_met),
        "status": compliance.status.value,
    }


def _breach(breach: Breach) -> dict[str, Any]:
    return {
        "lead_id": breach.lead_id,
        "clause": breach.clause,
        "owner": breach.owner,
        "source": breach.source,
        "handoff": _when(breach.handoff),
        "deadline": _when(breach.deadline),
        "first_touch": _when(breach.first_touch),
        "touches": breach.touches,
    }


def _clauses(sla: SLA | None) -> dict[str, Any]:
    if sla is None:
        return {}
    clauses: dict[str, Any] = {}
    if sla.speed is not None:
        clauses["speed"] = {
            "within_hours": rate(quotient(Decimal(str(sla.speed.within.total_seconds())), 3600)),
            "share": rate(sla.speed.share),
            "business_hours": sla.speed.business_hours,
        }
    if sla.depth is not None:
        clauses["depth"] = {
            "touches": sla.depth.touches,
            "within_days": rate(quotient(Decimal(str(sla.depth.within.total_seconds())), 86400)),
            "share": rate(sla.depth.share),
        }
    return clauses


def source_volume(source: SourceResult) -> tuple[int, ...]:
    return (source.spend is not None, source.leads, source.won.deals, source.cohort_leads)


def owner_volume(owner: OwnerCompliance) -> tuple[int, ...]:
    part = owner.speed or owner.depth
    return (0 if part is None else part.handed_off,)


def _sources_not_listed(others: list[SourceResult]) -> dict[str, Any]:
    won = cohort_won = Won()
    spend: Decimal | None = None
    for source in others:
        won, cohort_won = won + source.won, cohort_won + source.cohort_won
        if source.spend is not None:
            spend = source.spend if spend is None else spend + source.spend
    return {
        "sources": len(others),
        "leads": sum(source.leads for source in others),
        "won_deals": won.deals,
        "won_revenue": money(won.revenue),
        "cohort_leads": sum(source.cohort_leads for source in others),
        "cohort_won_deals": cohort_won.deals,
        "cohort_won_revenue": money(cohort_won.revenue),
        "spend": money(spend),
        "lost": sum(count for source in others for _, count in source.lost_reasons),
    }


def _summed(parts: list[Compliance | None]) -> Compliance | None:
    known = [part for part in parts if part is not None]
    if not known:
        return None
    return Compliance(
        known[0].clause,
        known[0].target,
        sum(part.handed_off for part in known),
        sum(part.met for part in known),
        sum(part.breached for part in known),
        sum(part.pending for part in known),
    )


def _owner(owner: OwnerCompliance) -> dict[str, Any]:
    return {
        "owner": owner.owner,
        "speed": _compliance(owner.speed),
        "depth": _compliance(owner.depth),
    }


def _planned(objective: Objective | None, period: Period) -> dict[str, Any] | None:
    if objective is None:
        return None
    plan = objective.plan()
    revenue: Decimal | None = objective.revenue_goal
    marketing: Decimal | None = plan.marketing_revenue_goal
    if objective.period is not None and objective.period != period:
        revenue = marketing = None
        for month in plan.by_month():
            if month.period.overlap(period) is None:
                continue
            part = part_of(month.revenue_goal, month.period, period, "money")
            marketing_part = part_of(month.marketing_revenue_goal, month.period, period, "money")
            assert isinstance(part, Decimal)
            assert isinstance(marketing_part, Decimal)
            revenue = part + (revenue or 0)
            marketing = marketing_part + (marketing or 0)
    return {
        "revenue_goal": money(revenue),
        "marketing_revenue_goal": money(marketing),
        "marketing_share": rate(objective.marketing_share),
        "average_sale": money(objective.average_sale),
        "close_rate": rate(objective.close_rate),
    }


def _measured(back: MeasuredBack, objective: Objective | None) -> dict[str, Any]:
    return {
        "won_deals": back.won.deals,
        "won_revenue": money(back.won.revenue),
        "won_from_leads_deals": back.won_from_leads.deals,
        "won_from_leads_revenue": money(back.won_from_leads.revenue),
        "marketing_share": rate(back.marketing_share),
        "average_sale": money(back.average_sale),
        "cohort_leads": back.cohort_leads,
        "cohort_customers": back.cohort_customers,
        "close_rate": rate(back.close_rate),
        "lost_deals": back.lost_deals,
        "win_rate": rate(back.win_rate),
        "pipeline_deals": back.pipeline.deals,
        "pipeline_amount": money(back.pipeline.amount),
        "median_sales_cycle_seconds": _seconds(back.median_sales_cycle),
        "planned": _planned(objective, back.period),
    }


def _trend_point(point: TrendPoint) -> dict[str, Any]:
    marketing, won = point.marketing, point.won
    return {
        "period": point.period.label,
        "period_start": point.period.start.isoformat(),
        "period_end": point.period.end.isoformat(),
        "empty": point.empty,
        "goal_leads": None if marketing is None else marketing.goal_leads,
        "leads": None if marketing is None else marketing.leads,
        "lead_attainment": None if marketing is None else rate(marketing.lead_attainment),
        "goal_value": None if marketing is None else money(marketing.goal_value),
        "value": None if marketing is None else money(marketing.value),
        "value_attainment": None if marketing is None else rate(marketing.value_attainment),
        "handoff_rate": rate(point.handoff_rate),
        "speed_share_met": None if point.speed is None else rate(point.speed.share_met),
        "depth_share_met": None if point.depth is None else rate(point.depth.share_met),
        "won_deals": None if won is None else won.deals,
        "won_revenue": None if won is None else money(won.revenue),
        "lost_deals": point.lost_deals,
        "win_rate": rate(point.win_rate),
    }


def _goals(sla: SLA | None) -> dict[str, Any] | None:
    goals = sla.goals if sla is not None else None
    if goals is None:
        return None
    return {
        "revenue_months": [month.label for month in goals.revenue_months],
        "outside_plan": [part.label for part in goals.outside_plan],
        "due_before_objective": [
            {"month": month.period.label, "leads": month.leads_needed, "due": month.leads_due.label}
            for month in goals.due_before_objective
            if month.period.overlap(goals.period) is not None  # the report's own months
        ],
    }


def report_document(
    report: SLAReport,
    *,
    sla: SLA | None = None,
    reading: ReadReport | None = None,
    listed: int | None = LISTED,
    objective: Objective | None = None,
    spend_notes: Sequence[SpendNote] = (),
) -> dict[str, Any]:
    marketing = report.marketing
    sources, other_sources = largest(report.sources, listed, source_volume)
    owners, other_owners = largest(report.owners, listed, owner_volume)
    inputs = []
    if reading is not None:
        inputs = [
            {
                "input": Path(part.input).name,
                "kind": part.kind,
                "rows_read": part.rows_read,
                "records": part.records,
                "rejected": part.rejected,
            }
            for part in reading.inputs
        ]
    return {
        "kind": "sla_report",
        "schema": SCHEMA_VERSION,
        "period": report.period.label,
        "period_start": report.period.start.isoformat(),
        "period_end": report.period.end.isoformat(),
        "as_of": report.as_of.isoformat(),
        "currency": report.currency,
        "commitment_stage": report.commitment_stage,
        "clauses": _clauses(sla),
        "marketing": {
            "goal_leads": marketing.goal_leads,
            "leads": marketing.leads,
            "lead_attainment": rate(marketing.lead_attainment),
            "goal_value": money(marketing.goal_value),
            "value": money(marketing.value),
            "value_attainment": rate(marketing.value_attainment),
        },
        "sources_attainment": [
            {
                "source": part.source,
                "goal_leads": part.goal_leads,
                "leads": part.leads,
                "lead_attainment": rate(part.lead_attainment),
                "goal_value": money(part.goal_value),
                "value": money(part.value),
                "value_attainment": rate(part.value_attainment),
            }
            for part in report.sources_attainment
        ],
        "pacing": _pacing(report.pacing, is_money=False),
        "value_pacing": _pacing(report.value_pacing, is_money=True),
        "speed": _compliance(report.speed),
        "depth": _compliance(report.depth),
        "owners": [_owner(owner) for owner in owners],
        "owner_count": len(report.owners),
        "owners_not_listed": {
            "owners": len(other_owners),
            "speed": _compliance(_summed([owner.speed for owner in other_owners])),
            "depth": _compliance(_summed([owner.depth for owner in other_owners])),
        },
        "breach_count": report.breach_count,
        "breaches": [_breach(breach) for breach in report.breaches],
        "sources": [
            {
                "source": source.source,
                "leads": source.leads,
                "won_deals": source.won.deals,
                "won_revenue": money(source.won.revenue),
                "cohort_leads": source.cohort_leads,
                "cohort_won_deals": source.cohort_won.deals,
                "cohort_won_revenue": money(source.cohort_won.revenue),
                "same_period": _economics(source.same_period),
                "spend_origin": sla.spend_origin_of(source.source) if sla is not None else None,
                "cohort": _economics(source.cohort),
                "lost_reasons": [
                    {"reason": reason, "count": number} for reason, number in source.lost_reasons
                ],
            }
            for source in sources
        ],
        "source_count": len(report.sources),
        "sources_not_listed": _sources_not_listed(other_sources),
        "stages": [
            {
                "stage": stage.stage,
                "entries": stage.entries,
                "cohort": stage.cohort,
                "cohort_rate_to_next": rate(stage.cohort_rate_to_next),
                "median_seconds_to_next": _seconds(stage.median_to_next),
                "p90_seconds_to_next": _seconds(stage.p90_to_next),
            }
            for stage in report.stages
        ],
        "response_time": {
            "median_seconds": _seconds(report.median_response),
            "p90_seconds": _seconds(report.p90_response),
        },
        "findings": {
            "counts": {
                kind.value: number for kind, number in sorted(report.findings.counts.items())
            },
            "ids": {kind.value: list(ids) for kind, ids in sorted(report.findings.ids.items())},
            "values": {
                kind.value: dict(values) for kind, values in sorted(report.findings.values.items())
            },
        },
        "leads_read": report.leads_read,
        "inputs": inputs,
        "goals": _goals(sla),
        "spend_findings": [
            {"finding": str(note.kind), "source": note.source, "message": note.message}
            for note in spend_notes
        ],
        "measured": _measured(report.measured, objective),
        "trend": [_trend_point(point) for point in report.trend],
    }
