"""The comparison a user makes before choosing smarketing: one command, one machine, one run.

``python benchmarks/compare.py [--sizes 100000 1000000 4000000] [--repeat 3]`` writes seeded
HubSpot contacts and deals exports (once, under benchmarks/data/), then runs,
each in its own process (so that peak memory is each one's own):

- floor: a bare ``csv.reader`` pass over the contacts file;
- smarketing: the hubspot adapter, the actuals pass and the SLA evaluation;
- smarketing, all cores: the same, the contacts file read in parts, one
  process a core (peak memory: this process's plus its workers');
- pandas: the same report as an analyst would write it (benchmarks/peers/);
- smarketing + DuckDB: push-down with DuckDB reading the same files in place.

Each step runs ``--repeat`` times, the steps in turn, and the fastest run of
each is kept (the machine's other load only ever slows a run down). It
checks that all produce the same figures (benchmarks/figures.py), prints
a table with the ratios to the floor and to pandas, saves it to
benchmarks/results/compare.md, and reports what ``import smarketing`` costs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
DATA = HERE / "data"
RESULTS = HERE / "results"
STEPS = ("floor", "smarketing", "smarketing, all cores", "pandas", "smarketing + duckdb")


def step(name: str, contacts: Path, deals: Path) -> dict[str, object]:
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(HERE / "peers"))
    figures: dict[str, object] | None = None
    start = time.perf_counter()
    if name == "floor":
        import csv

        with contacts.open(newline="", encoding="utf-8") as handle:
            rows = sum(1 for _ in csv.reader(handle))
        figures = {"rows": rows}
    elif name == "smarketing":
        from figures import AS_OF, PERIOD, benchmark_sla, from_report

        from smarketing import Period, evaluate, read

        sla = benchmark_sla()
        period = Period.parse("/".join(PERIOD))
        reading = read("hubspot", contacts, deals=deals, options={"check_duplicates": False})
        actuals = reading.collect_actuals(sla=sla, as_of=AS_OF, breaches_in=period)
        report = evaluate(sla, actuals, period, as_of=AS_OF)
        figures = from_report(report, actuals)
    elif name == "smarketing, all cores":
        from figures import AS_OF, PERIOD, benchmark_sla, from_report

        from smarketing import Period, evaluate, read

        sla = benchmark_sla()
        period = Period.parse("/".join(PERIOD))
        reading = read("hubspot", contacts, deals=deals, options={"check_duplicates": False})
        actuals = reading.collect_actuals(sla=sla, as_of=AS_OF, breaches_in=period, workers=None)
        report = evaluate(sla, actuals, period, as_of=AS_OF)
        figures = from_report(report, actuals)
    elif name == "pandas":
        from pandas_report import report as pandas_report

        figures = pandas_report(contacts, deals)
    else:
        from figures import AS_OF, PERIOD, benchmark_sla, from_report

        from smarketing import Period, evaluate
        from smarketing.adapters.hubspot import SOURCES
        from smarketing.adapters.sql.pushdown import collect_actuals_sql

        sla = benchmark_sla()
        period = Period.parse("/".join(PERIOD))
        pushed = collect_actuals_sql(
            "duckdb:///:memory:",
            table=str(contacts),
            mapping={
                "id": "Record ID", "created": "Create Date", "source": "Original Source",
                "owner": "Contact owner", "handoff": "Owner Assigned Date",
                "first_touch": "First Engagement Date",
                "touch_count": "Number of times contacted",
                "stages.lead": "Became a Lead Date",
                "stages.marketingqualifiedlead": "Became a Marketing Qualified Lead Date",
                "stages.salesqualifiedlead": "Became a Sales Qualified Lead Date",
                "stages.opportunity": "Became an Opportunity Date",
                "stages.customer": "Became a Customer Date",
            },
            deals_table=str(deals),
            deals_mapping={"id": "Record ID", "lead_ids": "Associated Contact IDs",
                           "amount": "Amount", "stage": "Deal Stage", "closed": "Close Date"},
            sla=sla,
            as_of=AS_OF,
            breaches_in=period,
            options={"source_aliases": SOURCES, "check_duplicates": False},
        )  # fmt: skip
        report = evaluate(sla, pushed.actuals, period, as_of=AS_OF)
        figures = from_report(report, pushed.actuals)
    seconds = time.perf_counter() - start
    # this process's peak, plus its worker's (one worker process a core beyond the first)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if name == "smarketing, all cores":
        workers = (os.cpu_count() or 1) - 1
        peak += resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 * workers
    return {"seconds": seconds, "peak_mib": peak, "figures": figures}


def import_cost() -> tuple[float, list[str]]:
    """The ``python -X importtime`` total of ``import smarketing``, and plugin modules loaded."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c",
         "import sys, smarketing; print([m for m in sys.modules if m.startswith("
         "('pluggy', 'smarketing.adapters', 'smarketing.pipeline.plugins', 'smarketing.cli'))])"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    cumulative = [
        int(match[1])
        for match in re.finditer(r"import time:\s+\d+ \|\s+(\d+) \| smarketing$", out.stderr, re.M)
    ]
    return (cumulative[0] / 1000 if cumulative else float("nan")), json.loads(
        out.stdout.strip().replace("'", '"')
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 4_000_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step (fastest kept)")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        contacts, deals = DATA / f"hubspot-{args.size}.csv", DATA / f"hubspot-deals-{args.size}.csv"
        print(json.dumps(step(args.step, contacts, deals)))
        return
    sys.path.insert(0, str(HERE))
    import hubspot_export

    DATA.mkdir(exist_ok=True)
    RESULTS.mkdir(exist_ok=True)
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()}",
        "",
        f"Each step run {args.repeat} times in turn, in its own process; the fastest run shown.",
        "",
        "| rows | step | seconds | × floor | × pandas | peak MiB |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    verdicts = []
    for size in args.sizes:
        contacts, deals = DATA / f"hubspot-{size}.csv", DATA / f"hubspot-deals-{size}.csv"
        if not (contacts.exists() and deals.exists()):
            hubspot_export.write(size, contacts, deals=deals)
        results: dict[str, dict[str, Any]] = {}
        for _ in range(args.repeat):  # steps in turn, the fastest of each kept (a noisy machine)
            for name in STEPS:
                out = subprocess.run(
                    [sys.executable, __file__, "--step", name, "--size", str(size)],
                    capture_output=True, text=True, check=True,
                )  # fmt: skip
                result = json.loads(out.stdout)
                if name not in results or result["seconds"] < results[name]["seconds"]:
                    results[name] = result
        reference = results["smarketing"]["figures"]
        same = all(results[name]["figures"] == reference for name in STEPS[1:])
        verdicts.append(f"{size:,} rows: every report gives the same figures: {same}")
        if not same:
            for name in STEPS[1:]:
                verdicts.append(f"  {name}: {json.dumps(results[name]['figures'])}")
        floor, pandas_seconds = results["floor"]["seconds"], results["pandas"]["seconds"]
        for name in STEPS:
            row = results[name]
            lines.append(
                f"| {size:,} | {name} | {row['seconds']:.1f} | {row['seconds'] / floor:.2f} | "
                f"{row['seconds'] / pandas_seconds:.2f} | {row['peak_mib']:.0f} |"
            )
    milliseconds, loaded = import_cost()
    lines += ["", *verdicts, "",
              f"import smarketing: {milliseconds:.1f} ms (python -X importtime, cumulative); "
              f"plugin, adapter or CLI modules imported: {loaded or 'none'}"]  # fmt: skip
    text = "\n".join(lines) + "\n"
    (RESULTS / "compare.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
