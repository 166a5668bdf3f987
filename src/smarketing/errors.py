"""The exceptions smarketing raises.

Every error is a :class:`SmarketingError`. Each specific error also inherits
the built-in exception it means (``ValueError``, ``TypeError`` ...), so code
that already catches those keeps working. Messages say what was wrong, the
offending value, where it was found, and what to do.
"""

from __future__ import annotations

__all__ = [
    "AdapterError",
    "ConfigError",
    "DuplicateColumns",
    "InconsistentFunnel",
    "InputError",
    "InvalidAmount",
    "InvalidFunnel",
    "InvalidOption",
    "InvalidPeriod",
    "InvalidRate",
    "InvalidRecord",
    "InvalidShare",
    "InvalidValue",
    "InvalidWeights",
    "MissingColumns",
    "MissingDriver",
    "MissingTable",
    "RowError",
    "SmarketingError",
    "UnknownAdapter",
    "UnknownStage",
    "UnreadableInput",
    "WrongType",
]


class SmarketingError(Exception):
    """Base class of every error raised by smarketing."""


class WrongType(SmarketingError, TypeError):
    """A value of the wrong type, e.g. a ``float`` where money (``Decimal``) is expected."""


class InvalidValue(SmarketingError, ValueError):
    """A value of the right type that is out of range or otherwise impossible."""


class InvalidRate(InvalidValue):
    """A rate (close rate, conversion rate) outside (0, 1]."""


class InvalidAmount(InvalidValue):
    """Money or a count that is negative, zero where it must be positive, or not finite."""


class InvalidShare(InvalidValue):
    """A share outside [0, 1], or shares that must add up to 1 and do not."""


class InvalidWeights(InvalidValue):
    """Seasonality or allocation weights that are negative or all zero."""


class InvalidPeriod(InvalidValue):
    """A period that ends before it starts, or text that names no period."""


class InvalidFunnel(InvalidValue):
    """A funnel whose stages, rates or hand-off stage do not fit together."""


class InvalidRecord(InvalidValue):
    """A lead or deal record that cannot be used: no id, a wrong type, a negative amount.

    ``record_id`` and ``field`` say which record and which field, when known.
    """

    def __init__(self, message: str, *, record_id: str | None = None, field: str | None = None):
        super().__init__(message)
        self.record_id = record_id
        self.field = field

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (str(self),), {"record_id": self.record_id, "field": self.field})


class InconsistentFunnel(InvalidFunnel):
    """An objective whose close rate disagrees with the funnel it is given."""


class InvalidOption(InvalidValue):
    """An adapter option that the adapter does not accept, or of the wrong type."""


class InputError(SmarketingError, ValueError):
    """Input data that cannot be read.

    ``path``, ``line``, ``column`` and ``value`` say where and what, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: str | None = None,
        value: str | None = None,
    ):
        super().__init__(message)
        self.path = path
        self.line = line
        self.column = column
        self.value = value

    def __reduce__(self) -> tuple[object, ...]:
        state = {"path": self.path, "line": self.line, "column": self.column, "value": self.value}
        return (type(self), (str(self),), state)


class MissingColumns(InputError):
    """Required columns are not in the file's header; the message lists them all."""


class DuplicateColumns(InputError):
    """A mapped column name stands more than once in an input's header."""


class MissingTable(InputError):
    """The table named is not in the database; the message lists the tables there."""


class MissingDriver(SmarketingError, ImportError):
    """The database driver an adapter needs is not installed; the message says which extra."""


class RowError(InputError):
    """A row that cannot become a record, in strict mode (lenient mode sets it aside)."""


class UnreadableInput(InputError):
    """A file that is empty, has no data rows, is not text, or is not in the expected encoding."""


class UnknownAdapter(SmarketingError, LookupError):
    """No installed adapter has the name asked for."""


class UnknownStage(SmarketingError, KeyError):
    """A stage asked of a plan that its funnel does not have; the message lists its stages.

    A ``KeyError`` too (a lookup by name), but shown as its message, not quoted.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class AdapterError(SmarketingError, TypeError):
    """A plugin registered something that is not a valid adapter, or a name already taken."""


class ConfigError(SmarketingError, ValueError):
    """A configuration file that cannot be used: unreadable TOML, an unknown key, a wrong type.

    ``path``, ``key`` (dotted, as ``objective.close_rate``) and ``line`` say
    where, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        key: str | None = None,
        line: int | None = None,
    ):
        super().__init__(message)
        self.path = path
        self.key = key
        self.line = line

    def __reduce__(self) -> tuple[object, ...]:
        state = {"path": self.path, "key": self.key, "line": self.line}
        return (type(self), (str(self),), state)
