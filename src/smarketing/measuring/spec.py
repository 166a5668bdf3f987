"""What a pass counts and how: :class:`ActualsSpec`, built once from the SLA (or a funnel)."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from typing import Any, TypedDict, Unpack

import attrs

from smarketing._time import day_problem
from smarketing.errors import InvalidValue, WrongType
from smarketing.measuring.sla import SLA, DepthClause, SpeedClause
from smarketing.planning.business_calendar import BusinessCalendar
from smarketing.planning.funnel import Funnel
from smarketing.planning.period import Period

__all__ = ["ActualsSpec", "SpecKeywords", "SpecOptions"]


def _is_zone(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, tzinfo):
        raise WrongType(
            f"ActualsSpec.zone must be a tzinfo (zoneinfo.ZoneInfo('Europe/Paris'), "
            f"datetime.UTC ...), got {value!r}"
        )


class SpecOptions(TypedDict, total=False):
    """The keywords of :meth:`ActualsSpec.of` besides what it measures by."""

    as_of: date | datetime | None
    zone: tzinfo
    breaches_in: Period | None
    segment: str | None
    currency: str | None
    max_listed: int | None


class SpecKeywords(SpecOptions, total=False):
    """The spec keywords of the older entry points: ``sla=`` or ``funnel=``, and the options.

    ``collect_actuals``, ``Reading.collect_actuals`` and ``collect_actuals_sql``
    take them (:meth:`ActualsSpec.of_keywords`); :func:`smarketing.collect`
    takes the spec itself.
    """

    sla: SLA | None
    funnel: Funnel | None


@attrs.frozen
class ActualsSpec:
    """What a pass counts and how: the funnel, the zone, the cut-off, the follow-up clauses.

    ``zone`` reads naive timestamps (the CRM portal's zone) and draws the
    days. Events after ``as_of`` are ignored, so a report "as of the 20th"
    run later sees what was known on the 20th; a date includes its whole
    day. ``segment`` names a lead segment attribute to break counts down by.
    ``max_listed`` bounds how many record ids each finding, and the breach
    list, keep (counts are always exact; ``None`` keeps them all).
    Breaches are listed for hand-offs within ``breaches_in`` when given.

    Attributes:
        funnel: The funnel whose stages the pass counts.
        zone: The zone naive timestamps are read in and days are drawn in.
        as_of: The cut-off: events after it are ignored (a date includes its whole day); ``None``:
            none.
        segment: The lead segment attribute counts are broken down by, or ``None``.
        speed: The speed clause the follow-up is judged by, or ``None``.
        depth: The depth clause the follow-up is judged by, or ``None``.
        calendar: The business calendar of business-hour clauses.
        currency: The currency deals are counted in; deals in another are a finding. ``None``: any.
        max_listed: How many record ids each finding and the breach list keep; ``None``: all.
        breaches_in: The period whose hand-offs the breach list holds, or ``None``: every period.
    """

    #: The funnel whose stages the pass counts.
    funnel: Funnel = attrs.field(validator=attrs.validators.instance_of(Funnel))
    #: The zone naive timestamps are read in and days are drawn in.
    zone: tzinfo = attrs.field(default=UTC, validator=_is_zone)
    #: The cut-off: events after it are ignored (a date includes its whole day); ``None``: none.
    as_of: date | datetime | None = None
    #: The lead segment attribute counts are broken down by, or ``None``.
    segment: str | None = None
    #: The speed clause the follow-up is judged by, or ``None``.
    speed: SpeedClause | None = None
    #: The depth clause the follow-up is judged by, or ``None``.
    depth: DepthClause | None = None
    #: The business calendar of business-hour clauses.
    calendar: BusinessCalendar = attrs.field(factory=BusinessCalendar)
    #: The currency deals are counted in; deals in another are a finding. ``None``: any.
    currency: str | None = None
    #: How many record ids each finding and the breach list keep; ``None``: all.
    max_listed: int | None = 1000
    #: The period whose hand-offs the breach list holds, or ``None``: every period.
    breaches_in: Period | None = None

    @classmethod
    def of(
        cls,
        measure: SLA | Funnel,
        *,
        as_of: date | datetime | None = None,
        zone: tzinfo = UTC,
        breaches_in: Period | None = None,
        segment: str | None = None,
        currency: str | None = None,
        max_listed: int | None = 1000,
    ) -> ActualsSpec:
        """The spec to measure an ``SLA`` by (its funnel, clauses, calendar, currency), or a funnel.

        Built once, it is what every way of collecting takes
        (:func:`smarketing.collect`). ``currency`` defaults to the SLA's. A
        bare :class:`Funnel` counts without follow-up clauses, on the
        all-days calendar.

        >>> funnel = Funnel.of_stages(["lead", "mql", "customer"], handoff="mql")
        >>> spec = ActualsSpec.of(funnel, as_of=date(2026, 11, 30))
        >>> spec.as_of, spec.speed
        (datetime.date(2026, 11, 30), None)
        """
        if as_of is not None and (problem := day_problem(as_of)) is not None:
            raise InvalidValue(f"as_of {as_of} {problem}: give a day in that range")
        if isinstance(measure, SLA):
            return cls(
                funnel=measure.funnel,
                zone=zone,
                as_of=as_of,
                segment=segment,
                speed=measure.speed,
                depth=measure.depth,
                calendar=measure.calendar,
                currency=currency or measure.currency,
                max_listed=max_listed,
                breaches_in=breaches_in,
            )
        if not isinstance(measure, Funnel):
            raise WrongType(
                f"ActualsSpec.of measures an SLA or a Funnel, got {type(measure).__name__}: "
                "pass the config's sla_for(period), or Funnel.of(stages)"
            )
        return cls(
            funnel=measure,
            zone=zone,
            as_of=as_of,
            segment=segment,
            currency=currency,
            max_listed=max_listed,
            breaches_in=breaches_in,
        )

    @classmethod
    def of_keywords(
        cls, *, sla: SLA | None = None, funnel: Funnel | None = None, **options: Unpack[SpecOptions]
    ) -> ActualsSpec:
        """:meth:`of` the ``sla`` (it wins) or the ``funnel``: the older entry points' keywords."""
        if sla is not None:
            return cls.of(sla, **options)
        if funnel is None:
            raise InvalidValue("collecting actuals needs a funnel or an sla")
        return cls.of(funnel, **options)
