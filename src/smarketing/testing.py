"""A conformance suite for adapters, to run with pytest.

An adapter's author subclasses :class:`AdapterContract` in their own tests
and provides four fixtures (a fifth, ``spend_source``, when the adapter
reads spend); every built-in adapter passes the same suite::

    import pytest
    from smarketing.testing import AdapterContract
    from my_adapter import JsonLinesAdapter

    class TestJsonLines(AdapterContract):
        @_fixture
        def adapter(self):
            return JsonLinesAdapter()

        @_fixture
        def leads_source(self, tmp_path):
            ...  # a source with a few good leads and at least one bad row

        @_fixture
        def deals_source(self, tmp_path):
            return None  # or a source of deals

        @_fixture
        def options(self):
            return {}

The suite runs with pytest; the module itself imports without it (the docs
build reads its docstrings), and takes pytest when the tests are collected.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from smarketing.errors import InvalidOption, RowError, SmarketingError
from smarketing.pipeline.reading import Adapter, Option, SpendReader, read
from smarketing.records import PERSONAL_FIELDS, Deal, Lead, Spend

__all__ = ["AdapterContract"]

F = TypeVar("F", bound=Callable[..., Any])


def _fixture(function: F) -> F:
    """``pytest.fixture(function)``, or ``function`` itself where pytest is not installed."""
    try:
        import pytest
    except ImportError:  # the docs build: only the docstrings are read
        return function
    return pytest.fixture(function)  # type: ignore[return-value]  # a fixture wraps it


def _fingerprint(source: Any) -> str | None:
    """A hash of a source that is a file, to check that reading leaves it unchanged."""
    if isinstance(source, str | os.PathLike) and Path(source).is_file():
        return hashlib.sha256(Path(source).read_bytes()).hexdigest()
    return None


class AdapterContract:
    """The behaviour every adapter promises; see the module's docstring.

    ``leads_source`` must hold at least one good lead and at least one row
    the adapter sets aside (an unreadable date, say), so that both the
    records and the rejections are checked.
    """

    @_fixture
    def adapter(self) -> Adapter:
        """The adapter under test."""
        raise NotImplementedError("provide an 'adapter' fixture")

    @_fixture
    def leads_source(self) -> Any:
        """A source of leads with good rows and at least one bad one."""
        raise NotImplementedError("provide a 'leads_source' fixture")

    @_fixture
    def deals_source(self) -> Any:
        """A source of deals, or None."""
        return None

    @_fixture
    def spend_source(self) -> Any:
        """A source of spend (days or months), or None; only for an adapter with a spend reader."""
        return None

    @_fixture
    def options(self) -> Mapping[str, Any]:
        """The options to read the sources with."""
        return {}

    def test_describes_itself(self, adapter: Adapter) -> None:
        """A name of lower-case letters, a one-line description, documented options."""
        assert isinstance(adapter, Adapter)
        assert adapter.name
        assert adapter.name == adapter.name.lower()
        assert adapter.description
        assert "\n" not in adapter.description
        names = [option.name for option in adapter.options]
        assert len(names) == len(set(names)), "option names repeat"
        for option in adapter.options:
            assert isinstance(option, Option)
            assert option.help, f"option {option.name!r} has no help"

    def test_streams_leads_and_accounts_for_every_row(
        self, adapter: Adapter, leads_source: Any, options: Mapping[str, Any]
    ) -> None:
        """Leads come as an iterator; every row read is a record or a rejection."""
        reading = read(adapter, leads_source, options=options)
        stream = reading.leads()
        assert isinstance(stream, Iterator)
        leads = list(stream)
        assert leads, "the leads source gave no lead"
        assert all(isinstance(lead, Lead) for lead in leads)
        report = reading.report.leads
        assert report is not None
        assert report.records == len(leads)
        assert report.rows_read == report.records + report.rejected
        assert report.rejected >= 1, "the leads source should hold a row to set aside"
        for rejection in report.rejections:
            assert rejection.reason

    def test_strict_mode_raises_on_the_bad_row(
        self, adapter: Adapter, leads_source: Any, options: Mapping[str, Any]
    ) -> None:
        """In strict mode the first bad row raises a RowError saying where."""
        import pytest

        reading = read(adapter, leads_source, options=options, strict=True)
        with pytest.raises(RowError) as raised:
            list(reading.leads())
        error = raised.value
        assert isinstance(error, SmarketingError)
        assert error.line is not None or error.column is not None

    def test_reads_deals(
        self, adapter: Adapter, leads_source: Any, deals_source: Any, options: Mapping[str, Any]
    ) -> None:
        """Deals, when the adapter is given some, are Deal records, every row accounted for."""
        import pytest

        if deals_source is None:
            pytest.skip("no deals source given")
        reading = read(adapter, leads_source, deals=deals_source, options=options)
        deals = list(reading.deals())
        assert all(isinstance(deal, Deal) for deal in deals)
        report = reading.report.deals
        assert report is not None
        assert report.rows_read == report.records + report.rejected

    def test_reads_spend(
        self, adapter: Adapter, leads_source: Any, spend_source: Any, options: Mapping[str, Any]
    ) -> None:
        """Spend, from an adapter that reads it, streams as Spend records, every row counted."""
        import pytest

        if spend_source is None:
            pytest.skip("no spend source given")
        assert isinstance(adapter, SpendReader), "a spend source, but no spend reader"
        reading = read(adapter, leads_source, spend=spend_source, options=options)
        stream = reading.spend()
        assert isinstance(stream, Iterator)
        spend = list(stream)
        assert spend, "the spend source gave no spend"
        assert all(isinstance(row, Spend) for row in spend)
        report = reading.report.spend
        assert report is not None
        assert report.records == len(spend)
        assert report.rows_read == report.records + report.rejected
        for rejection in report.rejections:
            assert rejection.reason

    def test_names_itself_when_it_cannot_read_spend(
        self, adapter: Adapter, leads_source: Any, options: Mapping[str, Any]
    ) -> None:
        """An adapter without a spend reader, given spend, says so: no spend is silently lost."""
        import pytest

        if isinstance(adapter, SpendReader):
            pytest.skip("the adapter reads spend")
        with pytest.raises(InvalidOption, match=f"adapter {adapter.name!r} cannot read spend"):
            read(adapter, leads_source, spend=leads_source, options=options)

    def test_leaves_its_input_unchanged(
        self,
        adapter: Adapter,
        leads_source: Any,
        deals_source: Any,
        spend_source: Any,
        options: Mapping[str, Any],
    ) -> None:
        """Reading never modifies a file it reads."""
        sources = (leads_source, deals_source, spend_source)
        before = [_fingerprint(source) for source in sources]
        reading = read(
            adapter, leads_source, deals=deals_source, spend=spend_source, options=options
        )
        list(reading.leads())
        list(reading.deals())
        list(reading.spend())
        assert [_fingerprint(source) for source in sources] == before

    def test_records_carry_no_personal_data(
        self, adapter: Adapter, leads_source: Any, options: Mapping[str, Any]
    ) -> None:
        """No segment holds a name, an email, a phone number or an address."""
        for lead in read(adapter, leads_source, options=options).leads():
            for key, value in lead.segments:
                assert key.lower() not in PERSONAL_FIELDS
                assert "@" not in value, f"segment {key!r} looks like an email"

    def test_rejects_unknown_options(self, adapter: Adapter, leads_source: Any) -> None:
        """An option the adapter does not declare is an error, not ignored."""
        import pytest

        with pytest.raises(SmarketingError, match="no option"):
            read(adapter, leads_source, options={"no_such_option_anywhere": 1})
