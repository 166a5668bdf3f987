"""The fast reader of CSV rows (one plain loop a kind of cell) gives what the general path gives."""

from __future__ import annotations

from datetime import datetime

from hypothesis import example, given
from hypothesis import strategies as st

from smarketing.adapters._fields import RecordBuilder, Settings
from smarketing.adapters._text_rows import Cell, text_row_reader
from smarketing.contract import InputReport
from smarketing.records import Deal, Lead

HEADER = ["Id", "Created", "Source", "Owner", "Touches", "MQL", "Region", "Amount", "Spare"]
LEAD_MAPPING = {
    "id": "Id",
    "created": "Created",
    "source": "Source",
    "owner": "Owner",
    "touch_count": "Touches",
    "stages.marketingqualifiedlead": "MQL",
    "segments.region": "Region",
}
RECORD: dict[str, type[Lead] | type[Deal]] = {"lead": Lead, "deal": Deal}
DEAL_MAPPING = {"id": "Id", "created": "Created", "amount": "Amount", "stage": "Source"}

BLANKS = st.sampled_from(["", " ", "\t"])
CELLS = {
    "Id": st.sampled_from(["L1", " L2 ", "L1", "x"]) | BLANKS,
    "Created": st.sampled_from(
        [
            "2026-11-03 14:05",
            "2026-11-03T14:05:00Z",
            " 2026-11-03 ",
            "11/3/2026 9:30 PM",
            "1762178700000",
            "not a date",
            "2026-13-01",
            "2026-11-03T14:05:00+15:00",
            "1899-12-31 23:00",
            "2200-01-01",
        ]
    )
    | BLANKS,
    "Source": st.sampled_from(["Paid_Search", "ORGANIC SEARCH", "Closed won", "x"]) | BLANKS,
    "Owner": st.text(max_size=5),
    "Touches": st.sampled_from(
        ["0", "3", " 4", "3.0", "2.5", "-1", "²", "١٢", "many", "999999999", "1000000000"]
    )
    | BLANKS,
    "MQL": st.sampled_from(
        ["2026-11-04 10:00", "4/11/2026", "soon", "2026-11-04T10:00+15:00", "2200-01-01"]
    )
    | BLANKS,
    "Region": st.sampled_from(["emea", " amer "]) | BLANKS,
    "Amount": st.sampled_from(["1200", "1 200,50", "$1,200.50", "-5", "abc"]) | BLANKS,
    "Spare": st.text(max_size=3),
}
ROWS = st.lists(
    st.tuples(*(CELLS[column] for column in HEADER)).map(list)
    | st.lists(st.text(max_size=3), max_size=12),  # ragged rows too
    max_size=12,
)


def _both(kind: str, mapping: dict[str, str], rows: list[list[str]]) -> None:
    fast_report, general_report = InputReport("f.csv", kind), InputReport("f.csv", kind)
    builder = RecordBuilder(RECORD[kind], mapping, Settings(), input_name="f.csv", header=HEADER)
    reference = RecordBuilder(RECORD[kind], mapping, Settings(), input_name="f.csv", header=HEADER)
    assert builder.build != builder._build  # the fast path, not the general one
    for line, row in enumerate(rows, start=2):
        fast = builder.build(row, line, fast_report)
        general = reference._build(list(row), line, general_report)
        assert fast == general
    assert fast_report == general_report


@given(ROWS)
@example([["L1", "2026-11-03", "x", "", "1000000000", "", "", "", ""]])
@example([["L1", "2026-11-03T14:05+15:00", "x", "", "", "", "", "", ""]])
@example([["L1", "1899-12-31", "x", "", "", "", "", "", ""]])
@example([["a@b.c ", "2026-11-03", "x", "", "", "", "", "", ""]])
@example([["L1", "2026-11-03", "x", "", "", "2026-11-04T10:00+15:00", "", "", ""]])
@example([["L1", "2026-11-03", "x", "", "", "2200-01-01", "", "", ""]])
def test_fast_lead_rows_read_like_the_general_path(rows: list[list[str]]) -> None:
    _both("lead", LEAD_MAPPING, rows)


@given(ROWS)
def test_fast_deal_rows_read_like_the_general_path(rows: list[list[str]]) -> None:
    _both("deal", DEAL_MAPPING, rows)


def test_names_from_the_mapping_are_data_not_code() -> None:
    """A stage or segment name from the mapping is only ever a dict key (no code is written)."""
    header = ["Id", "Created", "Odd"]
    name = "x'] = 1; import os; values['y"
    builder = RecordBuilder(
        Lead,
        {"id": "Id", "created": "Created", f"stages.{name}": "Odd"},
        Settings(),
        input_name="f.csv",
        header=header,
    )
    lead = builder.build(["L1", "2026-11-03", "2026-11-04"], 2, InputReport("f.csv", "lead"))
    assert isinstance(lead, Lead)
    assert [stage for stage, _ in lead.stages] == [name]


def test_clean_rows_stay_on_the_fast_path() -> None:
    """A row that reads cleanly never reaches the general path (else the fast path is for show)."""

    def general(row: object, line: int | None, report: InputReport) -> None:
        raise AssertionError(f"line {line} went to the general path")

    def make(*parts: object) -> tuple[object, ...]:
        return parts[:3]

    cells: list[tuple[Cell, str]] = [
        ((0, 0, "id", str.strip), "id"),
        ((1, 0, "created", str), "datetime"),
        ((2, 0, "touch_count", int), "count"),
        ((3, 2, "region", str.strip), "text"),
        ((1, 1, "mql", str), "datetime"),
    ]
    read = text_row_reader(cells, 4, ("id", "created"), general, make)
    report = InputReport("f.csv", "lead")
    values, stages, segments = read([" L1 ", "2026-11-03 14:05", "12", " emea "], 2, report)  # type: ignore[misc]
    assert values == {"id": "L1", "created": datetime(2026, 11, 3, 14, 5), "touch_count": 12}
    assert stages == {"mql": datetime(2026, 11, 3, 14, 5)}
    assert segments == {"region": "emea"}
    assert report.rows_read == 1
