"""The SLA config file: one TOML file for objective, funnel, sources, SLA and input.

Read with :func:`load_config`. Every table and key is checked: an unknown
key (with the closest known one), a wrong type, a value out of range or
past a limit is a :class:`~smarketing.errors.ConfigError` naming the file,
the line and the key, in the config's own terms. Decimal numbers are read
exactly (TOML floats become ``Decimal``, never ``float``). Paths are
relative to the config file. See ``examples/smarketing.toml`` for every key.

The package reads by idea: :mod:`~smarketing.config.reading` (a table's
keys checked, where a key is), :mod:`~smarketing.config.values` (the kinds of
values and their limits), :mod:`~smarketing.config.sections` (the plan's and
the SLA's tables), :mod:`~smarketing.config.input` (``[input]``,
``[input.spend]``); this module puts them together into a :class:`Config`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs

from smarketing.config.input import InputConfig, SpendInput, read_input
from smarketing.config.reading import Loader, Reader, month_spend_in_objective
from smarketing.config.sections import (
    SLAConfig,
    read_funnel,
    read_objective,
    read_report,
    read_sla,
    read_sources,
)
from smarketing.errors import ConfigError, InvalidPeriod, SmarketingError
from smarketing.measuring.sla import SLA, MarketingCommitment
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

__all__ = ["Config", "InputConfig", "SLAConfig", "SpendInput", "load_config", "parse_config"]


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
        funnel = read_funnel(top.table("funnel"))
        sources_table = top.data.get("sources", [])
        top.read.add("sources")
        sources, aliases, spend, by_month = read_sources(loader, sources_table)
        objective_table = top.table("objective")
        split: SpendSplit = (
            "days"
            if objective_table is None
            else objective_table.get("spend_split", "spend split", "days")
        )
        objective = read_objective(objective_table, funnel, sources)
        objective = month_spend_in_objective(loader, objective, by_month)
        sla = read_sla(top.table("sla"), top.table("calendar"))
        source_input = read_input(loader, top.table("input"), aliases)
        period, as_of, period_text = read_report(top.table("report"))
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
