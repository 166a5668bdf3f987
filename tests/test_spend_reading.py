"""Spend as data: a spend file read through an adapter, every row accounted for."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smarketing import read
from smarketing.errors import InvalidOption, InvalidRecord, MissingColumns, RowError
from smarketing.records import Spend
from tests.databases import engine

SPEND_FILE = Path(__file__).parent / "fixtures" / "spend" / "spend.csv"
LEADS_FILE = Path(__file__).parent / "fixtures" / "csv" / "french-excel.csv"
SPEND_MAPPING = {
    "date": "Date",
    "source": "Source",
    "campaign": "Campaign",
    "amount": "Amount",
    "currency": "Currency",
}
#: The mapping of the files the tests write, which have no currency column.
WRITTEN = {"date": "Date", "source": "Source", "campaign": "Campaign", "amount": "Amount"}
LEAD_OPTIONS: dict[str, Any] = {
    "encoding": "cp1252",
    "day_first": True,
    "decimal_comma": True,
    "mapping": {"id": "Identifiant", "created": "Date de création", "source": "Origine"},
}


def _read_spend(
    path: Path, mapping: dict[str, str] = SPEND_MAPPING, **options: Any
) -> tuple[list[Spend], Any]:
    reading = read("csv", None, spend=path, options={"spend_mapping": mapping, **options})
    spend = list(reading.spend())
    return spend, reading.report.spend


def _write(tmp_path: Path, *rows: str, header: str = "Date,Source,Campaign,Amount") -> Path:
    path = tmp_path / "spend.csv"
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return path


def test_csv_spend_day_and_month_rows_with_every_row_accounted_for() -> None:
    spend, report = _read_spend(SPEND_FILE)
    assert report.rows_read == 9
    assert report.rows_read == report.records + report.rejected
    assert report.records == len(spend) == 6
    first = spend[0]
    assert first == Spend("google ads", date(2026, 11, 3), date(2026, 11, 3), Decimal("1200.50"),
                          campaign="brand", currency="EUR")  # fmt: skip
    assert spend[1].source == "google ads"  # google_ads: the same source, one spelling
    month = spend[2]
    assert (month.source, month.start, month.end, month.is_month) == (
        "linkedin",
        date(2026, 11, 1),
        date(2026, 11, 30),
        True,
    )
    assert (month.label, first.label) == ("2026-11", "2026-11-03")
    assert {rejection.line for rejection in report.rejections} == {6, 7, 10}


def test_a_negative_amount_is_set_aside_with_its_line_and_column() -> None:
    _, report = _read_spend(SPEND_FILE)
    (negative,) = [rejection for rejection in report.rejections if rejection.line == 6]
    assert negative.column == "Amount"
    assert "0 or more" in negative.reason


def test_a_month_source_and_campaign_given_twice_is_reported_with_the_first_line() -> None:
    _, report = _read_spend(SPEND_FILE)
    (repeat,) = [rejection for rejection in report.rejections if rejection.line == 7]
    assert repeat.column == "Date"
    assert repeat.reason.startswith("repeats the spend of linkedin for 2026-11 given on line 4:")


def test_an_unreadable_date_is_set_aside_saying_why() -> None:
    _, report = _read_spend(SPEND_FILE)
    (bad,) = [rejection for rejection in report.rejections if rejection.line == 10]
    assert (bad.column, bad.value) == ("Date", "someday")
    assert bad.reason.startswith("date:")


def test_day_rows_within_a_month_given_as_a_whole_are_an_overlap(tmp_path: Path) -> None:
    path = _write(tmp_path, "2026-11,Paid,,100", "2026-11-04,Paid,,5", "2026-11-04,Paid,x,5",
                  "2026-12-01,Paid,,7", "2026-12,Paid,,70")  # fmt: skip
    spend, report = _read_spend(path, WRITTEN)
    assert [row.amount for row in spend] == [Decimal(100), Decimal(5), Decimal(7)]
    assert [(rejection.line, rejection.column) for rejection in report.rejections] == [
        (3, "Date"),
        (6, "Date"),
    ]
    assert "within 2026-11, given as a whole on line 2" in report.rejections[0].reason
    assert "2026-12-01 given on line 5" in report.rejections[1].reason
    assert report.rows_read == report.records + report.rejected


def test_the_spend_currency_option_sets_rows_in_another_currency_aside() -> None:
    spend, report = _read_spend(SPEND_FILE, spend_currency="eur")
    assert report.records == len(spend) == 5
    assert {row.currency for row in spend} == {"EUR"}
    (other,) = [rejection for rejection in report.rejections if rejection.line == 8]
    assert other.column == "Currency"
    assert other.reason.startswith("currency USD, not the spend currency EUR")
    assert report.rows_read == report.records + report.rejected


def test_the_spend_currency_is_given_to_rows_without_one(tmp_path: Path) -> None:
    spend, _ = _read_spend(_write(tmp_path, "2026-11-02,Paid,,10"), WRITTEN, spend_currency="EUR")
    assert spend[0].currency == "EUR"


def test_a_bad_spend_currency_option_is_refused() -> None:
    with pytest.raises(InvalidOption, match="spend_currency"):
        _read_spend(SPEND_FILE, spend_currency="euros")


def test_sources_take_the_aliases_of_leads_sources(tmp_path: Path) -> None:
    path = _write(tmp_path, "2026-11-02,AdWords,,10", "2026-11-02,Ann@Example.com,,10")
    spend, _ = _read_spend(path, WRITTEN, source_aliases={"adwords": "paid search"})
    assert spend[0].source == "paid search"
    assert "@" not in (spend[1].source or "")


def test_day_and_month_columns_and_other_forms(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        ",2026/10,Paid,5",
        "03/11/2026,,Paid,6",
        "2026-12-01,,Paid,7",
        "2026-11-03 14:00,,Paid,8",
        "2026-11-04,2026-11,Paid,9",
        ",,Paid,10",
        header="Day,Month,Source,Amount",
    )
    mapping = {"day": "Day", "month": "Month", "source": "Source", "amount": "Amount"}
    reading = read("csv", None, spend=path, options={"spend_mapping": mapping, "day_first": True})
    spend = list(reading.spend())
    assert [(row.start, row.end) for row in spend] == [
        (date(2026, 10, 1), date(2026, 10, 31)),
        (date(2026, 11, 3), date(2026, 11, 3)),
        (date(2026, 12, 1), date(2026, 12, 1)),
    ]
    report = reading.report.spend
    assert report is not None
    reasons = {rejection.line: rejection.reason for rejection in report.rejections}
    assert set(reasons) == {5, 6, 7}
    assert "a day, not a time" in reasons[5]
    assert "both a day and a month" in reasons[6]
    assert "no day or month" in reasons[7]


def test_strict_mode_raises_on_the_first_bad_spend_row() -> None:
    reading = read("csv", None, spend=SPEND_FILE, options={"spend_mapping": SPEND_MAPPING},
                   strict=True)  # fmt: skip
    with pytest.raises(RowError) as raised:
        list(reading.spend())
    assert (raised.value.line, raised.value.column) == (6, "Amount")


def test_the_spend_mapping_needs_a_date_a_source_and_an_amount(tmp_path: Path) -> None:
    with pytest.raises(InvalidOption, match="day, month or date"):
        _read_spend(SPEND_FILE, {"source": "Source", "amount": "Amount"})
    with pytest.raises(InvalidOption, match="amount"):
        _read_spend(SPEND_FILE, {"date": "Date", "source": "Source"})
    with pytest.raises(InvalidOption, match="spend_mapping"):
        _read_spend(SPEND_FILE, {})
    with pytest.raises(MissingColumns, match="Cost"):
        _read_spend(SPEND_FILE, {**SPEND_MAPPING, "amount": "Cost"})


def test_leads_and_spend_read_together_each_with_its_report() -> None:
    reading = read("csv", LEADS_FILE, spend=SPEND_FILE,
                   options={**LEAD_OPTIONS, "spend_mapping": SPEND_MAPPING})  # fmt: skip
    leads = list(reading.leads())
    spend = list(reading.spend())
    report = reading.report
    assert report.leads is not None
    assert report.spend is not None
    assert report.spend.input == str(SPEND_FILE)
    assert report.inputs == [report.leads, report.spend]
    assert report.records == len(leads) + len(spend)
    assert report.rows_read == report.records + report.rejected


def test_no_spend_source_reads_no_spend() -> None:
    reading = read("csv", LEADS_FILE, options=LEAD_OPTIONS)
    assert list(reading.spend()) == []
    assert reading.report.spend is None


def test_an_adapter_without_a_spend_reader_is_named() -> None:
    with pytest.raises(InvalidOption, match="adapter 'hubspot' cannot read spend"):
        read("hubspot", None, spend=SPEND_FILE)


def test_the_records_adapter_reads_spend_records() -> None:
    rows = [
        {"day": date(2026, 11, 3), "source": "Paid Search", "amount": Decimal("12.5")},
        {"month": "2026-11", "source": "Events", "amount": 300, "campaign": "fair"},
        {"month": date(2026, 11, 2), "source": "Events", "amount": "1"},
        {"day": "2026-11-04", "source": "Paid", "amount": 1.5},
        "not a row",
    ]
    reading = read("records", None, spend=rows)
    spend = list(reading.spend())
    assert [(row.source, row.label, row.amount) for row in spend] == [
        ("paid search", "2026-11-03", Decimal("12.5")),
        ("events", "2026-11", Decimal(300)),
    ]
    report = reading.report.spend
    assert report is not None
    assert [rejection.line for rejection in report.rejections] == [3, 4, 5]
    assert "first of a month" in report.rejections[0].reason
    assert report.rows_read == report.records + report.rejected == 5


@pytest.mark.parametrize("name", ["sqlite", "postgresql", "mariadb"])
def test_the_sql_adapter_reads_spend_from_a_table(name: str, tmp_path: Path) -> None:
    with engine(name, tmp_path) as target:
        table = target.table("spend")
        target.execute(
            f"CREATE TABLE {table} (spent_on DATE, channel {target.text()}, cost {target.money()})"
        )
        mark = target.mark
        target.execute(
            f"INSERT INTO {table} VALUES ({mark}, {mark}, {mark})",
            [
                (date(2026, 11, 3) if name != "sqlite" else "2026-11-03", "Paid Search",
                 Decimal("10.25") if name != "sqlite" else "10.25"),
                (date(2026, 11, 4) if name != "sqlite" else "2026-11-04", "Paid Search",
                 Decimal("-1") if name != "sqlite" else "-1"),
            ],
        )  # fmt: skip
        target.ready()
        mapping = {"day": "spent_on", "source": "channel", "amount": "cost"}
        reading = read("sql", target.url, spend=target.url,
                       options={"spend_table": table, "spend_mapping": mapping})  # fmt: skip
        spend = list(reading.spend())
        assert [(row.source, row.start, row.amount) for row in spend] == [
            ("paid search", date(2026, 11, 3), Decimal("10.25"))
        ]
        report = reading.report.spend
        assert report is not None
        assert (report.rows_read, report.rejected) == (2, 1)
        assert report.rejections[0].column == "cost"


def test_the_sql_adapter_reads_spend_from_a_query(tmp_path: Path) -> None:
    with engine("sqlite", tmp_path) as target:
        table = target.table("spend")
        target.execute(f"CREATE TABLE {table} (month TEXT, channel TEXT, cost NUMERIC)")
        target.execute(f"INSERT INTO {table} VALUES (?, ?, ?)", [("2026-11", "Events", "99")])
        mapping = {"month": "month", "source": "channel", "amount": "cost"}
        reading = read("sql", target.url, spend=target.url, options={
            "spend_query": f"SELECT month, channel, cost FROM {table}", "spend_mapping": mapping,
        })  # fmt: skip
        assert [row.label for row in reading.spend()] == ["2026-11"]


def test_a_spend_record_checks_its_values() -> None:
    with pytest.raises(InvalidRecord, match="0 or more"):
        Spend("paid", date(2026, 11, 1), date(2026, 11, 1), Decimal(-1))
    with pytest.raises(InvalidRecord, match="one day or one calendar month"):
        Spend("paid", date(2026, 11, 1), date(2026, 11, 15), Decimal(1))
    with pytest.raises(InvalidRecord, match="source"):
        Spend("", date(2026, 11, 1), date(2026, 11, 1), Decimal(1))
    with pytest.raises(InvalidRecord, match="Decimal"):
        Spend("paid", date(2026, 11, 1), date(2026, 11, 1), 1.5)  # type: ignore[arg-type]
    assert Spend.month("paid", 2026, 2, Decimal(28)).end == date(2026, 2, 28)
    assert Spend.day("paid", date(2026, 2, 3), Decimal(1)).label == "2026-02-03"


def test_a_campaign_holding_an_email_is_read_as_a_pseudonym(tmp_path: Path) -> None:
    spend, _ = _read_spend(_write(tmp_path, "2026-11-02,Paid,ann@example.com promo,10"), WRITTEN)
    assert spend[0].campaign is not None
    assert "@" not in spend[0].campaign
    assert spend[0].campaign.endswith(" promo")


_CELLS = st.tuples(
    st.sampled_from(
        ["2026-11-03", "2026-11", "2026-12-01", "2026-12", "03/11/2026", "someday", ""]
    ),
    st.sampled_from(["Paid", "paid", "Events", "", "a@b.co"]),
    st.sampled_from(["", "brand", "x"]),
    st.sampled_from(["10", "-5", "1,200.50", "1.234,5", "", "abc", "0"]),
)


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_CELLS, min_size=1, max_size=30))
def test_every_spend_row_is_a_record_or_a_rejection(
    tmp_path: Path, rows: list[tuple[str, str, str, str]]
) -> None:
    path = _write(tmp_path, *(",".join(f'"{cell}"' for cell in row) for row in rows))
    spend, report = _read_spend(path, WRITTEN)
    assert report.rows_read == len(rows)
    assert report.rows_read == report.records + report.rejected
    assert report.records == len(spend)
    assert all(row.amount >= 0 and "@" not in row.source for row in spend)
    keys = [(row.source, row.campaign, row.start, row.end) for row in spend]
    assert len(keys) == len(set(keys)), "a day or month of a source and campaign, counted twice"
    months = {(source, campaign, start) for source, campaign, start, end in keys if start != end}
    for source, campaign, start, end in keys:
        if start == end:
            assert (source, campaign, start.replace(day=1)) not in months, "a day in a whole month"
