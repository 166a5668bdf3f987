"""A document's sections as data frames hold exactly the figures its JSON holds.

For generated leads and deals under several SLAs, and for generated plans,
every cell of every section's frame equals the JSON document's value at the
same place: a decimal string as the same Decimal (or the nearest float), an
ISO date as the same datetime, a count as the same count, null as missing.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pandas
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smarketing import (
    SLA,
    DepthClause,
    Lead,
    MarketingCommitment,
    Objective,
    Period,
    SourceCommitment,
    SpeedClause,
    evaluate,
)
from smarketing.contract import InputReport, ReadReport
from smarketing.errors import InvalidValue
from smarketing.reporting.document import plan_document, report_document
from tests.strategies import HUBSPOT_FUNNEL, objectives, planned_objectives, record_sets

D = Decimal
SLAS = (
    SLA(
        HUBSPOT_FUNNEL,
        MarketingCommitment(
            leads=30,
            lead_value=D(60000),
            sources=(SourceCommitment("paid search", leads=20),),
        ),
        speed=SpeedClause(timedelta(hours=1), share=D("0.9"), business_hours=True),
        depth=DepthClause(2, timedelta(days=3)),
        lead_values={"paid search": D(200)},
        default_lead_value=D(100),
        spend={"paid search": D("3000.005")},
    ),
    SLA(HUBSPOT_FUNNEL, MarketingCommitment(), depth=DepthClause(1, timedelta(hours=30))),
)


def _flat(entry: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A JSON object's values, nested objects flattened as the frames flatten them."""
    out: dict[str, Any] = {}
    for key, value in entry.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}_"))
            if not value:
                out[f"{prefix}{key}"] = None
        elif not isinstance(value, list):
            out[f"{prefix}{key}"] = value
    return out


def json_rows(document: dict[str, Any], section: str) -> list[dict[str, Any]]:
    """The rows of a section, read from the JSON document by its path."""
    if section == "summary":
        return [{k: v for k, v in document.items() if not isinstance(v, dict | list)}]
    if section == "findings":
        return [{"finding": k, "count": v} for k, v in document["findings"]["counts"].items()]
    if section == "findings.values":
        return [
            {"finding": name, "value": value, "count": count}
            for name, values in document["findings"]["values"].items()
            for value, count in values.items()
        ]
    head, _, rest = section.partition(".")
    value = document[head]
    if not rest:
        if value is None:
            return []
        return [_flat(item) for item in value] if isinstance(value, list) else [_flat(value)]
    entries = value if isinstance(value, list) else ([] if value is None else [value])
    rows = []
    for entry in entries:
        lead = {next(iter(entry)): entry[next(iter(entry))]} if isinstance(value, list) else {}
        for item in entry[rest]:
            rows.append({**lead, **(_flat(item) if isinstance(item, dict) else {rest: item})})
    return rows


def _missing(cell: object) -> bool:
    return cell is None or cell is pandas.NA or cell is pandas.NaT


def assert_same(frame: pandas.DataFrame, rows: list[dict[str, Any]], floats: bool) -> None:
    assert len(frame) == len(rows)
    present = {key for row in rows for key, value in row.items() if value is not None}
    assert present <= set(frame.columns), present - set(frame.columns)
    for position, row in enumerate(rows):
        for column in frame.columns:
            cell = frame[column].iloc[position]
            value = row.get(column)
            if value is None:
                assert _missing(cell), (column, cell)
            elif isinstance(value, bool | int):
                assert cell == value, (column, cell, value)
            elif isinstance(cell, Decimal):
                assert cell == Decimal(value), (column, cell, value)
            elif isinstance(cell, float):
                assert floats, (column, cell)
                assert cell == float(Decimal(value)), (column, cell, value)
            elif isinstance(cell, pandas.Timestamp):
                assert cell == pandas.Timestamp(value), (column, cell, value)
            else:
                assert cell == value, (column, cell, value)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    record_sets(),
    st.sampled_from(SLAS),
    st.sampled_from([Period.month(2026, 11), Period.quarter(2026, 4)]),
    st.dates(date(2026, 10, 1), date(2027, 1, 15)),
    st.integers(0, 2),
    st.booleans(),
)
def test_every_section_of_a_report_holds_the_json_figures(
    records: tuple[list[Lead], list[Any]],
    sla: SLA,
    period: Period,
    as_of: date,
    trend: int,
    floats: bool,
) -> None:
    leads, deals = records
    report = evaluate(sla, leads, period, as_of=as_of, deals=deals, trend=trend)
    reading = ReadReport(
        leads=InputReport(input="contacts.csv", kind="leads", rows_read=len(leads)),
        deals=InputReport(input="deals.csv", kind="deals", rows_read=len(deals)),
    )
    document = report_document(report, sla=sla, reading=reading)
    data = document.to_dict()
    frames = document.to_frames(decimals="float" if floats else "decimal")
    assert set(frames) == set(document.sections())
    assert {"summary", "sources", "stages", "trend", "sources.lost_reasons"} <= set(frames)
    for section, frame in frames.items():
        assert_same(frame, json_rows(data, section), floats)


@settings(max_examples=40, deadline=None)
@given(planned_objectives() | objectives())
def test_every_section_of_a_plan_holds_the_json_figures(objective: Objective) -> None:
    document = plan_document(objective.plan())
    data = document.to_dict()
    for section, frame in document.to_frames().items():
        assert_same(frame, json_rows(data, section), floats=False)


def test_a_section_frame_is_typed_and_polars_works_too() -> None:
    plan = plan_document(
        Objective(D(500000), D("0.5"), D(2500), D("0.2"), period=Period.quarter(2026, 4)).plan()
    )
    months = plan.to_frame("months")
    assert list(months["month"]) == ["2026-10", "2026-11", "2026-12"]
    assert months["revenue_goal"].map(type).eq(Decimal).all()
    assert sum(months["revenue_goal"]) == D(500000)
    assert str(plan.to_frame("months", decimals="float")["revenue_goal"].dtype) == "Float64"
    polars_months = plan.to_frame("months", library="polars")
    assert polars_months["revenue_goal"].sum() == D(500000)


def test_an_unknown_section_names_the_sections() -> None:
    plan = plan_document(Objective(D(500000), D("0.5"), D(2500), D("0.2")).plan())
    with pytest.raises(InvalidValue, match=r"no section 'source'.*summary, stages, sources"):
        plan.to_frame("source")
