"""The command stopped by SIGTERM or SIGINT, at several moments, leaves nothing behind.

Each run gets its own temporary directory (TMPDIR) and its own process group,
so that a file or a process left behind is seen, whatever else runs on the machine.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.bigexport import big_export


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A config reading 61,200 deals (held on disk past 50,000) and 33,840 contacts."""
    return big_export(tmp_path_factory.mktemp("export"))[2]


def _start(config: Path, temporary: Path, *extra: str) -> subprocess.Popen[bytes]:
    environment = {**os.environ, "TMPDIR": str(temporary)}
    command = [sys.executable, "-m", "smarketing", "report", "--config", str(config), *extra]
    return subprocess.Popen(
        command,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, to find what it leaves behind
    )


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def _left_behind(process: subprocess.Popen[bytes], temporary: Path) -> tuple[list[str], bool]:
    """Files left in the temporary directory, and whether the process group still lives."""
    group = process.pid
    deadline = time.monotonic() + 5  # a worker is given a moment to see its parent gone
    while _group_alive(group) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = _group_alive(group)
    if alive:
        os.killpg(group, signal.SIGKILL)
    return sorted(path.name for path in temporary.iterdir()), alive


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
@pytest.mark.parametrize("delay", [0.4, 1.0, 2.0, 3.0])
def test_a_signal_at_any_moment_leaves_nothing_behind(
    export: Path, tmp_path: Path, workers: str, signal_number: int, delay: float
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    extra = [] if workers == "1" else ["--workers", workers, "--option", "check_duplicates=false"]
    process = _start(export, temporary, *extra)
    time.sleep(delay)
    process.send_signal(signal_number)
    try:
        _, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:  # an orphan keeps stderr open: end the group, then fail
        os.killpg(process.pid, signal.SIGKILL)
        raise
    files, alive = _left_behind(process, temporary)
    assert (files, alive) == ([], False)
    if process.returncode == -signal_number:
        # the signal came before the command began (Python still starting, on a loaded
        # machine): the default action ended it, with nothing made yet (checked above).
        # SIGINT while `python -m` imports the package itself, before any code of the
        # command can catch it, is Python's own KeyboardInterrupt report, and only that.
        report = stderr.decode()
        assert not stderr or (
            signal_number == signal.SIGINT
            and report.startswith("Traceback")
            and report.rstrip().endswith("KeyboardInterrupt")
            and "smarketing/cli" not in report
        ), report
    elif process.returncode != 0:  # the run may have finished before the signal
        expected = 128 + signal_number
        assert process.returncode == expected, stderr.decode()
        assert b"Traceback" not in stderr, stderr.decode()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_normal_run_leaves_nothing_behind(export: Path, tmp_path: Path, workers: str) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    extra = ["--workers", workers, "--option", "check_duplicates=false"]
    process = _start(export, temporary, *extra)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode()
    group_alive_at_exit = _group_alive(process.pid)
    files, alive = _left_behind(process, temporary)
    assert (files, group_alive_at_exit, alive) == ([], False, False)


def test_a_closed_pipe_is_no_traceback(tmp_path: Path) -> None:
    """``smarketing validate ... | head -1``: the reader goes away, the command ends quietly."""
    from importlib.resources import files

    demo = (Path(str(files("smarketing.demo"))) / "hubspot-contacts.csv").read_text("utf-8")
    header, *rows = demo.splitlines()
    leads = tmp_path / "contacts.csv"
    bad = [row.replace("2026-", "x2026-", 1) for row in rows] * 40  # 22,560 bad dates
    leads.write_text("\n".join([header, *bad]) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "smarketing", "validate", "--adapter", "hubspot"]
    command += ["--leads", str(leads), "--show", "30000"]
    head = f"{sys.executable} -c 'import sys; print(sys.stdin.readline(), end=\"\")'"
    shell = " ".join(f"'{part}'" for part in command) + " | " + head
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, check=False)
    assert result.stdout.startswith("contacts.csv (leads)")
    assert result.stderr == ""


def test_a_reader_gone_before_the_output_is_no_traceback() -> None:
    """``smarketing demo | true``: the output fits the buffer, flushed when the reader is gone."""
    command = f"'{sys.executable}' -m smarketing demo | true; echo $" + "{PIPESTATUS[0]} >&2"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, check=False)
    assert result.stderr == "141\n"
