"""The SLA config file: one TOML file for objective, funnel, sources, SLA and input.

Read with :func:`load_config`. Every table and key is checked: an unknown
key, a wrong type or an impossible value is a
:class:`~smarketing.errors.ConfigError` naming the file, the key and its
line, and the expected type or range. Decimal numbers are read exactly
(TOML floats become ``Decimal``, never ``float``). Paths are relative to
the config file. See ``examples/smarketing.toml`` for every key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from datetime import date, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

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
    """Reads one table, checking keys and types; remembers what it read."""

    def __init__(self, loader: _Loader, data: Mapping[str, Any], path: str) -> None:
        self.loader = loader
        self.data = data
        self.path = path
        self.read: set[str] = set()

    def error(self, key: str, message: str) -> ConfigError:
        return self.loader.error(f"{self.path}.{key}" if self.path else key, message)

    def get(self, key: str, kind: str, default: Any = _MISSING) -> Any:
        self.read.add(key)
        if key not in self.data:
            if default is _MISSING:
                raise self.error(key, f"is required ({_EXPECTED[kind]})")
            return default
        value = self.data[key]
        try:
            return _CONVERT[kind](value)
        except (TypeError, ValueError, InvalidOperation, ZoneInfoNotFoundError) as error:
            reason = str(error) if isinstance(error, ValueError) and str(error) else ""
            shown = f"{value!r}" if not isinstance(value, dict) else "a table"
            raise self.error(
                key, f"must be {_EXPECTED[kind]}, got {shown}" + (f" ({reason})" if reason else "")
            ) from None

    def table(self, key: str) -> _Reader | None:
        self.read.add(key)
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.error(key, "must be a table")
        return _Reader(self.loader, value, f"{self.path}.{key}" if self.path else key)

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.read)
        if unknown:
            raise self.error(
                unknown[0],
                f"is not a known key; the keys of [{self.path or 'top level'}] are: "
                + ", ".join(sorted(self.read)),
            )


class _Loader:
    def __init__(self, text: str, path: str | None) -> None:
        self.text = text
        self.path = path
        self.base = Path(path).parent if path else Path.cwd()

    def error(self, key: str, message: str) -> ConfigError:
        line = _line_of(self.text, key)
        where = self.path or "config"
        if line is not None:
            where += f", line {line}"
        return ConfigError(f"{where}: {key} {message}", path=self.path, key=key, line=line)


def _line_of(text: str, key: str) -> int | None:
    """The line of ``key`` (dotted) in a TOML text, found by reading its table headers."""
    *tables, name = key.split(".")
    wanted = ".".join(tables)
    current = ""
    pattern = re.compile(rf"^\s*\"?{re.escape(name)}\"?\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?", line)
        if header:
            current = header[1]
            continue
        if pattern.match(line) and (current == wanted or (not wanted and not current)):
            return number
        inline = re.match(rf"^\s*{re.escape(tables[-1])}\s*=\s*\{{", line) if tables else None
        if inline and name in line:
            return number
    return None


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise TypeError
    if isinstance(value, Decimal | int):
        return Decimal(value)
    if isinstance(value, str):
        return Decimal(value.replace("_", "").strip())
    raise TypeError


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError
    return value


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


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise TypeError
    return tuple(_text(item) for item in value)


def _dates(value: Any) -> frozenset[date]:
    if not isinstance(value, list):
        raise TypeError
    return frozenset(item if isinstance(item, date) else date.fromisoformat(item) for item in value)


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    return date.fromisoformat(_text(value))


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
        raise ValueError("weekdays are mon, tue, wed, thu, fri, sat, sun") from None


def _zone(value: Any) -> str:
    name = _text(value)
    ZoneInfo(name)
    return name


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError
    return dict(value)


_CONVERT: dict[str, Callable[[Any], Any]] = {
    "decimal": _decimal,
    "integer": _integer,
    "text": _text,
    "flag": _flag,
    "decimals": _decimals,
    "texts": _texts,
    "dates": _dates,
    "time": _time,
    "date": _date,
    "period": _period,
    "weekdays": _weekdays,
    "zone": _zone,
    "mapping": _mapping,
}
_EXPECTED = {
    "decimal": 'a number (write 0.2 or "0.2"; it is read exactly)',
    "integer": "a whole number",
    "text": "text",
    "flag": "true or false",
    "decimals": "a list of numbers",
    "texts": "a list of texts",
    "dates": "a list of dates (2026-12-25)",
    "time": 'a time of day ("09:00")',
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
    except tomllib.TOMLDecodeError as error:
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
        # a value of the right type that the domain refuses (a rate above 1 ...)
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
    rates = table.get("rates", "decimals")
    visit = table.get("visit_to_lead", "decimal", None)
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
    return Funnel.from_rates(
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
    for data in tables:
        if not isinstance(data, dict):
            raise loader.error("sources", "must be an array of tables ([[sources]])")
        table = _Reader(loader, data, "sources")
        name = table.get("name", "text")
        source = LeadSource(
            name,
            close_rate=table.get("close_rate", "decimal"),
            average_sale=table.get("average_sale", "decimal", None),
            spend=table.get("spend", "decimal", None),
            share=table.get("share", "decimal", None),
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
    close_rate = table.get("close_rate", "decimal", None)
    if close_rate is None:
        if funnel is None:
            raise table.error("close_rate", "is required without a [funnel] to take it from")
        close_rate = funnel.close_rate()
    objective = Objective(
        revenue_goal=table.get("revenue_goal", "decimal"),
        marketing_share=table.get("marketing_share", "decimal"),
        average_sale=table.get("average_sale", "decimal"),
        close_rate=close_rate,
        currency=table.get("currency", "text", "USD"),
        period=table.get("period", "period", None),
        funnel=funnel,
        sources=sources,
        rounding=table.get("rounding", "text", "ceil"),
        seasonality=table.get("seasonality", "decimals", None),
        sales_cycle_months=table.get("sales_cycle_months", "integer", 0),
    )
    table.done()
    return objective


def _sla(table: _Reader | None, calendar_table: _Reader | None) -> SLAConfig:
    calendar = BusinessCalendar()
    if calendar_table is not None:
        calendar = BusinessCalendar(
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
        speed = SpeedClause(
            timedelta(hours=float(speed_table.get("within_hours", "decimal"))),
            share=speed_table.get("share", "decimal", Decimal(1)),
            business_hours=speed_table.get("business_hours", "flag", False),
        )
        speed_table.done()
    depth_table = table.table("depth")
    if depth_table is not None:
        depth = DepthClause(
            depth_table.get("touches", "integer"),
            timedelta(days=float(depth_table.get("within_days", "decimal"))),
            share=depth_table.get("share", "decimal", Decimal(1)),
        )
        depth_table.done()
    pacing = PacingRule()
    pacing_table = table.table("pacing")
    if pacing_table is not None:
        pacing = PacingRule(
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
                SourceCommitment(
                    name,
                    leads=goal.get("leads", "integer", None),
                    lead_value=goal.get("lead_value", "decimal", None),
                )
            )
            goal.done()
    result = SLAConfig(
        stage=table.get("stage", "text", None),
        leads=table.get("leads", "integer", None),
        lead_value=table.get("lead_value", "decimal", None),
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
    if aliases:
        options["source_aliases"] = {**aliases, **options.get("source_aliases", {})}
    result = InputConfig(
        adapter=adapter,
        leads=_located(loader, leads),
        deals=_located(loader, deals),
        options=options,
        strict=table.get("strict", "flag", False),
        pushdown=table.get("pushdown", "flag", False),
        workers=table.get("workers", "integer", 1),
        zone=table.get("zone", "zone", "UTC"),
    )
    if result.workers < 0:
        raise table.error("workers", "must be 1 or more, or 0 for one process a core")
    table.done()
    return result
