"""Spend per source per day: any period's spend, month rows spread cent-exact over their days."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given

from smarketing import Period, read
from smarketing.errors import InputError
from smarketing.measuring.spend import SpendActuals, SpendFinding
from smarketing.records import Spend
from tests.databases import engine
from tests.strategies import spend_rows, year_partitions

SPEND_FILE = Path(__file__).parent / "fixtures" / "spend" / "spend.csv"
SPEND_MAPPING = {"date": "Date", "source": "Source", "campaign": "Campaign", "amount": "Amount",
                 "currency": "Currency"}  # fmt: skip


def _file_spend() -> SpendActuals:
    reading = read("csv", None, spend=SPEND_FILE,
                   options={"spend_mapping": SPEND_MAPPING, "spend_currency": "EUR"})  # fmt: skip
    return SpendActuals.collect(reading.spend(), input=str(SPEND_FILE))


def test_a_month_a_quarter_and_a_partial_month_add_up_to_the_files_total() -> None:
    spend = _file_spend()
    total = {"google ads": Decimal("1500.50"), "linkedin": Decimal(3900), "podcast": Decimal(40)}
    assert spend.total() == total
    november = spend.for_period(Period.parse("2026-11"))
    assert november == {"google ads": Decimal("1500.50"), "linkedin": Decimal(3000)}
    quarter = spend.for_period(Period.parse("2026-Q4"))
    assert quarter == total
    first_half = spend.for_period(Period.parse("2026-11-01/2026-11-15"))
    second_half = spend.for_period(Period.parse("2026-11-16/2026-11-30"))
    assert first_half["linkedin"] == Decimal(1500)  # 15 of 30 days of 3,000.00
    assert first_half["google ads"] == Decimal("1500.50")
    assert "google ads" not in second_half
    for source in november:
        assert first_half.get(source, 0) + second_half.get(source, 0) == november[source]
    october_and_rest = spend.for_period(Period.parse("2026-10-01/2026-10-20"))
    assert october_and_rest == {"linkedin": Decimal("580.65")}  # 900 x 20/31, to the cent


def test_a_month_spread_over_its_days_keeps_every_cent() -> None:
    spend = SpendActuals.collect([Spend.month("paid", 2026, 11, Decimal("100.00"))])
    days = [spend.for_period(Period(day, day))["paid"] for day in Period.parse("2026-11").dates()]
    assert sum(days) == Decimal("100.00")
    assert set(days) == {Decimal("3.34"), Decimal("3.33")}


@given(spend_rows(), year_partitions())
def test_the_parts_of_any_partition_of_a_year_add_up_to_the_years_spend(
    rows: list[Spend], parts: list[Period]
) -> None:
    spend = SpendActuals.collect(rows)
    year = spend.for_period(Period.year(2026))
    expected: dict[str, Decimal] = {}
    for row in rows:
        expected[row.source] = expected.get(row.source, Decimal(0)) + row.amount
    assert year == expected
    added: dict[str, Decimal] = {}
    for part in parts:
        for source, amount in spend.for_period(part).items():
            added[source] = added.get(source, Decimal(0)) + amount
    assert added == year


@given(spend_rows())
def test_a_period_after_the_spend_has_none(rows: list[Spend]) -> None:
    assert SpendActuals.collect(rows).for_period(Period.year(2027)) == {}


def test_where_each_figure_came_from() -> None:
    spend = _file_spend()
    origins = spend.origins(Period.parse("2026-11-01/2026-11-15"))
    linkedin = origins["linkedin"]
    assert linkedin.input == str(SPEND_FILE)
    assert linkedin.day_rows == 0
    assert linkedin.months == (("2026-11", 15, 30),)
    assert "spread over 15 of its 30 days" in linkedin.describe()
    google = origins["google ads"]
    assert (google.day_rows, google.months) == (2, ())
    assert google.describe() == f"{SPEND_FILE}: 2 day rows"


def test_two_currencies_are_kept_apart_and_never_added() -> None:
    reading = read("csv", None, spend=SPEND_FILE, options={"spend_mapping": SPEND_MAPPING})
    spend = SpendActuals.collect(reading.spend(), input="spend.csv")
    assert spend.currencies == ("EUR", "USD")
    with pytest.raises(InputError, match=r"spend\.csv.*EUR and USD.*spend_currency"):
        spend.for_period(Period.parse("2026-11"))
    assert spend.for_period(Period.parse("2026-11"), currency="USD") == {"google ads": Decimal(80)}
    assert spend.for_period(Period.parse("2026-11"), currency="EUR")["google ads"] == Decimal(
        "1500.50"
    )


def test_rows_without_a_currency_count_in_the_reports_currency() -> None:
    spend = SpendActuals.collect(
        [
            Spend.day("paid", date(2026, 11, 2), Decimal(5)),
            Spend.day("paid", date(2026, 11, 3), Decimal(7), currency="EUR"),
        ]
    )
    assert spend.for_period(Period.parse("2026-11")) == {"paid": Decimal(12)}
    assert spend.for_period(Period.parse("2026-11"), currency="EUR") == {"paid": Decimal(12)}


def test_findings_name_unknown_sources_and_spend_outside_the_period() -> None:
    spend = _file_spend()
    findings = spend.findings(Period.parse("2026-11"), known_sources={"google ads", "webinar"})
    kinds = {(finding.kind, finding.source) for finding in findings}
    assert (SpendFinding.UNKNOWN_SOURCE, "linkedin") in kinds
    assert (SpendFinding.UNKNOWN_SOURCE, "podcast") in kinds
    unknown = next(f for f in findings if f.source == "linkedin")
    assert "kept under its own name" in unknown.message
    outside = spend.findings(Period.parse("2025"), known_sources={"google ads"})
    assert [finding.kind for finding in outside] == [
        SpendFinding.NO_OVERLAP,
        *[SpendFinding.UNKNOWN_SOURCE] * 2,
    ]
    assert "2026-10-01 to 2026-12-01" in outside[0].message


def test_no_spend_at_all() -> None:
    spend = SpendActuals.collect([])
    assert spend.for_period(Period.parse("2026-11")) == {}
    assert spend.findings(Period.parse("2026-11"), known_sources=()) == ()


def test_spend_outside_the_period_is_found_whatever_its_currencies() -> None:
    spend = SpendActuals.collect(
        [
            Spend.day("paid", date(2026, 11, 2), Decimal(5), currency="EUR"),
            Spend.day("paid", date(2026, 11, 3), Decimal(7), currency="USD"),
        ]
    )
    findings = spend.findings(Period.parse("2026-12"), known_sources=["Paid"])
    assert [finding.kind for finding in findings] == [SpendFinding.NO_OVERLAP]
    assert spend.findings(Period.parse("2026-11"), known_sources=["Paid"]) == ()


def test_memory_grows_with_days_and_sources_not_rows() -> None:
    days = [date(2026, 11, day) for day in range(1, 11)]
    rows = (
        Spend.day(source, day, Decimal("1.25"), campaign=f"c{number % 50}")
        for number in range(6000)
        for source, day in [(("a", "b", "c")[number % 3], days[number % 10])]
    )
    spend = SpendActuals.collect(rows)
    assert sum(len(by) for by in spend.days.values()) == 30
    assert spend.total() == {"a": Decimal(2500), "b": Decimal(2500), "c": Decimal(2500)}


def test_a_reading_collects_its_spend_named_as_its_report_names_it(tmp_path: Path) -> None:
    reading = read("csv", None, spend=SPEND_FILE,
                   options={"spend_mapping": SPEND_MAPPING, "spend_currency": "EUR"})  # fmt: skip
    spend = reading.collect_spend()
    assert spend == _file_spend()
    assert reading.report.spend is not None
    assert reading.report.spend.rows_read == 9
    assert read("csv", None).collect_spend() == SpendActuals.collect([], input="spend")


def test_spend_from_a_database_is_named_without_its_password(tmp_path: Path) -> None:
    with engine("postgresql", tmp_path) as target:
        table = target.table("spend")
        target.execute(f"CREATE TABLE {table} (month TEXT, channel TEXT, cost NUMERIC)")
        target.execute(f"INSERT INTO {table} VALUES ('2026-11', 'Events', 99)")
        url = target.url.replace("postgres@", "postgres:s3cret@")  # trust auth: any password
        mapping = {"month": "month", "source": "channel", "amount": "cost"}
        reading = read("sql", url, spend=url,
                       options={"spend_table": table, "spend_mapping": mapping})  # fmt: skip
        spend = reading.collect_spend()
        assert spend.total() == {"events": Decimal(99)}
        assert reading.report.spend is not None
        assert spend.input == reading.report.spend.input
        assert "s3cret" not in spend.input
        assert spend.input.endswith(f" {table}")
