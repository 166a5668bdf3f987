"""The demo exports mutated byte by byte, run through the command as a user runs it.

Bytes flipped, inserted and deleted, quotes and separators moved, lines
doubled, files cut short: whatever comes out, there is no traceback, no hang
(each case has a time bound), every row read is a record or a rejection, and
nothing personal from the input (an email, a phone number, a full name)
reaches any output. A few dozen cases by default, a few hundred in CI
(``SMARKETING_HYPOTHESIS_PROFILE=ci``), thousands with ``nightly``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
import signal
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from types import FrameType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smarketing.cli import main

DEMO = files("smarketing.demo")
CONTACTS = DEMO.joinpath("hubspot-contacts.csv").read_bytes()
DEALS = DEMO.joinpath("hubspot-deals.csv").read_bytes()
SECONDS_PER_CASE = 20


def _personal_markers() -> set[str]:
    """Every email, phone number and full name of the demo contacts."""
    rows = csv.DictReader(io.StringIO(CONTACTS.decode("utf-8")))
    markers: set[str] = set()
    for row in rows:
        markers.add(row["Email"].lower())
        markers.add(row["Phone Number"])
        markers.add(f"{row['First Name']} {row['Last Name']}")
    return {marker for marker in markers if len(marker) > 5}


MARKERS = _personal_markers()

_MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["flip", "insert", "delete", "quote", "separator", "double", "cut"]),
        st.integers(0, 2**32),
        st.integers(0, 2**32),
        st.binary(min_size=1, max_size=3),
    ),
    min_size=1,
    max_size=6,
)


def mutate(data: bytes, mutations: list[tuple[str, int, int, bytes]]) -> bytes:
    """``data`` changed by each mutation in turn, at positions taken modulo its length."""
    for kind, first, second, payload in mutations:
        if not data:
            break
        at = first % len(data)
        if kind == "flip":
            data = data[:at] + bytes([data[at] ^ (payload[0] or 1)]) + data[at + 1 :]
        elif kind == "insert":
            data = data[:at] + payload + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + 1 + second % 3 :]
        elif kind in ("quote", "separator"):
            mark = b'"' if kind == "quote" else b","
            found = [index for index, byte in enumerate(data) if byte == mark[0]]
            if found:
                source = found[first % len(found)]
                data = data[:source] + data[source + 1 :]
                target = second % len(data) if data else 0  # the mark was all there was
                data = data[:target] + mark + data[target:]
        elif kind == "double":
            lines = data.split(b"\n")
            index = first % len(lines)
            lines.insert(index, lines[index])
            data = b"\n".join(lines)
        else:  # cut
            data = data[:at]
    return data


@contextlib.contextmanager
def time_bound(seconds: int) -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"a case took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _run(argv: list[str], capsys: object) -> tuple[int, str]:
    with time_bound(SECONDS_PER_CASE):
        code = main(argv)
    captured = capsys.readouterr()  # type: ignore[attr-defined]
    return code, captured.out + captured.err


def _assert_private(*texts: str) -> None:
    for text in texts:
        lowered = text.lower()
        leaked = sorted(marker for marker in MARKERS if marker.lower() in lowered)
        assert not leaked, f"personal data in an output: {leaked[:3]}"


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mutations=_MUTATIONS, contacts=st.booleans())
def test_mutated_exports_give_a_report_or_a_clear_error(
    tmp_path_factory: object,
    capsys: object,
    mutations: list[tuple[str, int, int, bytes]],
    contacts: bool,
) -> None:
    folder: Path = tmp_path_factory.mktemp("fuzz")  # type: ignore[attr-defined]
    with DEMO.joinpath("smarketing.toml").open("rb") as config:
        (folder / "smarketing.toml").write_bytes(config.read())
    (folder / "hubspot-contacts.csv").write_bytes(
        mutate(CONTACTS, mutations) if contacts else CONTACTS
    )
    (folder / "hubspot-deals.csv").write_bytes(DEALS if contacts else mutate(DEALS, mutations))
    config_path = str(folder / "smarketing.toml")
    report_path = folder / "report.json"

    code, said = _run(["report", "--config", config_path, "--format", "json", "-o",
                       str(report_path)], capsys)  # fmt: skip
    assert code in (0, 2, 3), said
    assert "Traceback" not in said
    _assert_private(said)
    if code == 0:
        text = report_path.read_text(encoding="utf-8")
        _assert_private(text)
        document = json.loads(text)
        for entry in document["inputs"]:
            assert entry["rows_read"] == entry["records"] + entry["rejected"], entry
    else:
        assert said.startswith("smarketing: error: "), said
        assert said.count("\n") == 1, said

    rejects = folder / "rejects.csv"
    code, said = _run(["validate", "--config", config_path, "--rejects", str(rejects)], capsys)
    assert code in (0, 2, 3), said
    assert "Traceback" not in said
    _assert_private(said, rejects.read_text(encoding="utf-8") if rejects.exists() else "")
    shutil.rmtree(folder)
