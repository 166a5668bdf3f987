"""The SLA config file: one TOML file for objective, funnel, sources, SLA and input.

Read with :func:`load_config`. Every table and key is checked: an unknown
key, a wrong type or an impossible value is a
:class:`~smarketing.errors.ConfigError` naming the file, the key and its
line, and the expected type or range. Decimal numbers are read exactly
(TOML floats become ``Decimal``, never ``float``). Paths are relative to
the config file. See ``examples/smarketing.toml`` for every key.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Mapping
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from smarketing._numbers import COUNT_LIMIT, MAX_PLACES, MONEY_LIMIT, magnitude_problem
from smarketing._time import EARLIEST_DAY, LATEST_DAY, day_problem
from smarketing.business_calendar import BusinessCalendar
from smarketing.errors import ConfigError, SmarketingError
from smarketing.funnel import HUBSPOT_STAGES, Funnel
from smarketing.objective import Objective
from smarketing.period import Period
from smarketing.plan import Plan
from smarketing.sla import (
    SLA,
    DepthClause,
    MarketingCommitment,
    PacingRule,
    SourceCommitment,
    SpeedClause,
)
from smarketing.source import LeadSource

__all__ = ["Config", "InputConfig", "load_config", "parse_config"]

_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_MISSING = object()
T = TypeVar("T")


@attrs.frozen
class InputConfig:
    """Where the records come from: an adapter, its sources and options."""

    adapter: str
    leads: Any
    deals: Any
    options: Mapping[str, Any]
    strict: bool
    zone: str
    pushdown: bool = False
    workers: int = 1


@attrs.frozen
class SLAConfig:
    """The ``[sla]`` table: the clauses, and the commitment when the plan does not give it."""

    stage: str | None
    leads: int | None
    lead_value: Decimal | None
    sources: tuple[SourceCommitment, ...]
    speed: SpeedClause | None
    depth: DepthClause | None
    pacing: PacingRule
    calendar: BusinessCalendar


@attrs.frozen
class Config:
    """A checked config file."""

    path: str | None
    objective: Objective | None
    funnel: Funnel | None
    sla: SLAConfig
    input: InputConfig | None
    spend: Mapping[str, Decimal]
    period: Period | None = None
    as_of: date | None = None

    def sla_for(self, period: Period) -> SLA:
        """The SLA to evaluate ``period`` with.

        Leads and lead value come from ``[sla]`` when given there; otherwise
        from the plan: the objective's own period, or the month of the
        objective's period that ``period`` is (its seasonal part).
        """
        sla = self.sla
        funnel = self.funnel or (self.objective.funnel if self.objective else None)
        if funnel is None:
            raise ConfigError(
                f"{self.path or 'the config'}: a report needs a [funnel] (or an [objective] "
                "with one), to know the stages",
                path=self.path,
                key="funnel",
            )
        base: SLA | None = None
        if sla.leads is None and sla.lead_value is None:
            base = self._planned(period, funnel)
        if base is None:
            marketing = MarketingCommitment(
                leads=sla.leads,
                lead_value=sla.lead_value,
                stage=sla.stage,
                sources=sla.sources,
            )
            base = SLA(funnel, marketing)
        return attrs.evolve(
            base,
            speed=sla.speed,
            depth=sla.depth,
            pacing=sla.pacing,
            calendar=sla.calendar,
            spend=tuple(self.spend.items()) or base.spend,
        )

    def _planned(self, period: Period, funnel: Funnel) -> SLA:
        objective = self.objective
        where = self.path or "the config"
        if objective is None:
            raise ConfigError(
                f"{where}: give the SLA's leads or lead_value in [sla], or an [objective] "
                "to plan them from",
                path=self.path,
                key="sla.leads",
            )
        if objective.funnel is None:
            objective = attrs.evolve(objective, funnel=funnel, close_rate=funnel.close_rate())
        plan = objective.plan()
        if objective.period is None or objective.period == period:
            return SLA.from_plan(plan, stage=self.sla.stage)
        for month in plan.by_month():
            if month.period == period:
                return _month_sla(plan, month.leads_needed, month.marketing_revenue_goal, self)
        raise ConfigError(
            f"{where}: the report's period {period} is neither the objective's period "
            f"{objective.period} nor one of its months: give [sla] leads for it",
            path=self.path,
            key="objective.period",
        )


def _month_sla(plan: Plan, leads: Decimal | int, value: Decimal, config: Config) -> SLA:
    """The SLA of one month of a seasonal plan: the plan's SLA with the month's goals."""
    whole = SLA.from_plan(plan, stage=config.sla.stage)
    funnel = whole.funnel
    stage = whole.commitment_stage
    scale = funnel.close_rate(funnel.names[0], stage)
    at_stage = leads if isinstance(leads, int) else None
    if stage != funnel.names[0] and isinstance(leads, int):
        at_stage = round(Decimal(leads) * scale)
    marketing = MarketingCommitment(leads=at_stage, lead_value=value, stage=stage)
    return attrs.evolve(whole, marketing=marketing)


# -- reading -------------------------------------------------------------------------------


class _Reader:
    """Reads one table, checking keys and types; remembers what it read.

    ``occurrence`` is which table of an array of tables (``[[sources]]``) it is.
    """

    def __init__(
        self, loader: _Loader, data: Mapping[str, Any], path: str, occurrence: int = 0
    ) -> None:
        self.loader = loader
        self.data = data
        self.path = path
        self.occurrence = occurrence
        self.read: set[str] = set()

    def error(self, key: str, message: str) -> ConfigError:
        dotted = f"{self.path}.{key}" if self.path else key
        return self.loader.error(dotted, message, self.occurrence)

    def get(self, key: str, kind: str, default: Any = _MISSING) -> Any:
        self.read.add(key)
        if key not in self.data:
            if default is _MISSING:
                raise self._missing(key, kind)
            return default
        value = self.data[key]
        try:
            return _CONVERT[kind](value)
        except (TypeError, ValueError, ArithmeticError, ZoneInfoNotFoundError) as error:
            # our own reasons only (a limit, a hint), not Python's wording
            said = isinstance(error, _Refused | SmarketingError)
            reason = str(error) if said else ""
            raise self.error(
                key,
                f"must be {_EXPECTED[kind]}, got {_shown(value)}"
                + (f": {reason}" if reason else ""),
            ) from None

    def _missing(self, key: str, kind: str) -> ConfigError:
        """A required key not given: a near spelling of it, or its absence, at its table."""
        required = f"{self.path}.{key}" if self.path else key
        others = [name for name in self.data if name not in self.read]
        near = difflib.get_close_matches(key, others, n=1, cutoff=0.75)
        if near:
            return self.error(
                near[0],
                f"is not a known key: did you mean {key}? ({required} is required: "
                f"{_EXPECTED[kind]})",
            )
        return self.error(key, f"is required ({_EXPECTED[kind]})")

    def table(self, key: str) -> _Reader | None:
        self.read.add(key)
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.error(key, "must be a table")
        return _Reader(self.loader, value, f"{self.path}.{key}" if self.path else key)

    def make(self, factory: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """``factory(*args, **kwargs)``; a value it refuses is an error at this table."""
        try:
            return factory(*args, **kwargs)
        except ConfigError:
            raise
        except SmarketingError as error:
            # keys of the right type and range that do not fit together
            raise self.loader.error(
                self.path, f"cannot be used: {error}", self.occurrence
            ) from None

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.read)
        if unknown:
            near = difflib.get_close_matches(unknown[0], sorted(self.read), n=1)
            raise self.error(
                unknown[0],
                "is not a known key"
                + (f": did you mean {near[0]}? The" if near else "; the")
                + f" keys of [{self.path or 'top level'}] are: "
                + ", ".join(sorted(self.read)),
            )


class _Loader:
    def __init__(self, text: str, path: str | None) -> None:
        self.text = text
        self.path = path
        self.base = Path(path).parent if path else Path.cwd()

    def error(self, key: str, message: str, occurrence: int = 0) -> ConfigError:
        line = _line_of(self.text, key, occurrence)
        where = self.path or "config"
        if line is not None:
            where += f", line {line}"
        return ConfigError(f"{where}: {key} {message}", path=self.path, key=key, line=line)


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")


def _line_of(text: str, key: str, occurrence: int = 0) -> int | None:
    """The line of ``key`` (dotted) in a TOML text, found by reading its table headers.

    A key not written is placed at its table's header (``occurrence`` picks
    the table of an array of tables); a table at its header or its inline key.
    """
    *tables, name = key.split(".")
    wanted = ".".join(tables)
    current, seen, header_line = "", -1, None
    pattern = re.compile(rf"^\s*\"?{re.escape(name)}\"?\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            current = header[2].replace('"', "").replace("'", "")
            if current == key and header[1] == "[":
                return number
            if current == wanted:
                seen += 1
                if seen == occurrence:
                    header_line = number
            continue
        if current != wanted or (tables and seen != occurrence):
            continue
        if pattern.match(line):
            return number
        inline = re.match(rf"^\s*{re.escape(tables[-1])}\s*=\s*\{{", line) if tables else None
        if inline and name in line:
            return number
    if header_line is not None:
        return header_line
    if len(tables) > 1:
        return _line_of(text, wanted, occurrence)
    if tables:
        inline_table = re.compile(rf"^\s*{re.escape(tables[0])}\s*=\s*\{{.*\b{re.escape(name)}\b")
        for number, line in enumerate(text.splitlines(), start=1):
            if inline_table.match(line):
                return number
    return None


class _Refused(ValueError):
    """A value refused for a reason said in the config's words."""


def _shown(value: Any) -> str:
    """A value as the config writes it: ``40``, ``'yesterday'``, ``a table``."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return str(value)
    return repr(value)


def _decimal(value: Any, limit: Decimal = MONEY_LIMIT) -> Decimal:
    if isinstance(value, bool):
        raise TypeError
    if isinstance(value, Decimal | int):
        number = Decimal(value)
    elif isinstance(value, str):
        number = Decimal(value.replace("_", "").strip())
    else:
        raise TypeError
    problem = magnitude_problem(number, limit=limit)
    if problem is not None:
        raise _Refused(problem)
    return number


def _amount(value: Any) -> Decimal:
    number = _decimal(value)
    if number <= 0:
        raise _Refused("a goal or a price of zero or less cannot be planned")
    return number


def _spend(value: Any) -> Decimal:
    number = _decimal(value)
    if number < 0:
        raise ValueError
    return number


def _rate(value: Any) -> Decimal:
    number = _decimal(value)
    if not 0 < number <= 1:
        raise ValueError
    return number


def _share(value: Any) -> Decimal:
    number = _decimal(value)
    if not 0 <= number <= 1:
        raise ValueError
    return number


def _integer(value: Any, limit: int = COUNT_LIMIT) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError
    problem = magnitude_problem(Decimal(value), limit=Decimal(limit))
    if problem is not None or value < 0:
        raise ValueError
    return value


def _months(value: Any) -> int:
    return _integer(value, MAX_SALES_CYCLE_MONTHS + 1)


def _window(value: Any, unit: str, most: int) -> timedelta:
    number = _decimal(value)
    if not 0 < number <= most:
        raise ValueError
    micro = (number * _MICROSECONDS[unit]).to_integral_value()
    return timedelta(microseconds=int(micro))


def _hours(value: Any) -> timedelta:
    return _window(value, "hours", MAX_WINDOW_HOURS)


def _days(value: Any) -> timedelta:
    return _window(value, "days", MAX_WINDOW_DAYS)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError
    return value


def _decimals(value: Any) -> tuple[Decimal, ...]:
    if not isinstance(value, list):
        raise TypeError
    return tuple(_decimal(item) for item in value)


def _rates(value: Any) -> tuple[Decimal, ...]:
    if not isinstance(value, list):
        raise TypeError
    return tuple(_rate(item) for item in value)


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise TypeError
    return tuple(_text(item) for item in value)


def _dates(value: Any) -> frozenset[date]:
    if not isinstance(value, list):
        raise TypeError
    return frozenset(_date(item) for item in value)


def _date(value: Any) -> date:
    day = value if isinstance(value, date) else date.fromisoformat(_text(value))
    if day_problem(day) is not None:
        raise TypeError
    return day


def _time(value: Any) -> time:
    if isinstance(value, time):
        return value
    return time.fromisoformat(_text(value))


def _period(value: Any) -> Period:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return Period.parse(_text(value))


def _weekdays(value: Any) -> frozenset[int]:
    days = _texts(value)
    try:
        return frozenset(_WEEKDAYS[day.lower()[:3]] for day in days)
    except KeyError:
        raise _Refused("weekdays are mon, tue, wed, thu, fri, sat, sun") from None


def _zone(value: Any) -> str:
    name = _text(value)
    ZoneInfo(name)
    return name


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError
    return dict(value)


#: The longest sales cycle a plan moves leads back by, in months (ten years).
MAX_SALES_CYCLE_MONTHS = 120
#: The longest speed window (a leap year, in hours) and depth window (in days).
MAX_WINDOW_HOURS = 8784
MAX_WINDOW_DAYS = 366
_MICROSECONDS = {"hours": 3_600_000_000, "days": 86_400_000_000}

_CONVERT: dict[str, Callable[[Any], Any]] = {
    "decimal": _decimal,
    "amount": _amount,
    "spend": _spend,
    "rate": _rate,
    "share": _share,
    "integer": _integer,
    "months": _months,
    "workers": _integer,
    "hours": _hours,
    "days": _days,
    "text": _text,
    "flag": _flag,
    "decimals": _decimals,
    "rates": _rates,
    "texts": _texts,
    "dates": _dates,
    "time": _time,
    "date": _date,
    "period": _period,
    "weekdays": _weekdays,
    "zone": _zone,
    "mapping": _mapping,
}
_LIMIT = f"below {MONEY_LIMIT:,f} (10**15), with at most {MAX_PLACES} decimal places"
_EXPECTED = {
    "decimal": f'a number {_LIMIT} (write 0.2 or "0.2"; it is read exactly)',
    "amount": f"an amount more than 0 and {_LIMIT}",
    "spend": f"an amount of 0 or more, {_LIMIT}",
    "rate": "a rate more than 0 and at most 1 (write 2% as 0.02)",
    "share": "a share between 0 and 1 (write 50% as 0.5)",
    "integer": f"a whole number from 0 to {COUNT_LIMIT - 1:,} (10**9 - 1)",
    "months": f"a whole number of months from 0 to {MAX_SALES_CYCLE_MONTHS}",
    "workers": "1 or more, or 0 for one process a core (a whole number below 10**9)",
    "hours": f"a number of hours longer than zero and at most {MAX_WINDOW_HOURS:,} (366 days)",
    "days": f"a number of days longer than zero and at most {MAX_WINDOW_DAYS}",
    "text": "text",
    "flag": "true or false",
    "decimals": f"a list of numbers {_LIMIT}",
    "rates": "a list of rates, each more than 0 and at most 1 (write 45% as 0.45)",
    "texts": "a list of texts",
    "dates": f"a list of dates from {EARLIEST_DAY} to {LATEST_DAY} (2026-12-25)",
    "time": 'a time of day ("09:00")',
    "date": f"a date from {EARLIEST_DAY} to {LATEST_DAY}, written 2026-11-20",
    "period": 'a period ("2026-11", "2026-Q4", "2026" or "2026-11-01/2026-11-15")',
    "weekdays": 'a list of weekdays ("mon" ... "sun")',
    "zone": 'a time zone name ("Europe/Paris")',
    "mapping": "a table",
}


def load_config(path: str | Path) -> Config:
    """Read and check the config file at ``path``."""
    location = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(
            f"{location}: cannot read the config file ({error.strerror or error})", path=location
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(f"{location}: the config file is not UTF-8 text", path=location) from None
    return parse_config(text, path=location)


def parse_config(text: str, *, path: str | None = None) -> Config:
    """Check a config file's text; ``path`` names it in errors and anchors relative paths."""
    loader = _Loader(text, path)
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except (tomllib.TOMLDecodeError, ValueError) as error:
        # ValueError: an integer of thousands of digits
        raise ConfigError(f"{path or 'config'}: not valid TOML ({error})", path=path) from None
    top = _Reader(loader, data, "")
    try:
        funnel = _funnel(top.table("funnel"))
        sources_table = top.data.get("sources", [])
        top.read.add("sources")
        sources, aliases, spend = _sources(loader, sources_table)
        objective = _objective(top.table("objective"), funnel, sources)
        sla = _sla(top.table("sla"), top.table("calendar"))
        source_input = _input(loader, top.table("input"), aliases)
        period, as_of = _report(top.table("report"))
        top.done()
    except ConfigError:
        raise
    except SmarketingError as error:
        # a value the domain refuses across tables
        raise ConfigError(f"{path or 'config'}: {error}", path=path) from None
    return Config(path, objective, funnel, sla, source_input, spend, period, as_of)


def _located(loader: _Loader, source: str | None) -> str | None:
    """A file path relative to the config file; a URL (``sqlite:///...``) as it is."""
    if source is None or "://" in source:
        return source
    return str(loader.base / source)


def _report(table: _Reader | None) -> tuple[Period | None, date | None]:
    if table is None:
        return None, None
    period = table.get("period", "period", None)
    as_of = table.get("as_of", "date", None)
    table.done()
    return period, as_of


def _funnel(table: _Reader | None) -> Funnel | None:
    if table is None:
        return None
    preset = table.get("preset", "text", None)
    stages = table.get("stages", "texts", None)
    rates = table.get("rates", "rates")
    visit = table.get("visit_to_lead", "rate", None)
    if preset is not None and preset != "hubspot":
        raise table.error("preset", 'must be "hubspot" (or leave it out and list the stages)')
    if stages is None:
        if preset is None:
            raise table.error("stages", 'is required unless preset = "hubspot"')
        stages = HUBSPOT_STAGES
    handoff = table.get("handoff", "text", "marketingqualifiedlead" if preset else _MISSING)
    table.done()
    if len(rates) != len(stages) - 1:
        raise table.error(
            "rates",
            f"must hold one rate per pair of stages: {len(stages) - 1} for {len(stages)} stages, "
            f"got {len(rates)}",
        )
    return table.make(
        Funnel.from_rates,
        dict(zip(stages[:-1], rates, strict=True)),
        customer=stages[-1],
        handoff=handoff,
        visit_to_lead=visit,
    )


def _sources(
    loader: _Loader, tables: Any
) -> tuple[tuple[LeadSource, ...], dict[str, str], dict[str, Decimal]]:
    if not isinstance(tables, list):
        raise loader.error("sources", "must be an array of tables ([[sources]])")
    sources, aliases, spend = [], {}, {}
    for occurrence, data in enumerate(tables):
        if not isinstance(data, dict):
            raise loader.error("sources", "must be an array of tables ([[sources]])")
        table = _Reader(loader, data, "sources", occurrence)
        name = table.get("name", "text")
        source = table.make(
            LeadSource,
            name,
            close_rate=table.get("close_rate", "rate"),
            average_sale=table.get("average_sale", "amount", None),
            spend=table.get("spend", "spend", None),
            share=table.get("share", "share", None),
        )
        for alias in table.get("aliases", "texts", ()):
            aliases[alias] = name
        if source.spend is not None:
            spend[name] = source.spend
        table.done()
        sources.append(source)
    return tuple(sources), aliases, spend


def _objective(
    table: _Reader | None, funnel: Funnel | None, sources: tuple[LeadSource, ...]
) -> Objective | None:
    if table is None:
        return None
    close_rate = table.get("close_rate", "rate", None)
    if close_rate is None:
        if funnel is None:
            raise table.error("close_rate", "is required without a [funnel] to take it from")
        close_rate = funnel.close_rate()
    objective = table.make(
        Objective,
        revenue_goal=table.get("revenue_goal", "amount"),
        marketing_share=table.get("marketing_share", "share"),
        average_sale=table.get("average_sale", "amount"),
        close_rate=close_rate,
        currency=table.get("currency", "text", "USD"),
        period=table.get("period", "period", None),
        funnel=funnel,
        sources=sources,
        rounding=table.get("rounding", "text", "ceil"),
        seasonality=table.get("seasonality", "decimals", None),
        sales_cycle_months=table.get("sales_cycle_months", "months", 0),
    )
    table.done()
    return objective


def _sla(table: _Reader | None, calendar_table: _Reader | None) -> SLAConfig:
    calendar = BusinessCalendar()
    if calendar_table is not None:
        calendar = calendar_table.make(
            BusinessCalendar,
            workdays=calendar_table.get("workdays", "weekdays", frozenset(range(5))),
            holidays=calendar_table.get("holidays", "dates", frozenset()),
            opens=calendar_table.get("opens", "time", time(9)),
            closes=calendar_table.get("closes", "time", time(17)),
        )
        calendar_table.done()
    if table is None:
        return SLAConfig(None, None, None, (), None, None, PacingRule(), calendar)
    speed = depth = None
    speed_table = table.table("speed")
    if speed_table is not None:
        speed = speed_table.make(
            SpeedClause,
            speed_table.get("within_hours", "hours"),
            share=speed_table.get("share", "share", Decimal(1)),
            business_hours=speed_table.get("business_hours", "flag", False),
        )
        speed_table.done()
    depth_table = table.table("depth")
    if depth_table is not None:
        depth = depth_table.make(
            DepthClause,
            depth_table.get("touches", "integer"),
            depth_table.get("within_days", "days"),
            share=depth_table.get("share", "share", Decimal(1)),
        )
        depth_table.done()
    pacing = PacingRule()
    pacing_table = table.table("pacing")
    if pacing_table is not None:
        pacing = pacing_table.make(
            PacingRule,
            behind_below=pacing_table.get("behind_below", "decimal", Decimal("0.9")),
            ahead_above=pacing_table.get("ahead_above", "decimal", Decimal("1.2")),
            business_days=pacing_table.get("business_days", "flag", False),
        )
        pacing_table.done()
    commitments = []
    per_source = table.table("sources")
    if per_source is not None:
        for name in list(per_source.data):
            goal = per_source.table(name)
            assert goal is not None
            commitments.append(
                goal.make(
                    SourceCommitment,
                    name,
                    leads=goal.get("leads", "integer", None),
                    lead_value=goal.get("lead_value", "spend", None),
                )
            )
            goal.done()
    result = SLAConfig(
        stage=table.get("stage", "text", None),
        leads=table.get("leads", "integer", None),
        lead_value=table.get("lead_value", "spend", None),
        sources=tuple(commitments),
        speed=speed,
        depth=depth,
        pacing=pacing,
        calendar=calendar,
    )
    table.done()
    return result


def _input(loader: _Loader, table: _Reader | None, aliases: dict[str, str]) -> InputConfig | None:
    if table is None:
        return None
    adapter = table.get("adapter", "text")
    leads = table.get("leads", "text", None)
    deals = table.get("deals", "text", None)
    options = dict(table.get("options", "mapping", {}))
    _check_options(table, adapter, options)
    if aliases:
        options["source_aliases"] = {**aliases, **options.get("source_aliases", {})}
    result = InputConfig(
        adapter=adapter,
        leads=_located(loader, leads),
        deals=_located(loader, deals),
        options=options,
        strict=table.get("strict", "flag", False),
        pushdown=table.get("pushdown", "flag", False),
        workers=table.get("workers", "workers", 1),
        zone=table.get("zone", "zone", "UTC"),
    )
    table.done()
    return result


def _check_options(table: _Reader, adapter_name: str, options: Mapping[str, Any]) -> None:
    """Hold ``[input.options]`` to the adapter's options, when that adapter is installed.

    An adapter not installed here is left to the reading, which names the
    installed ones: a config can still plan without it.
    """
    from smarketing.errors import UnknownAdapter
    from smarketing.plugins import get_adapter
    from smarketing.reading import option_problem

    try:
        adapter = get_adapter(adapter_name)
    except UnknownAdapter:
        return
    known = {option.name: option for option in adapter.options}
    for name, value in options.items():
        key = f"options.{name}"
        option = known.get(name)
        if option is None:
            near = difflib.get_close_matches(name, known, n=1)
            raise table.error(
                key,
                f"is not an option of the {adapter.name} adapter"
                + (f": did you mean {near[0]}? Its" if near else "; its")
                + f" options are: {', '.join(sorted(known)) or 'none'}",
            )
        problem = option_problem(option, value)
        if problem is not None:
            raise table.error(key, problem)
