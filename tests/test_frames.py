"""Records to data frames: every figure comes out as the same number, date or count."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import attrs
import pandas
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smarketing.errors import InvalidValue, MissingDriver
from smarketing.frames import columns, to_frame
from smarketing.planning.period import Period


@attrs.frozen
class Share:
    share_met: Decimal | None
    met: int


@attrs.frozen
class Row:
    source: str
    leads: int | None
    revenue: Decimal | None
    day: date
    handoff: datetime | None
    wait: timedelta | None
    period: Period
    speed: Share | None
    reasons: tuple[str, ...] = ()


money = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False)
rates = st.decimals(min_value=0, max_value=1, places=6, allow_nan=False)
rows = st.builds(
    Row,
    source=st.text(max_size=12),
    leads=st.none() | st.integers(0, 10**9),
    revenue=st.none() | money,
    day=st.dates(date(1900, 1, 1), date(2199, 12, 31)),
    handoff=st.none() | st.datetimes(datetime(1970, 1, 1), datetime(2199, 1, 1)),
    wait=st.none() | st.timedeltas(timedelta(0), timedelta(days=400)),
    period=st.builds(Period.month, st.integers(1990, 2100), st.integers(1, 12)),
    speed=st.none() | st.builds(Share, st.none() | rates, st.integers(0, 10**6)),
)


def _missing(value: object) -> bool:
    return value is None or value is pandas.NA or value is pandas.NaT


@given(st.lists(rows, min_size=1, max_size=8))
def test_pandas_frame_holds_every_figure_exactly(records: list[Row]) -> None:
    frame = to_frame(records)
    assert len(frame) == len(records)
    assert "reasons" not in frame.columns  # a list is its own section
    for position, record in enumerate(records):
        row = frame.iloc[position]
        assert row["source"] == record.source
        assert (_missing(row["leads"]) and record.leads is None) or row["leads"] == record.leads
        assert row["revenue"] == record.revenue or (
            record.revenue is None and _missing(row["revenue"])
        )
        if record.revenue is not None:
            assert isinstance(row["revenue"], Decimal)  # exact, not a float
        assert row["day"] == pandas.Timestamp(record.day)
        assert (record.handoff is None and _missing(row["handoff"])) or row[
            "handoff"
        ] == pandas.Timestamp(record.handoff)
        assert (record.wait is None and _missing(row["wait"])) or row["wait"] == pandas.Timedelta(
            record.wait
        )
        assert row["period"] == record.period.label
        share = None if record.speed is None else record.speed.share_met
        if "speed_share_met" in frame.columns:
            assert row["speed_share_met"] == share or (
                share is None and _missing(row["speed_share_met"])
            )


@given(st.lists(rows, min_size=1, max_size=8))
def test_float_decimals_are_the_nearest_floats(records: list[Row]) -> None:
    frame = to_frame(records, decimals="float")
    assert str(frame["revenue"].dtype) == "Float64"
    for position, record in enumerate(records):
        value = frame["revenue"].iloc[position]
        if record.revenue is None:
            assert _missing(value)
        else:
            assert value == float(record.revenue)


@given(st.lists(rows, min_size=1, max_size=8))
def test_polars_frame_holds_every_figure_exactly(records: list[Row]) -> None:
    frame = to_frame(records, library="polars")
    assert frame.height == len(records)
    assert frame["revenue"].to_list() == [record.revenue for record in records]
    assert frame["leads"].to_list() == [record.leads for record in records]
    assert frame["day"].to_list() == [
        datetime(record.day.year, record.day.month, record.day.day) for record in records
    ]


def test_nested_record_none_in_a_row_leaves_its_columns_empty() -> None:
    one = Row("a", 1, None, date(2026, 1, 1), None, None, Period.month(2026, 1), Share(None, 3))
    two = attrs.evolve(one, speed=None)
    table = columns([one, two])
    assert table["speed_met"] == [3, None]
    assert "speed" not in table


def test_aware_datetimes_keep_their_instant() -> None:
    moment = datetime(2026, 11, 3, 9, 30, tzinfo=UTC)
    frame = to_frame([{"at": moment}])
    assert frame["at"].iloc[0] == pandas.Timestamp(moment)


def test_bad_arguments_are_clear_errors() -> None:
    with pytest.raises(InvalidValue, match="decimals"):
        to_frame([], decimals="text")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="library"):
        to_frame([], library="spark")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="attrs records or mappings"):
        columns([3])


def test_without_pandas_the_error_says_what_to_install() -> None:
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "from smarketing.frames import to_frame\n"
        "from smarketing.errors import MissingDriver\n"
        "try:\n    to_frame([{'a': 1}])\n"
        "except MissingDriver as error:\n    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "pip install 'smarketing[pandas]'" in result.stdout
    assert issubclass(MissingDriver, Exception)


def test_import_smarketing_imports_no_frame_library() -> None:
    code = "import sys, smarketing; print('pandas' in sys.modules, 'polars' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]
