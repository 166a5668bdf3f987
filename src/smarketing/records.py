"""The records every adapter produces: :class:`Lead`, :class:`Deal` and :class:`Spend`.

Records carry no personal data: there is no field for a name, an email, a
phone number or an address, and a segment attribute with such a name is
refused. An owner is a name or an id of a sales rep, as the CRM exports it.

Timestamps may be naive or aware. The aggregation reads naive ones in one
configured zone (the CRM portal's) and never compares naive and aware times
raw; see :class:`smarketing.measuring.actuals.ActualsSpec`.
"""

from __future__ import annotations

import calendar
import enum
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs

from smarketing.errors import InvalidRecord

__all__ = ["PERSONAL_FIELDS", "Deal", "DealStatus", "Lead", "Spend", "month_end"]

#: Attribute names that would carry personal data; records refuse them as segments.
PERSONAL_FIELDS = frozenset(
    {
        "name",
        "first name",
        "last name",
        "firstname",
        "lastname",
        "full name",
        "email",
        "e-mail",
        "email address",
        "phone",
        "phone number",
        "mobile",
        "mobile phone number",
        "address",
        "street address",
    }
)


def _text_id(kind: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidRecord(f"a {kind} needs an id, a non-empty string; got {value!r}")
    return value


def _datetime(kind: str, record_id: str, name: str, value: object) -> None:
    if not isinstance(value, datetime):
        raise InvalidRecord(
            f"{kind} {record_id!r}: {name} must be a datetime, got {type(value).__name__} "
            f"{value!r}",
            record_id=record_id,
            field=name,
        )


def _optional_text(kind: str, record_id: str, name: str, value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise InvalidRecord(
            f"{kind} {record_id!r}: {name} must be text or None, got {value!r}",
            record_id=record_id,
            field=name,
        )


def _pairs(
    value: Mapping[str, Any] | Iterable[tuple[str, Any]] | None,
) -> tuple[tuple[str, Any], ...]:
    if value is None:
        return ()
    if isinstance(value, Mapping):
        return tuple(value.items())
    return tuple(value)


def _datetimes(value: Iterable[datetime]) -> tuple[datetime, ...]:
    return tuple(value)


class DealStatus(enum.StrEnum):
    """Where a deal stands.

    ``UNKNOWN``: its stage is neither won, lost nor a known open stage; it
    counts as open, and the pass reports it (``unknown_deal_stage``).
    """

    OPEN = "open"
    WON = "won"
    LOST = "lost"
    UNKNOWN = "unknown"


def _status(value: DealStatus | str) -> DealStatus:
    try:
        return DealStatus(value)
    except ValueError:
        raise InvalidRecord(
            f"a deal status must be one of open, won, lost; got {value!r}", field="status"
        ) from None


@attrs.frozen
class Lead:
    """A lead and what happened to it.

    ``stages`` maps a funnel stage name to the time the lead entered it;
    names the funnel does not know (a portal's custom lifecycle stage) are
    kept and counted as they are. ``handoff`` is when sales received the
    lead; when ``None`` it is the time the lead entered the funnel's hand-off
    stage. Touches are either times (``touches``, from which the first touch
    and the depth within a window follow) or, when the CRM gives only that, a
    ``touch_count`` and a ``first_touch`` time. ``segments`` holds free
    attributes (persona, region, product line ...) for breakdowns.

    >>> from datetime import datetime
    >>> lead = Lead("L-1", datetime(2026, 11, 3, 9, 30), source="paid search",
    ...             stages={"marketingqualifiedlead": datetime(2026, 11, 4, 10, 0)})
    >>> lead.stage_times["marketingqualifiedlead"]
    datetime.datetime(2026, 11, 4, 10, 0)

    Attributes:
        id: The lead's id in the CRM.
        created: When the lead was created.
        source: Where it came from (paid search ...), or ``None`` when unknown.
        source_detail: A finer source (the campaign ...), when given.
        stages: (stage name, time it entered the stage) pairs.
        owner: The sales rep who owns it, when assigned.
        handoff: When sales received it; ``None``: when it entered the hand-off stage.
        first_touch: The first touch, when the CRM gives it without the touches.
        touches: The times sales touched the lead.
        touch_count: How many touches, when the CRM gives only a count.
        lost: Whether the lead was lost (disqualified).
        lost_reason: Why, when given.
        segments: (attribute, value) pairs to break counts down by: persona, region ...
    """

    #: The lead's id in the CRM.
    id: str
    #: When the lead was created.
    created: datetime
    #: Where it came from (paid search ...), or ``None`` when unknown.
    source: str | None = None
    #: A finer source (the campaign ...), when given.
    source_detail: str | None = None
    #: (stage name, time it entered the stage) pairs.
    stages: tuple[tuple[str, datetime], ...] = attrs.field(default=(), converter=_pairs)
    #: The sales rep who owns it, when assigned.
    owner: str | None = None
    #: When sales received it; ``None``: when it entered the hand-off stage.
    handoff: datetime | None = None
    #: The first touch, when the CRM gives it without the touches.
    first_touch: datetime | None = None
    #: The times sales touched the lead.
    touches: tuple[datetime, ...] = attrs.field(default=(), converter=_datetimes)
    #: How many touches, when the CRM gives only a count.
    touch_count: int | None = None
    #: Whether the lead was lost (disqualified).
    lost: bool = False
    #: Why, when given.
    lost_reason: str | None = None
    #: (attribute, value) pairs to break counts down by: persona, region ...
    segments: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)

    def __attrs_post_init__(self) -> None:
        lead_id = _text_id("lead", self.id)
        _datetime("lead", lead_id, "created", self.created)
        for name in ("source", "source_detail", "owner", "lost_reason"):
            _optional_text("lead", lead_id, name, getattr(self, name))
        for stage, when in self.stages:
            if not isinstance(stage, str) or not stage:
                raise InvalidRecord(
                    f"lead {lead_id!r}: a stage name must be non-empty text, got {stage!r}",
                    record_id=lead_id,
                    field="stages",
                )
            _datetime("lead", lead_id, f"stages[{stage!r}]", when)
        for name in ("handoff", "first_touch"):
            value = getattr(self, name)
            if value is not None:
                _datetime("lead", lead_id, name, value)
        for index, touch in enumerate(self.touches):
            _datetime("lead", lead_id, f"touches[{index}]", touch)
        if self.touch_count is not None and (
            isinstance(self.touch_count, bool)
            or not isinstance(self.touch_count, int)
            or self.touch_count < 0
        ):
            raise InvalidRecord(
                f"lead {lead_id!r}: touch_count must be an int of 0 or more, "
                f"got {self.touch_count!r}",
                record_id=lead_id,
                field="touch_count",
            )
        if not isinstance(self.lost, bool):
            raise InvalidRecord(
                f"lead {lead_id!r}: lost must be True or False, got {self.lost!r}",
                record_id=lead_id,
                field="lost",
            )
        for key, value in self.segments:
            if not isinstance(key, str) or not isinstance(value, str):
                raise InvalidRecord(
                    f"lead {lead_id!r}: segments map text to text, got {key!r}: {value!r}",
                    record_id=lead_id,
                    field="segments",
                )
            if key.strip().lower().replace("_", " ") in PERSONAL_FIELDS:
                raise InvalidRecord(
                    f"lead {lead_id!r}: segment {key!r} would carry personal data; "
                    "records keep no names, emails, phone numbers or addresses",
                    record_id=lead_id,
                    field="segments",
                )

    @property
    def stage_times(self) -> dict[str, datetime]:
        """The stages as a new dict, stage name to entry time."""
        return dict(self.stages)

    def segment(self, name: str) -> str | None:
        """The value of segment attribute ``name``, or ``None``."""
        for key, value in self.segments:
            if key == name:
                return value
        return None


def _lead_ids(value: str | Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@attrs.frozen
class Deal:
    """A deal: its amount, its status, and the lead or leads it came from.

    ``source``, when given, is used as is; otherwise the deal takes the
    source of its first known lead.

    >>> from decimal import Decimal
    >>> Deal("D-1", lead_ids="L-1", amount=Decimal("12000"), status="won").status
    <DealStatus.WON: 'won'>

    Attributes:
        id: The deal's id in the CRM.
        lead_ids: The ids of the leads (contacts) the deal came from.
        amount: The deal's amount, or ``None`` when the CRM has none.
        currency: The amount's ISO 4217 currency code, or ``None`` when not given.
        created: When the deal was created, when known.
        closed: When it was won or lost, when known.
        status: Open, won or lost.
        stage: The deal stage as the CRM names it, when given.
        owner: The deal's owner, when given.
        lost_reason: Why it was lost, when given.
        source: The deal's own source; ``None``: the source of its first known lead.
    """

    #: The deal's id in the CRM.
    id: str
    #: The ids of the leads (contacts) the deal came from.
    lead_ids: tuple[str, ...] = attrs.field(default=(), converter=_lead_ids)
    #: The deal's amount, or ``None`` when the CRM has none.
    amount: Decimal | None = None
    #: The amount's ISO 4217 currency code, or ``None`` when not given.
    currency: str | None = None
    #: When the deal was created, when known.
    created: datetime | None = None
    #: When it was won or lost, when known.
    closed: datetime | None = None
    #: Open, won or lost.
    status: DealStatus = attrs.field(default=DealStatus.OPEN, converter=_status)
    #: The deal stage as the CRM names it, when given.
    stage: str | None = None
    #: The deal's owner, when given.
    owner: str | None = None
    #: Why it was lost, when given.
    lost_reason: str | None = None
    #: The deal's own source; ``None``: the source of its first known lead.
    source: str | None = None

    def __attrs_post_init__(self) -> None:
        deal_id = _text_id("deal", self.id)
        for lead_id in self.lead_ids:
            if not isinstance(lead_id, str) or not lead_id:
                raise InvalidRecord(
                    f"deal {deal_id!r}: lead ids must be non-empty text, got {lead_id!r}",
                    record_id=deal_id,
                    field="lead_ids",
                )
        if self.amount is not None:
            if not isinstance(self.amount, Decimal) or not self.amount.is_finite():
                raise InvalidRecord(
                    f"deal {deal_id!r}: amount must be a finite Decimal, got {self.amount!r}",
                    record_id=deal_id,
                    field="amount",
                )
            if self.amount < 0:
                raise InvalidRecord(
                    f"deal {deal_id!r}: amount must be 0 or more, got {self.amount}",
                    record_id=deal_id,
                    field="amount",
                )
        for name in ("created", "closed"):
            value = getattr(self, name)
            if value is not None:
                _datetime("deal", deal_id, name, value)
        for name in ("currency", "stage", "owner", "lost_reason", "source"):
            _optional_text("deal", deal_id, name, getattr(self, name))


def month_end(first: date) -> date:
    """The last day of the calendar month of ``first``."""
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _day(name: str, value: object) -> None:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidRecord(
            f"spend: {name} must be a date (not a datetime), got {type(value).__name__} {value!r}",
            field=name,
        )


@attrs.frozen
class Spend:
    """Money spent on a lead source over one day or one calendar month.

    A day's spend has ``start == end``; a month's runs from its first day to
    its last. ``campaign`` and ``currency`` are optional; ``amount`` is a
    finite Decimal of 0 or more.

    >>> from decimal import Decimal
    >>> Spend.month("paid search", 2026, 11, Decimal("3000")).label
    '2026-11'
    """

    source: str
    start: date
    end: date
    amount: Decimal
    campaign: str | None = None
    currency: str | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.source, str) or not self.source.strip():
            raise InvalidRecord(
                f"spend needs a source, a non-empty text; got {self.source!r}", field="source"
            )
        _day("start", self.start)
        _day("end", self.end)
        one_day = self.start == self.end
        if not one_day and (self.start.day != 1 or self.end != month_end(self.start)):
            raise InvalidRecord(
                f"spend of {self.source!r} runs from {self.start} to {self.end}: spend is for "
                "one day or one calendar month",
                field="start",
            )
        if not isinstance(self.amount, Decimal) or not self.amount.is_finite():
            raise InvalidRecord(
                f"spend of {self.source!r} on {self.label}: amount must be a finite Decimal, "
                f"got {self.amount!r}",
                field="amount",
            )
        if self.amount < 0:
            raise InvalidRecord(
                f"spend of {self.source!r} on {self.label}: amount must be 0 or more, got "
                f"{self.amount}; a refund or credit belongs in the month it lowers, as a "
                "smaller amount",
                field="amount",
            )
        for name in ("campaign", "currency"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise InvalidRecord(
                    f"spend: {name} must be text or None, got {value!r}", field=name
                )

    @classmethod
    def day(
        cls,
        source: str,
        day: date,
        amount: Decimal,
        *,
        campaign: str | None = None,
        currency: str | None = None,
    ) -> Spend:
        """The spend of one day."""
        return cls(source, day, day, amount, campaign, currency)

    @classmethod
    def month(
        cls,
        source: str,
        year: int,
        month: int,
        amount: Decimal,
        *,
        campaign: str | None = None,
        currency: str | None = None,
    ) -> Spend:
        """The spend of a calendar month."""
        first = date(year, month, 1)
        return cls(source, first, month_end(first), amount, campaign, currency)

    @property
    def is_month(self) -> bool:
        """Whether this is a month's spend (not a day's)."""
        return self.start != self.end

    @property
    def label(self) -> str:
        """``2026-11-03`` for a day, ``2026-11`` for a month."""
        return self.start.isoformat()[:7] if self.is_month else self.start.isoformat()


def _setters(cls: type, names: str) -> tuple[Any, ...]:
    """The slots' own setters: what a frozen class's ``__init__`` does, minus a lookup a field."""
    return tuple(cls.__dict__[name].__set__ for name in names.split())


_new = object.__new__
(
    _set_id, _set_created, _set_source, _set_source_detail, _set_stages, _set_owner,
    _set_handoff, _set_first_touch, _set_touches, _set_touch_count, _set_lost, _set_lost_reason,
    _set_segments,
) = _setters(
    Lead,
    "id created source source_detail stages owner handoff first_touch touches touch_count "
    "lost lost_reason segments",
)  # fmt: skip
(
    _set_deal_id, _set_lead_ids, _set_amount, _set_currency, _set_deal_created, _set_closed,
    _set_status, _set_stage, _set_deal_owner, _set_deal_lost_reason, _set_deal_source,
) = _setters(
    Deal, "id lead_ids amount currency created closed status stage owner lost_reason source"
)  # fmt: skip


def trusted_lead(
    values: Mapping[str, Any], stages: Mapping[str, datetime], segments: Mapping[str, str]
) -> Lead:
    """A Lead from values already read to their fields' types, without checking them again.

    For adapters' record builders, which read every cell to its type, refuse
    personal segment names when compiling their mapping, and never give an
    empty id or stage name: the checks of :class:`Lead` hold by construction.
    Code that builds leads from anything else uses ``Lead(...)``. (The fields
    are set one by one, on the hot path of reading; a test checks that they
    are all of Lead's.)
    """
    lead = _new(Lead)
    get = values.get
    _set_id(lead, values["id"])
    _set_created(lead, values["created"])
    _set_source(lead, get("source"))
    _set_source_detail(lead, get("source_detail"))
    _set_stages(lead, tuple(stages.items()))
    _set_owner(lead, get("owner"))
    _set_handoff(lead, get("handoff"))
    _set_first_touch(lead, get("first_touch"))
    touches = get("touches")
    _set_touches(lead, () if touches is None else tuple(touches))
    _set_touch_count(lead, get("touch_count"))
    _set_lost(lead, get("lost", False))
    _set_lost_reason(lead, get("lost_reason"))
    _set_segments(lead, tuple(segments.items()) if segments else ())
    return lead


def trusted_deal(values: Mapping[str, Any]) -> Deal:
    """A Deal from values already read to their fields' types: only the amount is checked.

    The record builders' readers give a stripped non-empty id, a tuple of
    non-empty lead ids, datetimes, a DealStatus and text; an amount is a
    finite Decimal but may be negative, which :class:`Deal` refuses, and so
    does this (a test checks both agree).
    """
    amount = values.get("amount")
    if amount is not None and (not amount.is_finite() or amount < 0):
        Deal(**values)  # raises the record's own InvalidRecord, with its message
    deal = _new(Deal)
    get = values.get
    _set_deal_id(deal, get("id"))
    _set_lead_ids(deal, get("lead_ids", ()))
    _set_amount(deal, amount)
    _set_currency(deal, get("currency"))
    _set_deal_created(deal, get("created"))
    _set_closed(deal, get("closed"))
    _set_status(deal, get("status", DealStatus.OPEN))
    _set_stage(deal, get("stage"))
    _set_deal_owner(deal, get("owner"))
    _set_deal_lost_reason(deal, get("lost_reason"))
    _set_deal_source(deal, get("source"))
    return deal
