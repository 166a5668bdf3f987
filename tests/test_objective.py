"""The objective and its plan: the public worked examples, and the properties of the arithmetic."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smarketing import (
    Funnel,
    InconsistentFunnel,
    InvalidAmount,
    InvalidRate,
    InvalidShare,
    InvalidValue,
    InvalidWeights,
    LeadSource,
    Objective,
    Period,
    Rounding,
    SmarketingError,
    WrongType,
)
from tests.strategies import money, objectives, prices, rates, shares, source_mixes

D = Decimal


def test_issue_contract_example() -> None:
    """The example of the planning issue, as written: 1,000,000 x 0.5 / 10,000 / 0.2."""
    plan = Objective(
        revenue_goal=Decimal("1000000"),
        marketing_share=Decimal("0.5"),
        average_sale=Decimal("10000"),
        close_rate=Decimal("0.2"),
    ).plan()
    assert plan.marketing_revenue_goal == Decimal("500000")
    assert plan.customers_needed == 50
    assert plan.leads_needed == 250


def test_trew_marketing_worked_example() -> None:
    """TREW Marketing: goal 500,000, average sale 10,000, 2% close -> 50 customers, 2,500 leads."""
    plan = Objective(
        revenue_goal=D(500000), marketing_share=D(1), average_sale=D(10000), close_rate=D("0.02")
    ).plan()
    assert plan.customers_needed == 50
    assert plan.leads_needed == 2500
    # The lead value commitment is the marketing revenue: 2,500 leads x (0.02 x 10,000) = 500,000.
    assert plan.lead_value == D(200)
    assert plan.lead_value_goal == D(500000)


def test_weinbaum_lead_value() -> None:
    """The Weinbaum Group: revenue per customer 160,000 at 1% close -> a lead is worth 1,600."""
    source = LeadSource("all", close_rate=D("0.01"), average_sale=D(160000))
    assert source.lead_value() == D(1600)


@pytest.mark.parametrize(
    ("name", "leads", "close", "price", "spend", "lead_value", "cost_per_customer"),
    [
        # 0.04 x 5,000 = 200; 15,000 / (500 x 0.04 = 20 customers) = 750
        ("Google Ads", 500, "0.04", 5000, 15000, "200", "750.00"),
        # 0.06 x 7,000 = 420; 2,000 / (300 x 0.06 = 18) = 111.11
        ("Organic SEO", 300, "0.06", 7000, 2000, "420", "111.11"),
        # 0.15 x 8,000 = 1,200; 500 / (100 x 0.15 = 15) = 33.33
        ("Referrals", 100, "0.15", 8000, 500, "1200", "33.33"),
    ],
)
def test_rangelead_lead_value_and_cost_per_customer(
    name: str,
    leads: int,
    close: str,
    price: int,
    spend: int,
    lead_value: str,
    cost_per_customer: str,
) -> None:
    """The RangeLead calculator's three sources: lead value and cost per customer."""
    source = LeadSource(name, close_rate=D(close), average_sale=D(price), spend=D(spend))
    assert source.lead_value() == D(lead_value)
    economics = source.economics(leads)
    assert economics.cost_per_customer is not None
    assert economics.cost_per_customer.quantize(D("0.01")) == D(cost_per_customer)
    # Net value per lead is lead value minus cost per LEAD (the page mixes units; we do not).
    # 200 - 15,000/500 = 170; 420 - 2,000/300 = 413.33; 1,200 - 500/100 = 1,195.
    expected_net = {"Google Ads": "170.00", "Organic SEO": "413.33", "Referrals": "1195.00"}[name]
    assert economics.net_value_per_lead is not None
    assert economics.net_value_per_lead.quantize(D("0.01")) == D(expected_net)


def test_roberge_rep_funnel_and_team() -> None:
    """Roberge p.133: 150 leads, 75 connects, 25 opportunities, 15 presentations, 5 customers.

    A team of ten reps needs 1,500 leads a month.
    """
    rep = Funnel.from_counts(
        {"lead": 150, "connect": 75, "opportunity": 25, "presentation": 15, "customer": 5},
        handoff="lead",
    )
    # 150 x 1/2 x 1/3 x 3/5 x 1/3 = 5, with the thirds rounded to 60 digits.
    assert rep.project(150)[-1].expected.quantize(D("1e-20")) == D(5)
    per_rep = rep.back_solve(5, rounding=Rounding.HALF_UP)
    assert [r.count for r in per_rep] == [150, 75, 25, 15, 5]
    team = Objective(
        revenue_goal=D(10 * 5 * 10000),
        marketing_share=D(1),
        average_sale=D(10000),
        close_rate=rep.close_rate(),
        funnel=rep,
        rounding=Rounding.HALF_UP,
    ).plan()
    assert team.customers_needed == 50
    assert team.leads_needed == 1500


def test_hubspot_academy_team_leads() -> None:
    """HubSpot Academy: 100 leads a month per rep, 10 reps -> 1,000 leads (10 customers at 1%)."""
    plan = Objective(
        revenue_goal=D(100000), marketing_share=D(1), average_sale=D(10000), close_rate=D("0.01")
    ).plan()
    assert plan.leads_needed == 1000


def test_plan_with_funnel_and_visitors() -> None:
    """Each stage comes from the exact chain: 50 customers / 0.25 / 0.4 / 0.5 / 0.5 upwards."""
    funnel = Funnel.hubspot(
        lead_to_mql=D("0.5"),
        mql_to_sql=D("0.5"),
        sql_to_opportunity=D("0.4"),
        opportunity_to_customer=D("0.25"),
        visit_to_lead=D("0.02"),
    )
    plan = Objective(
        revenue_goal=D(1000000),
        marketing_share=D("0.5"),
        average_sale=D(10000),
        close_rate=D("0.025"),
        funnel=funnel,
    ).plan()
    # 50 customers; opportunity 50/0.25 = 200; SQL 200/0.4 = 500; MQL 1,000; lead 2,000.
    assert [(r.stage, r.count) for r in plan.stages] == [
        ("lead", 2000),
        ("marketingqualifiedlead", 1000),
        ("salesqualifiedlead", 500),
        ("opportunity", 200),
        ("customer", 50),
    ]
    assert plan.stage("lead").count == plan.leads_needed
    # 2,000 leads / 2% visit-to-lead = 100,000 visitors.
    assert plan.visitors_needed is not None
    assert plan.visitors_needed.count == 100000


def test_rounding_never_compounds() -> None:
    """Rounding each stage from the rounded one below over-asks; the plan rounds once per stage.

    1 customer at 0.3 per stage: exact chain 3.33 -> 11.11 -> 37.04, so ceil gives 4, 12, 38.
    Rounding step by step would ask 4, then 4/0.3 = 13.3 -> 14, then 14/0.3 = 46.7 -> 47.
    """
    funnel = Funnel.from_rates({"a": D("0.3"), "b": D("0.3"), "c": D("0.3")}, handoff="b")
    assert [r.count for r in funnel.back_solve(1)] == [38, 12, 4, 1]


def test_rounding_policies() -> None:
    """10,000 x 1 / 3,000 = 3.33 customers, / 0.3 = 11.11 leads under each policy."""
    base = {
        "revenue_goal": D(10000),
        "marketing_share": D(1),
        "average_sale": D(3000),
        "close_rate": D("0.3"),
    }
    assert Objective(**base).plan().leads_needed == 12  # type: ignore[arg-type]
    assert Objective(**base, rounding=Rounding.FLOOR).plan().leads_needed == 11  # type: ignore[arg-type]
    assert Objective(**base, rounding="half_up").plan().leads_needed == 11  # type: ignore[arg-type]
    exact = Objective(**base, rounding=Rounding.EXACT).plan()  # type: ignore[arg-type]
    assert isinstance(exact.leads_needed, Decimal)
    assert exact.leads_needed.quantize(D("0.0001")) == D("11.1111")


def test_per_source_plan() -> None:
    """500,000 of marketing revenue, 60% paid search and 40% referrals.

    Paid search: 300,000 / (0.04 x 5,000 = 200) = 1,500 leads; referrals: 200,000 / 1,200 = 166.67
    -> 167 leads. Spend 30,000 on 1,500 leads: 20 per lead, 500 per customer (60 customers).
    """
    plan = Objective(
        revenue_goal=D(1000000),
        marketing_share=D("0.5"),
        average_sale=D(5000),
        close_rate=D("0.05"),
        sources=(
            LeadSource("paid search", close_rate=D("0.04"), share=D("0.6"), spend=D(30000)),
            LeadSource("referrals", close_rate=D("0.15"), average_sale=D(8000), share=D("0.4")),
        ),
    ).plan()
    paid, referrals = plan.sources
    assert (paid.revenue_goal, paid.lead_value, paid.leads_needed) == (D(300000), D(200), 1500)
    assert (referrals.revenue_goal, referrals.lead_value) == (D(200000), D(1200))
    assert referrals.leads_needed == 167
    assert paid.economics is not None
    assert (paid.economics.cost_per_lead, paid.economics.cost_per_customer) == (D(20), D(500))
    assert referrals.economics is None


def test_seasonal_plan_with_cycle_lag() -> None:
    """A 2026 goal of 1,200,000 split by month, heavier in Q4, with a two-month sales cycle."""
    weights = (1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3)  # 15 parts
    plan = Objective(
        revenue_goal=D(1200000),
        marketing_share=D("0.5"),
        average_sale=D(10000),
        close_rate=D("0.2"),
        period=Period.year(2026),
        seasonality=weights,
        sales_cycle_months=2,
    ).plan()
    months = plan.by_month()
    assert [m.period.label for m in months][:2] == ["2026-01", "2026-02"]
    # 1,200,000 / 15 = 80,000 a part; December has 3 parts.
    assert months[-1].revenue_goal == D(240000)
    assert sum(m.revenue_goal for m in months) == D(1200000)
    # 300 leads / 15 = 20 a part; December 60.
    assert [m.leads_needed for m in months] == [20] * 10 + [40, 60]
    assert sum(m.customers_needed for m in months) == plan.customers_needed == 60
    # January's revenue needs leads in November of the year before.
    assert months[0].leads_due == Period.month(2025, 11)
    assert months[-1].leads_due == Period.month(2026, 10)


def test_equal_seasons_largest_remainder() -> None:
    """250 leads over a quarter: 83.33 each, one spare unit to the first month."""
    plan = Objective(
        revenue_goal=D(1000000),
        marketing_share=D("0.5"),
        average_sale=D(10000),
        close_rate=D("0.2"),
        period=Period.quarter(2026, 4),
    ).plan()
    assert [m.leads_needed for m in plan.by_month()] == [84, 83, 83]
    revenue = [m.revenue_goal for m in plan.by_month()]
    assert revenue == [D("333333.34"), D("333333.33"), D("333333.33")]


# -- bad input ------------------------------------------------------------------------------


def _objective(**changes: object) -> Objective:
    fields: dict[str, object] = {
        "revenue_goal": D(1000),
        "marketing_share": D("0.5"),
        "average_sale": D(100),
        "close_rate": D("0.1"),
    }
    fields.update(changes)
    return Objective(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "error", "words"),
    [
        ({"close_rate": D(0)}, InvalidRate, "Objective.close_rate must be greater than 0"),
        ({"close_rate": D("-0.1")}, InvalidRate, "got -0.1"),
        ({"close_rate": D(20)}, InvalidRate, "20% is Decimal('0.2')"),
        ({"average_sale": D(0)}, InvalidAmount, "Objective.average_sale must be greater than 0"),
        ({"revenue_goal": D(-5)}, InvalidAmount, "Objective.revenue_goal"),
        ({"revenue_goal": D("NaN")}, InvalidAmount, "finite"),
        ({"marketing_share": D("1.5")}, InvalidShare, "between 0 and 1"),
        ({"revenue_goal": 1000.0}, WrongType, "never go through float"),
        ({"close_rate": "0.2"}, WrongType, "Decimal('0.2')"),
        ({"currency": "euro"}, InvalidValue, "ISO 4217"),
        ({"rounding": "up"}, InvalidValue, "'ceil', 'floor', 'half_up', 'exact'"),
        ({"seasonality": (1, 2)}, InvalidWeights, "needs a period"),
        (
            {"seasonality": (1, 2), "period": Period.quarter(2026, 1)},
            InvalidWeights,
            "has 3 months",
        ),
        (
            {"seasonality": (0, 0, 0), "period": Period.quarter(2026, 1)},
            InvalidWeights,
            "all 3 weights are zero",
        ),
        ({"sales_cycle_months": -1}, InvalidAmount, "sales_cycle_months must be 0 or more"),
    ],
)
def test_bad_objectives_raise_clear_errors(
    changes: dict[str, object], error: type[SmarketingError], words: str
) -> None:
    with pytest.raises(error, match=words.replace("(", r"\(").replace(")", r"\)")) as raised:
        _objective(**changes).plan()
    assert isinstance(raised.value, SmarketingError)


def test_source_shares_must_add_up() -> None:
    sources = (
        LeadSource("a", close_rate=D("0.1"), share=D("0.5")),
        LeadSource("b", close_rate=D("0.1"), share=D("0.4")),
    )
    with pytest.raises(InvalidShare, match=r"add up to 0.9, not 1: a=0.5, b=0.4"):
        _objective(sources=sources)


def test_source_shares_all_or_none() -> None:
    sources = (
        LeadSource("a", close_rate=D("0.1"), share=D(1)),
        LeadSource("b", close_rate=D("0.1")),
    )
    with pytest.raises(InvalidShare, match=r"\['b'\] have no share"):
        _objective(sources=sources)


def test_duplicate_sources_rejected() -> None:
    sources = (LeadSource("a", close_rate=D("0.1")), LeadSource("a", close_rate=D("0.2")))
    with pytest.raises(InvalidValue, match="listed twice"):
        _objective(sources=sources)


def test_funnel_must_agree_with_close_rate() -> None:
    funnel = Funnel.from_rates({"lead": D("0.5"), "sql": D("0.3")}, handoff="lead")
    with pytest.raises(InconsistentFunnel, match=r"funnel's lead-to-customer rate .* is 0.15"):
        _objective(funnel=funnel, close_rate=D("0.2"))


def test_by_month_needs_a_period() -> None:
    with pytest.raises(SmarketingError, match="no period to split"):
        _objective().plan().by_month()


# -- properties ---------------------------------------------------------------------------


@given(objectives())
def test_ceil_plan_is_sufficient_and_minimal(objective: Objective) -> None:
    plan = objective.plan()
    customers = Fraction(objective.marketing_revenue_goal) / Fraction(objective.average_sale)
    leads = plan.leads_needed
    assert isinstance(leads, int)
    assert leads * Fraction(objective.close_rate) >= customers
    assert (leads - 1) * Fraction(objective.close_rate) < customers
    assert Fraction(plan.customers_needed) * Fraction(objective.average_sale) >= Fraction(
        objective.marketing_revenue_goal
    )


@given(objectives())
def test_floor_exact_ceil_are_ordered(objective: Objective) -> None:
    import attrs

    floor = attrs.evolve(objective, rounding=Rounding.FLOOR).plan()
    exact = attrs.evolve(objective, rounding=Rounding.EXACT).plan()
    ceil = objective.plan()
    assert floor.leads_needed <= exact.leads_needed <= ceil.leads_needed
    assert floor.customers_needed <= exact.customers_needed <= ceil.customers_needed
    assert ceil.leads_needed - floor.leads_needed <= 1
    assert exact.leads_needed == ceil.leads_needed_exact


@given(objectives(), money, rates)
def test_requirements_monotone_in_goal_and_rate(
    objective: Objective, extra: Decimal, better: Decimal
) -> None:
    import attrs

    more = attrs.evolve(objective, revenue_goal=objective.revenue_goal + extra).plan()
    assert more.leads_needed >= objective.plan().leads_needed
    higher_rate = max(objective.close_rate, better)
    easier = attrs.evolve(objective, close_rate=higher_rate).plan()
    assert easier.leads_needed <= objective.plan().leads_needed


@given(objectives())
def test_lead_value_times_leads_is_revenue_under_exact(objective: Objective) -> None:
    import attrs

    plan = attrs.evolve(objective, rounding=Rounding.EXACT).plan()
    assert isinstance(plan.leads_needed, Decimal)
    revenue = plan.leads_needed * plan.lead_value
    assert abs(revenue - plan.marketing_revenue_goal) <= D("1e-20") * max(revenue, D(1))


@given(objectives(), source_mixes())
def test_source_allocation_adds_up_to_marketing_goal(
    objective: Objective, sources: tuple[LeadSource, ...]
) -> None:
    import attrs

    plan = attrs.evolve(objective, sources=sources).plan()
    goals = [source.revenue_goal for source in plan.sources]
    assert all(goal is not None for goal in goals)
    total = sum(Fraction(goal) for goal in goals if goal is not None)
    assert total == Fraction(plan.marketing_revenue_goal)
    for source_plan, source in zip(plan.sources, sources, strict=True):
        assert source_plan.leads_needed is not None
        assert source_plan.revenue_goal is not None
        lead_value = Fraction(source.lead_value(objective.average_sale))
        assert Fraction(source_plan.leads_needed) * lead_value >= Fraction(source_plan.revenue_goal)


@given(objectives(), st.lists(shares, min_size=12, max_size=12).filter(lambda w: any(w)))
def test_seasonal_allocation_adds_up(objective: Objective, weights: list[Decimal]) -> None:
    import attrs

    plan = attrs.evolve(objective, period=Period.year(2027), seasonality=tuple(weights)).plan()
    months = plan.by_month()
    assert sum(m.leads_needed for m in months) == plan.leads_needed
    assert sum(m.customers_needed for m in months) == plan.customers_needed
    assert sum(m.revenue_goal for m in months) == objective.revenue_goal
    assert sum(Fraction(m.marketing_revenue_goal) for m in months) == Fraction(
        plan.marketing_revenue_goal
    )
    for month, weight in zip(months, weights, strict=True):
        if weight == 0:
            assert month.leads_needed == 0
            assert month.revenue_goal == 0


@given(prices, st.integers(1, 5))
def test_prices_stay_decimal(price: Decimal, digits: int) -> None:
    source = LeadSource("x", close_rate=D("0.5"), average_sale=price)
    assert isinstance(source.lead_value(), Decimal)
