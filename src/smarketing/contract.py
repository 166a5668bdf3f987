"""The adapter contract: what an adapter is, the options it takes, and the report it counts into.

Every adapter imports this module, and only this one of the pipeline's: it
depends on :mod:`smarketing.records` and :mod:`smarketing.errors` alone, so an
adapter does not depend on reading, the pass or the reports.
:class:`Adapter` is what every adapter has; :class:`SpendReader`,
:class:`Partitioned` and :class:`OptionsFromSources` are the optional
capabilities (a spend reader; cutting the leads input into parts read in
parallel; options filled in from the sources a reading is given). An adapter counts each row read
into an :class:`InputReport` and sets bad rows aside as :class:`Rejection`
(see :mod:`smarketing.pipeline.reading`, which reads through adapters).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

import attrs

import smarketing._display as show
from smarketing.errors import InvalidOption, RowError
from smarketing.records import Deal, Lead, Spend

__all__ = [
    "KEEP_REJECTIONS",
    "Adapter",
    "InputReport",
    "MisalignedPart",
    "Option",
    "OptionsFromSources",
    "Partitioned",
    "ReadReport",
    "Rejection",
    "SpendReader",
    "check_options",
    "counted",
    "describe",
    "option_problem",
    "spend_reader",
]

#: Rejections an input's report keeps in memory (the first ones; a few hundred KB at most).
#: Every rejection is counted, and passed to ``on_rejection``: to have them all, write them out.
KEEP_REJECTIONS = 1000
#: The rejections a read report's notebook table shows.
_HTML_REJECTIONS = 10

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

    Attributes:
        name: The option's name.
        kind: Its kind: ``text``, ``character``, ``flag``, ``integer``, ``mapping``, ``list`` or
            ``path``.
        default: Its value when not given.
        help: A line of help.
    """

    #: The option's name.
    name: str
    #: Its kind: ``text``, ``character``, ``flag``, ``integer``, ``mapping``, ``list`` or ``path``.
    kind: str = attrs.field(validator=attrs.validators.in_(tuple(_KINDS)))
    #: Its value when not given.
    default: Any
    #: A line of help.
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


@runtime_checkable
class Partitioned(Protocol):
    """An adapter that can cut its leads input into parts, read in parallel (optional).

    ``parts`` returns up to ``count`` parts of ``source`` (the ``csv`` and
    ``hubspot`` adapters cut a file into byte ranges on row boundaries), each
    a source its ``leads`` reads. Reading a part that does not start and end
    on row boundaries raises :class:`MisalignedPart`; the file is then read
    whole (see :mod:`smarketing.pipeline.parallel`).
    """

    def parts(self, source: Any, options: Mapping[str, Any], count: int) -> list[Any]:
        """``source`` cut into up to ``count`` parts."""


@runtime_checkable
class OptionsFromSources(Protocol):
    """An adapter that fills options in from the sources of a reading (optional).

    :func:`~smarketing.pipeline.reading.read` calls ``options_from_sources``
    with the checked options (every option present, defaults filled in) and
    the reading's leads and deals sources, and reads with the options it
    returns; it must not modify the ones it is given. The ``hubspot`` adapter
    takes its contacts export, to join a deals export that names no contacts.
    """

    def options_from_sources(
        self, options: dict[str, Any], leads: Any, deals: Any
    ) -> dict[str, Any]:
        """The options to read ``leads`` and ``deals`` with."""


class MisalignedPart(Exception):
    """A part did not end on a row boundary: a quote outside a quoted field misled the split.

    Not an error the user sees: the reading in parts catches it and reads the file whole.
    """


@attrs.frozen
class Rejection:
    """A row set aside: where (input, line, column), why, and the raw value.

    Attributes:
        input: The input the row is in.
        line: Its line, when known.
        column: The column at fault, when one is.
        reason: Why the row was set aside.
        value: The raw value at fault, when one is.
    """

    #: The input the row is in.
    input: str
    #: Its line, when known.
    line: int | None
    #: The column at fault, when one is.
    column: str | None
    #: Why the row was set aside.
    reason: str
    #: The raw value at fault, when one is.
    value: str | None


@attrs.define
class InputReport:
    """Counts for one input as it is read; see the module's docstring.

    ``rejections`` keeps the first ``keep`` rejections (:data:`KEEP_REJECTIONS`,
    1,000, by default; ``None``: all, which a file of a million bad rows makes
    hundreds of MB); ``rejected`` counts every one, and ``on_rejection`` is
    called with every one (to write them to a file, say), so that none is lost.

    Attributes:
        input: The input's name: its path, or its type.
        kind: What it holds: ``leads``, ``deals`` or ``spend``.
        strict: Whether a bad row raises rather than being set aside.
        keep: How many rejections are kept in ``rejections``; ``None``: all.
        on_rejection: Called with every rejection, or ``None``.
        rows_read: Rows read so far.
        records: Records produced so far.
        rejected: Rows set aside so far, every one counted.
        rejections: The first ``keep`` rows set aside.
    """

    #: The input's name: its path, or its type.
    input: str
    #: What it holds: ``leads``, ``deals`` or ``spend``.
    kind: str
    #: Whether a bad row raises rather than being set aside.
    strict: bool = False
    #: How many rejections are kept in ``rejections``; ``None``: all.
    keep: int | None = KEEP_REJECTIONS
    #: Called with every rejection, or ``None``.
    on_rejection: Callable[[Rejection], None] | None = None
    #: Rows read so far.
    rows_read: int = 0
    #: Records produced so far.
    records: int = 0
    #: Rows set aside so far, every one counted.
    rejected: int = 0
    #: The first ``keep`` rows set aside.
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

    def __repr__(self) -> str:
        kind = show.text(self.kind, 12, quoted=False)
        return show.capped(
            f"<InputReport {kind} {show.text(self.input, tail=True)}: "
            f"{show.counted(self.rows_read, 'row')} read, {show.counted(self.records, 'record')}, "
            f"{show.count(self.rejected)} rejected ({show.count(len(self.rejections))} kept)"
            + (", strict" if self.strict else "")
            + ">"
        )

    def _repr_row(self) -> list[str]:
        """The input's row of the read report's notebook table."""
        return [
            self.kind,
            self.input,
            show.count(self.rows_read),
            show.count(self.records),
            show.count(self.rejected),
        ]


@attrs.define
class ReadReport:
    """The reports of a reading's leads, deals and spend inputs.

    Attributes:
        leads: The leads input's report, once read.
        deals: The deals input's report, once read.
        spend: The spend input's report, once read.
    """

    #: The leads input's report, once read.
    leads: InputReport | None = None
    #: The deals input's report, once read.
    deals: InputReport | None = None
    #: The spend input's report, once read.
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

    def __repr__(self) -> str:
        inputs = "; ".join(
            f"{report.kind} {show.counted(report.rows_read, 'row')}, "
            f"{show.counted(report.records, 'record')}, {show.count(report.rejected)} rejected"
            for report in self.inputs
        )
        return show.capped(f"<ReadReport {inputs or 'nothing read yet'}>")

    def _repr_html_(self) -> str:
        """A notebook's table of the inputs read, and the first rejections kept."""
        tables = [
            show.html_table(
                "Inputs read",
                ["Input", "File", "Rows read", "Records", "Rejected"],
                [report._repr_row() for report in self.inputs],
            )
        ]
        rejections = [rejection for report in self.inputs for rejection in report.rejections]
        if rejections:
            shown = rejections[:_HTML_REJECTIONS]
            more = len(rejections) - len(shown)
            tables.append(
                show.html_table(
                    "Rows set aside"
                    + (f" (the first {len(shown)}; {more} more kept)" if more else ""),
                    ["Input", "Line", "Column", "Reason", "Value"],
                    [
                        [
                            rejection.input,
                            show.NONE if rejection.line is None else rejection.line,
                            rejection.column or show.NONE,
                            rejection.reason,
                            show.NONE
                            if rejection.value is None
                            else show.text(rejection.value, 80, quoted=False),
                        ]
                        for rejection in shown
                    ],
                )
            )
        return "\n".join(tables)


def counted(records: Iterator[Any], report: InputReport) -> Iterator[Any]:
    """``records``, each counted into ``report.records`` as it goes by."""
    for record in records:
        report.records += 1
        yield record


def describe(source: Any) -> str:
    """How an input is named in reports and messages: its path, or its type."""
    if isinstance(source, str):
        return source
    fspath = getattr(source, "__fspath__", None)
    if fspath is not None:
        return str(fspath())
    return f"<{type(source).__name__}>"


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
