"""Rounding a figure for output, in a context of its own: never the caller's or the global one.

The default decimal context holds 28 digits: quantizing a total of 10**26 to
cents in it needs 29 and raises ``InvalidOperation``; a caller's context of 5
digits, or one that traps ``Inexact``, would change or refuse the figure. So
every figure a report writes is rounded here, in a context sized to the
figure itself.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

__all__ = ["half_up", "percent_of", "quotient"]

_PLACES = 12  # decimals of a quotient: far below a cent, a second or a millionth of a rate


def _context(value: Decimal, places: int) -> Context:
    # digits before the point, the places kept, and room for a carry (9.995 -> 10.00)
    digits = max(value.adjusted() + 1, 1) + places + 2
    return Context(prec=digits, rounding=ROUND_HALF_UP, traps=[InvalidOperation])


def half_up(value: Decimal | int | str, places: int) -> Decimal:
    """``value`` rounded half up to ``places`` decimals, exactly, whatever its size.

    >>> half_up(Decimal("100000000000000000000000000.005"), 2)
    Decimal('100000000000000000000000000.01')
    """
    number = Decimal(value)
    return number.quantize(Decimal(1).scaleb(-places), context=_context(number, places))


def percent_of(value: Decimal | int | str) -> Decimal:
    """``value`` times 100, exactly (the exponent moves by two)."""
    sign, digits, exponent = Decimal(value).as_tuple()
    if not isinstance(exponent, int):
        raise InvalidOperation(f"cannot write {value} as a percentage")
    return Decimal((sign, digits, exponent + 2))


def quotient(numerator: Decimal | int, denominator: int) -> Decimal:
    """``numerator / denominator`` to twelve decimals (for durations in hours or days)."""
    number = Decimal(numerator)
    return _context(number, _PLACES).divide(number, Decimal(denominator))
