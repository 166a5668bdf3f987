"""One call from a config to a report, or to a plan: :func:`report` and :func:`plan`.

They do what the ``smarketing report`` and ``smarketing plan`` commands do
(the command is a thin layer over them, so the two cannot drift): read the
config, resolve the period against the as-of date, read the spend, take the
SLA for the period, collect the actuals the way the config asks
(:func:`smarketing.collect`), evaluate them with the trend and its goals, and
build the report document. The result renders as the command prints
(:meth:`ReportResult.render`) and gives the JSON document as Python values
(:meth:`ReportResult.to_dict`).

Errors are the project's (:class:`~smarketing.ConfigError`,
:class:`~smarketing.InputError` ...), with the file, line and key where known.
``as_of="today"`` is the only clock read, here as in the command; the
measuring core never reads one.

>>> from importlib.resources import files
>>> result = report(files("smarketing.demo") / "smarketing.toml")
>>> result.to_dict()["period"], result.how
('2026-11', 'one-pass')
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from smarketing._time import day_problem
from smarketing.config import Config, load_config
from smarketing.errors import ConfigError, InvalidValue, UnreadableInput, WrongType
from smarketing.measuring.actuals import ActualsSpec
from smarketing.measuring.evaluation import evaluate
from smarketing.measuring.sla import SLA
from smarketing.measuring.spend import SpendActuals
from smarketing.pipeline.collecting import collect
from smarketing.pipeline.progress import Progress
from smarketing.pipeline.reading import Reading, read
from smarketing.planning.goals import SpendFigure
from smarketing.planning.objective import Objective
from smarketing.planning.period import Period
from smarketing.reporting.document import (
    plan_document,
    report_document,
)
from smarketing.results import Inputs, PlanResult, ReportResult

__all__ = ["Inputs", "PlanResult", "ReportResult", "plan", "reading_of", "report"]

#: Adapters that read files: a missing file is named before anything is read.
FILE_ADAPTERS = ("csv", "hubspot")
#: The trend's periods when not given: the command's ``--trend`` default.
TREND = 6


def report(
    config: str | Path | Config,
    *,
    period: str | Period | None = None,
    as_of: date | str | None = None,
    trend: int | None = None,
    workers: int | None = None,
    strict: bool = False,
    inputs: Inputs | None = None,
    progress: Progress | None = None,
) -> ReportResult:
    """The SLA report of ``config`` (a TOML file, or a loaded :class:`~smarketing.config.Config`).

    ``period`` (``2026-11``, ``2026-Q4``, ``current-month`` ... or a
    :class:`~smarketing.Period`) and ``as_of`` (a date, ``YYYY-MM-DD`` or
    ``"today"``) default to the config's ``[report]``. ``trend`` periods
    before it are shown (6 by default; 0: none). ``workers`` processes read
    a large csv/hubspot file (``0``: one a core; by default ``[input]
    workers``); ``strict`` stops at the first bad row; ``inputs`` read other
    sources than ``[input]``'s. ``[input] pushdown = true`` counts the sql
    adapter's tables in the database. ``progress`` shows rows read and the
    phases on a terminal (the command's standard error).
    """
    config = config if isinstance(config, Config) else load_config(config)
    reading, zone, files = reading_of(config, inputs, strict=strict)
    day = _as_of(as_of, config)
    chosen = period if isinstance(period, Period) else config.report_period(period, day)
    if chosen is None:
        where = config.path or "the config"
        raise ConfigError(
            f"{where}: no period to report: give one (period= in Python, --period on the command "
            "line: 2026-11, 2026-Q4, current-month, year-to-date ...) or [report] period in "
            "the config",
            path=config.path,
            key="report.period",
        )
    spend = _spend_read(config, reading, files)
    sla = config.sla_for(chosen, spend=_spend_figures(spend, config, chosen))
    source = config.input
    if workers is None:
        workers = source.workers if source is not None else 1
    spec = ActualsSpec.of(sla, as_of=day, zone=ZoneInfo(zone), breaches_in=chosen)
    collected = collect(
        reading,
        spec,
        workers=None if workers == 0 else workers,
        pushdown=source is not None and source.pushdown,
        progress=progress,
    )
    if progress is not None:
        progress.phase("evaluating")
    sla_report = evaluate(
        sla,
        collected.actuals,
        chosen,
        as_of=day,
        trend=TREND if trend is None else trend,
        goals_for=_goals_for(config),
    )
    # the sources of leads or deals, and the plan's: spend for any other is a finding
    known = [result.source for result in sla_report.sources if result.leads or result.won.deals]
    if config.objective is not None:
        known += [planned.name for planned in config.objective.sources]
    notes = tuple(spend.findings(chosen, known)) if spend is not None else ()
    document = report_document(
        sla_report, sla=sla, reading=collected.read, objective=config.objective, spend_notes=notes
    )
    return ReportResult(
        sla_report=sla_report,
        document=document,
        read=collected.read,
        spend_notes=notes,
        sla=sla,
        period=chosen,
        as_of=day,
        zone=zone,
        how=collected.how,
        reading=reading,
        files=tuple(files),
    )


def reading_of(
    config: Config | None, inputs: Inputs | None = None, *, strict: bool = False
) -> tuple[Reading, str, list[Any]]:
    """The reading of the config's ``[input]`` (or of ``inputs``), its zone, and the files read.

    Every input file missing is named at once, before anything is read.
    """
    given = inputs or Inputs()
    source = config.input if config is not None else None
    adapter = given.adapter or (source.adapter if source else None)
    leads = given.leads or (source.leads if source else None)
    if adapter is None or leads is None:
        raise ConfigError(
            "no input to read: give an adapter and leads (--adapter and --leads on the command "
            "line, inputs=Inputs(adapter=..., leads=...) in Python), or a config with an [input] "
            "table (adapter and leads)",
            path=None if config is None else config.path,
            key="input",
        )
    deals = given.deals or (source.deals if source and not given.leads else None)
    options = dict(source.options) if source and not given.adapter else {}
    options.update(given.options)
    zone = given.zone or (source.zone if source else "UTC")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidValue(
            f"zone {zone!r} is not a time zone name (Europe/Paris, UTC ...): fix --zone, or "
            "zone in the [input] table"
        ) from None
    strict = strict or bool(source and source.strict)
    where = f"the [input] table of {config.path}" if config is not None else "--leads and --deals"
    if adapter in FILE_ADAPTERS:
        _check_files_exist(where, leads=leads, deals=deals)
    reading = read(adapter, leads, deals=deals, options=options, strict=strict)
    files = [path for path in (config.path if config else None, leads, deals) if path is not None]
    return reading, zone, files


def plan(
    config: str | Path | Config | None = None,
    *,
    revenue_goal: Any = None,
    marketing_share: Any = None,
    average_sale: Any = None,
    close_rate: Any = None,
    rounding: str | None = None,
    currency: str | None = None,
    period: str | Period | None = None,
) -> PlanResult:
    """The plan of the config's ``[objective]``, or of the four figures given.

    A figure given replaces the config's (``revenue_goal``,
    ``marketing_share``, ``average_sale``, ``close_rate``: a Decimal, an int
    or a decimal string such as ``"0.5"``; never a float), as do
    ``rounding``, ``currency`` and ``period``. Without a config, the four
    figures are needed.

    >>> from decimal import Decimal
    >>> result = plan(revenue_goal=Decimal(1_000_000), marketing_share=Decimal("0.5"),
    ...               average_sale=Decimal(10_000), close_rate=Decimal("0.02"))
    >>> result.plan.leads_needed
    2500
    """
    figures: dict[str, Any] = {
        name: _exact(name, value)
        for name, value in (
            ("revenue_goal", revenue_goal),
            ("marketing_share", marketing_share),
            ("average_sale", average_sale),
            ("close_rate", close_rate),
        )
    }
    when = Period.parse(period) if isinstance(period, str) else period
    if config is None:
        missing = [name for name, value in figures.items() if value is None]
        if missing:
            raise InvalidValue(
                f"plan needs {', '.join(missing)} (or a config with an [objective] table)"
            )
        objective = Objective(
            **figures, currency=currency or "USD", rounding=rounding or "ceil", period=when
        )
        return PlanResult(objective.plan(), plan_document(objective.plan()))
    loaded = config if isinstance(config, Config) else load_config(config)
    if loaded.objective is None:
        raise ConfigError(
            f"{loaded.path or 'the config'}: no [objective] table to plan from",
            path=loaded.path,
            key="objective",
        )
    changes: dict[str, Any] = {name: value for name, value in figures.items() if value is not None}
    if rounding:
        changes["rounding"] = rounding
    if currency:
        changes["currency"] = currency
    if when is not None:
        changes["period"] = when
    objective = attrs.evolve(loaded.objective, **changes) if changes else loaded.objective
    made = objective.plan()
    files = (loaded.path,) if loaded.path is not None else ()
    return PlanResult(made, plan_document(made), files)


def _exact(name: str, value: object) -> Decimal | None:
    """A figure given in Python as an exact Decimal: a Decimal, an int, or its text."""
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        try:
            exact = Decimal(value.strip())
        except ArithmeticError:
            exact = None
        if exact is not None and exact.is_finite():
            return exact
        raise InvalidValue(f"{name}={value!r} is not a number: write it as {name}='0.5'")
    raise WrongType(
        f"{name} must be a Decimal, an int or a decimal string, got {type(value).__name__} "
        f"{value!r}: write {name}=Decimal({str(value)!r}) (money and rates never go through float)"
    )


def _as_of(given: date | str | None, config: Config) -> date:
    """``as_of`` (a date, ISO text, or ``today``: the only clock read), else ``[report] as_of``."""
    if given == "today":
        return date.today()  # the one clock read, asked for; the library core never reads it
    if isinstance(given, str):
        try:
            day = date.fromisoformat(given)
        except ValueError:
            raise InvalidValue(
                f"as_of (--as-of) {given!r} is not a date (YYYY-MM-DD or today)"
            ) from None
        if (problem := day_problem(day)) is not None:
            raise InvalidValue(f"as_of (--as-of) {given} {problem}")
        return day
    if given is not None:
        return given
    if config.as_of is not None:
        return config.as_of
    raise ConfigError(
        f"{config.path or 'the config'}: no as-of date: give one (as_of= in Python, --as-of on "
        "the command line: YYYY-MM-DD or today) or [report] as_of in the config",
        path=config.path,
        key="report.as_of",
    )


def _check_files_exist(where: str, **files: Any) -> None:
    """Name every input file that is not there, not only the first one read."""
    missing = [
        f"{path} ({kind})" for kind, path in files.items() if path and not Path(path).exists()
    ]
    if not missing:
        return
    raise UnreadableInput(
        f"cannot open {', '.join(missing)}: no such file; fix the paths in {where}, or write "
        "the sample exports and a config that reads them with: smarketing demo --write-data DIR",
        path=missing[0],
    )


def _spend_read(config: Config, reading: Reading, files: list[Any]) -> SpendActuals | None:
    """The spend of ``[input.spend]``, read once and added up (``None`` without one).

    Its rows are counted into the reading's report like the leads and deals.
    """
    spend_input = config.input.spend if config.input is not None else None
    if spend_input is None:
        return None
    if spend_input.adapter in FILE_ADAPTERS:
        where = f"the [input] table of {config.path}"
        _check_files_exist(where, spend=spend_input.source)
    spend_reading = read(
        spend_input.adapter, None, spend=spend_input.source, options=spend_input.options
    )
    spend = spend_reading.collect_spend()
    reading.report.spend = spend_reading.report.spend
    files.append(spend_input.source)
    return spend


def _spend_figures(spend: SpendActuals | None, config: Config, period: Period) -> list[SpendFigure]:
    """The spend in ``period`` of each source, each figure saying it came from the file."""
    if spend is None:
        return []
    currency = config.objective.currency if config.objective is not None else None
    origins = spend.origins(period, currency)
    return [
        SpendFigure(source, amount, origins[source].describe())
        for source, amount in spend.for_period(period, currency).items()
    ]


def _goals_for(config: Config) -> Callable[[Period], SLA | None]:
    """The trend's goals: the config's SLA for each earlier period, none outside the plan."""

    def goals(period: Period) -> SLA | None:
        try:
            return config.sla_for(period)
        except ConfigError:  # a period the plan's months do not reach: no goal
            return None

    return goals
