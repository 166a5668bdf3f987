"""The public API is what we mean it to be, and importing it is cheap."""

from __future__ import annotations

import subprocess
import sys

import smarketing
from smarketing import errors


def test_all_names_exist_and_are_sorted() -> None:
    for name in smarketing.__all__:
        assert hasattr(smarketing, name), name
    assert sorted(smarketing.__all__) == sorted(set(smarketing.__all__))


def test_version_comes_from_metadata() -> None:
    from importlib.metadata import version

    assert smarketing.__version__ == version("smarketing")


def test_every_error_is_a_smarketing_error_and_a_builtin() -> None:
    for name in errors.__all__:
        error = getattr(errors, name)
        assert issubclass(error, smarketing.SmarketingError)
        if error is not smarketing.SmarketingError:
            assert issubclass(error, ValueError | TypeError | LookupError | ImportError), name


def test_import_loads_no_plugin_machinery() -> None:
    code = "import sys, smarketing; print(sorted(m for m in sys.modules if 'pluggy' in m))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
