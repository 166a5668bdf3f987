"""The full breach list on request: ``report --breaches FILE``, streamed, spreadsheet-safe."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from smarketing import SLA, Breach, Lead, MarketingCommitment, Period, SpeedClause, collect_actuals
from smarketing.pipeline.breachlist import stream_breaches
from smarketing.reporting.breachcsv import BREACH_COLUMNS
from tests.strategies import HUBSPOT_FUNNEL

NOVEMBER = Period.month(2026, 11)
AS_OF = date(2026, 11, 30)
MQL = "marketingqualifiedlead"


def _write_input(folder: Path, breaching: int) -> Path:
    """``breaching`` leads handed off in November and never touched; one touched in time."""
    leads = folder / "leads.csv"
    with leads.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "created", "owner", "source", "handoff", "first_touch"])
        for number in range(breaching):
            created = datetime(2026, 11, 1, 9) + timedelta(minutes=number * 7)
            owner = "=1+2" if number % 3 == 0 else f"rep {number % 4}"
            writer.writerow([f"L{number:05d}", created.isoformat(), owner, "-2+3", created, ""])
        writer.writerow(["OK1", "2026-11-02T09:00", "rep 1", "ads", "2026-11-02T09:00",
                         "2026-11-02T09:10"])  # fmt: skip
    config = folder / "sla.toml"
    config.write_text(
        f"""
[funnel]
preset = "hubspot"
rates = [0.5, 0.5, 0.4, 0.25]

[sla]
leads = 20
speed = {{ within_hours = 1 }}

[input]
adapter = "csv"
leads = "{leads}"

[input.options.mapping]
id = "id"
created = "created"
owner = "owner"
source = "source"
handoff = "handoff"
first_touch = "first_touch"
""",
        encoding="utf-8",
    )
    return config


def _report(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smarketing", "report", "--config", str(config),
         "--period", "2026-11", "--as-of", "2026-11-30", *args],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_breaches_file_lists_every_breach_beyond_the_reports_bound(tmp_path: Path) -> None:
    """1,500 breaches: the report lists 1,000 at most, the file all of them, neutralised."""
    config = _write_input(tmp_path, 1500)
    target = tmp_path / "breaches.csv"
    result = _report(config, "--breaches", str(target))
    assert result.returncode == 0, result.stderr
    assert "1,500 breaches; 25 listed below (the earliest hand-offs), 1,475 not listed" in (
        result.stdout
    )
    rows = _rows(target)
    assert tuple(rows[0]) == BREACH_COLUMNS
    assert len(rows) == 1501
    assert sorted(row[0] for row in rows[1:]) == [f"L{n:05d}" for n in range(1500)]
    assert {row[1] for row in rows[1:]} == {"speed"}
    assert {row[2] for row in rows[1:]} == {"'=1+2", "rep 0", "rep 1", "rep 2", "rep 3"}
    assert {row[3] for row in rows[1:]} == {"'-2+3"}
    assert all(row[6] == "" and row[7] == "" for row in rows[1:])


def test_breaches_file_when_the_report_holds_them_all(tmp_path: Path) -> None:
    """A few breaches: written from the report, earliest hand-off first, no second pass."""
    config = _write_input(tmp_path, 30)
    target = tmp_path / "breaches.csv"
    result = _report(config, "--format", "json", "--breaches", str(target))
    assert result.returncode == 0, result.stderr
    rows = _rows(target)
    assert [row[0] for row in rows[1:]] == [f"L{n:05d}" for n in range(30)]
    assert rows[1][4] == "2026-11-01T09:00:00+00:00"


def _leads(count: int) -> Iterator[Lead]:
    for number in range(count):
        created = datetime(2026, 11, 1, 9) + timedelta(minutes=number)
        yield Lead(f"L{number:06d}", created, source="ads", owner=f"rep {number % 5}",
                   stages={MQL: created})  # fmt: skip


SLA_SPEED = SLA(
    HUBSPOT_FUNNEL,
    MarketingCommitment(leads=10),
    speed=SpeedClause(timedelta(hours=1), share=Decimal("0.9")),
)


def test_stream_breaches_gives_the_reports_breaches_in_reading_order() -> None:
    """The same breaches as a pass that keeps them all, as the leads come."""
    seen: list[Breach] = []
    count = stream_breaches(
        _leads(3000), sla=SLA_SPEED, period=NOVEMBER, as_of=AS_OF, on_breach=seen.append
    )
    kept = collect_actuals(
        _leads(3000), sla=SLA_SPEED, as_of=AS_OF, breaches_in=NOVEMBER, max_listed=None
    )
    assert count == len(seen) == len(kept.breaches) == 3000
    assert seen == list(kept.breaches)  # here reading order is hand-off order
    outside = stream_breaches(
        _leads(100), sla=SLA_SPEED, period=Period.month(2026, 12), as_of=AS_OF,
        on_breach=seen.append,
    )  # fmt: skip
    assert outside == 0


def test_stream_breaches_holds_none_of_them() -> None:
    """Memory does not grow with the breaches: streaming takes a tenth of keeping them, or less."""

    def peak(run: object) -> int:
        tracemalloc.start()
        try:
            run()  # type: ignore[operator]
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    counted = [0]

    def count(_: Breach) -> None:
        counted[0] += 1

    streamed = peak(
        lambda: stream_breaches(
            _leads(5_000), sla=SLA_SPEED, period=NOVEMBER, as_of=AS_OF, on_breach=count
        )
    )
    kept = peak(
        lambda: collect_actuals(
            _leads(5_000), sla=SLA_SPEED, as_of=AS_OF, breaches_in=NOVEMBER, max_listed=None
        )
    )
    assert counted[0] == 5_000
    assert streamed * 10 < kept, (streamed, kept)


def test_breaches_equal_but_for_a_missing_touch_still_sort() -> None:
    """A lead id read twice (in two parts) can breach twice, once with no first touch."""
    from datetime import datetime

    handoff, deadline = datetime(2026, 11, 3, 9), datetime(2026, 11, 3, 10)
    touched = Breach(
        handoff, "7", "speed", "ana", "paid search", deadline, datetime(2026, 11, 3, 11), 2
    )
    untouched = Breach(handoff, "7", "speed", "ana", "paid search", deadline, None, None)
    assert sorted([touched, untouched]) == [untouched, touched]
    assert sorted({touched, untouched}) == [untouched, touched]
