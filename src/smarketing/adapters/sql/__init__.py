"""The ``sql`` adapter: leads, deals and spend from database tables or queries.

The source is a DB-API 2.0 connection or a URL (``sqlite:///crm.db``,
``postgresql://user@host/db``, ``duckdb:///crm.duckdb``,
``mysql://user@host/db``). Give a ``table`` (and ``deals_table``), whose
names are quoted, never formatted into SQL raw, or your own ``query``
(and ``spend_table`` or ``spend_query``, with a ``spend_mapping``):
exactly one SELECT, checked before it runs (:func:`one_select`) and again by
the engine, in a read-only session. The ``mapping`` names, for each record
field, the column that holds it. Only the mapped columns are read, in
batches, so memory does not grow with the table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, cast

from smarketing.adapters._builder import RECORD_TYPES, RecordBuilder
from smarketing.adapters._database import Database, open_database, subquery
from smarketing.adapters._query import one_select
from smarketing.adapters._settings import VALUE_OPTIONS
from smarketing.adapters._spend_fields import SPEND_CURRENCY
from smarketing.contract import Adapter, InputReport, Option
from smarketing.errors import InvalidOption, MissingColumns
from smarketing.hookspecs import hookimpl
from smarketing.records import Deal, Lead, Spend

__all__ = ["SqlAdapter", "batch_size", "register_adapters", "select_mapped", "stream_records"]

#: The rows fetched at a time: at least one, at most a million (memory grows with it).
BATCH_SIZES = range(1, 1_000_001)


def select_mapped(
    database: Database,
    mapping: Mapping[str, str],
    *,
    table: str | None,
    query: str | None,
    schema: str | None,
    query_option: str = "query",
) -> tuple[str, list[str]]:
    """The SELECT of the mapped columns of ``table`` (or of the ``query``), and those columns.

    Every name is checked against the table's columns and quoted. A query
    must be exactly one SELECT (:func:`one_select`; ``query_option`` is the
    option that gave it, for the message), and the engine checks it again.
    """
    if (table is None) == (query is None):
        table_option = query_option.replace("query", "table")
        raise InvalidOption(
            f"give the sql adapter a table or a query ({table_option!r} or {query_option!r}, "
            "one of them)"
        )
    wanted = list(dict.fromkeys(mapping.values()))
    if table is not None:
        available = database.columns(table, schema)
        source = database.relation(table, schema)
    else:
        assert query is not None  # one of the two, checked above
        query = one_select(query, dialect=database.dialect, option=query_option)
        available = database.columns_of_query(query)
        source = subquery(query)
    missing = [column for column in wanted if column not in available]
    if missing:
        raise MissingColumns(
            f"{database.label}: {table or 'the query'} has no column "
            + ", ".join(map(repr, missing))
            + f"; its columns are: {', '.join(available)}",
            path=database.label,
            column=missing[0],
        )
    columns = ", ".join(database.quote(column) for column in wanted)
    return f"SELECT {columns} FROM {source}", wanted  # names quoted above


class SqlAdapter:
    """Reads leads, deals and spend from a database; see the module's docstring."""

    name = "sql"
    description = "database tables or queries (SQLite, PostgreSQL, DuckDB, MySQL/MariaDB ...)"
    options = (
        Option("table", "text", None, "the leads table"),
        Option("query", "text", None, "a SELECT giving the leads, instead of a table"),
        Option("deals_table", "text", None, "the deals table"),
        Option("deals_query", "text", None, "a SELECT giving the deals, instead of a table"),
        Option("schema", "text", None, "the schema of the tables (the connection's default)"),
        Option("mapping", "mapping", None, "lead field to column"),
        Option("deals_mapping", "mapping", None, "deal field to column"),
        Option("spend_table", "text", None, "the spend table: a day or a month a row"),
        Option("spend_query", "text", None, "a SELECT giving the spend, instead of a table"),
        Option("spend_mapping", "mapping", None, "spend field to column: day, month or date, "
               "source, amount, campaign, currency"),
        SPEND_CURRENCY,
        Option("batch_size", "integer", 10000, "rows fetched at a time"),
        *VALUE_OPTIONS,
    )  # fmt: skip

    def leads(self, source: Any, options: Mapping[str, Any], report: InputReport) -> Iterator[Lead]:
        """Stream the leads of a table or query."""
        return cast(
            Iterator[Lead],
            self._stream(source, "lead", options, report, options["table"], options["query"]),
        )

    def deals(self, source: Any, options: Mapping[str, Any], report: InputReport) -> Iterator[Deal]:
        """Stream the deals of a table or query."""
        return cast(
            Iterator[Deal],
            self._stream(
                source, "deal", options, report, options["deals_table"], options["deals_query"]
            ),
        )

    def spend(
        self, source: Any, options: Mapping[str, Any], report: InputReport
    ) -> Iterator[Spend]:
        """Stream the spend of a table or query."""
        return cast(
            Iterator[Spend],
            self._stream(
                source, "spend", options, report, options["spend_table"], options["spend_query"]
            ),
        )

    def _stream(
        self,
        source: Any,
        kind: str,
        options: Mapping[str, Any],
        report: InputReport,
        table: str | None,
        query: str | None,
    ) -> Iterator[Lead | Deal | Spend]:
        prefix = {"lead": "", "deal": "deals_", "spend": "spend_"}[kind]
        mapping = options[f"{prefix}mapping"]
        if not mapping:
            name = f"{prefix}mapping"
            raise InvalidOption(f"the sql adapter needs the option {name!r}: field to column")
        batch_size(options)
        database = open_database(source)
        report.input = database.label + (f" {table}" if table else "")
        try:
            sql, columns = select_mapped(
                database, mapping, table=table, query=query, schema=options["schema"],
                query_option=f"{prefix}query",
            )  # fmt: skip
            text = table is not None and database.is_text_file(table)
            yield from stream_records(
                database, kind, mapping, options, report, sql, columns, text=text
            )
        finally:
            database.close()


def stream_records(
    database: Database,
    kind: str,
    mapping: Mapping[str, str],
    options: Mapping[str, Any],
    report: InputReport,
    sql: str,
    columns: list[str],
    parameters: tuple[Any, ...] = (),
    *,
    text: bool = False,
) -> Iterator[Lead | Deal | Spend]:
    """The records of a SELECT of the mapped ``columns``, every row counted in ``report``.

    ``text``: every value is text or NULL (a CSV file read in place), read as
    the csv adapter reads cells.
    """
    builder = RecordBuilder.from_options(
        RECORD_TYPES[kind],
        mapping,
        options,
        input_name=report.input,
        header=columns,
        typed=not text,
    )
    rows = database.stream(sql, parameters, batch_size(options))
    for line, row in enumerate(rows, start=1):
        record = builder.build(row, line, report)
        if record is not None:
            yield record


def batch_size(options: Mapping[str, Any]) -> int:
    """The ``batch_size`` option, checked: :class:`InvalidOption` outside 1 to 1,000,000."""
    size = options["batch_size"]
    if size not in BATCH_SIZES:
        raise InvalidOption(
            f"option 'batch_size' of the sql adapter is the rows fetched at a time: a whole "
            f"number from {BATCH_SIZES.start} to {BATCH_SIZES.stop - 1}, got {size!r}"
        )
    return int(size)


@hookimpl
def register_adapters(register: Callable[[Adapter], None]) -> None:
    """Register the ``sql`` adapter."""
    register(SqlAdapter())
