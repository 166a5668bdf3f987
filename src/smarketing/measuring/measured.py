"""What a period's actuals show: the four metrics measured back, and rates to plan the next.

:func:`measured_back` gives the plan's four metrics as they happened (revenue
won, marketing share, average sale, close rate), the win rate, the open
pipeline and the median sales cycle. :func:`measure` gives the rates to plan
from. Rates come from the *cohort* view (what became of the leads created in the
period, so far), so each is in [0, 1]; the average sale from the deals won in
the period. A young cohort has not converted yet: measure a period at least
one sales cycle old.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from itertools import pairwise
from typing import Protocol

import attrs

import smarketing._display as show
from smarketing._numbers import ratio
from smarketing.errors import InvalidRate
from smarketing.measuring.sketch import DurationSketch
from smarketing.measuring.tallies import OpenDeals, Won
from smarketing.planning.funnel import Funnel, Stage
from smarketing.planning.objective import Objective
from smarketing.planning.period import Period
from smarketing.planning.rounding import Rounding
from smarketing.planning.source import LeadSource

__all__ = [
    "CountedActuals",
    "MeasuredBack",
    "MeasuredRates",
    "MeasuredSource",
    "measure",
    "measured_back",
]


class _FunnelSpec(Protocol):
    @property
    def funnel(self) -> Funnel:
        """The funnel the actuals were counted with."""


class CountedActuals(Protocol):
    """What measuring reads of actuals: :class:`~smarketing.measuring.actuals.FunnelActuals` has it.

    A protocol, so that this module does not import the actuals (which offer
    :meth:`~smarketing.measuring.actuals.FunnelActuals.measure`).
    """

    @property
    def spec(self) -> _FunnelSpec:
        """How the actuals were counted (their funnel)."""

    def count(
        self, stage: str, period: Period, *, source: str | None = None, view: str = "period"
    ) -> int:
        """Entries into ``stage`` in ``period``."""

    def by_source(self, stage: str, period: Period, *, view: str = "period") -> dict[str, int]:
        """Entries into ``stage`` in ``period``, by source."""

    def won_in(self, period: Period, *, source: str | None = None, view: str = "period") -> Won:
        """Deals won in ``period``."""

    def won_from_leads_in(self, period: Period) -> Won:
        """Deals won in ``period`` from the leads read."""

    def lost_deals_in(self, period: Period, *, source: str | None = None) -> int:
        """Deals lost in ``period``."""

    def open_deals(self, *, source: str | None = None) -> OpenDeals:
        """The pipeline."""

    def sales_cycle(self, period: Period, *, source: str | None = None) -> DurationSketch:
        """Lead-to-won durations of the deals won in ``period``."""


@attrs.frozen
class MeasuredBack:
    """The plan's four metrics as they happened in a period, with the win rate and pipeline.

    - ``won``: all deals won (closed) in the period; ``won_from_leads``: those
      linked to a lead read, marketing's;
    - ``lost_deals``: deals lost in the period;
    - ``cohort_leads`` and ``cohort_customers``: the leads created in the
      period, and how many of them became customers so far;
    - ``pipeline``: the deals open at the actuals' ``as_of`` (not the period's);
    - ``median_sales_cycle``: lead created to deal won, for the deals won in
      the months of the period (within 1%).

    Attributes:
        period: The period measured.
        won: All deals won (closed) in the period.
        won_from_leads: The deals won in the period that are linked to a lead read: marketing's.
        lost_deals: Deals lost in the period.
        cohort_leads: Leads created in the period.
        cohort_customers: How many of them became customers so far.
        pipeline: The deals open at the actuals' ``as_of``.
        median_sales_cycle: Lead created to deal won, for the deals won in the period's months.
    """

    #: The period measured.
    period: Period
    #: All deals won (closed) in the period.
    won: Won
    #: The deals won in the period that are linked to a lead read: marketing's.
    won_from_leads: Won
    #: Deals lost in the period.
    lost_deals: int
    #: Leads created in the period.
    cohort_leads: int
    #: How many of them became customers so far.
    cohort_customers: int
    #: The deals open at the actuals' ``as_of``.
    pipeline: OpenDeals
    #: Lead created to deal won, for the deals won in the period's months.
    median_sales_cycle: timedelta | None

    @property
    def marketing_share(self) -> Decimal | None:
        """Revenue won from marketing's leads / all revenue won."""
        return ratio(self.won_from_leads.revenue, self.won.revenue)

    @property
    def average_sale(self) -> Decimal | None:
        """Revenue won / deals won."""
        return ratio(self.won.revenue, self.won.deals)

    @property
    def close_rate(self) -> Decimal | None:
        """Customers / leads of the period's cohort."""
        return ratio(self.cohort_customers, self.cohort_leads)

    @property
    def win_rate(self) -> Decimal | None:
        """Won / (won + lost) among the deals closed in the period."""
        return ratio(self.won.deals, self.won.deals + self.lost_deals)

    def __repr__(self) -> str:
        return show.capped(
            f"<MeasuredBack {self.period}: won {show.counted(self.won.deals, 'deal')} "
            f"{show.money(self.won.revenue, None)} ({show.count(self.won_from_leads.deals)} from "
            f"leads), lost {show.count(self.lost_deals)}, win rate {show.percent(self.win_rate)}; "
            f"{show.count(self.cohort_customers)} of {show.counted(self.cohort_leads, 'lead')} "
            f"won ({show.percent(self.close_rate, 2)}); pipeline "
            f"{show.counted(self.pipeline.deals, 'deal')} "
            f"{show.money(self.pipeline.amount, None)}; "
            f"median cycle {show.duration(self.median_sales_cycle)}>"
        )


def measured_back(actuals: CountedActuals, period: Period) -> MeasuredBack:
    """The four metrics, win rate, pipeline and sales cycle ``actuals`` show over ``period``."""
    names = actuals.spec.funnel.names
    return MeasuredBack(
        period=period,
        won=actuals.won_in(period),
        won_from_leads=actuals.won_from_leads_in(period),
        lost_deals=actuals.lost_deals_in(period),
        cohort_leads=actuals.count(names[0], period, view="cohort"),
        cohort_customers=actuals.count(names[-1], period, view="cohort"),
        pipeline=actuals.open_deals(),
        median_sales_cycle=actuals.sales_cycle(period).quantile(0.5),
    )


@attrs.frozen
class MeasuredSource:
    """One source's measured leads, customers, close rate and average sale.

    Attributes:
        source: The source.
        leads: Its leads created in the period.
        customers: How many of them became customers.
        close_rate: Customers / leads, or ``None`` without leads.
        average_sale: Revenue / customers, or ``None`` without customers.
    """

    #: The source.
    source: str
    #: Its leads created in the period.
    leads: int
    #: How many of them became customers.
    customers: int
    #: Customers / leads, or ``None`` without leads.
    close_rate: Decimal | None
    #: Revenue / customers, or ``None`` without customers.
    average_sale: Decimal | None


@attrs.frozen
class MeasuredRates:
    """The rates a period's actuals show; :meth:`objective` plans from them.

    Attributes:
        period: The period measured.
        funnel: The funnel the counts are for.
        counts: (stage, leads of the period's cohort that reached it) pairs.
        won_deals: Deals won by the cohort's leads.
        won_revenue: Their revenue.
        sources: Each source's measured figures.
    """

    #: The period measured.
    period: Period
    #: The funnel the counts are for.
    funnel: Funnel
    #: (stage, leads of the period's cohort that reached it) pairs.
    counts: tuple[tuple[str, int], ...]
    #: Deals won by the cohort's leads.
    won_deals: int
    #: Their revenue.
    won_revenue: Decimal
    #: Each source's measured figures.
    sources: tuple[MeasuredSource, ...]

    @property
    def conversion(self) -> tuple[tuple[str, str, Decimal | None], ...]:
        """(stage, next stage, cohort rate) for each consecutive pair."""
        return tuple(
            (first, then, ratio(below, above))
            for (first, above), (then, below) in pairwise(self.counts)
        )

    @property
    def close_rate(self) -> Decimal | None:
        """Customers / leads of the cohort."""
        return ratio(self.counts[-1][1], self.counts[0][1])

    @property
    def average_sale(self) -> Decimal | None:
        """Won revenue / won deals in the period."""
        return ratio(self.won_revenue, self.won_deals)

    def objective(
        self,
        *,
        revenue_goal: Decimal,
        marketing_share: Decimal,
        period: Period | None = None,
        currency: str = "USD",
        rounding: Rounding = Rounding.CEIL,
        sales_cycle_months: int = 0,
    ) -> Objective:
        """An objective for the next period, with these measured rates and prices.

        The funnel's rates are the measured stage-to-stage rates, the close
        rate is their product, and each source with a measured close rate and
        average sale comes along. A rate of zero cannot be planned from: the
        error names the stage no lead reached.
        """
        rates = {}
        for first, then, rate in self.conversion:
            if not rate:
                raise InvalidRate(
                    f"no lead of the {self.period} cohort went from {first!r} to {then!r}: "
                    "a plan cannot be built on a zero rate; measure a longer or older period"
                )
            rates[first] = rate
        average_sale = self.average_sale
        if not average_sale:
            raise InvalidRate(
                f"no deal with revenue was won in {self.period}: the average sale is unknown; "
                "measure a longer period"
            )
        stages = self.funnel.stages
        funnel = Funnel(
            [Stage(stage.name, stage.owner) for stage in stages],
            tuple(rates.values()),
            self.funnel.handoff,
            self.funnel.visit_to_lead,
        )
        sources = tuple(
            LeadSource(
                source.source, close_rate=source.close_rate, average_sale=source.average_sale
            )
            for source in self.sources
            if source.close_rate and source.average_sale
        )
        return Objective(
            revenue_goal=revenue_goal,
            marketing_share=marketing_share,
            average_sale=average_sale,
            close_rate=funnel.close_rate(),
            currency=currency,
            period=period,
            funnel=funnel,
            sources=sources,
            rounding=rounding,
            sales_cycle_months=sales_cycle_months,
        )


def measure(actuals: CountedActuals, period: Period) -> MeasuredRates:
    """The rates ``actuals`` show over ``period``."""
    funnel = actuals.spec.funnel
    first, last = funnel.names[0], funnel.names[-1]
    counts = tuple((name, actuals.count(name, period, view="cohort")) for name in funnel.names)
    leads = actuals.by_source(first, period, view="cohort")
    customers = actuals.by_source(last, period, view="cohort")
    won = actuals.won_in(period)
    sources = []
    for source in sorted(leads):
        source_won = actuals.won_in(period, source=source)
        sources.append(
            MeasuredSource(
                source=source,
                leads=leads[source],
                customers=customers.get(source, 0),
                close_rate=ratio(customers.get(source, 0), leads[source]),
                average_sale=ratio(source_won.revenue, source_won.deals),
            )
        )
    return MeasuredRates(period, funnel, counts, won.deals, won.revenue, tuple(sources))
