"""The long parts of a report: follow-up by owner, breaches, cost by source.

Each shows no more than ``shown`` rows (``None``: all the document lists),
chosen by volume, and says what it leaves out: how many there are, how many
are shown, and the totals of the others, counting those the document itself
did not list (``owners_not_listed``, ``sources_not_listed``).
"""

from __future__ import annotations

from datetime import datetime

from smarketing.reporting.document import (
    ClauseCompliance,
    DepthTerms,
    OwnerFigures,
    ReportDocument,
    SourceFigures,
    SpeedTerms,
)
from smarketing.reporting.i18n import Words
from smarketing.reporting.layout import Section, Table, table
from smarketing.reporting.listing import largest

__all__ = ["cost_table", "followup", "listed_breaches", "shown_sources"]

_CLAUSES = ("speed", "depth")


def _clause_text(clause: SpeedTerms | DepthTerms, words: Words) -> str:
    share = words.percent(clause.share, 0)
    if isinstance(clause, SpeedTerms):
        hours = words.number(clause.within_hours, 0)
        suffix = " (business hours)" if clause.business_hours and words.lang == "en" else ""
        if clause.business_hours and words.lang == "fr":
            suffix = " (heures ouvrées)"
        if words.lang == "fr":
            return f"{share} des leads touchés sous {hours} h{suffix}"
        return f"{share} of leads touched within {hours} h{suffix}"
    days = words.number(clause.within_days, 0)
    if words.lang == "fr":
        return f"{share} des leads contactés {clause.touches} fois en {days} jours"
    return f"{share} of leads touched {clause.touches} times within {days} days"


def _part(figures: ReportDocument | OwnerFigures, kind: str) -> ClauseCompliance | None:
    """The speed or the depth clause as kept (``kind``: one of :data:`_CLAUSES`)."""
    return figures.speed if kind == "speed" else figures.depth


def _owner_volume(owner: OwnerFigures) -> tuple[int, ...]:
    part = owner.speed or owner.depth
    return (0 if part is None else part.handed_off,)


def _source_volume(source: SourceFigures) -> tuple[int, ...]:
    # the document's order of choice (smarketing.reporting.document.source_volume)
    has_spend = source.same_period.spend is not None
    return (has_spend, source.leads, source.won_deals, source.cohort_leads)


def _owner_table(document: ReportDocument, owners: list[OwnerFigures], words: Words) -> Table:
    rows = []
    for owner in owners:
        cells = [owner.owner]
        for kind in _CLAUSES:
            part = _part(owner, kind)
            if part is not None:
                cells += [f"{part.met}/{part.met + part.breached}", words.status(part.status)]
        rows.append(cells)
    headers = [words("owner")]
    for kind in _CLAUSES:
        if _part(document, kind) is not None:
            headers += [words(kind), words("status")]
    return table(headers, rows, [False] + [True, False] * (len(headers) // 2))


def _owners_line(
    document: ReportDocument,
    shown: list[OwnerFigures],
    hidden: list[OwnerFigures],
    words: Words,
) -> str:
    rest = document.owners_not_listed
    count = document.owner_count
    parts = []
    for kind in _CLAUSES:
        if _part(document, kind) is None:
            continue
        clauses = [part for owner in hidden if (part := _part(owner, kind)) is not None]
        summed = rest.speed if kind == "speed" else rest.depth
        if summed is not None:
            clauses.append(summed)
        met = sum(part.met for part in clauses)
        decided = met + sum(part.breached for part in clauses)
        parts.append(
            words("clause_met_of", clause=words(kind), met=words.integer(met),
                  decided=words.integer(decided))
        )  # fmt: skip
    return words(
        "owners_some",
        shown=words.integer(len(shown)),
        count=words.integer(count),
        hidden=words.integer(count - len(shown)),
        parts=", ".join(parts),
    )


def followup(document: ReportDocument, words: Words, shown: int | None) -> Section:
    """The clauses, the response time, and the owners with the most leads handed off."""
    rows, lines = [], []
    for kind in _CLAUSES:
        part = _part(document, kind)
        if part is None:
            continue
        clause = document.clauses.speed if kind == "speed" else document.clauses.depth
        if clause:
            lines.append(f"{words(kind)}: {_clause_text(clause, words)}")
        rows.append(
            [
                words(kind),
                words.integer(part.handed_off),
                words.integer(part.met),
                words.integer(part.breached),
                words.integer(part.pending),
                words.percent(part.share_met),
                words.status(part.status),
            ]
        )
    response = document.response_time
    lines.append(
        f"{words('response_time')}: {words('median')} "
        f"{words.duration(response.median_seconds)}, {words('p90')} "
        f"{words.duration(response.p90_seconds)}"
    )
    headers = ["clause", "handed_off", "met", "breached", "pending", "attainment", "status"]
    numeric = [False, True, True, True, True, True, False]
    tables = [table([words(h) for h in headers], rows, numeric)]
    owners, hidden = largest(document.owners, shown, _owner_volume)
    if owners:
        tables.append(_owner_table(document, owners, words))
    if document.owner_count > len(owners):
        lines.append(_owners_line(document, owners, hidden, words))
    return Section("followup", words("followup"), tuple(lines), tuple(tables))


def _minute(moment: datetime | None) -> str:
    """A time to the minute, as the JSON writes it, with a space for the ``T``."""
    return "–" if moment is None else moment.isoformat()[:16].replace("T", " ")


def listed_breaches(document: ReportDocument, words: Words, shown: int | None) -> Section:
    """The breaches with the earliest hand-offs, and how many there are in all."""
    breaches = document.breaches[:shown]
    rows = [
        [
            breach.lead_id,
            words(breach.clause),
            breach.owner,
            breach.source,
            _minute(breach.handoff),
            _minute(breach.deadline),
            _minute(breach.first_touch),
        ]
        for breach in breaches
    ]
    count = document.breach_count
    if not count:
        lines = [f"{words.integer(count)} {words('breach_count')}"]
    elif len(breaches) >= count:
        lines = [words("breaches_all", count=words.integer(count))]
    else:
        lines = [
            words(
                "breaches_some",
                count=words.integer(count),
                shown=words.integer(len(breaches)),
                hidden=words.integer(count - len(breaches)),
            ),
            words("breaches_file"),
        ]
    headers = ["lead", "clause", "owner", "source", "handoff", "deadline", "first_touch"]
    tables = (table([words(h) for h in headers], rows, [False] * 7),) if rows else ()
    return Section("breaches", words("breaches"), tuple(lines), tables)


def shown_sources(
    document: ReportDocument, words: Words, shown: int | None
) -> tuple[list[SourceFigures], list[str]]:
    """The sources to show (with spend, then the most leads), and the line on the others."""
    sources, hidden = largest(document.sources, shown, _source_volume)
    count = document.source_count
    if count <= len(sources):
        return sources, []
    rest = document.sources_not_listed
    revenue = sum((source.won_revenue for source in hidden), rest.won_revenue)
    line = words(
        "sources_some",
        shown=words.integer(len(sources)),
        count=words.integer(count),
        hidden=words.integer(count - len(sources)),
        leads=words.integer(sum(source.leads for source in hidden) + rest.leads),
        won=words.integer(sum(source.won_deals for source in hidden) + rest.won_deals),
        revenue=words.money(revenue, document.currency),
    )
    return sources, [line]


def cost_table(sources: list[SourceFigures], words: Words, cur: str) -> Table:
    """Leads, won deals, revenue, spend, costs and ROI of these sources."""
    rows = []
    for source in sources:
        same, cohort = source.same_period, source.cohort
        rows.append(
            [
                source.source,
                words.integer(source.leads),
                words.integer(source.won_deals),
                words.money(source.won_revenue, cur),
                words.money(same.spend, cur),
                words.money(same.cost_per_lead, cur),
                words.money(same.cost_per_customer, cur),
                words.percent(same.roi, 0),
                words.percent(cohort.roi, 0),
            ]
        )
    headers = [
        words("source"), words("leads"), words("won_deals"), words("won_revenue"),
        words("spend"), words("cost_per_lead"), words("cost_per_customer"),
        f"{words('roi')} ({words('same_period')})", f"{words('roi')} ({words('cohort').lower()})",
    ]  # fmt: skip
    return table(headers, rows, [False] + [True] * 8)
