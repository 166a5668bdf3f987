"""Figures are written exactly whatever their size and whatever the caller's decimal context."""

from __future__ import annotations

import decimal
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from smarketing.reporting.document import count, money, rate
from smarketing.reporting.i18n import NARROW_NBSP, NBSP, Words

HUGE = st.decimals(
    min_value=Decimal(-(10**40)), max_value=Decimal(10**40), places=4, allow_nan=False
)


def test_money_of_ten_to_the_26_and_more_formats() -> None:
    """10**26 and more used to raise InvalidOperation in the 28-digit default context."""
    for power in (26, 27, 30, 40):
        value = Decimal(f"1{'0' * power}.005")
        assert money(value) == f"1{'0' * power}.01"
        text = Words("en").money(value, "EUR")
        assert text.replace("€", "").replace(",", "") == f"1{'0' * power}.01"
        french = Words("fr").money(value, "EUR")
        assert french.replace(NARROW_NBSP, "").replace(f"{NBSP}€", "") == f"1{'0' * power},01"
    assert rate(Decimal(f"1{'0' * 30}.0000005")) == f"1{'0' * 30}.000001"
    assert count(Decimal(10) ** 30) == f"1{'0' * 30}.00"
    assert Words("en").percent(Decimal(10) ** 30) == "100" + ",000" * 10 + ".0%"


def test_formatting_ignores_the_callers_context() -> None:
    """A caller's 5-digit context with every trap set changes nothing."""
    value = Decimal("123456789.125")
    expected = (money(value), Words("en").money(value, "USD"), Words("fr").percent("0.123456"))
    with decimal.localcontext() as context:
        context.prec = 5
        context.rounding = decimal.ROUND_FLOOR
        context.traps[decimal.Inexact] = True
        context.traps[decimal.Rounded] = True
        assert (money(value), Words("en").money(value, "USD"), Words("fr").percent("0.123456")) == (
            expected
        )
        assert Words("en").duration(10**9) == "11,574.1 d"
    assert expected == ("123456789.13", "$123,456,789.13", f"12,3{NBSP}%")


@given(HUGE)
def test_money_text_is_the_value_rounded_half_up_to_cents(value: Decimal) -> None:
    cents = value.quantize(
        Decimal("0.01"), rounding=decimal.ROUND_HALF_UP, context=decimal.Context(prec=100)
    )
    assert money(value) == str(cents)
    text = Words("en").number(value, 2).replace(",", "")
    assert Decimal(text) == cents
