"""The goals of any report period: months, quarters, year-to-date, dates; spend; sales cycle."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smarketing import ConfigError, InvalidPeriod, Objective, Period
from smarketing.config import load_config, parse_config
from smarketing.planning.allocation import part_of
from smarketing.planning.goals import PeriodGoals, SpendFigure, period_goals
from tests.strategies import PERIOD_KINDS, any_periods, partitions, planned_objectives

EXAMPLE = Path(__file__).parent.parent / "examples" / "smarketing.toml"


# -- periods ----------------------------------------------------------------------------------


@given(any_periods())
def test_every_kind_of_period_reads_back_from_its_label(period: Period) -> None:
    """Period.parse(p.label) == p for months, quarters, years, whole months, dates, and the
    relative periods (year-to-date ...) once resolved."""
    assert Period.parse(period.label) == period
    assert Period.resolve(period.label) == period


@pytest.mark.parametrize("kind", PERIOD_KINDS)
@given(data=st.data())
def test_each_kind_of_period_reads_back_from_its_label(kind: str, data: st.DataObject) -> None:
    """Each kind on its own (none left to chance), and the label is the kind's own form."""
    period = data.draw(any_periods(kind))
    label = period.label
    assert Period.parse(label) == period
    form = {"month": r"\d{4}-\d{2}", "quarter": r"\d{4}-Q[1-4]", "year": r"\d{4}"}.get(kind)
    if form is not None:
        assert re.fullmatch(form, label), label


@given(any_periods(), st.data())
def test_a_period_reads_back_from_other_spellings_of_its_label(
    period: Period, data: st.DataObject
) -> None:
    """Spaces around, a lower-case q, a quarter without its dash, dates joined by `..`."""
    label = period.label
    spelling = label.replace("/", data.draw(st.sampled_from(["/", "..", " / ", " .. "])))
    if "-Q" in label:
        spelling = spelling.replace("-Q", data.draw(st.sampled_from(["-Q", "-q", "Q", "q"])))
    padded = (
        data.draw(st.sampled_from(["", " ", "\t"]))
        + spelling
        + data.draw(st.sampled_from(["", " ", "\n"]))
    )
    assert Period.parse(padded) == period


@pytest.mark.parametrize("text", ["9999-12", "9999-Q4", "9999", "0001-01", "0001-Q1"])
def test_the_calendars_last_and_first_months_read_back(text: str) -> None:
    """December 9999 ends on the calendar's last day (no month after it to count back from)."""
    period = Period.parse(text)
    assert period.label == text
    assert period.months()[-1].end.month == period.end.month


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("current-month", "2026-11"),
        ("previous-month", "2026-10"),
        ("current-quarter", "2026-Q4"),
        ("previous-quarter", "2026-Q3"),
        ("current-year", "2026"),
        ("previous-year", "2025"),
        ("year-to-date", "2026-01-01/2026-11-20"),
        (" Year-To-Date ", "2026-01-01/2026-11-20"),
    ],
)
def test_relative_periods_resolve_against_as_of(name: str, expected: str) -> None:
    """Each relative period is read against the as-of date."""
    assert Period.resolve(name, date(2026, 11, 20)).label == expected


def test_relative_periods_at_the_turn_of_the_year() -> None:
    """January's previous month and quarter are in the year before."""
    as_of = date(2027, 1, 3)
    assert Period.resolve("previous-month", as_of) == Period.month(2026, 12)
    assert Period.resolve("previous-quarter", as_of) == Period.quarter(2026, 4)
    assert Period.resolve("year-to-date", as_of) == Period(date(2027, 1, 1), as_of)


def test_a_relative_period_without_as_of_says_what_is_missing() -> None:
    """No as-of date: an error naming --as-of and [report] as_of."""
    with pytest.raises(
        InvalidPeriod, match=r"needs an as-of date: give --as-of .* \[report\] as_of"
    ):
        Period.resolve("current-month")


def test_the_config_reads_a_relative_report_period() -> None:
    """[report] period = "previous-month" resolves against [report] as_of, or the command's."""
    config = parse_config('[report]\nperiod = "previous-month"\nas_of = 2026-11-20\n')
    assert config.period == Period.month(2026, 10)
    assert config.report_period() == Period.month(2026, 10)
    assert config.report_period(as_of=date(2027, 1, 5)) == Period.month(2026, 12)
    assert config.report_period("2026-Q3") == Period.quarter(2026, 3)
    later = parse_config('[report]\nperiod = "year-to-date"\n', path="sla.toml")
    assert later.period is None
    assert later.report_period(as_of=date(2026, 3, 1)) == Period.parse("2026-01-01/2026-03-01")
    with pytest.raises(ConfigError, match=r"sla.toml: report.period: .*needs an as-of date"):
        later.report_period()


# -- pro rata ---------------------------------------------------------------------------------


@given(st.integers(0, 10**9), st.integers(1, 12), st.data())
def test_the_parts_of_a_month_add_up_to_the_month(
    leads: int, month: int, data: st.DataObject
) -> None:
    """Any cut of a month into days gives parts adding up to its leads and its money."""
    whole = Period.month(2026, month)
    parts = data.draw(partitions(whole, most=30))
    assert sum(part_of(leads, whole, part) for part in parts) == leads
    money = Decimal(leads) / 100
    assert sum(Decimal(part_of(money, whole, part, "money")) for part in parts) == money


# -- the plan's goals for any period ----------------------------------------------------------


def _sum(goals: list[PeriodGoals]) -> tuple[object, ...]:
    """Leads, lead value, each source's goals and each source's spend, added up exactly."""
    leads = sum(Fraction(g.leads) for g in goals)
    value = sum(Fraction(g.lead_value) for g in goals)
    sources: dict[str, list[Fraction]] = {}
    for g in goals:
        for source in g.sources:
            got = sources.setdefault(source.source, [Fraction(0), Fraction(0)])
            got[0] += Fraction(source.leads or 0)
            got[1] += Fraction(source.lead_value or 0)
    spend: dict[str, Fraction] = {}
    for g in goals:
        for figure in g.spend:
            spend[figure.source] = spend.get(figure.source, Fraction(0)) + Fraction(figure.amount)
    return leads, value, sources, spend


def _totals(goals: PeriodGoals) -> tuple[object, ...]:
    return _sum([goals])


@settings(max_examples=40, deadline=None)
@given(planned_objectives(), st.sampled_from(["days", "seasonality"]), st.data())
def test_the_parts_of_any_span_add_up_to_the_whole(
    objective: Objective, split: str, data: st.DataObject
) -> None:
    """Cut the plan's span (its due months to its end) anyhow: the parts' goals, source goals
    and spend add up exactly to the span's, which are the plan's whole goals and spend."""
    plan = objective.plan()
    assert objective.period is not None
    span = Period(plan.by_month()[0].leads_due.start, objective.period.end)
    whole = period_goals(plan, span, spend_split=split)  # type: ignore[arg-type]
    parts = data.draw(partitions(span))
    pieces = [period_goals(plan, part, spend_split=split) for part in parts]  # type: ignore[arg-type]
    assert _sum(pieces) == _totals(whole)
    assert whole.leads == plan.leads_needed
    assert whole.lead_value == plan.marketing_revenue_goal
    for goal, source in zip(whole.sources, plan.sources, strict=True):
        assert (goal.leads, goal.lead_value) == (source.leads_needed, source.revenue_goal)
    spend = {s.name: s.spend for s in objective.sources if s.spend is not None}
    assert {figure.source: figure.amount for figure in whole.spend} == spend


@settings(max_examples=40, deadline=None)
@given(planned_objectives(), st.data())
def test_quarters_and_year_to_date_are_the_sums_of_their_months(
    objective: Objective, data: st.DataObject
) -> None:
    """Each month of the objective, its quarters and any year-to-date: sums of their months."""
    plan = objective.plan()
    assert objective.period is not None
    span = Period(plan.by_month()[0].leads_due.start, objective.period.end)

    def by_months(period: Period) -> tuple[object, ...]:
        # months outside the plan's span have no goal (and are refused on their own)
        inside = [month for month in period.months() if month.overlap(span) is not None]
        return _sum([period_goals(plan, month) for month in inside])

    assert by_months(objective.period) == _totals(period_goals(plan, objective.period))
    first = objective.period.start
    quarter = Period.quarter(first.year, (first.month + 2) // 3)
    assert by_months(quarter) == _totals(period_goals(plan, quarter))
    as_of = data.draw(st.dates(min_value=objective.period.start, max_value=objective.period.end))
    ytd = Period.resolve("year-to-date", as_of)
    assert by_months(ytd) == _totals(period_goals(plan, ytd))


def test_an_annual_plan_month_by_month_with_a_sales_cycle() -> None:
    """Seasonality, a cycle of 1 and of 2 months, annual spend: 12 months add up to the year."""
    for cycle in (1, 2):
        config = load_config(EXAMPLE)
        assert config.objective is not None
        objective = config.objective
        plan = Objective(
            revenue_goal=objective.revenue_goal,
            marketing_share=objective.marketing_share,
            average_sale=objective.average_sale,
            close_rate=objective.close_rate,
            period=objective.period,
            seasonality=objective.seasonality,
            sales_cycle_months=cycle,
            sources=objective.sources,
        ).plan()
        months = [period_goals(plan, Period.month(2027, m)) for m in range(1, 13)]
        year = period_goals(plan, Period.year(2027))
        assert _sum(months) == _totals(year)
        # the year holds the leads due in it: all but those of the first `cycle` months
        assert [m.period.label for m in year.due_before_objective] == [
            f"2027-{m:02d}" for m in range(1, cycle + 1)
        ]
        early = sum(month.leads_needed for month in plan.by_month()[:cycle])
        assert isinstance(early, int)
        assert (
            year.leads
            == 4800
            - early
            - sum(  # December (and November) serve 2028
                m.leads for m in months[12 - cycle :]
            )
        )
        assert all(m.leads == 0 and m.revenue_months == () for m in months[12 - cycle :])
        assert months[11].outside_plan == (Period.month(2027, 12),)


# -- Config.sla_for against the example's objective -------------------------------------------
#
# examples/smarketing.toml: 2027, revenue 2,400,000 x 0.6 = 1,440,000 for marketing; average
# sale 12,000 -> 120 customers; close rate 0.4 x 0.5 x 0.5 x 0.25 = 0.025 -> 4,800 leads.
# Seasonality 2 2 3 3 3 2 1 1 3 3 4 3 (sum 30): month leads 160 x w, marketing revenue
# 48,000 x w. Sales cycle 2: the leads due in a month serve the revenue two months later.
# Sources: paid search 0.5 -> 720,000 / 10,000 = 72 customers / 0.02 = 3,600 leads (120 x w);
# organic 0.3 -> 432,000 / 12,000 = 36 / 0.03 = 1,200 (40 x w); referrals 0.2 -> 288,000 /
# 15,000 = 19.2 / 0.12 = 160 leads, by largest remainder 11 11 16 16 16 11 5 5 16 16 21 16.
# Spend for 2027 split by calendar days, month by month by largest remainder in cents: paid
# search 90,000 -> January 7,643.84, February 6,904.11, March 7,643.84, November 7,397.26.


def test_september_holds_marketing_to_novembers_leads() -> None:
    """2027-09: the leads due in September are November's (w = 4): 640, 192,000; per source."""
    sla = load_config(EXAMPLE).sla_for(Period.month(2027, 9))
    assert (sla.marketing.leads, sla.marketing.lead_value) == (640, Decimal("192000.00"))
    assert [(s.source, s.leads, s.lead_value) for s in sla.marketing.sources] == [
        ("paid search", 480, Decimal("96000.00")),
        ("organic search", 160, Decimal("57600.00")),
        ("referrals", 21, Decimal("38400.00")),
    ]
    # 30 of 365 days: 90,000 x 30 / 365 = 7,397.26; 12,000 x 30 / 365 = 986.30
    assert dict(sla.spend) == {"paid search": Decimal("7397.26"), "referrals": Decimal("986.30")}
    assert sla.goals is not None
    assert sla.goals.revenue_months == (Period.month(2027, 11),)


def test_november_serves_next_years_revenue() -> None:
    """2027-11: its due leads are for January 2028, outside the objective: no goal, said so;
    its spend is November's part (not the year's 90,000)."""
    sla = load_config(EXAMPLE).sla_for(Period.month(2027, 11))
    assert (sla.marketing.leads, sla.marketing.lead_value) == (0, Decimal(0))
    assert sla.goals is not None
    assert sla.goals.outside_plan == (Period.month(2027, 11),)
    assert sla.spend_of("paid search") == Decimal("7397.26")
    assert sla.spend_origin_of("paid search") == "objective's period, split by days"


def test_the_fourth_quarter() -> None:
    """2027-Q4: October's due leads serve December (480, 144,000); November and December's
    serve 2028. Spend: 92 days, 22,684.92 of paid search."""
    sla = load_config(EXAMPLE).sla_for(Period.quarter(2027, 4))
    assert (sla.marketing.leads, sla.marketing.lead_value) == (480, Decimal("144000.00"))
    assert [(s.source, s.leads) for s in sla.marketing.sources] == [
        ("paid search", 360),
        ("organic search", 120),
        ("referrals", 16),
    ]
    assert sla.spend_of("paid search") == Decimal("22684.92")
    assert sla.goals is not None
    assert sla.goals.outside_plan == (Period.parse("2027-11-01/2027-12-31"),)


def test_year_to_date() -> None:
    """YTD to 20 March: March's revenue (480) + April's (480) + 20/31 of May's (480 x 20 / 31 =
    309.68 -> 310): 1,270 leads; value 144,000 + 144,000 + 92,903.23. January and February's
    leads were due in 2026, before the objective: said so."""
    config = load_config(EXAMPLE)
    ytd = Period.resolve("year-to-date", date(2027, 3, 20))
    sla = config.sla_for(ytd)
    assert (sla.marketing.leads, sla.marketing.lead_value) == (1270, Decimal("380903.23"))
    # paid search: 7,643.84 + 6,904.11 + 764,384 cents x 20 / 31 = 4,931.51
    assert sla.spend_of("paid search") == Decimal("19479.46")
    assert sla.goals is not None
    assert [m.period.label for m in sla.goals.due_before_objective] == ["2027-01", "2027-02"]
    assert [m.leads_needed for m in sla.goals.due_before_objective] == [320, 320]


def test_a_date_range() -> None:
    """10 March to 20 April: 22/31 of May's 480 (480 - round(480 x 9 / 31) = 480 - 139 = 341)
    and 20/30 of June's 320 (213): 554 leads; 102,193.55 + 64,000 of lead value."""
    sla = load_config(EXAMPLE).sla_for(Period.parse("2027-03-10/2027-04-20"))
    assert (sla.marketing.leads, sla.marketing.lead_value) == (554, Decimal("166193.55"))
    assert sla.goals is not None
    assert sla.goals.revenue_months == (Period.month(2027, 5), Period.month(2027, 6))


def test_a_period_outside_the_objective_is_refused() -> None:
    """2028-03 is after the objective and its due months: a ConfigError naming both."""
    with pytest.raises(ConfigError, match=r"2028-03 is outside the objective's period 2027") as e:
        load_config(EXAMPLE).sla_for(Period.month(2028, 3))
    assert e.value.key == "objective.period"


def test_the_months_before_the_objective_hold_its_first_leads() -> None:
    """2026-11: the leads due in November 2026 are January 2027's (320, 96,000); no spend yet."""
    sla = load_config(EXAMPLE).sla_for(Period.month(2026, 11))
    assert (sla.marketing.leads, sla.marketing.lead_value) == (320, Decimal("96000.00"))
    assert sla.spend_of("paid search") == Decimal(0)


# -- spend shapes -----------------------------------------------------------------------------

_PLAN = """
[objective]
period = "2026"
revenue_goal = 1200000
marketing_share = 0.5
average_sale = 10000
close_rate = 0.05
seasonality = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1]
{objective_extra}

[funnel]
stages = ["lead", "customer"]
rates = [0.05]
handoff = "lead"

[[sources]]
name = "paid search"
close_rate = 0.05
share = 1
{source_extra}
"""


def _config(objective_extra: str = "", source_extra: str = "spend = 72000") -> str:
    return _PLAN.format(objective_extra=objective_extra, source_extra=source_extra)


def test_spend_split_by_seasonality() -> None:
    """72,000 by the weights (13 in all): November's weight 2 -> 11,076.92 and a left-over cent."""
    config = parse_config(_config('spend_split = "seasonality"'))
    sla = config.sla_for(Period.month(2026, 11))
    assert sla.spend_of("paid search") == Decimal("11076.93")
    assert sla.spend_origin_of("paid search") == "objective's period, split by seasonality"


def test_spend_by_month_table() -> None:
    """A month table: a month's spend is its figure; a quarter the sum; half a month half."""
    table = 'spend_by_month = { "2026-10" = 5000, "2026-11" = 6000, "2026-12" = 4500.50 }'
    config = parse_config(_config(source_extra=table))
    november = config.sla_for(Period.month(2026, 11))
    assert november.spend_of("paid search") == Decimal(6000)
    assert november.spend_origin_of("paid search") == "month table"
    q4 = config.sla_for(Period.quarter(2026, 4))
    assert q4.spend_of("paid search") == Decimal("15500.50")
    half = config.sla_for(Period.parse("2026-11-01/2026-11-15"))
    assert half.spend_of("paid search") == Decimal(3000)
    assert config.sla_for(Period.month(2026, 3)).spend_of("paid search") == Decimal(0)
    # the plan's cost and return count the table's months in the objective's period
    assert config.objective is not None
    economics = config.objective.plan().sources[0].economics
    assert economics is not None
    assert economics.spend == Decimal("15500.50")


def test_a_commitment_at_a_later_stage() -> None:
    """[sla] stage = MQL: the plan's 1,920 MQLs (4,800 x 0.4) split like the leads; September
    holds marketing to November's 1,920 x 4 / 30 = 256, and no per-source lead counts."""
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'stage = "lead" ', 'stage = "marketingqualifiedlead" '
    )
    sla = parse_config(text, path=str(EXAMPLE)).sla_for(Period.month(2027, 9))
    assert sla.commitment_stage == "marketingqualifiedlead"
    assert (sla.marketing.leads, sla.marketing.lead_value) == (256, Decimal("192000.00"))
    paid = sla.marketing.sources[0]
    assert (paid.source, paid.leads, paid.lead_value) == ("paid search", None, Decimal("96000.00"))


def test_a_spend_file_figure_replaces_the_configs() -> None:
    """The seam for a spend file: a figure given to sla_for wins, with its origin."""
    config = parse_config(_config())
    figure = SpendFigure("paid search", Decimal("5812.40"), "spend file")
    other = SpendFigure("referrals", Decimal(100), "spend file")
    sla = config.sla_for(Period.month(2026, 11), spend=[figure, other])
    assert sla.spend == (("paid search", Decimal("5812.40")), ("referrals", Decimal(100)))
    assert sla.spend_origin_of("paid search") == "spend file"


@pytest.mark.parametrize(
    ("objective_extra", "source_extra", "key", "line", "words"),
    [
        ("", 'spend_by_month = { "2026-11" = -5 }', "sources.spend_by_month", 20,
         "the spend for 2026-11 must be an amount of 0 or more, got -5"),
        ("", 'spend_by_month = { "2026-11" = 5, "2026-11-01/2026-11-30" = 6 }',
         "sources.spend_by_month", 20, "are the same month: give each month once"),
        ("", 'spend_by_month = { "2026-Q4" = 5 }', "sources.spend_by_month", 20,
         "'2026-Q4' is not a month"),
        ("", 'spend_by_month = { "2025-06" = 5 }', "sources.spend_by_month", 20,
         "gives spend for 2025-06 .* does not overlap the objective's period 2026"),
        ("", 'spend = 5\nspend_by_month = { "2026-11" = 5 }', "sources.spend_by_month", 21,
         "and spend are both given"),
        ('spend_split = "weeks"', "", "objective.spend_split", 9,
         '"days" .* or "seasonality"'),
        ("", "spend = -72000", "sources.spend", 20, "an amount of 0 or more"),
    ],
)  # fmt: skip
def test_bad_spend(
    objective_extra: str, source_extra: str, key: str, line: int, words: str
) -> None:
    """Each bad spend is a ConfigError naming file, line and key."""
    with pytest.raises(ConfigError, match=words) as raised:
        parse_config(_config(objective_extra, source_extra), path="sla.toml")
    assert (raised.value.key, raised.value.line) == (key, line)
    assert str(raised.value).startswith(f"sla.toml, line {line}: {key}")


def test_a_month_given_twice_in_toml_is_refused() -> None:
    """The same key twice is not TOML: the error says so, with the line."""
    with pytest.raises(ConfigError, match="not valid TOML"):
        parse_config(_config(source_extra='spend_by_month = { "2026-11" = 5, "2026-11" = 6 }'))


# -- explicit goals ---------------------------------------------------------------------------


def test_an_explicit_lead_value_is_carried_with_the_plans_lead_values() -> None:
    """[sla] lead_value: the SLA carries it, and values each lead by the plan to measure it."""
    config = parse_config(_config() + "\n[sla]\nlead_value = 50000\n")
    sla = config.sla_for(Period.month(2026, 11))
    assert (sla.marketing.leads, sla.marketing.lead_value) == (None, Decimal(50000))
    assert sla.default_lead_value == Decimal(500)  # close rate 0.05 x 10,000
    assert sla.lead_value_of("paid search") == Decimal("500.00")
    # the spend is still the month's part: 7,200,000 cents x 30 / 365 = 591,780.82, whose
    # remainder is too small for one of the year's left-over cents
    assert sla.spend_of("paid search") == Decimal("5917.80")
