"""Config errors in the config's own words: file, line, key, the limit, and what to write."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given

from smarketing import ConfigError
from smarketing.config import parse_config
from smarketing.config.reading import _line_of
from tests.strategies import toml_layouts

OBJECTIVE = """\
[objective]
revenue_goal = 1000000
marketing_share = 0.5
average_sale = 10000
close_rate = 0.02
period = "2026-11"
"""
INPUT = '\n[input]\nadapter = "csv"\nleads = "leads.csv"\n\n[input.options]\n'


def error_of(text: str) -> ConfigError:
    with pytest.raises(ConfigError) as raised:
        parse_config(text, path="sla.toml")
    return raised.value


def assert_at(error: ConfigError, line: int, key: str, *words: str) -> None:
    """The error names the file, the line and the key, and says each of ``words``."""
    message = str(error)
    assert (error.path, error.line, error.key) == ("sla.toml", line, key), message
    assert message.startswith(f"sla.toml, line {line}: {key} "), message
    for word in words:
        assert word in message, message
    assert "Decimal(" not in message, message


@pytest.mark.parametrize("value", ["1e300", "1e999999999", '"1e999999999"', "-1e400"])
def test_a_goal_no_crm_has_is_refused_at_once_with_the_limit(value: str) -> None:
    """revenue_goal = 1e999999999 grew to 845 MB before failing: refused by its exponent."""
    error = error_of(OBJECTIVE.replace("1000000", value))
    assert_at(error, 2, "objective.revenue_goal", "10**15")


@pytest.mark.parametrize(
    ("old", "new", "line", "key", "words"),
    [
        ("average_sale = 10000", "average_sale = 1e20", 4, "objective.average_sale",
         ("10**15",)),
        ("close_rate = 0.02", "close_rate = 0.0000000000001", 5, "objective.close_rate",
         ("12 decimal places",)),
        ('"2026-11"', '"2026-11"\nsales_cycle_months = 100000', 7,
         "objective.sales_cycle_months", ("120",)),
        ('"2026-11"', '"2026-11"\nsales_cycle_months = -1', 7,
         "objective.sales_cycle_months", ("0",)),
        ("marketing_share = 0.5", "marketing_share = 40", 3, "objective.marketing_share",
         ("between 0 and 1", "write 50% as 0.5")),
        ("close_rate = 0.02", "close_rate = 2", 5, "objective.close_rate",
         ("more than 0 and at most 1", "write 2% as 0.02")),
        ("revenue_goal = 1000000", "revenue_goal = 0", 2, "objective.revenue_goal",
         ("more than 0",)),
    ],
)  # fmt: skip
def test_numbers_out_of_range_are_worded_in_the_config(
    old: str, new: str, line: int, key: str, words: tuple[str, ...]
) -> None:
    assert_at(error_of(OBJECTIVE.replace(old, new)), line, key, *words)


def test_a_typo_in_a_required_key_is_named_with_a_suggestion() -> None:
    error = error_of(OBJECTIVE.replace("marketing_share", "marketing_shar"))
    assert_at(
        error,
        3,
        "objective.marketing_shar",
        "not a known key",
        "did you mean marketing_share",
        "objective.marketing_share is required",
    )


def test_a_typo_in_an_optional_key_is_named_with_a_suggestion() -> None:
    error = error_of(OBJECTIVE + "curency = 'EUR'\n")
    assert_at(error, 7, "objective.curency", "not a known key", "did you mean currency")


def test_a_misspelt_table_gets_its_line_and_a_suggestion() -> None:
    error = error_of(OBJECTIVE + '\n[calender]\nopens = "09:00"\n')
    assert_at(error, 8, "calender", "not a known key", "did you mean calendar")


def test_a_missing_required_key_points_at_its_table() -> None:
    error = error_of(OBJECTIVE.replace("average_sale = 10000\n", ""))
    assert_at(error, 1, "objective.average_sale", "is required")


def test_a_missing_required_key_in_an_array_of_tables_points_at_that_table() -> None:
    text = OBJECTIVE + '\n[[sources]]\nname = "a"\nclose_rate = 0.1\n\n[[sources]]\nname = "b"\n'
    assert_at(error_of(text), 12, "sources.close_rate", "is required")


def test_a_bad_value_in_the_second_of_an_array_of_tables_gets_its_own_line() -> None:
    text = OBJECTIVE + '\n[[sources]]\nname = "a"\nclose_rate = 0.1\n\n'
    text += '[[sources]]\nname = "b"\nclose_rate = 7\n'
    assert_at(error_of(text), 14, "sources.close_rate", "at most 1")


@pytest.mark.parametrize("value", ['"yesterday"', '"20/11/2026"', "9999-12-31", "1066-10-14"])
def test_a_report_date_that_is_no_date_or_out_of_range(value: str) -> None:
    """as_of = "yesterday" gave KeyError: 'date'; 9999-12-31 overflowed later."""
    error = error_of(OBJECTIVE + f"\n[report]\nas_of = {value}\n")
    assert_at(error, 9, "report.as_of", "2026-11-20")


@pytest.mark.parametrize(
    ("clause", "key", "words"),
    [
        ("speed = { within_hours = 1e12 }", "sla.speed.within_hours", ("8,784",)),
        ("speed = { within_hours = 0 }", "sla.speed.within_hours", ("longer than zero",)),
        ("depth = { touches = 3, within_days = 1e9 }", "sla.depth.within_days", ("366",)),
        ("depth = { touches = 10000000000, within_days = 3 }", "sla.depth.touches", ("10**9",)),
        ("speed = { within_hours = 4, share = 1.5 }", "sla.speed.share", ("between 0 and 1",)),
        ("pacing = { ahead_above = 1e99 }", "sla.pacing.ahead_above", ("10**15",)),
        ("leads = 1e3", "sla.leads", ("a whole number",)),
    ],
)
def test_sla_clauses_out_of_range(clause: str, key: str, words: tuple[str, ...]) -> None:
    """within_hours = 1e12 and within_days = 1e9 raised OverflowError."""
    assert_at(error_of(OBJECTIVE + f"\n[sla]\n{clause}\n"), 9, key, *words)


def test_pacing_thresholds_are_worded_in_the_config() -> None:
    text = OBJECTIVE + "\n[sla]\npacing = { behind_below = 0.9, ahead_above = 0.5 }\n"
    assert_at(error_of(text), 9, "sla.pacing.ahead_above", "1 or more (write 120% as 1.2)")


def test_keys_that_do_not_fit_together_are_placed_at_their_table() -> None:
    error = error_of(OBJECTIVE + "seasonality = [1, 2]\n")
    assert_at(error, 1, "objective", "one weight per month")
    text = OBJECTIVE + '\n[[sources]]\nname = "a"\nclose_rate = 0.1\n\n'
    text += '[[sources]]\nname = "a"\nclose_rate = 0.2\n'
    assert_at(error_of(text), 1, "objective", "listed twice")


@pytest.mark.parametrize(
    ("option", "words"),
    [
        ('delimiter = ",,"', ("one character",)),
        ('mapping = { id = 5, created = "Created" }', ("text", "'id'")),
        ("won_values = [1]", ("a list of texts",)),
        ("check_duplicates = 'no'", ("true or false",)),
        ("delimeter = ';'", ("did you mean delimiter",)),
    ],
)
def test_adapter_options_are_checked_where_they_are_written(
    option: str, words: tuple[str, ...]
) -> None:
    """delimiter=",," and mapping={"id":5} raised TypeError, won_values=[1] AttributeError."""
    error = error_of(OBJECTIVE + INPUT + option + "\n")
    key = "input.options." + option.split(" ")[0]
    assert_at(error, 13, key, *words)


def test_options_of_an_adapter_not_installed_wait_for_the_reading() -> None:
    config = parse_config(OBJECTIVE + INPUT.replace('"csv"', '"nosuch"') + "x = 1\n")
    assert config.input is not None
    assert config.input.options == {"x": 1}


# -- the command ------------------------------------------------------------------------


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smarketing", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize("value", ["1e999999", "1e300", "-1e20", "0.0000000000001", "nan"])
def test_plan_refuses_a_revenue_goal_no_crm_has(value: str) -> None:
    """plan --revenue-goal 1e999999 hung."""
    result = run("plan", "--revenue-goal", value, "--marketing-share", "0.5",
                 "--average-sale", "10000", "--close-rate", "0.02")  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "--revenue-goal" in result.stderr
    assert "Traceback" not in result.stderr


def test_plan_refuses_a_huge_flag_over_a_config(tmp_path: Path) -> None:
    config = tmp_path / "sla.toml"
    config.write_text(OBJECTIVE, encoding="utf-8")
    result = run("plan", "--config", str(config), "--average-sale", "1e999999999")
    assert result.returncode == 2, result.stderr
    assert "--average-sale" in result.stderr
    assert "10**15" in result.stderr


def test_plan_with_a_huge_goal_in_the_config_fails_fast_with_its_line(tmp_path: Path) -> None:
    config = tmp_path / "sla.toml"
    config.write_text(OBJECTIVE.replace("1000000", "1e999999999"), encoding="utf-8")
    result = run("plan", "--config", str(config))
    assert result.returncode == 2, result.stderr
    assert f"{config}, line 2: objective.revenue_goal" in result.stderr


def test_report_refuses_an_as_of_past_the_calendar() -> None:
    """--as-of 9999-12-31 gave a traceback (date overflow)."""
    result = run("demo", "--format", "json")
    assert result.returncode == 0
    demo = Path(str(__import__("importlib.resources").resources.files("smarketing.demo")))
    result = run("report", "--config", str(demo / "smarketing.toml"), "--as-of", "9999-12-31")
    assert result.returncode == 2, result.stderr
    assert "--as-of" in result.stderr
    assert "2199-12-31" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("option", "words"),
    [
        ('delimiter = ",,"', "one character"),
        ("won_values = [1]", "a list of texts"),
        ('mapping = { id = 5, created = "Created" }', "text"),
    ],
)
def test_report_exits_2_on_a_bad_option_in_the_config(
    tmp_path: Path, option: str, words: str
) -> None:
    config = tmp_path / "sla.toml"
    config.write_text(OBJECTIVE + INPUT + option + "\n", encoding="utf-8")
    (tmp_path / "leads.csv").write_text("id,created\nL1,2026-11-02\n", encoding="utf-8")
    for command in ("report", "validate"):
        result = run(command, "--config", str(config))
        assert result.returncode == 2, result.stderr
        assert re.search(rf"{re.escape(str(config))}, line 13: input\.options\.\w+ ", result.stderr)
        assert words in result.stderr


@pytest.mark.parametrize(
    ("option", "words"),
    [
        ('delimiter=",,"', "one character"),
        ("won_values=[1]", "a list of texts"),
        ('mapping={"id": 5}', "text"),
    ],
)
def test_validate_exits_2_on_a_bad_option_flag(tmp_path: Path, option: str, words: str) -> None:
    leads = tmp_path / "leads.csv"
    leads.write_text("id,created\nL1,2026-11-02\n", encoding="utf-8")
    result = run("validate", "--adapter", "csv", "--leads", str(leads), "--option", option)
    assert result.returncode == 2, result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr


# -- the library ------------------------------------------------------------------------


def test_a_sales_cycle_past_the_calendar_is_an_invalid_period() -> None:
    """sales_cycle_months = 100000 raised a bare ValueError from the month arithmetic."""
    from smarketing import InvalidPeriod, Objective, Period

    objective = Objective(
        revenue_goal=Decimal(1000),
        marketing_share=Decimal(1),
        average_sale=Decimal(10),
        close_rate=Decimal("0.1"),
        period=Period.parse("2026-Q4"),
        sales_cycle_months=100000,
    )
    with pytest.raises(InvalidPeriod, match="100000 months before 2026-10"):
        objective.plan().by_month()


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01"])
def test_collecting_as_of_a_day_out_of_range_says_so(as_of: str) -> None:
    """as_of 9999-12-31 overflowed in the pass (OverflowError: date value out of range)."""
    from smarketing import Funnel, InvalidValue, collect_actuals

    funnel = Funnel.from_rates({"lead": Decimal("0.5")}, customer="customer", handoff="lead")
    with pytest.raises(InvalidValue, match=r"as_of .* 1900-01-01 to 2199-12-31"):
        collect_actuals([], [], funnel=funnel, as_of=date.fromisoformat(as_of))


@given(toml_layouts())
def test_every_key_is_found_on_its_line(layout: tuple[str, dict[str, int], dict[str, int]]) -> None:
    """The line of a key written, of a key missing (its table's), in any layout of tables."""
    text, keys, headers = layout
    for label, line in keys.items():
        table, _, key = label.rpartition(".")
        name, _, occurrence = table.partition("#")
        assert _line_of(text, f"{name}.{key}", int(occurrence or 0)) == line, (label, text)
    for label, line in headers.items():
        name, _, occurrence = label.partition("#")
        assert _line_of(text, f"{name}.not_written_here", int(occurrence or 0)) == line


def test_a_misspelt_key_is_named_before_what_the_others_fail_to_make() -> None:
    """leeds = 4 said the commitment "sets neither leads nor lead_value"."""
    text = OBJECTIVE + '\n[sla.sources."paid search"]\nleeds = 4\n'
    assert_at(error_of(text), 9, "sla.sources.paid search.leeds", "did you mean leads")
