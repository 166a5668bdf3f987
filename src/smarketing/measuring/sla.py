"""The Service Level Agreement: what marketing delivers and how sales follows it up.

Marketing commits to a number of leads, or to a lead value (money), per
period, overall and per source; the leads count when they enter the
commitment stage (by default the funnel's first stage, the plan's leads). Sales commits to
*speed* (a share of handed-off leads touched within a time, in calendar or
business hours) and *depth* (at least K touches within a window after
hand-off).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

import smarketing._display as show
from smarketing._numbers import (
    CONTEXT,
    check_count,
    check_decimal,
    check_rate,
    non_negative_money,
    optional,
)
from smarketing.errors import InvalidAmount, InvalidValue, WrongType
from smarketing.planning.business_calendar import BusinessCalendar
from smarketing.planning.funnel import Funnel

if TYPE_CHECKING:
    from smarketing.planning.goals import PeriodGoals
    from smarketing.planning.plan import Plan

__all__ = [
    "SLA",
    "DepthClause",
    "MarketingCommitment",
    "PacingRule",
    "SourceCommitment",
    "SpeedClause",
]


def _positive_window(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, timedelta):
        raise WrongType(
            f"{type(instance).__name__}.{attribute.name} must be a datetime.timedelta, "
            f"got {value!r}"
        )
    if value <= timedelta(0):
        raise InvalidValue(
            f"{type(instance).__name__}.{attribute.name} must be longer than zero, got {value}: "
            "a window of no time can never be met"
        )


def _rate_field(instance: Any, attribute: Any, value: Any) -> None:
    check_rate(instance, attribute.name, value)


def _touches(instance: Any, attribute: Any, value: Any) -> None:
    check_count(instance, attribute.name, value)
    if value < 1:
        raise InvalidValue(f"DepthClause.touches must be at least 1, got {value}")


@attrs.frozen
class SpeedClause:
    """Sales touches ``share`` of handed-off leads within ``within`` of the hand-off.

    "Every website lead called within one hour" is
    ``SpeedClause(timedelta(hours=1))``; "95% of assigned leads worked within
    24 hours" is ``SpeedClause(timedelta(hours=24), share=Decimal("0.95"))``.
    With ``business_hours``, only the calendar's working time counts.

    Attributes:
        within: The window after the hand-off the first touch must fall in.
        share: The part of handed-off leads that must meet it, in (0, 1] (all by default).
        business_hours: Whether only the calendar's working time counts.
    """

    #: The window after the hand-off the first touch must fall in.
    within: timedelta = attrs.field(validator=_positive_window)
    #: The part of handed-off leads that must meet it, in (0, 1] (all by default).
    share: Decimal = attrs.field(default=Decimal(1), validator=_rate_field)
    #: Whether only the calendar's working time counts.
    business_hours: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))


@attrs.frozen
class DepthClause:
    """Sales makes at least ``touches`` attempts within ``within`` of the hand-off.

    "Called 5 times within two weeks" is
    ``DepthClause(5, timedelta(days=14))``; ``share`` is the part of
    handed-off leads that must reach it (all of them by default).

    Attributes:
        touches: The touches (attempts) each lead must get.
        within: The window after the hand-off they must fit in.
        share: The part of handed-off leads that must reach them, in (0, 1] (all by default).
    """

    #: The touches (attempts) each lead must get.
    touches: int = attrs.field(validator=_touches)
    #: The window after the hand-off they must fit in.
    within: timedelta = attrs.field(validator=_positive_window)
    #: The part of handed-off leads that must reach them, in (0, 1] (all by default).
    share: Decimal = attrs.field(default=Decimal(1), validator=_rate_field)


def _optional_count(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        check_count(instance, attribute.name, value)


@attrs.frozen
class SourceCommitment:
    """Marketing's commitment for one source: leads and/or lead value in the period.

    Attributes:
        source: The source.
        leads: The leads it delivers, or ``None``.
        lead_value: The lead value it delivers, or ``None``.
    """

    #: The source.
    source: str = attrs.field(validator=attrs.validators.instance_of(str))
    #: The leads it delivers, or ``None``.
    leads: int | None = attrs.field(default=None, validator=_optional_count)
    #: The lead value it delivers, or ``None``.
    lead_value: Decimal | None = attrs.field(default=None, validator=optional(non_negative_money))

    def __attrs_post_init__(self) -> None:
        if self.leads is None and self.lead_value is None:
            raise InvalidValue(
                f"the commitment for source {self.source!r} sets neither leads nor lead_value"
            )


def _commitments(value: object) -> tuple[SourceCommitment, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise WrongType(f"MarketingCommitment.sources must be a sequence, got {value!r}")
    return tuple(value)


@attrs.frozen
class MarketingCommitment:
    """Leads and/or lead value marketing delivers in the period, overall and per source.

    With no goal at all, the SLA measures only: attainment and pacing have no
    goal to be measured against.

    ``stage`` is the stage whose entries count as delivered (the SLA's
    funnel's first stage when ``None``; name the hand-off stage for an MQL
    commitment).

    Attributes:
        leads: The leads marketing delivers in the period, or ``None``.
        lead_value: The lead value it delivers, or ``None``.
        stage: The stage whose entries count as delivered; ``None``: the funnel's first.
        sources: The commitments for single sources.
    """

    #: The leads marketing delivers in the period, or ``None``.
    leads: int | None = attrs.field(default=None, validator=_optional_count)
    #: The lead value it delivers, or ``None``.
    lead_value: Decimal | None = attrs.field(default=None, validator=optional(non_negative_money))
    #: The stage whose entries count as delivered; ``None``: the funnel's first.
    stage: str | None = attrs.field(default=None)
    #: The commitments for single sources.
    sources: tuple[SourceCommitment, ...] = attrs.field(default=(), converter=_commitments)

    def __attrs_post_init__(self) -> None:
        names = [commitment.source for commitment in self.sources]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise InvalidValue(f"sources committed to more than once: {repeated}")


@attrs.frozen
class PacingRule:
    """How pacing is judged.

    Behind when the actual is below ``behind_below`` x the expected to date,
    ahead when above ``ahead_above`` x it (a flood of leads is a problem for
    sales too), on track in between. ``business_days`` paces over working
    days instead of calendar days.

    Attributes:
        behind_below: Behind below this x the expected to date (0.9 by default).
        ahead_above: Ahead above this x the expected to date (1.2 by default).
        business_days: Whether to pace over working days rather than calendar days.
    """

    #: Behind below this x the expected to date (0.9 by default).
    behind_below: Decimal = attrs.field(default=Decimal("0.9"))
    #: Ahead above this x the expected to date (1.2 by default).
    ahead_above: Decimal = attrs.field(default=Decimal("1.2"))
    #: Whether to pace over working days rather than calendar days.
    business_days: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))

    def __attrs_post_init__(self) -> None:
        check_decimal(self, "behind_below", self.behind_below)
        check_decimal(self, "ahead_above", self.ahead_above)
        if not Decimal(0) < self.behind_below <= Decimal(1) <= self.ahead_above:
            raise InvalidValue(
                f"PacingRule needs 0 < behind_below <= 1 <= ahead_above, got "
                f"{self.behind_below} and {self.ahead_above}"
            )


def _money_map(value: object) -> tuple[tuple[str, Decimal], ...]:
    if value is None:
        return ()
    if isinstance(value, Mapping):
        value = tuple(value.items())
    if not isinstance(value, Sequence):
        raise WrongType(f"expected a mapping of source name to Decimal, got {value!r}")
    pairs = tuple(value)
    for name, amount in pairs:
        check_decimal("SLA", f"[{name!r}]", amount)
        if amount < 0:
            raise InvalidAmount(f"the amount for source {name!r} must be 0 or more, got {amount}")
    return pairs


def _origins(value: object) -> tuple[tuple[str, str], ...]:
    if isinstance(value, Mapping):
        value = tuple(value.items())
    if not isinstance(value, Sequence):
        raise WrongType(f"expected a mapping of source name to origin, got {value!r}")
    return tuple((str(name), str(origin)) for name, origin in value)


@attrs.frozen
class SLA:
    """Both sides of the agreement, with what evaluating them needs.

    ``lead_values`` values each source's leads (close rate x average sale);
    leads from other sources are worth ``default_lead_value``. ``spend`` is
    each source's spend in the period, for cost and ROI, and
    ``spend_origins`` where each figure came from. ``goals``, when the SLA
    was planned for a report period, says how its goals were computed
    (the revenue months its leads serve, the sales cycle, the spend).

    Attributes:
        funnel: The funnel: its stages, the hand-off stage, and the rates when planned.
        marketing: What marketing commits to: leads and/or lead value, overall and by source.
        speed: The speed clause (how soon sales touches a handed-off lead), or ``None``.
        depth: The depth clause (how many touches within a window), or ``None``.
        calendar: The working week, holidays and hours that business-day clauses and pacing use.
        pacing: The thresholds pacing is judged with (behind, on track, ahead).
        lead_values: (source, what one of its leads is worth) pairs; the first given for a source
            wins.
        default_lead_value: What a lead of a source without a lead value is worth; ``None``:
            unknown.
        spend: (source, spend in the period) pairs, for cost per lead and return.
        currency: The ISO 4217 code of every amount of the SLA (``USD`` by default).
        spend_origins: (source, where its spend figure came from) pairs, shown with the spend.
        goals: How the goals were computed for a report period (revenue months, sales cycle, spend),
            or ``None``.
    """

    #: The funnel: its stages, the hand-off stage, and the rates when planned.
    funnel: Funnel = attrs.field(validator=attrs.validators.instance_of(Funnel))
    #: What marketing commits to: leads and/or lead value, overall and by source.
    marketing: MarketingCommitment = attrs.field(
        validator=attrs.validators.instance_of(MarketingCommitment)
    )
    #: The speed clause (how soon sales touches a handed-off lead), or ``None``.
    speed: SpeedClause | None = attrs.field(default=None, kw_only=True)
    #: The depth clause (how many touches within a window), or ``None``.
    depth: DepthClause | None = attrs.field(default=None, kw_only=True)
    #: The working week, holidays and hours that business-day clauses and pacing use.
    calendar: BusinessCalendar = attrs.field(factory=BusinessCalendar, kw_only=True)
    #: The thresholds pacing is judged with (behind, on track, ahead).
    pacing: PacingRule = attrs.field(factory=PacingRule, kw_only=True)
    #: (source, what one of its leads is worth) pairs; the first given for a source wins.
    lead_values: tuple[tuple[str, Decimal], ...] = attrs.field(
        default=(), converter=_money_map, kw_only=True
    )
    #: What a lead of a source without a lead value is worth; ``None``: unknown.
    default_lead_value: Decimal | None = attrs.field(
        default=None, validator=optional(non_negative_money), kw_only=True
    )
    #: (source, spend in the period) pairs, for cost per lead and return.
    spend: tuple[tuple[str, Decimal], ...] = attrs.field(
        default=(), converter=_money_map, kw_only=True
    )
    #: The ISO 4217 code of every amount of the SLA (``USD`` by default).
    currency: str = attrs.field(default="USD", kw_only=True)
    #: (source, where its spend figure came from) pairs, shown with the spend.
    spend_origins: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_origins, kw_only=True
    )
    #: How the goals were computed for a report period (revenue months, sales cycle, spend), or
    #: ``None``.
    goals: PeriodGoals | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        self.funnel.index(self.commitment_stage)
        if self.speed is not None and not isinstance(self.speed, SpeedClause):
            raise WrongType(f"SLA.speed must be a SpeedClause, got {self.speed!r}")
        if self.depth is not None and not isinstance(self.depth, DepthClause):
            raise WrongType(f"SLA.depth must be a DepthClause, got {self.depth!r}")

    @property
    def commitment_stage(self) -> str:
        """The stage whose entries count as leads delivered."""
        return self.marketing.stage or self.funnel.names[0]

    def __repr__(self) -> str:
        marketing = self.marketing
        goals = []
        if marketing.leads is not None:
            goals.append(f"{show.counted(marketing.leads, 'lead')}")
        if marketing.lead_value is not None:
            goals.append(f"lead value {show.money(marketing.lead_value, self.currency)}")
        commitment = " and ".join(goals) or "no goal (measure only)"
        clauses = ""
        if self.speed is not None:
            clauses += (
                f"; speed {show.percent(self.speed.share)} within "
                f"{show.duration(self.speed.within)}"
            )
        if self.depth is not None:
            clauses += (
                f"; depth {show.percent(self.depth.share)} touched "
                f"{show.counted(self.depth.touches, 'time')} "
                f"within {show.duration(self.depth.within)}"
            )
        return show.capped(
            f"<SLA {commitment} at {show.text(self.commitment_stage, 24)}{clauses}; "
            f"{show.counted(len(marketing.sources), 'source commitment')}, "
            f"{show.counted(len(self.lead_values), 'lead value')}, "
            f"{show.counted(len(self.spend), 'spend')}, "
            f"{show.text(self.currency, 8, quoted=False)}>"
        )

    def lead_value_of(self, source: str) -> Decimal | None:
        """What one lead from ``source`` is worth, or ``None`` when unknown."""
        for name, value in self.lead_values:
            if name == source:
                return value
        return self.default_lead_value

    def spend_of(self, source: str) -> Decimal | None:
        """The spend on ``source`` in the period, or ``None`` when not given."""
        for name, value in self.spend:
            if name == source:
                return value
        return None

    def spend_origin_of(self, source: str) -> str | None:
        """Where the spend figure of ``source`` came from, or ``None`` when not said."""
        return dict(self.spend_origins).get(source)

    @classmethod
    def from_goals(cls, plan: Plan, goals: PeriodGoals) -> SLA:
        """The SLA of a report period: the plan's lead values, with ``goals``' goals and spend.

        Leads are committed when whole (``None`` under ``exact`` rounding);
        each source with a goal gets a :class:`SourceCommitment`.
        """
        whole = cls.from_plan(plan, stage=goals.stage)
        sources = tuple(
            SourceCommitment(
                goal.source,
                leads=goal.leads if isinstance(goal.leads, int) else None,
                lead_value=goal.lead_value,
            )
            for goal in goals.sources
            if isinstance(goal.leads, int) or goal.lead_value is not None
        )
        marketing = MarketingCommitment(
            leads=goals.leads if isinstance(goals.leads, int) else None,
            lead_value=goals.lead_value,
            stage=whole.commitment_stage,
            sources=sources,
        )
        return attrs.evolve(
            whole,
            marketing=marketing,
            spend={figure.source: figure.amount for figure in goals.spend},
            spend_origins={figure.source: figure.origin for figure in goals.spend},
            goals=goals,
        )

    @classmethod
    def from_plan(
        cls,
        plan: Plan,
        *,
        speed: SpeedClause | None = None,
        depth: DepthClause | None = None,
        calendar: BusinessCalendar | None = None,
        pacing: PacingRule | None = None,
        stage: str | None = None,
    ) -> SLA:
        """The SLA a plan implies: its leads and lead value, per source too.

        The objective must have a funnel. ``stage`` picks the stage whose
        requirement is the lead commitment (the funnel's first stage by
        default). At a later stage, each delivered lead is worth more: its
        value is the lead value divided by the funnel's rate from the first
        stage to that one, and per-source lead counts are left out (the
        funnel's rates are not known per source).
        """
        objective = plan.objective
        if objective.funnel is None:
            raise InvalidValue("SLA.from_plan needs an objective with a funnel, to know its stages")
        funnel = objective.funnel
        commitment_stage = stage or funnel.names[0]
        leads = plan.stage(commitment_stage).count
        scale = funnel.close_rate(funnel.names[0], commitment_stage)
        at_first_stage = commitment_stage == funnel.names[0]
        sources = tuple(
            SourceCommitment(
                source.name,
                leads=(
                    source.leads_needed
                    if at_first_stage and isinstance(source.leads_needed, int)
                    else None
                ),
                lead_value=source.revenue_goal,
            )
            for source in plan.sources
            if source.revenue_goal is not None
        )
        return cls(
            objective.funnel,
            MarketingCommitment(
                leads=leads if isinstance(leads, int) else None,
                lead_value=plan.lead_value_goal,
                stage=commitment_stage,
                sources=sources,
            ),
            speed=speed,
            depth=depth,
            calendar=calendar or BusinessCalendar(),
            pacing=pacing or PacingRule(),
            lead_values={
                source.name: CONTEXT.divide(source.lead_value, scale) for source in plan.sources
            },
            default_lead_value=CONTEXT.divide(plan.lead_value, scale),
            spend={
                source.name: source.economics.spend
                for source in plan.sources
                if source.economics is not None
            },
            currency=objective.currency,
        )
