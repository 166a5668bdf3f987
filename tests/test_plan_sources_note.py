"""The plan says why its sources' leads add up to another figure than the leads needed."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from smarketing import LeadSource, Objective

CONFIG = """\
[objective]
revenue_goal = 2400000
marketing_share = 0.5
average_sale = 10000
close_rate = 0.025

[[sources]]
name = "paid search"
close_rate = 0.02
share = 0.5

[[sources]]
name = "organic search"
close_rate = 0.03
share = 0.3

[[sources]]
name = "referrals"
close_rate = 0.02
average_sale = 16000
share = 0.2
"""


def objective(*closes: str) -> Objective:
    names = ("paid search", "organic search", "referrals")
    shares = ("0.5", "0.3", "0.2")
    return Objective(
        revenue_goal=Decimal(2400000),
        marketing_share=Decimal("0.5"),
        average_sale=Decimal(10000),
        close_rate=Decimal("0.025"),
        sources=[
            LeadSource(name, close_rate=Decimal(close), share=Decimal(share))
            for name, close, share in zip(names, closes, shares, strict=True)
        ],
    )


def test_the_plan_adds_up_its_sources_leads() -> None:
    plan = objective("0.02", "0.03", "0.02").plan()
    assert plan.leads_needed == 4800
    assert [source.leads_needed for source in plan.sources] == [3000, 1200, 1200]
    assert plan.source_leads_needed == 5400


def test_sources_without_shares_have_no_total() -> None:
    plan = Objective(
        revenue_goal=Decimal(1000),
        marketing_share=Decimal(1),
        average_sale=Decimal(10),
        close_rate=Decimal("0.1"),
        sources=[LeadSource("a", close_rate=Decimal("0.1"))],
    ).plan()
    assert plan.source_leads_needed is None


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smarketing", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plan") / "sla.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


@pytest.mark.parametrize(("fmt", "lang"), [("text", "en"), ("markdown", "en"), ("html", "en")])
def test_every_laid_out_format_says_why_the_sources_add_up_to_more(
    config: Path, fmt: str, lang: str
) -> None:
    """3,000 + 1,200 + 750 = 4,950 leads by source against 4,800 needed, with no word why."""
    result = run("plan", "--config", str(config), "--format", fmt, "--lang", lang)
    assert result.returncode == 0, result.stderr
    assert "4,950" in result.stdout
    assert "own close rate" in result.stdout


def test_the_french_text_says_it_too(config: Path) -> None:
    result = run("plan", "--config", str(config), "--lang", "fr")
    assert result.returncode == 0, result.stderr
    assert "propre taux de conversion" in result.stdout


def test_json_and_csv_carry_the_total_and_the_reason(config: Path) -> None:
    document = json.loads(run("plan", "--config", str(config), "--format", "json").stdout)
    assert (document["leads_needed"], document["source_leads_needed"]) == (4800, 4950)
    assert "own close rate" in document["source_leads_note"]
    rows = list(
        csv.reader(io.StringIO(run("plan", "--config", str(config), "--format", "csv").stdout))
    )
    summary = {row[2]: row[3] for row in rows if row[0] == "summary"}
    assert summary["source_leads_needed"] == "4950"
    assert "own close rate" in summary["source_leads_note"]
