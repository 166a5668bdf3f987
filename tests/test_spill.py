"""Deals held on disk give the same actuals as deals held in memory, and leave no file."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from smarketing import Deal, Lead
from tests.strategies import record_sets
from tests.test_actuals import _collect


def _spill_files() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("smarketing-deals-*.sqlite"))


@settings(max_examples=60)
@given(record_sets(), st.integers(0, 4))
def test_deals_held_on_disk_count_the_same(
    records: tuple[list[Lead], list[Deal]], in_memory: int
) -> None:
    leads, deals = records
    before = _spill_files()
    assert _collect(leads, deals, deals_in_memory=in_memory) == _collect(leads, deals)
    assert _spill_files() == before  # the file is deleted


def test_a_deal_naming_a_lead_twice_and_many_leads(tmp_path: Path) -> None:
    from datetime import datetime

    when = datetime(2026, 11, 3, 9)
    leads = [Lead(f"L{n}", when, source="referrals") for n in range(50)]
    deals = [
        Deal(f"D{n}", lead_ids=[f"L{n % 7}", f"L{n % 5}", f"L{n % 7}"], status="won", closed=when)
        for n in range(30)
    ]
    assert _collect(leads, deals, deals_in_memory=2) == _collect(leads, deals)


def test_an_error_midway_still_deletes_the_file() -> None:
    from datetime import datetime

    import pytest

    def leads() -> object:
        yield Lead("L1", datetime(2026, 11, 3))
        raise RuntimeError("the source broke")

    deals = [Deal(f"D{n}", lead_ids=f"L{n}") for n in range(5)]
    before = _spill_files()
    with pytest.raises(RuntimeError):
        _collect(leads(), deals, deals_in_memory=1)  # type: ignore[arg-type]
    assert _spill_files() == before


def test_deals_that_break_off_still_delete_the_file() -> None:
    from datetime import datetime

    import pytest

    def deals() -> object:
        for n in range(5):
            yield Deal(f"D{n}", lead_ids=f"L{n}")
        raise RuntimeError("the deals source broke")

    before = _spill_files()
    with pytest.raises(RuntimeError):
        _collect([Lead("L1", datetime(2026, 11, 3))], deals(), deals_in_memory=1)  # type: ignore[arg-type]
    assert _spill_files() == before
