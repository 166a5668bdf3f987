"""The record builders' names where adapters and tests have always imported them.

The builder is :mod:`~smarketing.adapters._builder`, the cell readers
:mod:`~smarketing.adapters._cells`, the settings
:mod:`~smarketing.adapters._settings` and deal statuses
:mod:`~smarketing.adapters._deal_status`.
"""

from __future__ import annotations

from smarketing.adapters._builder import DEAL_FIELDS, LEAD_FIELDS, RecordBuilder
from smarketing.adapters._cells import READERS, owner_reader, private_id, text_reader
from smarketing.adapters._deal_status import deal_status
from smarketing.adapters._settings import OWNERS, VALUE_OPTIONS, Settings, settings_of
from smarketing.adapters._spend_fields import SPEND_FIELDS

__all__ = [
    "DEAL_FIELDS",
    "LEAD_FIELDS",
    "OWNERS",
    "READERS",
    "SPEND_FIELDS",
    "VALUE_OPTIONS",
    "RecordBuilder",
    "Settings",
    "deal_status",
    "owner_reader",
    "private_id",
    "settings_of",
    "text_reader",
]
