"""The command line's parser: its subcommands and their arguments (see :mod:`smarketing.cli`)."""

from __future__ import annotations

import argparse
from decimal import Decimal, InvalidOperation
from pathlib import Path

from smarketing._numbers import magnitude_problem
from smarketing.errors import SmarketingError

__all__ = ["UsageError", "build_parser"]


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
