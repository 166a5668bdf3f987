"""An SLA report's document (:class:`~smarketing.reporting.document.ReportDocument`)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from smarketing.contract import ReadReport
from smarketing.measuring.actuals import Breach, Won
from smarketing.measuring.evaluation import Compliance, OwnerCompliance, SLAReport, SourceResult
from smarketing.measuring.measured import MeasuredBack
from smarketing.measuring.pacing import Pacing
from smarketing.measuring.scoring import Attainment
from smarketing.measuring.sla import SLA
from smarketing.measuring.spend import SpendNote
from smarketing.measuring.trend import TrendPoint
from smarketing.planning.allocation import part_of
from smarketing.planning.objective import Objective
from smarketing.planning.period import Period
from smarketing.reporting.document.build_plan import economics_figures
from smarketing.reporting.document.convert import cents, exact_count, seconds, six_places
from smarketing.reporting.document.report_model import (
    AttainmentFigures,
    BreachEntry,
    ClauseCompliance,
    Clauses,
    DepthTerms,
    DueMonth,
    FindingCounts,
    Goals,
    InputCounts,
    LostReason,
    MeasuredFigures,
    OwnerFigures,
    OwnersNotListed,
    PacingFigures,
    PacingPoint,
    PlannedFigures,
    ReportDocument,
    ResponseTime,
    SourceAttainmentFigures,
    SourceFigures,
    SourcesNotListed,
    SpeedTerms,
    SpendFindingEntry,
    StageFigures,
    TrendFigures,
)
from smarketing.reporting.figures import quotient
from smarketing.reporting.listing import largest

__all__ = ["LISTED", "owner_volume", "report_document", "source_volume"]

#: How many sources and owners a report document lists; the others are counted and summed.
LISTED = 1000


def _pacing(pacing: Pacing | None, is_money: bool) -> PacingFigures | None:
    if pacing is None:
        return None
    amount = cents if is_money else six_places
    return PacingFigures(
        unit=pacing.unit,
        goal=amount(pacing.goal),
        actual=amount(pacing.actual),
        attainment=six_places(pacing.attainment),
        elapsed_days=pacing.elapsed_days,
        length_days=pacing.length_days,
        expected_to_date=amount(pacing.expected_to_date),
        projected_end=amount(pacing.projected_end),
        needed_per_remaining_day=amount(pacing.needed_per_remaining_day),
        status=pacing.status.value,
        points=tuple(
            PacingPoint(
                day=point.day,
                elapsed=point.elapsed,
                ideal=amount(point.ideal),
                actual=amount(point.actual),
            )
            for point in pacing.points
        ),
    )


def _compliance(compliance: Compliance | None) -> ClauseCompliance | None:
    if compliance is None:
        return None
    return ClauseCompliance(
        target=six_places(compliance.target),
        handed_off=compliance.handed_off,
        met=compliance.met,
        breached=compliance.breached,
        pending=compliance.pending,
        share_met=six_places(compliance.share_met),
        status=compliance.status.value,
    )


def _breach(breach: Breach) -> BreachEntry:
    return BreachEntry(
        lead_id=breach.lead_id,
        clause=breach.clause,
        owner=breach.owner,
        source=breach.source,
        handoff=breach.handoff,
        deadline=breach.deadline,
        first_touch=breach.first_touch,
        touches=breach.touches,
    )


def _clauses(sla: SLA | None) -> Clauses:
    speed = depth = None
    if sla is not None and sla.speed is not None:
        speed = SpeedTerms(
            within_hours=six_places(quotient(Decimal(str(sla.speed.within.total_seconds())), 3600)),
            share=six_places(sla.speed.share),
            business_hours=sla.speed.business_hours,
        )
    if sla is not None and sla.depth is not None:
        depth = DepthTerms(
            touches=sla.depth.touches,
            within_days=six_places(quotient(Decimal(str(sla.depth.within.total_seconds())), 86400)),
            share=six_places(sla.depth.share),
        )
    return Clauses(speed=speed, depth=depth)


def source_volume(source: SourceResult) -> tuple[int, ...]:
    """Which sources a bounded list keeps: those with spend, then the most leads, won deals."""
    return (source.spend is not None, source.leads, source.won.deals, source.cohort_leads)


def owner_volume(owner: OwnerCompliance) -> tuple[int, ...]:
    """Which owners a bounded list keeps: the most leads handed off."""
    part = owner.speed or owner.depth
    return (0 if part is None else part.handed_off,)


def _sources_not_listed(others: list[SourceResult]) -> SourcesNotListed:
    won = cohort_won = Won()
    spend: Decimal | None = None
    for source in others:
        won, cohort_won = won + source.won, cohort_won + source.cohort_won
        if source.spend is not None:
            spend = source.spend if spend is None else spend + source.spend
    return SourcesNotListed(
        sources=len(others),
        leads=sum(source.leads for source in others),
        won_deals=won.deals,
        won_revenue=cents(won.revenue),
        cohort_leads=sum(source.cohort_leads for source in others),
        cohort_won_deals=cohort_won.deals,
        cohort_won_revenue=cents(cohort_won.revenue),
        spend=cents(spend),
        lost=sum(count for source in others for _, count in source.lost_reasons),
    )


def _summed(parts: list[Compliance | None]) -> Compliance | None:
    known = [part for part in parts if part is not None]
    if not known:
        return None
    return Compliance(
        known[0].clause,
        known[0].target,
        sum(part.handed_off for part in known),
        sum(part.met for part in known),
        sum(part.breached for part in known),
        sum(part.pending for part in known),
    )


def _planned(objective: Objective | None, period: Period) -> PlannedFigures | None:
    """The plan's four metrics for ``period``; its revenue, that of the plan's months in it.

    A month shared with the period counts pro rata by calendar days
    (:func:`~smarketing.planning.allocation.part_of`); a period outside the objective's has no
    revenue goal. An objective without a period is any period's.
    """
    if objective is None:
        return None
    plan = objective.plan()
    revenue: Decimal | None = objective.revenue_goal
    marketing: Decimal | None = plan.marketing_revenue_goal
    if objective.period is not None and objective.period != period:
        revenue = marketing = None
        for month in plan.by_month():
            if month.period.overlap(period) is None:
                continue
            part = part_of(month.revenue_goal, month.period, period, "money")
            marketing_part = part_of(month.marketing_revenue_goal, month.period, period, "money")
            assert isinstance(part, Decimal)
            assert isinstance(marketing_part, Decimal)
            revenue = part + (revenue or 0)
            marketing = marketing_part + (marketing or 0)
    return PlannedFigures(
        revenue_goal=cents(revenue),
        marketing_revenue_goal=cents(marketing),
        marketing_share=six_places(objective.marketing_share),
        average_sale=cents(objective.average_sale),
        close_rate=six_places(objective.close_rate),
    )


def _measured(back: MeasuredBack, objective: Objective | None) -> MeasuredFigures:
    return MeasuredFigures(
        won_deals=back.won.deals,
        won_revenue=cents(back.won.revenue),
        won_from_leads_deals=back.won_from_leads.deals,
        won_from_leads_revenue=cents(back.won_from_leads.revenue),
        marketing_share=six_places(back.marketing_share),
        average_sale=cents(back.average_sale),
        cohort_leads=back.cohort_leads,
        cohort_customers=back.cohort_customers,
        close_rate=six_places(back.close_rate),
        lost_deals=back.lost_deals,
        win_rate=six_places(back.win_rate),
        pipeline_deals=back.pipeline.deals,
        pipeline_amount=cents(back.pipeline.amount),
        median_sales_cycle_seconds=seconds(back.median_sales_cycle),
        planned=_planned(objective, back.period),
    )


def _trend_point(point: TrendPoint) -> TrendFigures:
    marketing, won = point.marketing, point.won
    return TrendFigures(
        period=point.period.label,
        period_start=point.period.start,
        period_end=point.period.end,
        empty=point.empty,
        goal_leads=None if marketing is None else marketing.goal_leads,
        leads=None if marketing is None else marketing.leads,
        lead_attainment=None if marketing is None else six_places(marketing.lead_attainment),
        goal_value=None if marketing is None else cents(marketing.goal_value),
        value=None if marketing is None else cents(marketing.value),
        value_attainment=None if marketing is None else six_places(marketing.value_attainment),
        handoff_rate=six_places(point.handoff_rate),
        speed_share_met=None if point.speed is None else six_places(point.speed.share_met),
        depth_share_met=None if point.depth is None else six_places(point.depth.share_met),
        won_deals=None if won is None else won.deals,
        won_revenue=None if won is None else cents(won.revenue),
        lost_deals=point.lost_deals,
        win_rate=six_places(point.win_rate),
    )


def _goals(sla: SLA | None) -> Goals | None:
    """How the period's goals were planned: the revenue months its leads serve (added)."""
    goals = sla.goals if sla is not None else None
    if goals is None:
        return None
    return Goals(
        revenue_months=tuple(month.label for month in goals.revenue_months),
        outside_plan=tuple(part.label for part in goals.outside_plan),
        due_before_objective=tuple(
            DueMonth(
                month=month.period.label,
                leads=exact_count(month.leads_needed),
                due=month.leads_due.label,
            )
            for month in goals.due_before_objective
            if month.period.overlap(goals.period) is not None  # the report's own months
        ),
    )


def _attainment(part: Attainment) -> AttainmentFigures:
    return AttainmentFigures(
        goal_leads=part.goal_leads,
        leads=part.leads,
        lead_attainment=six_places(part.lead_attainment),
        goal_value=cents(part.goal_value),
        value=cents(part.value),
        value_attainment=six_places(part.value_attainment),
    )


def _source_attainment(part: Attainment) -> SourceAttainmentFigures:
    assert part.source is not None  # a source's commitment names it
    return SourceAttainmentFigures(
        source=part.source,
        goal_leads=part.goal_leads,
        leads=part.leads,
        lead_attainment=six_places(part.lead_attainment),
        goal_value=cents(part.goal_value),
        value=cents(part.value),
        value_attainment=six_places(part.value_attainment),
    )


def _source(source: SourceResult, sla: SLA | None) -> SourceFigures:
    return SourceFigures(
        source=source.source,
        leads=source.leads,
        won_deals=source.won.deals,
        won_revenue=cents(source.won.revenue),
        cohort_leads=source.cohort_leads,
        cohort_won_deals=source.cohort_won.deals,
        cohort_won_revenue=cents(source.cohort_won.revenue),
        same_period=economics_figures(source.same_period),
        spend_origin=sla.spend_origin_of(source.source) if sla is not None else None,
        cohort=economics_figures(source.cohort),
        lost_reasons=tuple(
            LostReason(reason=reason, count=number) for reason, number in source.lost_reasons
        ),
    )


def _findings(report: SLAReport) -> FindingCounts:
    findings = report.findings
    return FindingCounts(
        counts={kind.value: number for kind, number in sorted(findings.counts.items())},
        ids={kind.value: tuple(ids) for kind, ids in sorted(findings.ids.items())},
        values={kind.value: dict(values) for kind, values in sorted(findings.values.items())},
    )


def report_document(
    report: SLAReport,
    *,
    sla: SLA | None = None,
    reading: ReadReport | None = None,
    listed: int | None = LISTED,
    objective: Objective | None = None,
    spend_notes: Sequence[SpendNote] = (),
) -> ReportDocument:
    """The document of an SLA report, with the SLA's clauses and the input's row counts.

    ``measured`` holds the plan's four metrics measured back, next to the
    ``objective``'s (``planned``) when given; ``trend`` the periods before.

    ``sources`` and ``owners`` list no more than ``listed`` of them (all with
    ``None``): the sources with spend, then those with the most leads; the
    owners with the most leads handed off; each list in name order.
    ``source_count`` and ``owner_count`` count them all, and
    ``sources_not_listed`` and ``owners_not_listed`` sum the others exactly.
    """
    sources, other_sources = largest(report.sources, listed, source_volume)
    owners, other_owners = largest(report.owners, listed, owner_volume)
    inputs: tuple[InputCounts, ...] = ()
    if reading is not None:
        inputs = tuple(
            InputCounts(
                input=Path(part.input).name,
                kind=part.kind,
                rows_read=part.rows_read,
                records=part.records,
                rejected=part.rejected,
            )
            for part in reading.inputs
        )
    return ReportDocument(
        period=report.period.label,
        period_start=report.period.start,
        period_end=report.period.end,
        as_of=report.as_of,
        currency=report.currency,
        commitment_stage=report.commitment_stage,
        clauses=_clauses(sla),
        marketing=_attainment(report.marketing),
        sources_attainment=tuple(_source_attainment(part) for part in report.sources_attainment),
        pacing=_pacing(report.pacing, is_money=False),
        value_pacing=_pacing(report.value_pacing, is_money=True),
        speed=_compliance(report.speed),
        depth=_compliance(report.depth),
        owners=tuple(
            OwnerFigures(
                owner=owner.owner, speed=_compliance(owner.speed), depth=_compliance(owner.depth)
            )
            for owner in owners
        ),
        owner_count=len(report.owners),
        owners_not_listed=OwnersNotListed(
            owners=len(other_owners),
            speed=_compliance(_summed([owner.speed for owner in other_owners])),
            depth=_compliance(_summed([owner.depth for owner in other_owners])),
        ),
        breach_count=report.breach_count,
        breaches=tuple(_breach(breach) for breach in report.breaches),
        sources=tuple(_source(source, sla) for source in sources),
        source_count=len(report.sources),
        sources_not_listed=_sources_not_listed(other_sources),
        stages=tuple(
            StageFigures(
                stage=stage.stage,
                entries=stage.entries,
                cohort=stage.cohort,
                cohort_rate_to_next=six_places(stage.cohort_rate_to_next),
                median_seconds_to_next=seconds(stage.median_to_next),
                p90_seconds_to_next=seconds(stage.p90_to_next),
            )
            for stage in report.stages
        ),
        response_time=ResponseTime(
            median_seconds=seconds(report.median_response),
            p90_seconds=seconds(report.p90_response),
        ),
        findings=_findings(report),
        leads_read=report.leads_read,
        inputs=inputs,
        goals=_goals(sla),
        spend_findings=tuple(
            SpendFindingEntry(finding=str(note.kind), source=note.source, message=note.message)
            for note in spend_notes
        ),
        measured=_measured(report.measured, objective),
        trend=tuple(_trend_point(point) for point in report.trend),
    )
