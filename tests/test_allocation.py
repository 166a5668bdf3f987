"""Splitting wholes into parts that add up exactly."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smarketing import (
    InvalidAmount,
    InvalidWeights,
    WrongType,
    allocate_count,
    allocate_exact,
    allocate_money,
)
from tests.strategies import money, weights

D = Decimal


def test_examples() -> None:
    assert allocate_count(10, [1, 1, 1]) == (4, 3, 3)
    # 3.5, 1.75, 1.75: floors 3, 1, 1; the two spare units go to the largest remainders (.75, .75)
    assert allocate_count(7, [D("0.5"), D("0.25"), D("0.25")]) == (3, 2, 2)
    assert allocate_count(5, [0, 1]) == (0, 5)
    assert allocate_money(D("0.05"), [1, 1]) == (D("0.03"), D("0.02"))
    # A total with more decimals than cents is split in its own unit.
    assert allocate_money(D("1.001"), [1, 1]) == (D("0.501"), D("0.500"))


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: allocate_count(10, []), InvalidWeights, "no weights"),
        (lambda: allocate_count(10, [0, 0]), InvalidWeights, "all 2 weights are zero"),
        (lambda: allocate_count(10, [1, -1]), InvalidWeights, "weight 1 is negative"),
        (
            lambda: allocate_count(10, [1.5]),  # type: ignore[list-item]
            WrongType,
            "weight 0 must be an int or a Decimal",
        ),
        (lambda: allocate_count(-1, [1]), InvalidAmount, "0 or more"),
        (lambda: allocate_money(10, [1]), WrongType, "finite Decimal"),  # type: ignore[arg-type]
    ],
)
def test_bad_allocations(call: object, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words):
        call()  # type: ignore[operator]


@given(st.integers(0, 10**9), weights)
def test_counts_add_up_and_stay_within_one_of_exact(total: int, parts: list[Decimal | int]) -> None:
    shares = allocate_count(total, parts)
    assert sum(shares) == total
    whole = sum(Fraction(w) for w in parts)
    for share, weight in zip(shares, parts, strict=True):
        assert abs(share - total * Fraction(weight) / whole) < 1


@given(money, weights)
def test_money_adds_up_to_the_cent(total: Decimal, parts: list[Decimal | int]) -> None:
    shares = allocate_money(total, parts)
    assert sum(shares) == total
    assert all(share.as_tuple().exponent == -2 for share in shares)
    assert all(share >= 0 for share in shares)


@given(money, weights)
def test_exact_adds_up(total: Decimal, parts: list[Decimal | int]) -> None:
    shares = allocate_exact(total, parts)
    assert sum(Fraction(share) for share in shares) == Fraction(total)


@given(st.integers(0, 10**6), weights, st.randoms())
def test_allocation_ignores_nothing_but_order_of_ties(
    total: int, parts: list[Decimal | int], random: object
) -> None:
    """Scaling all weights by the same factor gives the same split."""
    assert allocate_count(total, parts) == allocate_count(total, [w * 3 for w in parts])
