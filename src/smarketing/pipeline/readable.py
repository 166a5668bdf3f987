"""What the ways of collecting need of a reading: :class:`Readable`.

A :class:`~smarketing.pipeline.reading.Reading` is one; the protocol lets the
collecting (:mod:`smarketing.pipeline.collecting`) and the reading in parts
(:mod:`smarketing.pipeline.parallel`) take a reading without importing the
module that makes it (whose ``Reading.collect_actuals`` calls them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, Protocol, runtime_checkable

from smarketing.contract import Adapter, InputReport, ReadReport, Rejection
from smarketing.records import Deal, Lead

__all__ = ["Readable"]


@runtime_checkable
class Readable(Protocol):
    """A reading of leads and deals through an adapter: a :class:`~smarketing.Reading`."""

    @property
    def adapter(self) -> Adapter:
        """The adapter that reads the inputs."""

    @property
    def leads_source(self) -> Any:
        """The leads input (cut into parts when read in parts)."""

    @property
    def deals_source(self) -> Any:
        """The deals input (``None``: no deals)."""

    @property
    def options(self) -> Mapping[str, Any]:
        """The adapter's checked options."""

    @property
    def strict(self) -> bool:
        """Whether the first bad row stops the reading (then read in one pass)."""

    @property
    def keep(self) -> int | None:
        """Rejections kept per input."""

    @property
    def on_rejection(self) -> Callable[[Rejection], None] | None:
        """Called with every rejection."""

    @property
    def report(self) -> ReadReport:
        """Rows read, kept and set aside, per input, filled as the records stream."""

    def leads(self) -> Iterator[Lead]:
        """The leads, read whole and counted."""

    def deals(self) -> Iterator[Deal]:
        """The deals, read whole and counted."""

    def start_report(self, kind: str) -> InputReport:
        """A new report for the ``leads`` (``deals``) input."""
