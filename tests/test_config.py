"""The config file: every key read and checked, errors that say where."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

import pytest

from smarketing import ConfigError, Period
from smarketing.config import load_config, parse_config

EXAMPLE = Path(__file__).parent.parent / "examples" / "smarketing.toml"
DEMO = Path(str(files("smarketing.demo") / "smarketing.toml"))


def test_the_complete_example_reads() -> None:
    config = load_config(EXAMPLE)
    assert config.objective is not None
    assert config.objective.currency == "EUR"
    assert config.funnel is not None
    assert config.input is not None
    assert config.input.leads.endswith("hubspot-contacts.csv")
    sla = config.sla_for(Period.parse("2027-03"))
    assert sla.speed is not None
    assert sla.speed.within == timedelta(hours=24)
    assert sla.calendar.holidays == frozenset({date(2027, 1, 1), date(2027, 5, 1)})
    assert sla.calendar.opens == time(8, 30)


def test_a_month_of_a_seasonal_plan_sets_the_sla() -> None:
    """November holds marketing to the leads due in November, with November's part of the spend."""
    config = load_config(DEMO)
    november = config.sla_for(Period.month(2026, 11))
    # Q4: 776 leads split 1 : 1.1 : 0.9 -> 259, 284, 233; marketing revenue 432,000 -> 129,600
    # for December. With a sales cycle of one month, the leads due in November are December's.
    assert november.marketing.leads == 233
    assert november.marketing.lead_value == Decimal("129600.00")
    assert november.goals is not None
    assert november.goals.revenue_months == (Period.month(2026, 12),)
    # the quarter's spend by calendar days: 30 of 92 days, cent-exact (6000 -> 1956.52)
    assert dict(november.spend) == {
        "paid search": Decimal("1956.52"),
        "organic social": Decimal("489.13"),
        "email marketing": Decimal("260.87"),
    }
    assert november.spend_origin_of("paid search") == "objective's period, split by days"
    with pytest.raises(ConfigError, match="2027-01 is outside the objective's period 2026-Q4"):
        config.sla_for(Period.month(2027, 1))


def test_explicit_sla_goals_win() -> None:
    config = parse_config(
        """
[funnel]
stages = ["lead", "customer"]
rates = [0.1]
handoff = "lead"

[sla]
leads = 40
lead_value = 8000
stage = "lead"
pacing = { behind_below = 0.8, business_days = true }

[sla.sources."paid search"]
leads = 25
"""
    )
    sla = config.sla_for(Period.month(2026, 11))
    assert (sla.marketing.leads, sla.marketing.lead_value) == (40, Decimal(8000))
    assert sla.marketing.sources[0].source == "paid search"
    assert sla.pacing.business_days is True
    assert sla.pacing.behind_below == Decimal("0.8")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[objective\n", "not valid TOML"),
        ("[objectiv]\n", "objectiv is not a known key"),
        ("[funnel]\nrates = [0.5]\n", "funnel.stages is required unless preset"),
        ('[funnel]\npreset = "hubspot"\nrates = [0.5, 0.5]\n', "one rate per pair of stages: 4"),
        ('[funnel]\npreset = "salesforce"\nrates = [0.5]\n', 'must be "hubspot"'),
        ('[funnel]\npreset = "hubspot"\nrates = [0.5, 0.5, 0.5, 1.5]\n', "at most 1"),
        ("[[sources]]\nname = 'x'\n", "sources.close_rate is required"),
        ("sources = 3\n", "must be an array of tables"),
        ("[calendar]\nworkdays = ['monday', 'funday']\n", "weekdays are mon, tue"),
        ("[input]\nadapter = 'csv'\nzone = 'Mars/Olympus'\n", "input.zone must be a time zone"),
        ("[sla]\nspeed = { within_hours = 0 }\n", "longer than zero"),
        ("[sla]\ndepth = { touches = 'five', within_days = 3 }\n", "must be a whole number"),
        ("[report]\nperiod = 'November'\n", "report.period must be a period"),
    ],
)
def test_bad_configs(text: str, words: str) -> None:
    with pytest.raises(ConfigError, match=words) as raised:
        parse_config(text, path="sla.toml")
    assert str(raised.value).startswith("sla.toml")


def test_error_carries_key_and_line() -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(
            "[objective]\nclose_rate = 0.1\nrevenue_goal = 1000\nmarketing_share = 'half'\n",
            path="x.toml",
        )
    assert (raised.value.key, raised.value.line) == ("objective.marketing_share", 4)


def test_floats_are_read_exactly() -> None:
    config = parse_config(
        "[objective]\nrevenue_goal = 1000000.10\nmarketing_share = 0.1\naverage_sale = 3\n"
        "close_rate = 0.3\n"
    )
    assert config.objective is not None
    assert config.objective.revenue_goal == Decimal("1000000.10")
    assert config.objective.marketing_share == Decimal("0.1")


def test_missing_file() -> None:
    with pytest.raises(ConfigError, match="cannot read the config file"):
        load_config("/no/such/config.toml")
