"""Reading records through an adapter, with a report of every row read, kept or set aside.

:func:`read` is the one entry point: it finds the adapter by name, checks its
options, and returns a :class:`Reading` whose ``leads()``, ``deals()`` and
``spend()`` stream records. As they stream, the :class:`ReadReport` counts rows read,
records produced and rows rejected, so that for every input
``rows_read == records + rejected``. In strict mode the first row-level
problem raises :class:`~smarketing.errors.RowError` instead.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import attrs

from smarketing.errors import InvalidOption, RowError
from smarketing.records import Deal, Lead, Spend

if TYPE_CHECKING:
    import pluggy

    from smarketing.actuals import FunnelActuals
    from smarketing.funnel import Funnel
    from smarketing.period import Period
    from smarketing.sla import SLA
    from smarketing.spend import SpendActuals

__all__ = [
    "Adapter",
    "InputReport",
    "Option",
    "ReadReport",
    "Reading",
    "Rejection",
    "SpendReader",
    "option_problem",
    "read",
    "spend_reader",
]

#: Deals held in memory by a reading's pass before the rest are held on disk (about 30 MB).
DEALS_IN_MEMORY = 50_000
#: Rejections an input's report keeps in memory (the first ones; a few hundred KB at most).
#: Every rejection is counted, and passed to ``on_rejection``: to have them all, write them out.
KEEP_REJECTIONS = 1000

_KINDS: dict[str, tuple[type, ...]] = {
    "text": (str,),
    "character": (str,),
    "flag": (bool,),
    "integer": (int,),
    "mapping": (Mapping,),
    "list": (list, tuple),
    "path": (str, os.PathLike),
}
#: What a value of each kind of option is, in the words of a message.
_EXPECTED = {
    "text": "text",
    "character": "one character, not a quote or a line break (',' ';' or a tab)",
    "flag": "true or false",
    "integer": "a whole number",
    "mapping": 'a table of names to texts ({"id": "Lead ID"})',
    "list": 'a list of texts (["won", "closed won"])',
    "path": "a path",
}


@attrs.frozen
class Option:
    """An option an adapter accepts: its name, its kind, its default and a line of help.

    ``kind`` is one of ``text``, ``character`` (one character, not a quote or a
    line break), ``flag``, ``integer`` (a whole number; its range is the
    adapter's to check), ``mapping`` (names to texts), ``list`` (of texts) or
    ``path``; :func:`option_problem` holds a value to it.
    """

    name: str
    kind: str = attrs.field(validator=attrs.validators.in_(tuple(_KINDS)))
    default: Any
    help: str


@runtime_checkable
class Adapter(Protocol):
    """What an adapter is: a name, a description, its options, and two readers.

    ``leads`` and ``deals`` take the source (a path, a URL, a connection, an
    iterable: whatever the adapter documents), the checked options (every
    option present, defaults filled in) and the :class:`InputReport` to
    count into. They yield records one at a time, never holding the whole
    input in memory; they add one to ``report.rows_read`` for each row read,
    and call :meth:`InputReport.reject` for a row that cannot become a
    record. (Records yielded are counted for them.)
    """

    @property
    def name(self) -> str:
        """The adapter's name, unique among installed adapters: ``csv``, ``hubspot`` ..."""

    @property
    def description(self) -> str:
        """One line on what the adapter reads."""

    @property
    def options(self) -> Sequence[Option]:
        """The options the adapter accepts."""

    def leads(self, source: Any, options: Mapping[str, Any], report: InputReport) -> Iterator[Lead]:
        """Stream the leads of ``source``."""

    def deals(self, source: Any, options: Mapping[str, Any], report: InputReport) -> Iterator[Deal]:
        """Stream the deals of ``source``."""


@runtime_checkable
class SpendReader(Protocol):
    """An adapter that can also read spend: an optional third reader, beside leads and deals.

    ``spend`` streams :class:`~smarketing.records.Spend` records of a day or a
    month each, counting rows and setting bad ones aside as ``leads`` does.
    An adapter without it cannot read spend (:func:`spend_reader` says so).
    """

    def spend(
        self, source: Any, options: Mapping[str, Any], report: InputReport
    ) -> Iterator[Spend]:
        """Stream the spend of ``source``."""


def spend_reader(
    adapter: Adapter,
) -> Callable[[Any, Mapping[str, Any], InputReport], Iterator[Spend]]:
    """The adapter's ``spend`` reader; :class:`InvalidOption`, naming the adapter, if none."""
    if not isinstance(adapter, SpendReader):
        raise InvalidOption(
            f"adapter {adapter.name!r} cannot read spend: it has no spend(source, options, "
            "report) reader; read the spend file with an adapter that has one (csv, records, "
            "sql), or give the spend per source in the configuration"
        )
    return adapter.spend


@attrs.frozen
class Rejection:
    """A row set aside: where (input, line, column), why, and the raw value."""

    input: str
    line: int | None
    column: str | None
    reason: str
    value: str | None


@attrs.define
class InputReport:
    """Counts for one input as it is read; see the module's docstring.

    ``rejections`` keeps the first ``keep`` rejections (:data:`KEEP_REJECTIONS`,
    1,000, by default; ``None``: all, which a file of a million bad rows makes
    hundreds of MB); ``rejected`` counts every one, and ``on_rejection`` is
    called with every one (to write them to a file, say), so that none is lost.
    """

    input: str
    kind: str
    strict: bool = False
    keep: int | None = KEEP_REJECTIONS
    on_rejection: Callable[[Rejection], None] | None = None
    rows_read: int = 0
    records: int = 0
    rejected: int = 0
    rejections: list[Rejection] = attrs.field(factory=list)

    def reject(self, line: int | None, column: str | None, reason: str, value: str | None) -> None:
        """Set a row aside (or, in strict mode, raise :class:`RowError`)."""
        if self.strict:
            where = f"{self.input}, line {line}" if line is not None else self.input
            if column is not None:
                where += f", column {column!r}"
            shown = "" if value is None else f" (value {value!r})"
            raise RowError(
                f"{where}: {reason}{shown}; fix the row, or read without strict mode to set "
                "such rows aside and carry on",
                path=self.input,
                line=line,
                column=column,
                value=value,
            )
        self.keep_rejection(Rejection(self.input, line, column, reason, value))

    def keep_rejection(self, rejection: Rejection) -> None:
        """Count a rejection, keep it (up to ``keep``) and pass it to ``on_rejection``."""
        self.rejected += 1
        if self.keep is None or len(self.rejections) < self.keep:
            self.rejections.append(rejection)
        if self.on_rejection is not None:
            self.on_rejection(rejection)

    @property
    def balanced(self) -> bool:
        """Whether every row read became a record or a rejection."""
        return self.rows_read == self.records + self.rejected


@attrs.define
class ReadReport:
    """The reports of a reading's leads, deals and spend inputs."""

    leads: InputReport | None = None
    deals: InputReport | None = None
    spend: InputReport | None = None

    @property
    def inputs(self) -> list[InputReport]:
        """The inputs read so far."""
        return [report for report in (self.leads, self.deals, self.spend) if report is not None]

    @property
    def rows_read(self) -> int:
        """Rows read, all inputs together."""
        return sum(report.rows_read for report in self.inputs)

    @property
    def records(self) -> int:
        """Records produced, all inputs together."""
        return sum(report.records for report in self.inputs)

    @property
    def rejected(self) -> int:
        """Rows set aside, all inputs together."""
        return sum(report.rejected for report in self.inputs)


@attrs.define
class Reading:
    """Records from one adapter; each call of a reader (``leads()`` ...) reads afresh."""

    adapter: Adapter
    leads_source: Any
    deals_source: Any
    options: Mapping[str, Any]
    strict: bool = False
    keep: int | None = KEEP_REJECTIONS
    on_rejection: Callable[[Rejection], None] | None = None
    report: ReadReport = attrs.field(factory=ReadReport)
    spend_source: Any = None

    def leads(self) -> Iterator[Lead]:
        """Stream the leads, counting into ``report.leads``."""
        report = self.start_report("leads")
        return counted(self.adapter.leads(self.leads_source, self.options, report), report)

    def start_report(self, kind: str) -> InputReport:
        """A new report for the ``leads`` (``deals``, ``spend``) input, in :attr:`report`."""
        source = {"leads": self.leads_source, "deals": self.deals_source}.get(
            kind, self.spend_source
        )
        report = InputReport(describe(source), kind, self.strict, self.keep, self.on_rejection)
        setattr(self.report, kind, report)
        return report

    def collect_actuals(
        self,
        *,
        workers: int | None = 1,
        funnel: Funnel | None = None,
        sla: SLA | None = None,
        as_of: date | datetime | None = None,
        zone: tzinfo = UTC,
        segment: str | None = None,
        currency: str | None = None,
        max_listed: int | None = 1000,
        breaches_in: Period | None = None,
        deals_in_memory: int | None = DEALS_IN_MEMORY,
    ) -> FunnelActuals:
        """The actuals of the leads and deals: :func:`~smarketing.collect_actuals` of them.

        With ``workers`` above 1 (``None``: one a core), an adapter that can cut
        its input into parts (``csv``, ``hubspot``) reads them in that many
        processes, with the same result; this needs ``check_duplicates`` off.
        See :mod:`smarketing.parallel`. Past ``deals_in_memory`` deals (50,000
        by default; ``None``: never), the deals are held in a temporary file
        (:mod:`smarketing.spill`): memory stays flat.
        """
        from smarketing.collect import actuals_spec
        from smarketing.parallel import collect_in_parts

        spec = actuals_spec(
            funnel=funnel,
            sla=sla,
            as_of=as_of,
            zone=zone,
            segment=segment,
            currency=currency,
            max_listed=max_listed,
            breaches_in=breaches_in,
        )
        return collect_in_parts(self, spec, workers, deals_in_memory)

    def deals(self) -> Iterator[Deal]:
        """Stream the deals (none without a deals source), counting into ``report.deals``."""
        if self.deals_source is None:
            return iter(())
        report = self.start_report("deals")
        return counted(self.adapter.deals(self.deals_source, self.options, report), report)

    def spend(self) -> Iterator[Spend]:
        """Stream the spend (none without a spend source), counting into ``report.spend``.

        Aggregate it with :meth:`smarketing.spend.SpendActuals.collect`.
        """
        if self.spend_source is None:
            return iter(())
        reader = spend_reader(self.adapter)
        report = self.start_report("spend")
        return counted(reader(self.spend_source, self.options, report), report)

    def collect_spend(self) -> SpendActuals:
        """The spend, read and added up: :meth:`SpendActuals.collect` of :meth:`spend`.

        The result is named as ``report.spend`` names the input once read (a
        database URL without its password); with no spend source, it is empty.
        """
        from smarketing.spend import SpendActuals

        collected = SpendActuals.collect(self.spend())
        report = self.report.spend
        return collected if report is None else attrs.evolve(collected, input=report.input)


def counted(records: Iterator[Any], report: InputReport) -> Iterator[Any]:
    """``records``, each counted into ``report.records`` as it goes by."""
    for record in records:
        report.records += 1
        yield record


def _is_path(source: Any) -> bool:
    return isinstance(source, str) or hasattr(source, "__fspath__")


def describe(source: Any) -> str:
    """How an input is named in reports and messages: its path, or its type."""
    if isinstance(source, str):
        return source
    fspath = getattr(source, "__fspath__", None)
    if fspath is not None:
        return str(fspath())
    return f"<{type(source).__name__}>"


def check_options(adapter: Adapter, given: Mapping[str, Any]) -> dict[str, Any]:
    """The adapter's options with defaults filled in; raise :class:`InvalidOption` on a bad one."""
    known = {option.name: option for option in adapter.options}
    unknown = sorted(set(given) - set(known))
    if unknown:
        near = difflib.get_close_matches(unknown[0], known, n=1)
        raise InvalidOption(
            f"adapter {adapter.name!r} has no option {', '.join(map(repr, unknown))}"
            + (f" (did you mean {near[0]}?)" if near else "")
            + f"; its options are: {', '.join(sorted(known)) or 'none'}"
        )
    checked: dict[str, Any] = {}
    for name, option in known.items():
        value = given.get(name, option.default)
        problem = option_problem(option, value)
        if problem is not None:
            raise InvalidOption(f"option {name!r} of adapter {adapter.name!r} {problem}")
        checked[name] = value
    return checked


def option_problem(option: Option, value: Any) -> str | None:
    """Why ``value`` is not a value of ``option`` (``must be ...``), or ``None`` when it is.

    ``None`` is every option's "not given". A list holds texts, a mapping
    maps names to texts, an integer is an ``int`` (not a flag), a character is one.
    """
    if value is None:
        return None
    kind = option.kind
    expected = f"must be {_EXPECTED[kind]}"
    wrong_type = not isinstance(value, _KINDS[kind]) or (
        kind == "integer" and isinstance(value, bool)
    )
    if wrong_type:
        return f"{expected}, got {type(value).__name__} {value!r}"
    if kind == "character" and (len(value) != 1 or value in '"\r\n'):
        return f"{expected}, got {value!r}"
    if kind == "list":
        for item in value:
            if not isinstance(item, str):
                return f"{expected}, got {type(item).__name__} {item!r} in it"
    if kind == "mapping":
        for key, item in value.items():
            if not isinstance(key, str) or not isinstance(item, str):
                return f"{expected}, got {type(item).__name__} {item!r} for {key!r}"
    return None


def read(
    adapter: str | Adapter,
    leads: Any,
    *,
    deals: Any = None,
    spend: Any = None,
    options: Mapping[str, Any] | None = None,
    strict: bool = False,
    keep_rejections: int | None = KEEP_REJECTIONS,
    on_rejection: Callable[[Rejection], None] | None = None,
    plugin_manager: pluggy.PluginManager | None = None,
) -> Reading:
    """Read ``leads`` (``deals``, ``spend``) with the adapter of that name and these options.

    A ``spend`` source needs an adapter with a ``spend`` reader
    (:class:`SpendReader`); :class:`InvalidOption` says so at once otherwise.

    The reading's report keeps the first ``keep_rejections`` rejections of each
    input (``None``: all) and counts every one; ``on_rejection`` gets every one.

    >>> reading = read("records", [{"id": "L1", "created": "2026-11-02 09:00"}],
    ...                options={"mapping": {"id": "id", "created": "created"}})
    >>> [lead.id for lead in reading.leads()], reading.report.rows_read
    (['L1'], 1)
    """
    if isinstance(adapter, str):
        from smarketing.plugins import get_adapter

        adapter = get_adapter(adapter, plugin_manager)
    if spend is not None:
        spend_reader(adapter)
    checked = check_options(adapter, options or {})
    if "leads_source" in checked and checked["leads_source"] is None and _is_path(leads):
        # An adapter that declares a leads_source option gets the leads source for its deals.
        checked["leads_source"] = leads
    return Reading(
        adapter=adapter,
        leads_source=leads,
        deals_source=deals,
        options=checked,
        strict=strict,
        keep=keep_rejections,
        on_rejection=on_rejection,
        spend_source=spend,
    )
