"""The ``records`` adapter: any iterable of mappings, such as ``DataFrame.to_dict("records")``.

Values may be text (read as the csv adapter reads cells) or already typed
(``datetime``, ``Decimal``, ``int``, ``bool``). The ``mapping`` option maps
record fields to keys; by default each field is read from the key of its
own name. A row's "line" in the report is its position, from 1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from smarketing.adapters._builder import DEAL_FIELDS, LEAD_FIELDS, R, RecordBuilder
from smarketing.adapters._settings import VALUE_OPTIONS
from smarketing.adapters._spend_fields import SPEND_CURRENCY, SPEND_FIELDS
from smarketing.contract import Adapter, InputReport, Option
from smarketing.errors import InvalidOption
from smarketing.hookspecs import hookimpl
from smarketing.records import Deal, Lead, Spend

__all__ = ["RecordsAdapter", "register_adapters"]


class RecordsAdapter:
    """Reads leads, deals and spend from iterables of mappings."""

    name = "records"
    description = "any iterable of mappings (API rows, DataFrame.to_dict('records'))"
    options = (
        Option("mapping", "mapping", None, "lead field to key; its own name by default"),
        Option("deals_mapping", "mapping", None, "deal field to key; its own name by default"),
        Option("spend_mapping", "mapping", None, "spend field to key; its own name by default "
               "(day, month, date, source, campaign, amount, currency)"),
        SPEND_CURRENCY,
        *VALUE_OPTIONS,
    )  # fmt: skip

    def leads(self, source: Any, options: Mapping[str, Any], report: InputReport) -> Iterator[Lead]:
        """Stream the leads of an iterable of mappings."""
        mapping = options["mapping"] or {name: name for name in LEAD_FIELDS}
        return self._stream(source, Lead, mapping, options, report)

    def deals(self, source: Any, options: Mapping[str, Any], report: InputReport) -> Iterator[Deal]:
        """Stream the deals of an iterable of mappings."""
        mapping = options["deals_mapping"] or {name: name for name in DEAL_FIELDS}
        return self._stream(source, Deal, mapping, options, report)

    def spend(
        self, source: Any, options: Mapping[str, Any], report: InputReport
    ) -> Iterator[Spend]:
        """Stream the spend of an iterable of mappings, a day or a month each."""
        mapping = options["spend_mapping"] or {name: name for name in SPEND_FIELDS}
        return self._stream(source, Spend, mapping, options, report)

    def _stream(
        self,
        source: Any,
        record: type[R],
        mapping: Mapping[str, str],
        options: Mapping[str, Any],
        report: InputReport,
    ) -> Iterator[R]:
        if isinstance(source, str | bytes | Mapping) or not isinstance(source, Iterable):
            raise InvalidOption(
                f"the records adapter reads an iterable of mappings, got {type(source).__name__}"
            )
        builder = RecordBuilder.from_options(record, mapping, options, input_name=report.input)
        for position, row in enumerate(source, start=1):
            if not isinstance(row, Mapping):
                report.rows_read += 1
                report.reject(position, None, "not a mapping of field to value", repr(row)[:200])
                continue
            built = builder.build(row, position, report)
            if built is not None:
                yield built


@hookimpl
def register_adapters(register: Callable[[Adapter], None]) -> None:
    """Register the ``records`` adapter."""
    register(RecordsAdapter())
