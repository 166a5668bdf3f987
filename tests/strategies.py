"""Hypothesis strategies for smarketing's domain values, all in one place."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs
from hypothesis import strategies as st

from smarketing import (
    HUBSPOT_STAGES,
    SLA,
    BusinessCalendar,
    Deal,
    DepthClause,
    Funnel,
    Lead,
    LeadSource,
    MarketingCommitment,
    Objective,
    Period,
    SpeedClause,
)
from smarketing.planning.period import RELATIVE_PERIODS
from smarketing.records import Spend

#: Rates in (0, 1] with up to four decimals, as people write them.
rates = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(1), places=4)

#: Money from a cent to a billion, in cents.
money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**9), places=2)

#: Prices a deal can have: a dollar to ten million.
prices = st.decimals(min_value=Decimal(1), max_value=Decimal(10**7), places=2)

#: Shares of a whole in [0, 1].
shares = st.decimals(min_value=Decimal(0), max_value=Decimal(1), places=4)

#: Non-negative weights, at least one of them positive.
weights = st.lists(
    st.one_of(st.integers(0, 1000), st.decimals(min_value=0, max_value=1000, places=3)),
    min_size=1,
    max_size=24,
).filter(lambda ws: any(w > 0 for w in ws))


@st.composite
def objectives(draw: st.DrawFn) -> Objective:
    """An objective with its four metrics drawn, no funnel, default rounding."""
    return Objective(
        revenue_goal=draw(money),
        marketing_share=draw(shares.filter(lambda s: s > 0)),
        average_sale=draw(prices),
        close_rate=draw(rates),
    )


@st.composite
def funnels(draw: st.DrawFn, min_stages: int = 2, max_stages: int = 7) -> Funnel:
    """A funnel of 2 to 7 stages with drawn rates, handed to sales at a drawn stage."""
    size = draw(st.integers(min_stages, max_stages))
    names = [f"stage{i}" for i in range(size)]
    handoff = draw(st.sampled_from(names))
    stage_rates = draw(st.lists(rates, min_size=size - 1, max_size=size - 1))
    visit = draw(st.none() | rates)
    return Funnel.from_rates(
        dict(zip(names[:-1], stage_rates, strict=True)),
        customer=names[-1],
        handoff=handoff,
        visit_to_lead=visit,
    )


@st.composite
def source_mixes(draw: st.DrawFn) -> tuple[LeadSource, ...]:
    """One to six lead sources whose shares add up exactly to 1."""
    count = draw(st.integers(1, 6))
    cuts = sorted(draw(st.lists(st.integers(0, 10_000), min_size=count - 1, max_size=count - 1)))
    bounds = [0, *cuts, 10_000]
    return tuple(
        LeadSource(
            f"source{i}",
            close_rate=draw(rates),
            average_sale=draw(st.none() | prices),
            spend=draw(st.none() | money),
            share=Decimal(bounds[i + 1] - bounds[i]) / 10_000,
        )
        for i in range(count)
    )


dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """A period of explicit dates, up to three years long."""
    start = draw(dates)
    length = draw(st.integers(0, 3 * 366))
    return Period(start, start + timedelta(days=length))


# -- records -------------------------------------------------------------------------------

#: A funnel over HubSpot's stages, as the record strategies assume.
HUBSPOT_FUNNEL = Funnel.hubspot(
    lead_to_mql=Decimal("0.5"),
    mql_to_sql=Decimal("0.5"),
    sql_to_opportunity=Decimal("0.4"),
    opportunity_to_customer=Decimal("0.25"),
)
RECORD_SOURCES = ("paid search", "organic search", "referrals", None)
RECORD_OWNERS = ("ann", "bob", None)
RECORD_START = datetime(2026, 9, 1)
_MINUTES = st.integers(0, 120 * 24 * 60)


# -- time zones, business hours and SLAs ------------------------------------------------------

#: Zones with and without daylight saving, whole and part hours, both sides of UTC.
ZONE_NAMES = (
    "Europe/Paris",  # DST on the last Sundays of March and October
    "America/New_York",  # DST on other Sundays (March, November)
    "America/St_Johns",  # -03:30, with DST
    "Asia/Kathmandu",  # +05:45, no DST
    "Australia/Lord_Howe",  # a half-hour DST shift, in the southern summer
    "Pacific/Chatham",  # +12:45 / +13:45
    "Pacific/Pago_Pago",  # -11:00
)

#: A time zone: UTC, a named zone (most with daylight saving) or a fixed offset to ±14:00.
zones: st.SearchStrategy[tzinfo] = st.one_of(
    st.just(UTC),
    st.sampled_from(ZONE_NAMES).map(ZoneInfo),
    st.integers(-14 * 4, 14 * 4).map(lambda quarters: timezone(timedelta(minutes=15 * quarters))),
)


@st.composite
def business_calendars(draw: st.DrawFn) -> BusinessCalendar:
    """Working days (any non-empty set), opening hours to the quarter hour, holidays.

    The holidays fall among the records' days (:data:`RECORD_START` and the
    150 days after), some on working days.
    """
    opens = draw(st.integers(0, 23 * 4 - 1))
    closes = draw(st.integers(opens + 1, 23 * 4 + 3))
    holidays = draw(
        st.frozensets(st.integers(0, 150).map(lambda d: RECORD_START.date() + timedelta(d)),
                      max_size=12)
    )  # fmt: skip
    return BusinessCalendar(
        workdays=draw(st.frozensets(st.integers(0, 6), min_size=1)),
        holidays=holidays,
        opens=time(opens // 4, opens % 4 * 15),
        closes=time(closes // 4, closes % 4 * 15),
    )


_WINDOW_MINUTES = st.integers(1, 10 * 24 * 60).map(lambda minutes: timedelta(minutes=minutes))
speed_clauses = st.builds(
    SpeedClause, within=_WINDOW_MINUTES, share=rates, business_hours=st.booleans()
)
#: Depth clauses of 1 to 5 touches (the records have 0 to 4) within an hour to 30 days.
depth_clauses = st.builds(
    DepthClause,
    touches=st.integers(1, 5),
    within=st.integers(1, 30 * 24).map(lambda hours: timedelta(hours=hours)),
    share=rates,
)


@st.composite
def slas(draw: st.DrawFn, funnel: Funnel | None = None) -> SLA:
    """An SLA over ``funnel`` (HubSpot's): a speed clause (business hours or not), a depth
    clause, both or none, and a drawn business calendar."""
    return SLA(
        HUBSPOT_FUNNEL if funnel is None else funnel,
        MarketingCommitment(leads=draw(st.integers(1, 100))),
        speed=draw(st.none() | speed_clauses),
        depth=draw(st.none() | depth_clauses),
        calendar=draw(business_calendars()),
    )


def _in_zone(moment: datetime, zone: tzinfo | None) -> datetime:
    """``moment``'s wall time in ``zone`` (aware), or as it is (naive) without a zone."""
    return moment if zone is None else moment.replace(tzinfo=zone)


def _maybe_in_zone(moment: datetime | None, zone: tzinfo | None) -> datetime | None:
    return None if moment is None else _in_zone(moment, zone)


@st.composite
def lead_records(draw: st.DrawFn, lead_id: str, zone: tzinfo | None = None) -> Lead:
    """A lead over HubSpot's stages: some skipped, some out of order, touches or a count.

    With a ``zone``, every time of the lead is aware, a wall time in that zone.
    """
    lead = draw(_naive_lead_records(lead_id))
    if zone is None:
        return lead
    return attrs.evolve(
        lead,
        created=_in_zone(lead.created, zone),
        stages=tuple((stage, _in_zone(at, zone)) for stage, at in lead.stages),
        handoff=_maybe_in_zone(lead.handoff, zone),
        touches=tuple(_in_zone(touch, zone) for touch in lead.touches),
        first_touch=_maybe_in_zone(lead.first_touch, zone),
    )


@st.composite
def _naive_lead_records(draw: st.DrawFn, lead_id: str) -> Lead:
    created = RECORD_START + timedelta(minutes=draw(_MINUTES))
    reached = draw(st.integers(0, len(HUBSPOT_STAGES) - 1))
    stages: dict[str, datetime] = {}
    at = created
    for index in range(1, reached + 1):
        at += timedelta(minutes=draw(st.integers(-2 * 24 * 60, 20 * 24 * 60)))
        if index == reached or draw(st.booleans()):
            stages[HUBSPOT_STAGES[index]] = at
    if draw(st.booleans()):
        stages[draw(st.sampled_from(("lead", "evangelist", "other")))] = created + timedelta(
            minutes=draw(st.integers(0, 60 * 24 * 30))
        )
    touches = [
        created + timedelta(minutes=draw(st.integers(0, 60 * 24 * 40)))
        for _ in range(draw(st.integers(0, 4)))
    ]
    use_count = draw(st.booleans())
    handoff = draw(st.none() | _MINUTES.map(lambda m: created + timedelta(minutes=m // 10)))
    return Lead(
        lead_id,
        created,
        source=draw(st.sampled_from(RECORD_SOURCES)),
        stages=stages,
        owner=draw(st.sampled_from(RECORD_OWNERS)),
        handoff=handoff,
        touches=() if use_count else touches,
        touch_count=len(touches) if use_count else None,
        first_touch=min(touches) if use_count and touches else None,
        lost=draw(st.booleans()),
        lost_reason=draw(st.none() | st.sampled_from(("price", "timing"))),
        segments={"region": draw(st.sampled_from(("emea", "amer")))},
    )


@st.composite
def deal_records(
    draw: st.DrawFn, deal_id: str, lead_ids: list[str], zone: tzinfo | None = None
) -> Deal:
    """A deal on one of ``lead_ids`` (or on an unknown lead), won, lost or open.

    With a ``zone``, its times are aware, wall times in that zone.
    """
    lead = draw(st.sampled_from([*lead_ids, "ghost"])) if lead_ids else "ghost"
    moments = st.none() | _MINUTES.map(lambda m: RECORD_START + timedelta(minutes=m))
    return Deal(
        deal_id,
        lead_ids=lead,
        amount=draw(st.none() | st.decimals(min_value=0, max_value=100_000, places=2)),
        created=_maybe_in_zone(draw(moments), zone),
        closed=_maybe_in_zone(draw(moments), zone),
        status=draw(st.sampled_from(("won", "lost", "open"))),
        lost_reason=draw(st.none() | st.sampled_from(("price", "competitor"))),
        source=draw(st.none() | st.just("partner")),
    )


@st.composite
def record_sets(
    draw: st.DrawFn, max_leads: int = 30, aware: bool = False
) -> tuple[list[Lead], list[Deal]]:
    """Leads with unique ids, and deals on them.

    With ``aware``, each record's times are naive or aware in a zone of its own
    (:data:`zones`): an export that mixes them, as a merge of CRMs does.
    """
    record_zone = (st.none() | zones) if aware else st.none()
    count = draw(st.integers(0, max_leads))
    leads = [draw(lead_records(f"L{index:03d}", draw(record_zone))) for index in range(count)]
    ids = [lead.id for lead in leads]
    deals = [
        draw(deal_records(f"D{index:03d}", ids, draw(record_zone)))
        for index in range(draw(st.integers(0, 12)))
    ]
    return leads, deals


#: The separators each convention groups thousands with, and its decimal separator.
CONVENTIONS = {
    "point": ([",", " ", "\u00a0", "\u202f", "'"], "."),
    "comma": ([".", " ", "\u00a0", "\u202f", "'"], ","),
}


@st.composite
def formatted_amounts(draw: st.DrawFn, max_places: int = 12) -> tuple[Decimal, str, str]:
    """An amount, its text as a writer of one convention would format it, and that convention.

    The writer may group thousands (with any separator of its convention),
    add a currency symbol or code before or after, and write any number of
    decimal places up to ``max_places``.
    """
    convention = draw(st.sampled_from(sorted(CONVENTIONS)))
    groups, point = CONVENTIONS[convention]
    places = draw(st.integers(0, max_places))
    units = draw(st.integers(-(10**14) * 10**places + 1, 10**14 * 10**places - 1))
    amount = Decimal(units).scaleb(-places)
    whole, _, fraction = f"{abs(amount):f}".partition(".")
    group = draw(st.sampled_from(["", *groups]))
    if group:
        head = len(whole) % 3 or 3
        whole = group.join([whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))])
    text = whole + (point + fraction if fraction else "")
    if amount < 0:
        text = "-" + text
    before, after = draw(
        st.sampled_from([("", ""), ("€", ""), ("", " €"), ("$", ""), ("EUR ", ""), ("", " USD")])
    )
    return amount, before + text + after, convention


@st.composite
def file_names(draw: st.DrawFn) -> str:
    """File names with the characters that mean something in a URL or a SQLite URI (?, #, %, &)."""
    alphabet = st.sampled_from("ab?#%&=;:@ +'\"éZ0")
    name = draw(st.text(alphabet, min_size=1, max_size=20))
    return "f" + name + ".db"  # never "." or "..", never a leading "-"


@st.composite
def passwords(draw: st.DrawFn) -> str:
    """Passwords of any printable characters, raw, as people paste them into a URL."""
    body = draw(st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1))
    return "Zq" + body  # a prefix no message has by chance


#: Pieces of SQL that change how the rest is read: quotes, comments, parentheses, semicolons.
SQL_PIECES = (
    "SELECT ", "WITH a AS (SELECT 1) SELECT ", "1", " x", "'", "''", '"', "`", ";", "(", ")",
    "--", "-- ", "/*", "*/", "\n", "$$", "$t$", "\\", "#", " COPY ", " FROM t", ", ", "E'",
)  # fmt: skip


@st.composite
def sql_texts(draw: st.DrawFn) -> str:
    """Text made of SQL pieces, starting like a SELECT: what a query option could hold."""
    pieces = draw(st.lists(st.sampled_from(SQL_PIECES), max_size=12))
    return "SELECT " + "".join(pieces)


@st.composite
def respelled(draw: st.DrawFn, text: str) -> str:
    """``text`` as people and exports write it: any letter case, spaces around and doubled."""
    cased = "".join(
        char.upper() if char.isalpha() and draw(st.booleans()) else char.lower() for char in text
    )
    spaced = cased.replace(" ", draw(st.sampled_from([" ", "  ", " \t"])))
    return draw(st.sampled_from(["", " ", "  "])) + spaced + draw(st.sampled_from(["", " "]))


#: Deal stage values of letters, digits and spaces: almost all of them no table knows.
unknown_stages = st.text(
    st.characters(categories=("L", "N", "Zs"), exclude_characters="\t\n\r"),
    min_size=1,
    max_size=20,
).filter(lambda text: text.strip() != "")


_NAMES = st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True)


@st.composite
def toml_layouts(draw: st.DrawFn) -> tuple[str, dict[str, int], dict[str, int]]:
    """A TOML text of tables, arrays of tables and inline tables of keys.

    Returns the text, the line of each ``table.key`` written (arrays of
    tables as ``name#occurrence.key``), and the header line of each table.
    """
    lines: list[str] = []
    keys: dict[str, int] = {}
    headers: dict[str, int] = {}
    tables = draw(st.lists(_NAMES, min_size=1, max_size=4, unique=True))
    for table in tables:
        names = draw(st.lists(_NAMES, max_size=4, unique=True))
        shape = draw(st.sampled_from(["table", "array", "inline"]))
        if shape == "inline":
            # an inline table sits under a table of its own
            lines.append(f"[{table}9]")
            headers[f"{table}9"] = len(lines)
            headers[f"{table}9.{table}"] = len(lines) + 1
            lines.append(f"{table} = {{ " + ", ".join(f"{n} = 1" for n in names) + " }")
            for name in names:
                keys[f"{table}9.{table}.{name}"] = len(lines)
            continue
        for occurrence in range(2 if shape == "array" else 1):
            lines.append(f"[[{table}]]" if shape == "array" else f"[{table}]")
            label = f"{table}#{occurrence}" if shape == "array" else table
            headers[label] = len(lines)
            for name in names:
                lines.append(f"{name} = {occurrence}")
                keys[f"{label}.{name}"] = len(lines)
            lines.append("")
    return "\n".join(lines) + "\n", keys, headers


#: Names as a hostile CRM export may hold them: formulas, terminal escapes, bidi
#: controls, HTML and Markdown, newlines and pipes, mixed with plain text.
ATTACKS = (
    "=1+2",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07",
    "\x1b[2J\x1b[31mred",
    "\u202eevil.exe",
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "a\nb|c\r\td",
    "\x9b31m\x85\u2028\u2029\x7f\x00",
)
hostile_names = st.one_of(
    st.sampled_from(ATTACKS),
    st.text(
        st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs", "Cc", "Cf")),
        min_size=1,
        max_size=12,
    ).filter(lambda text: text.strip() != ""),
)


#: Spend sources, a few so that rows of one source meet.
_SPEND_SOURCES = st.sampled_from(["paid search", "events", "linkedin"])
#: Spend amounts: nothing to a million, in cents.
_SPEND_AMOUNTS = st.decimals(min_value=Decimal(0), max_value=Decimal(10**6), places=2)


@st.composite
def spend_rows(draw: st.DrawFn, year: int = 2026) -> list[Spend]:
    """Spend rows of ``year``: days and whole months, sources that repeat."""
    rows = []
    for _ in range(draw(st.integers(0, 12))):
        source = draw(_SPEND_SOURCES)
        amount = draw(_SPEND_AMOUNTS)
        if draw(st.booleans()):
            rows.append(Spend.month(source, year, draw(st.integers(1, 12)), amount))
        else:
            day = date(year, 1, 1) + timedelta(days=draw(st.integers(0, 364)))
            rows.append(Spend.day(source, day, amount))
    return rows


@st.composite
def year_partitions(draw: st.DrawFn, year: int = 2026) -> list[Period]:
    """The days of ``year`` cut into consecutive periods at drawn days."""
    first = date(year, 1, 1)
    days = (date(year + 1, 1, 1) - first).days
    cuts = sorted(draw(st.sets(st.integers(1, days - 1), max_size=20)))
    bounds = [0, *cuts, days]
    return [
        Period(first + timedelta(days=start), first + timedelta(days=end - 1))
        for start, end in itertools.pairwise(bounds)
    ]


# -- report periods and annual plans ----------------------------------------------------------


#: The kinds of period :func:`any_periods` draws.
PERIOD_KINDS = ("month", "quarter", "year", "months", "dates", "relative")


@st.composite
def any_periods(draw: st.DrawFn, kind: str | None = None) -> Period:
    """A period of every kind (or of ``kind``): a month, a quarter, a year, whole months
    (``2026-11-01/2027-01-31``), explicit dates, or a relative period (``year-to-date``,
    ``previous-quarter`` ...) resolved against a drawn as-of date."""
    year = draw(st.integers(1, 9999))
    kind = kind or draw(st.sampled_from(PERIOD_KINDS))
    if kind == "month":
        return Period.month(year, draw(st.integers(1, 12)))
    if kind == "quarter":
        return Period.quarter(year, draw(st.integers(1, 4)))
    if kind == "year":
        return Period.year(year)
    if kind == "months":
        first = Period.month(year, draw(st.integers(1, 12)))
        last = first.shift(
            draw(st.integers(0, min(40, (9999 - year) * 12 + 12 - first.start.month)))
        )
        return Period(first.start, last.end)
    if kind == "relative":
        as_of = draw(st.dates(min_value=date(2, 1, 1), max_value=date(9999, 12, 31)))
        return Period.resolve(draw(st.sampled_from(RELATIVE_PERIODS)), as_of)
    start = draw(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
    end = draw(st.dates(min_value=start, max_value=date(9999, 12, 31)))
    return Period(start, end)


@st.composite
def planned_objectives(draw: st.DrawFn) -> Objective:
    """An objective for a year, a quarter or some whole months, with seasonality, a sales
    cycle of 0 to 3 months, and sources with shares and spend (some without)."""
    year = draw(st.integers(2000, 2100))
    kind = draw(st.sampled_from(["year", "quarter", "months"]))
    period = Period.year(year)
    if kind == "quarter":
        period = Period.quarter(year, draw(st.integers(1, 4)))
    elif kind == "months":
        first = Period.month(year, draw(st.integers(1, 12)))
        period = Period(first.start, first.shift(draw(st.integers(0, 17))).end)
    months = len(period.months())
    seasonality = draw(
        st.none()
        | st.lists(st.integers(0, 5), min_size=months, max_size=months).filter(any)
        | st.lists(
            st.decimals(min_value=Decimal("0.1"), max_value=10, places=1),
            min_size=months,
            max_size=months,
        )
    )
    return Objective(
        revenue_goal=draw(money),
        marketing_share=draw(shares.filter(lambda s: s > 0)),
        average_sale=draw(prices),
        close_rate=draw(rates),
        period=period,
        seasonality=seasonality,
        sales_cycle_months=draw(st.integers(0, 3)),
        sources=draw(source_mixes() | st.just(())),
        rounding=draw(st.sampled_from(["ceil", "floor", "half_up", "exact"])),
    )


@st.composite
def partitions(draw: st.DrawFn, whole: Period, most: int = 12) -> tuple[Period, ...]:
    """``whole`` cut into up to ``most`` + 1 consecutive periods, in order."""
    cuts = sorted(
        set(draw(st.lists(st.integers(1, whole.days - 1), max_size=most)))
        if whole.days > 1
        else set()
    )
    bounds = [0, *cuts, whole.days]
    return tuple(
        Period(whole.start + timedelta(days=a), whole.start + timedelta(days=b - 1))
        for a, b in itertools.pairwise(bounds)
    )
