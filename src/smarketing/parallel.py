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
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

from smarketing.actuals import ActualsSpec, FunnelActuals
from smarketing.collect import DealLink, Held, _Pass, release
from smarketing.errors import InvalidOption

if TYPE_CHECKING:
    from smarketing.reading import Adapter, InputReport, Reading

__all__ = ["collect_in_parts"]


def collect_in_parts(
    reading: Reading, spec: ActualsSpec, workers: int | None, deals_in_memory: int | None = None
) -> FunnelActuals:
    """The actuals of ``reading`` by ``spec``, read by up to ``workers`` processes."""
    from smarketing.adapters._table import MisalignedPart

    count = (os.cpu_count() or 1) if workers is None else workers
    if count < 1:
        raise InvalidOption(f"workers must be 1 or more (or None for every core), got {workers}")
    parts_of = getattr(reading.adapter, "parts", None)
    if count == 1 or parts_of is None or reading.strict:
        return _Pass(spec, deals_in_memory).run(reading.leads(), reading.deals())
    if reading.options.get("check_duplicates"):
        raise InvalidOption(
            "reading in parts cannot set aside a lead id repeated in two parts: "
            "pass check_duplicates=False with workers, or read with workers=1"
        )
    parts = list(parts_of(reading.leads_source, reading.options, count))
    if len(parts) < 2:
        return _Pass(spec, deals_in_memory).run(reading.leads(), reading.deals())
    keep = None if reading.on_rejection is not None else reading.keep
    context = multiprocessing.get_context("spawn")  # the same on every platform; no forked locks
    with ProcessPoolExecutor(max_workers=len(parts) - 1, mp_context=context) as pool:
        arguments = (reading.adapter, reading.deals_source, reading.options, spec, keep)
        futures = [pool.submit(_read_part, part, *arguments, deals_in_memory) for part in parts[1:]]
        # Meanwhile, this process holds the deals (counting them) and reads the first part.
        deals = _Pass(spec, deals_in_memory)
        held = deals.hold(reading.deals())
        try:
            try:
                results = [_read_part(parts[0], *arguments, held=held)]
                results += [future.result() for future in futures]
            except BaseException as error:
                for future in futures:
                    future.cancel()  # the parts not started yet
                if not isinstance(error, MisalignedPart):
                    raise
                return _Pass(spec, deals_in_memory).run(reading.leads(), reading.deals())
            report = reading.start_report("leads")
            for _, _, part_report in results:
                _add_report(report, part_report)
            linked = deals.run_deals(held, (links for _, links, _ in results))
        finally:
            release(held)
    return FunnelActuals.combine([*(actuals for actuals, _, _ in results), linked])


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
    from smarketing.reading import InputReport, counted, describe

    report = InputReport(describe(part), "leads", keep=keep)
    leads = adapter.leads(part, options, report)
    part_pass = _Pass(spec, deals_in_memory)
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
