"""Benchmark: a HubSpot contacts export through the hubspot adapter and the actuals pass,
against the floor of a bare ``csv.reader`` pass over the same file, in one run.

``python benchmarks/hubspot_read.py [--rows 1000000 4000000]`` writes the files
(once, under benchmarks/data/), then times each step in its own process so
that peak memory (ru_maxrss) is each one's own, and prints a table.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
DATA = HERE / "data"


def floor(path: Path) -> dict[str, float]:
    import csv

    start = time.perf_counter()
    with path.open(newline="", encoding="utf-8") as handle:
        rows = sum(1 for _ in csv.reader(handle))
    return {"seconds": time.perf_counter() - start, "rows": rows - 1}


def smarketing_pass(path: Path) -> dict[str, float]:
    from datetime import date
    from decimal import Decimal

    from smarketing import Funnel, collect_actuals, read

    funnel = Funnel.hubspot(
        lead_to_mql=Decimal("0.4"),
        mql_to_sql=Decimal("0.5"),
        sql_to_opportunity=Decimal("0.5"),
        opportunity_to_customer=Decimal("0.3"),
    )
    start = time.perf_counter()
    reading = read("hubspot", path, options={"check_duplicates": False})
    actuals = collect_actuals(reading.leads(), funnel=funnel, as_of=date(2026, 12, 31))
    report = reading.report.leads
    assert report is not None
    return {
        "seconds": time.perf_counter() - start,
        "rows": report.rows_read,
        "leads": actuals.leads,
        "rejected": report.rejected,
    }


def child(step: str, path: Path) -> None:
    result = floor(path) if step == "floor" else smarketing_pass(path)
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 4_000_000])
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        child(args.step, args.file)
        return
    sys.path.insert(0, str(HERE))
    import hubspot_export

    DATA.mkdir(exist_ok=True)
    print(f"{'rows':>10}  {'step':<28}{'seconds':>9}{'ratio':>7}{'peak MiB':>10}")
    for count in args.rows:
        path = DATA / f"contacts-{count}.csv"
        if not path.exists():
            hubspot_export.write(count, path)
        results = {}
        for step in ("floor", "smarketing"):
            out = subprocess.run(
                [sys.executable, __file__, "--step", step, "--file", str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            results[step] = json.loads(out.stdout)
        base = results["floor"]["seconds"]
        for step, label in (("floor", "csv.reader pass"), ("smarketing", "hubspot + actuals")):
            row = results[step]
            print(
                f"{count:>10,}  {label:<28}{row['seconds']:>9.1f}{row['seconds'] / base:>7.2f}"
                f"{row['peak_mib']:>10.1f}"
            )


if __name__ == "__main__":
    main()
