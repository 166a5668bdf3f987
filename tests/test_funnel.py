"""The funnel: construction rules, back-solving and projection."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smarketing import (
    HUBSPOT_STAGES,
    Funnel,
    InvalidAmount,
    InvalidFunnel,
    InvalidRate,
    Rounding,
    Stage,
    Team,
)
from tests.strategies import funnels

D = Decimal


def _product(funnel: Funnel, start: int) -> Fraction:
    product = Fraction(1)
    for rate in funnel.rates[start:]:
        product *= Fraction(rate)
    return product


def test_hubspot_funnel_stages_and_owners() -> None:
    funnel = Funnel.hubspot(
        lead_to_mql=D("0.3"),
        mql_to_sql=D("0.5"),
        sql_to_opportunity=D("0.5"),
        opportunity_to_customer=D("0.2"),
    )
    assert funnel.names == HUBSPOT_STAGES
    assert funnel.handoff == "marketingqualifiedlead"
    assert [s.owner for s in funnel.stages] == [Team.MARKETING] * 2 + [Team.SALES] * 3
    # 0.3 x 0.5 x 0.5 x 0.2 = 0.015
    assert funnel.close_rate() == D("0.015")
    assert funnel.close_rate("salesqualifiedlead") == D("0.1")
    assert funnel.close_rate("lead", "salesqualifiedlead") == D("0.15")


def test_project_forward() -> None:
    funnel = Funnel.from_rates({"lead": D("0.2"), "sql": D("0.5")}, handoff="lead")
    # 1,000 leads -> 200 SQLs -> 100 customers
    assert [f.expected for f in funnel.project(1000)] == [D(1000), D(200), D(100)]
    assert [f.stage for f in funnel.project(10, start="sql")] == ["sql", "customer"]


def test_back_solve_to_an_inner_stage() -> None:
    funnel = Funnel.from_rates({"lead": D("0.2"), "sql": D("0.5")}, handoff="lead")
    # 30 SQLs need 30 / 0.2 = 150 leads
    assert [(r.stage, r.count) for r in funnel.back_solve(30, at="sql")] == [
        ("lead", 150),
        ("sql", 30),
    ]


@pytest.mark.parametrize(
    ("build", "error", "words"),
    [
        (
            lambda: Funnel.from_rates({"lead": D("0.2")}, handoff="mql"),
            InvalidFunnel,
            "hand-off stage 'mql' is not in the funnel",
        ),
        (
            lambda: Funnel((Stage("lead", Team.MARKETING),), (), "lead"),
            InvalidFunnel,
            "at least two stages",
        ),
        (
            lambda: Funnel(
                (Stage("lead", Team.MARKETING), Stage("lead", Team.SALES)), (D(1),), "lead"
            ),
            InvalidFunnel,
            "repeated",
        ),
        (
            lambda: Funnel(
                (Stage("lead", Team.MARKETING), Stage("customer", Team.SALES)),
                (D(1), D(1)),
                "lead",
            ),
            InvalidFunnel,
            "needs 1 conversion rates",
        ),
        (
            lambda: Funnel(
                (Stage("lead", Team.SALES), Stage("customer", Team.SALES)), (D(1),), "lead"
            ),
            InvalidFunnel,
            r"stages \['lead'\] have the wrong owner",
        ),
        (
            lambda: Funnel.from_rates({"lead": D(0)}, handoff="lead"),
            InvalidRate,
            r"rates\[0\] \(lead -> customer\)",
        ),
        (
            lambda: Funnel.from_counts({"lead": 10, "customer": 0}, handoff="lead"),
            InvalidAmount,
            "count of 0",
        ),
        (
            lambda: Funnel.from_rates({"lead": D(1)}, handoff="lead").back_solve(-1),
            InvalidAmount,
            "0 or more",
        ),
        (
            lambda: Funnel.from_rates({"lead": D(1)}, handoff="lead").project(1, start="mql"),
            InvalidFunnel,
            "'mql' is not a stage",
        ),
    ],
)
def test_bad_funnels(build: object, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words):
        build()  # type: ignore[operator]


@given(funnels(), st.integers(0, 10**6))
def test_ceil_back_solve_is_sufficient_and_minimal(funnel: Funnel, target: int) -> None:
    for index, requirement in enumerate(funnel.back_solve(target)):
        assert isinstance(requirement.count, int)
        chain = _product(funnel, index)
        assert requirement.count * chain >= target
        assert (requirement.count - 1) * chain < target or requirement.count == 0


@given(funnels(), st.integers(0, 10**6))
def test_back_solve_then_project_reaches_target(funnel: Funnel, target: int) -> None:
    top = funnel.back_solve(target)[0].count
    assert isinstance(top, int)
    bottom = funnel.project(top)[-1].expected
    # Projection is exact up to the 60-digit rounding of the final division.
    assert Fraction(bottom) >= target - Fraction(1, 10**40)


@given(funnels(), st.integers(0, 10**6))
def test_floor_exact_ceil_per_stage(funnel: Funnel, target: int) -> None:
    floors = funnel.back_solve(target, rounding=Rounding.FLOOR)
    exacts = funnel.back_solve(target, rounding=Rounding.EXACT)
    ceils = funnel.back_solve(target, rounding=Rounding.CEIL)
    for low, mid, high in zip(floors, exacts, ceils, strict=True):
        assert low.count <= mid.count <= high.count
        assert low.exact == mid.exact == high.exact


@given(funnels())
def test_counts_grow_up_the_funnel(funnel: Funnel) -> None:
    counts = [r.count for r in funnel.back_solve(100)]
    assert counts == sorted(counts, reverse=True)
