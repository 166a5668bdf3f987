"""Splitting a whole into parts by weights, so that the parts add up exactly to the whole.

Counts are split by the largest-remainder method: each part gets the floor of
its exact share, and the units left over go to the parts with the largest
remainders (the earlier part on a tie). Money is split the same way in cents
(or in the total's own smallest unit when it has more decimals), so no cent
is created or lost.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from smarketing._numbers import EXACT_SUMS, to_decimal, to_fraction
from smarketing.errors import InvalidAmount, InvalidWeights, WrongType
from smarketing.planning.period import Period
from smarketing.planning.rounding import Count

__all__ = [
    "CENT",
    "allocate_count",
    "allocate_exact",
    "allocate_money",
    "check_weights",
    "part_of",
]

#: The default smallest unit of money.
CENT = Decimal("0.01")


def _fractions(weights: Sequence[Decimal | int]) -> list[Fraction]:
    parts = []
    for index, weight in enumerate(weights):
        if isinstance(weight, bool) or not isinstance(weight, Decimal | int):
            raise WrongType(
                f"weight {index} must be an int or a Decimal, got {type(weight).__name__} "
                f"{weight!r}"
            )
        if isinstance(weight, Decimal) and not weight.is_finite():
            raise InvalidWeights(f"weight {index} must be finite, got {weight}")
        if weight < 0:
            raise InvalidWeights(
                f"weight {index} is negative ({weight}): weights must be 0 or more"
            )
        parts.append(to_fraction(weight))
    if not parts:
        raise InvalidWeights("no weights given: give one weight per part")
    if sum(parts) == 0:
        raise InvalidWeights(
            f"all {len(parts)} weights are zero: give at least one part a positive weight"
        )
    return parts


def check_weights(weights: Sequence[Decimal | int]) -> None:
    """Raise :class:`InvalidWeights` unless the weights are non-negative and not all zero."""
    _fractions(weights)


def _largest_remainder(units: int, weights: list[Fraction]) -> list[int]:
    total_weight = sum(weights)
    shares = [units * weight / total_weight for weight in weights]
    floors = [math.floor(share) for share in shares]
    left = units - sum(floors)
    order = sorted(range(len(shares)), key=lambda i: (-(shares[i] - floors[i]), i))
    for index in order[:left]:
        floors[index] += 1
    return floors


def allocate_count(total: int, weights: Sequence[Decimal | int]) -> tuple[int, ...]:
    """Split a whole count into parts proportional to ``weights``, adding up to ``total``.

    >>> allocate_count(10, [1, 1, 1])
    (4, 3, 3)
    """
    if isinstance(total, bool) or not isinstance(total, int):
        raise WrongType(f"a count to split must be an int, got {total!r}")
    if total < 0:
        raise InvalidAmount(f"a count to split must be 0 or more, got {total}")
    return tuple(_largest_remainder(total, _fractions(weights)))


def allocate_money(
    total: Decimal, weights: Sequence[Decimal | int], quantum: Decimal = CENT
) -> tuple[Decimal, ...]:
    """Split money into parts proportional to ``weights``, cent-exact, adding up to ``total``.

    The unit is ``quantum`` (a cent by default), or the total's own smallest
    unit when it has more decimals than that.

    >>> from decimal import Decimal
    >>> allocate_money(Decimal("100"), [1, 1, 1])
    (Decimal('33.34'), Decimal('33.33'), Decimal('33.33'))
    """
    if not isinstance(total, Decimal) or not total.is_finite():
        raise WrongType(f"money to split must be a finite Decimal, got {total!r}")
    if total < 0:
        raise InvalidAmount(f"money to split must be 0 or more, got {total}")
    unit = min(quantum, Decimal(1).scaleb(min(total.as_tuple().exponent, 0)))  # type: ignore[arg-type]
    units = to_fraction(total) / to_fraction(unit)
    parts = _largest_remainder(int(units), _fractions(weights))
    return tuple((unit * part).quantize(unit) for part in parts)


def allocate_exact(total: Decimal, weights: Sequence[Decimal | int]) -> tuple[Decimal, ...]:
    """Split ``total`` in exact proportion to ``weights``.

    Each part is the exact share in the 60-digit context; the last non-zero
    part takes what that rounding left (an exact difference, so it may carry
    a few more digits), so that the parts add up exactly to ``total``.
    """
    fractions_ = _fractions(weights)
    total_weight = sum(fractions_)
    whole = to_fraction(total)
    parts = [to_decimal(whole * weight / total_weight) for weight in fractions_]
    last = max(index for index, weight in enumerate(fractions_) if weight)
    others = Decimal(0)
    for index, part in enumerate(parts):
        if index != last:
            others = EXACT_SUMS.add(others, part)
    parts[last] = EXACT_SUMS.subtract(total, others)
    return tuple(parts)


def part_of(
    amount: Count, piece: Period, period: Period, kind: Literal["count", "money"] = "count"
) -> Count:
    """The part of ``amount`` (spread over ``piece``'s days) that falls within ``period``.

    Cumulative by calendar days, so the parts of any partition of the piece
    add up to ``amount``: counts in whole units (an exact ``Decimal`` count
    stays exact), money in cents (or the amount's own smallest unit).

    >>> from decimal import Decimal
    >>> november = Period.month(2026, 11)
    >>> [part_of(10, november, Period.parse(p)) for p in
    ...  ("2026-11-01/2026-11-10", "2026-11-11/2026-11-20", "2026-11-21/2026-11-30")]
    [3, 4, 3]
    """
    shared = piece.overlap(period)
    if shared is None:
        return Decimal(0) if isinstance(amount, Decimal) else 0
    before = (shared.start - piece.start).days
    through = (shared.end - piece.start).days + 1
    if kind == "money":
        assert isinstance(amount, Decimal)
        unit = min(CENT, Decimal(1).scaleb(min(int(amount.as_tuple().exponent), 0)))
        units = int(to_fraction(amount) / to_fraction(unit))
        parts = _by_day(units, piece.days, through) - _by_day(units, piece.days, before)
        return (unit * parts).quantize(unit)
    if isinstance(amount, Decimal):
        return EXACT_SUMS.subtract(
            _exact_by_day(amount, piece.days, through), _exact_by_day(amount, piece.days, before)
        )
    return _by_day(amount, piece.days, through) - _by_day(amount, piece.days, before)


def _by_day(units: int, days: int, day: int) -> int:
    """Whole units due by ``day`` of ``days``: ``units x day / days``, rounded half up."""
    return math.floor(Fraction(units * day, days) + Fraction(1, 2))


def _exact_by_day(amount: Decimal, days: int, day: int) -> Decimal:
    if day == days:
        return amount
    return to_decimal(to_fraction(amount) * day / days)
