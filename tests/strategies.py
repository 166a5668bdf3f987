"""Hypothesis strategies for smarketing's domain values, all in one place."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from smarketing import Funnel, LeadSource, Objective, Period

#: Rates in (0, 1] with up to four decimals, as people write them.
rates = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(1), places=4)

#: Money from a cent to a billion, in cents.
money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**9), places=2)

#: Prices a deal can have: a dollar to ten million.
prices = st.decimals(min_value=Decimal(1), max_value=Decimal(10**7), places=2)

#: Shares of a whole in [0, 1].
shares = st.decimals(min_value=Decimal(0), max_value=Decimal(1), places=4)

#: Non-negative weights, at least one of them positive.
weights = st.lists(
    st.one_of(st.integers(0, 1000), st.decimals(min_value=0, max_value=1000, places=3)),
    min_size=1,
    max_size=24,
).filter(lambda ws: any(w > 0 for w in ws))


@st.composite
def objectives(draw: st.DrawFn) -> Objective:
    """An objective with its four metrics drawn, no funnel, default rounding."""
    return Objective(
        revenue_goal=draw(money),
        marketing_share=draw(shares.filter(lambda s: s > 0)),
        average_sale=draw(prices),
        close_rate=draw(rates),
    )


@st.composite
def funnels(draw: st.DrawFn, min_stages: int = 2, max_stages: int = 7) -> Funnel:
    """A funnel of 2 to 7 stages with drawn rates, handed to sales at a drawn stage."""
    size = draw(st.integers(min_stages, max_stages))
    names = [f"stage{i}" for i in range(size)]
    handoff = draw(st.sampled_from(names))
    stage_rates = draw(st.lists(rates, min_size=size - 1, max_size=size - 1))
    visit = draw(st.none() | rates)
    return Funnel.from_rates(
        dict(zip(names[:-1], stage_rates, strict=True)),
        customer=names[-1],
        handoff=handoff,
        visit_to_lead=visit,
    )


@st.composite
def source_mixes(draw: st.DrawFn) -> tuple[LeadSource, ...]:
    """One to six lead sources whose shares add up exactly to 1."""
    count = draw(st.integers(1, 6))
    cuts = sorted(draw(st.lists(st.integers(0, 10_000), min_size=count - 1, max_size=count - 1)))
    bounds = [0, *cuts, 10_000]
    return tuple(
        LeadSource(
            f"source{i}",
            close_rate=draw(rates),
            average_sale=draw(st.none() | prices),
            spend=draw(st.none() | money),
            share=Decimal(bounds[i + 1] - bounds[i]) / 10_000,
        )
        for i in range(count)
    )


dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """A period of explicit dates, up to three years long."""
    start = draw(dates)
    length = draw(st.integers(0, 3 * 366))
    return Period(start, start + timedelta(days=length))
