"""A deal's status (won, lost, open or unknown) from a status or a stage label."""

from __future__ import annotations

import re

from smarketing.adapters._hubspot_labels import DEAL_STAGE_LABELS, LOST_WORDS, WON_WORDS
from smarketing.adapters._settings import Settings
from smarketing.parsing import fold
from smarketing.records import DealStatus

__all__ = ["deal_status"]

_WORDS = re.compile(r"\w+")


def deal_status(text: str, settings: Settings) -> DealStatus:
    """Won, lost, open or unknown, from a status or a stage label.

    The configured ``won_values``, ``lost_values`` and ``open_values`` first;
    then HubSpot's default pipeline stages, by internal value or label in
    the languages of :mod:`~smarketing.adapters._hubspot_labels`; then a
    label with a word for won ("Closed won", "Fermé gagné") is won, one with
    a word for lost ("Closed: lost", "Cerrado perdido") is lost. Anything
    else is ``UNKNOWN``: counted as open, and reported.
    """
    folded = fold(text)
    if folded in settings.won_values:
        return DealStatus.WON
    if folded in settings.lost_values:
        return DealStatus.LOST
    if folded in settings.open_values:
        return DealStatus.OPEN
    known = DEAL_STAGE_LABELS.get(folded)
    if known is not None:
        return DealStatus(known)
    words = set(_WORDS.findall(folded))
    if words & WON_WORDS:
        return DealStatus.WON
    if words & LOST_WORDS:
        return DealStatus.LOST
    return DealStatus.UNKNOWN
