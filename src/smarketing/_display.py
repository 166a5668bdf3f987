"""Short, readable figures for the reprs and notebook tables of the result classes.

A result's ``repr`` is read by a person at a prompt or in a notebook: money
with its currency and cents, rates as percents, counts with thousands
separators, text cut short. Every figure is rounded half up (away from zero
on a tie, as the reports round) in a context of its own, sized to the
figure, so neither the caller's decimal context nor a huge total changes or
refuses it. Nothing here is used by a report's output, only by reprs.

>>> money(Decimal("78363.125"), "EUR")
'EUR 78,363.13'
>>> percent(Decimal("0.618025751072961373390557939914163090128755364806866952789700"))
'61.8%'
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from datetime import timedelta
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from fractions import Fraction

__all__ = [
    "NONE",
    "capped",
    "count",
    "counted",
    "duration",
    "half_up",
    "html_table",
    "money",
    "number",
    "percent",
    "text",
]

#: What a figure that is not there (``None``) shows: an en dash, as in the reports.
NONE = "\u2013"
#: The characters a piece of text (a source name, a path) keeps in a repr.
TEXT_LIMIT = 40
#: The longest repr of a result: one or two lines.
REPR_LIMIT = 299


def half_up(value: Decimal | int, places: int) -> Decimal:
    """``value`` rounded half up to ``places`` decimals, exactly, whatever its size.

    >>> half_up(Decimal("2.675"), 2), half_up(Decimal("-2.675"), 2)
    (Decimal('2.68'), Decimal('-2.68'))
    >>> half_up(Decimal("1E+30"), 2)
    Decimal('1000000000000000000000000000000.00')
    """
    number = Decimal(value)
    if not number.is_finite():
        return number
    digits = max(number.adjusted() + 1, 1) + places + 2  # room for a carry (9.995 -> 10.00)
    context = Context(prec=digits, rounding=ROUND_HALF_UP, traps=[InvalidOperation])
    return number.quantize(Decimal(1).scaleb(-places), context=context)


def number(value: Decimal | int | None, places: int = 0) -> str:
    """``value`` half up to ``places`` decimals, with thousands separators.

    >>> number(Decimal("155.3333"), 1), number(1234567), number(None) == NONE
    ('155.3', '1,234,567', True)
    """
    if value is None:
        return NONE
    rounded = half_up(value, places)
    return f"{rounded.copy_abs() if rounded == 0 else rounded:,f}"  # never "-0.00"


def money(amount: Decimal | int | None, currency: str | None) -> str:
    """``amount`` to the cent, half up, after its currency code.

    >>> money(Decimal("72000"), "EUR"), money(Decimal("-0.005"), None)
    ('EUR 72,000.00', '-0.01')
    """
    if amount is None:
        return NONE
    figure = number(amount, 2)
    return f"{text(currency, 8, quoted=False)} {figure}" if currency else figure


def percent(rate: Decimal | int | None, places: int = 1) -> str:
    """``rate`` (a fraction: 0.25 is 25%) as a percent, half up to ``places`` decimals.

    >>> percent(Decimal("0.0556875"), 2), percent(1)
    ('5.57%', '100.0%')
    """
    if rate is None:
        return NONE
    sign, digits, exponent = Decimal(rate).as_tuple()
    if not isinstance(exponent, int):  # not finite: shown as it is
        return f"{rate}%"
    return f"{number(Decimal((sign, digits, exponent + 2)), places)}%"


def count(value: Decimal | int | None) -> str:
    """A count with thousands separators; a fractional (exact-rounding) count to 2 decimals.

    >>> count(4800), count(Decimal("4800.00")), count(Decimal("12.345"))
    ('4,800', '4,800', '12.35')
    """
    if value is None:
        return NONE
    if isinstance(value, int) or value == value.to_integral_value():
        return number(value, 0)
    return number(value, 2)


def counted(value: Decimal | int | None, noun: str, plural: str | None = None) -> str:
    """A count and its noun, singular for exactly one.

    >>> counted(1, "lead"), counted(1200, "lead"), counted(2, "breach", "breaches")
    ('1 lead', '1,200 leads', '2 breaches')
    """
    return f"{count(value)} {noun if value == 1 else plural or noun + 's'}"


def duration(value: timedelta | None) -> str:
    """A duration in hours below two days, in days from two days on, to one decimal.

    >>> duration(timedelta(hours=2, minutes=54)), duration(timedelta(days=21))
    ('2.9 h', '21.0 d')
    """
    if value is None:
        return NONE
    micro = Fraction(value // timedelta(microseconds=1))
    if value < timedelta(days=2):
        return f"{_fraction(micro / 3_600_000_000, 1)} h"
    return f"{_fraction(micro / 86_400_000_000, 1)} d"


def _fraction(value: Fraction, places: int) -> str:
    """An exact fraction half up to ``places`` decimals."""
    scaled = value * 10**places
    whole = math.floor(abs(scaled) + Fraction(1, 2))
    signed = whole if scaled >= 0 else -whole
    return number(Decimal(f"{signed}E-{places}"), places)


def text(value: object, limit: int = TEXT_LIMIT, *, quoted: bool = True, tail: bool = False) -> str:
    """``value`` as text of at most ``limit`` characters (cut with "…"), quoted as repr does.

    ``tail`` keeps the end rather than the start (a file's name rather than
    its folders).

    >>> text("paid search"), text("x" * 50, 10), text("/a/b/c/leads.csv", 10, tail=True)
    ("'paid search'", "'xxxxxxxxx…'", "'…leads.csv'")
    """
    if value is None:
        return "None"
    shown = str(value)
    if len(shown) > limit:
        shown = "…" + shown[1 - limit :] if tail else shown[: limit - 1] + "…"
    return repr(shown) if quoted else shown


def capped(shown: str, limit: int = REPR_LIMIT) -> str:
    """A repr of at most ``limit`` characters: cut, with "…>", when longer.

    >>> capped("<Big " + "x" * 400 + ">")[-6:], len(capped("<" + "x" * 400 + ">"))
    ('xxxx…>', 299)
    """
    if len(shown) <= limit:
        return shown
    return shown[: limit - 2] + "…>"


def html_table(caption: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """An HTML table: ``caption``, a ``header`` row, then ``rows``; every cell escaped.

    Cells are written with ``str`` and escaped, quotes too: a value read from
    a CSV cell may hold markup, and a notebook would run it. No style and no
    external resource: the notebook styles the table.

    >>> print(html_table("Leads", ["Source", "Leads"], [["<b>ads</b>", 3]]))
    <table class="smarketing"><caption>Leads</caption>
    <tr><th>Source</th><th>Leads</th></tr>
    <tr><td>&lt;b&gt;ads&lt;/b&gt;</td><td>3</td></tr>
    </table>
    """
    lines = [f'<table class="smarketing"><caption>{html.escape(caption)}</caption>']
    lines.append(_row("th", header))
    lines.extend(_row("td", row) for row in rows)
    lines.append("</table>")
    return "\n".join(lines)


def _row(tag: str, cells: Iterable[object]) -> str:
    inner = "".join(f"<{tag}>{html.escape(str(cell))}</{tag}>" for cell in cells)
    return f"<tr>{inner}</tr>"
