"""The monthly routine through the command: an annual plan reported month by month.

The demo exports with an annual objective (seasonality, a sales cycle of one
and two months, annual spend per source), reported for every month of the
year: the months' goals and spends add up exactly to the year's report, and a
quarter's to its months'. A spend file in ``[input.spend]`` gives the spend of
its period; relative periods resolve against ``--as-of``; and the docs'
scheduler lines run as written (the date fixed).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from smarketing.cli import main

ROOT = Path(__file__).parent.parent

ANNUAL = """
[objective]
period = "2026"
revenue_goal = 2400000
marketing_share = 0.6
average_sale = 10000
currency = "EUR"
seasonality = [1, 1, 1.2, 1, 1, 0.8, 0.6, 0.7, 1, 1.1, 1.2, 1.4]
sales_cycle_months = {cycle}

[funnel]
preset = "hubspot"
rates = [0.45, 0.55, 0.5, 0.45]

[[sources]]
name = "paid search"
close_rate = 0.04
spend = 72000
aliases = ["Google Ads", "adwords"]

[[sources]]
name = "organic social"
close_rate = 0.05
spend = 18000.50

[[sources]]
name = "email marketing"
close_rate = 0.07

[sla]
speed = {{ within_hours = 4, share = 0.9 }}

[input]
adapter = "hubspot"
leads = "hubspot-contacts.csv"
deals = "hubspot-deals.csv"
zone = "Europe/Paris"
"""


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    assert main(["demo", "--write-data", str(folder)]) == 0
    return folder


def _report(config: Path, *args: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "smarketing", "report", "--config", str(config),
         "--format", "json", *args],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _spend(document: dict[str, Any]) -> dict[str, Decimal]:
    return {
        entry["source"]: Decimal(entry["same_period"]["spend"])
        for entry in document["sources"]
        if entry["same_period"]["spend"] is not None
    }


def _goals(document: dict[str, Any]) -> tuple[int, Decimal, dict[str, int]]:
    marketing = document["marketing"]
    sources = {
        entry["source"]: entry["goal_leads"]
        for entry in document["sources_attainment"]
        if entry.get("goal_leads") is not None
    }
    return marketing["goal_leads"], Decimal(marketing["goal_value"]), sources


def _add(parts: list[dict[str, Any]]) -> tuple[int, Decimal, dict[str, int], dict[str, Decimal]]:
    leads, value = 0, Decimal(0)
    sources: dict[str, int] = {}
    spend: dict[str, Decimal] = {}
    for document in parts:
        part_leads, part_value, part_sources = _goals(document)
        leads += part_leads
        value += part_value
        for name, count in part_sources.items():
            sources[name] = sources.get(name, 0) + count
        for name, amount in _spend(document).items():
            spend[name] = spend.get(name, Decimal(0)) + amount
    return leads, value, sources, spend


@pytest.mark.parametrize("cycle", [1, 2])
def test_an_annual_plan_month_by_month_adds_up_to_the_year(sample: Path, cycle: int) -> None:
    config = sample / f"annual-{cycle}.toml"
    config.write_text(ANNUAL.format(cycle=cycle), encoding="utf-8")
    months = [_report(config, "--period", f"2026-{m:02d}", "--as-of", "2026-12-31")
              for m in range(1, 13)]  # fmt: skip
    year = _report(config, "--period", "2026", "--as-of", "2026-12-31")
    leads, value, sources, spend = _add(months)
    year_leads, year_value, year_sources = _goals(year)
    assert (leads, value, sources) == (year_leads, year_value, year_sources)
    assert (
        spend
        == _spend(year)
        == {
            "paid search": Decimal(72000),
            "organic social": Decimal("18000.50"),
        }
    )
    # a month is charged its own days' share of the year's spend, not the year's
    november = _spend(months[10])
    assert abs(november["paid search"] - Decimal(72000) * 30 / 365) < Decimal("0.01")
    quarter = _report(config, "--period", "2026-Q4", "--as-of", "2026-12-31")
    assert _add(months[9:])[:3] == _goals(quarter)
    year_to_date = _report(config, "--period", "year-to-date", "--as-of", "2026-09-30")
    assert _add(months[:9])[:3] == _goals(year_to_date)


def test_a_spend_file_gives_the_spend_of_the_period(sample: Path) -> None:
    (sample / "spend.csv").write_text(
        "Month,Source,Campaign,Cost\n"
        "2026-10,Google Ads,brand,3000.00\n"
        "2026-11,Google Ads,brand,3100.00\n"
        "2026-11,organic social,,450.50\n"
        "2026-11,Google Ads,brand,-5\n"  # negative: set aside with its line
        "2026-11,Podcast,,99\n",  # no lead source of that name: kept, and a finding
        encoding="utf-8",
    )
    config = sample / "with-spend.toml"
    config.write_text(
        (sample / "smarketing.toml").read_text(encoding="utf-8")
        + '\n[input.spend]\nfile = "spend.csv"\noptions = { spend_mapping = { month = "Month", '
        'source = "Source", campaign = "Campaign", amount = "Cost" }, spend_currency = "EUR" }\n',
        encoding="utf-8",
    )
    november = _report(config, "--period", "2026-11", "--as-of", "2026-11-20")
    spend = _spend(november)
    assert spend["paid search"] == Decimal("3100.00")  # the file's, through the alias
    assert spend["organic social"] == Decimal("450.50")  # the file's, not the config's
    assert spend["email marketing"] == Decimal("260.87")  # the config's 800 x 30/92 days
    origins = {entry["source"]: entry["spend_origin"] for entry in november["sources"]}
    assert "spend.csv" in origins["paid search"]
    assert "days" in origins["email marketing"]
    assert origins["direct traffic"] is None
    (entry,) = [entry for entry in november["inputs"] if entry["kind"] == "spend"]
    assert (entry["rows_read"], entry["records"], entry["rejected"]) == (5, 4, 1)
    assert spend["podcast"] == Decimal(99)
    (finding,) = november["spend_findings"]
    assert (finding["finding"], finding["source"]) == ("spend_unknown_source", "podcast")


def test_the_report_says_which_revenue_the_leads_serve(sample: Path) -> None:
    """A sales cycle of one month: November's leads are for December's revenue."""
    config = sample / "smarketing.toml"
    november = _report(config, "--period", "2026-11", "--as-of", "2026-11-20")
    assert november["goals"]["revenue_months"] == ["2026-12"]
    assert november["goals"]["due_before_objective"] == []
    quarter = _report(config, "--period", "2026-Q4", "--as-of", "2026-11-20")
    assert quarter["goals"]["outside_plan"] == ["2026-12"]  # December's leads serve January
    assert quarter["goals"]["due_before_objective"] == [
        {"month": "2026-10", "leads": 259, "due": "2026-09"}
    ]
    text = subprocess.run(
        [sys.executable, "-m", "smarketing", "report", "--config", str(config), "--period",
         "2026-11", "--as-of", "2026-11-20", "--lang", "fr"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "servent le chiffre d'affaires de 2026-12" in text


def test_relative_periods_resolve_against_as_of(sample: Path) -> None:
    config = sample / "smarketing.toml"
    fixed = _report(config, "--period", "2026-11", "--as-of", "2026-11-30")
    current = _report(config, "--period", "current-month", "--as-of", "2026-11-30")
    assert current == fixed
    previous = _report(config, "--period", "previous-month", "--as-of", "2026-12-01")
    assert previous["period"] == "2026-11"
    assert previous["marketing"] == fixed["marketing"]


def _recipes() -> list[str]:
    """The scheduled ``smarketing report`` lines of the README and the docs, as written."""
    lines = []
    for name in ("README.md", "docs/howto.md", "docs/cli.md"):
        if not (ROOT / name).exists():  # the installed wheel's tests run without the README
            continue
        text = (ROOT / name).read_text(encoding="utf-8")
        for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
            command = block.replace("\\\n", " ")
            for line in command.splitlines():
                scheduled = re.search(r" (-o|--output) ", line) and "as-of" in line
                if "smarketing report" in line and scheduled:
                    lines.append(line.strip())
    return lines


@pytest.mark.parametrize("recipe", _recipes())
def test_the_docs_scheduler_lines_run_as_written(sample: Path, tmp_path: Path, recipe: str) -> None:
    """Each line run by the shell, its date fixed and its paths pointed at the sample."""
    line = re.sub(r"^[0-9*/ ,-]+(?=smarketing)", "", recipe)  # a crontab's schedule
    line = re.sub(r'"\$\(date -d yesterday \+\\?%F\)"', "2026-11-20", line)
    line = line.replace("--as-of today", "--as-of 2026-12-01")
    line = re.sub(r"\S*smarketing\.toml", str(sample / "smarketing.toml"), line)
    line = re.sub(r"(-o|--output) \S+", rf"\1 {tmp_path / 'out'}", line)
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    result = subprocess.run(
        ["bash", "-c", line], capture_output=True, text=True, check=False, env=environment
    )
    assert result.returncode in (0, 1), result.stderr  # 1: a breach under --fail-on-breach
    written = (tmp_path / "out").read_text(encoding="utf-8")
    assert "2026-11" in written
    assert len(_recipes()) >= 3
