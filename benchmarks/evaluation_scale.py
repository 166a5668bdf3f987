"""Benchmark: the SLA evaluation and the report against the number of distinct sources and owners.

Run ``python benchmarks/evaluation_scale.py`` (``--sizes 10000 20000 100000``
to choose). For each size N, N leads each have a source and an owner of
their own (N distinct sources, N distinct owners, a lead value and a spend
for every source in the SLA): the worst case for anything that looks up one
source or owner at a time. The actuals are collected once (not timed); then
``evaluate``, ``report_document`` and the text rendering are timed apart.
Each size runs in its own process, so peak memory (ru_maxrss) is that run's.
Evaluation reads each table of the actuals once, so its time grows linearly.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).parent


def run_one(size: int) -> dict[str, float]:
    from smarketing import (
        SLA,
        DepthClause,
        Funnel,
        Lead,
        MarketingCommitment,
        Period,
        SpeedClause,
        collect_actuals,
        evaluate,
    )
    from smarketing.reporting import render
    from smarketing.reporting.document import report_document

    half, quarter = Decimal("0.5"), Decimal("0.25")
    funnel = Funnel.hubspot(
        lead_to_mql=half, mql_to_sql=half, sql_to_opportunity=half, opportunity_to_customer=quarter
    )
    sla = SLA(
        funnel,
        MarketingCommitment(leads=size, lead_value=Decimal(size * 4)),
        speed=SpeedClause(timedelta(hours=1), share=Decimal("0.5")),
        depth=DepthClause(1, timedelta(days=2)),
        lead_values={f"source-{index:07d}": Decimal(index % 7 + 1) for index in range(size)},
        spend={f"source-{index:07d}": Decimal(5) for index in range(size)},
    )
    stage = funnel.names[1]

    def leads() -> object:
        for index in range(size):
            created = datetime(2026, 11, 1 + index % 28, 9)
            handoff = created + timedelta(hours=1)
            yield Lead(
                f"L{index}",
                created,
                source=f"source-{index:07d}",
                owner=f"owner-{index:07d}",
                stages={stage: handoff},
                touches=[handoff + timedelta(minutes=30 if index % 2 else 180)],
            )

    period, as_of = Period.month(2026, 11), date(2026, 11, 30)
    actuals = collect_actuals(leads(), sla=sla, as_of=as_of, breaches_in=period)  # type: ignore[arg-type]
    start = time.perf_counter()
    report = evaluate(sla, actuals, period, as_of=as_of)
    evaluated = time.perf_counter()
    document = report_document(report, sla=sla)
    documented = time.perf_counter()
    text = render(document, "text")
    rendered = time.perf_counter()
    assert len(report.sources) == len(report.owners) == size
    return {
        "size": size,
        "evaluate_s": round(evaluated - start, 2),
        "document_s": round(documented - evaluated, 2),
        "text_s": round(rendered - documented, 2),
        "text_lines": text.count("\n"),
        "json_sources": len(document.sources),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 100_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(run_one(args.one)))
        return
    for size in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        print(out.stdout.strip())


if __name__ == "__main__":
    main()
