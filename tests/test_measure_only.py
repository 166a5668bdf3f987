"""Measuring only: a config with just ``[input]`` (and maybe ``[funnel]`` stages) reports.

No goal, no rates, no hand-off needed: stages, sources, won revenue and the
follow-up, with attainment and pacing marked as having no goal. A goal that
is needed and missing names every missing key at once.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from smarketing import ConfigError, Funnel, InvalidFunnel, MarketingCommitment
from smarketing.cli import main
from smarketing.config import parse_config

INPUT = """
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


def _run(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smarketing", "report", "--config", str(config),
         "--period", "2026-11", "--as-of", "2026-11-20", *args],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_a_config_with_only_input_reports_what_happened(sample: Path) -> None:
    config = sample / "measure.toml"
    config.write_text(INPUT, encoding="utf-8")
    result = _run(config, "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    full = json.loads(_run(sample / "smarketing.toml", "--format", "json").stdout)
    assert document["marketing"]["leads"] == full["marketing"]["leads"] == 144
    assert document["marketing"]["goal_leads"] is None
    assert document["marketing"]["lead_attainment"] is None
    assert document["pacing"] is None
    assert document["stages"] == full["stages"]
    assert [s["won_revenue"] for s in document["sources"]] == [
        s["won_revenue"] for s in full["sources"]
    ]
    for form in ("text", "markdown", "csv", "html"):
        assert _run(config, "--format", form).returncode == 0
    text = _run(config, "--format", "text").stdout
    assert re.search(r"Leads +144 +no goal", text), text[:600]
    assert "sans objectif" in _run(config, "--format", "text", "--lang", "fr").stdout


def test_funnel_stages_without_rates_measure_with_those_stages(sample: Path) -> None:
    config = sample / "stages.toml"
    config.write_text(
        '[funnel]\nstages = ["lead", "marketingqualifiedlead", "customer"]\n'
        'handoff = "marketingqualifiedlead"\n\n[sla]\nspeed = { within_hours = 4 }\n' + INPUT,
        encoding="utf-8",
    )
    result = _run(config, "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert [stage["stage"] for stage in document["stages"]][:3] == [
        "lead",
        "marketingqualifiedlead",
        "customer",
    ]
    assert document["speed"]["handed_off"] > 0


def test_a_funnel_of_stages_cannot_plan() -> None:
    funnel = Funnel.of_stages(["lead", "mql", "customer"], handoff="mql")
    with pytest.raises(InvalidFunnel, match="lists its stages only"):
        funnel.close_rate()
    with pytest.raises(InvalidFunnel, match=r"\[funnel\] rates"):
        funnel.back_solve(10)
    assert MarketingCommitment().leads is None


def test_every_missing_goal_key_is_named_at_once() -> None:
    """A report refused to run one missing item at a time."""
    missing = r"missing: revenue_goal, average_sale, close_rate"
    with pytest.raises(ConfigError, match=missing) as info:
        parse_config("[objective]\nmarketing_share = 0.5\n", path="x.toml")
    assert "x.toml, line 1" in str(info.value)
    with pytest.raises(ConfigError, match=r"revenue_goal \(is revenue_gaol misspelt\?\)"):
        parse_config("[objective]\nrevenue_gaol = 5\nmarketing_share = 0.5\n", path="x.toml")
