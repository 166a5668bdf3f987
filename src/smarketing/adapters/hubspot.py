"""The ``hubspot`` adapter: contacts and deals exports as HubSpot writes them.

It recognises columns by their display label ("Create Date") or their
internal property name (``createdate``), in any letter case, so the same code
reads a "selected properties" export, the 182-column "all properties" one
and an API dump. Other columns are ignored; personal columns (names, emails,
phones, addresses) are never read.

- Stage times come from the "Became a ... Date" columns (and
  ``hs_lifecyclestage_<stage>_date``); custom lifecycle stages are kept.
- Original Source, in any year's label or enum value, becomes one of a
  single set of source names; its drill-down is kept as detail.
- Owners are kept by name, "(Deactivated User)" removed.
- Touches: the touch count from "Number of times contacted" (or "Number of
  Sales Activities"); the first touch from the first engagement date, or the
  hand-off plus HubSpot's lead response time, or "Last Contacted" when the
  lead was contacted once.
- The hand-off is "Owner Assigned Date" (option ``handoff_from_owner``).
- A lead status among ``lost_statuses`` marks the lead lost, with that reason.
- Deals: the stage label gives won, lost or open (HubSpot's default stages in
  every language of :mod:`~smarketing.adapters._hubspot_labels`, plus
  ``won_values``, ``lost_values`` and ``open_values``); any other stage is
  unknown, counted as open and reported. Deals join contacts through
  "Associated Contact IDs", or, when the deals export lacks it, through the
  contacts export's "Associated Deal IDs".
- Columns are found by their English label, their internal name, or their
  label in French, German, Spanish, Portuguese, Italian, Dutch or Japanese;
  the ``columns`` and ``deal_columns`` options map any field by hand.
- A contacts export given as deals (or the reverse) is refused.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import timedelta
from decimal import Decimal
from typing import Any

from smarketing.adapters._builder import RecordBuilder
from smarketing.adapters._hubspot_labels import (
    BECAME,
    CONTACT_LABELS,
    DEAL_LABELS,
    LIFECYCLE_LABELS,
    LIFECYCLE_STAGE_COLUMNS,
    SOURCE_LABELS,
)
from smarketing.adapters._settings import settings_of
from smarketing.adapters._table import CsvTable
from smarketing.adapters.csv import FILE_OPTIONS, file_parts, stream_file
from smarketing.contract import Adapter, InputReport, Option
from smarketing.errors import InputError, InvalidOption, InvalidRecord, MissingColumns
from smarketing.hookspecs import hookimpl
from smarketing.parsing import fold
from smarketing.records import Deal, Lead

__all__ = ["CONTACT_COLUMNS", "DEAL_COLUMNS", "SOURCES", "HubSpotAdapter", "register_adapters"]

#: Lead fields (and the adapter's own extra fields) and the English columns that hold them.
_CONTACT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("Record ID", "hs_object_id", "Contact ID", "vid"),
    "created": ("Create Date", "createdate"),
    "source": (
        "Original Source",
        "hs_analytics_source",
        "Original Source Type",
        "Original Traffic Source",
    ),
    "source_detail": (
        "Original Source Drill-Down 1",
        "hs_analytics_source_data_1",
        "Original Traffic Source Drill-Down 1",
    ),
    "owner": ("Contact owner", "hubspot_owner_id", "HubSpot Owner"),
    "handoff": ("Owner Assigned Date", "hubspot_owner_assigneddate"),
    "contacted": ("Number of times contacted", "num_contacted_notes"),
    "activities": ("Number of Sales Activities", "num_notes"),
    "last_contacted": ("Last Contacted", "notes_last_contacted"),
    "first_engagement": ("First Engagement Date", "hs_sa_first_engagement_date"),
    "response_ms": ("Lead response time", "hs_time_to_first_engagement"),
    "lead_status": ("Lead Status", "hs_lead_status"),
}
#: Deal fields and the English columns that hold them.
_DEAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("Record ID", "hs_object_id", "Deal ID"),
    "stage": ("Deal Stage", "dealstage"),
    "closed": ("Close Date", "closedate"),
    "amount": ("Amount", "amount"),
    "currency": ("Currency", "deal_currency_code"),
    "created": ("Create Date", "createdate"),
    "owner": ("Deal owner", "hubspot_owner_id"),
    "lost_reason": ("Closed Lost Reason", "closed_lost_reason"),
    "lead_ids": ("Associated Contact IDs", "Associated Contact", "Associated Contact ID"),
}
#: Lead fields (and the adapter's own extra fields) and the columns that may hold them:
#: English labels, internal names, then labels in other languages.
CONTACT_COLUMNS = {
    field: (*names, *CONTACT_LABELS.get(field, ())) for field, names in _CONTACT_COLUMNS.items()
}
#: Deal fields and the columns that may hold them.
DEAL_COLUMNS = {
    field: (*names, *DEAL_LABELS.get(field, ())) for field, names in _DEAL_COLUMNS.items()
}
_DEAL_IDS_OF_CONTACT = ("Associated Deal IDs", "Associated Deal", "Associated Deal ID")
_DEAL_STAGE_COLUMNS = DEAL_COLUMNS["stage"]
_EXTRA = {
    "contacted": "count",
    "activities": "count",
    "last_contacted": "datetime",
    "first_engagement": "datetime",
    "response_ms": "amount",
    "lead_status": "text",
}
#: The longest lead response time read: ten years (of 366 days) in milliseconds. A
#: longer one is no response time a CRM measured; the row is set aside, with the reason.
RESPONSE_LIMIT_MS = 10 * 366 * 86_400_000

#: Original Source values and labels of every year and language, folded, to one source name.
SOURCES = {
    **SOURCE_LABELS,
    "organic search": "organic search",
    "paid search": "paid search",
    "email marketing": "email marketing",
    "social media": "organic social",
    "organic social": "organic social",
    "referrals": "referrals",
    "other campaigns": "other campaigns",
    "direct traffic": "direct traffic",
    "offline": "offline sources",
    "offline sources": "offline sources",
    "paid social": "paid social",
    "ai referrals": "ai referrals",
}
_STAGE_LABELS = {
    "subscriber": "subscriber",
    "lead": "lead",
    "marketing qualified lead": "marketingqualifiedlead",
    "sales qualified lead": "salesqualifiedlead",
    "opportunity": "opportunity",
    "customer": "customer",
    "evangelist": "evangelist",
    "other lifecycle": "other",
    "other": "other",
    **LIFECYCLE_LABELS,
}
_BECAME = re.compile(r"^became an? (.+?) date$")
_INTERNAL_STAGE = re.compile(r"^hs lifecyclestage (.+) date$")
_ENTERED = re.compile(r"^date entered ['\"]?(.+?)(?: \(lifecycle stage pipeline\))?['\"]?$")
_DEACTIVATED = re.compile(r"\s*\(deactivated user\)\s*$", re.IGNORECASE)


def stage_of(column: str) -> str | None:
    """The lifecycle stage whose entry date a column holds, or ``None``."""
    folded = fold(column)
    for pattern in (_BECAME, _INTERNAL_STAGE, _ENTERED, *BECAME):
        match = pattern.match(folded)
        if match:
            label = match[1]
            return _STAGE_LABELS.get(label, label.replace(" ", ""))
    return None


def _find(header: Sequence[str], names: Sequence[str]) -> str | None:
    wanted = {fold(name) for name in names}
    for column in header:
        if fold(column) in wanted:
            return column
    return None


def contact_mapping(
    header: Sequence[str], by_hand: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The mapping of a contacts export's header: fields, extra fields and stage columns.

    ``by_hand`` (the ``columns`` option) maps fields to columns, over what the labels find.
    """
    mapping = {}
    for field, names in CONTACT_COLUMNS.items():
        column = _find(header, names)
        if column is not None:
            mapping[field] = column
    for column in header:
        stage = stage_of(column)
        if stage is not None:
            mapping.setdefault(f"stages.{stage}", column)
    return {**mapping, **(by_hand or {})}


def deal_mapping(header: Sequence[str], by_hand: Mapping[str, str] | None = None) -> dict[str, str]:
    """The mapping of a deals export's header; ``by_hand`` is the ``deal_columns`` option."""
    mapping = {}
    for field, names in DEAL_COLUMNS.items():
        column = _find(header, names)
        if column is not None:
            mapping[field] = column
    return {**mapping, **(by_hand or {})}


def _by_hand(options: Mapping[str, Any], name: str) -> dict[str, str]:
    """The ``columns`` (or ``deal_columns``) option, checked: field names to column names."""
    given = options.get(name) or {}
    for field, column in given.items():
        if not isinstance(field, str) or not isinstance(column, str) or not column:
            raise InvalidOption(
                f"option {name!r} of adapter 'hubspot' maps a field name to a column name "
                f"(text), e.g. {{'id': 'Mon ID'}}; got {field!r}: {column!r}"
            )
    return dict(given)


def _require(path: str, header: Sequence[str], mapping: Mapping[str, str], kind: str) -> None:
    _check_kind(path, header, kind)
    columns = CONTACT_COLUMNS if kind == "contacts" else DEAL_COLUMNS
    required = ("id", "created") if kind == "contacts" else ("id",)
    missing = [field for field in required if field not in mapping]
    if missing:
        wanted = "; ".join(
            f"{field}: {' or '.join(map(repr, columns[field][:3]))}" for field in missing
        )
        option = "columns" if kind == "contacts" else "deal_columns"
        raise MissingColumns(
            f"{path}: this does not look like a HubSpot {kind} export; it lacks {wanted} "
            f"(or its label in French, German, Spanish, Portuguese, Italian, Dutch or "
            f"Japanese). Its first columns are {', '.join(map(repr, header[:8]))}. "
            f"If the export is in another language, map the column by hand with the "
            f"{option!r} option, e.g. {{{missing[0]!r}: 'the column'}}",
            path=path,
        )


def _is_lifecycle_date(column: str) -> bool:
    """Whether a column is a contact's lifecycle stage date ("Became a Lead Date")."""
    folded = fold(column)
    if _ENTERED.match(folded):  # deals have "Date entered ... (Sales Pipeline)" columns too
        return "(lifecycle stage pipeline)" in folded
    return stage_of(column) is not None


def _check_kind(path: str, header: Sequence[str], kind: str) -> None:
    """Refuse a contacts export given as deals, or a deals export given as leads."""
    lifecycle = _find(header, LIFECYCLE_STAGE_COLUMNS)
    stage_dates = lifecycle or next(filter(_is_lifecycle_date, header), None)
    deal_stage = _find(header, _DEAL_STAGE_COLUMNS)
    if kind == "deals" and stage_dates is not None and deal_stage is None:
        raise InputError(
            f"{path}: this looks like a contacts export: it has Lifecycle Stage "
            f"({stage_dates!r}) and no Deal Stage; pass it as leads, and the deals export "
            "as deals",
            path=path,
        )
    if kind == "contacts" and deal_stage is not None and stage_dates is None:
        raise InputError(
            f"{path}: this looks like a deals export: it has Deal Stage ({deal_stage!r}) "
            "and no Lifecycle Stage; pass it as deals, and the contacts export as leads",
            path=path,
        )


class HubSpotAdapter:
    """Reads HubSpot contacts and deals exports; see the module's docstring."""

    name = "hubspot"
    description = "HubSpot contacts and deals exports (CSV, labels or internal names)"
    options = (
        *FILE_OPTIONS,
        Option("lost_statuses", "list", ("unqualified", "bad timing"),
               "lead statuses that mark a contact lost"),
        Option("handoff_from_owner", "flag", True, "use Owner Assigned Date as the hand-off"),
        Option("leads_source", "path", None, "the contacts export, to join a deals export "
               "without Associated Contact IDs (filled in by read())"),
        Option("columns", "mapping", None, "contact fields mapped by hand to columns, over "
               "the labels found, e.g. {'id': 'Mon ID', 'created': 'Créé le'}"),
        Option("deal_columns", "mapping", None, "deal fields mapped by hand to columns, e.g. "
               "{'stage': 'Étape', 'amount': 'Valeur'}"),
    )  # fmt: skip

    def leads(self, source: Any, options: Mapping[str, Any], report: InputReport) -> Iterator[Lead]:
        """Stream the contacts of a HubSpot contacts export."""
        lost_statuses = {fold(status) for status in options["lost_statuses"]}
        handoff = options["handoff_from_owner"]
        lost_status: dict[str, bool] = {}  # a status column holds a few values: fold each once

        def is_lost(status: str) -> bool:
            answer = lost_status.get(status)
            if answer is None:
                answer = fold(status) in lost_statuses
                if len(lost_status) < 10_000:
                    lost_status[status] = answer
            return answer

        owner_names: dict[str, str | None] = {}  # and an owner column a few names

        def owner_name(owner: str) -> str | None:
            name = owner_names.get(owner, owner)
            if name is owner:
                name = _DEACTIVATED.sub("", owner) or None
                if len(owner_names) < 10_000:
                    owner_names[owner] = name
            return name

        finish = functools.partial(
            _finish_contact, is_lost=is_lost, owner_name=owner_name, handoff=handoff
        )

        def make(table: CsvTable) -> RecordBuilder[Lead]:
            mapping = contact_mapping(table.header, _by_hand(options, "columns"))
            _require(table.path, table.header, mapping, "contacts")
            aliases = {**SOURCES, **(options["source_aliases"] or {})}
            return RecordBuilder(
                Lead,
                mapping,
                settings_of({**options, "source_aliases": aliases}),
                input_name=table.path,
                header=table.header,
                check_duplicates=options["check_duplicates"],
                extra=_EXTRA,
                finish=finish,
            )

        return stream_file(source, options, report, make)

    def parts(self, source: Any, options: Mapping[str, Any], count: int) -> list[Any]:
        """The contacts export cut into up to ``count`` parts, for reading in parallel."""
        return file_parts(source, options, count)

    def options_from_sources(
        self, options: dict[str, Any], leads: Any, deals: Any
    ) -> dict[str, Any]:
        """The options, ``leads_source`` filled in with the contacts export's path if not given.

        A deals export without Associated Contact IDs is joined to its contacts
        through the contacts export's Associated Deal IDs (:func:`_deal_contacts`).
        """
        if options["leads_source"] is None and _is_path(leads):
            return {**options, "leads_source": leads}
        return options

    def deals(self, source: Any, options: Mapping[str, Any], report: InputReport) -> Iterator[Deal]:
        """Stream the deals of a HubSpot deals export."""
        contacts_of: dict[str, list[str]] = {}

        def finish(values: dict[str, Any]) -> None:
            if "lead_ids" not in values and values["id"] in contacts_of:
                values["lead_ids"] = tuple(contacts_of[values["id"]])

        def make(table: CsvTable) -> RecordBuilder[Deal]:
            mapping = deal_mapping(table.header, _by_hand(options, "deal_columns"))
            _require(table.path, table.header, mapping, "deals")
            if "lead_ids" not in mapping and options["leads_source"]:
                contacts_of.update(_deal_contacts(options["leads_source"], options))
            return RecordBuilder(
                Deal,
                mapping,
                settings_of(options),
                input_name=table.path,
                header=table.header,
                check_duplicates=options["check_duplicates"],
                finish=finish,
            )

        return stream_file(source, options, report, make)


def _finish_contact(
    values: dict[str, Any],
    is_lost: Callable[[str], bool],
    owner_name: Callable[[str], str | None],
    handoff: bool,
) -> None:
    owner = values.get("owner")
    if owner:
        values["owner"] = owner_name(owner)
    status = values.pop("lead_status", None)
    if status and is_lost(status):
        values["lost"] = True
        values["lost_reason"] = status
    if not handoff:
        values.pop("handoff", None)
    contacted = values.pop("contacted", None)
    activities = values.pop("activities", None)
    count = contacted if contacted is not None else activities
    if count is not None:
        values["touch_count"] = count
    last_contacted = values.pop("last_contacted", None)
    first_engagement = values.pop("first_engagement", None)
    response_ms = values.pop("response_ms", None)
    response = None if response_ms is None else _response_time(response_ms)
    if first_engagement is not None:
        values["first_touch"] = first_engagement
    elif response is not None and values.get("handoff") is not None:
        values["first_touch"] = values["handoff"] + response
    elif last_contacted is not None and count == 1:
        values["first_touch"] = last_contacted


def _response_time(milliseconds: Decimal) -> timedelta:
    """HubSpot's lead response time; past :data:`RESPONSE_LIMIT_MS`, the row is refused."""
    if not 0 <= milliseconds <= RESPONSE_LIMIT_MS:
        raise InvalidRecord(
            f"response_ms: a lead response time of {milliseconds} ms is not between 0 and "
            f"{RESPONSE_LIMIT_MS:,} ms (ten years)",
            field="response_ms",
        )
    return timedelta(milliseconds=int(milliseconds))


def _is_path(source: Any) -> bool:
    return isinstance(source, str) or hasattr(source, "__fspath__")


def _deal_contacts(contacts: str, options: Mapping[str, Any]) -> dict[str, list[str]]:
    """Deal id to contact ids, from a contacts export's "Associated Deal IDs" column."""
    table = CsvTable(contacts, encoding=options["encoding"], delimiter=options["delimiter"])
    id_column = _by_hand(options, "columns").get("id") or _find(table.header, CONTACT_COLUMNS["id"])
    deals_column = _find(table.header, _DEAL_IDS_OF_CONTACT)
    if id_column not in table.header or deals_column is None:
        return {}
    id_at, deals_at = table.header.index(id_column), table.header.index(deals_column)
    contacts_of: dict[str, list[str]] = {}
    for _, row in table.rows():
        if len(row) != len(table.header):
            continue  # the contacts reading reports ragged rows; the join skips them
        for deal_id in filter(None, (part.strip() for part in re.split(r"[;,]", row[deals_at]))):
            contacts_of.setdefault(deal_id, []).append(row[id_at].strip())
    return contacts_of


@hookimpl
def register_adapters(register: Callable[[Adapter], None]) -> None:
    """Register the ``hubspot`` adapter."""
    register(HubSpotAdapter())
