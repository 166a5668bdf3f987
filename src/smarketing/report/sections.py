"""The sections of a report, in the reader's language: what text, Markdown and HTML lay out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from smarketing.report.i18n import Words
from smarketing.report.printable import printable

__all__ = ["BREACHES_SHOWN", "Section", "Table", "plan_sections", "report_sections", "title"]

#: How many breaches the text and Markdown reports list (HTML lists them all).
BREACHES_SHOWN = 25


def _cells(cells: Iterable[str]) -> tuple[str, ...]:
    return tuple(printable(cell) for cell in cells)


def _rows(rows: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(_cells(row) for row in rows)


@attrs.frozen
class Table:
    """Column headers, rows of cells, and which columns hold numbers (right-aligned).

    Every cell is made :func:`~smarketing.report.printable.printable` here,
    once, for every renderer.
    """

    headers: tuple[str, ...] = attrs.field(converter=_cells)
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_rows)
    numeric: tuple[bool, ...]


@attrs.frozen
class Section:
    """A titled part of a report: lines of text, then tables; all of it printable."""

    key: str
    title: str = attrs.field(converter=printable)
    lines: tuple[str, ...] = attrs.field(default=(), converter=_cells)
    tables: tuple[Table, ...] = ()


def _table(headers: list[str], rows: list[list[str]], numeric: list[bool]) -> Table:
    return Table(tuple(headers), tuple(tuple(row) for row in rows), tuple(numeric))


def title(document: dict[str, Any], words: Words) -> str:
    """The report's title line, printable."""
    if document["kind"] == "plan":
        period = document["period"] or words("no_period")
        return printable(f"{words('plan')} · {period} · {document['currency']}")
    return printable(
        f"{words('sla_report')} · {document['period']} · {words('as_of')} "
        f"{document['as_of']} · {document['currency']}"
    )


def plan_sections(document: dict[str, Any], words: Words) -> list[Section]:
    """The sections of a plan."""
    cur = document["currency"]
    lines = [
        f"{words('revenue_goal')}: {words.money(document['revenue_goal'], cur)}",
        f"{words('marketing_share')}: {words.percent(document['marketing_share'])}",
        f"{words('marketing_revenue_goal')}: "
        f"{words.money(document['marketing_revenue_goal'], cur)}",
        f"{words('average_sale')}: {words.money(document['average_sale'], cur)}",
        f"{words('close_rate')}: {words.percent(document['close_rate'], 2)}",
        f"{words('lead_value')}: {words.money(document['lead_value'], cur)}",
        f"{words('customers_needed')}: {words.integer(document['customers_needed'])}",
        f"{words('leads_needed')}: {words.integer(document['leads_needed'])}",
    ]
    if document["visitors_needed"] is not None:
        lines.append(f"{words('visitors_needed')}: {words.integer(document['visitors_needed'])}")
    lines.append(f"{words('rounding')}: {document['rounding']}")
    sections = [Section("objective", words("objective"), tuple(lines))]
    if document["stages"]:
        rows = [
            [
                stage["stage"],
                words(f"{stage['owner']}_owner") if stage["owner"] else "",
                words.integer(stage["needed"]),
                words.percent(stage["rate_to_next"]),
            ]
            for stage in document["stages"]
        ]
        table = _table(
            [words("stage"), words("owner"), words("needed"), words("rate_to_next")],
            rows,
            [False, False, True, True],
        )
        sections.append(Section("funnel", words("funnel"), (), (table,)))
    if document["sources"]:
        rows = [
            [
                source["source"],
                words.percent(source["share"]),
                words.money(source["lead_value"], cur),
                words.money(source["revenue_goal"], cur),
                words.integer(source["leads_needed"]),
                words.integer(source["customers_needed"]),
                words.money(source["spend"], cur),
                words.money(source["cost_per_lead"], cur),
                words.money(source["cost_per_customer"], cur),
                words.percent(source["roi"], 0),
            ]
            for source in document["sources"]
        ]
        headers = ["source", "share", "lead_value", "revenue_goal", "leads", "customers", "spend"]
        headers += ["cost_per_lead", "cost_per_customer", "roi"]
        table = _table([words(h) for h in headers], rows, [False] + [True] * 9)
        note: tuple[str, ...] = ()
        if document["source_leads_note"] is not None:
            total, needed = document["source_leads_needed"], document["leads_needed"]
            note = (
                words(
                    "source_leads_note", total=words.integer(total), needed=words.integer(needed)
                ),
            )
        sections.append(Section("sources", words("sources"), note, (table,)))
    if document["months"]:
        rows = [
            [
                month["month"],
                words.money(month["revenue_goal"], cur),
                words.money(month["marketing_revenue_goal"], cur),
                words.integer(month["customers_needed"]),
                words.integer(month["leads_needed"]),
                month["leads_due"],
            ]
            for month in document["months"]
        ]
        headers = ["month", "revenue_goal", "marketing_revenue_goal", "customers", "leads"]
        table = _table(
            [*(words(h) for h in headers), words("leads_due")],
            rows,
            [False, True, True, True, True, False],
        )
        sections.append(Section("months", words("months"), (), (table,)))
    return sections


def _clause_text(kind: str, clause: dict[str, Any], words: Words) -> str:
    share = words.percent(clause["share"], 0)
    if kind == "speed":
        hours = words.number(clause["within_hours"], 0)
        suffix = " (business hours)" if clause["business_hours"] and words.lang == "en" else ""
        if clause["business_hours"] and words.lang == "fr":
            suffix = " (heures ouvrées)"
        if words.lang == "fr":
            return f"{share} des leads touchés sous {hours} h{suffix}"
        return f"{share} of leads touched within {hours} h{suffix}"
    days = words.number(clause["within_days"], 0)
    if words.lang == "fr":
        return f"{share} des leads contactés {clause['touches']} fois en {days} jours"
    return f"{share} of leads touched {clause['touches']} times within {days} days"


def report_sections(document: dict[str, Any], words: Words, *, all_breaches: bool) -> list[Section]:
    """The sections of an SLA report."""
    cur = document["currency"]
    marketing = document["marketing"]
    pacing, value_pacing = document["pacing"], document["value_pacing"]
    rows = []
    if marketing["goal_leads"] is not None:
        rows.append(
            [
                words("leads"),
                words.integer(marketing["leads"]),
                words.integer(marketing["goal_leads"]),
                words.percent(marketing["lead_attainment"]),
                words.status(pacing["status"] if pacing else None),
            ]
        )
    if marketing["goal_value"] is not None:
        rows.append(
            [
                words("lead_value"),
                words.money(marketing["value"], cur),
                words.money(marketing["goal_value"], cur),
                words.percent(marketing["value_attainment"]),
                words.status(value_pacing["status"] if value_pacing else None),
            ]
        )
    lines = []
    if pacing is not None:
        lines.append(
            f"{words('pacing')}: {pacing['elapsed_days']}/{pacing['length_days']} {words('days')}; "
            f"{words('expected_to_date')} {words.number(pacing['expected_to_date'], 1)}; "
            f"{words('projected_end')} {words.number(pacing['projected_end'], 1)}; "
            f"{words('needed_per_day')} {words.number(pacing['needed_per_remaining_day'], 1)}"
        )
    headers = [words("stage"), words("actual"), words("goal"), words("attainment"), words("status")]
    table = _table(headers, rows, [False, True, True, True, False])
    tables = [table]
    if document["sources_attainment"]:
        source_rows = [
            [
                part["source"],
                words.integer(part["leads"]),
                words.integer(part["goal_leads"]),
                words.percent(part["lead_attainment"]),
                words.money(part["value"], cur),
                words.money(part["goal_value"], cur),
            ]
            for part in document["sources_attainment"]
        ]
        tables.append(
            _table(
                [words("source"), words("leads"), words("goal"), words("attainment"),
                 words("lead_value"), words("goal")],
                source_rows,
                [False, True, True, True, True, True],
            )
        )  # fmt: skip
    marketing_title = f"{words('marketing')} ({document['commitment_stage']})"
    sections = [Section("marketing", marketing_title, tuple(lines), tuple(tables))]

    follow_rows, follow_lines = [], []
    for kind in ("speed", "depth"):
        part = document[kind]
        if part is None:
            continue
        clause = document["clauses"].get(kind)
        if clause:
            follow_lines.append(f"{words(kind)}: {_clause_text(kind, clause, words)}")
        follow_rows.append(
            [
                words(kind),
                words.integer(part["handed_off"]),
                words.integer(part["met"]),
                words.integer(part["breached"]),
                words.integer(part["pending"]),
                words.percent(part["share_met"]),
                words.status(part["status"]),
            ]
        )
    if follow_rows:
        response = document["response_time"]
        follow_lines.append(
            f"{words('response_time')}: {words('median')} "
            f"{words.duration(response['median_seconds'])}, {words('p90')} "
            f"{words.duration(response['p90_seconds'])}"
        )
        headers = ["clause", "handed_off", "met", "breached", "pending", "attainment", "status"]
        numeric = [False, True, True, True, True, True, False]
        follow_tables = [_table([words(h) for h in headers], follow_rows, numeric)]
        owner_rows = []
        for owner in document["owners"]:
            cells = [owner["owner"]]
            for kind in ("speed", "depth"):
                part = owner[kind]
                if part is not None:
                    cells += [
                        f"{part['met']}/{part['met'] + part['breached']}",
                        words.status(part["status"]),
                    ]
            owner_rows.append(cells)
        if owner_rows:
            owner_headers = [words("owner")]
            for kind in ("speed", "depth"):
                if document[kind] is not None:
                    owner_headers += [words(kind), words("status")]
            follow_tables.append(
                _table(
                    owner_headers, owner_rows, [False] + [True, False] * (len(owner_headers) // 2)
                )
            )
        sections.append(
            Section("followup", words("followup"), tuple(follow_lines), tuple(follow_tables))
        )

        breaches = document["breaches"]
        shown = breaches if all_breaches else breaches[:BREACHES_SHOWN]
        breach_rows = [
            [
                breach["lead_id"],
                words(breach["clause"]),
                breach["owner"],
                breach["source"],
                breach["handoff"][:16].replace("T", " "),
                breach["deadline"][:16].replace("T", " "),
                (breach["first_touch"] or "–")[:16].replace("T", " "),
            ]
            for breach in shown
        ]
        breach_lines = [f"{words.integer(document['breach_count'])} {words('breach_count')}"]
        if len(breaches) > len(shown):
            breach_lines.append(words("more", n=len(breaches) - len(shown)))
        breach_headers = ["lead", "clause", "owner", "source", "handoff", "deadline", "first_touch"]
        breach_tables = (
            (_table([words(h) for h in breach_headers], breach_rows, [False] * 7),)
            if breach_rows
            else ()
        )
        sections.append(Section("breaches", words("breaches"), tuple(breach_lines), breach_tables))

    cost_rows = []
    for source in document["sources"]:
        same, cohort = source["same_period"], source["cohort"]
        cost_rows.append(
            [
                source["source"],
                words.integer(source["leads"]),
                words.integer(source["won_deals"]),
                words.money(source["won_revenue"], cur),
                words.money(same["spend"], cur),
                words.money(same["cost_per_lead"], cur),
                words.money(same["cost_per_customer"], cur),
                words.percent(same["roi"], 0),
                words.percent(cohort["roi"], 0),
            ]
        )
    cost_headers = [
        words("source"), words("leads"), words("won_deals"), words("won_revenue"),
        words("spend"), words("cost_per_lead"), words("cost_per_customer"),
        f"{words('roi')} ({words('same_period')})", f"{words('roi')} ({words('cohort').lower()})",
    ]  # fmt: skip
    sections.append(
        Section(
            "sources",
            words("cost_and_return"),
            (),
            (_table(cost_headers, cost_rows, [False] + [True] * 8),),
        )
    )

    stage_rows = [
        [
            stage["stage"],
            words.integer(stage["entries"]),
            words.integer(stage["cohort"]),
            words.percent(stage["cohort_rate_to_next"]),
            words.duration(stage["median_seconds_to_next"]),
            words.duration(stage["p90_seconds_to_next"]),
        ]
        for stage in document["stages"]
    ]
    stage_headers = ["stage", "entries", "cohort", "rate_to_next", "median", "p90"]
    sections.append(
        Section(
            "funnel",
            words("funnel"),
            (),
            (_table([words(h) for h in stage_headers], stage_rows, [False] + [True] * 5),),
        )
    )

    lost_rows = [
        [source["source"], lost["reason"], words.integer(lost["count"])]
        for source in document["sources"]
        for lost in source["lost_reasons"]
    ]
    if lost_rows:
        lost_table = _table(
            [words("source"), words("reason"), words("count")], lost_rows, [False, False, True]
        )
        sections.append(Section("lost_reasons", words("lost_reasons"), (), (lost_table,)))

    findings = document["findings"]
    values = findings.get("values", {})  # a finding about values lists them, with counts
    finding_rows = [
        [
            kind,
            words.integer(number),
            ", ".join(
                [f"{value} ({words.integer(n)})" for value, n in values[kind].items()][:5]
                if kind in values
                else findings["ids"].get(kind, [])[:5]
            ),
        ]
        for kind, number in findings["counts"].items()
    ]
    finding_tables = (
        (_table(["", words("count"), ""], finding_rows, [False, True, False]),)
        if finding_rows
        else ()
    )
    finding_lines = () if finding_rows else (words("no_findings"),)
    sections.append(Section("findings", words("findings"), finding_lines, finding_tables))

    input_lines = tuple(
        f"{part['input']} ({part['kind']}): {words.integer(part['rows_read'])} "
        f"{words('rows_read')}, {words.integer(part['records'])} {words('records')}, "
        f"{words.integer(part['rejected'])} {words('rejected')}"
        for part in document["inputs"]
    )
    if input_lines:
        sections.append(Section("input", words("input"), input_lines))
    return sections
