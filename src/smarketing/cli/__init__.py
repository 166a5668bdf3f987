"""The ``smarketing`` command: plan, report, validate, adapters, demo.

Exit codes: 0 success; 1 an SLA clause breached (only with ``--fail-on-breach``);
2 a usage or config error; 3 an input data error (an unreadable file, a bad row
in strict mode); 4 an unexpected error; 128 + N stopped by signal N; 141 the
reader of standard output went away (:mod:`smarketing.cli.exits`). Messages go to
stderr, one line, without a traceback unless ``--debug``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from smarketing._numbers import magnitude_problem
from smarketing._time import day_problem
from smarketing.cli.exits import EXIT_BREACH, EXIT_OK, ending_cleanly, run_command
from smarketing.cli.output import output, write_text
from smarketing.errors import SmarketingError, UnreadableInput
from smarketing.pipeline.progress import Progress

if TYPE_CHECKING:
    from smarketing.reporting.document import Document, ReportDocument

__all__ = ["main"]

#: Files written by the sample data command: the bundled exports and their config.
DEMO_FILES = ("hubspot-contacts.csv", "hubspot-deals.csv", "smarketing.toml")
_FILE_ADAPTERS = ("csv", "hubspot")


class UsageError(SmarketingError, ValueError):
    """A command line that cannot be run as given."""


def _version() -> str:
    from importlib.metadata import version

    return version("smarketing")


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text.replace("_", "").replace(",", ""))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    problem = magnitude_problem(value)
    if problem is not None:
        raise argparse.ArgumentTypeError(f"{text!r} is {problem}")
    return value


def _output_arguments(parser: argparse.ArgumentParser) -> None:
    from smarketing.reporting import FORMATS, LANGUAGES

    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument(
        "--output", "-o", type=Path, help="write to this file (replaced whole; - for stdout)"
    )
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="labels and numbers")


def _input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="the SLA config file (TOML)")
    parser.add_argument("--adapter", help="the adapter: csv, hubspot, records or an installed one")
    parser.add_argument("--leads", help="the leads (or contacts) source, a file for csv/hubspot")
    parser.add_argument("--deals", help="the deals source")
    parser.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an adapter option; VALUE is JSON or text (repeatable)",
    )
    parser.add_argument("--strict", action="store_true", help="stop at the first bad row")
    parser.add_argument("--zone", help="time zone of naive timestamps (default UTC)")


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser."""
    parser = argparse.ArgumentParser(
        prog="smarketing",
        description="The marketing-sales SLA: plan leads from the revenue goal, "
        "measure what happened, report it.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    plan = commands.add_parser(
        "plan", help="the plan from the four metrics", description="Print the plan: "
        "marketing revenue goal, customers and leads needed, per stage, source and month.",
    )  # fmt: skip
    plan.add_argument("--config", type=Path, help="take the objective from this config file")
    plan.add_argument("--revenue-goal", type=_decimal, help="the period's revenue goal")
    plan.add_argument("--marketing-share", type=_decimal, help="share from marketing (0.5)")
    plan.add_argument("--average-sale", type=_decimal, help="average sale price")
    plan.add_argument("--close-rate", type=_decimal, help="lead-to-customer rate (0.02)")
    plan.add_argument(
        "--rounding", choices=("ceil", "floor", "half_up", "exact"), help="how planned counts "
        "round: ceil (default: enough, one fewer falls short), floor, half_up or exact",
    )  # fmt: skip
    plan.add_argument("--currency", help="ISO 4217 code, USD by default")
    plan.add_argument("--period", help="2026-11, 2026-Q4, 2026 or 2026-11-01/2026-11-15")
    _output_arguments(plan)

    report = commands.add_parser(
        "report", help="the SLA report for a period", description="Read leads and deals "
        "with an adapter and print the SLA report for a period.",
    )  # fmt: skip
    _input_arguments(report)
    report.add_argument("--period", help="the period to report: 2026-11, 2026-Q4 ...")
    report.add_argument("--as-of", help="the report's date (YYYY-MM-DD, or 'today')")
    report.add_argument(
        "--fail-on-breach", action="store_true", help="exit 1 when an SLA clause is breached"
    )
    report.add_argument(
        "--breaches", type=Path, metavar="FILE",
        help="write every breach of the period to this CSV file (spreadsheet-safe)",
    )  # fmt: skip
    report.add_argument(
        "--trend", type=int, default=6, metavar="N",
        help="also show the N periods before (6; 0: none)",
    )  # fmt: skip
    report.add_argument(
        "--workers", type=int, help="read a large csv/hubspot file in this many processes "
        "(needs --option check_duplicates=false); 0: one a core",
    )  # fmt: skip
    _output_arguments(report)

    validate = commands.add_parser(
        "validate", help="read the input only, and count rows", description="Read the input "
        "and print rows read, accepted and rejected, with the first rejections.",
    )  # fmt: skip
    _input_arguments(validate)
    validate.add_argument(
        "--rejects", type=Path, help="write every rejection to this CSV file (- for stdout)"
    )
    validate.add_argument("--show", type=int, default=10, help="rejections to print (10)")
    validate.add_argument(
        "--format", choices=("text", "json"), default="text", help="json: for CI pipelines"
    )

    adapters = commands.add_parser(
        "adapters", help="the installed adapters", description="List the installed adapters, "
        "the plugin that provides each, and their options.",
    )  # fmt: skip
    adapters.add_argument(
        "--format", choices=("text", "json"), default="text", help="json: for programs"
    )

    demo = commands.add_parser(
        "demo", help="the SLA report on bundled sample data", description="Print a full SLA "
        "report from the bundled HubSpot-style sample exports and config.",
    )  # fmt: skip
    demo.add_argument(
        "--fail-on-breach", action="store_true", help="exit 1 when an SLA clause is breached"
    )
    demo.add_argument(
        "--write-data", type=Path, metavar="DIR", help="write the sample exports and their "
        "config into DIR (made if need be) instead of reporting",
    )  # fmt: skip
    _output_arguments(demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (see :mod:`smarketing.cli.exits`)."""
    debug = "--debug" in (sys.argv[1:] if argv is None else argv)
    with ending_cleanly():  # a signal while the arguments are read ends as cleanly too
        return run_command(lambda: _run(build_parser().parse_args(argv)), debug=debug)


def _run(args: argparse.Namespace) -> int:
    return int(_COMMANDS[args.command](args))


# -- commands ---------------------------------------------------------------------------


def _plan(args: argparse.Namespace) -> int:
    from smarketing.config import load_config
    from smarketing.planning.objective import Objective
    from smarketing.planning.period import Period
    from smarketing.reporting.document import plan_document

    flags = {
        "revenue_goal": args.revenue_goal,
        "marketing_share": args.marketing_share,
        "average_sale": args.average_sale,
        "close_rate": args.close_rate,
    }
    args.inputs = [args.config] if args.config is not None else []
    if args.config is not None:
        config = load_config(args.config)
        if config.objective is None:
            raise UsageError(f"{args.config}: no [objective] table to plan from")
        objective = config.objective
        changes = {name: value for name, value in flags.items() if value is not None}
        if args.rounding:
            changes["rounding"] = args.rounding
        if args.currency:
            changes["currency"] = args.currency
        if args.period:
            changes["period"] = Period.parse(args.period)
        if changes:
            import attrs

            objective = attrs.evolve(objective, **changes)
    else:
        missing = [f"--{name.replace('_', '-')}" for name, value in flags.items() if value is None]
        if missing:
            raise UsageError(
                f"plan needs {', '.join(missing)} (or --config FILE with an [objective])"
            )
        objective = Objective(
            **flags,
            currency=args.currency or "USD",
            rounding=args.rounding or "ceil",
            period=Period.parse(args.period) if args.period else None,
        )
    return _emit(plan_document(objective.plan()), args)


def _reading_from(args: argparse.Namespace) -> tuple[Any, Any, str]:
    """The Reading of the input, the config (or None) and the zone name."""
    from smarketing.config import load_config
    from smarketing.pipeline.reading import read

    config = load_config(args.config) if args.config else None
    source = config.input if config is not None else None
    adapter = args.adapter or (source.adapter if source else None)
    leads = args.leads or (source.leads if source else None)
    if adapter is None or leads is None:
        raise UsageError(
            "give --adapter and --leads, or --config FILE with an [input] table (adapter and leads)"
        )
    deals = args.deals or (source.deals if source and not args.leads else None)
    options = dict(source.options) if source and not args.adapter else {}
    options.update(_options(args.option))
    zone = args.zone or (source.zone if source else "UTC")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(
            f"--zone {zone!r} is not a time zone name (Europe/Paris, UTC ...)"
        ) from None
    strict = args.strict or bool(source and source.strict)
    if adapter in _FILE_ADAPTERS:
        _check_files_exist(args, leads=leads, deals=deals)
    reading = read(adapter, leads, deals=deals, options=options, strict=strict)
    args.inputs = [path for path in (args.config, leads, deals) if path is not None]
    return reading, config, zone


def _check_files_exist(args: argparse.Namespace, **files: str | None) -> None:
    """Name every input file that is not there, not only the first one read."""
    missing = [
        f"{path} ({kind})" for kind, path in files.items() if path and not Path(path).exists()
    ]
    if not missing:
        return
    where = f"the [input] table of {args.config}" if args.config else "--leads and --deals"
    raise UnreadableInput(
        f"cannot open {', '.join(missing)}: no such file; fix the paths in {where}, or write "
        "the sample exports and a config that reads them with: smarketing demo --write-data DIR",
        path=missing[0],
    )


def _options(pairs: Iterable[str]) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"--option takes NAME=VALUE, got {pair!r}")
        try:
            options[name.strip()] = json.loads(text)
        except json.JSONDecodeError:
            options[name.strip()] = text
    return options


def _report(args: argparse.Namespace) -> int:
    from smarketing.measuring.evaluation import evaluate
    from smarketing.reporting.document import report_document

    if args.config is None:
        raise UsageError("report needs --config FILE: the SLA's clauses and goals live there")
    reading, config, zone = _reading_from(args)
    as_of = _as_of(args, config)
    period = config.report_period(args.period, as_of)
    if period is None:
        raise UsageError(
            "give --period (2026-11, 2026-Q4, current-month, year-to-date ...) or "
            "[report] period in the config"
        )
    spend = _spend_read(config, reading, args)
    sla = config.sla_for(period, spend=_spend_figures(spend, config, period))
    source = config.input
    workers = args.workers if args.workers is not None else (source.workers if source else 1)
    progress = Progress(sys.stderr)
    if source is not None and source.pushdown and reading.adapter.name == "sql":
        progress.phase("reading (counted in the database)")
        report, read_report = _pushed_report(
            reading, sla, period, as_of, zone, args.trend, _goals_for(config)
        )
    elif workers != 1:
        progress.phase(f"reading in {workers or os.cpu_count()} processes")
        actuals = reading.collect_actuals(
            sla=sla,
            as_of=as_of,
            zone=ZoneInfo(zone),
            breaches_in=period,
            workers=None if workers == 0 else workers,
        )
        report = evaluate(
            sla, actuals, period, as_of=as_of, trend=args.trend, goals_for=_goals_for(config)
        )
        read_report = reading.report
    else:
        from smarketing.pipeline.collecting import collect_actuals
        from smarketing.pipeline.reading import DEALS_IN_MEMORY

        actuals = collect_actuals(
            progress.rows(reading.leads(), lambda: reading.report.leads, "leads"),
            progress.rows(reading.deals(), lambda: reading.report.deals, "deals"),
            sla=sla,
            as_of=as_of,
            zone=ZoneInfo(zone),
            breaches_in=period,
            deals_in_memory=DEALS_IN_MEMORY,
        )
        progress.phase("evaluating")
        report = evaluate(
            sla, actuals, period, as_of=as_of, trend=args.trend, goals_for=_goals_for(config)
        )
        read_report = reading.report
    # the sources of leads or deals, and the plan's: spend for any other is a finding
    known = [source.source for source in report.sources if source.leads or source.won.deals]
    if config.objective is not None:
        known += [source.name for source in config.objective.sources]
    document = report_document(
        report,
        sla=sla,
        reading=read_report,
        objective=config.objective,
        spend_notes=spend.findings(period, known) if spend is not None else (),
    )
    progress.phase("rendering")
    code = _emit(document, args, progress)
    if args.breaches is not None:
        _write_breaches(args.breaches, report, reading, sla, period, as_of, zone, args.inputs)
    if args.fail_on_breach and _breached(document):
        return EXIT_BREACH
    return code


def _as_of(args: argparse.Namespace, config: Any) -> date:
    """``--as-of`` (a date, or ``today``: the only clock read), else ``[report] as_of``."""
    if args.as_of == "today":
        return date.today()  # the command reads the clock; the library never does
    if args.as_of:
        try:
            as_of = date.fromisoformat(args.as_of)
        except ValueError:
            raise UsageError(
                f"--as-of {args.as_of!r} is not a date (YYYY-MM-DD or today)"
            ) from None
        if (problem := day_problem(as_of)) is not None:
            raise UsageError(f"--as-of {args.as_of} {problem}")
        return as_of
    if config.as_of is not None:
        return config.as_of  # type: ignore[no-any-return]
    raise UsageError("give --as-of (YYYY-MM-DD or today) or [report] as_of in the config")


def _spend_read(config: Any, reading: Any, args: argparse.Namespace) -> Any:
    """The spend of ``[input.spend]``, read once and added up (``None`` without one).

    Its rows are counted into the reading's report like the leads and deals.
    """
    from smarketing.pipeline.reading import read

    spend_input = config.input.spend if config.input is not None else None
    if spend_input is None:
        return None
    if spend_input.adapter in _FILE_ADAPTERS:
        _check_files_exist(args, spend=spend_input.source)
    spend_reading = read(
        spend_input.adapter, None, spend=spend_input.source, options=spend_input.options
    )
    spend = spend_reading.collect_spend()
    reading.report.spend = spend_reading.report.spend
    args.inputs.append(spend_input.source)
    return spend


def _spend_figures(spend: Any, config: Any, period: Any) -> list[Any]:
    """The spend in ``period`` of each source, each figure saying it came from the file."""
    from smarketing.planning.goals import SpendFigure

    if spend is None:
        return []
    currency = config.objective.currency if config.objective is not None else None
    origins = spend.origins(period, currency)
    return [
        SpendFigure(source, amount, origins[source].describe())
        for source, amount in spend.for_period(period, currency).items()
    ]


def _goals_for(config: Any) -> Any:
    """The trend's goals: the config's SLA for each earlier period, none outside the plan."""
    from smarketing.errors import ConfigError

    def goals(period: Any) -> Any:
        try:
            return config.sla_for(period)
        except ConfigError:  # a period the plan's months do not reach: no goal
            return None

    return goals


def _pushed_report(
    reading: Any, sla: Any, period: Any, as_of: date, zone: str, trend: int, goals_for: Any
) -> tuple[Any, Any]:
    """The report with push-down: ``[input] pushdown = true`` with the sql adapter."""
    from smarketing.adapters.sql.pushdown import collect_actuals_sql
    from smarketing.measuring.evaluation import evaluate

    options = dict(reading.options)
    table, mapping = options.pop("table"), options.pop("mapping")
    deals_table, deals_mapping = options.pop("deals_table"), options.pop("deals_mapping")
    for name in ("query", "deals_query"):
        if options.pop(name):
            raise UsageError(f"push-down reads tables: drop the {name} option, or pushdown")
    if table is None:
        raise UsageError("push-down needs the table option of the sql adapter")
    pushed = collect_actuals_sql(
        reading.leads_source,
        table=table,
        mapping=mapping,
        deals_table=deals_table if reading.deals_source is not None else None,
        deals_mapping=deals_mapping,
        sla=sla,
        as_of=as_of,
        zone=ZoneInfo(zone),
        breaches_in=period,
        options=options,
    )
    report = evaluate(sla, pushed.actuals, period, as_of=as_of, trend=trend, goals_for=goals_for)
    return report, pushed.read


def _breached(document: ReportDocument) -> bool:
    clauses = [document.speed, document.depth]
    if any(clause is not None and clause.status == "breached" for clause in clauses):
        return True
    pacings = [document.pacing, document.value_pacing]
    return any(pacing is not None and pacing.status == "missed" for pacing in pacings)


def _write_breaches(
    path: Path,
    report: Any,
    reading: Any,
    sla: Any,
    period: Any,
    as_of: date,
    zone: str,
    inputs: Sequence[object],
) -> None:
    """``--breaches FILE``: every breach of the period, streamed; a second pass when needed."""
    from smarketing.pipeline.breachlist import stream_breaches
    from smarketing.pipeline.reading import DEALS_IN_MEMORY
    from smarketing.reporting.breachcsv import BreachWriter

    with output(path, inputs=inputs) as handle:
        writer = BreachWriter(handle)
        if len(report.breaches) == report.breach_count:  # the report holds them all
            for breach in report.breaches:
                writer.write(breach)
            return
        stream_breaches(
            reading.leads(),
            reading.deals(),
            sla=sla,
            period=period,
            as_of=as_of,
            on_breach=writer.write,
            zone=ZoneInfo(zone),
            deals_in_memory=DEALS_IN_MEMORY,
        )


def _validate(args: argparse.Namespace) -> int:
    from smarketing.cli.validation import validate

    reading, _, _ = _reading_from(args)
    return validate(
        reading, rejects=args.rejects, show=args.show, form=args.format, inputs=args.inputs
    )


def _adapters(args: argparse.Namespace) -> int:
    from smarketing.pipeline.plugins import adapter_providers, get_adapters

    adapters = get_adapters()
    providers = adapter_providers()
    if args.format == "json":
        listing = [
            {
                "name": name,
                "plugin": providers[name],
                "description": adapter.description,
                "options": [
                    {"name": o.name, "kind": o.kind, "default": _plain(o.default), "help": o.help}
                    for o in adapter.options
                ],
            }
            for name, adapter in sorted(adapters.items())
        ]
        print(json.dumps(listing, indent=2, ensure_ascii=False))
        return EXIT_OK
    lines = []
    for name, adapter in sorted(adapters.items()):
        lines.append(f"{name}  ({providers[name]})")
        lines.append(f"  {adapter.description}")
        for option in adapter.options:
            default = "" if option.default in (None, ()) else f" [{_plain(option.default)}]"
            lines.append(f"    {option.name} ({option.kind}){default}: {option.help}")
        lines.append("")
    print("\n".join(lines).rstrip())
    return EXIT_OK


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _demo(args: argparse.Namespace) -> int:
    from importlib.resources import as_file, files

    if args.write_data is not None:
        return _write_demo_data(args.write_data)
    with as_file(files("smarketing.demo") / "smarketing.toml") as config:
        args.config = config
        args.adapter = args.leads = args.deals = args.zone = None
        args.option, args.strict, args.period, args.as_of = [], False, None, None
        args.workers = args.breaches = None
        args.trend = 6
        return _report(args)


def _write_demo_data(folder: Path) -> int:
    """Write the bundled exports and the config that reads them into ``folder``."""
    from importlib.resources import files

    there = [name for name in DEMO_FILES if (folder / name).exists()]
    if there:
        raise UsageError(
            f"{folder} already holds {', '.join(there)}: name a new or empty folder "
            "(the sample files never replace files of yours)"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot make the folder {folder}: {error.strerror or error}") from None
    for name in DEMO_FILES:
        write_text(folder / name, (files("smarketing.demo") / name).read_text(encoding="utf-8"))
    config = folder / "smarketing.toml"
    print(
        f"wrote {', '.join(DEMO_FILES)} to {folder}; try: smarketing report --config {config}",
        file=sys.stderr,
    )
    return EXIT_OK


_COMMANDS = {
    "plan": _plan,
    "report": _report,
    "validate": _validate,
    "adapters": _adapters,
    "demo": _demo,
}


# -- output -----------------------------------------------------------------------------


def _emit(document: Document, args: argparse.Namespace, progress: Progress | None = None) -> int:
    from smarketing.reporting import render

    text = render(document, args.format, args.lang)
    if progress is not None:
        progress.done()
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_text(args.output, text, inputs=getattr(args, "inputs", ()))
    return EXIT_OK
