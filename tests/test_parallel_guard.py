"""A script that reads with workers but has no ``if __name__ == "__main__":`` guard is told so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.bigexport import big_export

SCRIPT = """
from decimal import Decimal

from smarketing import read
from smarketing.planning.funnel import Funnel

rates = dict(lead_to_mql=0.5, mql_to_sql=0.5, sql_to_opportunity=0.4, opportunity_to_customer=0.25)
funnel = Funnel.hubspot(**{{name: Decimal(str(rate)) for name, rate in rates.items()}})
reading = read("hubspot", {leads!r}, options={{"check_duplicates": False}})
actuals = reading.collect_actuals(funnel=funnel, workers=2)
print("leads", actuals.leads)
"""


def _script(tmp_path: Path, guarded: bool) -> subprocess.CompletedProcess[str]:
    leads, _, _ = big_export(tmp_path, contacts=20, deals=1)
    body = SCRIPT.format(leads=str(leads))
    if guarded:
        body = 'if __name__ == "__main__":\n' + "".join(
            f"    {line}\n" for line in body.strip().splitlines()
        )
    script = tmp_path / "count.py"
    script.write_text(body, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False, timeout=120
    )


def test_a_script_without_the_guard_is_told_in_one_line(tmp_path: Path) -> None:
    result = _script(tmp_path, guarded=False)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("smarketing.errors.InvalidOption: reading with workers starts")
    assert 'if __name__ == "__main__":' in last
    assert "BrokenProcessPool" not in result.stderr
    assert "bootstrapping phase" not in result.stderr


def test_a_script_with_the_guard_reads_in_parts(tmp_path: Path) -> None:
    result = _script(tmp_path, guarded=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("leads ")
