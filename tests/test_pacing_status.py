"""Pacing statuses that say what happened: not started yet, met and still flooding."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smarketing import Period
from smarketing.measuring.pacing import PacingStatus, pace
from smarketing.measuring.sla import PacingRule
from smarketing.planning.business_calendar import BusinessCalendar
from smarketing.reporting.i18n import Words

NOVEMBER = Period.month(2026, 11)


def paced(goal: int, daily: dict[date, int], as_of: date) -> PacingStatus:
    return pace(
        unit="leads",
        goal=goal,
        daily=daily,
        period=NOVEMBER,
        as_of=as_of,
        rule=PacingRule(),
        calendar=BusinessCalendar(),
    ).status


@given(st.integers(1, 400), st.integers(1, 5000))
def test_before_the_period_starts_the_status_is_not_started(before: int, goal: int) -> None:
    """As of a day before the period, the status was ON TRACK with nothing to say."""
    as_of = NOVEMBER.start - timedelta(days=before)
    assert paced(goal, {}, as_of) is PacingStatus.NOT_STARTED


def test_on_the_first_day_the_period_has_started() -> None:
    assert paced(100, {}, NOVEMBER.start) is PacingStatus.BEHIND
    assert paced(30, {NOVEMBER.start: 1}, NOVEMBER.start) is PacingStatus.ON_TRACK


def test_a_goal_passed_far_ahead_of_the_line_is_met_with_the_ahead_warning() -> None:
    """At 3,121% of goal the status was MET and the 'too many leads' warning was lost."""
    daily = {date(2026, 11, day): 160 for day in range(1, 21)}  # 3,200 leads against 100
    assert paced(100, daily, date(2026, 11, 20)) is PacingStatus.MET_AHEAD


def test_a_goal_met_near_the_line_is_met() -> None:
    daily = {date(2026, 11, day): 4 for day in range(1, 31)}  # 120 against 100, by the end
    assert paced(100, daily, date(2026, 11, 30)) is PacingStatus.MET
    # 1.2 x the expected is still within the line; above it, ahead
    assert paced(100, {date(2026, 11, 1): 120}, date(2026, 11, 30)) is PacingStatus.MET
    assert paced(100, {date(2026, 11, 1): 121}, date(2026, 11, 30)) is PacingStatus.MET_AHEAD


@given(st.integers(1, 1000), st.integers(0, 5000), st.integers(0, 29))
def test_met_whenever_the_goal_is_reached(goal: int, actual: int, day: int) -> None:
    as_of = NOVEMBER.start + timedelta(days=day)
    status = paced(goal, {NOVEMBER.start: actual}, as_of)
    assert (status in (PacingStatus.MET, PacingStatus.MET_AHEAD)) == (actual >= goal)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_status_has_words(lang: str) -> None:
    words = Words(lang)
    shown = {status: words.status(status.value) for status in PacingStatus}
    assert all(text and text == text.upper() for text in shown.values()), shown
    assert len(set(shown.values())) == len(shown)
    assert "AHEAD" in shown[PacingStatus.MET_AHEAD] or "AVANCE" in shown[PacingStatus.MET_AHEAD]


def test_the_report_says_not_started_before_the_period() -> None:
    """The command showed ON TRACK for a period that had not started."""
    from importlib.resources import files

    config = str(files("smarketing.demo") / "smarketing.toml")
    base = [sys.executable, "-m", "smarketing", "report", "--config", config]
    base += ["--as-of", "2026-09-20"]
    text = subprocess.run(base, capture_output=True, text=True, check=True, timeout=60).stdout
    assert "NOT STARTED" in text
    assert "ON TRACK" not in text
    document = json.loads(
        subprocess.run(
            [*base, "--format", "json"], capture_output=True, text=True, check=True, timeout=60
        ).stdout
    )
    assert document["pacing"]["status"] == "not_started"
