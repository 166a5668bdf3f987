"""Reading single cells: one convention in force, and a refusal for what does not fit it.

Each case of the issue "Trust at the edges of the input" that altered a value
silently is here: the cell is now read as a person would read it, or refused
with the reason. The properties check it for any number and any convention.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from smarketing.parsing import parse_amount, parse_count, parse_datetime
from tests.strategies import formatted_amounts


@pytest.mark.parametrize(
    ("text", "decimal_comma"),
    [
        ("1.234,56", False),
        ("€1 234,56", False),
        ("1,5", False),
        ("12,34,567", False),
        ("1234.56", True),
        (".5", True),
        ("1,234.56", True),
        ("1.234", False),  # 1234 in a decimal-comma file
        ("1,234", True),  # 1234 in a decimal-point file
        ("1,234 567", False),  # two kinds of grouping
        ("1e99999999", False),
        ("-1e15", False),
        ("1e-13", False),
        ("NaN", False),
        ("Infinity", False),
        ("--5", False),
        ("1,234e5", False),
    ],
)
def test_an_amount_outside_the_convention_is_refused_not_rescaled(
    text: str, decimal_comma: bool
) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the reason varies; the refusal is the point
        parse_amount(text, decimal_comma=decimal_comma)


@pytest.mark.parametrize(
    ("text", "decimal_comma", "amount"),
    [
        ("1,234.56", False, "1234.56"),
        ("$1,234,567.5", False, "1234567.5"),
        ("1 234.56", False, "1234.56"),
        ("1'234.50", False, "1234.50"),
        ("1,234", False, "1234"),
        (".5", False, "0.5"),
        ("0.125", False, "0.125"),
        ("1234.567", False, "1234.567"),
        ("-42.5", False, "-42.5"),
        ("EUR 99", False, "99"),
        ("1.5E+06", False, "1.5E+6"),
        ("1.234,56", True, "1234.56"),
        ("1\u202f234,56\u00a0€", True, "1234.56"),
        ("1.234", True, "1234"),
        (",5", True, "0.5"),
        ("0,125", True, "0.125"),
        ("999999999999999.99", False, "999999999999999.99"),
    ],
)
def test_an_amount_of_the_convention_reads_as_written(
    text: str, decimal_comma: bool, amount: str
) -> None:
    assert parse_amount(text, decimal_comma=decimal_comma) == Decimal(amount)


def test_the_ambiguous_form_says_why_and_what_to_do() -> None:
    with pytest.raises(ValueError, match=r"ambiguous: 1\.234 reads as 1234 .* set decimal_comma"):
        parse_amount("1.234")


def test_a_huge_exponent_is_refused_at_once_in_counts_and_amounts() -> None:
    """``int(Decimal('1e99999999'))`` never finished; the limit is checked on the exponent."""
    with pytest.raises(ValueError, match="limit"):
        parse_count("1e99999999")
    with pytest.raises(ValueError, match="limit"):
        parse_count("1e999999")
    with pytest.raises(ValueError, match="limit"):
        parse_count("1" * 5000)
    assert parse_count("1,204") == 1204
    assert parse_count("1.204", decimal_comma=True) == 1204
    with pytest.raises(ValueError, match="whole count"):
        parse_count("1.5")


@given(formatted_amounts())
def test_an_amount_read_in_its_own_convention_is_the_amount(
    case: tuple[Decimal, str, str],
) -> None:
    """Formatted by a writer of one convention, read in that convention: the same number.

    The one exception is refused, not misread: three decimals after one to
    three digits (``1.234``), which the other convention reads as thousands.
    """
    amount, text, convention = case
    whole, _, fraction = f"{abs(amount):f}".partition(".")
    if len(fraction) == 3 and 1 <= int(whole) <= 999:
        with pytest.raises(ValueError, match="ambiguous"):
            parse_amount(text, decimal_comma=convention == "comma")
    else:
        assert parse_amount(text, decimal_comma=convention == "comma") == amount


@given(formatted_amounts(max_places=2), st.booleans())
@example((Decimal(1234), "1,234", "point"), True)
@example((Decimal(1234), "1.234", "comma"), False)
@example((Decimal("1234.56"), "1.234,56", "comma"), False)
@example((Decimal("1.5"), "1,5", "comma"), False)
def test_an_amount_read_in_any_convention_is_the_amount_or_refused(
    case: tuple[Decimal, str, str], decimal_comma: bool
) -> None:
    """Money (cents) written in one convention and read in either: never a different number."""
    amount, text, _ = case
    try:
        read = parse_amount(text, decimal_comma=decimal_comma)
    except ValueError:
        return
    assert read == amount


@given(st.text(max_size=40), st.booleans())
def test_any_cell_is_a_number_or_a_value_error(text: str, decimal_comma: bool) -> None:
    try:
        amount = parse_amount(text, decimal_comma=decimal_comma)
    except ValueError:
        return
    assert amount.is_finite()
    assert abs(amount) < 10**15


# Dates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["2026-11-03 14:05 UTC", "2026/11/03 14:05", "2026.11.03 14:05", "2026-11-03 2:05 PM"],
)
def test_a_year_first_date_is_never_read_day_first(text: str) -> None:
    """``day_first`` swapped month and day of year-first dates that missed the ISO path."""
    read = parse_datetime(text, day_first=True)
    assert (read.year, read.month, read.day, read.hour, read.minute) == (2026, 11, 3, 14, 5)
    assert parse_datetime(text, day_first=True) == parse_datetime(text)


@pytest.mark.parametrize(
    "text",
    [
        "2026-13-01",
        "2026",
        "4600",
        "Nov 2026",
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:00:00-01:00",
        "2026-11-03 14:05+24:00",
        "2026-11-03T14:05:00+15:00",
        "2026-11-05 10:00" + "9" * 30,
        "Nov 5 2026 10:00 " + "9" * 30,
        "2026-11-03 14:05 XYZ",
        "Nov 3 2026 10:00 IST",
        "2026/11/03 25:00",
        "9999999999999",
        "1899-12-31",
    ],
)
def test_a_timestamp_no_crm_holds_is_refused(text: str) -> None:
    for day_first in (False, True):
        with pytest.raises(ValueError):  # noqa: PT011 - the reason varies; the refusal is the point
            parse_datetime(text, day_first=day_first)


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("2026-11-03 14:05 PST", timedelta(hours=-8)),
        ("2026-11-03 14:05 CET", timedelta(hours=1)),
        ("2026-11-03 14:05 EST", timedelta(hours=-5)),
        ("Nov 3, 2026 2:05 PM PST", timedelta(hours=-8)),
        ("11/3/2026 2:05 PM EDT", timedelta(hours=-4)),
        ("2026-11-03 14:05 GMT", timedelta(0)),
    ],
)
def test_a_zone_abbreviation_is_read_not_dropped(text: str, offset: timedelta) -> None:
    read = parse_datetime(text)
    assert read.utcoffset() == offset
    assert read.replace(tzinfo=None) == datetime(2026, 11, 3, 14, 5)


def test_a_zone_name_is_read_through_zoneinfo() -> None:
    read = parse_datetime("2026-07-03 14:05 Europe/Paris")
    assert read == datetime(2026, 7, 3, 14, 5, tzinfo=ZoneInfo("Europe/Paris"))
    assert read.utcoffset() == timedelta(hours=2)


_MOMENTS = st.datetimes(datetime(1900, 1, 1), datetime(2199, 12, 31, 23, 59, 59))


@given(_MOMENTS, st.booleans())
def test_iso_and_year_first_timestamps_read_the_same_in_both_day_orders(
    moment: datetime, day_first: bool
) -> None:
    moment = moment.replace(microsecond=0)
    written = [
        moment.isoformat(sep=" "),
        moment.strftime("%Y/%m/%d %H:%M:%S"),
        moment.strftime("%Y.%m.%d %H:%M:%S"),
        moment.strftime("%Y-%m-%d %I:%M:%S %p"),
        moment.replace(tzinfo=UTC).isoformat(),
    ]
    for text in written:
        assert parse_datetime(text, day_first=day_first).replace(tzinfo=None) == moment


@given(_MOMENTS, st.booleans())
def test_day_and_month_read_in_the_order_of_the_convention(moment: datetime, us: bool) -> None:
    moment = moment.replace(second=0, microsecond=0)
    first, second = (moment.month, moment.day) if us else (moment.day, moment.month)
    text = f"{first}/{second}/{moment.year:04d} {moment:%H:%M}"
    assert parse_datetime(text, day_first=not us) == moment


@given(
    _MOMENTS,
    st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes))),
)
def test_an_offset_within_a_day_of_the_limits_converts_without_overflow(
    moment: datetime, zone: timezone
) -> None:
    read = parse_datetime(moment.replace(tzinfo=zone).isoformat())
    assert read.astimezone(UTC).replace(tzinfo=None) == (moment - zone.utcoffset(None))


@given(st.text(max_size=40), st.booleans())
def test_any_cell_is_a_timestamp_or_a_value_error(text: str, day_first: bool) -> None:
    try:
        moment = parse_datetime(text, day_first=day_first)
    except ValueError:
        return
    assert 1900 <= moment.year <= 2199
    moment.astimezone(UTC)  # converting zones never overflows
