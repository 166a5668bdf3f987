"""Reading the values real CRM exports hold: timestamps, amounts, flags and source names.

Each parser takes the raw text of one cell and returns the value, or raises
:class:`~smarketing.errors.InvalidValue` (a ``ValueError``) with a short
reason; the adapters turn that into a row-level rejection (or an error, in
strict mode) that names the file, the line and the column.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from decimal import Decimal

from smarketing._numbers import COUNT_LIMIT, magnitude_problem
from smarketing._timestamps import parse_datetime
from smarketing.errors import InvalidValue

__all__ = [
    "has_email",
    "mask_emails",
    "normalise_source",
    "parse_amount",
    "parse_count",
    "parse_datetime",
    "parse_flag",
    "pseudonym",
]

_SPACES = " \u00a0\u202f\u2009\u2007'"
# currency symbols anywhere; ISO codes (EUR, USD ...) before or after the number
_CURRENCY = re.compile(r"^[A-Z]{3}\s*(?=[-+\u2212\d.,])|(?<=[\d.,])\s*[A-Z]{3}$|[€$£¥₹]")
_TRUE = frozenset({"true", "yes", "y", "1", "x", "oui", "vrai"})
_FALSE = frozenset({"false", "no", "n", "0", "", "non", "faux"})


def _number_pattern(group: str, point: str) -> re.Pattern[str]:
    """A number of one convention: thousands in groups of three by one of ``group``, ``point``."""
    groups = "[" + re.escape(group) + "]"
    return re.compile(
        rf"(?P<sign>[-+\u2212])?"
        rf"(?:(?P<grouped>\d{{1,3}}(?P<by>{groups})\d{{3}}(?:(?P=by)\d{{3}})*)|(?P<plain>\d*))"
        rf"(?:{re.escape(point)}(?P<fraction>\d*))?"
        rf"(?:[eE](?P<exponent>[-+]?\d{{1,9}}))?"
    )


#: The two conventions: a decimal point with thousands by comma, or a decimal
#: comma with thousands by point; spaces (normal, non-breaking, narrow, thin,
#: figure) and the apostrophe group thousands in both.
_POINT = _number_pattern("," + _SPACES, ".")
_COMMA = _number_pattern("." + _SPACES, ",")


def parse_amount(text: str, *, decimal_comma: bool = False) -> Decimal:
    r"""Read money under one separator convention, or raise :class:`InvalidValue` saying why not.

    By default the decimal separator is a point and thousands are grouped by
    commas (``$1,234.50``); with ``decimal_comma``, a comma and points
    (``1.234,50 €``). Spaces (normal, non-breaking, narrow) and apostrophes
    group thousands in both. Currency symbols and three-letter codes are
    dropped. What does not fit the convention is refused, never re-read:
    groups that are not of three digits (``1,5``, ``12,34,567``), the other
    convention's form (``1.234,56`` without ``decimal_comma``), and the one
    form both conventions read differently: a single separator followed by
    exactly three digits after one to three digits (``1.234`` without
    ``decimal_comma``, ``1,234`` with it), which is 1234 in one convention and
    1.234 in the other. Values of :data:`~smarketing._numbers.MONEY_LIMIT` or
    more, or with more than twelve decimal places, are refused before any
    arithmetic.

    >>> parse_amount("$1,234.50")
    Decimal('1234.50')
    >>> parse_amount("1\u202f234,50\u00a0€", decimal_comma=True)
    Decimal('1234.50')
    >>> parse_amount("1.234,56")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    smarketing.errors.InvalidValue: not a number with a decimal point (1,234.50): set ...
    """
    value = _CURRENCY.sub("", text.strip()).strip()
    if not value:
        raise InvalidValue("empty")
    match = (_COMMA if decimal_comma else _POINT).fullmatch(value)
    if match is None or not (match["grouped"] or match["plain"] or match["fraction"]):
        if not any(character.isdigit() for character in value):
            raise InvalidValue("not a number")
        raise InvalidValue(
            "not a number with a decimal comma (1.234,50): unset decimal_comma for 1,234.50"
            if decimal_comma
            else "not a number with a decimal point (1,234.50): set decimal_comma for 1.234,50"
        )
    if match["grouped"] and match["exponent"] is not None:
        raise InvalidValue("not a number: thousands separators and an exponent together")
    whole = match["grouped"] or match["plain"]
    fraction = match["fraction"]
    if (
        match["plain"]
        and len(whole) <= 3
        and not whole.startswith("0")
        and fraction is not None
        and len(fraction) == 3
        and match["exponent"] is None
    ):
        point, thousands = (",", "point") if decimal_comma else (".", "comma")
        raise InvalidValue(
            f"ambiguous: {whole}{point}{fraction} reads as {whole}{fraction} in a file with a "
            f"decimal {thousands}; write {whole}{fraction} or {whole}{point}{fraction}0, or "
            + ("unset" if decimal_comma else "set")
            + " decimal_comma"
        )
    if match["grouped"]:
        whole = re.sub(r"\D", "", whole)
    digits = (whole or "0") + (f".{fraction}" if fraction else "")
    if match["exponent"] is not None:
        digits += f"e{match['exponent']}"
    amount = Decimal(digits)
    if match["sign"] in ("-", "\u2212"):
        amount = amount.copy_negate()
    problem = magnitude_problem(amount)
    if problem:
        raise InvalidValue(problem)
    return amount


def parse_count(text: str, *, decimal_comma: bool = False) -> int:
    """Read a whole count of 0 or more (touches, activities), under the same convention as money.

    >>> parse_count("1,204")
    1204
    """
    value = text.strip()
    if value.isdigit() and len(value) < 10:
        return int(value)
    amount = parse_amount(value, decimal_comma=decimal_comma)
    if amount != amount.to_integral_value() or amount < 0:
        raise InvalidValue("not a whole count of 0 or more")
    if amount >= COUNT_LIMIT:
        raise InvalidValue(f"larger than the limit of {COUNT_LIMIT:,} for a count")
    return int(amount)


def parse_flag(text: str) -> bool:
    """Read yes/no: ``true``, ``yes``, ``1``, ``x`` (and French ``oui``) or their opposites."""
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise InvalidValue("not a yes/no value (true, false, yes, no, 1, 0)")


def normalise_source(text: str, aliases: Mapping[str, str] | None = None) -> str | None:
    """One spelling per source: case, underscores and spacing folded, aliases applied.

    ``aliases`` maps folded spellings to the source name to use. Returns
    ``None`` for a blank.

    >>> normalise_source("  Google_Ads ", {"google ads": "paid search"})
    'paid search'
    """
    folded = " ".join(text.replace("_", " ").split()).lower()
    if not folded:
        return None
    if aliases:
        return aliases.get(folded, folded)
    return folded


#: Something that looks like an email address.
_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[^\s@<>()\[\],;:\"'.]{2,}")


def pseudonym(text: str, prefix: str) -> str:
    """A stable stand-in for ``text``: ``prefix-`` and ten hex digits of its folded SHA-256.

    The same spelling (in any letter case or spacing) always gives the same
    pseudonym, so owners and ids still group and join.

    >>> pseudonym("Ann@Example.com", "owner") == pseudonym(" ann@example.com", "owner")
    True
    """
    return f"{prefix}-{hashlib.sha256(fold(text).encode()).hexdigest()[:10]}"


def has_email(text: str) -> bool:
    """Whether ``text`` holds something that looks like an email address."""
    return "@" in text and _EMAIL.search(text) is not None


def mask_emails(text: str) -> str:
    """``text`` with every email address in it replaced by its pseudonym (``email-…``).

    >>> mask_emails("Referral from ann@example.com")
    'Referral from email-71d4f55f72'
    """
    if "@" not in text:
        return text
    return _EMAIL.sub(lambda found: pseudonym(found[0], "email"), text)


def fold(text: str) -> str:
    """Fold a spelling for comparison: lower case, underscores as spaces, spacing collapsed."""
    return " ".join(text.replace("_", " ").split()).lower()
