"""The command's contract with a scheduler or a CI job: exit codes, messages, machine output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

DEMO = Path(str(files("smarketing.demo")))
EXAMPLES = Path(__file__).parent.parent / "examples"

CRASHING_PLUGIN = """
import sys
from smarketing import hookimpl
from smarketing.pipeline.plugins import get_plugin_manager


class Broken:
    name = "broken"
    description = "an adapter with a bug"
    options = ()

    def leads(self, source, options, report):
        report.rows_read += 1
        yield from ()
        return 1 / len(())  # the bug

    def deals(self, source, options, report):
        yield from ()


class Plugin:
    @hookimpl
    def register_adapters(self, register):
        register(Broken())


get_plugin_manager().register(Plugin())
from smarketing.cli import main

sys.exit(main(sys.argv[1:]))
"""


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smarketing", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def test_a_crash_is_exit_4_in_one_line(tmp_path: Path) -> None:
    script = tmp_path / "with_plugin.py"
    script.write_text(CRASHING_PLUGIN, encoding="utf-8")
    command = [sys.executable, str(script), "validate", "--adapter", "broken", "--leads", "x"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 4, result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("smarketing: unexpected error: ZeroDivisionError: ")
    assert "run with --debug for the traceback" in result.stderr
    debug = subprocess.run(
        [*command[:2], "--debug", *command[2:]], capture_output=True, text=True, check=False
    )
    assert "Traceback" in debug.stderr
    assert "ZeroDivisionError" in debug.stderr


def test_a_breach_is_still_exit_1() -> None:
    assert run("demo", "--fail-on-breach").returncode == 1


def test_every_flag_has_help() -> None:
    from smarketing.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    for name, command in commands.choices.items():  # type: ignore[union-attr]
        for action in command._actions:
            assert action.help, f"smarketing {name} {action.option_strings} has no help"
    rounding = run("plan", "--help").stdout
    assert "--rounding {ceil,floor,half_up,exact}\n" in rounding
    assert "how planned counts round" in rounding


def test_the_workers_error_speaks_the_command_line(tmp_path: Path) -> None:
    from tests.bigexport import big_export

    leads, deals, _ = big_export(tmp_path, contacts=10, deals=1)
    config = DEMO / "smarketing.toml"
    result = run("report", "--config", str(config), "--leads", str(leads), "--deals", str(deals),
                 "--option", "check_duplicates=true", "--workers", "2")  # fmt: skip
    assert result.returncode == 2
    assert "--option check_duplicates=false" in result.stderr


def test_the_example_config_names_every_missing_file_and_the_sample_data(tmp_path: Path) -> None:
    """``smarketing report --config examples/smarketing.toml``, as its comment says."""
    result = run(
        "report", "--config", str(EXAMPLES / "smarketing.toml"), "--period", "2027-03",
        "--as-of", "2027-03-10",
    )  # fmt: skip
    assert result.returncode == 3
    assert "hubspot-contacts.csv (leads)" in result.stderr
    assert "hubspot-deals.csv (deals)" in result.stderr
    assert "smarketing demo --write-data DIR" in result.stderr
    assert result.stderr.count("\n") == 1


def test_demo_write_data_gives_files_that_report(tmp_path: Path) -> None:
    folder = tmp_path / "sample"
    written = run("demo", "--write-data", str(folder))
    assert written.returncode == 0, written.stderr
    assert sorted(path.name for path in folder.iterdir()) == [
        "hubspot-contacts.csv",
        "hubspot-deals.csv",
        "smarketing.toml",
    ]
    report = run("report", "--config", str(folder / "smarketing.toml"))
    assert report.returncode == 0, report.stderr
    assert report.stdout == run("demo").stdout
    (folder / "smarketing.toml").write_text("# mine\n")
    again = run("demo", "--write-data", str(folder))
    assert again.returncode == 2
    assert "already holds hubspot-contacts.csv, hubspot-deals.csv, smarketing.toml" in again.stderr
    assert (folder / "smarketing.toml").read_text() == "# mine\n"


def test_validate_json_for_ci(tmp_path: Path) -> None:
    header, *rows = (DEMO / "hubspot-contacts.csv").read_text("utf-8").splitlines()
    rows[3] = rows[3].replace("2026-", "x2026-", 1)
    rows[9] = rows[9].replace("2026-", "x2026-", 1)
    rows[11] = rows[11].replace("2026-", "x2026-", 1)
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    deals = DEMO / "hubspot-deals.csv"
    result = run("validate", "--adapter", "hubspot", "--leads", str(contacts),
                 "--deals", str(deals), "--format", "json", "--show", "2")  # fmt: skip
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    leads, deals = document["inputs"]
    assert (leads["kind"], deals["kind"]) == ("leads", "deals")
    for part in (leads, deals):
        assert part["rows_read"] == part["accepted"] + part["rejected"]
        assert len(part["rejections"]) == min(part["rejected"], 2)
    assert leads["rejected"] == 3
    first = leads["rejections"][0]
    assert set(first) == {"line", "column", "reason", "value"}
    assert isinstance(first["line"], int)
    assert document["rows_read"] == leads["rows_read"] + deals["rows_read"]


def test_the_testing_module_imports_without_pytest() -> None:
    """The docs build (the ``docs`` extra, no pytest) imports smarketing.testing for autodoc."""
    code = (
        "import sys; sys.modules['pytest'] = None; import smarketing.testing as t; print(t.__all__)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "AdapterContract" in result.stdout


def test_progress_on_a_terminal(tmp_path: Path) -> None:
    """Rows read as the summary counts them, a percentage, the time left and every phase."""
    import pty
    import select

    from tests.bigexport import big_export

    leads, _, config = big_export(tmp_path, contacts=60, deals=2)
    text = leads.read_text("utf-8").splitlines()
    text[5] = text[5].replace("2026-", "x2026-", 1)  # three rows the summary counts as rejected
    text[6] = text[6].replace("2026-", "x2026-", 1)
    text[7] = text[7].replace("2026-", "x2026-", 1)
    leads.write_text("\n".join(text) + "\n", encoding="utf-8")
    main, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "smarketing", "report", "--config", str(config)],
        stdout=subprocess.PIPE,
        stderr=terminal,
        env={**os.environ, "COLUMNS": "120"},
    )
    os.close(terminal)
    shown = b""
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the command has ended
            break
        if not chunk:
            break
        shown += chunk
    stdout, _ = process.communicate(timeout=60)
    os.close(main)
    assert process.returncode == 0, shown
    progress = shown.decode()
    assert re.search(r"\rleads: 33,840 rows read *\r\n", progress)  # rows: 33,837 + 3
    assert "33,840 rows read, 33,837 records, 3 rejected" in stdout.decode()
    assert re.search(r"about \d+%, \d+ s left", progress)
    for phase in ("deals: ", "evaluating...", "rendering..."):
        assert phase in progress
