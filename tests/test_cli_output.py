"""Where ``--output`` and ``--rejects`` write: modes kept, links and special files written
through, ``-`` for standard output, inputs never overwritten.

Devices are only ever written through (``/dev/null``); no test may replace one.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from importlib.resources import files
from pathlib import Path

import pytest

DEMO = Path(str(files("smarketing.demo")))
PLAN = ["plan", "--revenue-goal", "1000000", "--marketing-share", "0.5"]
PLAN += ["--average-sale", "10000", "--close-rate", "0.2"]
CONTACTS = DEMO / "hubspot-contacts.csv"


def run(*args: str, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    def set_umask() -> None:
        os.umask(umask)

    return subprocess.run(
        [sys.executable, "-m", "smarketing", *args],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=set_umask,
    )


def test_an_existing_file_keeps_its_mode_and_owner(tmp_path: Path) -> None:
    target = tmp_path / "sla.txt"
    target.write_text("old\n")
    target.chmod(0o644)
    owner = (65534, 65534) if os.getuid() == 0 else (os.getuid(), os.getgid())
    if os.getuid() == 0:
        os.chown(target, *owner)  # the web server's file
    result = run(*PLAN, "-o", str(target))
    assert result.returncode == 0, result.stderr
    written = target.stat()
    assert (stat.S_IMODE(written.st_mode), (written.st_uid, written.st_gid)) == (0o644, owner)
    assert "Leads needed" in target.read_text()
    assert [path.name for path in tmp_path.iterdir()] == ["sla.txt"]  # no temporary left


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_a_new_file_gets_the_umask_mode(tmp_path: Path, umask: int, mode: int) -> None:
    target = tmp_path / "sla.txt"
    result = run(*PLAN, "-o", str(target), umask=umask)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_a_link_is_written_through(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    real = tmp_path / "www" / "sla.txt"
    real.write_text("old\n")
    link = tmp_path / "sla.txt"
    link.symlink_to(real)
    result = run(*PLAN, "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert "Leads needed" in real.read_text()


def test_a_dangling_link_makes_the_file_it_names(tmp_path: Path) -> None:
    link = tmp_path / "sla.txt"
    link.symlink_to(tmp_path / "made.txt")
    result = run(*PLAN, "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert "Leads needed" in (tmp_path / "made.txt").read_text()


def test_a_fifo_is_written_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    result = run(*PLAN, "-o", str(fifo))
    if result.returncode != 0:  # the reader waits for a writer that never came
        with fifo.open("w"):
            pass
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert "Leads needed" in received[0]


def test_dash_is_standard_output(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "smarketing", *PLAN, "-o", "-"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Leads needed" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_devices_are_written_through_never_replaced() -> None:
    before = os.stat("/dev/null")
    result = run(*PLAN, "-o", "/dev/null")
    assert result.returncode == 0, result.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    stdout = run(*PLAN, "-o", "/dev/stdout")
    assert stdout.returncode == 0, stdout.stderr
    assert "Leads needed" in stdout.stdout
    assert os.path.islink("/dev/stdout") or stat.S_ISCHR(os.stat("/dev/stdout").st_mode)


@pytest.mark.skipif(
    os.getuid() != 0 or shutil.which("setpriv") is None, reason="runs as another user: root"
)
def test_dev_stdout_works_for_any_user() -> None:
    """A user may not open again a pipe root made; the descriptor is used as it is."""
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    result = subprocess.run(
        [*nobody, sys.executable, "-m", "smarketing", *PLAN, "-o", "/dev/stdout"],
        capture_output=True,
        text=True,
        check=False,
        cwd="/",
    )
    assert result.returncode == 0, result.stderr
    assert "Leads needed" in result.stdout


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_device_is_an_error() -> None:
    result = run(*PLAN, "-o", "/dev/full")
    assert result.returncode == 2
    assert result.stderr.startswith("smarketing: error: cannot write /dev/full: No space left")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.parametrize("through", ["same", "link", "hard link"])
def test_an_input_is_never_an_output(tmp_path: Path, through: str) -> None:
    leads = tmp_path / "contacts.csv"
    leads.write_bytes(CONTACTS.read_bytes())
    target = {"same": leads, "link": tmp_path / "link.csv", "hard link": tmp_path / "hard.csv"}
    if through == "link":
        target[through].symlink_to(leads)
    if through == "hard link":
        os.link(leads, target[through])
    args = ["validate", "--adapter", "hubspot", "--leads", str(leads)]
    result = run(*args, "--rejects", str(target[through]))
    assert result.returncode == 2
    assert "is an input" in result.stderr
    assert leads.read_bytes() == CONTACTS.read_bytes()


def test_the_config_and_the_deals_are_inputs_too(tmp_path: Path) -> None:
    for name in ("smarketing.toml", "hubspot-contacts.csv", "hubspot-deals.csv"):
        (tmp_path / name).write_bytes((DEMO / name).read_bytes())
    config = tmp_path / "smarketing.toml"
    for target in (config, tmp_path / "hubspot-deals.csv"):
        before = target.read_bytes()
        result = run("report", "--config", str(config), "-o", str(target))
        assert result.returncode == 2, result.stderr
        assert "is an input" in result.stderr
        assert target.read_bytes() == before


def _validate_peak(tmp_path: Path, copies: int) -> tuple[int, int]:
    """Peak memory of ``validate --rejects`` on ``copies`` x 564 bad rows; the rejects' lines."""
    import tracemalloc

    from smarketing.cli import main

    header, *rows = CONTACTS.read_text("utf-8").splitlines()
    leads = tmp_path / f"contacts-{copies}.csv"
    bad = [row.replace("2026-", "x2026-", 1) for row in rows] * copies  # bad dates
    leads.write_text("\n".join([header, *bad]) + "\n", encoding="utf-8")
    rejects = tmp_path / f"rejects-{copies}.csv"
    tracemalloc.start()
    try:
        code = main(["validate", "--adapter", "hubspot", "--leads", str(leads),
                     "--rejects", str(rejects), "--show", "0"])  # fmt: skip
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == 0
    return peak, len(rejects.read_text("utf-8").splitlines())


def test_rejects_are_written_as_they_come_not_held(tmp_path: Path) -> None:
    """Memory does not grow with the rejections written to the rejects file."""
    _validate_peak(tmp_path, 1)  # the modules are imported: not counted below
    small, small_lines = _validate_peak(tmp_path, 4)
    large, large_lines = _validate_peak(tmp_path, 32)
    assert (small_lines, large_lines) == (1 + 4 * 564, 1 + 32 * 564)
    assert large - small < 500_000, (small, large)  # holding them: 2 MB more
