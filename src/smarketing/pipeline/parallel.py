"""Reading a large input in parts, one process a part, into the actuals of one pass.

An adapter that can cut its leads input into parts has a ``parts(source,
options, count)`` method (the ``csv`` and ``hubspot`` adapters cut a file
into byte ranges on row boundaries). Each worker process reads one part's
leads and all the deals, and counts its leads as the pass does; the deals are
counted once, here, linked to the first of their leads in file order. The
parts' actuals merge exactly (:meth:`FunnelActuals.combine`), so the result
is the one-pass result; the reading's report adds up the parts', with the
rejections in file order.

Repeated lead ids cannot be set aside across parts, so reading in parts
needs ``check_duplicates`` off; strict mode, an adapter without ``parts``,
a small file, and a file the cut misjudges (a quote inside an unquoted
field) are read in one pass.

Processes are started with ``spawn`` on every platform (no lock of this
process is copied half-held into a worker). ``spawn`` runs the main script
again in each worker, so a script must make the call under
``if __name__ == "__main__":``; a script without that guard is told so before
any process starts. Workers ignore SIGINT (the parent decides); when the
reading stops early (an error, Ctrl-C, SIGTERM turned into an exception by the
command), the workers still running are ended, not left behind.
"""

from __future__ import annotations

import ast
import contextlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from smarketing.contract import (
    Adapter,
    InputReport,
    MisalignedPart,
    Partitioned,
    counted,
    describe,
)
from smarketing.errors import InvalidOption
from smarketing.measuring.actuals import ActualsSpec, FunnelActuals
from smarketing.measuring.deal_state import DealLink, Held, release
from smarketing.measuring.one_pass import Pass
from smarketing.pipeline.deal_store import on_disk
from smarketing.pipeline.readable import Readable

__all__ = ["PartsReading", "collect_in_parts"]


#: What parts need of a reading (the name before :class:`Readable`, kept for imports).
PartsReading = Readable


def collect_in_parts(
    reading: Readable,
    spec: ActualsSpec,
    workers: int | None,
    deals_in_memory: int | None = None,
) -> FunnelActuals:
    """The actuals of ``reading`` by ``spec``, read by up to ``workers`` processes."""
    count = (os.cpu_count() or 1) if workers is None else workers
    if count < 1:
        raise InvalidOption(f"workers must be 1 or more (or None for every core), got {workers}")
    adapter = reading.adapter
    if count == 1 or not isinstance(adapter, Partitioned) or reading.strict:
        return Pass(spec, deals_in_memory, on_disk).run(reading.leads(), reading.deals())
    if reading.options.get("check_duplicates"):
        raise InvalidOption(
            "reading in parts cannot set aside a lead id repeated in two parts: "
            "pass check_duplicates=False with workers (on the command line: "
            "--option check_duplicates=false), or read with workers=1"
        )
    parts = list(adapter.parts(reading.leads_source, reading.options, count))
    if len(parts) < 2:
        return Pass(spec, deals_in_memory, on_disk).run(reading.leads(), reading.deals())
    _check_main_is_guarded()
    keep = None if reading.on_rejection is not None else reading.keep
    context = multiprocessing.get_context("spawn")  # the same on every platform; no forked locks
    arguments = (reading.adapter, reading.deals_source, reading.options, spec, keep)
    with _signals_held():  # a process is never left half-started
        pool = ProcessPoolExecutor(
            max_workers=len(parts) - 1, mp_context=context, initializer=_ignore_interrupts
        )
        futures = [pool.submit(_read_part, part, *arguments, deals_in_memory) for part in parts[1:]]
    try:
        # Meanwhile, this process holds the deals (counting them) and reads the first part.
        deals = Pass(spec, deals_in_memory, on_disk)
        held = deals.hold(reading.deals())
        try:
            try:
                results = [_read_part(parts[0], *arguments, held=held)]
                results += [future.result() for future in futures]
            except MisalignedPart:
                _end(pool)
                return Pass(spec, deals_in_memory, on_disk).run(reading.leads(), reading.deals())
            report = reading.start_report("leads")
            for _, _, part_report in results:
                _add_report(report, part_report)
            linked = deals.run_deals(held, (links for _, links, _ in results))
        finally:
            release(held)
    except BaseException:
        _end(pool)  # an error, Ctrl-C, SIGTERM: no worker outlives the reading
        raise
    pool.shutdown(wait=True)
    return FunnelActuals.combine([*(actuals for actuals, _, _ in results), linked])


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C reaches the whole process group; the parent alone decides."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP back for the block: they are handled when it ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _end(pool: ProcessPoolExecutor) -> None:
    """Stop ``pool`` now: end the workers, cancel the parts not started, wait for the rest."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):  # pid: process
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)  # the workers ended, this does not wait long


def _check_main_is_guarded() -> None:
    """Refuse to start processes from a script that ``spawn`` would run again without a guard.

    ``spawn`` runs the main script again in each worker (as ``__mp_main__``); a
    script whose calls are not under ``if __name__ == "__main__":`` would read
    again in every worker, which multiprocessing stops with a traceback.
    """
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if path is None or getattr(main, "__spec__", None) is not None:
        return  # python -c, python -m, an interactive session: nothing is run again
    try:
        tree = ast.parse(Path(path).read_bytes())
    except (OSError, SyntaxError, ValueError):
        return
    if not any(_is_main_guard(node) for node in tree.body):
        raise InvalidOption(
            f"reading with workers starts processes with spawn, which runs {path} again in "
            'each of them: put the script\'s code under if __name__ == "__main__": '
            "(or read with workers=1)"
        )


def _is_main_guard(node: ast.stmt) -> bool:
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
        return False
    names = [node.test.left, *node.test.comparators]
    return any(isinstance(name, ast.Name) and name.id == "__name__" for name in names) and any(
        isinstance(name, ast.Constant) and name.value == "__main__" for name in names
    )


def _read_part(
    part: Any,
    adapter: Adapter,
    deals_source: Any,
    options: Mapping[str, Any],
    spec: ActualsSpec,
    keep: int | None,
    deals_in_memory: int | None = None,
    held: Held | None = None,
) -> tuple[FunnelActuals, dict[int, DealLink], InputReport]:
    """One part's leads, counted as the pass does, with all the deals (``held``, or read here)."""
    report = InputReport(describe(part), "leads", keep=keep)
    leads = adapter.leads(part, options, report)
    part_pass = Pass(spec, deals_in_memory, on_disk)
    if held is not None:
        actuals, links = part_pass.run_part(counted(leads, report), held)
        return actuals, links, report
    ignored = InputReport(describe(deals_source), "deals", keep=0)
    deals = () if deals_source is None else adapter.deals(deals_source, options, ignored)
    own = part_pass.hold(deals, counted=False)
    try:
        actuals, links = part_pass.run_part(counted(leads, report), own)
    finally:
        release(own)
    return actuals, links, report


def _add_report(report: InputReport, part: InputReport) -> None:
    """Add a part's counts and rejections (in order) to the reading's report."""
    report.rows_read += part.rows_read
    report.records += part.records
    for rejection in part.rejections:
        report.keep_rejection(rejection)
    report.rejected += part.rejected - len(part.rejections)
