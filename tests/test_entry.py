"""One spec, one entry point: ``collect`` gives the same actuals whatever the way, and
``smarketing.report()`` / ``smarketing.plan()`` give what the command prints, byte for byte."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from importlib.resources import as_file, files
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import smarketing
from smarketing import (
    SLA,
    ActualsSpec,
    ConfigError,
    Deal,
    DepthClause,
    Funnel,
    InputError,
    InvalidOption,
    InvalidValue,
    Lead,
    MarketingCommitment,
    SpeedClause,
    WrongType,
    collect,
    collect_actuals,
    read,
)
from smarketing.adapters.sql.pushdown import collect_actuals_sql
from smarketing.api import Inputs
from smarketing.cli import main
from smarketing.measuring.one_pass import Pass
from smarketing.planning.funnel import HUBSPOT_STAGES
from tests.bigexport import big_export
from tests.strategies import HUBSPOT_FUNNEL, record_sets

AS_OF = date(2026, 11, 20)
SLA_ = SLA(
    HUBSPOT_FUNNEL,
    MarketingCommitment(leads=40),
    speed=SpeedClause(timedelta(hours=6)),
    depth=DepthClause(2, timedelta(days=5)),
)
STAGES = (*HUBSPOT_STAGES, "evangelist", "other")
LEAD_MAPPING = {
    "id": "id",
    "created": "created",
    "source": "source",
    "owner": "owner",
    "handoff": "handoff",
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
    "created": "created",
    "closed": "closed",
    "lost_reason": "lost_reason",
    "source": "source",
}


def _when(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(sep=" ")


def _sqlite(path: Path, leads: list[Lead], deals: list[Deal]) -> str:
    """The records as two tables of a SQLite file (timestamps as ISO text); its URL."""
    connection = sqlite3.connect(path)
    stage_columns = ", ".join(f"s_{stage} TEXT" for stage in STAGES)
    connection.execute(
        "CREATE TABLE leads (id TEXT, created TEXT, source TEXT, owner TEXT, handoff TEXT, "
        "lost BOOLEAN, lost_reason TEXT, touch_count INTEGER, first_touch TEXT, touches TEXT, "
        f"region TEXT, {stage_columns})"
    )
    connection.execute(
        "CREATE TABLE deals (id TEXT, lead_id TEXT, amount NUMERIC, status TEXT, created TEXT, "
        "closed TEXT, lost_reason TEXT, source TEXT)"
    )
    connection.executemany(
        f"INSERT INTO leads VALUES ({', '.join(['?'] * (11 + len(STAGES)))})",
        [
            (lead.id, _when(lead.created), lead.source, lead.owner, _when(lead.handoff),
             lead.lost, lead.lost_reason, lead.touch_count, _when(lead.first_touch),
             ";".join(t.isoformat(sep=" ") for t in lead.touches) or None,
             lead.segment("region"), *(_when(lead.stage_times.get(s)) for s in STAGES))
            for lead in leads
        ],
    )  # fmt: skip
    connection.executemany(
        "INSERT INTO deals VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (deal.id, deal.lead_ids[0], None if deal.amount is None else str(deal.amount),
             deal.status.value, _when(deal.created), _when(deal.closed), deal.lost_reason,
             deal.source)
            for deal in deals
        ],
    )  # fmt: skip
    connection.commit()
    connection.close()
    return f"sqlite:///{path}"


SQL_OPTIONS = {
    "table": "leads",
    "deals_table": "deals",
    "mapping": LEAD_MAPPING,
    "deals_mapping": DEAL_MAPPING,
}


# -- collect: one entry point, the same actuals whatever the way --------------------------


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_sets())
def test_every_way_to_collect_gives_the_actuals_of_the_one_pass(
    records: tuple[list[Lead], list[Deal]],
) -> None:
    leads, deals = records
    spec = ActualsSpec.of(SLA_, as_of=AS_OF, segment="region")
    expected = Pass(spec).run(leads, deals)
    given_records = collect(leads, spec, deals=deals)
    assert given_records.how == "one-pass"
    assert given_records.read is None
    assert given_records.actuals == expected
    assert collect(leads, spec, deals=deals, deals_in_memory=1).actuals == expected
    assert collect_actuals(leads, deals, sla=SLA_, as_of=AS_OF, segment="region") == expected
    with tempfile.TemporaryDirectory() as folder:
        url = _sqlite(Path(folder) / "crm.db", leads, deals)
        for how in ("one-pass", "parts", "pushdown", "auto"):
            reading = read("sql", url, deals=url, options=SQL_OPTIONS)
            collected = collect(reading, spec, how=how, workers=2)
            assert collected.actuals == expected, how
            assert collected.how == ("one-pass" if how == "auto" else how)
            assert collected.read is not None
            assert collected.read.rows_read == len(leads) + len(deals)
            assert collected.in_database + collected.streamed == len(leads)
            if how != "pushdown":
                assert collected.in_database == 0
        pushed = collect_actuals_sql(url, table="leads", mapping=LEAD_MAPPING,
                                     deals_table="deals", deals_mapping=DEAL_MAPPING,
                                     sla=SLA_, as_of=AS_OF, segment="region")  # fmt: skip
        assert pushed.actuals == expected


def test_auto_pushes_down_when_asked_and_the_adapter_can(tmp_path: Path) -> None:
    leads = [Lead(f"L{n}", datetime(2026, 11, 2, 9)) for n in range(5)]
    url = _sqlite(tmp_path / "crm.db", leads, [])
    spec = ActualsSpec.of(SLA_, as_of=AS_OF)
    pushed = collect(read("sql", url, options=SQL_OPTIONS), spec, pushdown=True)
    assert (pushed.how, pushed.in_database, pushed.streamed) == ("pushdown", 5, 0)
    assert repr(pushed) == (
        "<Collected pushdown: 5 leads, 0 deals; 5 rows read, 5 counted in the database>"
    )
    streamed = collect(read("sql", url, options=SQL_OPTIONS), spec)
    assert (streamed.how, streamed.in_database, streamed.streamed) == ("one-pass", 0, 5)
    assert pushed.actuals == streamed.actuals
    csv_reading = read("records", [], options={"mapping": {"id": "id", "created": "created"}})
    assert collect(csv_reading, spec, pushdown=True).how == "one-pass"  # it cannot: not asked


def test_reading_in_parts_gives_the_one_pass_actuals_and_report(tmp_path: Path) -> None:
    contacts, deals, _ = big_export(tmp_path, contacts=20, deals=20)
    spec = ActualsSpec.of(SLA_, as_of=AS_OF, breaches_in=smarketing.Period.parse("2026-11"))
    options = {"check_duplicates": False}
    one = collect(read("hubspot", contacts, deals=deals, options=options), spec)
    parts = collect(read("hubspot", contacts, deals=deals, options=options), spec, workers=2)
    assert (one.how, parts.how) == ("one-pass", "parts")
    assert parts.actuals == one.actuals
    assert one.read is not None
    assert parts.read is not None
    assert parts.read.rows_read == one.read.rows_read > 10_000
    old = read("hubspot", contacts, deals=deals, options=options)
    assert old.collect_actuals(sla=SLA_, as_of=AS_OF, workers=2, breaches_in=spec.breaches_in) == (
        one.actuals
    )


def test_the_spec_is_built_once_from_the_sla_or_a_funnel() -> None:
    spec = ActualsSpec.of(SLA_, as_of=AS_OF, max_listed=5)
    assert (spec.funnel, spec.speed, spec.depth, spec.calendar) == (
        SLA_.funnel, SLA_.speed, SLA_.depth, SLA_.calendar,
    )  # fmt: skip
    assert (spec.currency, spec.max_listed, spec.as_of) == (SLA_.currency, 5, AS_OF)
    bare = ActualsSpec.of(HUBSPOT_FUNNEL, as_of=AS_OF, currency="EUR")
    assert (bare.speed, bare.depth, bare.currency) == (None, None, "EUR")
    assert ActualsSpec.of_keywords(sla=SLA_, funnel=Funnel.of_stages(["a", "b"], handoff="b")) == (
        ActualsSpec.of(SLA_)
    )
    with pytest.raises(InvalidValue, match="needs a funnel or an sla"):
        ActualsSpec.of_keywords(as_of=AS_OF)
    with pytest.raises(WrongType, match="an SLA or a Funnel"):
        ActualsSpec.of("hubspot", as_of=AS_OF)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="as_of 0001-01-01"):
        ActualsSpec.of(SLA_, as_of=date(1, 1, 1))


def test_collect_says_what_it_cannot_do() -> None:
    spec = ActualsSpec.of(SLA_, as_of=AS_OF)
    leads = [Lead("L1", datetime(2026, 11, 2, 9))]
    with pytest.raises(InvalidValue, match="not a way to collect"):
        collect(leads, spec, how="fast")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="pass a Reading"):
        collect(leads, spec, how="parts")
    reading = read("records", [], options={"mapping": {"id": "id", "created": "created"}})
    with pytest.raises(InvalidOption, match="the records adapter cannot"):
        collect(reading, spec, how="pushdown")
    with pytest.raises(InvalidValue, match="reads its own deals"):
        collect(reading, spec, deals=[])


# -- smarketing.report() and plan(): what the command prints -----------------------------


def _command(tmp_path: Path, *args: str) -> bytes:
    target = tmp_path / "out.txt"
    target.unlink(missing_ok=True)
    assert main([*args, "--output", str(target)]) in (0, 1)
    return target.read_bytes()


@pytest.fixture
def demo_config() -> Iterator[Path]:
    with as_file(files("smarketing.demo") / "smarketing.toml") as path:
        yield path


@pytest.mark.parametrize("fmt", ["json", "text", "html"])
def test_demo_command_and_report_are_byte_identical(
    tmp_path: Path, demo_config: Path, fmt: str
) -> None:
    result = smarketing.report(demo_config)
    assert result.render(fmt).encode() == _command(tmp_path, "demo", "--format", fmt)
    assert _command(tmp_path, "demo", "--format", fmt, "--lang", "fr") == (
        result.render(fmt, "fr").encode()
    )
    if fmt == "json":
        assert result.to_dict() == json.loads(result.render("json"))


def test_report_result_holds_the_report_and_reads_shortly(demo_config: Path) -> None:
    result = smarketing.report(demo_config, trend=0)
    assert result.document.period == "2026-11" == result.period.label
    assert result.sla_report.period == result.period
    assert result.read is not None
    rows = [counts.rows_read for counts in result.document.inputs]
    assert result.read.rows_read == sum(rows) == 564 + 51
    assert result.how == "one-pass"
    assert result.to_dict()["trend"] == []
    breaches: list[smarketing.Breach] = []
    result.each_breach(breaches.append)
    assert len(breaches) == result.sla_report.breach_count > 0
    text = repr(result)
    assert len(text) < 300
    assert "2026-11" in text
    assert "one-pass" in text


def test_a_generated_export_with_and_without_workers(tmp_path: Path) -> None:
    *_, config = big_export(tmp_path / "data", contacts=20, deals=20)
    flags = ["--period", "2026-Q4", "--as-of", "2026-12-20", "--format", "json"]
    base = ["report", "--config", str(config), *flags, "--option", "check_duplicates=false"]
    inputs = Inputs(options={"check_duplicates": False})
    for workers in (1, 2):
        result = smarketing.report(
            config, period="2026-Q4", as_of="2026-12-20", workers=workers, inputs=inputs
        )
        assert result.how == ("one-pass" if workers == 1 else "parts")
        printed = _command(tmp_path, *base, "--workers", str(workers))
        assert result.render("json").encode() == printed


def test_push_down_over_sqlite_command_and_report_are_byte_identical(tmp_path: Path) -> None:
    leads = [
        Lead(f"L{n:03d}", datetime(2026, 11, 1 + n % 20, 9), source=("ads", "seo")[n % 2],
             stages={"marketingqualifiedlead": datetime(2026, 11, 1 + n % 20, 10)} if n % 3 else {},
             touches=(datetime(2026, 11, 1 + n % 20, 12),) if n % 4 == 1 else ())
        for n in range(60)
    ]  # fmt: skip
    deals = [Deal("D1", lead_ids="L001", amount=None, status="won", closed=datetime(2026, 11, 9))]
    url = _sqlite(tmp_path / "crm.db", leads, deals)
    mapping = ", ".join(f'"{field}" = "{column}"' for field, column in LEAD_MAPPING.items())
    deal_mapping = ", ".join(f'"{field}" = "{column}"' for field, column in DEAL_MAPPING.items())
    text = f"""
[funnel]
preset = "hubspot"
rates = [0.5, 0.5, 0.4, 0.25]

[sla]
leads = 60
speed = {{ within_hours = 6 }}

[input]
adapter = "sql"
leads = "{url}"
deals = "{url}"
pushdown = PUSHDOWN
[input.options]
table = "leads"
deals_table = "deals"
mapping = {{ {mapping} }}
deals_mapping = {{ {deal_mapping} }}
"""
    documents = []
    for pushdown in ("true", "false"):
        config = tmp_path / f"sla-{pushdown}.toml"
        config.write_text(text.replace("PUSHDOWN", pushdown))
        result = smarketing.report(config, period="2026-11", as_of="2026-11-20")
        assert result.how == ("pushdown" if pushdown == "true" else "one-pass")
        printed = _command(tmp_path, "report", "--config", str(config), "--period", "2026-11",
                           "--as-of", "2026-11-20", "--format", "json")  # fmt: skip
        assert result.render("json").encode() == printed
        documents.append(result.to_dict())
    assert documents[0] == documents[1]


def test_plan_command_and_plan_are_byte_identical(tmp_path: Path) -> None:
    config = Path(__file__).parent.parent / "examples" / "smarketing.toml"
    result = smarketing.plan(config)
    assert result.render("json").encode() == _command(
        tmp_path, "plan", "--config", str(config), "--format", "json"
    )
    figures = ["--revenue-goal", "1000000", "--marketing-share", "0.5", "--average-sale",
               "10000", "--close-rate", "0.02", "--period", "2026-Q4"]  # fmt: skip
    from decimal import Decimal

    made = smarketing.plan(
        revenue_goal=Decimal(1_000_000), marketing_share=Decimal("0.5"),
        average_sale=Decimal(10_000), close_rate=Decimal("0.02"), period="2026-Q4",
    )  # fmt: skip
    assert made.render("text").encode() == _command(tmp_path, "plan", *figures)
    assert made.plan.leads_needed == made.to_dict()["leads_needed"] == 2500
    assert len(repr(made)) < 300


# -- errors: the project's kinds, with where ---------------------------------------------


def test_report_errors_by_kind(tmp_path: Path, demo_config: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the config file"):
        smarketing.report(tmp_path / "nowhere.toml")
    with pytest.raises(InvalidValue, match=r"as_of \(--as-of\) '2026-13-01' is not a date"):
        smarketing.report(demo_config, as_of="2026-13-01")
    with pytest.raises(InvalidValue, match="is not a time zone name"):
        smarketing.report(demo_config, inputs=Inputs(zone="Mars/Olympus"))
    with pytest.raises(InputError, match=r"cannot open .*missing\.csv \(leads\)"):
        smarketing.report(demo_config, inputs=Inputs(leads=str(tmp_path / "missing.csv")))
    bare = tmp_path / "bare.toml"
    bare.write_text('[funnel]\npreset = "hubspot"\nrates = [0.5, 0.5, 0.4, 0.25]\n'
                    "[sla]\nleads = 10\n")  # fmt: skip
    with pytest.raises(ConfigError, match="no input to read") as no_input:
        smarketing.report(bare, period="2026-11", as_of=AS_OF)
    assert (no_input.value.path, no_input.value.key) == (str(bare), "input")
    export = tmp_path / "contacts.csv"
    export.write_text((files("smarketing.demo") / "hubspot-contacts.csv").read_text())
    no_period = smarketing.api.Inputs(adapter="hubspot", leads=str(export))
    with pytest.raises(ConfigError, match="no period to report") as missing:
        smarketing.report(bare, as_of=AS_OF, inputs=no_period)
    assert missing.value.key == "report.period"
    with pytest.raises(ConfigError, match="no as-of date") as no_day:
        smarketing.report(bare, period="2026-11", inputs=no_period)
    assert no_day.value.key == "report.as_of"
    with pytest.raises(ConfigError, match="no \\[objective\\] table") as no_objective:
        smarketing.plan(bare)
    assert no_objective.value.key == "objective"
    with pytest.raises(InvalidValue, match="plan needs marketing_share, average_sale"):
        smarketing.plan(revenue_goal=1000, close_rate="0.02")


def test_the_command_maps_the_errors_to_exit_codes(tmp_path: Path, demo_config: Path) -> None:
    base = ["report", "--config", str(demo_config)]
    assert main([*base, "--as-of", "yesterday"]) == 2
    assert main([*base, "--zone", "Mars/Olympus"]) == 2
    assert main([*base, "--leads", str(tmp_path / "missing.csv")]) == 3
