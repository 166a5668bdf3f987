"""The compiled reader of CSV rows gives what the general, plan-walking reader gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from smarketing.adapters._fields import RecordBuilder, Settings
from smarketing.reading import InputReport
from smarketing.records import Lead

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
        ]
    )
    | BLANKS,
    "Source": st.sampled_from(["Paid_Search", "ORGANIC SEARCH", "Closed won", "x"]) | BLANKS,
    "Owner": st.text(max_size=5),
    "Touches": st.sampled_from(["0", "3", " 4", "3.0", "2.5", "-1", "²", "١٢", "many"]) | BLANKS,
    "MQL": st.sampled_from(["2026-11-04 10:00", "4/11/2026", "soon"]) | BLANKS,
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
    compiled_report, general_report = InputReport("f.csv", kind), InputReport("f.csv", kind)
    builder = RecordBuilder(kind, mapping, Settings(), input_name="f.csv", header=HEADER)
    reference = RecordBuilder(kind, mapping, Settings(), input_name="f.csv", header=HEADER)
    assert builder.build != builder._build  # the compiled function, not the general path
    for line, row in enumerate(rows, start=2):
        compiled = builder.build(row, line, compiled_report)
        general = reference._build(list(row), line, general_report)
        assert compiled == general
    assert compiled_report == general_report


@given(ROWS)
def test_compiled_lead_rows_read_like_the_general_path(rows: list[list[str]]) -> None:
    _both("lead", LEAD_MAPPING, rows)


@given(ROWS)
def test_compiled_deal_rows_read_like_the_general_path(rows: list[list[str]]) -> None:
    _both("deal", DEAL_MAPPING, rows)


def test_names_from_the_mapping_are_data_not_code() -> None:
    """A stage or segment name is written into the compiled source only through repr()."""
    header = ["Id", "Created", "Odd"]
    name = "x'] = 1; import os; values['y"
    builder = RecordBuilder(
        "lead",
        {"id": "Id", "created": "Created", f"stages.{name}": "Odd"},
        Settings(),
        input_name="f.csv",
        header=header,
    )
    lead = builder.build(["L1", "2026-11-03", "2026-11-04"], 2, InputReport("f.csv", "lead"))
    assert isinstance(lead, Lead)
    assert [stage for stage, _ in lead.stages] == [name]
