"""The SLA config file: one TOML file for objective, funnel, sources, SLA and input.

Read with :func:`load_config`. Every table and key is checked: an unknown
key (with the closest known one), a wrong type, a value out of range or
past a limit is a :class:`~smarketing.errors.ConfigError` naming the file,
the line and the key, in the config's own terms (the kinds of values are
in :mod:`smarketing.config.reading`). Decimal numbers are read exactly
(TOML floats become ``Decimal``, never ``float``). Paths are relative to
the config file. See ``examples/smarketing.toml`` for every key.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping, Sequence
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from smarketing.config.reading import MISSING, Loader, Reader, month_spend_in_objective
from smarketing.contract import option_problem
from smarketing.errors import ConfigError, InvalidPeriod, SmarketingError, UnknownAdapter
from smarketing.measuring.sla import (
    SLA,
    DepthClause,
    MarketingCommitment,
    PacingRule,
    SourceCommitment,
    SpeedClause,
)
from smarketing.planning.business_calendar import BusinessCalendar
from smarketing.planning.funnel import HUBSPOT_STAGES, Funnel
from smarketing.planning.goals import (
    SpendFigure,
    SpendSplit,
    objective_spend,
    period_goals,
    spend_in,
)
from smarketing.planning.goals import merge_spend as _merge
from smarketing.planning.objective import Objective
from smarketing.planning.period import Period
from smarketing.planning.plan import Plan
from smarketing.planning.source import LeadSource

__all__ = ["Config", "InputConfig", "load_config", "parse_config"]


@attrs.frozen
class SpendInput:
    """``[input.spend]``: where the spend comes from, as data (a file, a table ...).

    ``adapter`` reads it (the ``csv`` adapter by default) with ``options``
    (``spend_mapping``, ``spend_currency``, ``day_first`` ...).
    """

    source: Any
    adapter: str
    options: Mapping[str, Any]


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
    spend: SpendInput | None = None


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
    """A checked config file.

    ``spend`` is each source's spend for the objective's period (split over
    a report period by ``spend_split``: ``"days"`` or ``"seasonality"``);
    ``spend_by_month`` each source's spend per month, when given as a month
    table. ``period`` is ``[report] period`` (a relative one resolved
    against ``[report] as_of``, when given), ``period_text`` what it says.
    """

    path: str | None
    objective: Objective | None
    funnel: Funnel | None
    sla: SLAConfig
    input: InputConfig | None
    spend: Mapping[str, Decimal]
    period: Period | None = None
    as_of: date | None = None
    spend_by_month: Mapping[str, tuple[tuple[Period, Decimal], ...]] = attrs.field(factory=dict)
    spend_split: SpendSplit = "days"
    period_text: str | None = None

    def report_period(self, text: str | None = None, as_of: date | None = None) -> Period | None:
        """The report's period: ``text`` (the command's ``--period``) or ``[report] period``.

        A relative period (``current-month``, ``year-to-date`` ...) resolves
        against ``as_of`` (the command's ``--as-of``), else ``[report]
        as_of``; without either it is an :class:`~smarketing.errors.InvalidPeriod`
        naming what is missing. ``None`` when no period is given anywhere.
        """
        day = as_of if as_of is not None else self.as_of
        if text is not None:
            return Period.resolve(text, day)
        if self.period_text is None:
            return self.period
        try:
            return Period.resolve(self.period_text, day)
        except InvalidPeriod as error:
            raise ConfigError(
                f"{self.path or 'the config'}: report.period: {error}",
                path=self.path,
                key="report.period",
            ) from None

    def sla_for(self, period: Period, *, spend: Sequence[SpendFigure] = ()) -> SLA:
        """The SLA to evaluate ``period`` with.

        Leads and lead value come from ``[sla]`` when given there; otherwise
        from the plan: the goals of the leads due in ``period`` (any month,
        quarter, year-to-date or dates the plan's months cover, pro rata),
        per source too (:func:`~smarketing.planning.goals.period_goals`). Spend is
        each source's part in ``period`` of its spend for the objective's
        period or of its month table; a figure in ``spend`` (a spend file's,
        say) replaces the config's for its source.
        """
        sla = self.sla
        funnel = self.funnel or (self.objective.funnel if self.objective else None)
        if funnel is None:  # measuring only: HubSpot's lifecycle stages, handed off at MQL
            funnel = Funnel.of_stages(HUBSPOT_STAGES, handoff="marketingqualifiedlead")
        given = _merge(spend_in(period, self.spend_by_month, "month table"), spend)
        explicit = sla.leads is not None or sla.lead_value is not None
        plan = self._plan(funnel)
        if plan is None or explicit:
            base = self._explicit(funnel, plan)
            objective = plan.objective if plan is not None else None
            if objective is not None and objective.period is not None:
                planned = objective_spend(objective, period, self.spend_split)
            else:
                origin = "[[sources]] spend (no objective period to split it over)"
                planned = tuple(
                    SpendFigure(name, amount, origin) for name, amount in self.spend.items()
                )
            figures = _merge(planned, given)
        elif plan.objective.period is None:
            base = SLA.from_plan(plan, stage=sla.stage)
            origin = "objective's period"
            planned = tuple(
                SpendFigure(name, amount, origin) for name, amount in self.spend.items()
            )
            figures = _merge(planned, given)
        else:
            try:
                goals = period_goals(
                    plan, period, stage=sla.stage, spend_split=self.spend_split, spend=given
                )
            except InvalidPeriod as error:
                raise ConfigError(
                    f"{self.path or 'the config'}: objective.period: {error}",
                    path=self.path,
                    key="objective.period",
                ) from None
            base = SLA.from_goals(plan, goals)
            figures = goals.spend
        return attrs.evolve(
            base,
            speed=sla.speed,
            depth=sla.depth,
            pacing=sla.pacing,
            calendar=sla.calendar,
            spend={figure.source: figure.amount for figure in figures},
            spend_origins={figure.source: figure.origin for figure in figures},
        )

    def _plan(self, funnel: Funnel) -> Plan | None:
        objective = self.objective
        if objective is None:
            return None
        if objective.funnel is None:
            objective = attrs.evolve(objective, funnel=funnel, close_rate=funnel.close_rate())
        return objective.plan()

    def _explicit(self, funnel: Funnel, plan: Plan | None) -> SLA:
        """The SLA of ``[sla]``'s own goals, valuing leads by the plan when there is one."""
        sla = self.sla
        marketing = MarketingCommitment(
            leads=sla.leads, lead_value=sla.lead_value, stage=sla.stage, sources=sla.sources
        )
        if plan is None:
            return SLA(funnel, marketing)
        return attrs.evolve(SLA.from_plan(plan, stage=sla.stage), marketing=marketing)


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
        sources, aliases, spend, by_month = _sources(loader, sources_table)
        objective_table = top.table("objective")
        split: SpendSplit = (
            "days"
            if objective_table is None
            else objective_table.get("spend_split", "spend split", "days")
        )
        objective = _objective(objective_table, funnel, sources)
        objective = month_spend_in_objective(loader, objective, by_month)
        sla = _sla(top.table("sla"), top.table("calendar"))
        source_input = _input(loader, top.table("input"), aliases)
        period, as_of, period_text = _report(top.table("report"))
        top.done()
    except ConfigError:
        raise
    except SmarketingError as error:
        # a value the domain refuses across tables
        raise ConfigError(f"{path or 'config'}: {error}", path=path) from None
    return Config(
        path,
        objective,
        funnel,
        sla,
        source_input,
        spend,
        period,
        as_of,
        spend_by_month={name: pieces for name, (_, pieces) in by_month.items()},
        spend_split=split,
        period_text=period_text,
    )


def _located(loader: Loader, source: str | None) -> str | None:
    """A file path relative to the config file; a URL (``sqlite:///...``) as it is."""
    if source is None or "://" in source:
        return source
    return str(loader.base / source)


def _report(table: Reader | None) -> tuple[Period | None, date | None, str | None]:
    """``[report]``: its period (a relative one resolved against its as_of, when given)."""
    if table is None:
        return None, None, None
    period = table.get("period", "report period", None)
    as_of = table.get("as_of", "date", None)
    table.done()
    if not isinstance(period, str):
        return period, as_of, None
    if as_of is None:
        return None, None, period
    try:
        return Period.resolve(period, as_of), as_of, period
    except SmarketingError as error:
        raise table.error("period", f"cannot be resolved: {error}") from None


def _funnel(table: Reader | None) -> Funnel | None:
    if table is None:
        return None
    preset = table.get("preset", "text", None)
    stages = table.get("stages", "texts", None)
    rates = table.get("rates", "rates", None)
    visit = table.get("visit_to_lead", "rate", None)
    if preset is not None and preset != "hubspot":
        raise table.error("preset", 'must be "hubspot" (or leave it out and list the stages)')
    if stages is None:
        if preset is None:
            raise table.error("stages", 'is required unless preset = "hubspot"')
        stages = HUBSPOT_STAGES
    handoff = table.get("handoff", "text", "marketingqualifiedlead" if preset else MISSING)
    table.done()
    if rates is None:  # stages to measure with; planning needs the rates
        return table.make(Funnel.of_stages, stages, handoff=handoff)
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
) -> tuple[
    tuple[LeadSource, ...],
    dict[str, str],
    dict[str, Decimal],
    dict[str, tuple[int, tuple[tuple[Period, Decimal], ...]]],
]:
    if not isinstance(tables, list):
        raise loader.error("sources", "must be an array of tables ([[sources]])")
    sources, aliases, spend, by_month = [], {}, {}, {}
    for occurrence, data in enumerate(tables):
        if not isinstance(data, dict):
            raise loader.error("sources", "must be an array of tables ([[sources]])")
        table = Reader(loader, data, "sources", occurrence)
        name = table.get("name", "text")
        for alias in table.get("aliases", "texts", ()):
            aliases[alias] = name
        months = table.get("spend_by_month", "month spend", None)
        if months is not None and "spend" in table.data:
            raise table.error(
                "spend_by_month",
                "and spend are both given: give the spend for the objective's period (spend) "
                "or per month (spend_by_month), not both",
            )
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
        if months is not None:
            by_month[name] = (occurrence, months)
        sources.append(source)
    return tuple(sources), aliases, spend, by_month


def _objective(
    table: Reader | None, funnel: Funnel | None, sources: tuple[LeadSource, ...]
) -> Objective | None:
    if table is None:
        return None
    required = ["revenue_goal", "marketing_share", "average_sale"]
    table.require(*required, *([] if funnel is not None else ["close_rate"]))
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
        spend=_spend_input(loader, table.table("spend"), aliases),
    )
    table.done()
    return result


def _spend_input(
    loader: Loader, table: Reader | None, aliases: dict[str, str]
) -> SpendInput | None:
    """``[input.spend]``: ``file`` (or a database URL), ``adapter`` and ``options``."""
    if table is None:
        return None
    adapter = table.get("adapter", "text", "csv")
    source = table.get("file", "text")
    options = dict(table.get("options", "mapping", {}))
    _check_options(table, adapter, options)
    if aliases:
        options["source_aliases"] = {**aliases, **options.get("source_aliases", {})}
    table.done()
    return SpendInput(source=_located(loader, source), adapter=adapter, options=options)


def _check_options(table: Reader, adapter_name: str, options: Mapping[str, Any]) -> None:
    """Hold ``[input.options]`` to the adapter's options, when that adapter is installed.

    An adapter not installed here is left to the reading, which names the
    installed ones: a config can still plan without it.
    """
    from smarketing.pipeline.plugins import get_adapter  # imported on use: pluggy, plugins

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
