"""A smarketing adapter that reads leads and deals from JSON Lines files."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from smarketing import Adapter, Deal, InputReport, InvalidRecord, Lead, Option, hookimpl
from smarketing.parsing import parse_amount, parse_datetime


class JsonLinesAdapter:
    """Each line of the file is one JSON object: a lead, or a deal."""

    name = "jsonl"
    description = "JSON Lines files, one lead or deal per line"
    options = (Option("encoding", "text", "utf-8", "the file's encoding"),)

    def leads(self, source: Any, options: Mapping[str, Any], report: InputReport) -> Iterator[Lead]:
        """Stream the leads of a JSON Lines file."""
        for line, item in _objects(source, options, report):
            try:
                yield Lead(
                    str(item["id"]),
                    parse_datetime(item["created"]),
                    source=item.get("source"),
                    owner=item.get("owner"),
                    stages={
                        name: parse_datetime(when) for name, when in item.get("stages", {}).items()
                    },
                )
            except (KeyError, ValueError, InvalidRecord) as error:
                report.reject(line, None, f"not a lead: {error}", json.dumps(item)[:200])

    def deals(self, source: Any, options: Mapping[str, Any], report: InputReport) -> Iterator[Deal]:
        """Stream the deals of a JSON Lines file."""
        for line, item in _objects(source, options, report):
            try:
                yield Deal(
                    str(item["id"]),
                    lead_ids=tuple(item.get("lead_ids", ())),
                    amount=parse_amount(str(item["amount"])) if "amount" in item else None,
                    status=item.get("status", "open"),
                    closed=parse_datetime(item["closed"]) if "closed" in item else None,
                )
            except (KeyError, ValueError, InvalidRecord) as error:
                report.reject(line, None, f"not a deal: {error}", json.dumps(item)[:200])


def _objects(
    source: Any, options: Mapping[str, Any], report: InputReport
) -> Iterator[tuple[int, dict[str, Any]]]:
    with open(source, encoding=options["encoding"]) as handle:
        for line, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            report.rows_read += 1
            try:
                item = json.loads(text)
            except json.JSONDecodeError as error:
                report.reject(line, None, f"not JSON: {error.msg}", text.strip()[:200])
                continue
            if not isinstance(item, dict):
                report.reject(line, None, "not a JSON object", text.strip()[:200])
                continue
            yield line, item


@hookimpl
def register_adapters(register: Callable[[Adapter], None]) -> None:
    """Register the jsonl adapter."""
    register(JsonLinesAdapter())
