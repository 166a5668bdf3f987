"""The command's subcommands, each a few lines over the library's calls.

``report`` and ``demo`` are :func:`smarketing.report`, ``plan`` is
:func:`smarketing.plan`, ``validate`` reads with
:func:`smarketing.api.reading_of`: what the command prints is what those
calls return, rendered.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from smarketing.api import Inputs, ReportResult, plan, reading_of, report
from smarketing.cli.exits import EXIT_BREACH, EXIT_OK
from smarketing.cli.output import output, write_text
from smarketing.cli.parser import UsageError
from smarketing.pipeline.progress import Progress

__all__ = ["COMMANDS", "DEMO_FILES"]

#: Files written by the sample data command: the bundled exports and their config.
DEMO_FILES = ("hubspot-contacts.csv", "hubspot-deals.csv", "smarketing.toml")
_FIGURES = ("revenue_goal", "marketing_share", "average_sale", "close_rate")


def _plan(args: argparse.Namespace) -> int:
    if args.config is None:
        missing = [
            f"--{name.replace('_', '-')}" for name in _FIGURES if getattr(args, name) is None
        ]
        if missing:
            raise UsageError(
                f"plan needs {', '.join(missing)} (or --config FILE with an [objective])"
            )
    result = plan(
        args.config,
        **{name: getattr(args, name) for name in _FIGURES},
        rounding=args.rounding,
        currency=args.currency,
        period=args.period,
    )
    return _emit(result.render(args.format, args.lang), args, result.files)


def _given(args: argparse.Namespace, name: str) -> bool:
    return getattr(args, name) is not None


def _inputs(args: argparse.Namespace) -> Inputs:
    """The input flags, as what to read instead of the config's ``[input]``."""
    options = _options(args.option)
    return Inputs(args.adapter, args.leads, args.deals, options, args.zone)


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
    if args.config is None:
        raise UsageError("report needs --config FILE: the SLA's clauses and goals live there")
    progress = Progress(sys.stderr)
    result = report(
        args.config,
        period=args.period,
        as_of=args.as_of,
        trend=args.trend,
        workers=args.workers,
        strict=args.strict,
        inputs=_inputs(args),
        progress=progress,
    )
    code = _print_report(result, args, progress)
    if args.breaches is not None:
        from smarketing.reporting.breachcsv import BreachWriter

        with output(args.breaches, inputs=result.files) as handle:
            result.each_breach(BreachWriter(handle).write)
    return EXIT_BREACH if args.fail_on_breach and result.breached else code


def _print_report(result: ReportResult, args: argparse.Namespace, progress: Progress) -> int:
    progress.phase("rendering")
    return _emit(result.render(args.format, args.lang), args, result.files, progress)


def _validate(args: argparse.Namespace) -> int:
    from smarketing.cli.validation import validate
    from smarketing.config import load_config

    config = load_config(args.config) if args.config else None
    reading, _, files = reading_of(config, _inputs(args), strict=args.strict)
    return validate(reading, rejects=args.rejects, show=args.show, form=args.format, inputs=files)


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
    progress = Progress(sys.stderr)
    with as_file(files("smarketing.demo") / "smarketing.toml") as config:
        result = report(config, progress=progress)
        code = _print_report(result, args, progress)
    return EXIT_BREACH if args.fail_on_breach and result.breached else code


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


#: Each subcommand's function, by name.
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "plan": _plan,
    "report": _report,
    "validate": _validate,
    "adapters": _adapters,
    "demo": _demo,
}


def _emit(
    text: str, args: argparse.Namespace, inputs: Iterable[object], progress: Progress | None = None
) -> int:
    """Print ``text`` (or write it to ``--output``, never over an input file)."""
    if progress is not None:
        progress.done()
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_text(args.output, text, inputs=inputs)
    return EXIT_OK
