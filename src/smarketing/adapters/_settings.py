"""The reading options of the adapters built on record builders, and their settings.

:class:`Settings` holds what the cell readers need (date order, decimal comma,
source aliases, the status values, how owners are shown, the spend
currency); :func:`settings_of` makes it from an adapter's checked options,
:data:`VALUE_OPTIONS` declares those options.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from smarketing.adapters._spend_fields import check_currency
from smarketing.contract import Option
from smarketing.errors import InvalidOption
from smarketing.parsing import fold
from smarketing.records import DealStatus

__all__ = ["OWNERS", "VALUE_OPTIONS", "Settings", "settings_of"]


class Settings:
    """The reading options the field parsers need."""

    __slots__ = (
        "aliases",
        "day_first",
        "deal_status",
        "decimal_comma",
        "lost_values",
        "open_values",
        "owners",
        "spend_currency",
        "won_values",
    )

    def __init__(
        self,
        *,
        day_first: bool = False,
        decimal_comma: bool = False,
        aliases: Mapping[str, str] | None = None,
        won_values: Iterable[str] = (),
        lost_values: Iterable[str] = (),
        open_values: Iterable[str] = (),
        deal_status: str | None = None,
        owners: str = "name",
        spend_currency: str | None = None,
    ) -> None:
        if owners not in OWNERS:
            raise InvalidOption(
                f"owners must be one of {', '.join(OWNERS)}, got {owners!r}: "
                "name shows owners as written (an email as a pseudonym), id keeps only ids, "
                "hash shows every owner as a pseudonym"
            )
        self.owners = owners
        self.spend_currency = check_currency(spend_currency)
        if deal_status is not None and deal_status not in ("won", "lost", "open"):
            raise InvalidOption(f"deal_status must be won, lost or open, got {deal_status!r}")
        self.deal_status = None if deal_status is None else DealStatus(deal_status)
        self.day_first = day_first
        self.decimal_comma = decimal_comma
        self.aliases = {fold(name): target for name, target in (aliases or {}).items()}
        self.won_values = frozenset(fold(value) for value in won_values)
        self.lost_values = frozenset(fold(value) for value in lost_values)
        self.open_values = frozenset(fold(value) for value in open_values)


#: The options of every adapter built on these fields, for reading values.
VALUE_OPTIONS = (
    Option("day_first", "flag", False, "read 03/11/2026 as 3 November (D/M/YYYY)"),
    Option("decimal_comma", "flag", False, "amounts use a decimal comma (1 234,50)"),
    Option("source_aliases", "mapping", None, "other spellings of a source and the name to "
           "use, e.g. {'adwords': 'paid search'}"),
    Option("won_values", "list", (), "deal status or stage values that mean won"),
    Option("lost_values", "list", (), "deal status or stage values that mean lost"),
    Option("open_values", "list", (), "deal stage values that mean open, besides HubSpot's "
           "default stages (any other is reported as unknown_deal_stage)"),
    Option("check_duplicates", "flag", True, "set aside a row whose id was seen before "
           "(holds the ids read in memory)"),
    Option("deal_status", "text", None, "the status of every deal of a file that has no "
           "status or stage column: won, lost or open (a file of closed-won deals, say)"),
    Option("owners", "text", "name", "how owners are shown: name (as written; an email "
           "becomes a pseudonym), id (ids kept, anything else a pseudonym) or hash (all "
           "pseudonyms)"),
)  # fmt: skip
#: The ways owners may be shown (the ``owners`` option).
OWNERS = ("name", "id", "hash")


def settings_of(options: Mapping[str, Any]) -> Settings:
    """The field parsers' settings from checked adapter options (missing ones default)."""
    return Settings(
        day_first=options.get("day_first", False),
        decimal_comma=options.get("decimal_comma", False),
        aliases=options.get("source_aliases"),
        won_values=options.get("won_values") or (),
        lost_values=options.get("lost_values") or (),
        open_values=options.get("open_values") or (),
        deal_status=options.get("deal_status"),
        owners=options.get("owners") or "name",
        spend_currency=options.get("spend_currency"),
    )
