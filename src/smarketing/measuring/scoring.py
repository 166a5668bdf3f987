"""How the SLA judges leads: attainment, clause compliance and the value of leads.

Shared by :mod:`smarketing.measuring.evaluation` (one period) and :mod:`smarketing.measuring.trend`
(the periods before it), which both import this module; the names are
re-exported by :mod:`smarketing.measuring.evaluation`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from operator import attrgetter

import attrs

import smarketing._display as show
from smarketing._numbers import ratio, to_decimal, to_fraction
from smarketing.measuring.actuals import FollowUpCounts, FunnelActuals
from smarketing.measuring.sla import SLA
from smarketing.planning.period import Period

__all__ = [
    "FOLLOWUP_FIELDS",
    "Attainment",
    "ClauseStatus",
    "Compliance",
    "LeadValues",
    "compliance_of",
]


class ClauseStatus(enum.StrEnum):
    """Whether a sales clause holds for the leads decided so far."""

    MET = "met"
    BREACHED = "breached"
    NO_DATA = "no_data"


@attrs.frozen
class Attainment:
    """Leads (and lead value) delivered against the commitment, overall or for one source.

    Attributes:
        source: The source, or ``None`` for all sources together.
        goal_leads: The leads committed to, or ``None`` without a lead goal.
        leads: The leads delivered: entries into the commitment stage in the period.
        goal_value: The lead value committed to, or ``None`` without a value goal.
        value: What the leads delivered are worth, or ``None`` when a source with leads has no
            value.
    """

    #: The source, or ``None`` for all sources together.
    source: str | None
    #: The leads committed to, or ``None`` without a lead goal.
    goal_leads: int | None
    #: The leads delivered: entries into the commitment stage in the period.
    leads: int
    #: The lead value committed to, or ``None`` without a value goal.
    goal_value: Decimal | None
    #: What the leads delivered are worth, or ``None`` when a source with leads has no value.
    value: Decimal | None

    @property
    def lead_attainment(self) -> Decimal | None:
        """Leads / goal leads."""
        return None if self.goal_leads is None else ratio(self.leads, self.goal_leads)

    @property
    def value_attainment(self) -> Decimal | None:
        """Lead value / goal value."""
        if self.goal_value is None or self.value is None:
            return None
        return ratio(self.value, self.goal_value)

    def __repr__(self) -> str:
        who = "all sources" if self.source is None else show.text(self.source)
        leads = f"leads {show.count(self.leads)}"
        if self.goal_leads is not None:
            leads += f"/{show.count(self.goal_leads)} ({show.percent(self.lead_attainment)})"
        value = f"value {show.number(self.value, 2)}"
        if self.goal_value is not None:
            value += f"/{show.number(self.goal_value, 2)} ({show.percent(self.value_attainment)})"
        return show.capped(f"<Attainment {who}: {leads}, {value}>")


@attrs.frozen
class Compliance:
    """One sales clause over the leads handed off in the period.

    ``share_met`` is met / (met + breached): leads still within their window
    (``pending``) are not decided yet.

    Attributes:
        clause: The clause: ``speed`` or ``depth``.
        target: The share of decided leads that must meet the clause, in [0, 1].
        handed_off: The leads handed off in the period.
        met: Leads that met the clause.
        breached: Leads that breached it.
        pending: Leads still within their window: not decided yet.
    """

    #: The clause: ``speed`` or ``depth``.
    clause: str
    #: The share of decided leads that must meet the clause, in [0, 1].
    target: Decimal
    #: The leads handed off in the period.
    handed_off: int
    #: Leads that met the clause.
    met: int
    #: Leads that breached it.
    breached: int
    #: Leads still within their window: not decided yet.
    pending: int

    @property
    def share_met(self) -> Decimal | None:
        """Met / decided leads."""
        return ratio(self.met, self.met + self.breached)

    @property
    def status(self) -> ClauseStatus:
        """Met when the share met reaches the target."""
        share = self.share_met
        if share is None:
            return ClauseStatus.NO_DATA
        return ClauseStatus.MET if share >= self.target else ClauseStatus.BREACHED

    def __repr__(self) -> str:
        return show.capped(
            f"<Compliance {show.text(self.clause)}: {show.percent(self.share_met)} met of "
            f"{show.percent(self.target)} ({self.status.value}); {show.count(self.met)} met, "
            f"{show.count(self.breached)} breached, {show.count(self.pending)} pending of "
            f"{show.count(self.handed_off)} handed off>"
        )


class LeadValues:
    """The SLA's lead values and spend by source, looked up in a dict (the first given wins).

    A source's lead value is known by its rank among the distinct values, so
    that sums group leads by a small int rather than hashing fractions.
    """

    def __init__(self, sla: SLA) -> None:
        ranks: dict[Decimal, int] = {}
        self.rank: dict[str, int] = {}
        for name, amount in sla.lead_values:
            if name not in self.rank:
                self.rank[name] = ranks.setdefault(amount, len(ranks))
        default = sla.default_lead_value
        self.default = None if default is None else ranks.setdefault(default, len(ranks))
        self.values: list[Fraction] = [to_fraction(amount) for amount in ranks]
        self.spend: dict[str, Decimal] = {}
        for name, amount in sla.spend:
            self.spend.setdefault(name, amount)

    def of_leads(self, leads_by_source: Mapping[str, int]) -> Decimal | None:
        """What these leads are worth, or ``None`` when a source with leads has no value."""
        by_rank: dict[int, int] = {}
        rank_of, default = self.rank.get, self.default
        for source, count in leads_by_source.items():
            if count == 0:
                continue
            rank = rank_of(source, default)
            if rank is None:
                return None
            by_rank[rank] = by_rank.get(rank, 0) + count
        values = self.values
        return to_decimal(sum((values[rank] * n for rank, n in by_rank.items()), Fraction(0)))

    def daily(
        self, actuals: FunnelActuals, stage: str, period: Period
    ) -> dict[date, Decimal] | None:
        """The value of the entries into ``stage`` on each day of ``period``, in one read."""
        counts: dict[tuple[date, int], int] = {}
        rank_of, default = self.rank.get, self.default
        start, end = period.start, period.end
        for (day, name, source, _), count in actuals.entries.items():
            if name != stage or not start <= day <= end:
                continue
            rank = rank_of(source, default)
            if rank is None:
                return None
            counts[day, rank] = counts.get((day, rank), 0) + count
        totals: dict[date, Fraction] = {}
        for (day, rank), count in counts.items():
            totals[day] = totals.get(day, Fraction(0)) + self.values[rank] * count
        return {day: to_decimal(total) for day, total in totals.items()}


#: The seven counts of a :class:`FollowUpCounts`, in order, as a tuple.
FOLLOWUP_FIELDS = attrgetter(*(field.name for field in attrs.fields(FollowUpCounts)))


def compliance_of(sla: SLA, counts: FollowUpCounts) -> tuple[Compliance | None, Compliance | None]:
    """The speed and depth clauses of ``sla`` over these counts (``None`` for a clause it lacks)."""
    speed = depth = None
    if sla.speed is not None:
        speed = Compliance(
            "speed",
            sla.speed.share,
            counts.handed_off,
            counts.speed_met,
            counts.speed_breached,
            counts.speed_pending,
        )
    if sla.depth is not None:
        depth = Compliance(
            "depth",
            sla.depth.share,
            counts.handed_off,
            counts.depth_met,
            counts.depth_breached,
            counts.depth_pending,
        )
    return speed, depth
