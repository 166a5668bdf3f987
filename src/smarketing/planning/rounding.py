"""How a plan turns an expected count into the number it asks for.

Counts in a plan are expectations: 2,499.6 leads are expected to yield the
goal. A plan must say how it rounds them, and it rounds each stage once, from
the exact chain, never from the rounded count of the next stage.
"""

from __future__ import annotations

import enum
import math
from decimal import Decimal
from fractions import Fraction

from smarketing._numbers import to_decimal
from smarketing.errors import InvalidValue

__all__ = ["Count", "Rounding", "as_rounding", "round_count"]

#: A planned count: an ``int``, or an exact ``Decimal`` under :attr:`Rounding.EXACT`.
Count = int | Decimal


class Rounding(enum.StrEnum):
    """The rounding policy for planned counts.

    ``CEIL`` (the default) asks for enough: its count's expected yield reaches
    the goal, and one fewer falls short. ``FLOOR`` truncates, as some public
    calculators do. ``HALF_UP`` rounds to the nearest whole, halves up.
    ``EXACT`` keeps the unrounded expectation as a ``Decimal``.
    """

    CEIL = "ceil"
    FLOOR = "floor"
    HALF_UP = "half_up"
    EXACT = "exact"


def as_rounding(value: object) -> Rounding:
    """Return ``value`` as a :class:`Rounding`, accepting its name (``"ceil"``)."""
    if isinstance(value, Rounding):
        return value
    if isinstance(value, str) and value in Rounding.__members__.values():
        return Rounding(value)
    choices = ", ".join(repr(policy.value) for policy in Rounding)
    raise InvalidValue(f"rounding must be one of {choices}, got {value!r}")


def round_count(expected: Fraction, rounding: Rounding | str) -> Count:
    """Round an exact expected count by ``rounding``.

    >>> from fractions import Fraction
    >>> round_count(Fraction(2499, 10), Rounding.CEIL)
    250
    >>> round_count(Fraction(2499, 10), Rounding.EXACT)
    Decimal('249.9')
    """
    rounding = as_rounding(rounding)
    if rounding is Rounding.CEIL:
        return math.ceil(expected)
    if rounding is Rounding.FLOOR:
        return math.floor(expected)
    if rounding is Rounding.HALF_UP:
        return math.floor(expected + Fraction(1, 2))
    return to_decimal(expected)
