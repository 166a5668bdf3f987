"""The sections of a report, in the reader's language: what text, Markdown and HTML lay out."""

from __future__ import annotations

from smarketing.reporting.document import Document, PlanDocument, ReportDocument
from smarketing.reporting.i18n import Words
from smarketing.reporting.layout import Section, Table
from smarketing.reporting.layout import table as _table
from smarketing.reporting.listing import largest
from smarketing.reporting.lists import cost_table, followup, listed_breaches, shown_sources
from smarketing.reporting.measured import measured_section, trend_section
from smarketing.reporting.printable import printable

__all__ = ["SHOWN", "Section", "Table", "plan_sections", "report_sections", "title"]

#: How many breaches, sources, owners and lost reasons the text and Markdown
#: reports show (HTML shows all the document lists); each says what it leaves out.
SHOWN = 25


def title(document: Document, words: Words) -> str:
    """The report's title line, printable."""
    if isinstance(document, PlanDocument):
        period = document.period or words("no_period")
        return printable(f"{words('plan')} · {period} · {document.currency}")
    return printable(
        f"{words('sla_report')} · {document.period} · {words('as_of')} "
        f"{document.as_of.isoformat()} · {document.currency}"
    )


def plan_sections(document: PlanDocument, words: Words) -> list[Section]:
    """The sections of a plan."""
    cur = document.currency
    lines = [
        f"{words('revenue_goal')}: {words.money(document.revenue_goal, cur)}",
        f"{words('marketing_share')}: {words.percent(document.marketing_share)}",
        f"{words('marketing_revenue_goal')}: {words.money(document.marketing_revenue_goal, cur)}",
        f"{words('average_sale')}: {words.money(document.average_sale, cur)}",
        f"{words('close_rate')}: {words.percent(document.close_rate, 2)}",
        f"{words('lead_value')}: {words.money(document.lead_value, cur)}",
        f"{words('customers_needed')}: {words.integer(document.customers_needed)}",
        f"{words('leads_needed')}: {words.integer(document.leads_needed)}",
    ]
    if document.visitors_needed is not None:
        lines.append(f"{words('visitors_needed')}: {words.integer(document.visitors_needed)}")
    lines.append(f"{words('rounding')}: {document.rounding}")
    sections = [Section("objective", words("objective"), tuple(lines))]
    if document.stages:
        rows = [
            [
                stage.stage,
                words(f"{stage.owner}_owner") if stage.owner else "",
                words.integer(stage.needed),
                words.percent(stage.rate_to_next),
            ]
            for stage in document.stages
        ]
        table = _table(
            [words("stage"), words("owner"), words("needed"), words("rate_to_next")],
            rows,
            [False, False, True, True],
        )
        sections.append(Section("funnel", words("funnel"), (), (table,)))
    if document.sources:
        rows = [
            [
                source.source,
                words.percent(source.share),
                words.money(source.lead_value, cur),
                words.money(source.revenue_goal, cur),
                words.integer(source.leads_needed),
                words.integer(source.customers_needed),
                words.money(source.spend, cur),
                words.money(source.cost_per_lead, cur),
                words.money(source.cost_per_customer, cur),
                words.percent(source.roi, 0),
            ]
            for source in document.sources
        ]
        headers = ["source", "share", "lead_value", "revenue_goal", "leads", "customers", "spend"]
        headers += ["cost_per_lead", "cost_per_customer", "roi"]
        table = _table([words(h) for h in headers], rows, [False] + [True] * 9)
        note: tuple[str, ...] = ()
        if document.source_leads_note is not None:
            total, needed = document.source_leads_needed, document.leads_needed
            note = (
                words(
                    "source_leads_note", total=words.integer(total), needed=words.integer(needed)
                ),
            )
        sections.append(Section("sources", words("sources"), note, (table,)))
    if document.months:
        rows = [
            [
                month.month,
                words.money(month.revenue_goal, cur),
                words.money(month.marketing_revenue_goal, cur),
                words.integer(month.customers_needed),
                words.integer(month.leads_needed),
                month.leads_due,
            ]
            for month in document.months
        ]
        headers = ["month", "revenue_goal", "marketing_revenue_goal", "customers", "leads"]
        table = _table(
            [*(words(h) for h in headers), words("leads_due")],
            rows,
            [False, True, True, True, True, False],
        )
        sections.append(Section("months", words("months"), (), (table,)))
    return sections


def report_sections(document: ReportDocument, words: Words, *, shown: int | None) -> list[Section]:
    """The sections of an SLA report, listing ``shown`` breaches, sources, owners (``None``: all).

    Whatever a section leaves out, it says: how many there are, how many are
    shown, and the totals of the others.
    """
    cur = document.currency
    marketing = document.marketing
    pacing, value_pacing = document.pacing, document.value_pacing
    rows = []
    if marketing.goal_leads is None and marketing.goal_value is None:  # measuring only
        rows.append([words("leads"), words.integer(marketing.leads), words("no_goal"), "–", "–"])
    if marketing.goal_leads is not None:
        rows.append(
            [
                words("leads"),
                words.integer(marketing.leads),
                words.integer(marketing.goal_leads),
                words.percent(marketing.lead_attainment),
                words.status(pacing.status if pacing else None),
            ]
        )
    if marketing.goal_value is not None:
        rows.append(
            [
                words("lead_value"),
                words.money(marketing.value, cur),
                words.money(marketing.goal_value, cur),
                words.percent(marketing.value_attainment),
                words.status(value_pacing.status if value_pacing else None),
            ]
        )
    lines = []
    if pacing is not None:
        lines.append(
            f"{words('pacing')}: {pacing.elapsed_days}/{pacing.length_days} {words('days')}; "
            f"{words('expected_to_date')} {words.number(pacing.expected_to_date, 1)}; "
            f"{words('projected_end')} {words.number(pacing.projected_end, 1)}; "
            f"{words('needed_per_day')} {words.number(pacing.needed_per_remaining_day, 1)}"
        )
    goals = document.goals
    if goals is not None:
        if goals.revenue_months:
            lines.append(f"{words('serves_revenue_of')} {', '.join(goals.revenue_months)}")
        if goals.outside_plan:
            lines.append(f"{words('outside_plan')}: {', '.join(goals.outside_plan)}")
        for month in goals.due_before_objective:
            lines.append(
                f"{words('due_before_objective')}: {month.month} "
                f"({words.integer(month.leads)}, {month.due})"
            )
    headers = [words("stage"), words("actual"), words("goal"), words("attainment"), words("status")]
    table = _table(headers, rows, [False, True, True, True, False])
    tables = [table]
    if document.sources_attainment:
        source_rows = [
            [
                part.source,
                words.integer(part.leads),
                words.integer(part.goal_leads),
                words.percent(part.lead_attainment),
                words.money(part.value, cur),
                words.money(part.goal_value, cur),
            ]
            for part in document.sources_attainment
        ]
        tables.append(
            _table(
                [words("source"), words("leads"), words("goal"), words("attainment"),
                 words("lead_value"), words("goal")],
                source_rows,
                [False, True, True, True, True, True],
            )
        )  # fmt: skip
    marketing_title = f"{words('marketing')} ({document.commitment_stage})"
    sections = [Section("marketing", marketing_title, tuple(lines), tuple(tables))]
    sections += [
        section
        for section in (measured_section(document, words), trend_section(document, words))
        if section is not None
    ]

    if document.speed is not None or document.depth is not None:
        sections.append(followup(document, words, shown))
        sections.append(listed_breaches(document, words, shown))
    sources, source_lines = shown_sources(document, words, shown)
    source_lines = [
        *source_lines,
        *(
            f"{words('spend')} · {entry.source}: {entry.spend_origin}"
            for entry in sources
            if entry.spend_origin
        ),
        *(note.message for note in document.spend_findings),
    ]
    sections.append(
        Section(
            "sources",
            words("cost_and_return"),
            tuple(source_lines),
            (cost_table(sources, words, cur),),
        )
    )

    stage_rows = [
        [
            stage.stage,
            words.integer(stage.entries),
            words.integer(stage.cohort),
            words.percent(stage.cohort_rate_to_next),
            words.duration(stage.median_seconds_to_next),
            words.duration(stage.p90_seconds_to_next),
        ]
        for stage in document.stages
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

    lost = [(source.source, entry) for source in document.sources for entry in source.lost_reasons]
    if lost:
        kept, _ = largest(lost, shown, lambda item: (item[1].count,))
        lost_rows = [[source, entry.reason, words.integer(entry.count)] for source, entry in kept]
        lost_lines: list[str] = []
        if len(kept) < len(lost):
            lost_lines.append(
                words("rows_some", shown=words.integer(len(kept)), count=words.integer(len(lost)))
            )
        unlisted = document.sources_not_listed.lost
        if unlisted:
            lost_lines.append(words("lost_not_listed", n=words.integer(unlisted)))
        lost_table = _table(
            [words("source"), words("reason"), words("count")], lost_rows, [False, False, True]
        )
        sections.append(
            Section("lost_reasons", words("lost_reasons"), tuple(lost_lines), (lost_table,))
        )

    findings = document.findings
    values = findings.values  # a finding about values lists them, with counts
    finding_rows = [
        [
            words.finding(kind),
            words.integer(number),
            ", ".join(
                [f"{value} ({words.integer(n)})" for value, n in values[kind].items()][:5]
                if kind in values
                else findings.ids.get(kind, ())[:5]
            ),
        ]
        for kind, number in findings.counts.items()
    ]
    finding_headers = [words("finding"), words("count"), words("examples")]
    finding_tables = (
        (_table(finding_headers, finding_rows, [False, True, False]),) if finding_rows else ()
    )
    finding_lines = () if finding_rows else (words("no_findings"),)
    sections.append(Section("findings", words("findings"), finding_lines, finding_tables))

    input_lines = tuple(
        f"{part.input} ({part.kind}): {words.integer(part.rows_read)} "
        f"{words('rows_read')}, {words.integer(part.records)} {words('records')}, "
        f"{words.integer(part.rejected)} {words('rejected')}"
        for part in document.inputs
    )
    if input_lines:
        sections.append(Section("input", words("input"), input_lines))
    return sections
