"""The SLA report document, typed: one frozen class a section, read by attribute.

Figures are rounded as the JSON contract says (money to cents, rates to six
decimals, durations in whole seconds); :meth:`ReportDocument.to_dict` writes
the contract itself (docs/json-schema.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

import attrs

from smarketing.reporting.document.convert import about, documented, to_json
from smarketing.reporting.document.tables import Tabular

__all__ = [
    "SCHEMA_VERSION",
    "AttainmentFigures",
    "BreachEntry",
    "ClauseCompliance",
    "Clauses",
    "DepthTerms",
    "DueMonth",
    "EconomicsFigures",
    "FindingCounts",
    "Goals",
    "InputCounts",
    "LostReason",
    "MeasuredFigures",
    "OwnerFigures",
    "OwnersNotListed",
    "PacingFigures",
    "PacingPoint",
    "PlannedFigures",
    "ReportDocument",
    "ResponseTime",
    "SourceAttainmentFigures",
    "SourceFigures",
    "SourcesNotListed",
    "SpeedTerms",
    "SpendFindingEntry",
    "StageFigures",
    "TrendFigures",
]

#: The version of the JSON contract (``schema`` in every document).
SCHEMA_VERSION = 1


@documented
@attrs.frozen(kw_only=True)
class SpeedTerms:
    """The speed clause of the SLA: a share of leads touched within some hours."""

    within_hours: Decimal = attrs.field(metadata=about("the hours a lead has to be touched in"))
    share: Decimal = attrs.field(metadata=about("the share of leads that must be (rate)"))
    business_hours: bool = attrs.field(metadata=about("whether the hours are business hours"))


@documented
@attrs.frozen(kw_only=True)
class DepthTerms:
    """The depth clause of the SLA: a share of leads touched some times within some days."""

    touches: int = attrs.field(metadata=about("the touches a lead must get"))
    within_days: Decimal = attrs.field(metadata=about("the days they must come in"))
    share: Decimal = attrs.field(metadata=about("the share of leads that must get them (rate)"))


@documented
@attrs.frozen(kw_only=True)
class Clauses:
    """The SLA's sales clauses; a clause the SLA does not have is absent from the JSON."""

    speed: SpeedTerms | None = attrs.field(metadata=about("the speed clause", omit_none=True))
    depth: DepthTerms | None = attrs.field(metadata=about("the depth clause", omit_none=True))


@documented
@attrs.frozen(kw_only=True)
class AttainmentFigures:
    """Marketing's commitment for the period: leads and lead value against their goals."""

    goal_leads: int | None = attrs.field(metadata=about("the leads committed (None: no lead goal)"))
    leads: int = attrs.field(metadata=about("the leads that reached the commitment stage"))
    lead_attainment: Decimal | None = attrs.field(metadata=about("leads / goal_leads (rate)"))
    goal_value: Decimal | None = attrs.field(metadata=about("the lead value committed (money)"))
    value: Decimal | None = attrs.field(metadata=about("the lead value delivered (money)"))
    value_attainment: Decimal | None = attrs.field(metadata=about("value / goal_value (rate)"))


@documented
@attrs.frozen(kw_only=True)
class SourceAttainmentFigures:
    """One source's commitment: the same figures as :class:`AttainmentFigures`, with the source."""

    source: str = attrs.field(metadata=about("the source's name"))
    goal_leads: int | None = attrs.field(metadata=about("the leads committed (None: no lead goal)"))
    leads: int = attrs.field(metadata=about("the leads that reached the commitment stage"))
    lead_attainment: Decimal | None = attrs.field(metadata=about("leads / goal_leads (rate)"))
    goal_value: Decimal | None = attrs.field(metadata=about("the lead value committed (money)"))
    value: Decimal | None = attrs.field(metadata=about("the lead value delivered (money)"))
    value_attainment: Decimal | None = attrs.field(metadata=about("value / goal_value (rate)"))


@documented
@attrs.frozen(kw_only=True)
class PacingPoint:
    """One day of a pacing chart: the ideal cumulative figure and the actual one."""

    day: date = attrs.field(metadata=about("the day"))
    elapsed: int = attrs.field(metadata=about("the days elapsed at its end"))
    ideal: Decimal = attrs.field(metadata=about("the ideal cumulative figure"))
    actual: Decimal | None = attrs.field(metadata=about("the actual one (None after as_of)"))


@documented
@attrs.frozen(kw_only=True)
class PacingFigures:
    """How the period is pacing against a goal; amounts are money for lead value, rates else."""

    unit: str = attrs.field(metadata=about("what is counted (leads, lead value)"))
    goal: Decimal = attrs.field(metadata=about("the period's goal"))
    actual: Decimal = attrs.field(metadata=about("the actual figure to as_of"))
    attainment: Decimal | None = attrs.field(metadata=about("actual / goal (rate)"))
    elapsed_days: int = attrs.field(metadata=about("the days of the period elapsed"))
    length_days: int = attrs.field(metadata=about("the days of the period"))
    expected_to_date: Decimal = attrs.field(metadata=about("the goal's share to date"))
    projected_end: Decimal | None = attrs.field(metadata=about("the figure projected at the end"))
    needed_per_remaining_day: Decimal | None = attrs.field(
        metadata=about("what each day left needs")
    )
    status: str = attrs.field(
        metadata=about(
            "not_started, ahead, on_track, behind, met, met_ahead or missed",
        )
    )
    points: tuple[PacingPoint, ...] = attrs.field(metadata=about("the chart, day by day"))


@documented
@attrs.frozen(kw_only=True)
class ClauseCompliance:
    """How a sales clause was kept: leads handed off, met, breached, still pending."""

    target: Decimal = attrs.field(metadata=about("the share of leads that must meet it (rate)"))
    handed_off: int = attrs.field(metadata=about("the leads handed off"))
    met: int = attrs.field(metadata=about("the leads that met the clause"))
    breached: int = attrs.field(metadata=about("the leads that breached it"))
    pending: int = attrs.field(metadata=about("the leads still within their window"))
    share_met: Decimal | None = attrs.field(metadata=about("met / (met + breached) (rate)"))
    status: str = attrs.field(metadata=about("met, breached or no_data"))


@documented
@attrs.frozen(kw_only=True)
class OwnerFigures:
    """One owner's follow-up: each clause as kept by their leads."""

    owner: str = attrs.field(metadata=about("the owner's name"))
    speed: ClauseCompliance | None = attrs.field(metadata=about("the speed clause (None: none)"))
    depth: ClauseCompliance | None = attrs.field(metadata=about("the depth clause (None: none)"))


@documented
@attrs.frozen(kw_only=True)
class OwnersNotListed:
    """The owners a bounded document does not list: how many, and their clauses summed."""

    owners: int = attrs.field(metadata=about("how many owners are not listed"))
    speed: ClauseCompliance | None = attrs.field(metadata=about("their speed clause summed"))
    depth: ClauseCompliance | None = attrs.field(metadata=about("their depth clause summed"))


@documented
@attrs.frozen(kw_only=True)
class BreachEntry:
    """A lead that breached a sales clause (the "do not be on it" list)."""

    lead_id: str = attrs.field(metadata=about("the lead's id"))
    clause: str = attrs.field(metadata=about("the clause breached: speed or depth"))
    owner: str = attrs.field(metadata=about("the lead's owner"))
    source: str = attrs.field(metadata=about("the lead's source"))
    handoff: datetime = attrs.field(metadata=about("when it was handed off"))
    deadline: datetime = attrs.field(metadata=about("when the clause's window closed"))
    first_touch: datetime | None = attrs.field(metadata=about("its first touch (None: none)"))
    touches: int | None = attrs.field(metadata=about("its touches (None: unknown)"))


@documented
@attrs.frozen(kw_only=True)
class EconomicsFigures:
    """Spend against return: costs a lead and a customer, net value, return on investment."""

    spend: Decimal | None = attrs.field(metadata=about("the spend (money; None: none)"))
    cost_per_lead: Decimal | None = attrs.field(metadata=about("spend / leads (money)"))
    cost_per_customer: Decimal | None = attrs.field(metadata=about("spend / customers (money)"))
    net_value_per_lead: Decimal | None = attrs.field(metadata=about("value a lead net of cost"))
    roi: Decimal | None = attrs.field(metadata=about("(revenue - spend) / spend (rate)"))


@documented
@attrs.frozen(kw_only=True)
class LostReason:
    """Why deals and leads of a source were lost, and how many."""

    reason: str = attrs.field(metadata=about("the reason, as the CRM gives it"))
    count: int = attrs.field(metadata=about("the deals and leads lost for it"))


@documented
@attrs.frozen(kw_only=True)
class SourceFigures:
    """One source: leads, won deals, revenue, cost and return, lost reasons."""

    source: str = attrs.field(metadata=about('the source\'s name ("(no source)" for blanks)'))
    leads: int = attrs.field(metadata=about("the leads of the period"))
    won_deals: int = attrs.field(metadata=about("the deals won in the period"))
    won_revenue: Decimal = attrs.field(metadata=about("their revenue (money)"))
    cohort_leads: int = attrs.field(metadata=about("the leads created in the period"))
    cohort_won_deals: int = attrs.field(metadata=about("the deals those leads won"))
    cohort_won_revenue: Decimal = attrs.field(metadata=about("their revenue (money)"))
    same_period: EconomicsFigures = attrs.field(
        metadata=about("spend against the period's revenue")
    )
    spend_origin: str | None = attrs.field(metadata=about("where the spend figure came from"))
    cohort: EconomicsFigures = attrs.field(metadata=about("spend against the cohort's revenue"))
    lost_reasons: tuple[LostReason, ...] = attrs.field(metadata=about("the reasons of losses"))


@documented
@attrs.frozen(kw_only=True)
class SourcesNotListed:
    """The sources a bounded document does not list: how many, and their figures summed."""

    sources: int = attrs.field(metadata=about("how many sources are not listed"))
    leads: int = attrs.field(metadata=about("their leads"))
    won_deals: int = attrs.field(metadata=about("their won deals"))
    won_revenue: Decimal = attrs.field(metadata=about("their won revenue (money)"))
    cohort_leads: int = attrs.field(metadata=about("their cohort's leads"))
    cohort_won_deals: int = attrs.field(metadata=about("their cohort's won deals"))
    cohort_won_revenue: Decimal = attrs.field(metadata=about("their cohort's won revenue (money)"))
    spend: Decimal | None = attrs.field(metadata=about("their spend (None: none has spend)"))
    lost: int = attrs.field(metadata=about("their lost deals and leads"))


@documented
@attrs.frozen(kw_only=True)
class StageFigures:
    """One funnel stage: entries in the period, the cohort's conversion and times."""

    stage: str = attrs.field(metadata=about("the stage's name"))
    entries: int = attrs.field(metadata=about("the leads that entered it in the period"))
    cohort: int = attrs.field(metadata=about("the period's cohort that reached it"))
    cohort_rate_to_next: Decimal | None = attrs.field(
        metadata=about("the cohort's rate to the next")
    )
    median_seconds_to_next: int | None = attrs.field(metadata=about("median time to the next (s)"))
    p90_seconds_to_next: int | None = attrs.field(metadata=about("90th percentile of it (s)"))


@documented
@attrs.frozen(kw_only=True)
class ResponseTime:
    """Hand-off to first touch, in seconds."""

    median_seconds: int | None = attrs.field(metadata=about("the median (None: no touch)"))
    p90_seconds: int | None = attrs.field(metadata=about("the 90th percentile"))


@documented
@attrs.frozen(kw_only=True)
class FindingCounts:
    """Data quality: what was found in the input, by kind (the finding's code)."""

    counts: Mapping[str, int] = attrs.field(metadata=about("how many of each kind"))
    ids: Mapping[str, tuple[str, ...]] = attrs.field(
        metadata=about("the ids of each kind (bounded)")
    )
    values: Mapping[str, Mapping[str, int]] = attrs.field(
        metadata=about("for a finding about values: each value and its count")
    )


@documented
@attrs.frozen(kw_only=True)
class InputCounts:
    """One input file: rows read, records made, rows rejected."""

    input: str = attrs.field(metadata=about("the file's name"))
    kind: str = attrs.field(metadata=about("what it holds (leads, deals, spend ...)"))
    rows_read: int = attrs.field(metadata=about("the rows read"))
    records: int = attrs.field(metadata=about("the records made"))
    rejected: int = attrs.field(metadata=about("the rows rejected (reported, kept)"))


@documented
@attrs.frozen(kw_only=True)
class DueMonth:
    """A month of the objective whose leads were due before the objective began."""

    month: str = attrs.field(metadata=about("the month (2026-11)"))
    leads: int | Decimal = attrs.field(metadata=about("its leads needed (a count)"))
    due: str = attrs.field(metadata=about("when they were due"))


@documented
@attrs.frozen(kw_only=True)
class Goals:
    """How a planned period's goals were made from the objective's months."""

    revenue_months: tuple[str, ...] = attrs.field(metadata=about("the revenue months served"))
    outside_plan: tuple[str, ...] = attrs.field(metadata=about("parts serving revenue after it"))
    due_before_objective: tuple[DueMonth, ...] = attrs.field(
        metadata=about("the months whose leads were due before the objective")
    )


@documented
@attrs.frozen(kw_only=True)
class SpendFindingEntry:
    """A problem with the spend input."""

    finding: str = attrs.field(metadata=about("spend_unknown_source or spend_outside_period"))
    source: str | None = attrs.field(metadata=about("the source it is about"))
    message: str = attrs.field(metadata=about("what it means, in English"))


@documented
@attrs.frozen(kw_only=True)
class PlannedFigures:
    """The plan's four metrics for the report's period, from the config's objective."""

    revenue_goal: Decimal | None = attrs.field(metadata=about("revenue goal (money)"))
    marketing_revenue_goal: Decimal | None = attrs.field(metadata=about("marketing's part (money)"))
    marketing_share: Decimal | None = attrs.field(metadata=about("marketing's share (rate)"))
    average_sale: Decimal | None = attrs.field(metadata=about("the average sale (money)"))
    close_rate: Decimal | None = attrs.field(metadata=about("the close rate (rate)"))


@documented
@attrs.frozen(kw_only=True)
class MeasuredFigures:
    """The plan's four metrics measured back, the win rate, pipeline and sales cycle."""

    won_deals: int = attrs.field(metadata=about("deals won in the period"))
    won_revenue: Decimal = attrs.field(metadata=about("their revenue (money)"))
    won_from_leads_deals: int = attrs.field(metadata=about("those linked to a lead read"))
    won_from_leads_revenue: Decimal = attrs.field(metadata=about("their revenue (money)"))
    marketing_share: Decimal | None = attrs.field(metadata=about("marketing's won revenue / all"))
    average_sale: Decimal | None = attrs.field(metadata=about("won revenue / won deals (money)"))
    cohort_leads: int = attrs.field(metadata=about("the leads created in the period"))
    cohort_customers: int = attrs.field(metadata=about("those that became customers"))
    close_rate: Decimal | None = attrs.field(metadata=about("cohort customers / leads (rate)"))
    lost_deals: int = attrs.field(metadata=about("deals lost in the period"))
    win_rate: Decimal | None = attrs.field(metadata=about("won / (won + lost) (rate)"))
    pipeline_deals: int = attrs.field(metadata=about("deals open at as_of"))
    pipeline_amount: Decimal = attrs.field(metadata=about("their amount (money)"))
    median_sales_cycle_seconds: int | None = attrs.field(
        metadata=about("median time from lead created to deal won (s)")
    )
    planned: PlannedFigures | None = attrs.field(metadata=about("the objective's figures, or None"))


@documented
@attrs.frozen(kw_only=True)
class TrendFigures:
    """A period before the report's; every figure None when it is empty."""

    period: str = attrs.field(metadata=about("the period's label"))
    period_start: date = attrs.field(metadata=about("its first day"))
    period_end: date = attrs.field(metadata=about("its last day"))
    empty: bool = attrs.field(metadata=about("it ends before the first day with data"))
    goal_leads: int | None = attrs.field(metadata=about("its lead goal (None: no goal)"))
    leads: int | None = attrs.field(metadata=about("its leads"))
    lead_attainment: Decimal | None = attrs.field(metadata=about("leads / goal (rate)"))
    goal_value: Decimal | None = attrs.field(metadata=about("its lead value goal (money)"))
    value: Decimal | None = attrs.field(metadata=about("its lead value (money)"))
    value_attainment: Decimal | None = attrs.field(metadata=about("value / goal (rate)"))
    handoff_rate: Decimal | None = attrs.field(metadata=about("cohort rate from the hand-off on"))
    speed_share_met: Decimal | None = attrs.field(metadata=about("speed clause met (rate)"))
    depth_share_met: Decimal | None = attrs.field(metadata=about("depth clause met (rate)"))
    won_deals: int | None = attrs.field(metadata=about("deals won"))
    won_revenue: Decimal | None = attrs.field(metadata=about("their revenue (money)"))
    lost_deals: int | None = attrs.field(metadata=about("deals lost"))
    win_rate: Decimal | None = attrs.field(metadata=about("won / (won + lost) (rate)"))


@documented
@attrs.frozen(kw_only=True)
class ReportDocument(Tabular):
    """The document of an SLA report: what every format renders (see :func:`report_document`).

    Read it by attribute; :meth:`to_dict` gives the JSON contract
    (docs/json-schema.md), decimals as strings and dates in ISO 8601.
    """

    kind: Literal["sla_report"] = attrs.field(
        default="sla_report", init=False, metadata=about('"sla_report"')
    )
    schema: int = attrs.field(
        default=SCHEMA_VERSION, init=False, metadata=about("the contract's version")
    )
    period: str = attrs.field(metadata=about("the period's label (2026-11, 2026-Q4 ...)"))
    period_start: date = attrs.field(metadata=about("its first day"))
    period_end: date = attrs.field(metadata=about("its last day"))
    as_of: date = attrs.field(metadata=about("the day the report is as of"))
    currency: str = attrs.field(metadata=about("the currency of every money figure"))
    commitment_stage: str = attrs.field(metadata=about("the stage marketing commits to"))
    clauses: Clauses = attrs.field(metadata=about("the SLA's sales clauses"))
    marketing: AttainmentFigures = attrs.field(metadata=about("marketing's commitment"))
    sources_attainment: tuple[SourceAttainmentFigures, ...] = attrs.field(
        metadata=about("the commitments by source")
    )
    pacing: PacingFigures | None = attrs.field(metadata=about("pacing of the leads"))
    value_pacing: PacingFigures | None = attrs.field(metadata=about("pacing of the lead value"))
    speed: ClauseCompliance | None = attrs.field(metadata=about("the speed clause, as kept"))
    depth: ClauseCompliance | None = attrs.field(metadata=about("the depth clause, as kept"))
    owners: tuple[OwnerFigures, ...] = attrs.field(metadata=about("the owners listed"))
    owner_count: int = attrs.field(metadata=about("every owner with leads handed off"))
    owners_not_listed: OwnersNotListed = attrs.field(metadata=about("the others, summed"))
    breach_count: int = attrs.field(metadata=about("the breaches, exactly"))
    breaches: tuple[BreachEntry, ...] = attrs.field(metadata=about("the earliest ones (bounded)"))
    sources: tuple[SourceFigures, ...] = attrs.field(metadata=about("the sources listed"))
    source_count: int = attrs.field(metadata=about("every source of the period"))
    sources_not_listed: SourcesNotListed = attrs.field(metadata=about("the others, summed"))
    stages: tuple[StageFigures, ...] = attrs.field(metadata=about("the funnel, stage by stage"))
    response_time: ResponseTime = attrs.field(metadata=about("hand-off to first touch"))
    findings: FindingCounts = attrs.field(metadata=about("data quality"))
    leads_read: int = attrs.field(metadata=about("the leads counted (up to as_of)"))
    inputs: tuple[InputCounts, ...] = attrs.field(metadata=about("each input file's counts"))
    goals: Goals | None = attrs.field(metadata=about("how a planned period's goals were made"))
    spend_findings: tuple[SpendFindingEntry, ...] = attrs.field(metadata=about("spend problems"))
    measured: MeasuredFigures = attrs.field(metadata=about("the plan's metrics measured back"))
    trend: tuple[TrendFigures, ...] = attrs.field(
        metadata=about("the periods before, oldest first")
    )

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: JSON-safe values, the contract's keys in its order.

        Decimals are strings, dates ISO 8601 (see :func:`~smarketing.reporting.document.to_json`).
        """
        out = to_json(self)
        assert isinstance(out, dict)
        return out
