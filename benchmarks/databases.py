"""Benchmark: push-down against streaming, in PostgreSQL and with DuckDB over a CSV file.

``python benchmarks/databases.py [--leads 1000000]`` loads seeded synthetic leads
and deals into PostgreSQL (127.0.0.1:5432, database test) and into CSV files,
then times, each in its own process: the sql adapter streaming from
PostgreSQL into the actuals pass; push-down in PostgreSQL; the csv adapter over
the CSV files; push-down with DuckDB reading the CSV files in place. It checks
that all four give the same actuals, and prints the times and ratios.
"""

from __future__ import annotations

import argparse
import csv
import json
import pickle
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).parent
DATA = HERE / "data"
URL = "postgresql://postgres@127.0.0.1:5432/test"
STAGES = ("lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer")
LEADS = {
    "id": "id", "created": "created", "source": "source", "owner": "owner",
    "touches": "touches", "segments.region": "region",
    **{f"stages.{stage}": f"s_{stage}" for stage in STAGES},
}  # fmt: skip
DEALS = {"id": "id", "lead_ids": "lead_id", "amount": "amount", "status": "status",
         "closed": "closed", "lost_reason": "lost_reason"}  # fmt: skip
AS_OF = date(2026, 12, 31)


def prepare(count: int) -> tuple[str, str, Path, Path]:
    """Load the synthetic records into PostgreSQL and write them as CSV (once per size)."""
    sys.path.insert(0, str(HERE))
    import psycopg
    import synthetic

    DATA.mkdir(exist_ok=True)
    lead_file, deal_file = DATA / f"db-leads-{count}.csv", DATA / f"db-deals-{count}.csv"
    lead_table, deal_table = f"bench_leads_{count}", f"bench_deals_{count}"
    with psycopg.connect(URL) as connection:
        exists = connection.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_name = %s", (lead_table,)
        ).fetchone()
    if exists and lead_file.exists():
        return lead_table, deal_table, lead_file, deal_file
    stage_columns = ", ".join(f"s_{stage} TIMESTAMP" for stage in STAGES)
    with psycopg.connect(URL) as connection, lead_file.open("w", newline="") as handle:
        connection.execute(f"DROP TABLE IF EXISTS {lead_table}")
        connection.execute(
            f"CREATE TABLE {lead_table} (id TEXT, created TIMESTAMP, source TEXT, owner TEXT, "
            f"touches TEXT, region TEXT, {stage_columns})"
        )
        writer = csv.writer(handle)
        writer.writerow(list(LEADS.values()))
        with connection.cursor().copy(f"COPY {lead_table} FROM STDIN") as copy:
            for lead in synthetic.leads(count):
                times = lead.stage_times
                row = [lead.id, lead.created, lead.source, lead.owner,
                       ";".join(str(t) for t in lead.touches) or None, lead.segment("region"),
                       *(times.get(stage) for stage in STAGES)]  # fmt: skip
                copy.write_row(row)
                writer.writerow(["" if value is None else value for value in row])
    with psycopg.connect(URL) as connection, deal_file.open("w", newline="") as handle:
        connection.execute(f"DROP TABLE IF EXISTS {deal_table}")
        connection.execute(
            f"CREATE TABLE {deal_table} (id TEXT, lead_id TEXT, amount NUMERIC(14, 2), "
            "status TEXT, closed TIMESTAMP, lost_reason TEXT)"
        )
        writer = csv.writer(handle)
        writer.writerow(list(DEALS.values()))
        with connection.cursor().copy(f"COPY {deal_table} FROM STDIN") as copy:
            for deal in synthetic.deals(count):
                row = [deal.id, deal.lead_ids[0], deal.amount, deal.status.value, deal.closed,
                       deal.lost_reason]  # fmt: skip
                copy.write_row(row)
                writer.writerow(["" if value is None else value for value in row])
    return lead_table, deal_table, lead_file, deal_file


def run(
    step: str, lead_table: str, deal_table: str, lead_file: Path, deal_file: Path
) -> dict[str, float]:
    from figures import benchmark_sla

    from smarketing import collect_actuals, read
    from smarketing.adapters.sql.pushdown import collect_actuals_sql

    sla = benchmark_sla()
    start = time.perf_counter()
    if step == "postgres streaming":
        reading = read("sql", URL, deals=URL, options={"table": lead_table, "deals_table":
                       deal_table, "mapping": LEADS, "deals_mapping": DEALS,
                       "check_duplicates": False})  # fmt: skip
        actuals = collect_actuals(reading.leads(), reading.deals(), sla=sla, as_of=AS_OF)
    elif step == "postgres push-down":
        pushed = collect_actuals_sql(URL, table=lead_table, mapping=LEADS, deals_table=deal_table,
                                     deals_mapping=DEALS, sla=sla, as_of=AS_OF)  # fmt: skip
        actuals = pushed.actuals
    elif step == "csv adapter":
        reading = read("csv", lead_file, deals=deal_file, options={
            "mapping": LEADS, "deals_mapping": DEALS, "check_duplicates": False})  # fmt: skip
        actuals = collect_actuals(reading.leads(), reading.deals(), sla=sla, as_of=AS_OF)
    else:
        actuals = collect_actuals_sql("duckdb:///:memory:", table=str(lead_file), mapping=LEADS,
                                      deals_table=str(deal_file), deals_mapping=DEALS, sla=sla,
                                      as_of=AS_OF).actuals  # fmt: skip
    seconds = time.perf_counter() - start
    (DATA / f"actuals-{step.replace(' ', '-')}.pickle").write_bytes(pickle.dumps(actuals))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mib": peak, "leads": actuals.leads}


STEPS = ("postgres streaming", "postgres push-down", "csv adapter", "duckdb push-down over csv")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, default=1_000_000)
    parser.add_argument("--step", help=argparse.SUPPRESS)
    args = parser.parse_args()
    names = prepare(args.leads)
    if args.step:
        print(json.dumps(run(args.step, *names)))
        return
    results = {}
    for step in STEPS:
        out = subprocess.run([sys.executable, __file__, "--leads", str(args.leads), "--step", step],
                             capture_output=True, text=True, check=True)  # fmt: skip
        results[step] = json.loads(out.stdout)
    actuals = [pickle.loads((DATA / f"actuals-{s.replace(' ', '-')}.pickle").read_bytes())
               for s in STEPS]  # fmt: skip
    same = all(other == actuals[0] for other in actuals[1:])
    print(f"{args.leads:,} leads; the four give the same actuals: {same}")
    print(f"{'step':<28}{'seconds':>9}{'peak MiB':>10}")
    for step in STEPS:
        print(f"{step:<28}{results[step]['seconds']:>9.1f}{results[step]['peak_mib']:>10.1f}")
    pg = results["postgres streaming"]["seconds"] / results["postgres push-down"]["seconds"]
    csv_ratio = results["csv adapter"]["seconds"] / results["duckdb push-down over csv"]["seconds"]
    print(f"push-down is {pg:.1f}x faster than streaming in PostgreSQL")
    print(f"DuckDB push-down over the CSV is {csv_ratio:.1f}x faster than the csv adapter")


if __name__ == "__main__":
    main()
