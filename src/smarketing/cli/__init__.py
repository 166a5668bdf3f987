"""The ``smarketing`` command: plan, report, validate, adapters, demo.

The parser is :mod:`smarketing.cli.parser`; the subcommands,
:mod:`smarketing.cli.commands`, are thin layers over :func:`smarketing.report`
and :func:`smarketing.plan`.

Exit codes: 0 success; 1 an SLA clause breached (only with ``--fail-on-breach``);
2 a usage or config error; 3 an input data error (an unreadable file, a bad row
in strict mode); 4 an unexpected error; 128 + N stopped by signal N; 141 the
reader of standard output went away (:mod:`smarketing.cli.exits`). Messages go to
stderr, one line, without a traceback unless ``--debug``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from smarketing.cli.exits import ending_cleanly, run_command
from smarketing.cli.parser import UsageError, build_parser

__all__ = ["UsageError", "build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (see :mod:`smarketing.cli.exits`)."""
    debug = "--debug" in (sys.argv[1:] if argv is None else argv)
    with ending_cleanly():  # a signal while the arguments are read ends as cleanly too
        return run_command(lambda: _run(build_parser().parse_args(argv)), debug=debug)


def _run(args: argparse.Namespace) -> int:
    # imported on use: the commands import the library; `--help` and a usage error need not
    from smarketing.cli.commands import COMMANDS

    return COMMANDS[args.command](args)
