"""Plan a year of marketing from the revenue goal: a runnable example of the planning core.

Run it with ``python examples/plan.py``.
"""

from __future__ import annotations

from decimal import Decimal

from smarketing import Funnel, LeadSource, Objective, Period


def main() -> None:
    """Print the plan of a 2027 objective: overall, per stage, per source and per month."""
    funnel = Funnel.hubspot(
        lead_to_mql=Decimal("0.4"),
        mql_to_sql=Decimal("0.5"),
        sql_to_opportunity=Decimal("0.5"),
        opportunity_to_customer=Decimal("0.25"),
        visit_to_lead=Decimal("0.02"),
    )
    objective = Objective(
        revenue_goal=Decimal("2400000"),
        marketing_share=Decimal("0.6"),
        average_sale=Decimal("12000"),
        close_rate=funnel.close_rate(),
        currency="EUR",
        period=Period.year(2027),
        funnel=funnel,
        sources=(
            LeadSource(
                "paid search",
                close_rate=Decimal("0.02"),
                share=Decimal("0.5"),
                spend=Decimal("90000"),
            ),
            LeadSource("organic search", close_rate=Decimal("0.03"), share=Decimal("0.3")),
            LeadSource(
                "referrals",
                close_rate=Decimal("0.12"),
                average_sale=Decimal("15000"),
                share=Decimal("0.2"),
                spend=Decimal("12000"),
            ),
        ),
        seasonality=(2, 2, 3, 3, 3, 2, 1, 1, 3, 3, 4, 3),
        sales_cycle_months=2,
    )
    plan = objective.plan()
    cur = objective.currency
    print(f"Plan for {objective.period}: revenue goal {objective.revenue_goal:,} {cur}")
    print(f"  marketing revenue goal  {plan.marketing_revenue_goal:>12,.2f} {cur}")
    print(f"  lead value              {plan.lead_value:>12,.2f} {cur}")
    print(f"  customers needed        {plan.customers_needed:>12,}")
    print(f"  leads needed            {plan.leads_needed:>12,}")
    if plan.visitors_needed is not None:
        print(f"  visitors needed         {plan.visitors_needed.count:>12,}")
    print("\nBy funnel stage")
    for stage in plan.stages:
        print(f"  {stage.stage:<24}{stage.count:>12,}")
    print("\nBy lead source")
    for source in plan.sources:
        line = f"  {source.name:<16} lead value {source.lead_value:>9,.2f}"
        line += f"  leads {source.leads_needed:>7,}"
        if source.economics is not None and source.economics.cost_per_lead is not None:
            line += f"  cost/lead {source.economics.cost_per_lead:>7,.2f}"
        print(line)
    print("\nBy month (leads are due two months before the revenue)")
    for month in plan.by_month():
        print(
            f"  {month.period.label}  revenue {month.revenue_goal:>12,.2f}"
            f"  leads {month.leads_needed:>6,}  due {month.leads_due.label}"
        )


if __name__ == "__main__":
    main()
