"""Every output is safe to open: no formula, no control character, no markup from the input.

Names read from a CRM (owners, sources, lead ids, lost reasons) go through
every renderer: text and Markdown show them escaped, HTML stays well-formed
XML, CSV cells never start a formula, JSON keeps them exactly, escaped.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

from smarketing import (
    SLA,
    Deal,
    Lead,
    LeadSource,
    MarketingCommitment,
    Objective,
    Period,
    SpeedClause,
    evaluate,
)
from smarketing.reporting import render
from smarketing.reporting.document import (
    Document,
    InputCounts,
    PlanDocument,
    ReportDocument,
    plan_document,
    report_document,
)
from smarketing.reporting.printable import UNSAFE, printable
from smarketing.reporting.safecsv import csv_writer, safe_cell
from tests.strategies import ATTACKS, HUBSPOT_FUNNEL, hostile_names

NOVEMBER = Period.month(2026, 11)
MQL = "marketingqualifiedlead"
FORMULA = ("=", "+", "-", "@")
NUMBER = re.compile(
    r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"
)  # what a spreadsheet reads as a number


def hostile_document(name: str, *, as_id: bool = True) -> ReportDocument:
    """A report whose owner, source, lead id, lost reason and lead value key are ``name``."""
    sla = SLA(
        HUBSPOT_FUNNEL,
        MarketingCommitment(leads=10),
        speed=SpeedClause(timedelta(hours=1), share=Decimal("0.9")),
        spend={name: Decimal(100)},
    )
    leads = [
        Lead(
            name if as_id else "L1",
            datetime(2026, 11, 2, 9),
            source=name,
            owner=name,
            stages={MQL: datetime(2026, 11, 2, 10)},
            touches=[datetime(2026, 11, 3, 9)],
            lost=True,
            lost_reason=name,
        )
    ]
    deals = [Deal("D1", lead_ids="nobody", status="won", amount=Decimal(5))]
    report = evaluate(sla, leads, NOVEMBER, as_of=date(2026, 11, 20), deals=deals)
    document = report_document(report, sla=sla)
    part = InputCounts(input=name, kind="leads", rows_read=1, records=1, rejected=0)
    return attrs.evolve(document, inputs=(part,))


def hostile_plan(name: str) -> PlanDocument:
    objective = Objective(
        revenue_goal=Decimal(100000),
        marketing_share=Decimal("0.5"),
        average_sale=Decimal(1000),
        close_rate=Decimal("0.1"),
        currency="EUR",
        sources=(LeadSource(name, close_rate=Decimal("0.1")),),
    )
    return plan_document(objective.plan())


def assert_no_unsafe(text: str) -> None:
    unsafe = UNSAFE.findall(text.replace("\n", ""))
    assert not unsafe, f"unsafe characters in the output: {unsafe!r}"


def check_text(text: str) -> None:
    assert_no_unsafe(text)


def check_markdown(text: str) -> None:
    assert_no_unsafe(text)
    assert not re.search(r"(?<!\\)<", text), "an HTML tag in Markdown"
    assert not re.search(r"(?<!\\)\]\(", text), "a link in Markdown"
    tables: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.startswith("|"):
            tables[-1].append(line)
        elif tables[-1]:
            tables.append([])
    for table in filter(None, tables):
        # one row a line, and as many cells in every row: pipes in names are escaped
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in table}
        assert len(widths) == 1, table


def check_html(text: str) -> ET.Element:
    assert_no_unsafe(text)
    assert "<script" not in text
    return ET.fromstring(text.split("\n", 1)[1])


def check_csv(text: str) -> list[list[str]]:
    assert_no_unsafe(text)
    rows = list(csv.reader(io.StringIO(text)))
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA):
                assert NUMBER.fullmatch(cell), f"a CSV cell starts a formula: {cell!r}"
    return rows


def check_json(text: str, document: Document) -> None:
    assert_no_unsafe(text)
    assert json.loads(text) == document.to_dict()


def check_all(document: Document) -> None:
    for lang in ("en", "fr"):
        check_text(render(document, "text", lang))
        check_markdown(render(document, "markdown", lang))
        check_html(render(document, "html", lang))
    check_csv(render(document, "csv"))
    check_json(render(document, "json"), document)


@pytest.mark.parametrize("name", ATTACKS)
def test_every_format_is_safe_with_each_known_attack(name: str) -> None:
    """Each attack as owner, source, lead id, lost reason and input name, in every format."""
    check_all(hostile_document(name))
    check_all(hostile_plan(name))


@settings(max_examples=40)
@given(hostile_names)
def test_every_format_is_safe_with_any_name(name: str) -> None:
    """Any name (controls and format characters included) gives safe output in every format."""
    check_all(hostile_document(name))


def test_text_shows_escapes_instead_of_acting() -> None:
    """The reader sees the escape sequence spelled out, where it was."""
    name = "\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07"
    text = render(hostile_document(name), "text")
    assert "\\x1b]8;;https://evil.example/\\x07click\\x1b]8;;\\x07" in text
    assert "\x1b" not in text
    plan = render(hostile_plan("\u202eevil"), "text")
    assert "\\u202eevil" in plan


def test_markdown_neutralises_html_links_and_newlines() -> None:
    """<script>, a javascript: link and a newline in a cell stay text in one table row."""
    for name, shown in (
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"),
        ("a\nb|c", "a\\\\nb\\|c"),
        ("# title", "\\# title"),
    ):
        text = render(hostile_document(name), "markdown")
        check_markdown(text)
        assert shown in text


def test_html_with_esc_and_bel_parses_as_xml() -> None:
    """The cells keep the escape spelled out; the page parses."""
    name = "\x1b[31mred\x07"
    root = check_html(render(hostile_document(name), "html"))
    cells = {"".join(cell.itertext()) for cell in root.iter("{http://www.w3.org/1999/xhtml}td")}
    assert "\\x1b[31mred\\x07" in cells


def test_csv_neutralises_formulas_but_keeps_numbers() -> None:
    """=1+2 becomes '=1+2; -42.5 and -1 stay numbers."""
    rows = check_csv(render(hostile_document("=1+2"), "csv"))
    cells = [cell for row in rows for cell in row]
    assert "'=1+2" in cells
    assert "=1+2" not in cells
    assert "-1" in cells  # the ROI of the source: (0 - 100) / 100
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(["-42.5", -42, "=HYPERLINK(1)", "+1", "@x", "-x", "\tx", None, True])
    assert buffer.getvalue() == "-42.5,-42,'=HYPERLINK(1),+1,'@x,'-x,\\tx,,true\n"
    assert safe_cell(Decimal("-42.5")) == "-42.5"


def test_json_keeps_names_exact_and_escaped() -> None:
    """JSON holds the exact name; the raw text holds no control, bidi or separator character."""
    name = "\u202e\x9b\u2028=1+2\x1b"
    document = hostile_document(name)
    text = render(document, "json")
    assert json.loads(text)["owners"][0]["owner"] == name
    assert "\\u202e\\u009b\\u2028=1+2\\u001b" in text
    assert_no_unsafe(text)


def test_printable_escapes_only_what_acts() -> None:
    assert printable("Zoë 東京 😀 a-b") == "Zoë 東京 😀 a-b"
    assert printable("\x00\x1b\x7f\x85\u202e\u2066\ud800\ufffe") == (
        "\\x00\\x1b\\x7f\\x85\\u202e\\u2066\\ud800\\ufffe"
    )


def test_error_messages_are_printable(tmp_path: Path) -> None:
    """A file name with ESC in it is shown escaped in the one-line error."""
    config = tmp_path / "\x1b[31mred.toml"
    config.write_text('[input]\nadapter = "csv"\nleads = "x.csv"\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "smarketing", "plan", "--config", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "\x1b" not in result.stderr
    assert "\\x1b[31mred.toml" in result.stderr


def test_rejects_file_is_spreadsheet_safe(tmp_path: Path) -> None:
    """validate --rejects writes a rejected '=1+2' cell as text, not a formula."""
    leads = tmp_path / "leads.csv"
    leads.write_text("id,created\nL1,=1+2\nL2,2026-11-02\n", encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    result = subprocess.run(
        [sys.executable, "-m", "smarketing", "validate", "--adapter", "csv",
         "--leads", str(leads), "--rejects", str(rejects),
         "--option", 'mapping={"id": "id", "created": "created"}'],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = check_csv(rejects.read_text(encoding="utf-8"))
    assert rows[1][-1] == "'=1+2"


@given(hostile_names)
def test_printable_leaves_nothing_unsafe_and_keeps_safe_text(text: str) -> None:
    """printable() output has no unsafe character; text without one comes back unchanged."""
    shown = printable(text)
    assert not UNSAFE.search(shown)
    if not UNSAFE.search(text):
        assert shown == text


@given(hostile_names)
def test_a_safe_cell_is_the_printable_text_behind_at_most_one_apostrophe(text: str) -> None:
    """The cell never starts a formula, and dropping its apostrophe gives the printable text."""
    cell = safe_cell(text)
    if cell.startswith(FORMULA):
        assert NUMBER.fullmatch(cell)
    assert cell in (printable(text), "'" + printable(text))
