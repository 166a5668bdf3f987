"""The runnable examples shipped in examples/ keep working."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).parent.parent / "examples"


def test_plan_example_prints_the_plan() -> None:
    out = subprocess.run(
        [sys.executable, str(EXAMPLES / "plan.py")], capture_output=True, text=True, check=True
    )
    # 2,400,000 x 0.6 / 12,000 = 120 customers; / (0.4 x 0.5 x 0.5 x 0.25 = 0.025) = 4,800 leads
    assert "customers needed                 120" in out.stdout
    assert "leads needed                   4,800" in out.stdout
    assert "2027-01  revenue   160,000.00  leads    320  due 2026-11" in out.stdout
