"""The objective: the revenue goal of a period and the four metrics that size the marketing SLA."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from smarketing._numbers import (
    CONTEXT,
    ONE,
    ZERO,
    check_count,
    conversion_rate,
    positive_money,
    share,
)
from smarketing.allocation import check_weights
from smarketing.errors import (
    InconsistentFunnel,
    InvalidShare,
    InvalidValue,
    InvalidWeights,
    WrongType,
)
from smarketing.funnel import Funnel
from smarketing.period import Period
from smarketing.rounding import Rounding, as_rounding
from smarketing.source import LeadSource

if TYPE_CHECKING:
    from smarketing.plan import Plan

__all__ = ["Objective"]

_CURRENCY = re.compile(r"^[A-Z]{3}$")


def _currency(instance: Objective, attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or not _CURRENCY.match(value):
        raise InvalidValue(
            f"Objective.currency must be an ISO 4217 code of three capital letters "
            f"(USD, EUR ...), got {value!r}"
        )


def _sources(value: object) -> tuple[LeadSource, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise WrongType(f"Objective.sources must be a sequence of LeadSource, got {value!r}")
    return tuple(value)


def _weights(value: object) -> tuple[Decimal | int, ...] | None:
    if value is None:
        return None
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise WrongType(f"Objective.seasonality must be a sequence of weights, got {value!r}")
    return tuple(value)


@attrs.frozen
class Objective:
    """A revenue goal for a period, and how it turns into customers and leads.

    The four metrics are ``revenue_goal``, ``marketing_share`` (the part of
    revenue that comes from marketing's leads), ``average_sale`` and
    ``close_rate`` (lead to customer). Money is ``Decimal``; rates are
    ``Decimal`` in (0, 1].

    Optional: the ``period`` the goal is for; a ``funnel`` whose lead-to-
    customer rate must equal ``close_rate``; lead ``sources``; the
    ``rounding`` of planned counts; ``seasonality`` weights, one per month of
    the period (equal when ``None``); and the sales cycle in whole months
    (``sales_cycle_months``), by which leads are due before the revenue.

    >>> from decimal import Decimal
    >>> plan = Objective(revenue_goal=Decimal(500000), marketing_share=Decimal(1),
    ...                  average_sale=Decimal(10000), close_rate=Decimal("0.02")).plan()
    >>> plan.customers_needed, plan.leads_needed
    (50, 2500)
    """

    revenue_goal: Decimal = attrs.field(validator=positive_money)
    marketing_share: Decimal = attrs.field(validator=share)
    average_sale: Decimal = attrs.field(validator=positive_money)
    close_rate: Decimal = attrs.field(validator=conversion_rate)
    currency: str = attrs.field(default="USD", validator=_currency, kw_only=True)
    period: Period | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(Period)),
        kw_only=True,
    )
    funnel: Funnel | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(Funnel)),
        kw_only=True,
    )
    sources: tuple[LeadSource, ...] = attrs.field(default=(), converter=_sources, kw_only=True)
    rounding: Rounding = attrs.field(default=Rounding.CEIL, converter=as_rounding, kw_only=True)
    seasonality: tuple[Decimal | int, ...] | None = attrs.field(
        default=None, converter=_weights, kw_only=True
    )
    sales_cycle_months: int = attrs.field(default=0, kw_only=True)

    def __attrs_post_init__(self) -> None:
        check_count(self, "sales_cycle_months", self.sales_cycle_months)
        self._check_funnel()
        self._check_sources()
        self._check_seasonality()

    def _check_funnel(self) -> None:
        if self.funnel is None:
            return
        funnel_rate = self.funnel.close_rate()
        if funnel_rate != self.close_rate:
            raise InconsistentFunnel(
                f"Objective.close_rate is {self.close_rate} but the funnel's lead-to-customer "
                f"rate (the product of its stage rates) is {funnel_rate}: pass "
                "close_rate=funnel.close_rate(), or change the stage rates"
            )

    def _check_sources(self) -> None:
        names: list[str] = []
        for source in self.sources:
            if not isinstance(source, LeadSource):
                raise WrongType(f"Objective.sources must hold LeadSource objects, got {source!r}")
            if source.name in names:
                raise InvalidValue(f"lead source {source.name!r} is listed twice")
            names.append(source.name)
        with_share = [source.name for source in self.sources if source.share is not None]
        if not with_share:
            return
        if len(with_share) != len(self.sources):
            missing = [source.name for source in self.sources if source.share is None]
            raise InvalidShare(
                f"lead sources {missing} have no share while {with_share} have one: give every "
                "source a share of the marketing revenue goal, or none"
            )
        total = sum((source.share for source in self.sources if source.share), ZERO)
        if total != ONE:
            raise InvalidShare(
                f"the shares of the lead sources add up to {total}, not 1: "
                + ", ".join(f"{source.name}={source.share}" for source in self.sources)
            )

    def _check_seasonality(self) -> None:
        if self.seasonality is None:
            return
        if self.period is None:
            raise InvalidWeights(
                "Objective.seasonality needs a period to split: set Objective.period "
                "(a year or a quarter, say)"
            )
        months = len(self.period.months())
        if len(self.seasonality) != months:
            raise InvalidWeights(
                f"Objective.seasonality has {len(self.seasonality)} weights but the period "
                f"{self.period} has {months} months: give one weight per month"
            )
        check_weights(self.seasonality)

    @property
    def marketing_revenue_goal(self) -> Decimal:
        """Revenue goal x marketing share: the revenue marketing's leads must bring."""
        return CONTEXT.multiply(self.revenue_goal, self.marketing_share)

    @property
    def lead_value(self) -> Decimal:
        """Close rate x average sale: what an average lead is worth."""
        return CONTEXT.multiply(self.close_rate, self.average_sale)

    def plan(self) -> Plan:
        """Size the marketing SLA: customers and leads needed, per stage, source and month."""
        from smarketing.plan import Plan

        return Plan.of(self)
