"""No email in an owner, source or id position; owners shown as the ``owners`` option says.

HubSpot writes a deactivated rep as ``david.roux@example.com (Deactivated
User)``: that put a rep's email into every report. Records now carry a
pseudonym for anything that looks like an email in those positions, and the
``owners`` option shows owners by name, by id only, or only as pseudonyms.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import pytest

from smarketing import InvalidOption, read
from smarketing.parsing import pseudonym

MAPPING = {"id": "Lead ID", "created": "Created", "owner": "Owner", "source": "Source"}


def _leads(tmp_path: Path, text: str, **options: Any) -> tuple[list[Any], Any]:
    path = tmp_path / "leads.csv"
    path.write_text(text, encoding="utf-8")
    reading = read("csv", path, options={"mapping": MAPPING, **options})
    return list(reading.leads()), reading.report.leads


ROWS = (
    "Lead ID,Created,Owner,Source\n"
    "L1,2026-11-03,david.roux@example.com (Deactivated User),Referral from ann@example.com\n"
    "L2,2026-11-03,Claire Martin,web\n"
    "L3,2026-11-03,4512,web\n"
    "bob@example.com,2026-11-03,DAVID.ROUX@example.com,web\n"
)


def test_an_email_is_never_an_owner_a_source_or_an_id(tmp_path: Path) -> None:
    leads, _ = _leads(tmp_path, ROWS)
    assert not any("@" in repr(lead) for lead in leads)
    owners = [lead.owner for lead in leads]
    assert owners[0] == owners[3] == pseudonym("david.roux@example.com", "owner")
    assert owners[1:3] == ["Claire Martin", "4512"]
    assert leads[0].source == "referral from " + pseudonym("ann@example.com", "email")
    assert leads[3].id == pseudonym("bob@example.com", "id")


def test_owners_by_id_or_by_hash(tmp_path: Path) -> None:
    by_id, _ = _leads(tmp_path, ROWS, owners="id")
    assert [lead.owner for lead in by_id][1:3] == [pseudonym("Claire Martin", "owner"), "4512"]
    hashed, _ = _leads(tmp_path, ROWS, owners="hash")
    assert all(lead.owner.startswith("owner-") for lead in hashed)
    with pytest.raises(InvalidOption, match="owners must be one of name, id, hash"):
        _leads(tmp_path, ROWS, owners="email")


def test_a_rejected_cell_shows_no_email(tmp_path: Path) -> None:
    _, report = _leads(tmp_path, "Lead ID,Created,Owner,Source\nL1,ann@example.com,x,web\n")
    (rejection,) = report.rejections
    assert rejection.column == "Created"
    assert rejection.value == pseudonym("ann@example.com", "email")


def test_no_email_of_a_deactivated_rep_in_any_report(tmp_path: Path) -> None:
    """The demo exports with one rep deactivated, reported in every format."""
    with as_file(files("smarketing.demo")) as demo:
        shutil.copytree(demo, tmp_path / "demo", ignore=shutil.ignore_patterns("*.py"))
    contacts = tmp_path / "demo" / "hubspot-contacts.csv"
    text = contacts.read_text(encoding="utf-8")
    owner = next(name for name in (line.split('","')[6] for line in text.splitlines()[1:]) if name)
    contacts.write_text(
        text.replace(f'"{owner}"', '"david.roux@example.com (Deactivated User)"'),
        encoding="utf-8",
    )
    config = str(tmp_path / "demo" / "smarketing.toml")
    for form in ("text", "markdown", "json", "csv", "html"):
        result = subprocess.run(
            [sys.executable, "-m", "smarketing", "report", "--config", config, "--format", form],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "david.roux" not in result.stdout.lower()
        if form == "json":
            owners = [entry["owner"] for entry in json.loads(result.stdout)["owners"]]
            assert pseudonym("david.roux@example.com", "owner") in owners
