r"""Printable text: how a report, a CSV cell or an error message shows a name read from input.

Owners, sources, lead ids, reasons and file names come from CRM exports and
databases, and may hold characters that act rather than show: ESC and BEL
start terminal escape sequences (colours, window titles, OSC 8 links),
U+202E turns the rest of a line around, a newline breaks a table row, and
none of the C0 controls may appear in XML. :func:`printable` writes each such
character as a visible escape in Python's notation (``\x1b``, ``\n``,
``\u202e``), so the reader sees that it is there and nothing acts on it.

The characters escaped (:func:`is_unsafe`): the C0 and C1 controls and DEL
(tab, newline and carriage return included), the bidirectional controls
(U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069), the line and
paragraph separators U+2028 and U+2029, lone surrogates, and the
non-characters U+FFFE and U+FFFF. Every other character, accents, scripts
and emoji included, is kept as is.
"""

from __future__ import annotations

import re

__all__ = ["UNSAFE", "is_unsafe", "json_safe", "printable"]

_BEYOND_ASCII = (
    "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
)
#: The characters :func:`printable` escapes, as a regular-expression class.
UNSAFE = re.compile(f"[\x00-\x1f{_BEYOND_ASCII}]")
# JSON escapes the C0 controls in strings itself; outside strings its newlines are layout
_JSON_UNSAFE = re.compile(f"[{_BEYOND_ASCII}]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def is_unsafe(character: str) -> bool:
    """Whether ``character`` is one :func:`printable` escapes."""
    return UNSAFE.fullmatch(character) is not None


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    named = _NAMED.get(character)
    if named is not None:
        return named
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    r"""``text`` with every character that acts rather than shows written as an escape.

    >>> printable("ann\x1b[2J")
    'ann\\x1b[2J'
    >>> printable("a\nb \u202eevil")
    'a\\nb \\u202eevil'
    >>> printable("Zoë · 東京")
    'Zoë · 東京'
    """
    return UNSAFE.sub(_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_safe(json_text: str) -> str:
    r"""JSON text with every unsafe character in a string written as a ``\uXXXX`` escape.

    The value the JSON holds does not change: outside strings JSON text is
    ASCII, and inside one ``\u202e`` means the character U+202E.
    """
    return _JSON_UNSAFE.sub(_json_escape, json_text)
