"""Cost, return and velocity."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smarketing import (
    Economics,
    InvalidAmount,
    InvalidRate,
    LeadSource,
    WrongType,
    sales_velocity,
)
from tests.strategies import money, prices, rates

D = Decimal


def test_undefined_figures_are_none() -> None:
    empty = Economics(spend=D(0), leads=0, customers=0, revenue=D(0))
    assert empty.cost_per_lead is None
    assert empty.cost_per_customer is None
    assert empty.roi is None
    assert empty.net_value_per_lead is None


def test_roi_can_be_a_loss() -> None:
    # (1,000 - 4,000) / 4,000 = -0.75
    assert Economics(spend=D(4000), leads=10, customers=1, revenue=D(1000)).roi == D("-0.75")


def test_economics_needs_spend() -> None:
    with pytest.raises(InvalidAmount, match="has no spend"):
        LeadSource("x", close_rate=D("0.1"), average_sale=D(10)).economics(10)


def test_lead_value_needs_a_price() -> None:
    with pytest.raises(InvalidAmount, match="has no average_sale"):
        LeadSource("x", close_rate=D("0.1")).lead_value()


def test_negative_inputs_rejected() -> None:
    with pytest.raises(InvalidAmount, match=r"Economics.spend must be 0 or more"):
        Economics(spend=D(-1), leads=1, customers=1, revenue=D(1))
    with pytest.raises(WrongType, match=r"LeadSource\.spend"):
        LeadSource("x", close_rate=D("0.1"), spend=1.5)  # type: ignore[arg-type]


def test_sales_velocity_example() -> None:
    # 40 opportunities x 25% x 12,000 / 60 days = 2,000 a day
    assert sales_velocity(40, D("0.25"), D(12000), 60) == D(2000)
    with pytest.raises(InvalidRate, match=r"sales_velocity\.win_rate"):
        sales_velocity(40, D("1.25"), D(12000), 60)
    with pytest.raises(InvalidAmount, match="cycle_days must be greater than 0"):
        sales_velocity(40, D("0.25"), D(12000), 0)


@given(st.integers(1, 10**6), rates, prices, money)
def test_economics_identities(leads: int, close: Decimal, price: Decimal, spend: Decimal) -> None:
    source = LeadSource("s", close_rate=close, average_sale=price, spend=spend)
    economics = source.economics(leads)
    assert economics.value_per_lead == source.lead_value()
    assert economics.cost_per_lead is not None
    assert economics.net_value_per_lead is not None
    difference = source.lead_value() - economics.cost_per_lead
    assert abs(economics.net_value_per_lead - difference) < D("1e-20")
