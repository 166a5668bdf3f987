"""The sql adapter and push-down against real engines: the same actuals as the Python pass."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from smarketing import (
    SLA,
    Deal,
    DepthClause,
    InvalidOption,
    Lead,
    MarketingCommitment,
    MissingColumns,
    MissingTable,
    SpeedClause,
    UnreadableInput,
    collect_actuals,
    read,
)
from smarketing.adapters.sql.pushdown import collect_actuals_sql
from tests.databases import ENGINES, Engine, engine
from tests.strategies import HUBSPOT_FUNNEL

STAGES = (*HUBSPOT_FUNNEL.names, "evangelist")
LEAD_MAPPING = {
    "id": "id",
    "created": "created",
    "source": "source",
    "owner": "owner",
    "lost": "lost",
    "lost_reason": "lost_reason",
    "touch_count": "touch_count",
    "first_touch": "first_touch",
    "touches": "touches",
    "segments.region": "region",
    **{f"stages.{stage}": f"s_{stage}" for stage in STAGES},
}
DEAL_MAPPING = {
    "id": "id",
    "lead_ids": "lead_id",
    "amount": "amount",
    "status": "status",
    "closed": "closed",
    "lost_reason": "lost_reason",
    "source": "source",
}
SLA_ = SLA(
    HUBSPOT_FUNNEL,
    MarketingCommitment(leads=100),
    speed=SpeedClause(timedelta(hours=6)),
    depth=DepthClause(2, timedelta(days=5)),
)
AS_OF = date(2026, 11, 20)


def records(seed: int, count: int) -> tuple[list[Lead], list[Deal]]:
    """Leads of every shape (quiet ones, skipped stages, custom stages, touches) and deals."""
    rng = random.Random(seed)
    start = datetime(2026, 9, 1)
    leads, deals = [], []
    for index in range(count):
        created = start + timedelta(minutes=rng.randrange(100 * 24 * 60), seconds=rng.randrange(60))
        stages: dict[str, datetime] = {}
        if rng.random() < 0.3:
            stages["lead"] = created + timedelta(minutes=rng.randrange(0, 600))
        at, reached = created, 0
        while reached < 4 and rng.random() < 0.45:
            reached += 1
            at += timedelta(minutes=rng.randrange(-600, 9000))
            if rng.random() < 0.8:
                stages[HUBSPOT_FUNNEL.names[reached]] = at
        if rng.random() < 0.05:
            stages["evangelist"] = at + timedelta(days=3)
        touches = []
        if reached and rng.random() < 0.8:
            touches = [
                at + timedelta(minutes=rng.randrange(1, 5000)) for _ in range(rng.randrange(4))
            ]
        use_count = rng.random() < 0.3
        leads.append(
            Lead(
                f"L{index:05d}",
                created,
                source=rng.choice(["paid search", "organic search", "referrals", None]),
                owner=rng.choice(["ann", "bob", None]) if reached else None,
                lost=rng.random() < 0.1,
                lost_reason=rng.choice(["price", None]),
                stages=stages,
                touches=() if use_count else sorted(touches),
                # quiet leads may carry a count of 0, as HubSpot exports do
                touch_count=(len(touches) if use_count and touches else 0 if not reached else None),
                first_touch=min(touches) if use_count and touches else None,
                segments={"region": rng.choice(["emea", "amer"])},
            )
        )
        if reached >= 3 and rng.random() < 0.7:
            won = rng.random() < 0.6
            deals.append(
                Deal(
                    f"D{index:05d}",
                    lead_ids=f"L{index:05d}",
                    amount=Decimal(rng.randrange(100, 900000)) / 100,
                    status="won" if won else rng.choice(["lost", "open"]),
                    closed=at + timedelta(days=rng.randrange(1, 20)),
                    lost_reason=None if won else "timing",
                )
            )
    deals.append(Deal("D-ghost", lead_ids="nobody", amount=Decimal(5), status="won",
                      closed=datetime(2026, 11, 3), source="partner"))  # fmt: skip
    return leads, deals


def load(target: Engine, leads: list[Lead], deals: list[Deal]) -> tuple[str, str]:
    """Create and fill a leads table and a deals table; return their names."""
    ts, text, money = target.timestamp(), target.text(), target.money()
    lead_table, deal_table = target.table("leads"), target.table("deals")
    stage_columns = ", ".join(f"s_{stage} {ts}" for stage in STAGES)
    target.execute(
        f"CREATE TABLE {lead_table} (id {text}, created {ts}, source {text}, owner {text}, "
        f"lost BOOLEAN, lost_reason {text}, touch_count INTEGER, first_touch {ts}, "
        f"touches {text}, region {text}, {stage_columns})"
    )
    target.execute(
        f"CREATE TABLE {deal_table} (id {text}, lead_id {text}, amount {money}, "
        f"status {text}, closed {ts}, lost_reason {text}, source {text})"
    )

    def when(value: datetime | None) -> object:
        if value is None:
            return None
        return value.isoformat(sep=" ") if target.name == "sqlite" else value

    mark = target.mark
    lead_rows = []
    for index, lead in enumerate(leads):
        stage_times = lead.stage_times
        # spelled as exports spell them: the readers fold case and spacing back
        source = lead.source.title() if lead.source and index % 2 else lead.source
        lead_rows.append(
            [lead.id, when(lead.created), source, lead.owner, lead.lost, lead.lost_reason,
             lead.touch_count, when(lead.first_touch),
             ";".join(t.isoformat(sep=" ") for t in lead.touches) or None,
             lead.segment("region"), *(when(stage_times.get(stage)) for stage in STAGES)]
        )  # fmt: skip
    marks = ", ".join([mark] * (10 + len(STAGES)))
    target.execute(f"INSERT INTO {lead_table} VALUES ({marks})", lead_rows)
    deal_rows = [
        [deal.id, deal.lead_ids[0], str(deal.amount) if target.name == "sqlite" else deal.amount,
         deal.status.value, when(deal.closed),
         deal.lost_reason, deal.source]
        for deal in deals
    ]  # fmt: skip
    target.execute(f"INSERT INTO {deal_table} VALUES ({', '.join([mark] * 7)})", deal_rows)
    target.ready()
    return lead_table, deal_table


@pytest.fixture(params=ENGINES)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with engine(request.param, tmp_path) as made:
        yield made


def test_streaming_and_push_down_give_the_python_pass(database: Engine) -> None:
    leads, deals = records(seed=11, count=400)
    lead_table, deal_table = load(database, leads, deals)
    expected = collect_actuals(leads, deals, sla=SLA_, as_of=AS_OF, segment="region")

    options = {"table": lead_table, "deals_table": deal_table, "mapping": LEAD_MAPPING,
               "deals_mapping": DEAL_MAPPING}  # fmt: skip
    reading = read("sql", database.url, deals=database.url, options=options)
    streamed = collect_actuals(
        reading.leads(), reading.deals(), sla=SLA_, as_of=AS_OF, segment="region"
    )
    assert reading.report.rows_read == len(leads) + len(deals)
    assert reading.report.rejected == 0
    assert streamed == expected

    pushed = collect_actuals_sql(
        database.url,
        table=lead_table,
        mapping=LEAD_MAPPING,
        deals_table=deal_table,
        deals_mapping=DEAL_MAPPING,
        sla=SLA_,
        as_of=AS_OF,
        segment="region",
    )
    assert pushed.actuals == expected
    # most leads never left the database
    assert pushed.quiet_leads > len(leads) // 3
    assert pushed.read.rows_read == len(leads) + len(deals)


def test_push_down_sets_bad_rows_aside_like_the_reader(tmp_path: Path) -> None:
    with engine("sqlite", tmp_path) as target:
        leads, deals = records(seed=3, count=60)
        lead_table, _ = load(target, leads, deals)
        target.writer = __import__("sqlite3").connect(tmp_path / "crm.db")
        target.execute(f"INSERT INTO {lead_table} (id, created) VALUES ('bad', 'someday')")
        target.execute(f"INSERT INTO {lead_table} (id, created) VALUES ('L00001', '2026-11-01')")
        pushed = collect_actuals_sql(target.url, table=lead_table, mapping=LEAD_MAPPING,
                                     funnel=HUBSPOT_FUNNEL, as_of=AS_OF)  # fmt: skip
        reading = read("sql", target.url, options={"table": lead_table, "mapping": LEAD_MAPPING})
        streamed = collect_actuals(reading.leads(), funnel=HUBSPOT_FUNNEL, as_of=AS_OF)
        assert pushed.actuals == streamed
        assert pushed.read.leads is not None
        assert pushed.read.leads.rejected == reading.report.rejected == 2  # no date; repeated id
        assert pushed.read.rows_read == reading.report.rows_read == 62


# -- names, injection, read-only, passwords -------------------------------------------------

INJECTIONS = (
    'leads"; DROP TABLE deals; --',
    "leads; DROP TABLE deals",
    "leads` ; DROP TABLE deals; -- ",
    "x' OR '1'='1",
)


def _state(target: Engine, tables: tuple[str, str]) -> list[int]:
    return [int(target.fetch(f"SELECT COUNT(*) FROM {name}")[0][0]) for name in tables]


def test_injection_through_names_and_mappings_changes_nothing(database: Engine) -> None:
    leads, deals = records(seed=5, count=30)
    tables = load(database, leads, deals)
    for attempt in INJECTIONS:
        with pytest.raises(MissingTable):
            list(read("sql", database.url, options={"table": attempt,
                                                    "mapping": LEAD_MAPPING}).leads())  # fmt: skip
        with pytest.raises(MissingColumns):
            list(
                read("sql", database.url, options={
                    "table": tables[0], "mapping": {**LEAD_MAPPING, "source": attempt},
                }).leads()
            )  # fmt: skip
        with pytest.raises((MissingTable, MissingColumns)):
            collect_actuals_sql(database.url, table=attempt, mapping=LEAD_MAPPING,
                                funnel=HUBSPOT_FUNNEL)  # fmt: skip
        options = {
            "table": tables[0],
            "mapping": LEAD_MAPPING,
            "source_aliases": {attempt: attempt},
        }
        aliased = read("sql", database.url, options=options)
        assert len(list(aliased.leads())) == len(leads)
    if database.name == "duckdb":
        return  # the writer is closed; the read-only reads above could not write anyway
    assert _state(database, tables) == [len(leads), len(deals)]


def test_connections_opened_from_a_url_are_read_only(database: Engine) -> None:
    from smarketing.adapters._database import open_database

    leads, deals = records(seed=7, count=5)
    lead_table, _ = load(database, leads, deals)
    opened = open_database(database.url)
    cursor = opened.connection.cursor()
    with pytest.raises(Exception, match=r"(?i)read.?only|readonly|cannot|denied|not authorized"):
        cursor.execute(f"DELETE FROM {lead_table}")
    opened.close()


def test_a_missing_table_lists_the_tables(database: Engine) -> None:
    leads, deals = records(seed=8, count=5)
    lead_table, _ = load(database, leads, deals)
    with pytest.raises(MissingTable, match=rf"no table 'contacts'; its tables are: .*{lead_table}"):
        list(
            read(
                "sql", database.url, options={"table": "contacts", "mapping": LEAD_MAPPING}
            ).leads()
        )


def test_unreachable_server_names_host_and_port_never_the_password() -> None:
    with pytest.raises(UnreadableInput) as raised:
        list(read("sql", "postgresql://sales:s3cret@127.0.0.1:1/crm",
                  options={"table": "leads", "mapping": LEAD_MAPPING}).leads())  # fmt: skip
    message = str(raised.value)
    assert "127.0.0.1:1" in message
    assert "s3cret" not in message
    assert "postgresql://sales:***@127.0.0.1:1/crm" in message


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_duckdb_reads_files_in_place_with_the_same_actuals(tmp_path: Path, kind: str) -> None:
    """DuckDB over CSV or Parquet files (no load step), against the csv adapter over the CSV."""
    duckdb = pytest.importorskip("duckdb")
    import csv

    leads, deals = records(seed=13, count=300)
    lead_file, deal_file = tmp_path / "leads.csv", tmp_path / "deals.csv"
    with lead_file.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(LEAD_MAPPING.values()))
        for lead in leads:
            times = lead.stage_times
            row = {
                "id": lead.id, "created": lead.created, "source": lead.source,
                "owner": lead.owner, "lost": lead.lost, "lost_reason": lead.lost_reason,
                "touch_count": lead.touch_count, "first_touch": lead.first_touch,
                "touches": ";".join(str(t) for t in lead.touches),
                "region": lead.segment("region"),
                **{f"s_{stage}": times.get(stage) for stage in STAGES},
            }  # fmt: skip
            writer.writerow(["" if row[c] is None else row[c] for c in LEAD_MAPPING.values()])
    with deal_file.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(DEAL_MAPPING.values()))
        for deal in deals:
            writer.writerow([deal.id, deal.lead_ids[0], deal.amount, deal.status.value,
                             deal.closed, deal.lost_reason or "", deal.source or ""])  # fmt: skip
    options = {"mapping": LEAD_MAPPING, "deals_mapping": DEAL_MAPPING}
    by_csv = read("csv", lead_file, deals=deal_file, options=options)
    expected = collect_actuals(
        by_csv.leads(), by_csv.deals(), sla=SLA_, as_of=AS_OF, segment="region"
    )
    assert expected == collect_actuals(leads, deals, sla=SLA_, as_of=AS_OF, segment="region")
    if kind == "parquet":
        with duckdb.connect() as converter:
            for name in ("leads", "deals"):
                source, target = tmp_path / f"{name}.csv", tmp_path / f"{name}.parquet"
                converter.execute(
                    f"COPY (SELECT * FROM read_csv_auto('{source}')) TO '{target}' (FORMAT parquet)"
                )
        lead_file, deal_file = tmp_path / "leads.parquet", tmp_path / "deals.parquet"
    pushed = collect_actuals_sql(
        "duckdb:///:memory:",
        table=str(lead_file),
        mapping=LEAD_MAPPING,
        deals_table=str(deal_file),
        deals_mapping=DEAL_MAPPING,
        sla=SLA_,
        as_of=AS_OF,
        segment="region",
    )
    assert pushed.actuals == expected
    assert pushed.quiet_leads > 100


def test_injection_through_the_config_file_changes_nothing(tmp_path: Path) -> None:
    """A hostile table name in a config file: the command stops with exit 3, the data stays."""
    import subprocess
    import sys

    with engine("sqlite", tmp_path) as target:
        leads, deals = records(seed=9, count=20)
        tables = load(target, leads, deals)
        config = tmp_path / "sla.toml"
        config.write_text(
            f"""
[input]
adapter = "sql"
leads = "{target.url}"
[input.options]
table = '{tables[0]}; DROP TABLE {tables[1]}; --'
mapping = {{ id = "id", created = "created" }}
"""
        )
        result = subprocess.run(
            [sys.executable, "-m", "smarketing", "validate", "--config", str(config)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 3
        assert "there is no table" in result.stderr
        assert _state(target, tables) == [len(leads), len(deals)]
        # and the right table name reads
        config.write_text(config.read_text().replace(f"; DROP TABLE {tables[1]}; --", ""))
        fine = subprocess.run(
            [sys.executable, "-m", "smarketing", "validate", "--config", str(config)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert fine.returncode == 0, fine.stderr
        assert "20 rows read, 20 accepted, 0 rejected" in fine.stdout


def test_the_report_command_with_push_down_says_the_same(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    with engine("sqlite", tmp_path) as target:
        leads, deals = records(seed=21, count=150)
        lead_table, deal_table = load(target, leads, deals)
        mapping = ", ".join(f'"{field}" = "{column}"' for field, column in LEAD_MAPPING.items())
        deal_mapping = ", ".join(f'"{f}" = "{c}"' for f, c in DEAL_MAPPING.items())
        text = f"""
[funnel]
preset = "hubspot"
rates = [0.5, 0.5, 0.4, 0.25]

[sla]
leads = 60
speed = {{ within_hours = 6 }}
depth = {{ touches = 2, within_days = 5 }}

[input]
adapter = "sql"
leads = "{target.url}"
deals = "{target.url}"
pushdown = PUSHDOWN
[input.options]
table = "{lead_table}"
deals_table = "{deal_table}"
mapping = {{ {mapping} }}
deals_mapping = {{ {deal_mapping} }}
"""
        outputs = []
        for pushdown in ("false", "true"):
            config = tmp_path / f"sla-{pushdown}.toml"
            config.write_text(text.replace("PUSHDOWN", pushdown))
            result = subprocess.run(
                [sys.executable, "-m", "smarketing", "report", "--config", str(config),
                 "--period", "2026-11", "--as-of", "2026-11-20", "--format", "json"],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            assert result.returncode == 0, result.stderr
            outputs.append(json.loads(result.stdout))
        assert outputs[0] == outputs[1]
        assert outputs[0]["inputs"][0]["rows_read"] == 150


def test_push_down_refuses_deals_naming_several_leads(tmp_path: Path) -> None:
    """One cell naming two leads: the streaming pass splits it; push-down says it cannot."""
    with engine("sqlite", tmp_path) as target:
        leads, deals = records(seed=4, count=10)
        lead_table, deal_table = load(target, leads, deals)
        target.writer = __import__("sqlite3").connect(tmp_path / "crm.db")
        target.execute(f"INSERT INTO {deal_table} (id, lead_id) VALUES ('D-two', 'L00001;L00002')")
        with pytest.raises(InvalidOption, match=r"1 deals of .* name several leads in one cell"):
            collect_actuals_sql(target.url, table=lead_table, mapping=LEAD_MAPPING,
                                deals_table=deal_table, deals_mapping=DEAL_MAPPING,
                                funnel=HUBSPOT_FUNNEL)  # fmt: skip
