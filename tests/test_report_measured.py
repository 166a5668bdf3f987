"""The four metrics measured back and the trend, in the document and in every format."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from typing import Any

from smarketing import Objective, Period, evaluate
from smarketing.config import load_config
from smarketing.reporting import render
from smarketing.reporting.document import PlannedFigures, ReportDocument, report_document
from tests.test_measured_back import AS_OF, NOVEMBER, SLA_, _scenario

SVG = "{http://www.w3.org/2000/svg}"
OBJECTIVE = Objective(
    revenue_goal=Decimal(12000),
    marketing_share=Decimal("0.5"),
    average_sale=Decimal(2000),
    close_rate=Decimal("0.5"),
    period=NOVEMBER,
)


def _document(**options: Any) -> ReportDocument:
    leads, deals = _scenario()
    report = evaluate(SLA_, leads, NOVEMBER, as_of=AS_OF, deals=deals)
    return report_document(report, sla=SLA_, **options)


def test_the_document_holds_the_figures_and_the_plan_next_to_them() -> None:
    """The hand-computed month, in the JSON contract, with the objective's four metrics."""
    measured = _document(objective=OBJECTIVE).to_dict()["measured"]
    assert measured == {
        "won_deals": 3,
        "won_revenue": "6000.00",
        "won_from_leads_deals": 2,
        "won_from_leads_revenue": "4000.00",
        "marketing_share": "0.666667",
        "average_sale": "2000.00",
        "cohort_leads": 3,
        "cohort_customers": 2,
        "close_rate": "0.666667",
        "lost_deals": 1,
        "win_rate": "0.75",
        "pipeline_deals": 2,
        "pipeline_amount": "1200.00",
        "median_sales_cycle_seconds": measured["median_sales_cycle_seconds"],
        "planned": {
            "revenue_goal": "12000.00",
            "marketing_revenue_goal": "6000.00",
            "marketing_share": "0.5",
            "average_sale": "2000.00",
            "close_rate": "0.5",
        },
    }
    assert abs(measured["median_sales_cycle_seconds"] - 10 * 86400) <= 10 * 864
    assert _document().measured.planned is None


def test_the_trend_in_the_document() -> None:
    """May to September are empty (data starts on 20 October); October is counted."""
    trend = _document().to_dict()["trend"]
    assert [point["period"] for point in trend] == [
        "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10",
    ]  # fmt: skip
    assert [point["empty"] for point in trend] == [True] * 5 + [False]
    assert trend[0]["leads"] is None
    assert trend[0]["won_revenue"] is None
    october = trend[-1]
    assert october["leads"] == 1
    assert october["goal_leads"] is None
    assert october["won_revenue"] == "400.00"
    assert october["win_rate"] == "0.5"
    assert october["period_start"] == "2026-10-01"


def test_every_format_shows_them_in_english_and_french() -> None:
    """Text, Markdown and HTML show both sections; CSV carries every figure."""
    document = _document(objective=OBJECTIVE)
    for fmt in ("text", "markdown", "html"):
        english = render(document, fmt, "en")
        assert "The four metrics measured back" in english
        assert "Win rate" in english
        assert "Trend: the periods before" in english
        assert "no data yet" in english
        assert "no goal" in english
        french = render(document, fmt, "fr")
        assert "Les quatre indicateurs mesurés" in french
        assert "Taux de gain" in french
        assert "pas encore de données" in french
        assert "sans objectif" in french
        assert "75,0\u00a0%" in french
    rows = list(csv.reader(io.StringIO(render(document, "csv"))))
    assert ["measured", "", "win_rate", "0.75"] in rows
    assert ["measured", "", "planned.revenue_goal", "12000.00"] in rows
    assert ["trend", "2026-10", "won_revenue", "400.00"] in rows
    assert ["trend", "2026-05", "empty", "true"] in rows
    assert json.loads(render(document, "json"))["measured"]["win_rate"] == "0.75"


def test_the_html_trend_chart_is_inline_svg_with_the_figures() -> None:
    """The charts parse as XML; a column per counted period, none for an empty one."""
    root = ET.fromstring(render(_document(), "html"))
    charts = [svg for svg in root.iter(f"{SVG}svg") if "columns" in svg.get("class", "")]
    assert len(charts) == 2
    leads, revenue = charts
    columns = {rect.get("data-period"): rect.get("data-value") for rect in leads.iter(f"{SVG}rect")}
    assert columns == {"2026-10": "1"}
    empty = [
        text.get("data-period") for text in leads.iter(f"{SVG}text") if text.get("data-period")
    ]
    assert empty == ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09"]
    amounts = {
        rect.get("data-period"): rect.get("data-value") for rect in revenue.iter(f"{SVG}rect")
    }
    assert amounts == {"2026-10": "400.00"}


def test_the_command_takes_trend_n(tmp_path: Path) -> None:
    """``--trend 2`` shows two periods, ``--trend 0`` none; the default six."""
    demo = Path(str(files("smarketing.demo") / "smarketing.toml"))

    def trend(*extra: str) -> list[dict[str, Any]]:
        result = subprocess.run(
            [sys.executable, "-m", "smarketing", "report", "--config", str(demo),
             "--format", "json", *extra],
            capture_output=True, text=True, check=False, cwd=demo.parent,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        document = json.loads(result.stdout)
        assert document["measured"]["planned"]["revenue_goal"] == "264000.00"
        points: list[dict[str, Any]] = document["trend"]
        return points

    two = trend("--trend", "2")
    assert [point["period"] for point in two] == ["2026-09", "2026-10"]
    # each earlier period is held to the config's goals for it
    config = load_config(demo)
    for point in two:
        goals = config.sla_for(Period.parse(point["period"])).marketing
        assert point["goal_leads"] == goals.leads
        assert point["goal_value"] == f"{goals.lead_value:.2f}"
    assert trend("--trend", "0") == []
    assert len(trend()) == 6


def test_every_new_key_is_in_the_json_schema_page() -> None:
    """The contract's page names each key of ``measured`` and of a ``trend[]`` point."""
    page = (Path(__file__).parent.parent / "docs" / "json-schema.md").read_text(encoding="utf-8")
    document = _document(objective=OBJECTIVE)
    (measured_row,) = [line for line in page.splitlines() if line.startswith("| `measured` |")]
    (trend_row,) = [line for line in page.splitlines() if line.startswith("| `trend[]` |")]
    contract = document.to_dict()
    for key in [*contract["measured"], *contract["measured"]["planned"]]:
        assert key in measured_row, key
    for key in contract["trend"][0]:
        assert key in trend_row, key


def test_the_planned_revenue_of_any_report_period() -> None:
    """A month of a quarter's objective: its month; half a month: half; outside: no goal."""
    quarter = Objective(
        revenue_goal=Decimal(12000),
        marketing_share=Decimal("0.5"),
        average_sale=Decimal(2000),
        close_rate=Decimal("0.5"),
        period=Period.quarter(2026, 4),
    )
    leads, deals = _scenario()
    months = {month.period: month for month in quarter.plan().by_month()}

    def planned(period: Period) -> PlannedFigures:
        report = evaluate(SLA_, leads, period, as_of=AS_OF, deals=deals, trend=0)
        result = report_document(report, objective=quarter).measured.planned
        assert result is not None
        return result

    november = months[NOVEMBER]
    assert planned(NOVEMBER).revenue_goal == november.revenue_goal.quantize(Decimal("0.01"))
    assert str(planned(Period.quarter(2026, 4)).revenue_goal) == "12000.00"
    assert str(planned(Period.quarter(2026, 4)).marketing_revenue_goal) == "6000.00"
    half = planned(Period.parse("2026-11-01/2026-11-15"))
    assert half.revenue_goal == november.revenue_goal / 2
    outside = planned(Period.month(2027, 1))
    assert (outside.revenue_goal, outside.marketing_revenue_goal) == (None, None)
    assert str(outside.average_sale) == "2000.00"
