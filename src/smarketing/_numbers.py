"""Exact arithmetic and the validators shared by the domain classes.

Money is :class:`decimal.Decimal`, counts are ``int``, rates are ``Decimal``
in [0, 1]. Chains of multiplications and divisions (a funnel back-solve, an
allocation) are done on :class:`fractions.Fraction`, which is exact, and
turned back into ``Decimal`` once, in :data:`CONTEXT`. The caller's global
decimal context is never read or changed.
"""

from __future__ import annotations

from decimal import (
    MAX_PREC,
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
)
from fractions import Fraction
from typing import Any

from smarketing.errors import InvalidAmount, InvalidRate, InvalidShare, WrongType

#: The context every Decimal result of smarketing is computed in: 60
#: significant digits, banker's rounding of the last digit, and traps on
#: invalid operations so that an error is raised rather than a NaN returned.
CONTEXT = Context(
    prec=60,
    rounding=ROUND_HALF_EVEN,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

#: A context for sums and differences that must be exact: any rounding raises.
EXACT_SUMS = Context(prec=MAX_PREC, traps=[InvalidOperation, Inexact, Overflow])

ZERO = Decimal(0)
ONE = Decimal(1)

#: The largest amount of money smarketing reads, exclusive: 10**15 (a thousand
#: million million) in any currency, far above any deal, goal or budget a CRM
#: holds, and small enough that sums of millions of them stay exact.
MONEY_LIMIT = Decimal(10) ** 15
#: The most decimal places an amount, a rate or a share may carry.
MAX_PLACES = 12
#: The largest count read from a cell (touches, a number of something), exclusive.
COUNT_LIMIT = 10**9


def magnitude_problem(value: Decimal, *, limit: Decimal = MONEY_LIMIT) -> str | None:
    """Why ``value`` is no figure a CRM or a plan holds, or ``None`` when it is.

    Only the exponent is looked at, so a huge or tiny value (``1e999999999``)
    is refused at once, before any arithmetic could take its time or memory.
    Refused: not finite; ``limit`` or more in size; more than
    :data:`MAX_PLACES` decimal places (trailing zeros do not count).

    >>> magnitude_problem(Decimal("1234.56")) is None
    True
    >>> magnitude_problem(Decimal("1e999999999"))
    'larger than the limit of 1,000,000,000,000,000 (10**15)'
    """
    if not value.is_finite():
        return "not a finite number"
    if not value:
        return None
    if value.adjusted() > limit.adjusted() or value.copy_abs() >= limit:
        return f"larger than the limit of {limit:,f} (10**{limit.adjusted()})"
    _sign, digits, exponent = value.as_tuple()
    if isinstance(exponent, int) and exponent < -MAX_PLACES:
        trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
        if exponent + trailing < -MAX_PLACES:
            return f"more than {MAX_PLACES} decimal places"
    return None


def to_fraction(value: Decimal | int) -> Fraction:
    """Return ``value`` as an exact fraction."""
    return Fraction(value)


def to_decimal(value: Fraction) -> Decimal:
    """Return ``value`` as a Decimal of :data:`CONTEXT` precision (exact when it fits)."""
    if value.denominator == 1:
        return Decimal(value.numerator)
    return CONTEXT.divide(Decimal(value.numerator), Decimal(value.denominator))


def ratio(numerator: Decimal | int, denominator: Decimal | int) -> Decimal | None:
    """Return ``numerator / denominator`` in :data:`CONTEXT`, or ``None`` when the denominator is 0.

    Used for figures that are undefined, not infinite, on empty data (a cost
    per customer with no customer, a ROI with no spend).
    """
    if denominator == 0:
        return None
    return to_decimal(Fraction(numerator) / Fraction(denominator))


def _where(instance: Any, name: str) -> str:
    """``Owner.field``: the owner is a name, a class or function, or an instance's class."""
    if isinstance(instance, str):
        return f"{instance}.{name}"
    owner = getattr(instance, "__name__", None) or type(instance).__name__
    return f"{owner}.{name}"


def check_decimal(instance: Any, name: str, value: object) -> Decimal:
    """Raise :class:`WrongType` unless ``value`` is a finite Decimal; return it."""
    if isinstance(value, bool) or not isinstance(value, Decimal):
        hint = f"Decimal({str(value)!r})" if isinstance(value, int | float | str) else "a Decimal"
        raise WrongType(
            f"{_where(instance, name)} must be a decimal.Decimal, got {type(value).__name__} "
            f"{value!r}: write {hint} (money and rates never go through float)"
        )
    if not value.is_finite():
        raise InvalidAmount(f"{_where(instance, name)} must be a finite number, got {value}")
    return value


def check_count(instance: Any, name: str, value: object) -> int:
    """Raise unless ``value`` is a non-negative ``int``; return it."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise WrongType(
            f"{_where(instance, name)} must be an int count, got {type(value).__name__} {value!r}"
        )
    if value < 0:
        raise InvalidAmount(f"{_where(instance, name)} must be 0 or more, got {value}")
    return value


def positive_money(instance: Any, attribute: Any, value: Any) -> None:
    """Attrs validator: a Decimal greater than 0."""
    amount = check_decimal(instance, attribute.name, value)
    if amount <= 0:
        raise InvalidAmount(
            f"{_where(instance, attribute.name)} must be greater than 0, got {amount}: "
            "a goal or a price of zero or less cannot be planned"
        )


def non_negative_money(instance: Any, attribute: Any, value: Any) -> None:
    """Attrs validator: a Decimal of 0 or more (spend, revenue)."""
    amount = check_decimal(instance, attribute.name, value)
    if amount < 0:
        raise InvalidAmount(f"{_where(instance, attribute.name)} must be 0 or more, got {amount}")


def optional(validator: Any) -> Any:
    """Attrs validator: ``None`` or whatever ``validator`` accepts."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if value is not None:
            validator(instance, attribute, value)

    return check


def conversion_rate(instance: Any, attribute: Any, value: Any) -> None:
    """Attrs validator: a rate in (0, 1], as conversion and close rates are."""
    check_rate(instance, attribute.name, value)


def check_rate(instance: Any, name: str, value: object) -> Decimal:
    """Raise :class:`InvalidRate` unless ``value`` is a Decimal in (0, 1]; return it."""
    rate = check_decimal(instance, name, value)
    if not ZERO < rate <= ONE:
        raise InvalidRate(
            f"{_where(instance, name)} must be greater than 0 and at most 1, got {rate}: "
            "write percentages as fractions (20% is Decimal('0.2'))"
        )
    return rate


def share(instance: Any, attribute: Any, value: Any) -> None:
    """Attrs validator: a share of a whole, a Decimal in [0, 1]."""
    amount = check_decimal(instance, attribute.name, value)
    if not ZERO <= amount <= ONE:
        raise InvalidShare(
            f"{_where(instance, attribute.name)} must be between 0 and 1, got {amount}: "
            "write percentages as fractions (50% is Decimal('0.5'))"
        )
