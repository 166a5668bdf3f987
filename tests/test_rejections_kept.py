"""Rejections: every one counted and passed on, only the first few kept in memory."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from smarketing import read
from smarketing.pipeline.reading import KEEP_REJECTIONS, InputReport, Rejection

CONTACTS = Path(str(files("smarketing.demo"))) / "hubspot-contacts.csv"


def _bad_contacts(tmp_path: Path, copies: int) -> Path:
    header, *rows = CONTACTS.read_text("utf-8").splitlines()
    path = tmp_path / "contacts.csv"
    bad = [row.replace("2026-", "x2026-", 1) for row in rows] * copies
    path.write_text("\n".join([header, *bad]) + "\n", encoding="utf-8")
    return path


def test_only_the_first_rejections_are_kept_and_every_one_is_counted(tmp_path: Path) -> None:
    leads = _bad_contacts(tmp_path, 4)  # 2,256 bad rows
    seen: list[Rejection] = []
    reading = read("hubspot", leads, on_rejection=seen.append)
    assert list(reading.leads()) == []
    report = reading.report.leads
    assert report is not None
    assert (report.rows_read, report.rejected, len(seen)) == (2256, 2256, 2256)
    assert report.rejections == seen[:KEEP_REJECTIONS]
    assert KEEP_REJECTIONS == 1000


def test_none_keeps_them_all_and_zero_none(tmp_path: Path) -> None:
    leads = _bad_contacts(tmp_path, 2)
    for keep, kept in ((None, 1128), (0, 0), (5, 5)):
        reading = read("hubspot", leads, keep_rejections=keep)
        list(reading.leads())
        assert reading.report.leads is not None
        assert (len(reading.report.leads.rejections), reading.report.leads.rejected) == (kept, 1128)


def test_an_input_report_keeps_the_first_by_default() -> None:
    report = InputReport("x.csv", "leads")
    for line in range(KEEP_REJECTIONS + 10):
        report.reject(line, None, "bad", None)
    assert (len(report.rejections), report.rejected) == (KEEP_REJECTIONS, KEEP_REJECTIONS + 10)
