"""Benchmark: synthetic leads and deals through the actuals pass and the SLA evaluation.

Run ``python benchmarks/actuals_pass.py`` (``--sizes 100000 1000000`` to
choose). Each size runs in its own process, so peak memory (ru_maxrss) is
that run's own. Two scenarios per size: leads only, and leads with their
deals, held in memory, then with no more than 50,000 of them in memory (the
rest on disk, as readings and the command do). The pass streams leads, so
the first must stay flat as the number of leads grows; deals held in memory
grow with the deals; held on disk, memory stays flat again. Both streams are
generated on the fly (the deals by replaying the same seed), and the time
includes generating the records.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).parent


SCENARIOS = ("leads only", "leads + deals", "deals on disk")


def run_one(size: int, scenario: str) -> dict[str, float]:
    sys.path.insert(0, str(HERE))
    import synthetic

    from smarketing import (
        SLA,
        DepthClause,
        Funnel,
        MarketingCommitment,
        Period,
        SpeedClause,
        collect_actuals,
        evaluate,
    )

    funnel = Funnel.hubspot(
        lead_to_mql=Decimal("0.4"),
        mql_to_sql=Decimal("0.5"),
        sql_to_opportunity=Decimal("0.5"),
        opportunity_to_customer=Decimal("0.3"),
    )
    sla = SLA(
        funnel,
        MarketingCommitment(leads=size // 12),
        speed=SpeedClause(timedelta(hours=4)),
        depth=DepthClause(3, timedelta(days=14)),
    )
    as_of = date(2026, 12, 31)
    deals = synthetic.deals(size) if scenario != "leads only" else iter(())
    in_memory = 50_000 if scenario == "deals on disk" else None
    start = time.perf_counter()
    actuals = collect_actuals(
        synthetic.leads(size), deals, sla=sla, as_of=as_of, deals_in_memory=in_memory
    )
    report = evaluate(sla, actuals, Period.month(2026, 11), as_of=as_of)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    return {
        "size": size,
        "deals": actuals.deals,
        "seconds": seconds,
        "leads_per_second": size / seconds,
        "peak_mib": peak,
        "november_leads": report.marketing.leads,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 4_000_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--scenario", choices=SCENARIOS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.scenario)))
        return
    print(f"{'scenario':<16}{'leads':>11}{'deals':>9}{'seconds':>9}{'leads/s':>10}{'peak MiB':>10}")
    for scenario in SCENARIOS:
        for size in args.sizes:
            out = subprocess.run(
                [sys.executable, __file__, "--one", str(size), "--scenario", scenario],
                capture_output=True,
                text=True,
                check=True,
            )
            row = json.loads(out.stdout)
            print(
                f"{scenario:<16}{row['size']:>11,}"
                f"{row['deals']:>9,}{row['seconds']:>9.1f}{row['leads_per_second']:>10,.0f}"
                f"{row['peak_mib']:>10.1f}"
            )


if __name__ == "__main__":
    main()
