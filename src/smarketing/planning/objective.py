"""The objective (a period's revenue goal and the four metrics) and the plan it gives.

The plan: what an objective asks of marketing, overall, per stage, per source
and per month. Every count comes from the exact chain (``Fraction``
arithmetic) and is rounded once, by the objective's
:class:`~smarketing.planning.rounding.Rounding`. Money is split cent-exact, counts by
largest remainder, so the parts of a plan always add up to its whole. The
plan lives here, beside the objective it sizes, so that neither module
imports the other (its rows, a source's and a month's, are in
:mod:`smarketing.planning.plan_parts`); :mod:`smarketing.planning.plan`
re-exports them all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

import smarketing._display as show
from smarketing._numbers import (
    CONTEXT,
    ONE,
    ZERO,
    check_count,
    conversion_rate,
    positive_money,
    share,
    to_decimal,
    to_fraction,
)
from smarketing.errors import (
    InconsistentFunnel,
    InvalidPeriod,
    InvalidShare,
    InvalidValue,
    InvalidWeights,
    UnknownStage,
    WrongType,
)
from smarketing.planning.allocation import (
    allocate_count,
    allocate_exact,
    allocate_money,
    check_weights,
)
from smarketing.planning.funnel import Funnel, StageRequirement
from smarketing.planning.period import Period
from smarketing.planning.plan_parts import MonthPlan, SourcePlan
from smarketing.planning.rounding import Count, Rounding, as_rounding, round_count
from smarketing.planning.source import LeadSource

__all__ = ["MonthPlan", "Objective", "Plan", "SourcePlan"]

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

    Attributes:
        revenue_goal: The revenue goal of the period.
        marketing_share: The part of it that comes from marketing's leads, in [0, 1].
        average_sale: The average sale.
        close_rate: The close rate, lead to customer, in (0, 1].
        currency: The ISO 4217 code of the amounts (``USD`` by default).
        period: The period the goal is for, or ``None``.
        funnel: A funnel whose lead-to-customer rate equals ``close_rate``, or ``None``.
        sources: The lead sources.
        rounding: How planned counts are rounded (``ceil`` by default).
        seasonality: One weight per month of the period; ``None``: equal months.
        sales_cycle_months: Whole months by which leads are due before the revenue.
    """

    #: The revenue goal of the period.
    revenue_goal: Decimal = attrs.field(validator=positive_money)
    #: The part of it that comes from marketing's leads, in [0, 1].
    marketing_share: Decimal = attrs.field(validator=share)
    #: The average sale.
    average_sale: Decimal = attrs.field(validator=positive_money)
    #: The close rate, lead to customer, in (0, 1].
    close_rate: Decimal = attrs.field(validator=conversion_rate)
    #: The ISO 4217 code of the amounts (``USD`` by default).
    currency: str = attrs.field(default="USD", validator=_currency, kw_only=True)
    #: The period the goal is for, or ``None``.
    period: Period | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(Period)),
        kw_only=True,
    )
    #: A funnel whose lead-to-customer rate equals ``close_rate``, or ``None``.
    funnel: Funnel | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(Funnel)),
        kw_only=True,
    )
    #: The lead sources.
    sources: tuple[LeadSource, ...] = attrs.field(default=(), converter=_sources, kw_only=True)
    #: How planned counts are rounded (``ceil`` by default).
    rounding: Rounding = attrs.field(default=Rounding.CEIL, converter=as_rounding, kw_only=True)
    #: One weight per month of the period; ``None``: equal months.
    seasonality: tuple[Decimal | int, ...] | None = attrs.field(
        default=None, converter=_weights, kw_only=True
    )
    #: Whole months by which leads are due before the revenue.
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
        return Plan.of(self)

    def __repr__(self) -> str:
        currency = self.currency
        period = "no period" if self.period is None else str(self.period)
        stages = 0 if self.funnel is None else len(self.funnel.stages)
        funnel = f", a funnel of {show.counted(stages, 'stage')}" if stages else ""
        return show.capped(
            f"<Objective {period}: revenue goal {show.money(self.revenue_goal, currency)}, "
            f"marketing share {show.percent(self.marketing_share)}, average sale "
            f"{show.money(self.average_sale, currency)}, close rate "
            f"{show.percent(self.close_rate, 2)}; "
            f"{show.counted(len(self.sources), 'source')}{funnel}, "
            f"rounding {self.rounding.value}>"
        )


@attrs.frozen
class Plan:
    """What the objective asks for. Build it with :meth:`Objective.plan`.

    ``customers_needed`` and ``leads_needed`` are rounded by the objective's
    policy (``int``, or ``Decimal`` under ``exact``); the ``*_exact`` fields
    keep the unrounded expectations.

    Attributes:
        objective: The objective planned.
        marketing_revenue_goal: Revenue goal x marketing share.
        customers_needed_exact: The customers needed, unrounded.
        customers_needed: The customers needed, rounded by the objective's rounding.
        leads_needed_exact: The leads needed, unrounded.
        leads_needed: The leads needed, rounded by the objective's rounding.
        stages: What each funnel stage needs; empty without a funnel.
        visitors_needed: The website visitors needed, or ``None`` without a visit-to-lead rate.
        sources: Each lead source's part.
    """

    #: The objective planned.
    objective: Objective
    #: Revenue goal x marketing share.
    marketing_revenue_goal: Decimal
    #: The customers needed, unrounded.
    customers_needed_exact: Decimal
    #: The customers needed, rounded by the objective's rounding.
    customers_needed: Count
    #: The leads needed, unrounded.
    leads_needed_exact: Decimal
    #: The leads needed, rounded by the objective's rounding.
    leads_needed: Count
    #: What each funnel stage needs; empty without a funnel.
    stages: tuple[StageRequirement, ...]
    #: The website visitors needed, or ``None`` without a visit-to-lead rate.
    visitors_needed: StageRequirement | None
    #: Each lead source's part.
    sources: tuple[SourcePlan, ...]

    @classmethod
    def of(cls, objective: Objective) -> Plan:
        """Compute the plan of ``objective``."""
        rounding = objective.rounding
        marketing_goal = to_fraction(objective.revenue_goal) * to_fraction(
            objective.marketing_share
        )
        customers = marketing_goal / to_fraction(objective.average_sale)
        leads = customers / to_fraction(objective.close_rate)
        stages: tuple[StageRequirement, ...] = ()
        visitors = None
        funnel = objective.funnel
        if funnel is not None:
            stages = funnel.back_solve_exact(customers, rounding=rounding)
            if funnel.visit_to_lead is not None:
                expected = leads / to_fraction(funnel.visit_to_lead)
                visitors = StageRequirement(
                    "visitor", to_decimal(expected), round_count(expected, rounding)
                )
        return cls(
            objective=objective,
            marketing_revenue_goal=to_decimal(marketing_goal),
            customers_needed_exact=to_decimal(customers),
            customers_needed=round_count(customers, rounding),
            leads_needed_exact=to_decimal(leads),
            leads_needed=round_count(leads, rounding),
            stages=stages,
            visitors_needed=visitors,
            sources=_source_plans(objective, to_decimal(marketing_goal)),
        )

    @property
    def source_leads_needed(self) -> Count | None:
        """The leads of the sources added up; ``None`` when the sources have no shares.

        Each source has its own close rate (and average sale), so its leads
        are its revenue goal over its own lead value: their total differs
        from :attr:`leads_needed`, which plans with the objective's close rate.
        """
        counts = [source.leads_needed for source in self.sources]
        if not counts or any(leads is None for leads in counts):
            return None
        total: Count = 0
        for leads in counts:
            total += leads or 0
        return total

    @property
    def lead_value(self) -> Decimal:
        """What an average lead is worth: close rate x average sale."""
        return self.objective.lead_value

    @property
    def lead_value_goal(self) -> Decimal:
        """The marketing commitment in lead value.

        Leads x lead value = customers x average sale, so the lead value
        marketing owes equals the marketing revenue goal, whatever its mix of
        sources.
        """
        return self.marketing_revenue_goal

    def stage(self, name: str) -> StageRequirement:
        """The requirement at the funnel stage ``name``."""
        for requirement in self.stages:
            if requirement.stage == name:
                return requirement
        known = [requirement.stage for requirement in self.stages]
        raise UnknownStage(
            f"Plan.stage: no stage {name!r} in this plan; its stages are {known}: ask for one "
            "of them (the stages of the funnel the plan was made with)"
        )

    def by_month(self) -> tuple[MonthPlan, ...]:
        """Split the plan into the months of the objective's period, by its seasonality.

        Revenue is split cent-exact, counts by largest remainder (or exactly
        under ``exact`` rounding): each column adds up to the plan's total.
        Leads for a revenue month are due ``sales_cycle_months`` earlier.
        """
        objective = self.objective
        if objective.period is None:
            raise InvalidPeriod(
                "this plan has no period to split: set Objective.period (a year or a quarter, say)"
            )
        months = objective.period.months()
        weights: tuple[Decimal | int, ...] = objective.seasonality or (1,) * len(months)
        revenue = allocate_money(objective.revenue_goal, weights)
        marketing = allocate_money(self.marketing_revenue_goal, weights)
        customers = _split_count(self.customers_needed, weights)
        leads = _split_count(self.leads_needed, weights)
        due = tuple(_due(month, objective.sales_cycle_months) for month in months)
        return tuple(
            MonthPlan(
                period=month,
                weight=weights[index],
                revenue_goal=revenue[index],
                marketing_revenue_goal=marketing[index],
                customers_needed=customers[index],
                leads_needed=leads[index],
                leads_due=due[index],
            )
            for index, month in enumerate(months)
        )

    def __repr__(self) -> str:
        objective, currency = self.objective, self.objective.currency
        period = "no period" if objective.period is None else str(objective.period)
        return show.capped(
            f"<Plan {period}: revenue goal {show.money(objective.revenue_goal, currency)}, "
            f"marketing {show.money(self.marketing_revenue_goal, currency)} "
            f"({show.percent(objective.marketing_share)}); "
            f"{show.counted(self.customers_needed, 'customer')}, "
            f"{show.counted(self.leads_needed, 'lead')}, lead value "
            f"{show.money(self.lead_value, currency)}; {show.counted(len(self.stages), 'stage')}, "
            f"{show.counted(len(self.sources), 'source')}>"
        )

    def _repr_html_(self) -> str:
        """The plan's summary for a notebook: objective, funnel and sources, as the text plan."""
        objective, currency = self.objective, self.objective.currency
        period = "" if objective.period is None else f" · {objective.period}"
        rows = [
            ["Revenue goal", show.money(objective.revenue_goal, currency)],
            ["Marketing share", show.percent(objective.marketing_share)],
            ["Marketing revenue goal", show.money(self.marketing_revenue_goal, currency)],
            ["Average sale", show.money(objective.average_sale, currency)],
            ["Close rate (lead to customer)", show.percent(objective.close_rate, 2)],
            ["Lead value", show.money(self.lead_value, currency)],
            ["Customers needed", show.count(self.customers_needed)],
            ["Leads needed", show.count(self.leads_needed)],
        ]
        if self.visitors_needed is not None:
            rows.append(["Visitors needed", show.count(self.visitors_needed.count)])
        rows.append(["Rounding", objective.rounding.value])
        tables = [show.html_table(f"Plan{period} · {currency}", ["Objective", ""], rows)]
        if self.stages and objective.funnel is not None:
            rates = [*objective.funnel.rates, None]
            needed = [
                [need.stage, show.count(need.count), show.percent(rate)]
                for need, rate in zip(self.stages, rates, strict=False)
            ]
            tables.append(show.html_table("Funnel", ["Stage", "Needed", "Rate to next"], needed))
        if self.sources:
            tables.append(
                show.html_table(
                    "Lead sources",
                    [
                        "Source",
                        "Share",
                        "Lead value",
                        "Revenue goal",
                        "Leads",
                        "Customers",
                        "Spend",
                    ],
                    [source.table_row(currency) for source in self.sources],
                )
            )
        return "\n".join(tables)


def _due(month: Period, sales_cycle_months: int) -> Period:
    """The month leads for ``month``'s revenue are due in: ``sales_cycle_months`` earlier."""
    try:
        return month.shift(-sales_cycle_months)
    except (ValueError, OverflowError):
        raise InvalidPeriod(
            f"leads due {sales_cycle_months} months before {month} would fall before the "
            "calendar's first year: give a sales cycle in months (0 to 120, say)"
        ) from None


def _split_count(total: Count, weights: tuple[Decimal | int, ...]) -> tuple[Count, ...]:
    if isinstance(total, Decimal):
        return allocate_exact(total, weights)
    return allocate_count(total, weights)


def _source_plans(objective: Objective, marketing_goal: Decimal) -> tuple[SourcePlan, ...]:
    sources = objective.sources
    if not sources:
        return ()
    shares = [source.share for source in sources]
    goals: tuple[Decimal | None, ...]
    if all(share is not None for share in shares):
        goals = allocate_money(marketing_goal, [share or Decimal(0) for share in shares])
    else:
        goals = (None,) * len(sources)
    plans = []
    for source, goal in zip(sources, goals, strict=True):
        price = source.sale_price(objective.average_sale)
        lead_value = source.lead_value(objective.average_sale)
        customers = leads = None
        if goal is not None:
            customers = to_fraction(goal) / to_fraction(price)
            leads = customers / to_fraction(source.close_rate)
        leads_needed = None if leads is None else round_count(leads, objective.rounding)
        economics = None
        if source.spend is not None and leads_needed is not None:
            economics = source.economics(leads_needed, objective.average_sale)
        plans.append(
            SourcePlan(
                name=source.name,
                share=source.share,
                lead_value=lead_value,
                revenue_goal=goal,
                customers_needed_exact=None if customers is None else to_decimal(customers),
                customers_needed=(
                    None if customers is None else round_count(customers, objective.rounding)
                ),
                leads_needed_exact=None if leads is None else to_decimal(leads),
                leads_needed=leads_needed,
                economics=economics,
            )
        )
    return tuple(plans)
