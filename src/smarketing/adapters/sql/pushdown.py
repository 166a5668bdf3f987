"""Push-down: the actuals of a database table, counted inside the database where that is exact.

Most leads never move past the funnel's first stage. For those *quiet* leads
(no later stage, no hand-off, no touch, no deal, a valid id and creation
time) every figure of the actuals is a count the database can make: leads,
first-stage entries by day, the cohort by creation day, lost reasons. One
grouped query counts them in place. The other, *active*, leads (and the
deals, which are few) stream through the same one-pass code as everything
else, reading only the mapped columns; the two parts merge exactly
(:meth:`FunnelActuals.merge`), so push-down gives the same actuals as the
streaming pass.

What is pushed down and what streams, per engine, is in docs/databases.md.
Timestamps must be stored as timestamps (or, in SQLite, as ISO 8601 text
without an offset); naive ones are read in the zone given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any, Unpack, cast

import attrs

import smarketing._display as show
from smarketing.adapters._database import Database, open_database
from smarketing.adapters._fields import READERS, settings_of
from smarketing.adapters.sql import SqlAdapter, batch_size, select_mapped, stream_records
from smarketing.contract import InputReport, ReadReport, check_options, counted
from smarketing.errors import InvalidOption
from smarketing.measuring.actuals import UNKNOWN_SOURCE, ActualsSpec, FunnelActuals, SpecKeywords
from smarketing.measuring.findings import Finding, Findings
from smarketing.measuring.one_pass import Pass
from smarketing.parsing import normalise_source
from smarketing.records import Lead

__all__ = ["PushDown", "collect_actuals_sql", "push_down"]

_TEXT = {"sqlite": "TEXT", "postgresql": "TEXT", "duckdb": "VARCHAR", "mysql": "CHAR"}
_FLAGS = ("true", "false", "yes", "no", "y", "n", "1", "0", "x", "oui", "non", "vrai", "faux", "")
# columns a quiet lead has empty: everything that makes a lead more than created
_PROGRESS_FIELDS = ("handoff", "first_touch", "touches")
_MOST_BOUND = 5000
_DIGITS = {
    "sqlite": "{text} NOT GLOB '*[^0-9]*'",
    "postgresql": "{text} ~ '^[0-9]*$'",
    "duckdb": "regexp_full_match({text}, '[0-9]*')",
    "mysql": "{text} REGEXP '^[0-9]*$'",
}


@attrs.frozen
class PushDown:
    """What push-down did: the actuals, the rows counted in the database and those streamed.

    Attributes:
        actuals: The actuals, counted as the one pass counts them.
        quiet_leads: The quiet leads (no later stage, hand-off, touch or deal), counted in the
            database.
        read: The counts of the rows streamed out of the database.
    """

    #: The actuals, counted as the one pass counts them.
    actuals: FunnelActuals
    #: The quiet leads (no later stage, hand-off, touch or deal), counted in the
    #: database.
    quiet_leads: int
    #: The counts of the rows streamed out of the database.
    read: ReadReport

    def __repr__(self) -> str:
        actuals, read = self.actuals, self.read
        breaches = show.counted(len(actuals.breaches), "breach", "breaches")
        return show.capped(
            f"<PushDown: {show.counted(actuals.leads, 'lead')} ({show.count(self.quiet_leads)} "
            f"counted in the database), {show.counted(actuals.deals, 'deal')}; "
            f"{show.counted(read.rows_read, 'row')} streamed, "
            f"{show.counted(read.records, 'record')}, {show.count(read.rejected)} rejected; "
            f"{breaches} listed, {show.counted(actuals.findings.total, 'finding')}>"
        )


def collect_actuals_sql(
    source: Any,
    *,
    table: str,
    mapping: Mapping[str, str],
    deals_table: str | None = None,
    deals_mapping: Mapping[str, str] | None = None,
    options: Mapping[str, Any] | None = None,
    **spec: Unpack[SpecKeywords],
) -> PushDown:
    """The actuals of a leads table (and a deals table), counted in the database where exact.

    Prefer ``smarketing.collect(smarketing.read("sql", url, options=...), spec,
    how="pushdown")``, the one entry point. ``source`` is a database URL or a
    DB-API connection, as for the ``sql`` adapter; ``mapping`` and
    ``deals_mapping`` name each field's column; ``options`` are the sql
    adapter's other options (source aliases ...). The ``spec`` keywords are
    those of :func:`~smarketing.pipeline.collecting.collect_actuals` (``sla``
    or ``funnel``, ``as_of``, ``zone`` ...); it is :func:`push_down` with
    that spec.
    """
    tables = {
        "table": table,
        "mapping": dict(mapping),
        "deals_table": deals_table,
        "deals_mapping": None if deals_mapping is None else dict(deals_mapping),
    }
    return push_down(source, ActualsSpec.of_keywords(**spec), {**(options or {}), **tables})


def push_down(source: Any, spec: ActualsSpec, options: Mapping[str, Any]) -> PushDown:
    """The push-down engine: the actuals by ``spec`` of the sql adapter's tables in ``options``.

    ``source`` is a database URL or a DB-API connection; ``options`` the sql
    adapter's (``table``, ``mapping``, ``deals_table``, ``deals_mapping``,
    aliases ...; checked here). Push-down reads tables, not queries.
    """
    adapter = SqlAdapter()
    checked = check_options(adapter, options)
    for name in ("query", "deals_query"):
        if checked[name]:
            raise InvalidOption(f"push-down reads tables: drop the {name} option, or pushdown")
    if checked["table"] is None:
        raise InvalidOption("push-down needs the table option of the sql adapter")
    batch_size(checked)
    table, deals_table = checked["table"], checked["deals_table"]
    database = open_database(source)
    try:
        quiet = _Quiet(database, spec, checked)
        quiet_actuals, quiet_rows = quiet.count()
        report = ReadReport()
        report.leads = InputReport(f"{database.label} {table}", "leads")
        report.leads.rows_read = report.leads.records = quiet_rows
        active = _active_leads(database, quiet, checked, report.leads)
        deals: Iterable[Any] = ()
        if deals_table is not None:
            report.deals = InputReport(f"{database.label} {deals_table}", "deals")
            deals = counted(adapter.deals(source, checked, report.deals), report.deals)
        active_actuals = Pass(spec).run(active, deals)
    finally:
        database.close()
    return PushDown(quiet_actuals.merge(active_actuals), quiet_rows, report)


class _Quiet:
    """The SQL that tells quiet leads from active ones, and counts the quiet ones."""

    def __init__(self, database: Database, spec: ActualsSpec, options: Mapping[str, Any]) -> None:
        self.database = database
        self.spec = spec
        self.options = options
        mapping: Mapping[str, str] = options["mapping"]
        self.mapping = mapping
        quote = database.quote
        self.table = database.relation(options["table"], options["schema"])
        select_mapped(
            database, mapping, table=options["table"], query=None, schema=options["schema"]
        )
        first = f"stages.{spec.funnel.names[0]}"
        progress = [
            column
            for field, column in mapping.items()
            if (field.startswith("stages.") and field != first) or field in _PROGRESS_FIELDS
        ]
        text = _TEXT.get(database.dialect, "VARCHAR(255)")

        def empty(column: str) -> str:
            return f"COALESCE(TRIM(CAST({quote(column)} AS {text})), '') = ''"

        id_column, created = quote(mapping["id"]), quote(mapping["created"])
        conditions = [f"NOT {empty(mapping['id'])}", f"{created} IS NOT NULL"]
        conditions += [empty(column) for column in progress]
        if database.dialect in ("sqlite", "duckdb"):
            # text that the Python pass would read otherwise than the database: not quiet
            valid = _sqlite_timestamp if database.dialect == "sqlite" else _duckdb_timestamp
            conditions.append(valid(created))
            if first in mapping:
                stage0 = quote(mapping[first])
                conditions.append(f"({empty(mapping[first])} OR {valid(stage0)})")
        if "touch_count" in mapping:
            # a touch count matters only once a lead is handed off; a quiet lead may have one
            # (often 0) as long as it reads as a count
            trimmed = f"COALESCE(TRIM(CAST({quote(mapping['touch_count'])} AS {text})), '')"
            digits = _DIGITS.get(database.dialect)
            conditions.append(
                digits.format(text=trimmed) if digits else empty(mapping["touch_count"])
            )
        if "lost" in mapping:
            flags = ", ".join(f"'{flag}'" for flag in _FLAGS)
            conditions.append(
                f"LOWER(COALESCE(TRIM(CAST({quote(mapping['lost'])} AS {text})), '')) IN ({flags})"
            )
        if self.spec.funnel.index(self.spec.funnel.handoff) == 0:
            conditions.append("1 = 0")  # every lead is handed off when created: none is quiet
        deals_table, deals_mapping = options["deals_table"], options["deals_mapping"]
        if deals_table and deals_mapping and "lead_ids" in deals_mapping:
            lead_column = quote(deals_mapping["lead_ids"])
            deals_relation = database.relation(deals_table, options["schema"])
            stripped = f"REPLACE(REPLACE(REPLACE({lead_column}, ';', ''), ',', ''), '|', '')"
            several = database.fetch(
                f"SELECT COUNT(*) FROM {deals_relation} "
                f"WHERE LENGTH({lead_column}) <> LENGTH({stripped})"
            )
            if int(several[0][0]):
                raise InvalidOption(
                    f"{database.label}: {int(several[0][0])} deals of {deals_table!r} name several "
                    "leads in one cell; push-down needs one lead id per deal: read the tables "
                    "with the sql adapter (streaming) instead"
                )
            conditions.append(
                f"{id_column} NOT IN (SELECT {lead_column} FROM "
                f"{database.relation(deals_table, options['schema'])} "
                f"WHERE {lead_column} IS NOT NULL)"
            )
        # Repeated ids are looked up once (there are usually none) and bound as parameters.
        repeated = database.fetch(
            f"SELECT {id_column} FROM {self.table} WHERE {id_column} IS NOT NULL "
            f"GROUP BY {id_column} HAVING COUNT(*) > 1"
        )
        self.parameters: tuple[Any, ...] = tuple(row[0] for row in repeated)
        if len(self.parameters) > _MOST_BOUND:  # too many to bind: let the database look again
            self.parameters = ()
            conditions.append(
                f"{id_column} NOT IN (SELECT {id_column} FROM {self.table} "
                f"WHERE {id_column} IS NOT NULL GROUP BY {id_column} HAVING COUNT(*) > 1)"
            )
        elif self.parameters:
            marks = ", ".join(database.placeholder() for _ in self.parameters)
            conditions.append(f"{id_column} NOT IN ({marks})")
        self.condition = " AND ".join(f"({condition})" for condition in conditions)
        self.first = first

    def _cutoff(self) -> datetime:
        """The last moment included, as a naive wall time of the zone (what the table holds)."""
        as_of = self.spec.as_of
        if as_of is None:
            return datetime(9999, 12, 30)
        if isinstance(as_of, datetime):
            if as_of.tzinfo is not None:
                return as_of.astimezone(self.spec.zone).replace(tzinfo=None)
            return as_of
        return datetime.combine(as_of + timedelta(days=1), time()) - timedelta(microseconds=1)

    def count(self) -> tuple[FunnelActuals, int]:
        """The actuals of the quiet leads, counted in the database, and how many there were."""
        database, quote, mapping = self.database, self.database.quote, self.mapping
        mark = database.placeholder()
        created = quote(mapping["created"])
        cutoff = self._cutoff()
        parameter: Any = cutoff
        dialect = database.dialect
        if dialect == "sqlite":
            parameter = cutoff.isoformat(sep=" ")

        def moment(column: str) -> str:
            """A column as a comparable timestamp."""
            if dialect == "sqlite":
                return f"julianday({column})"
            if dialect == "duckdb":
                return f"TRY_CAST({column} AS TIMESTAMP)"
            return column

        def day_of(column: str) -> str:
            if dialect == "sqlite":
                return f"DATE({column})"
            if dialect == "mysql":
                return f"DATE({column})"
            return f"CAST({moment(column)} AS DATE)"

        bound = f"julianday({mark})" if dialect == "sqlite" else mark
        before = f"{moment(created)} <= {bound}"
        entered = created
        if self.first in mapping:
            stage0 = quote(mapping[self.first])
            then, otherwise = stage0, created
            if dialect == "duckdb":  # a CSV column may be typed text: both sides as timestamps
                then, otherwise = moment(stage0), moment(created)
            entered = (
                f"CASE WHEN {stage0} IS NOT NULL AND {moment(stage0)} <= {bound} THEN {then} "
                f"ELSE {otherwise} END"
            )
        group = [f"CASE WHEN {before} THEN 1 ELSE 0 END", day_of(entered), day_of(created)]
        for field in ("source", "lost", "lost_reason", f"segments.{self.spec.segment}"):
            group.append(quote(mapping[field]) if field in mapping else "NULL")
        columns = ", ".join(group)
        selected = f"SELECT {columns}, COUNT(*) FROM {self.table} "
        sql = (
            f"{selected}WHERE {self.condition} "
            f"GROUP BY {', '.join(str(index) for index in range(1, len(group) + 1))}"
        )
        # the cut-off is bound in the counted flag, and in the first stage's CASE when mapped
        bound_uses = 2 if self.first in mapping else 1
        parameters = [parameter] * bound_uses + list(self.parameters)
        rows = database.fetch(sql, parameters)
        counted = [row[1:] for row in rows if int(row[0]) == 1]
        after = sum(int(row[-1]) for row in rows if int(row[0]) == 0)
        return self._actuals(counted, after)

    def _actuals(self, rows: list[tuple[Any, ...]], after: int) -> tuple[FunnelActuals, int]:
        settings = settings_of(self.options)
        flag = READERS["flag"](settings)
        stage = self.spec.funnel.names[0]
        entries: dict[tuple[date, str, str, str | None], int] = {}
        cohort: dict[tuple[date, str, str, str | None], int] = {}
        lost: dict[tuple[date, str, str], int] = {}
        leads = 0
        for entered, created, source, lost_value, reason, segment, count in rows:
            number = int(count)
            leads += number
            name = normalise_source(str(source), settings.aliases) if source is not None else None
            name = name or UNKNOWN_SOURCE
            segment_value = str(segment).strip() if segment is not None else ""
            part = segment_value or None
            entered_day, created_day = _day(entered), _day(created)
            key = (entered_day, stage, name, part)
            entries[key] = entries.get(key, 0) + number
            key = (created_day, stage, name, part)
            cohort[key] = cohort.get(key, 0) + number
            is_lost = lost_value is not None and str(lost_value).strip() != "" and flag(lost_value)
            if is_lost:
                why = str(reason).strip() if reason is not None else ""
                lost_key = (created_day, name, why or "(no reason)")
                lost[lost_key] = lost.get(lost_key, 0) + number
        actuals = FunnelActuals(
            spec=self.spec,
            leads=leads,
            leads_after_as_of=after,
            entries=entries,
            cohort=cohort,
            lost_reasons=lost,
            findings=Findings(
                {Finding.LEAD_AFTER_AS_OF: after},
                {Finding.LEAD_AFTER_AS_OF: ()},
                self.spec.max_listed,
            )
            if after
            else Findings(),
        )
        return actuals, leads + after


def _day(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _duckdb_timestamp(column: str) -> str:
    """A DuckDB timestamp, or text that reads as a naive ISO 8601 timestamp."""
    return (
        f"(typeof({column}) <> 'VARCHAR' OR (CAST({column} AS VARCHAR) GLOB "
        f"'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*' AND TRY_CAST({column} AS TIMESTAMP) "
        f"IS NOT NULL AND substr(CAST({column} AS VARCHAR), 11) NOT GLOB '*[-+Zz]*'))"
    )


def _sqlite_timestamp(column: str) -> str:
    """SQLite text that reads as a naive ISO 8601 timestamp, as the Python pass reads it."""
    return (
        f"(typeof({column}) = 'text' AND {column} GLOB "
        f"'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*' AND julianday({column}) IS NOT NULL "
        f"AND substr({column}, 11) NOT GLOB '*[-+Zz]*')"
    )


def _active_leads(
    database: Database, quiet: _Quiet, options: Mapping[str, Any], report: InputReport
) -> Iterator[Lead]:
    """Stream the active leads (every lead that is not quiet) through the sql adapter's reader."""
    mapping = options["mapping"]
    select, columns = select_mapped(
        database, mapping, table=options["table"], query=None, schema=options["schema"]
    )
    query = f"{select} WHERE NOT ({quiet.condition})"
    text = database.is_text_file(options["table"])
    for lead in stream_records(
        database, "lead", mapping, options, report, query, columns, quiet.parameters, text=text
    ):
        report.records += 1
        yield cast(Lead, lead)
