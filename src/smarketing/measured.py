"""Measured rates: last period's actual conversion, close rate and sale price, to plan the next.

Rates come from the *cohort* view (what became of the leads created in the
period, so far), so each is in [0, 1]; the average sale from the deals won in
the period. A young cohort has not converted yet: measure a period at least
one sales cycle old.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

import attrs

from smarketing._numbers import ratio
from smarketing.actuals import FunnelActuals
from smarketing.errors import InvalidRate
from smarketing.funnel import Funnel, Stage
from smarketing.objective import Objective
from smarketing.period import Period
from smarketing.rounding import Rounding
from smarketing.source import LeadSource

__all__ = ["MeasuredRates", "MeasuredSource", "measure"]


@attrs.frozen
class MeasuredSource:
    """One source's measured leads, customers, close rate and average sale."""

    source: str
    leads: int
    customers: int
    close_rate: Decimal | None
    average_sale: Decimal | None


@attrs.frozen
class MeasuredRates:
    """The rates a period's actuals show; :meth:`objective` plans from them."""

    period: Period
    funnel: Funnel
    counts: tuple[tuple[str, int], ...]
    won_deals: int
    won_revenue: Decimal
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


def measure(actuals: FunnelActuals, period: Period) -> MeasuredRates:
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
