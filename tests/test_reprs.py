"""Readable results: short reprs, notebook tables that escape, a docstring for every field.

A result printed at a prompt or in a notebook shows a summary of one or two
lines (under 300 characters however big the result), money with its
currency and cents rounded half up, rates as percents; ``_repr_html_`` shows
the same summary as a table, every value escaped. Every field of a public
attrs class is documented twice, the same words: a ``#:`` comment (which
Sphinx reads) and the class docstring's ``Attributes:`` section (which
``help()`` shows).
"""

from __future__ import annotations

import ast
import inspect
import math
import os
import re
import textwrap
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from importlib.resources import files
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import smarketing
from smarketing import (
    SLA,
    Attainment,
    Compliance,
    Deal,
    DurationSketch,
    Finding,
    Findings,
    InputReport,
    Lead,
    LeadSource,
    MarketingCommitment,
    Objective,
    Period,
    ReadReport,
    SLAReport,
    SourceCommitment,
    SpeedClause,
    collect_actuals,
    evaluate,
    read,
)
from smarketing.adapters.sql.pushdown import PushDown
from smarketing.config import load_config
from smarketing.measuring.spend import SpendActuals
from smarketing.records import Spend
from tests.strategies import HUBSPOT_FUNNEL, funnels, planned_objectives, record_sets

LIMIT = 300
DEMO = Path(str(files("smarketing.demo")))
NOVEMBER = Period.month(2026, 11)
SCRIPT = "<script>alert(1)</script>"


# -- the demo's objects --------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo() -> dict[str, Any]:
    """Every result of the demo, by the name of its class (read as the command reads it)."""
    config = load_config(DEMO / "smarketing.toml")
    source = config.input
    assert source is not None
    here = Path.cwd()
    os.chdir(DEMO)  # the config names its files relative to itself
    try:
        reading = read(source.adapter, source.leads, deals=source.deals, options=source.options)
        sla = config.sla_for(NOVEMBER)
        as_of = date(2026, 11, 20)
        actuals = reading.collect_actuals(
            sla=sla, as_of=as_of, zone=ZoneInfo(source.zone), breaches_in=NOVEMBER
        )
    finally:
        os.chdir(here)
    report = evaluate(sla, actuals, NOVEMBER, as_of=as_of, trend=6)
    assert config.objective is not None
    plan = config.objective.plan()
    spend = SpendActuals.collect(
        [Spend.month("events", 2026, 11, Decimal("300")), Spend.month("ads", 2026, 10, Decimal(1))]
    )
    return {
        "SLAReport": report,
        "FunnelActuals": actuals,
        "Plan": plan,
        "SourcePlan": plan.sources[0],
        "MonthPlan": plan.by_month()[0],
        "ReadReport": reading.report,
        "InputReport": reading.report.leads,
        "Reading": reading,
        "PushDown": PushDown(actuals, 12, reading.report),
        "MeasuredBack": report.measured,
        "TrendPoint": report.trend[-1],
        "Attainment": report.marketing,
        "Compliance": report.speed,
        "Pacing": report.pacing,
        "SLA": sla,
        "Objective": config.objective,
        "Funnel": sla.funnel,
        "DurationSketch": actuals.response_time(NOVEMBER),
        "Findings": report.findings,
        "SpendActuals": spend,
    }


def check_short(value: object) -> str:
    """The repr of ``value``, checked: under 300 characters, at most two lines, no raw Decimal."""
    shown = repr(value)
    assert len(shown) < LIMIT, shown
    assert shown.count("\n") <= 1, shown
    assert shown.startswith(f"<{type(value).__name__}"), shown
    assert "Decimal(" not in shown, shown
    return shown


def test_every_demo_result_has_a_short_repr(demo: dict[str, Any]) -> None:
    for name, value in demo.items():
        assert type(value).__name__ == name
        check_short(value)


def test_the_demo_report_repr_says_period_attainment_status_and_counts(
    demo: dict[str, Any],
) -> None:
    assert repr(demo["SLAReport"]) == (
        "<SLAReport 2026-11 as of 2026-11-20: leads 144/233 = 61.8% on_track; "
        "lead value EUR 78,363.13/129,600.00 = 60.5%; speed 51.5% breached; depth 68.4% breached; "
        "564 leads read, 50 breaches, 7 sources, 218 findings>"
    )
    assert repr(demo["Plan"]) == (
        "<Plan 2026-Q4: revenue goal EUR 720,000.00, marketing EUR 432,000.00 (60.0%); "
        "44 customers, 776 leads, lead value EUR 556.88; 5 stages, 4 sources>"
    )
    assert repr(demo["Pacing"]) == (
        "<Pacing 'leads': 144/233 (61.8%) on_track on day 20 of 30; expected 155.3, "
        "projected 216.0, needed a day 8.9>"
    )


def test_a_repr_changes_only_the_repr(demo: dict[str, Any]) -> None:
    """attrs' equality and hashing are kept: a copy is equal, and hashes alike when it can."""
    for name, value in demo.items():
        if not attrs.has(type(value)):
            continue
        copy = attrs.evolve(value)
        assert copy == value, name
        assert copy is not value
        if type(value).__hash__ is None:  # a mutable result (a read report): unhashable
            continue
        try:
            expected = hash(value)
        except TypeError:  # frozen, with a dict inside: as unhashable as before
            with pytest.raises(TypeError):
                hash(copy)
        else:
            assert hash(copy) == expected, name


# -- big and hostile results ---------------------------------------------------------------

LONG = "x" * 5000
HUGE_MONEY = Decimal("999999999999999.999999999999")  # just under the limit, twelve places


def test_big_results_keep_short_reprs(demo: dict[str, Any]) -> None:
    report: SLAReport = demo["SLAReport"]
    big_attainment = Attainment(LONG, 10**9, 10**12, HUGE_MONEY, HUGE_MONEY * 10**9)
    big_clause = Compliance(LONG, Decimal("0.999"), 10**12, 10**12, 10**12, 10**12)
    big_report = attrs.evolve(
        report,
        currency=LONG,
        commitment_stage=LONG,
        marketing=big_attainment,
        speed=big_clause,
        depth=big_clause,
        leads_read=10**15,
        breach_count=10**15,
        findings=Findings(dict.fromkeys(Finding, 10**12)),
    )
    findings = Findings(dict.fromkeys(Finding, 10**12), dict.fromkeys(Finding, (LONG,) * 3))
    inputs = InputReport(LONG, LONG, rows_read=10**12, records=10**12, rejected=10**12)
    for _ in range(2000):
        inputs.keep_rejection(smarketing.Rejection(LONG, 10**9, LONG, LONG, LONG))
    many_sources = Objective(
        revenue_goal=HUGE_MONEY,
        marketing_share=Decimal("0.333333333333"),
        average_sale=Decimal("0.000000000001"),
        close_rate=Decimal("0.000000000001"),
        currency="EUR",
        sources=[LeadSource(f"{i}{LONG}", close_rate=Decimal("0.5")) for i in range(50)],
    )
    stages = smarketing.Funnel.of_stages([f"{i}{LONG}" for i in range(40)], handoff=f"0{LONG}")
    for value in (
        big_report,
        big_attainment,
        big_clause,
        findings,
        inputs,
        ReadReport(inputs, inputs, inputs),
        many_sources,
        many_sources.plan(),
        *many_sources.plan().sources[:2],
        stages,
        SLA(
            stages,
            MarketingCommitment(
                10**9, HUGE_MONEY, sources=[SourceCommitment(f"{i}", 1) for i in range(500)]
            ),
            speed=SpeedClause(timedelta(days=10**5)),
            currency=LONG,
        ),
    ):
        check_short(value)


@given(record_sets(max_leads=20), st.text(min_size=0, max_size=400))
def test_generated_reports_and_actuals_keep_short_reprs(
    records: tuple[list[Lead], list[Deal]], name: str
) -> None:
    leads, deals = records
    sla = SLA(
        HUBSPOT_FUNNEL,
        MarketingCommitment(leads=7, lead_value=Decimal("1234.565")),
        speed=SpeedClause(timedelta(hours=4), share=Decimal("0.9")),
        lead_values={name: Decimal("10.005"), "paid search": Decimal("3")},
        default_lead_value=Decimal("0.125"),
        currency="EUR",
    )
    actuals = collect_actuals(leads, deals, sla=sla, as_of=date(2026, 11, 20), breaches_in=NOVEMBER)
    report = evaluate(sla, actuals, NOVEMBER, as_of=date(2026, 11, 20))
    for value in (actuals, report, report.measured, report.marketing, report.findings, sla):
        check_short(value)
    for point in report.trend:
        check_short(point)


@given(planned_objectives(), funnels())
def test_generated_plans_keep_short_reprs(objective: Objective, funnel: smarketing.Funnel) -> None:
    plan = objective.plan()
    for value in (objective, plan, *plan.sources, *plan.by_month(), funnel):
        check_short(value)


# -- figures: exactly the value rounded half up --------------------------------------------


def cents(value: Decimal) -> str:
    """The reference: ``value`` rounded half up (away from zero) to cents, grouped by three."""
    exact = Fraction(value)
    whole = math.floor(abs(exact) * 100 + Fraction(1, 2))
    sign = "-" if exact < 0 and whole else ""
    return f"{sign}{whole // 100:,}.{whole % 100:02d}"


def tenths_of_percent(rate: Decimal) -> str:
    """The reference: ``rate`` as a percent rounded half up to one decimal."""
    whole = math.floor(abs(Fraction(rate)) * 1000 + Fraction(1, 2))
    sign = "-" if rate < 0 and whole else ""
    return f"{sign}{whole // 10:,}.{whole % 10}%"


#: Thousandths, so that the half cent is often a tie (2.665: 2.67 half up, 2.66 half even).
ties = st.integers(-(10**33), 10**33).map(lambda n: Decimal(f"{n}E-3"))
amounts = st.one_of(
    st.decimals(min_value=Decimal("0.000000000001"), max_value=HUGE_MONEY, places=12),
    ties.filter(lambda value: 0 < value <= HUGE_MONEY),
    st.integers(1, 10**17).map(lambda n: Decimal(f"{n}E-3")),
)
huge_values = st.one_of(
    st.decimals(min_value=-(10**30), max_value=10**30, places=12, allow_nan=False), ties
)
shares = st.decimals(min_value=Decimal("0.000000000001"), max_value=1, places=12)


@given(amounts, shares)
def test_an_objective_shows_its_money_and_rates_rounded_half_up(
    goal: Decimal, share: Decimal
) -> None:
    objective = Objective(
        revenue_goal=goal,
        marketing_share=share,
        average_sale=goal,
        close_rate=share,
        currency="EUR",
    )
    shown = check_short(objective)
    assert f"revenue goal EUR {cents(goal)}," in shown
    assert f"average sale EUR {cents(goal)}," in shown
    assert f"marketing share {tenths_of_percent(share)}," in shown


@given(huge_values, huge_values)
def test_a_lead_value_of_any_size_shows_exact_cents(value: Decimal, goal: Decimal) -> None:
    attainment = Attainment(None, 10, 3, goal, value)
    shown = check_short(attainment)
    assert f"value {cents(value)}/{cents(goal)} (" in shown


def test_ties_round_away_from_zero_and_no_negative_zero() -> None:
    shown = repr(Attainment(None, None, 0, None, Decimal("2.665")))
    assert "value 2.67>" in shown
    assert "value -2.67>" in repr(Attainment(None, None, 0, None, Decimal("-2.665")))
    assert "value 0.00>" in repr(Attainment(None, None, 0, None, Decimal("-0.004")))


def test_a_duration_sketch_shows_its_quantiles() -> None:
    sketch = DurationSketch()
    for hours in (1, 2, 3):
        sketch.add(hours * 3600)
    assert (
        repr(sketch) == "<DurationSketch 3 durations, median 2.0 h, 90th pct 3.0 h (accuracy 0.01)>"
    )
    assert (
        repr(DurationSketch())
        == "<DurationSketch 0 durations, median –, 90th pct – (accuracy 0.01)>"
    )


# -- notebook tables -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_tables() -> dict[str, str]:
    return dict(hostile_results())


def hostile_results() -> Iterator[tuple[str, str]]:
    """(name, HTML) of each notebook table, with a script in every text a user controls."""
    sla = SLA(
        smarketing.Funnel.of_stages([SCRIPT, "customer"], handoff=SCRIPT),
        MarketingCommitment(leads=10, lead_value=Decimal(100)),
        speed=SpeedClause(timedelta(hours=1), share=Decimal("0.9")),
        currency="EUR",
    )
    leads = [
        Lead(
            SCRIPT,
            datetime(2026, 11, 2, 9),
            source=SCRIPT,
            owner=SCRIPT,
            stages={SCRIPT: datetime(2026, 11, 2, 10)},
            touches=[datetime(2026, 11, 3, 9)],
        )
    ]
    actuals = collect_actuals(leads, [], sla=sla, as_of=date(2026, 11, 20), breaches_in=NOVEMBER)
    report = evaluate(sla, actuals, NOVEMBER, as_of=date(2026, 11, 20))
    yield "SLAReport", attrs.evolve(report, currency=SCRIPT)._repr_html_()
    yield "FunnelActuals", actuals._repr_html_()
    inputs = InputReport(SCRIPT, "leads")
    inputs.reject(3, SCRIPT, SCRIPT, SCRIPT)
    yield "ReadReport", ReadReport(leads=inputs)._repr_html_()
    objective = Objective(
        revenue_goal=Decimal(1000),
        marketing_share=Decimal(1),
        average_sale=Decimal(100),
        close_rate=Decimal("0.5"),
        funnel=smarketing.Funnel.from_rates(
            {SCRIPT: Decimal("0.5")}, customer="won", handoff=SCRIPT
        ),
        sources=[LeadSource(SCRIPT, close_rate=Decimal("0.5"), share=Decimal(1))],
    )
    yield "Plan", objective.plan()._repr_html_()


@pytest.mark.parametrize("name", ["SLAReport", "FunnelActuals", "ReadReport", "Plan"])
def test_notebook_tables_escape_every_value(hostile_tables: dict[str, str], name: str) -> None:
    table = hostile_tables[name]
    assert "<script" not in table.lower(), name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in table, name
    # only the tags the table is made of; no link, style sheet or script loaded
    assert set(re.findall(r"</?([a-z]+)", table)) <= {"table", "caption", "tr", "th", "td"}
    assert "src=" not in table
    assert "href=" not in table


def test_the_report_table_shows_the_text_reports_summary(demo: dict[str, Any]) -> None:
    table = demo["SLAReport"]._repr_html_()
    for figure in (  # the figures the text report shows (docs/.. demo-en.text), in its words
        "<td>Leads</td><td>144</td><td>233</td><td>61.8%</td><td>ON TRACK</td>",
        "<td>EUR 78,363.13</td><td>EUR 129,600.00</td><td>60.5%</td>",
        "<td>Speed</td><td>66</td><td>34</td><td>32</td><td>0</td><td>51.5%</td><td>BREACHED</td>",
        "<td>Median sales cycle</td><td>21.0 d</td>",
        "<td>14 · EUR 148,750.00</td>",
    ):
        assert figure in table
    for name in ("Plan", "FunnelActuals", "ReadReport"):
        assert demo[name]._repr_html_().startswith('<table class="smarketing"><caption>')


# -- a docstring for every field -----------------------------------------------------------


def public_attrs_classes() -> list[type]:
    """Every attrs class ``smarketing`` exports, and the results of the push-down and the spend."""
    found = [getattr(smarketing, name) for name in smarketing.__all__]
    exported = [value for value in found if inspect.isclass(value) and attrs.has(value)]
    return [*exported, PushDown, SpendActuals]


def comments_before_fields(cls: type) -> dict[str, str]:
    """Each field's ``#:`` comment (the lines right above it), joined; "" when it has none."""
    source = textwrap.dedent(inspect.getsource(cls))
    lines = source.splitlines()
    (node,) = ast.parse(source).body
    assert isinstance(node, ast.ClassDef)
    found = {}
    for statement in node.body:
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            above: list[str] = []
            index = statement.lineno - 2
            while index >= 0 and lines[index].strip().startswith("#:"):
                above.insert(0, lines[index].strip()[2:].strip())
                index -= 1
            found[statement.target.id] = " ".join(above)
    return found


def attributes_section(cls: type) -> dict[str, str]:
    """The ``Attributes:`` section of the class docstring: name to text, lines joined."""
    doc = inspect.getdoc(cls) or ""
    _, header, section = doc.partition("\nAttributes:\n")
    assert header, f"{cls.__name__}: no 'Attributes:' section in its docstring"
    found: dict[str, str] = {}
    name = None
    for line in section.splitlines():
        if not line.strip():
            break
        entry = re.match(r"    (\w+): (.*)", line)
        if entry:
            name = entry[1]
            found[name] = entry[2].strip()
        elif line.startswith("        ") and name is not None:
            found[name] += " " + line.strip()
        else:
            break
    return found


@pytest.mark.parametrize("cls", public_attrs_classes(), ids=lambda cls: cls.__name__)
def test_every_public_field_has_a_docstring(cls: type) -> None:
    fields = [field.name for field in attrs.fields(cls)]
    comments = comments_before_fields(cls)
    section = attributes_section(cls)
    assert list(section) == fields, f"{cls.__name__}: the Attributes section names {list(section)}"
    for name in fields:
        assert comments.get(name), f"{cls.__name__}.{name} has no '#:' comment"
        assert comments[name] == section[name], f"{cls.__name__}.{name}: the two texts differ"
