"""Reading a file in parts, in several processes, gives exactly what one pass gives."""

from __future__ import annotations

import csv
import itertools
import json
from datetime import date, tzinfo
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smarketing import (
    SLA,
    Deal,
    Funnel,
    FunnelActuals,
    InvalidOption,
    Lead,
    MarketingCommitment,
    SpeedClause,
    collect_actuals,
    read,
)
from smarketing.adapters import _table as table_module
from smarketing.adapters._table import CsvPart, CsvTable, MisalignedPart
from smarketing.measuring.deal_state import release
from smarketing.measuring.one_pass import Pass
from tests.strategies import HUBSPOT_FUNNEL, record_sets, slas, zones

DEMO = Path(str(files("smarketing.demo")))

AS_OF = date(2026, 11, 30)


def _sla(funnel: Funnel = HUBSPOT_FUNNEL) -> SLA:
    from datetime import timedelta

    return SLA(funnel, MarketingCommitment(leads=100), speed=SpeedClause(timedelta(hours=4)))


def _big_export(
    tmp_path: Path, copies: int = 20, *, encoding: str = "utf-8", newline: str = "\n"
) -> Path:
    """The demo contacts many times over (new ids), with a quoted newline and bad rows."""
    with (DEMO / "hubspot-contacts.csv").open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    path = tmp_path / "contacts.csv"
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator=newline)
        writer.writerow(header)
        for copy in range(copies):
            for number, row in enumerate(rows):
                row = list(row)
                row[0] = f"{copy}-{row[0]}"
                if number == 7:
                    row[1] = "two\nlines"  # a name over two lines: never a place to cut
                if number == 9:
                    row[header.index("Create Date")] = "not a date"
                writer.writerow(row)
            handle.write(newline)  # a blank line
    return path


def _rows(table: CsvTable) -> list[tuple[int, list[str]]]:
    return list(table.rows())


@pytest.mark.parametrize(
    ("count", "encoding", "newline"),
    [(2, "utf-8", "\n"), (3, "utf-8-sig", "\r\n"), (5, "cp1252", "\r\n")],
)
def test_parts_hold_every_row_once_with_its_line(
    tmp_path: Path, count: int, encoding: str, newline: str
) -> None:
    """Excel's byte-order mark and CRLF line ends, and cp1252, cut alike."""
    path = _big_export(tmp_path, copies=3, encoding=encoding, newline=newline)
    table = CsvTable(path, encoding="cp1252" if encoding == "cp1252" else "utf-8")
    parts = table.parts(count, smallest=1)
    assert len(parts) == count
    assert parts[0].start == 0
    assert parts[-1].end == path.stat().st_size
    assert all(a.end == b.start for a, b in itertools.pairwise(parts))
    in_parts = [row for part in parts for row in _rows(CsvTable(part))]
    assert in_parts == _rows(table)


@settings(max_examples=60)
@given(record_sets(aware=True), slas(), zones, st.data())
def test_parts_counted_apart_give_the_one_pass_actuals(
    records: tuple[list[Lead], list[Deal]], sla: SLA, zone: tzinfo, data: st.DataObject
) -> None:
    """The reading in parts' counting, in one process: the deals held once, each part's leads
    counted against them (a part past the first holding its own, uncounted), the deals counted
    from the parts' links; the same actuals as one pass, whatever the clauses, hours and zone."""
    leads, deals = records
    whole = collect_actuals(leads, deals, sla=sla, zone=zone, as_of=AS_OF, segment="region")
    spec = whole.spec
    cuts = sorted(data.draw(st.lists(st.integers(0, len(leads)), max_size=3)))
    parts = [leads[a:b] for a, b in itertools.pairwise([0, *cuts, len(leads)])]
    deals_pass = Pass(spec)
    held = deals_pass.hold(deals)
    results = [Pass(spec).run_part(parts[0], held)]
    for part in parts[1:]:
        own_pass = Pass(spec)
        own = own_pass.hold(deals, counted=False)
        results.append(own_pass.run_part(part, own))
        release(own)
    linked = deals_pass.run_deals(held, (links for _, links in results))
    release(held)
    assert FunnelActuals.combine([*(actuals for actuals, _ in results), linked]) == whole


def test_a_small_file_is_one_part() -> None:
    table = CsvTable(DEMO / "hubspot-contacts.csv")
    assert len(table.parts(4)) == 1  # under a megabyte a part


def test_a_quote_inside_an_unquoted_field_is_caught(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cut counts quotes; a lone one misleads it: the part says so, the reading starts over."""
    path = tmp_path / "odd.csv"
    lines = ["id,created,note"]
    lines += [f'L{n},2026-11-0{1 + n % 9},{"5 inch" if n != 3 else "5" + chr(34) + " screen"}'
              for n in range(400)]  # fmt: skip
    # a quoted note over 60 lines, where the misled count puts the cut
    lines[200] = 'L200,2026-11-02,"a quoted\n' + "\n".join(lines[201:260]) + '\nend"'
    del lines[201:260]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parts = CsvTable(path).parts(2, smallest=1)
    assert len(parts) == 2
    with pytest.raises(MisalignedPart, match="a row runs over byte"):
        _rows(CsvTable(parts[0]))

    monkeypatch.setattr(table_module, "PART_BYTES", 1)
    options = {"mapping": {"id": "id", "created": "created"}, "check_duplicates": False}
    one = read("csv", path, options=options).collect_actuals(sla=_sla(), as_of=AS_OF)
    reading = read("csv", path, options=options)
    assert reading.collect_actuals(sla=_sla(), as_of=AS_OF, workers=2) == one
    assert reading.report.rows_read == 341


def test_workers_give_the_one_pass_actuals_and_report(tmp_path: Path) -> None:
    path = _big_export(tmp_path)
    deals = DEMO / "hubspot-deals.csv"
    options = {"check_duplicates": False}
    one = read("hubspot", path, deals=deals, options=options, keep_rejections=5)
    expected = one.collect_actuals(sla=_sla(), as_of=AS_OF)
    seen: list[object] = []
    many = read(
        "hubspot", path, deals=deals, options=options, keep_rejections=5, on_rejection=seen.append
    )
    assert len(many.adapter.parts(path, many.options, 2)) == 2  # type: ignore[attr-defined]
    actuals = many.collect_actuals(sla=_sla(), as_of=AS_OF, workers=2)
    assert actuals == expected
    for kind in ("leads", "deals"):
        got, want = getattr(many.report, kind), getattr(one.report, kind)
        assert (got.input, got.rows_read, got.records, got.rejected, got.rejections) == (
            want.input, want.rows_read, want.records, want.rejected, want.rejections
        )  # fmt: skip
    assert many.report.rejected == 20
    spilled = read("hubspot", path, deals=deals, options=options)
    assert spilled.collect_actuals(sla=_sla(), as_of=AS_OF, workers=2, deals_in_memory=5) == (
        expected
    )
    assert len(many.report.leads.rejections) == 5  # type: ignore[union-attr]
    assert seen == sorted(seen, key=lambda rejection: rejection.line)  # type: ignore[attr-defined]
    assert len(seen) == 20  # every rejection, in file order


def test_workers_need_duplicates_unchecked(tmp_path: Path) -> None:
    path = _big_export(tmp_path)
    reading = read("hubspot", path)
    with pytest.raises(InvalidOption, match="check_duplicates=False"):
        reading.collect_actuals(sla=_sla(), as_of=AS_OF, workers=2)


def test_one_worker_strict_mode_and_adapters_without_parts_read_in_one_pass() -> None:
    contacts = DEMO / "hubspot-contacts.csv"
    expected = read("hubspot", contacts).collect_actuals(sla=_sla(), as_of=AS_OF)
    strict = read("hubspot", contacts, strict=True)
    assert strict.collect_actuals(sla=_sla(), as_of=AS_OF, workers=4) == expected
    records = read("records", [{"id": "L1", "created": "2026-11-02"}],
                   options={"mapping": {"id": "id", "created": "created"}})  # fmt: skip
    assert records.collect_actuals(sla=_sla(), as_of=AS_OF, workers=None).leads == 1
    with pytest.raises(InvalidOption, match="workers must be 1 or more"):
        records.collect_actuals(sla=_sla(), as_of=AS_OF, workers=0)


def test_a_part_is_a_path_for_messages() -> None:
    part = CsvPart("contacts.csv", 10, 20, 2)
    assert str(Path(part)) == "contacts.csv"


def test_the_command_reports_the_same_with_workers(tmp_path: Path) -> None:
    """The demo's SLA (Paris time, business hours) over a large export, with 2 processes."""
    from tests.test_cli import run

    path = _big_export(tmp_path)
    config = tmp_path / "sla.toml"
    demo = (DEMO / "smarketing.toml").read_text(encoding="utf-8")
    config.write_text(
        demo.replace('leads = "hubspot-contacts.csv"', f'leads = "{path}"\nworkers = 2')
        .replace('deals = "hubspot-deals.csv"', f'deals = "{DEMO / "hubspot-deals.csv"}"')
        .replace("[input]", "[input]\noptions = { check_duplicates = false }"),
        encoding="utf-8",
    )
    two = run("report", "--config", str(config), "--format", "json")
    assert two.returncode == 0, two.stderr
    one = run("report", "--config", str(config), "--format", "json", "--workers", "1")
    assert one.returncode == 0, one.stderr
    assert json.loads(two.stdout) == json.loads(one.stdout)
    assert json.loads(two.stdout)["inputs"][0]["rows_read"] == 11_280

    config.write_text(config.read_text().replace("workers = 2", "workers = -1"))
    bad = run("report", "--config", str(config), "--format", "json")
    assert bad.returncode != 0
    assert "input.workers must be 1 or more, or 0 for one process a core" in bad.stderr
