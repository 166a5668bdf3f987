"""The plugin system: built-in adapters, registration rules, lazy loading, the example plugin."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pluggy
import pytest

from smarketing import AdapterError, Deal, InputReport, Lead, Option, UnknownAdapter, hookimpl
from smarketing.pipeline.plugins import (
    DEFAULT_PLUGINS,
    PLUGINS_VARIABLE,
    adapter_providers,
    get_adapter,
    get_adapters,
    make_plugin_manager,
)
from smarketing.pipeline.reading import Adapter, read

EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "smarketing-jsonl"


@pytest.fixture
def manager() -> pluggy.PluginManager:
    """A fresh plugin manager with the built-in adapters only."""
    return make_plugin_manager(entry_points=False)


class _Echo:
    name = "echo"
    description = "leads from a list of ids"
    options: tuple[Option, ...] = (Option("prefix", "text", "", "put before each id"),)

    def leads(self, source: Any, options: Mapping[str, Any], report: InputReport) -> Iterator[Lead]:
        from datetime import datetime

        for item in source:
            report.rows_read += 1
            yield Lead(options["prefix"] + item, datetime(2026, 11, 2))

    def deals(self, source: Any, options: Mapping[str, Any], report: InputReport) -> Iterator[Deal]:
        return iter(())


class _Plugin:
    def __init__(self, *adapters: object) -> None:
        self.adapters = adapters

    @hookimpl
    def register_adapters(self, register: Callable[[Adapter], None]) -> None:
        for adapter in self.adapters:
            register(adapter)  # type: ignore[arg-type]


def test_built_in_adapters(manager: pluggy.PluginManager) -> None:
    assert sorted(get_adapters(manager)) == ["csv", "hubspot", "records", "sql"]
    assert adapter_providers(manager) == {
        "csv": "smarketing.adapters.csv",
        "hubspot": "smarketing.adapters.hubspot",
        "records": "smarketing.adapters.records",
        "sql": "smarketing.adapters.sql",
    }
    assert len(DEFAULT_PLUGINS) == 4


def test_a_plugin_adds_an_adapter(manager: pluggy.PluginManager) -> None:
    manager.register(_Plugin(_Echo()), name="echo-plugin")
    assert adapter_providers(manager)["echo"] == "echo-plugin"
    reading = read("echo", ["a", "b"], options={"prefix": "L-"}, plugin_manager=manager)
    assert [lead.id for lead in reading.leads()] == ["L-a", "L-b"]
    assert reading.report.rows_read == reading.report.records == 2


def test_a_name_taken_twice_is_refused(manager: pluggy.PluginManager) -> None:
    manager.register(_Plugin(_Echo()), name="one")
    manager.register(_Plugin(_Echo()), name="two")
    with pytest.raises(AdapterError, match=r"plugin '(one|two)' registers an adapter named 'echo'"):
        get_adapters(manager)


def test_a_non_adapter_is_refused(manager: pluggy.PluginManager) -> None:
    manager.register(_Plugin(object()), name="broken")
    with pytest.raises(AdapterError, match=r"'broken' registered .* it needs a name"):
        get_adapters(manager)


def test_the_hook_is_called_through_pluggy(manager: pluggy.PluginManager) -> None:
    """Through ``pm.hook``: pluggy's monitoring sees each plugin's call, and a wrapper runs."""
    seen: list[list[str]] = []
    wrapped: list[str] = []

    class _Wrapper:
        @hookimpl(wrapper=True)
        def register_adapters(self, register: Callable[[Adapter], None]) -> Iterator[None]:
            wrapped.append("before")
            yield
            wrapped.append("after")

    manager.register(_Plugin(_Echo()), name="echo-plugin")
    manager.register(_Wrapper(), name="wrapper")
    manager.add_hookcall_monitoring(
        lambda name, impls, kwargs: seen.append([impl.plugin_name for impl in impls]),
        lambda outcome, name, impls, kwargs: None,
    )
    assert adapter_providers(manager)["echo"] == "echo-plugin"
    providers = sorted((*DEFAULT_PLUGINS, "echo-plugin"))
    # one call a plugin that registers adapters, each wrapped by the wrapper
    assert sorted(names[0] for names in seen) == providers
    assert all(names[1:] == ["wrapper"] for names in seen)
    assert wrapped == ["before", "after"] * len(providers)


def test_a_plugin_that_fails_is_named(manager: pluggy.PluginManager) -> None:
    class _Failing:
        @hookimpl
        def register_adapters(self, register: Callable[[Adapter], None]) -> None:
            raise LookupError("no licence file")

    manager.register(_Failing(), name="failing")
    with pytest.raises(AdapterError, match=r"plugin 'failing' failed .*: no licence file") as info:
        get_adapters(manager)
    assert isinstance(info.value.__cause__, LookupError)


def test_unknown_adapter_lists_the_installed_ones(manager: pluggy.PluginManager) -> None:
    with pytest.raises(UnknownAdapter, match="installed adapters: csv, hubspot, records, sql"):
        get_adapter("salesforce", manager)


def test_unknown_and_wrong_options(manager: pluggy.PluginManager) -> None:
    from smarketing import InvalidOption

    with pytest.raises(InvalidOption, match="has no option 'colour'; its options are"):
        read("csv", "x.csv", options={"colour": "red"}, plugin_manager=manager)
    with pytest.raises(InvalidOption, match="'day_first' of adapter 'csv' must be true or false"):
        read("csv", "x.csv", options={"day_first": "yes"}, plugin_manager=manager)


class _Joining(_Echo):
    """An adapter that fills an option in from the reading's sources (``OptionsFromSources``)."""

    name = "joining"
    options = (*_Echo.options, Option("leads_source", "path", None, "the leads, for the deals"))

    def options_from_sources(
        self, options: dict[str, Any], leads: Any, deals: Any
    ) -> dict[str, Any]:
        return {**options, "prefix": f"{len(leads)}-{len(deals or ())}-"}


def test_an_adapter_fills_options_in_from_the_sources(manager: pluggy.PluginManager) -> None:
    from smarketing.contract import OptionsFromSources

    assert isinstance(_Joining(), OptionsFromSources)
    assert not isinstance(_Echo(), OptionsFromSources)
    given = {"prefix": "L-"}
    reading = read(_Joining(), ["a", "b"], deals=["d"], options=given)
    assert [lead.id for lead in reading.leads()] == ["2-1-a", "2-1-b"]
    assert given == {"prefix": "L-"}  # the caller's options are not modified
    # the pipeline knows no option by name: without the capability, leads_source stays unset
    plain = type("Plain", (_Echo,), {"options": _Joining.options})()
    assert read(plain, "leads.csv", options={}).options["leads_source"] is None


def test_plugins_variable_restricts_entry_points(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PLUGINS_VARIABLE, "")
    manager = make_plugin_manager()
    assert sorted(get_adapters(manager)) == ["csv", "hubspot", "records", "sql"]
    with pytest.raises(UnknownAdapter, match=PLUGINS_VARIABLE):
        get_adapter("jsonl", manager)


def test_importing_smarketing_loads_no_plugin_or_adapter() -> None:
    code = (
        "import sys, smarketing; "
        "print(sorted(m for m in sys.modules if m.startswith(('pluggy', 'smarketing.adapters', "
        "'smarketing.pipeline.plugins'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_example_plugin_installs_and_is_found_through_its_entry_point(tmp_path: Path) -> None:
    """pip installs docs/examples/smarketing-jsonl into a new virtual environment, found there.

    The new environment sees this one's packages (smarketing and its
    dependencies) through a .pth file, so nothing is downloaded.
    """
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # addsitedir, not a bare path: it also reads the .pth files there (editable installs)
    parent = sysconfig.get_path("purelib")
    Path(site, "parent-environment.pth").write_text(f"import site; site.addsitedir({parent!r})\n")
    subprocess.run(
        [
            sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
            "--no-build-isolation", "--target", site, str(EXAMPLE),
        ],
        check=True,
    )  # fmt: skip
    data = tmp_path / "leads.jsonl"
    data.write_text(
        '{"id": "J1", "created": "2026-11-02 09:00", "source": "webinar"}\n'
        "not json\n"
        '{"id": "J2", "created": "2026-11-03 10:00"}\n'
    )
    code = (
        "import sys\n"
        "from smarketing.pipeline.plugins import adapter_providers\n"
        "from smarketing import read\n"
        "print(adapter_providers()['jsonl'])\n"
        "reading = read('jsonl', sys.argv[1])\n"
        "print([lead.id for lead in reading.leads()], reading.report.rejected)\n"
    )
    out = subprocess.run(
        [str(python), "-c", code, str(data)], capture_output=True, text=True, check=True
    )
    assert out.stdout.splitlines() == ["jsonl", "['J1', 'J2'] 1"]
