"""The CSV layer at the edges: torn files, runaway quotes, long headers and cells, names twice.

Each case is one the issue "Trust at the edges of the input" saw read wrong;
each reads now with every row counted, the broken ones rejected with the
line and the reason, and no personal cell in any rejection.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smarketing import DuplicateColumns, read
from smarketing.adapters._table import CELL_LIMIT

DEALS = {"id": "Deal", "amount": "Amount", "lead_ids": "Lead"}
LEADS = {"id": "Lead ID", "created": "Created"}


def _deals(path: Path) -> tuple[list[Any], Any]:
    leads = path.with_name("leads.csv")
    leads.write_text("Lead ID,Created\nL1,2026-11-03\n", encoding="utf-8")
    reading = read("csv", leads, deals=path, options={"mapping": LEADS, "deals_mapping": DEALS})
    deals = list(reading.deals())
    return deals, reading.report.deals


def _leads(path: Path, **options: Any) -> tuple[list[Any], Any]:
    reading = read("csv", path, options={"mapping": LEADS, **options})
    leads = list(reading.leads())
    return leads, reading.report.leads


def test_a_file_cut_inside_a_quoted_field_rejects_the_cut_row(tmp_path: Path) -> None:
    """The last amount was cut from ``"10007"`` to ``"10``: it was read as 10, with no word."""
    path = tmp_path / "deals.csv"
    path.write_text('Deal,Amount,Lead\nD1,"500",L1\nD2,"10', encoding="utf-8")
    deals, report = _deals(path)
    assert [deal.amount for deal in deals] == [500]
    assert (report.rows_read, report.rejected) == (2, 1)
    (rejection,) = report.rejections
    assert rejection.line == 3
    assert "never closed" in rejection.reason


def test_an_unbalanced_quote_swallows_no_row(tmp_path: Path) -> None:
    """One stray quote used to swallow the rest of the file into one row (20 rows read as 6)."""
    rows = [f"L{number},2026-11-{number:02d}" for number in range(1, 21)]
    rows[4] = 'L5,"2026-11-05'  # the quote opened here is closed on no line
    rows[9] = 'L10,"2026-11-10"x'  # a closing quote followed by text
    path = tmp_path / "leads.csv"
    path.write_text("Lead ID,Created\n" + "\n".join(rows) + "\n", encoding="utf-8")
    leads, report = _leads(path)
    assert report.rows_read == 20
    assert report.balanced
    assert report.rejected == 2
    assert [rejection.line for rejection in report.rejections] == [6, 11]
    assert len(leads) == 18
    assert {lead.id for lead in leads} == {f"L{n}" for n in range(1, 21)} - {"L5", "L10"}


def test_a_quote_closed_by_chance_lines_later_does_not_join_the_rows(tmp_path: Path) -> None:
    rows = ['L1,"2026-11-01', "L2,2026-11-02", 'L3,2026-11-03"', "L4,2026-11-04"]
    path = tmp_path / "leads.csv"
    path.write_text("Lead ID,Created,Note\n" + "\n".join(r + ",n" for r in rows) + "\n")
    leads, report = _leads(path)
    assert report.rows_read == report.records + report.rejected
    assert "L2" in {lead.id for lead in leads}
    assert "L4" in {lead.id for lead in leads}
    assert report.rejections[0].line == 2


def test_a_header_longer_than_64_kib_is_read_whole(tmp_path: Path) -> None:
    """A 50,000-column header was seen as 10,950 columns, and every row rejected as ragged."""
    names = ["Lead ID", "Created", *(f"Property number {n}" for n in range(49_998))]
    path = tmp_path / "wide.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        writer.writerow(["L1", "2026-11-03", *([""] * 49_998)])
    leads, report = _leads(path)
    assert [lead.id for lead in leads] == ["L1"]
    assert report.rejected == 0


@pytest.mark.parametrize("odd", ["\n", "\x0c", "\u2028", "\x85", "\r"])
def test_a_header_name_holding_a_line_break_is_one_name(tmp_path: Path, odd: str) -> None:
    path = tmp_path / "leads.csv"
    path.write_text(f'"Lead ID","Created","A{odd}note"\nL1,2026-11-03,x\n', encoding="utf-8")
    leads, report = _leads(path, mapping={**LEADS, "segments.note": f"A{odd}note"})
    assert [dict(lead.segments)["note"] for lead in leads] == ["x"]
    assert report.rejected == 0


def test_a_cell_over_the_limit_in_an_unmapped_column_rejects_only_its_row(tmp_path: Path) -> None:
    """One cell over 128 KiB made the whole file unreadable."""
    path = tmp_path / "leads.csv"
    long_note = "x" * (CELL_LIMIT + 10)
    path.write_text(
        f'Lead ID,Created,Notes\nL1,2026-11-03,short\nL2,2026-11-03,"{long_note}"\n'
        "L3,2026-11-04,short\n",
        encoding="utf-8",
    )
    leads, report = _leads(path)
    assert [lead.id for lead in leads] == ["L1", "L3"]
    (rejection,) = report.rejections
    assert rejection.line == 3
    assert "longer than" in rejection.reason
    assert rejection.value is None


def test_a_mapped_column_named_twice_is_refused(tmp_path: Path) -> None:
    """A repeated header name silently used the first column."""
    path = tmp_path / "leads.csv"
    path.write_text("Lead ID,Created,Created\nL1,2026-11-03,2026-11-09\n", encoding="utf-8")
    with pytest.raises(DuplicateColumns, match=r"'Created' 2 times \(columns 2, 3\)"):
        _leads(path)


def test_an_unmapped_column_named_twice_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text("Lead ID,Created,Note,Note\nL1,2026-11-03,a,b\n", encoding="utf-8")
    leads, _ = _leads(path)
    assert len(leads) == 1


def test_a_ragged_row_shows_its_field_count_not_its_text(tmp_path: Path) -> None:
    """A ragged row's rejection held the raw row: names, emails and phones of an export."""
    path = tmp_path / "leads.csv"
    path.write_text(
        "Lead ID,Created,Email,Phone\nL1,2026-11-03,ann@example.com,+33 6 12 34 56 78,extra\n"
        "L2,2026-11-03,bob@example.com,555-0100\n",
        encoding="utf-8",
    )
    _, report = _leads(path)
    (rejection,) = report.rejections
    assert rejection.reason == "ragged row: 5 fields where the header has 4"
    assert rejection.value is None
    assert "example.com" not in repr(report)


def test_the_rows_of_a_multi_line_quoted_cell_still_read(tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text(
        'Lead ID,Created,Note\nL1,2026-11-03,"two\nlines"\nL2,2026-11-04,x\n', encoding="utf-8"
    )
    leads, report = _leads(path)
    assert [lead.id for lead in leads] == ["L1", "L2"]
    assert report.rejected == 0


@given(
    st.integers(2, 30).flatmap(
        lambda count: st.tuples(
            st.just(count),
            st.lists(
                st.tuples(st.integers(0, count - 1), st.sampled_from([0, 1]), st.integers(0, 12)),
                max_size=4,
            ),
        )
    )
)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_stray_quotes_in_ids_and_dates_cost_only_their_own_rows(
    tmp_path: Path, case: tuple[int, list[tuple[int, int, int]]]
) -> None:
    """Quotes dropped into id and date cells: every other row is read, once."""
    count, strays = case
    rows = [[f"L{number}", f"2026-11-{number % 28 + 1:02d}", "a note"] for number in range(count)]
    for row_at, cell_at, at in strays:
        cell = rows[row_at][cell_at]
        rows[row_at][cell_at] = cell[: at % (len(cell) + 1)] + '"' + cell[at % (len(cell) + 1) :]
    path = tmp_path / "strays.csv"
    path.write_text(
        "Lead ID,Created,Note\n" + "".join(",".join(row) + "\n" for row in rows), encoding="utf-8"
    )
    leads, report = _leads(path)
    assert report.balanced
    touched = {row_at for row_at, _, _ in strays}
    clean = {f"L{number}" for number in range(count) if number not in touched}
    ids = [lead.id for lead in leads]
    assert clean <= set(ids)
    assert len(ids) == len(set(ids))
