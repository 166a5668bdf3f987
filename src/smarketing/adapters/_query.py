"""The rule for a ``query`` option: exactly one SELECT, read before any engine sees it.

The sql adapter runs the query inside its own SELECT (``SELECT columns FROM
(query) AS smarketing_query``), in a read-only session. This module reads the
query as the engines do, token by token (strings, quoted names, comments,
parentheses), and refuses anything but one SELECT statement: a second
statement, a parenthesis that closes the adapter's own, a statement that is
not a SELECT (COPY, ATTACH, PRAGMA, SET, CALL, INSERT ...), or a SELECT that
writes (``INTO``, a data-modifying ``WITH``, ``FOR UPDATE``). Where the
engines read a piece of SQL differently (a backslash in a string, a comment
inside a comment, MySQL's executable comments), the query is refused rather
than guessed at. Each engine then checks the query again on its own
(:meth:`Database.columns_of_query`): this is the first of two locks.
"""

from __future__ import annotations

import re

from smarketing.errors import InvalidOption

__all__ = ["one_select"]

#: Words that make a SELECT write or lock, or that start a statement that is not a SELECT.
WRITING_WORDS = frozenset(
    {"INTO", "INSERT", "UPDATE", "DELETE", "MERGE", "COPY", "ATTACH", "DETACH", "PRAGMA",
     "CALL", "SET", "OUTFILE", "DUMPFILE"}
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")
_DOLLAR = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)?\$")


class _Refused(Exception):
    def __init__(self, what: str, at: int) -> None:
        super().__init__(what)
        self.what = what
        self.at = at


def one_select(query: str, *, dialect: str, option: str) -> str:
    """``query`` without a trailing semicolon, if it is exactly one SELECT; else InvalidOption.

    ``dialect`` is the engine's (``sqlite``, ``postgresql``, ``duckdb``,
    ``mysql``, or ``other``): comments and quoting follow it.
    """
    try:
        return _Reader(query, dialect).read()
    except _Refused as refused:
        line = query.count("\n", 0, refused.at) + 1
        column = refused.at - (query.rfind("\n", 0, refused.at) + 1) + 1
        raise InvalidOption(
            f"option {option!r} of the sql adapter must be exactly one SELECT statement "
            f"(SELECT ... or WITH ... SELECT ...): {refused.what} at line {line}, column "
            f"{column}; the adapter runs one SELECT, read-only, and nothing else"
        ) from None


class _Reader:
    """One pass over the query: where code is, and what it says."""

    def __init__(self, query: str, dialect: str) -> None:
        self.text = query
        self.dialect = dialect
        self.at = 0

    def read(self) -> str:
        text, depth, first, end = self.text, 0, True, None
        while self.at < len(text):
            start = self.at
            char = text[start]
            if self._skip_blank():
                continue
            if end is not None:
                raise _Refused("a second statement after ';'", start)
            if char in "'\"`":
                self._quoted(char)
            elif char == "$" and self._dollar():
                pass
            elif char == "(":
                depth += 1
                self.at += 1
            elif char == ")":
                if depth == 0:
                    raise _Refused("')' closes a parenthesis the query did not open", start)
                depth -= 1
                self.at += 1
            elif char == ";":
                if depth:
                    raise _Refused("';' inside parentheses", start)
                end = start
                self.at += 1
            elif match := _WORD.match(text, start):
                word = match.group().upper()
                if first and word not in ("SELECT", "WITH"):
                    raise _Refused(f"{match.group()!r} is not a SELECT", start)
                if word in WRITING_WORDS:
                    raise _Refused(f"{match.group()!r} (a SELECT only reads)", start)
                first = False
                self.at = match.end()
            else:
                self.at += 1
        if depth:
            raise _Refused(f"{depth} parenthesis not closed", len(text))
        if first:
            raise _Refused("the query is empty", 0)
        return text if end is None else text[:end]

    def _skip_blank(self) -> bool:
        """Skip whitespace or a comment; whether there was one."""
        text, start = self.text, self.at
        if text[start].isspace():
            self.at += 1
            return True
        if text.startswith("--", start) and (
            self.dialect != "mysql" or start + 2 == len(text) or text[start + 2].isspace()
        ):
            return self._to_line_end()
        if text[start] == "#" and self.dialect == "mysql":
            return self._to_line_end()
        if text.startswith("/*", start):
            if text.startswith(("/*!", "/*M!"), start):
                raise _Refused("an executable comment (/*! ... */)", start)
            close = text.find("*/", start + 2)
            if close < 0:
                raise _Refused("a comment that does not end", start)
            if "/*" in text[start + 2 : close]:
                raise _Refused("a comment inside a comment (engines read it differently)", start)
            self.at = close + 2
            return True
        return False

    def _to_line_end(self) -> bool:
        newline = self.text.find("\n", self.at)
        self.at = len(self.text) if newline < 0 else newline + 1
        return True

    def _quoted(self, quote: str) -> None:
        """A string or a quoted name; a doubled quote is the quote itself."""
        text, start = self.text, self.at
        at = start + 1
        while True:
            close = text.find(quote, at)
            if close < 0:
                raise _Refused(f"a {quote} that is not closed", start)
            if text.startswith(quote * 2, close):
                at = close + 2
                continue
            break
        if "\\" in text[start:close]:
            raise _Refused("a backslash inside quotes (engines read it differently)", start)
        self.at = close + 1

    def _dollar(self) -> bool:
        """A dollar-quoted string (PostgreSQL, DuckDB); whether there was one."""
        match = _DOLLAR.match(self.text, self.at)
        if match is None:
            return False
        if self.dialect in ("sqlite", "mysql"):
            return False  # no dollar quoting there: '$' is part of a name or a parameter
        if self.dialect not in ("postgresql", "duckdb"):
            raise _Refused("a dollar-quoted string (engines read it differently)", self.at)
        close = self.text.find(match.group(), match.end())
        if close < 0:
            raise _Refused("a dollar-quoted string that is not closed", self.at)
        self.at = close + len(match.group())
        return True
