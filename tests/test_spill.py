"""Deals held on disk give the same actuals as deals held in memory, and leave no file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smarketing import Deal, Lead
from tests.passes import collect_records
from tests.strategies import record_sets


def _spill_files() -> set[str]:
    """The temporary files this process holds open (SQLite's are named etilqs_*)."""
    folder = Path("/proc/self/fd")
    if not folder.exists():
        return set(map(str, Path(tempfile.gettempdir()).glob("etilqs_*")))
    held = set()
    for descriptor in folder.iterdir():
        try:
            target = os.readlink(descriptor)
        except OSError:
            continue
        if "etilqs_" in target:
            held.add(target)
    return held


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc")
def test_the_file_has_no_name_while_held_and_is_gone_when_closed() -> None:
    """No name in the directory: no signal, crash or kill -9 can leave the file behind."""
    from smarketing.pipeline.spill import SpilledDeals

    spilled = SpilledDeals([], [])
    spilled._db.executemany("INSERT INTO leads VALUES (?, 0, 0, 'open', NULL)",
                            ((f"L{n}" * 50,) for n in range(50_000)))  # fmt: skip
    held = _spill_files()
    assert held, "the deals are held in a file"
    assert all(target.endswith(" (deleted)") for target in held)
    spilled.close()
    assert _spill_files() == set()


@settings(max_examples=60)
@given(record_sets(), st.integers(0, 4))
def test_deals_held_on_disk_count_the_same(
    records: tuple[list[Lead], list[Deal]], in_memory: int
) -> None:
    leads, deals = records
    before = _spill_files()
    assert collect_records(leads, deals, deals_in_memory=in_memory) == collect_records(leads, deals)
    assert _spill_files() == before  # the file is deleted


def test_a_deal_naming_a_lead_twice_and_many_leads(tmp_path: Path) -> None:
    from datetime import datetime

    when = datetime(2026, 11, 3, 9)
    leads = [Lead(f"L{n}", when, source="referrals") for n in range(50)]
    deals = [
        Deal(f"D{n}", lead_ids=[f"L{n % 7}", f"L{n % 5}", f"L{n % 7}"], status="won", closed=when)
        for n in range(30)
    ]
    assert collect_records(leads, deals, deals_in_memory=2) == collect_records(leads, deals)


def test_an_error_midway_still_deletes_the_file() -> None:
    from datetime import datetime

    import pytest

    def leads() -> object:
        yield Lead("L1", datetime(2026, 11, 3))
        raise RuntimeError("the source broke")

    deals = [Deal(f"D{n}", lead_ids=f"L{n}") for n in range(5)]
    before = _spill_files()
    with pytest.raises(RuntimeError):
        collect_records(leads(), deals, deals_in_memory=1)  # type: ignore[arg-type]
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
        collect_records([Lead("L1", datetime(2026, 11, 3))], deals(), deals_in_memory=1)  # type: ignore[arg-type]
    assert _spill_files() == before
