"""The ``csv`` adapter: any CSV file of leads (and of deals, and of spend), by a column mapping.

Options: ``mapping`` (lead field to column), ``deals_mapping``, ``spend_mapping``,
``spend_currency``,
``source_aliases``, ``encoding``, ``delimiter`` (detected by default),
``day_first``, ``decimal_comma``, ``won_values``, ``lost_values``,
``check_duplicates``. See docs/adapters.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from typing import Any, cast

from smarketing.adapters._builder import R, RecordBuilder
from smarketing.adapters._settings import VALUE_OPTIONS
from smarketing.adapters._spend_fields import SPEND_CURRENCY
from smarketing.adapters._table import CsvTable
from smarketing.contract import Adapter, InputReport, Option
from smarketing.errors import InvalidOption
from smarketing.hookspecs import hookimpl
from smarketing.records import Deal, Lead, Spend

__all__ = ["CsvAdapter", "register_adapters"]

#: The options every CSV-reading adapter shares.
FILE_OPTIONS = (
    Option("encoding", "text", "utf-8", "the file's encoding: utf-8 (with or without BOM), "
           "cp1252, latin-1 ..."),
    Option("delimiter", "character", None, "the field delimiter; detected from the header "
           "(',' ';' or tab) when not given"),
    *VALUE_OPTIONS,
)  # fmt: skip


def stream_file(
    source: Any,
    options: Mapping[str, Any],
    report: InputReport,
    make_builder: Callable[[CsvTable], RecordBuilder[R]],
) -> Iterator[R]:
    """Each record of a CSV file, rows set aside as they come."""
    table = CsvTable(source, encoding=options["encoding"], delimiter=options["delimiter"])
    builder = make_builder(table)

    def broken(line: int, reason: str) -> None:
        report.rows_read += 1
        report.reject(line, None, reason, None)

    for line, row in table.rows(broken, builder.positions):
        record = builder.build(row, line, report)
        if record is not None:
            yield record


def file_parts(source: Any, options: Mapping[str, Any], count: int) -> list[Any]:
    """A CSV file cut into up to ``count`` parts on row boundaries (a non-file: one part)."""
    if not isinstance(source, str | os.PathLike):
        return [source]
    table = CsvTable(source, encoding=options["encoding"], delimiter=options["delimiter"])
    return list(table.parts(count))


class CsvAdapter:
    """Reads leads, deals and spend from CSV files through column mappings."""

    name = "csv"
    description = "CSV files of leads, deals and spend, through a mapping of fields to columns"
    options = (
        Option("mapping", "mapping", None, "lead field to column, e.g. {'id': 'Lead ID', "
               "'created': 'Created', 'stages.customer': 'Won on'}"),
        Option("deals_mapping", "mapping", None, "deal field to column, for the deals file"),
        Option("spend_mapping", "mapping", None, "spend field to column, for the spend file: "
               "day, month or date (either), source, amount, campaign, currency"),
        SPEND_CURRENCY,
        *FILE_OPTIONS,
    )  # fmt: skip

    def leads(self, source: Any, options: Mapping[str, Any], report: InputReport) -> Iterator[Lead]:
        """Stream the leads of the CSV file ``source``."""
        builder = _builder(Lead, _required(options, "mapping"), options)
        return stream_file(source, options, report, builder)

    def parts(self, source: Any, options: Mapping[str, Any], count: int) -> list[Any]:
        """The leads file cut into up to ``count`` parts, for reading in parallel."""
        return file_parts(source, options, count)

    def deals(self, source: Any, options: Mapping[str, Any], report: InputReport) -> Iterator[Deal]:
        """Stream the deals of the CSV file ``source``."""
        builder = _builder(Deal, _required(options, "deals_mapping"), options)
        return stream_file(source, options, report, builder)

    def spend(
        self, source: Any, options: Mapping[str, Any], report: InputReport
    ) -> Iterator[Spend]:
        """Stream the spend of the CSV file ``source``, a day or a month a row."""
        builder = _builder(Spend, _required(options, "spend_mapping"), options)
        return stream_file(source, options, report, builder)


def _builder(
    record: type[R], mapping: Mapping[str, str], options: Mapping[str, Any]
) -> Callable[[CsvTable], RecordBuilder[R]]:
    def make(table: CsvTable) -> RecordBuilder[R]:
        return RecordBuilder.from_options(
            record, mapping, options, input_name=table.path, header=table.header
        )

    return make


def _required(options: Mapping[str, Any], name: str) -> Mapping[str, str]:
    mapping = options[name]
    if not mapping:
        raise InvalidOption(
            f"the csv adapter needs the option {name!r}: which column holds each field, "
            + (
                "e.g. {'date': 'Month', 'source': 'Channel', 'amount': 'Cost'}"
                if name == "spend_mapping"
                else "e.g. {'id': 'Lead ID', 'created': 'Created'}"
            )
        )
    return cast(Mapping[str, str], mapping)


@hookimpl
def register_adapters(register: Callable[[Adapter], None]) -> None:
    """Register the ``csv`` adapter."""
    register(CsvAdapter())
