"""The funnel: ordered stages, who owns each, and the conversion rate between them.

Going *up* the funnel (back-solving) asks how many are needed at each stage
to reach a target at the last one; going *down* (projecting) asks what a
count at one stage is expected to yield below it. Both work on the exact
chain of rates: a stage's requirement is ``target / (product of the rates
from that stage to the last)``, rounded once for that stage.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

import smarketing._display as show
from smarketing._numbers import CONTEXT, check_count, check_rate, to_decimal, to_fraction
from smarketing.errors import InvalidAmount, InvalidFunnel, WrongType
from smarketing.planning.rounding import Count, Rounding, round_count

__all__ = [
    "HUBSPOT_STAGES",
    "Funnel",
    "Stage",
    "StageForecast",
    "StageRequirement",
    "Team",
]


class Team(enum.StrEnum):
    """Who owns a stage of the funnel."""

    MARKETING = "marketing"
    SALES = "sales"


@attrs.frozen
class Stage:
    """A funnel stage: its name (as the CRM spells it) and the team that owns it.

    Attributes:
        name: The stage's name, as the CRM spells it.
        owner: The team that owns it: marketing or sales.
    """

    #: The stage's name, as the CRM spells it.
    name: str = attrs.field(validator=attrs.validators.instance_of(str))
    #: The team that owns it: marketing or sales.
    owner: Team = attrs.field(converter=Team)

    def __attrs_post_init__(self) -> None:
        if not self.name.strip():
            raise InvalidFunnel("a funnel stage needs a name, got an empty one")


#: HubSpot's default lifecycle stages from lead to customer, by internal name.
HUBSPOT_STAGES = (
    "lead",
    "marketingqualifiedlead",
    "salesqualifiedlead",
    "opportunity",
    "customer",
)


@attrs.frozen
class StageRequirement:
    """How many a plan needs at one stage: the exact expectation and the rounded count.

    Attributes:
        stage: The stage.
        exact: The count needed there, unrounded.
        count: The count needed there, rounded.
    """

    #: The stage.
    stage: str
    #: The count needed there, unrounded.
    exact: Decimal
    #: The count needed there, rounded.
    count: Count


@attrs.frozen
class StageForecast:
    """What a count at the top is expected to yield at one stage (unrounded).

    Attributes:
        stage: The stage.
        expected: The count expected there, unrounded.
    """

    #: The stage.
    stage: str
    #: The count expected there, unrounded.
    expected: Decimal


def _stages(value: object) -> tuple[Stage, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise WrongType(f"Funnel.stages must be a sequence of Stage, got {value!r}")
    return tuple(value)


def _rates(value: object) -> tuple[Decimal, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise WrongType(f"Funnel.rates must be a sequence of Decimal, got {value!r}")
    return tuple(value)


@attrs.frozen
class Funnel:
    """Ordered stages from lead to customer, and the conversion rate between each pair.

    ``rates[i]`` converts ``stages[i]`` into ``stages[i + 1]``. ``handoff``
    names the stage whose entry hands a lead to sales: marketing owns the
    stages up to and including it, sales owns the rest, and the sales SLA
    clock starts when a lead enters it. ``visit_to_lead``, when given, adds
    website visitors on top of the first stage.

    >>> from decimal import Decimal
    >>> funnel = Funnel.hubspot(
    ...     lead_to_mql=Decimal("0.5"), mql_to_sql=Decimal("0.5"),
    ...     sql_to_opportunity=Decimal("0.4"), opportunity_to_customer=Decimal("0.25"),
    ... )
    >>> funnel.close_rate()
    Decimal('0.025')
    >>> [r.count for r in funnel.back_solve(10)]
    [400, 200, 100, 40, 10]

    Attributes:
        stages: The stages in order, from the first (leads) to the last (customers).
        rates: The conversion rate of each stage into the next; empty for a funnel that only
            measures.
        handoff: The stage whose entry hands a lead to sales.
        visit_to_lead: The rate of website visitors into leads, or ``None``.
    """

    #: The stages in order, from the first (leads) to the last (customers).
    stages: tuple[Stage, ...] = attrs.field(converter=_stages)
    #: The conversion rate of each stage into the next; empty for a funnel that only measures.
    rates: tuple[Decimal, ...] = attrs.field(converter=_rates)
    #: The stage whose entry hands a lead to sales.
    handoff: str = attrs.field(validator=attrs.validators.instance_of(str))
    #: The rate of website visitors into leads, or ``None``.
    visit_to_lead: Decimal | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        for stage in self.stages:
            if not isinstance(stage, Stage):
                raise WrongType(f"Funnel.stages must hold Stage objects, got {stage!r}")
        names = [stage.name for stage in self.stages]
        if len(names) < 2:
            raise InvalidFunnel(
                f"a funnel needs at least two stages (leads and customers), got {names}"
            )
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise InvalidFunnel(f"funnel stage names must be unique, repeated: {duplicates}")
        if self.rates and len(self.rates) != len(names) - 1:
            raise InvalidFunnel(
                f"a funnel of {len(names)} stages needs {len(names) - 1} conversion rates "
                f"(one between each pair), got {len(self.rates)}"
            )
        for index, rate in enumerate(self.rates):
            check_rate(self, f"rates[{index}] ({names[index]} -> {names[index + 1]})", rate)
        if self.visit_to_lead is not None:
            check_rate(self, "visit_to_lead", self.visit_to_lead)
        if self.handoff not in names:
            raise InvalidFunnel(
                f"hand-off stage {self.handoff!r} is not in the funnel; its stages are {names}"
            )
        cut = names.index(self.handoff) + 1
        misplaced = [
            stage.name
            for index, stage in enumerate(self.stages)
            if stage.owner is not (Team.MARKETING if index < cut else Team.SALES)
        ]
        if misplaced:
            raise InvalidFunnel(
                f"stages {misplaced} have the wrong owner for hand-off at {self.handoff!r}: "
                "marketing owns the stages up to and including the hand-off, sales the rest"
            )

    def __repr__(self) -> str:
        names = [show.text(name, 24, quoted=False) for name in self.names]
        if self.rates:
            path = names[0] + "".join(
                f" -{show.percent(rate)}-> {name}"
                for rate, name in zip(self.rates, names[1:], strict=True)
            )
        else:
            path = ", ".join(names)
        if self.visit_to_lead is not None:
            path = f"visitors -{show.percent(self.visit_to_lead)}-> {path}"
        return show.capped(f"<Funnel {path}; hand-off at {show.text(self.handoff, 24)}>")

    # -- constructors -------------------------------------------------------

    @classmethod
    def of_stages(cls, names: Sequence[str], *, handoff: str) -> Funnel:
        """A funnel of stages and a hand-off, without rates: enough to measure, not to plan.

        >>> Funnel.of_stages(["lead", "mql", "customer"], handoff="mql").has_rates
        False
        """
        if handoff not in names:
            raise InvalidFunnel(
                f"hand-off stage {handoff!r} is not in the funnel; its stages are {list(names)}"
            )
        cut = list(names).index(handoff) + 1
        stages = [
            Stage(name, Team.MARKETING if index < cut else Team.SALES)
            for index, name in enumerate(names)
        ]
        return cls(stages, (), handoff)

    @classmethod
    def from_rates(
        cls,
        rates: Mapping[str, Decimal],
        *,
        customer: str = "customer",
        handoff: str,
        visit_to_lead: Decimal | None = None,
    ) -> Funnel:
        """Build a funnel from ``{stage: rate to the next stage}`` in order, then ``customer``.

        Owners follow from ``handoff``.
        """
        names = [*rates, customer]
        if handoff not in names:
            raise InvalidFunnel(
                f"hand-off stage {handoff!r} is not in the funnel; its stages are {names}"
            )
        cut = names.index(handoff) + 1
        stages = [
            Stage(name, Team.MARKETING if index < cut else Team.SALES)
            for index, name in enumerate(names)
        ]
        return cls(stages, tuple(rates.values()), handoff, visit_to_lead)

    @classmethod
    def hubspot(
        cls,
        *,
        lead_to_mql: Decimal,
        mql_to_sql: Decimal,
        sql_to_opportunity: Decimal,
        opportunity_to_customer: Decimal,
        visit_to_lead: Decimal | None = None,
    ) -> Funnel:
        """HubSpot's lifecycle stages, lead to customer, handed to sales at the MQL stage."""
        lead, mql, sql, opportunity, customer = HUBSPOT_STAGES
        return cls.from_rates(
            {
                lead: lead_to_mql,
                mql: mql_to_sql,
                sql: sql_to_opportunity,
                opportunity: opportunity_to_customer,
            },
            customer=customer,
            handoff=mql,
            visit_to_lead=visit_to_lead,
        )

    @classmethod
    def from_counts(cls, counts: Mapping[str, int], *, handoff: str) -> Funnel:
        """Build a funnel from the counts seen (or benchmarked) at each stage, top to bottom.

        Each rate is the next stage's count over this stage's, in the
        60-digit decimal context; a rate like 1/3 is therefore rounded.
        """
        names = list(counts)
        values = [check_count(cls, f"counts[{name!r}]", counts[name]) for name in names]
        for name, count in zip(names, values, strict=True):
            if count == 0:
                raise InvalidAmount(f"stage {name!r} has a count of 0: no rate can be derived")
        rates = {
            name: to_decimal(Fraction(below, above))
            for name, above, below in zip(names, values, values[1:], strict=False)
        }
        return cls.from_rates(rates, customer=names[-1], handoff=handoff)

    # -- reading ------------------------------------------------------------

    @property
    def names(self) -> tuple[str, ...]:
        """The stage names, top to bottom."""
        return tuple(stage.name for stage in self.stages)

    def index(self, stage: str) -> int:
        """The position of ``stage``; raise :class:`InvalidFunnel` when it is not a stage."""
        try:
            return self.names.index(stage)
        except ValueError:
            raise InvalidFunnel(
                f"{stage!r} is not a stage of this funnel; its stages are {list(self.names)}"
            ) from None

    @property
    def has_rates(self) -> bool:
        """Whether the funnel has its conversion rates (one made by :meth:`of_stages` has none)."""
        return bool(self.rates)

    def _chain(self, first: str | None, last: str | None) -> Fraction:
        if not self.rates:
            raise InvalidFunnel(
                f"this funnel lists its stages only ({', '.join(self.names)}): give its "
                "conversion rates to plan or project with it ([funnel] rates)"
            )
        start = 0 if first is None else self.index(first)
        stop = len(self.stages) - 1 if last is None else self.index(last)
        if stop < start:
            raise InvalidFunnel(f"stage {last!r} comes before {first!r} in the funnel")
        product = Fraction(1)
        for rate in self.rates[start:stop]:
            product *= to_fraction(rate)
        return product

    def close_rate(self, first: str | None = None, last: str | None = None) -> Decimal:
        """The rate from ``first`` (default the top stage) to ``last`` (default the last).

        The exact product of the stage rates between them.
        """
        product = self._chain(first, last)
        return CONTEXT.divide(Decimal(product.numerator), Decimal(product.denominator))

    def back_solve(
        self, target: Decimal | int, *, rounding: Rounding = Rounding.CEIL, at: str | None = None
    ) -> tuple[StageRequirement, ...]:
        """The count needed at each stage to reach ``target`` at ``at`` (default the last).

        Each stage's requirement is ``target`` divided by the exact product of
        the rates between it and ``at``, then rounded once by ``rounding``.
        """
        return self.back_solve_exact(_target(target), rounding=rounding, at=at)

    def back_solve_exact(
        self, target: Fraction, *, rounding: Rounding = Rounding.CEIL, at: str | None = None
    ) -> tuple[StageRequirement, ...]:
        """:meth:`back_solve` from an exact target, as a plan computes it."""
        stop = len(self.stages) - 1 if at is None else self.index(at)
        requirements = []
        for stage in self.stages[: stop + 1]:
            expected = target / self._chain(stage.name, self.names[stop])
            requirements.append(
                StageRequirement(stage.name, to_decimal(expected), round_count(expected, rounding))
            )
        return tuple(requirements)

    def project(
        self, count: Decimal | int, *, start: str | None = None
    ) -> tuple[StageForecast, ...]:
        """What ``count`` at ``start`` (default the top) is expected to yield at each stage."""
        first = 0 if start is None else self.index(start)
        amount = _target(count)
        return tuple(
            StageForecast(name, to_decimal(amount * self._chain(self.names[first], name)))
            for name in self.names[first:]
        )


def _target(value: Decimal | int) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise WrongType(f"a funnel target must be an int or a Decimal, got {value!r}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidAmount(f"a funnel target must be finite, got {value}")
    if value < 0:
        raise InvalidAmount(f"a funnel target must be 0 or more, got {value}")
    return to_fraction(value)
