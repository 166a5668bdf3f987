"""The SLA config file: one TOML file for objective, funnel, sources, SLA and input.

Read with :func:`load_config`. Every table and key is checked: an unknown
key (with the closest known one), a wrong type, a value out of range or
past a limit is a :class:`~smarketing.errors.ConfigError` naming the file,
the line and the key, in the config's own terms (the kinds of values are
in :mod:`smarketing._config_reading`). Decimal numbers are read exactly
(TOML floats become ``Decimal``, never ``float``). Paths are relative to
the config file. See ``examples/smarketing.toml`` for every key.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from smarketing._config_reading import MISSING, Loader, Reader
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
    loader = Loader(text, path)
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except (tomllib.TOMLDecodeError, ValueError) as error:
        # ValueError: an integer of thousands of digits
        raise ConfigError(f"{path or 'config'}: not valid TOML ({error})", path=path) from None
    top = Reader(loader, data, "")
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


def _located(loader: Loader, source: str | None) -> str | None:
    """A file path relative to the config file; a URL (``sqlite:///...``) as it is."""
    if source is None or "://" in source:
        return source
    return str(loader.base / source)


def _report(table: Reader | None) -> tuple[Period | None, date | None]:
    if table is None:
        return None, None
    period = table.get("period", "period", None)
    as_of = table.get("as_of", "date", None)
    table.done()
    return period, as_of


def _funnel(table: Reader | None) -> Funnel | None:
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
    handoff = table.get("handoff", "text", "marketingqualifiedlead" if preset else MISSING)
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
    loader: Loader, tables: Any
) -> tuple[tuple[LeadSource, ...], dict[str, str], dict[str, Decimal]]:
    if not isinstance(tables, list):
        raise loader.error("sources", "must be an array of tables ([[sources]])")
    sources, aliases, spend = [], {}, {}
    for occurrence, data in enumerate(tables):
        if not isinstance(data, dict):
            raise loader.error("sources", "must be an array of tables ([[sources]])")
        table = Reader(loader, data, "sources", occurrence)
        name = table.get("name", "text")
        for alias in table.get("aliases", "texts", ()):
            aliases[alias] = name
        source = table.make(
            LeadSource,
            name,
            close_rate=table.get("close_rate", "rate"),
            average_sale=table.get("average_sale", "amount", None),
            spend=table.get("spend", "spend", None),
            share=table.get("share", "share", None),
        )
        if source.spend is not None:
            spend[name] = source.spend
        sources.append(source)
    return tuple(sources), aliases, spend


def _objective(
    table: Reader | None, funnel: Funnel | None, sources: tuple[LeadSource, ...]
) -> Objective | None:
    if table is None:
        return None
    close_rate = table.get("close_rate", "rate", None)
    if close_rate is None:
        if funnel is None:
            raise table.error("close_rate", "is required without a [funnel] to take it from")
        close_rate = funnel.close_rate()
    return table.make(
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


def _sla(table: Reader | None, calendar_table: Reader | None) -> SLAConfig:
    calendar = BusinessCalendar()
    if calendar_table is not None:
        calendar = calendar_table.make(
            BusinessCalendar,
            workdays=calendar_table.get("workdays", "weekdays", frozenset(range(5))),
            holidays=calendar_table.get("holidays", "dates", frozenset()),
            opens=calendar_table.get("opens", "time", time(9)),
            closes=calendar_table.get("closes", "time", time(17)),
        )
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
    depth_table = table.table("depth")
    if depth_table is not None:
        depth = depth_table.make(
            DepthClause,
            depth_table.get("touches", "integer"),
            depth_table.get("within_days", "days"),
            share=depth_table.get("share", "share", Decimal(1)),
        )
    pacing = PacingRule()
    pacing_table = table.table("pacing")
    if pacing_table is not None:
        pacing = pacing_table.make(
            PacingRule,
            behind_below=pacing_table.get("behind_below", "rate", Decimal("0.9")),
            ahead_above=pacing_table.get("ahead_above", "factor", Decimal("1.2")),
            business_days=pacing_table.get("business_days", "flag", False),
        )
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


def _input(loader: Loader, table: Reader | None, aliases: dict[str, str]) -> InputConfig | None:
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


def _check_options(table: Reader, adapter_name: str, options: Mapping[str, Any]) -> None:
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
