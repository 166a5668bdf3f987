"""The typed documents: their JSON is the contract, key for key and byte for byte.

- ``to_dict()`` of a document built from generated data is JSON-safe and
  writes the same JSON (keys, order, values) as the dict builder it replaced
  (kept in tests/legacy_document.py);
- the JSON of the demo and of generated exports has exactly the keys
  docs/json-schema.md documents;
- every field of every document class is described, and ``help()`` shows it.
"""

from __future__ import annotations

import json
import pydoc
import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import smarketing.reporting.document as documents
from smarketing import (
    SLA,
    DepthClause,
    Lead,
    LeadSource,
    MarketingCommitment,
    Objective,
    Period,
    SourceCommitment,
    SpeedClause,
    evaluate,
)
from smarketing.contract import InputReport, ReadReport
from smarketing.errors import InvalidValue
from smarketing.measuring.spend import SpendFinding as SpendKind
from smarketing.measuring.spend import SpendNote
from smarketing.planning.goals import period_goals
from smarketing.reporting import render
from smarketing.reporting.document import (
    PlanDocument,
    ReportDocument,
    plan_document,
    rate,
    report_document,
    to_json,
)
from smarketing.reporting.document.convert import about, six_places
from tests import legacy_document
from tests.bigexport import big_export
from tests.strategies import HUBSPOT_FUNNEL, objectives, planned_objectives, record_sets

PAGE = Path(__file__).parent.parent / "docs" / "json-schema.md"
D = Decimal

SCENARIO = SLA(
    HUBSPOT_FUNNEL,
    MarketingCommitment(
        leads=30,
        lead_value=D(60000),
        sources=(SourceCommitment("paid search", leads=20), SourceCommitment("referrals", leads=5)),
    ),
    speed=SpeedClause(timedelta(hours=1), share=D("0.9"), business_hours=True),
    depth=DepthClause(2, timedelta(days=3)),
    lead_values={"paid search": D(200), "referrals": D(1000)},
    default_lead_value=D(100),
    spend={"paid search": D(3000), "referrals": D("500.005")},
)
MEASURING = SLA(HUBSPOT_FUNNEL, MarketingCommitment(), depth=DepthClause(1, timedelta(hours=30)))
PLANNED = Objective(
    D(300000),
    D("0.5"),
    D(2000),
    HUBSPOT_FUNNEL.close_rate(),
    funnel=HUBSPOT_FUNNEL,
    period=Period.quarter(2026, 4),
    sales_cycle_months=1,
    sources=(
        LeadSource("paid search", D("0.025"), share=D("0.6"), spend=D(9000)),
        LeadSource("referrals", D("0.025"), share=D("0.4")),
    ),
)


def _planned_sla(period: Period) -> SLA:
    """The SLA a config's objective gives ``period``: goals, ``goals`` and spend origins."""
    plan = PLANNED.plan()
    sla = SLA.from_goals(plan, period_goals(plan, period))
    return attrs.evolve(sla, speed=SpeedClause(timedelta(minutes=90), share=D("0.75")))


def _json(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    record_sets(),
    st.sampled_from(["scenario", "measuring", "planned"]),
    st.sampled_from([Period.month(2026, 11), Period.quarter(2026, 4), Period.month(2026, 10)]),
    st.dates(date(2026, 9, 15), date(2027, 1, 15)),
    st.none() | st.integers(0, 3),
    st.booleans(),
    st.integers(0, 3),
    st.booleans(),
)
def test_to_dict_writes_what_the_dict_builder_wrote(
    records: tuple[list[Lead], list[Any]],
    kind: str,
    period: Period,
    as_of: date,
    listed: int | None,
    with_objective: bool,
    trend: int,
    with_inputs: bool,
) -> None:
    """Generated leads and deals, every kind of SLA: the same JSON, key for key, in order."""
    leads, deals = records
    sla = {"scenario": SCENARIO, "measuring": MEASURING}.get(kind) or _planned_sla(period)
    report = evaluate(sla, leads, period, as_of=as_of, deals=deals, trend=trend)
    reading = None
    if with_inputs:
        reading = ReadReport(
            leads=InputReport(input="/data/contacts.csv", kind="leads", rows_read=len(leads)),
            deals=InputReport(input="deals.csv", kind="deals", rows_read=len(deals)),
        )
    notes = (SpendNote(SpendKind.UNKNOWN_SOURCE, "events", "spend for events: no lead has it"),)
    options: dict[str, Any] = {
        "sla": sla,
        "reading": reading,
        "listed": listed,
        "objective": PLANNED if with_objective else None,
        "spend_notes": notes if with_inputs else (),
    }
    document = report_document(report, **options)
    expected = legacy_document.report_document(report, **options)
    written = _json(document.to_dict())
    assert written == _json(expected)
    assert json.loads(written) == document.to_dict()
    assert render(document, "json") == legacy_json(expected)


def legacy_json(document: dict[str, Any]) -> str:
    """What ``render_json`` wrote for the dict document (its printable escapes included)."""
    from smarketing.reporting.printable import json_safe

    return json_safe(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


@settings(max_examples=80, deadline=None)
@given(planned_objectives() | objectives())
def test_a_plan_document_writes_what_the_dict_builder_wrote(objective: Objective) -> None:
    """Any objective, any rounding (exact counts are strings), with or without a period."""
    plan = objective.plan()
    document = plan_document(plan)
    assert _json(document.to_dict()) == _json(legacy_document.plan_document(plan))
    assert isinstance(document.leads_needed, int | Decimal)
    for source in document.sources:
        assert source.roi is None or source.roi == six_places(source.roi)


# -- the JSON keys against docs/json-schema.md ------------------------------------------


def _rows(section: str) -> dict[str, str]:
    """Each documented top-level key of a section (``## Plan`` ...) and the text of its row."""
    text = PAGE.read_text(encoding="utf-8")
    part = text.split(f"\n## {section}", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, str] = {}
    for line in part.splitlines():
        if not line.startswith("| `"):
            continue
        first = line.split(" | ", 1)[0]
        for name in re.findall(r"`([a-z_]+)(?:\[\])?`", first):
            rows[name] = line
    return rows


def _check_keys(document: dict[str, Any], section: str) -> None:
    rows = _rows(section)
    assert set(document) - {"kind", "schema"} == set(rows), section
    whole = "\n".join(rows.values())
    for key, value in document.items():
        entries = value if isinstance(value, list) else [value]
        for entry in entries:
            if not isinstance(entry, dict) or key == "findings":  # findings: kinds as keys
                continue
            for child, leaf in entry.items():
                assert re.search(rf"\b{child}\b", rows[key]), f"{section}: {key}.{child}"
                for inner in leaf if isinstance(leaf, list) else [leaf]:
                    for grandchild in inner if isinstance(inner, dict) else ():
                        assert re.search(rf"\b{grandchild}\b", whole), f"{key}.{child}.{grandchild}"
    if section == "SLA report":
        assert set(document["findings"]) == {"counts", "ids", "values"}


def _smarketing(*args: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "smarketing", *args], capture_output=True, text=True, check=False
    )
    assert result.returncode in (0, 1), result.stderr  # 1: a clause breached
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def test_the_demo_json_has_the_documented_keys() -> None:
    _check_keys(_smarketing("demo", "--format", "json"), "SLA report")


def test_generated_exports_have_the_documented_keys(tmp_path: Path) -> None:
    """The demo's exports many times over, for a month and a quarter; the example plan."""
    _, _, config = big_export(tmp_path, contacts=3, deals=2)
    for period, as_of in (("2026-11", "2026-11-20"), ("2026-Q4", "2026-12-20")):
        document = _smarketing(
            "report", "--config", str(config), "--format", "json",
            "--period", period, "--as-of", as_of,
        )  # fmt: skip
        assert document["leads_read"] > 0
        _check_keys(document, "SLA report")
    examples = Path(__file__).parent.parent / "examples" / "smarketing.toml"
    _check_keys(_smarketing("plan", "--config", str(examples), "--format", "json"), "Plan")


def test_the_key_check_fails_on_an_undocumented_key() -> None:
    document = _smarketing("demo", "--format", "json")
    with pytest.raises(AssertionError):
        _check_keys({**document, "surprise": 1}, "SLA report")
    with pytest.raises(AssertionError):
        _check_keys({**document, "measured": {**document["measured"], "odd": 1}}, "SLA report")


# -- the classes and the converter -----------------------------------------------------

CLASSES = [
    getattr(documents, name)
    for name in documents.__all__
    if isinstance(getattr(documents, name), type) and attrs.has(getattr(documents, name))
]


def test_every_field_is_described_and_help_shows_it() -> None:
    assert {ReportDocument, PlanDocument} <= set(CLASSES)
    assert len(CLASSES) >= 30
    for cls in CLASSES:
        shown = pydoc.render_doc(cls, renderer=pydoc.TextDoc())
        for field in attrs.fields(cls):
            doc = field.metadata.get("doc")
            assert doc, f"{cls.__name__}.{field.name} has no description"
            assert f"{field.name}: {doc}" in shown, f"{cls.__name__}.{field.name}"


def test_the_documents_are_frozen() -> None:
    document = plan_document(PLANNED.plan())
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        document.currency = "EUR"  # type: ignore[misc]
    assert (document.kind, document.schema) == ("plan", 1)
    assert document.to_dict()["months"][0] == {
        "month": "2026-10",
        "weight": "1",
        "revenue_goal": "100000.00",
        "marketing_revenue_goal": "50000.00",
        "customers_needed": 25,
        "leads_needed": 1000,
        "leads_due": "2026-09",
    }


@attrs.frozen
class _Part:
    first: str | None = attrs.field(metadata=about("a", json_key="first-key", omit_none=True))
    when: datetime = attrs.field(metadata=about("b"))
    day: date = attrs.field(metadata=about("c"))
    names: dict[str, tuple[int, ...]] = attrs.field(metadata=about("d"))


def test_the_converter_writes_every_value_the_contract_way() -> None:
    moment = datetime(2026, 11, 4, 10, tzinfo=UTC)
    part = _Part(first="x", when=moment, day=date(2026, 11, 4), names={"a": (1, 2)})
    assert to_json(part) == {
        "first-key": "x",
        "when": "2026-11-04T10:00:00+00:00",
        "day": "2026-11-04",
        "names": {"a": [1, 2]},
    }
    assert to_json(attrs.evolve(part, first=None)) == {
        "when": "2026-11-04T10:00:00+00:00",
        "day": "2026-11-04",
        "names": {"a": [1, 2]},
    }
    assert to_json([D("1E+3"), D("0.10"), True, None]) == ["1000", "0.10", True, None]
    with pytest.raises(InvalidValue, match="not a float"):
        to_json(1.5)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("0.2000004", "0.2"),
        ("0.2000005", "0.200001"),
        ("100", "100"),
        ("100.0000001", "100"),
        ("0", "0"),
        ("-0.0000001", "-0"),
        ("1" + "0" * 30 + ".0000005", "1" + "0" * 30 + ".000001"),
        ("1E+3", "1000"),
        ("0.000001", "0.000001"),
    ],
)
def test_a_rate_is_six_places_at_most_without_trailing_zeros(value: str, written: str) -> None:
    rounded = six_places(D(value))
    assert format(rounded, "f") == rate(D(value)) == written
    assert rounded.as_tuple().exponent <= 0  # type: ignore[operator]
    assert str(rounded) == written


def test_every_document_class_is_in_the_api_reference() -> None:
    text = (PAGE.parent / "api.md").read_text(encoding="utf-8")
    missing = [
        cls.__name__
        for cls in CLASSES
        if f".. autoclass:: smarketing.reporting.document.{cls.__name__}\n" not in text
    ]
    assert not missing, f"docs/api.md does not document: {missing}"


def test_render_says_what_it_takes_when_given_the_json_dict() -> None:
    document = plan_document(PLANNED.plan())
    with pytest.raises(
        InvalidValue, match="render takes a ReportDocument or a PlanDocument, got a dict"
    ):
        render(document.to_dict(), "text")  # type: ignore[arg-type]
    assert render(document, "json") == _json(document.to_dict()) + "\n"


def test_an_exact_count_of_leads_due_before_the_objective_is_written_as_a_count() -> None:
    """Under ``exact`` rounding, a month whose leads were due before the objective began.

    The dict builder put the raw Decimal in ``goals``: ``--format json`` raised
    TypeError. It is a count now, a string with two decimals as the contract says.
    """
    objective = attrs.evolve(PLANNED, revenue_goal=D(300001), rounding="exact", sources=())
    plan = objective.plan()
    quarter = Period.quarter(2026, 4)
    sla = SLA.from_goals(plan, period_goals(plan, quarter))
    report = evaluate(sla, [], quarter, as_of=date(2026, 11, 20))
    document = report_document(report, sla=sla)
    assert document.goals is not None
    (month,) = document.goals.due_before_objective
    assert (month.month, month.leads, month.due) == ("2026-10", D("1000.00"), "2026-09")
    written = json.loads(render(document, "json"))
    assert written["goals"]["due_before_objective"] == [
        {"month": "2026-10", "leads": "1000.00", "due": "2026-09"}
    ]
    with pytest.raises(TypeError, match="Decimal is not JSON serializable"):
        json.dumps(legacy_document.report_document(report, sla=sla))
