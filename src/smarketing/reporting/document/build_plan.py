"""A plan's document (:class:`~smarketing.reporting.document.PlanDocument`)."""

from __future__ import annotations

from decimal import Decimal

from smarketing.planning.economics import Economics
from smarketing.planning.plan import Plan
from smarketing.reporting.document.convert import cents, exact_count, six_places
from smarketing.reporting.document.plan_model import PlanDocument, PlanMonth, PlanSource, PlanStage
from smarketing.reporting.document.report_model import EconomicsFigures
from smarketing.reporting.i18n import Words

__all__ = ["economics_figures", "plan_document"]


def economics_figures(economics: Economics | None) -> EconomicsFigures:
    """Spend, costs and return of a source, rounded (every figure ``None`` without spend)."""
    if economics is None:
        return EconomicsFigures(
            spend=None,
            cost_per_lead=None,
            cost_per_customer=None,
            net_value_per_lead=None,
            roi=None,
        )
    return EconomicsFigures(
        spend=cents(economics.spend),
        cost_per_lead=cents(economics.cost_per_lead),
        cost_per_customer=cents(economics.cost_per_customer),
        net_value_per_lead=cents(economics.net_value_per_lead),
        roi=six_places(economics.roi),
    )


def plan_document(plan: Plan) -> PlanDocument:
    """The document of a plan."""
    objective = plan.objective
    months: tuple[PlanMonth, ...] = ()
    if objective.period is not None:
        months = tuple(
            PlanMonth(
                month=month.period.label,
                weight=six_places(Decimal(month.weight)),
                revenue_goal=cents(month.revenue_goal),
                marketing_revenue_goal=cents(month.marketing_revenue_goal),
                customers_needed=exact_count(month.customers_needed),
                leads_needed=exact_count(month.leads_needed),
                leads_due=month.leads_due.label,
            )
            for month in plan.by_month()
        )
    funnel = objective.funnel
    owners = {stage.name: stage.owner.value for stage in funnel.stages} if funnel else {}
    sources = []
    for source in plan.sources:
        economics = economics_figures(source.economics)
        sources.append(
            PlanSource(
                source=source.name,
                share=six_places(source.share),
                lead_value=cents(source.lead_value),
                revenue_goal=cents(source.revenue_goal),
                customers_needed=exact_count(source.customers_needed),
                leads_needed=exact_count(source.leads_needed),
                spend=economics.spend,
                cost_per_lead=economics.cost_per_lead,
                cost_per_customer=economics.cost_per_customer,
                net_value_per_lead=economics.net_value_per_lead,
                roi=economics.roi,
            )
        )
    return PlanDocument(
        currency=objective.currency,
        period=None if objective.period is None else objective.period.label,
        rounding=objective.rounding.value,
        revenue_goal=cents(objective.revenue_goal),
        marketing_share=six_places(objective.marketing_share),
        average_sale=cents(objective.average_sale),
        close_rate=six_places(objective.close_rate),
        marketing_revenue_goal=cents(plan.marketing_revenue_goal),
        customers_needed=exact_count(plan.customers_needed),
        leads_needed=exact_count(plan.leads_needed),
        source_leads_needed=exact_count(plan.source_leads_needed),
        source_leads_note=_source_leads_note(plan),
        lead_value=cents(plan.lead_value),
        lead_value_goal=cents(plan.lead_value_goal),
        visitors_needed=None
        if plan.visitors_needed is None
        else exact_count(plan.visitors_needed.count),
        handoff=None if funnel is None else funnel.handoff,
        stages=tuple(
            PlanStage(
                stage=requirement.stage,
                owner=owners.get(requirement.stage),
                needed=exact_count(requirement.count),
                rate_to_next=six_places(funnel.rates[index])
                if funnel and index < len(funnel.rates)
                else None,
            )
            for index, requirement in enumerate(plan.stages)
        ),
        sources=tuple(sources),
        sales_cycle_months=objective.sales_cycle_months,
        months=months,
    )


def _source_leads_note(plan: Plan) -> str | None:
    """Why the sources' leads add up to another figure than the leads needed (in English)."""
    total = plan.source_leads_needed
    if total is None or total == plan.leads_needed:
        return None
    words = Words("en")
    return words(
        "source_leads_note", total=words.integer(total), needed=words.integer(plan.leads_needed)
    )
