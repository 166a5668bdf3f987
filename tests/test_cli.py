"""The smarketing command, run in a subprocess as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
PLAN = ["plan", "--revenue-goal", "1000000", "--marketing-share", "0.5"]
PLAN += ["--average-sale", "10000", "--close-rate", "0.2"]
FORMATS = ("text", "markdown", "json", "csv", "html")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smarketing", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_version_and_help() -> None:
    from importlib.metadata import version

    result = run("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"smarketing {version('smarketing')}")
    for command in ("plan", "report", "validate", "adapters", "demo"):
        help_text = run(command, "--help")
        assert help_text.returncode == 0
        assert f"usage: smarketing {command}" in help_text.stdout


def test_issue_example_plan_json() -> None:
    result = run(*PLAN, "--format", "json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["leads_needed"] == 250
    assert plan["customers_needed"] == 50
    assert plan["marketing_revenue_goal"] == "500000.00"


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_twice_byte_identical(fmt: str, tmp_path: Path) -> None:
    for args in (PLAN, ["demo"]):
        first = run(*args, "--format", fmt)
        second = run(*args, "--format", fmt)
        assert first.returncode == 0, first.stderr
        assert first.stdout == second.stdout
        assert first.stdout.endswith("\n")


def test_plan_from_config_in_french(tmp_path: Path) -> None:
    demo = Path(str(files("smarketing.demo") / "smarketing.toml"))
    result = run("plan", "--config", str(demo), "--lang", "fr")
    assert result.returncode == 0, result.stderr
    # 720,000 x 0.6 / 10,000 = 43.2 -> 44 customers; / 0.0556875 = 775.8 -> 776 leads
    assert "Leads nécessaires: 776" in result.stdout
    assert "720\u202f000,00\u00a0€" in result.stdout
    assert "2026-11                    264\u202f000,00\u00a0€" in result.stdout


def test_demo_text_report() -> None:
    result = run("demo")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("SLA report · 2026-11 · as of 2026-11-20 · EUR\n")
    for section in ("Marketing commitment", "Sales follow-up", "Do-not-be-on-it list",
                    "Cost and return by source", "Funnel", "Data quality", "Input"):  # fmt: skip
        assert f"\n{section}" in out
    assert "Leads              144          233       61.8%  ON TRACK" in out
    assert "hubspot-contacts.csv (leads): 564 rows read, 564 records, 0 rejected" in out


def test_no_personal_data_in_any_output() -> None:
    contacts = Path(str(files("smarketing.demo") / "hubspot-contacts.csv"))
    with contacts.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    emails = {row["Email"] for row in rows}
    names = {f"{row['First Name']} {row['Last Name']}" for row in rows}
    for fmt in FORMATS:
        out = run("demo", "--format", fmt).stdout
        assert "@example.com" not in out
        assert not any(email in out for email in emails)
        assert not any(name in out for name in names)
        assert "+1 555 0100" not in out


def test_html_is_well_formed_and_its_pacing_chart_shows_the_figures() -> None:
    html = run("demo", "--format", "html").stdout
    data = json.loads(run("demo", "--format", "json").stdout)
    root = ET.fromstring(html.split("\n", 1)[1])  # after the doctype
    svg = "{http://www.w3.org/2000/svg}"
    charts = root.iter(f"{svg}svg")
    pacing = next(chart for chart in charts if "pacing" in chart.get("class", ""))
    points = [
        (circle.get("data-day"), circle.get("data-value")) for circle in pacing.iter(f"{svg}circle")
    ]
    expected = [
        (point["day"], point["actual"])
        for point in data["pacing"]["points"]
        if point["actual"] is not None
    ]
    assert points == expected
    assert len(points) == 21  # the start, and 20 days to the 20th
    actual_line = next(
        line for line in pacing.iter(f"{svg}polyline") if line.get("class") == "actual"
    )
    assert len(actual_line.get("points", "").split()) == 21
    ideal_line = next(
        line for line in pacing.iter(f"{svg}polyline") if line.get("class") == "ideal"
    )
    assert len(ideal_line.get("points", "").split()) == 31
    assert "<script" not in html
    assert "http://" not in html.replace("http://www.w3.org/", "")
    # every breach is listed in HTML
    rows = list(root.iter("{http://www.w3.org/1999/xhtml}tr"))
    assert len(rows) > data["breach_count"]


def test_report_on_a_hubspot_export_with_a_config(tmp_path: Path) -> None:
    config = tmp_path / "sla.toml"
    config.write_text(
        f"""
[funnel]
preset = "hubspot"
rates = [0.5, 0.5, 0.4, 0.25]

[sla]
leads = 20
speed = {{ within_hours = 1 }}

[input]
adapter = "hubspot"
leads = "{FIXTURES / "hubspot" / "contacts-all-properties.csv"}"
deals = "{FIXTURES / "hubspot" / "deals.csv"}"
"""
    )
    result = run("report", "--config", str(config), "--period", "2026-11", "--as-of", "2026-11-30",
                 "--format", "json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["marketing"]["leads"] == 10
    assert report["speed"]["handed_off"] == 8
    assert report["inputs"][0] == {
        "input": "contacts-all-properties.csv",
        "kind": "leads",
        "rows_read": 12,
        "records": 10,
        "rejected": 2,
    }
    output = tmp_path / "report.md"
    fine = run("report", "--config", str(config), "--period", "2026-11", "--as-of", "2026-11-30",
               "--format", "markdown", "--output", str(output), "--fail-on-breach")  # fmt: skip
    assert fine.returncode == 1  # 3 of 8 leads not touched within the hour
    assert output.read_text().startswith("# SLA report · 2026-11")
    assert fine.stdout == ""


def test_output_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    target.write_text("the good old file")
    missing_dir = tmp_path / "nowhere" / "plan.json"
    failed = run(*PLAN, "--format", "json", "--output", str(missing_dir))
    assert failed.returncode == 2
    assert "cannot write" in failed.stderr
    assert run(*PLAN, "--format", "json", "--output", str(target)).returncode == 0
    assert json.loads(target.read_text())["leads_needed"] == 250
    assert [path.name for path in tmp_path.iterdir()] == ["plan.json"]  # no temporary left


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["plan", "--revenue-goal", "1000"], 2, "plan needs --marketing-share"),
        (["plan", "--revenue-goal", "abc"], 2, "'abc' is not a number"),
        ([*PLAN[:-1], "20"], 2, "close_rate must be greater than 0 and at most 1"),
        (["report", "--adapter", "hubspot", "--leads", "x.csv"], 2, "report needs --config"),
        (["validate", "--adapter", "nosuch", "--leads", "x.csv"], 2, "no adapter named 'nosuch'"),
        (["validate", "--adapter", "hubspot", "--leads", "/no/such/file.csv"], 3, "cannot open"),
        (["nosuchcommand"], 2, "invalid choice"),
    ],
)
def test_errors_and_exit_codes(args: list[str], code: int, words: str) -> None:
    result = run(*args)
    assert result.returncode == code
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback() -> None:
    result = run("--debug", *PLAN[:-1], "20")
    assert result.returncode != 0
    assert "Traceback" in result.stderr


def test_config_errors_name_file_key_and_line(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(
        '[objective]\nclose_rate = 0.1\nrevenue_goal = 1000\nmarketing_share = "half"\n'
    )
    result = run("plan", "--config", str(config))
    assert result.returncode == 2
    assert f"{config}, line 4: objective.marketing_share must be a share" in result.stderr
    config.write_text(
        "[objective]\nclose_rate = 0.1\nrevenue_goal = 1000\nmarketing_share = 0.5\n"
        "average_sale = 10\ncolour = 'red'\n"
    )
    result = run("plan", "--config", str(config))
    assert f"{config}, line 6: objective.colour is not a known key" in result.stderr


def test_strict_mode_input_error_exits_3(tmp_path: Path) -> None:
    result = run("validate", "--adapter", "hubspot", "--strict",
                 "--leads", str(FIXTURES / "hubspot" / "contacts-all-properties.csv"))  # fmt: skip
    assert result.returncode == 3
    assert "line 12, column 'Create Date'" in result.stderr


def test_validate_prints_counts_and_writes_every_rejection(tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.csv"
    result = run("validate", "--adapter", "hubspot",
                 "--leads", str(FIXTURES / "hubspot" / "contacts-all-properties.csv"),
                 "--deals", str(FIXTURES / "hubspot" / "deals.csv"),
                 "--rejects", str(rejects), "--show", "1")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "contacts-all-properties.csv (leads): 12 rows read, 10 accepted, 2 rejected" in (
        result.stdout
    )
    assert "and 1 more" in result.stdout
    rows = list(csv.reader(io.StringIO(rejects.read_text())))
    assert rows[0] == ["input", "line", "column", "reason", "value"]
    assert [row[1] for row in rows[1:]] == ["12", "13", "6"]


def test_csv_adapter_options_on_the_command_line(tmp_path: Path) -> None:
    mapping = '{"id": "Identifiant", "created": "Date de création", "source": "Origine"}'
    french = str(FIXTURES / "csv" / "french-excel.csv")
    result = run("validate", "--adapter", "csv", "--leads", french,
                 "--option", "encoding=cp1252", "--option", "day_first=true",
                 "--option", f"mapping={mapping}")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "4 rows read, 3 accepted, 1 rejected" in result.stdout


def test_adapters_listing() -> None:
    text = run("adapters").stdout
    assert "csv  (smarketing.adapters.csv)" in text
    assert "hubspot  (smarketing.adapters.hubspot)" in text
    listing = json.loads(run("adapters", "--format", "json").stdout)
    assert [adapter["name"] for adapter in listing][:3] == ["csv", "hubspot", "records"]
    assert any(option["name"] == "encoding" for option in listing[0]["options"])
