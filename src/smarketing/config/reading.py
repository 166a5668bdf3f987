"""Reading a config file's tables: keys checked, and where a key is.

:class:`Reader` reads one table of the parsed TOML, converting each key by
its kind (``amount``, ``share``, ``date`` ...: :mod:`smarketing.config.values`)
and naming, in an error, the file, the line and the dotted key, with what to
write; :class:`Loader` holds the text and finds lines.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfoNotFoundError

import attrs

from smarketing.config.values import (
    EXPECTED,
    MAX_SALES_CYCLE_MONTHS,
    MAX_WINDOW_DAYS,
    MAX_WINDOW_HOURS,
    convert,
    own_reason,
    shown,
)
from smarketing.errors import ConfigError, SmarketingError
from smarketing.planning.goals import spend_in
from smarketing.planning.objective import Objective
from smarketing.planning.period import Period

__all__ = [
    "MAX_SALES_CYCLE_MONTHS",
    "MAX_WINDOW_DAYS",
    "MAX_WINDOW_HOURS",
    "MISSING",
    "Loader",
    "Reader",
    "month_spend_in_objective",
]

#: A required key's default: there is none.
MISSING = object()
T = TypeVar("T")


class Reader:
    """Reads one table, checking keys and types; remembers what it read.

    ``occurrence`` is which table of an array of tables (``[[sources]]``) it is.
    """

    def __init__(
        self, loader: Loader, data: Mapping[str, Any], path: str, occurrence: int = 0
    ) -> None:
        self.loader = loader
        self.data = data
        self.path = path
        self.occurrence = occurrence
        self.read: set[str] = set()

    def error(self, key: str, message: str) -> ConfigError:
        dotted = f"{self.path}.{key}" if self.path else key
        return self.loader.error(dotted, message, self.occurrence)

    def get(self, key: str, kind: str, default: Any = MISSING) -> Any:
        self.read.add(key)
        if key not in self.data:
            if default is MISSING:
                raise self._missing(key, kind)
            return default
        value = self.data[key]
        try:
            return convert(kind, value)
        except (TypeError, ValueError, ArithmeticError, ZoneInfoNotFoundError) as error:
            # our own reasons only (a limit, a hint), not Python's wording
            reason = own_reason(error)
            raise self.error(
                key,
                f"must be {EXPECTED[kind]}, got {shown(value)}" + (f": {reason}" if reason else ""),
            ) from None

    def _missing(self, key: str, kind: str) -> ConfigError:
        """A required key not given: a near spelling of it, or its absence, at its table."""
        required = f"{self.path}.{key}" if self.path else key
        others = [name for name in self.data if name not in self.read]
        near = difflib.get_close_matches(key, others, n=1, cutoff=0.75)
        if near:
            return self.error(
                near[0],
                f"is not a known key: did you mean {key}? ({required} is required: "
                f"{EXPECTED[kind]})",
            )
        return self.error(key, f"is required ({EXPECTED[kind]})")

    def require(self, *keys: str) -> None:
        """Name every one of ``keys`` that is missing at once (a near spelling of each too)."""
        missing = [key for key in keys if key not in self.data]
        if len(missing) < 2:
            return  # one missing key: get() names it, with a near spelling
        others = [name for name in self.data if name not in keys]
        named = []
        for key in missing:
            near = difflib.get_close_matches(key, others, n=1, cutoff=0.75)
            named.append(f"{key} (is {near[0]} misspelt?)" if near else key)
        raise self.error(missing[0], f"and more are required; missing: {', '.join(named)}")

    def table(self, key: str) -> Reader | None:
        self.read.add(key)
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.error(key, "must be a table")
        return Reader(self.loader, value, f"{self.path}.{key}" if self.path else key)

    def make(self, factory: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """``factory(*args, **kwargs)`` of the keys read, once no other key is in the table.

        A misspelt key is named first (:meth:`done`), before what the keys
        read fail to make; a value the factory refuses is an error at this table.
        """
        self.done()
        try:
            return factory(*args, **kwargs)
        except ConfigError:
            raise
        except SmarketingError as error:
            # keys of the right type and range that do not fit together
            raise self.loader.error(
                self.path, f"cannot be used: {error}", self.occurrence
            ) from None

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.read)
        if unknown:
            near = difflib.get_close_matches(unknown[0], sorted(self.read), n=1)
            raise self.error(
                unknown[0],
                "is not a known key"
                + (f": did you mean {near[0]}? The" if near else "; the")
                + f" keys of [{self.path or 'top level'}] are: "
                + ", ".join(sorted(self.read)),
            )


class Loader:
    """The text of a config file and its path: makes errors that say file, line and key."""

    def __init__(self, text: str, path: str | None) -> None:
        self.text = text
        self.path = path
        self.base = Path(path).parent if path else Path.cwd()

    def error(self, key: str, message: str, occurrence: int = 0) -> ConfigError:
        line = _line_of(self.text, key, occurrence)
        where = self.path or "config"
        if line is not None:
            where += f", line {line}"
        return ConfigError(f"{where}: {key} {message}", path=self.path, key=key, line=line)


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")


def _line_of(text: str, key: str, occurrence: int = 0) -> int | None:
    """The line of ``key`` (dotted) in a TOML text, found by reading its table headers.

    A key in an inline table, or not written, is placed at its table's line
    (``occurrence`` picks the table of an array of tables); a table at its
    header or the key of its inline table.
    """
    *tables, name = key.split(".")
    wanted = ".".join(tables)
    current, seen, header_line = "", -1, None
    pattern = re.compile(rf"^\s*\"?{re.escape(name)}\"?\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            current = header[2].replace('"', "").replace("'", "")
            if current == key and header[1] == "[":
                return number
            if current == wanted:
                seen += 1
                if seen == occurrence:
                    header_line = number
            continue
        if current == wanted and (not tables or seen == occurrence) and pattern.match(line):
            return number
    if header_line is not None:
        return header_line
    # not in a table of its own: its table's line (an inline table, ``speed = {...}``)
    return _line_of(text, wanted, occurrence) if tables else None


def month_spend_in_objective(
    loader: Loader,
    objective: Objective | None,
    by_month: Mapping[str, tuple[int, tuple[tuple[Period, Decimal], ...]]],
) -> Objective | None:
    """Check the ``spend_by_month`` tables against the objective; give its sources their spend.

    A month must meet the objective's period or the months its leads are
    due in; a source with a month table spends, in the objective's period,
    its months' parts there (for the plan's cost and return).
    """
    if objective is None or objective.period is None:
        return objective
    whole = objective.period
    first = whole.shift(-objective.sales_cycle_months).start
    span = Period(min(first, whole.start), whole.end)
    for name, (occurrence, pieces) in by_month.items():
        for month, _ in pieces:
            if span.overlap(month) is None:
                raise loader.error(
                    "sources.spend_by_month",
                    f"gives spend for {month} (source {name!r}), which does not overlap the "
                    f"objective's period {whole} nor the months its leads are due in (from "
                    f"{span.start:%Y-%m}): remove it, or change the objective's period",
                    occurrence,
                )
    spent = {
        figure.source: figure.amount
        for figure in spend_in(whole, {n: p for n, (_, p) in by_month.items()}, "month table")
    }
    sources = tuple(
        attrs.evolve(source, spend=spent[source.name]) if source.name in spent else source
        for source in objective.sources
    )
    return attrs.evolve(objective, sources=sources)
