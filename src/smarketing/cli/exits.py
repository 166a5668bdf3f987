"""How the command ends: its exit codes, the one line it prints, and what a signal does.

=====  =================================================================
code   meaning
=====  =================================================================
0      success
1      an SLA clause breached (only with ``--fail-on-breach``)
2      a usage or config error, or an output that cannot be written
3      an input data error (a missing or unreadable file, a bad row in strict mode)
4      an unexpected error: a bug (one line; ``--debug`` shows the traceback)
128+N  stopped by signal N: 129 SIGHUP, 130 SIGINT, 143 SIGTERM
141    the reader of standard output went away (``| head``), as SIGPIPE would
=====  =================================================================

SIGTERM and SIGHUP stop the command as SIGINT does: an exception unwinds it,
so that temporary files are removed and worker processes ended on the way.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

from smarketing.errors import InputError, SmarketingError
from smarketing.reporting.printable import printable

__all__ = ["EXIT_BREACH", "EXIT_BUG", "EXIT_INPUT", "EXIT_OK", "EXIT_USAGE"]
__all__ += ["ending_cleanly", "run_command"]

EXIT_OK, EXIT_BREACH, EXIT_USAGE, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3, 4
EXIT_PIPE = 128 + 13  # as a tool killed by SIGPIPE
_STOPPING = {"SIGINT": "interrupted", "SIGTERM": "terminated", "SIGHUP": "hung up"}


class _Stopped(BaseException):
    """A signal asking the command to stop: raised so that every ``finally`` runs."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def _stop(number: int, frame: FrameType | None) -> None:
    raise _Stopped(number)


@contextlib.contextmanager
def ending_cleanly() -> Iterator[None]:
    """SIGTERM and SIGHUP raise, as SIGINT does, for the block; helper processes end after it."""
    handled = [signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    previous = {}
    if threading.current_thread() is threading.main_thread():
        previous = {number: signal.signal(number, _stop) for number in handled}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        _end_helper_processes()


def run_command(command: Callable[[], int], *, debug: bool = False) -> int:
    """Run ``command``; turn what stops it into an exit code and one line on stderr."""
    try:
        code = command()
        sys.stdout.flush()  # a reader gone away shows here, not at the interpreter's exit
        return code
    except SmarketingError as error:
        if debug:
            raise
        print(f"smarketing: error: {printable(str(error))}", file=sys.stderr)
        return EXIT_INPUT if isinstance(error, InputError) else EXIT_USAGE
    except (KeyboardInterrupt, _Stopped) as stopped:
        number = stopped.number if isinstance(stopped, _Stopped) else signal.SIGINT
        name = signal.Signals(number).name
        print(f"smarketing: {_STOPPING.get(name, name)}", file=sys.stderr)
        return 128 + number
    except BrokenPipeError:
        # The reader went away (``| head``): say nothing more, and let the
        # interpreter's last flush of stdout go nowhere.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_PIPE
    except Exception as error:
        if debug:
            raise
        print(f"smarketing: unexpected error: {_bug(error)}", file=sys.stderr)
        return EXIT_BUG


def _bug(error: Exception) -> str:
    where = ""
    if error.__traceback__ is not None:
        import traceback

        last = traceback.extract_tb(error.__traceback__)[-1]
        where = f" (in {Path(last.filename).name}, line {last.lineno})"
    return (
        f"{type(error).__name__}: {printable(str(error))}{where}; "
        "this is a bug: run with --debug for the traceback, and report it"
    )


def _end_helper_processes() -> None:
    """End multiprocessing's resource tracker, if reading in parts started it.

    It would end by itself once this process has gone, but a moment later:
    the command leaves no process of its group behind when it exits.
    """
    tracker_module = sys.modules.get("multiprocessing.resource_tracker")
    tracker = getattr(tracker_module, "_resource_tracker", None)
    if tracker is None or getattr(tracker, "_pid", None) is None:
        return
    import gc

    gc.collect()  # the pool's queues unregister their semaphores as they go
    # Those still referenced (by an interrupted frame) are finalized now, as
    # multiprocessing would at exit, so that the tracker is not stopped first and
    # none is unlinked twice (a traceback on stderr).
    finalize = getattr(sys.modules.get("multiprocessing.util"), "_run_finalizers", None)
    if finalize is not None:
        finalize(0)
    stop = getattr(tracker, "_stop", None)
    if stop is not None:
        stop()
