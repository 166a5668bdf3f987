"""Opening databases read-only, quoting names, streaming rows: what the sql adapter stands on.

A source is a DB-API 2.0 connection, or a URL: ``sqlite:///crm.db``,
``postgresql://user@host:5432/db``, ``duckdb:///crm.duckdb``,
``mysql://user@host:3306/db`` (also ``mariadb://``). Connections opened from
a URL are read-only where the engine allows it and closed after use;
passwords never appear in a message.

A URL is read by one rule (:func:`parse_url`): the user and password run to
the *last* ``@``, so a password pasted raw (``p@ss:w/rd``) is still whole,
and the host, port and database are what follows. SQLite files are opened
through a URI this module builds, the path percent-encoded, so nothing in a
file name can change ``mode=ro``.
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import re
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import parse_qsl, quote_from_bytes, unquote, urlsplit

import attrs

from smarketing.errors import MissingDriver, MissingTable, UnreadableInput

__all__ = ["Database", "DatabaseURL", "open_database", "parse_url", "quote", "redact"]

_FILE_SUFFIXES = (".csv", ".tsv", ".csv.gz", ".parquet")
_EXTRAS = {"postgresql": "postgres", "duckdb": "duckdb", "mysql": "mysql"}
_DRIVERS = {"postgresql": "psycopg", "duckdb": "duckdb", "mysql": "pymysql"}
_SCHEMES = {
    "sqlite": "sqlite",
    "postgresql": "postgresql",
    "postgres": "postgresql",
    "duckdb": "duckdb",
    "mysql": "mysql",
    "mariadb": "mysql",
}
_PORTS = {"postgresql": 5432, "mysql": 3306}
_SECRET_PARAMETER = re.compile(r"(?i)((?:^|[?&])password=)[^&]*")
_SQLITE_READS = frozenset(
    {sqlite3.SQLITE_READ, sqlite3.SQLITE_SELECT, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}
)


def redact(url: str) -> str:
    """The URL with its whole password (and any ``password=`` parameter) shown as ``***``."""
    scheme, separator, rest = url.partition("://")
    if not separator or _SCHEMES.get(scheme.lower().split("+")[0]) in ("sqlite", "duckdb"):
        return url  # no credentials in a file URL; and this is no URL
    userinfo, at, hostpart = rest.rpartition("@")
    if at:
        user, colon, _ = userinfo.partition(":")
        rest = user + (":***" if colon else "") + "@" + hostpart
    else:
        hostpart = rest
    path, question, parameters = hostpart.partition("?")
    if question:
        rest = rest[: len(rest) - len(hostpart)] + path + "?"
        rest += _SECRET_PARAMETER.sub(r"\1***", parameters)
    return f"{scheme}://{rest}"


@attrs.frozen
class DatabaseURL:
    """A database URL read by one rule; ``label`` is the URL as messages show it."""

    dialect: str
    label: str
    username: str | None = None
    password: str | None = None
    host: str | None = None
    port: int | None = None
    path: str = ""
    parameters: tuple[tuple[str, str], ...] = ()


def parse_url(url: str) -> DatabaseURL:
    """The parts of a database URL; :class:`UnreadableInput` saying what is wrong.

    The user and password run to the last ``@`` (a raw ``@``, ``:``, ``/``,
    ``?`` or ``#`` in a password is kept whole); percent-escapes are decoded.
    """
    label = redact(url)
    scheme, separator, rest = url.partition("://")
    dialect = _SCHEMES.get(scheme.lower().split("+")[0]) if separator else None
    if dialect is None:
        raise UnreadableInput(
            f"{label}: not a database URL this adapter knows; use sqlite:///file.db, "
            "postgresql://user@host/db, duckdb:///file.duckdb or mysql://user@host/db",
            path=label,
        )
    if dialect in ("sqlite", "duckdb"):
        parts = urlsplit(url)
        if parts.query or parts.fragment:
            raise UnreadableInput(
                f"{label}: a {dialect} URL takes no parameters "
                f"({parts.query or '#' + parts.fragment}); write ? as %3F and # as %23 "
                "in a file name",
                path=label,
            )
        # sqlite:///crm.db is crm.db, sqlite:////abs/crm.db is /abs/crm.db, sqlite://dir/crm.db
        path = parts.netloc + parts.path if parts.netloc else parts.path.removeprefix("/")
        return DatabaseURL(dialect, label, path=unquote(path))
    userinfo, at, hostpart = rest.rpartition("@")
    if not at:
        userinfo, hostpart = "", rest
    parts = urlsplit("//" + hostpart)
    try:
        port = parts.port
    except ValueError:
        raw = parts.netloc.rpartition(":")[2]
        raise UnreadableInput(
            f"{label}: the port {raw!r} is not a number from 0 to 65535; write "
            f"host:port (e.g. 127.0.0.1:{_PORTS[dialect]})",
            path=label,
        ) from None
    user, colon, password = userinfo.partition(":")
    return DatabaseURL(
        dialect,
        label,
        username=unquote(user) if at else None,
        password=unquote(password) if colon else None,
        host=parts.hostname,
        port=port,
        path=unquote(parts.path.lstrip("/")),
        parameters=tuple(parse_qsl(parts.query, keep_blank_values=True)),
    )


def quote(name: str, dialect: str) -> str:
    """A table or column name quoted for ``dialect``; refuse names no database accepts."""
    if not isinstance(name, str) or not name or "\x00" in name or len(name) > 128:
        raise UnreadableInput(f"{name!r} is not a table or column name", value=str(name))
    if dialect == "mysql":
        return "`" + name.replace("`", "``") + "`"
    return '"' + name.replace('"', '""') + '"'


class Database:
    """A connection, what engine it is, how it takes parameters, and whether we close it."""

    def __init__(
        self, connection: Any, dialect: str, label: str, owned: bool, password: str | None = None
    ) -> None:
        self.connection = connection
        self.dialect = dialect
        self.label = label
        self.owned = owned
        self.password = password
        self._names = itertools.count(1)
        module = sys.modules.get(type(connection).__module__.split(".")[0])
        self.paramstyle = getattr(module, "paramstyle", "qmark")
        if dialect in ("sqlite", "duckdb"):
            self.paramstyle = "qmark"
        elif dialect in ("postgresql", "mysql"):
            self.paramstyle = "format"

    def placeholder(self) -> str:
        """The marker of a bound parameter."""
        return "?" if self.paramstyle == "qmark" else "%s"

    def quote(self, name: str) -> str:
        """``name`` quoted for this engine."""
        return quote(name, self.dialect)

    def close(self) -> None:
        """Close the connection if this code opened it."""
        if self.owned:
            self.connection.close()

    def tables(self) -> list[str]:
        """The tables and views this connection sees, sorted."""
        queries = {
            "sqlite": "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')",
            "mysql": "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = DATABASE()",
        }
        sql = queries.get(
            self.dialect,
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema NOT IN ('information_schema', 'pg_catalog')",
        )
        try:
            return sorted({str(row[0]) for row in self.fetch(sql)})
        except Exception:  # listing is a courtesy in an error message
            return []

    def relation(self, table: str, schema: str | None = None) -> str:
        """What to SELECT FROM for ``table``: its quoted name, or, in DuckDB, a file read in place.

        With DuckDB, a ``table`` ending in ``.csv``, ``.tsv``, ``.csv.gz`` or
        ``.parquet`` is that file, read where it is (``read_csv_auto`` or
        ``read_parquet``); its path is a quoted SQL string, never raw SQL. CSV
        columns are read as text, so that a bad cell is a rejection, as with
        the csv adapter, and not a failed query.
        """
        if self.is_file(table):
            literal = "'" + table.replace("'", "''") + "'"
            if table.lower().endswith(".parquet"):
                return f"read_parquet({literal})"
            # every column as text: cells are read by the same rules as the csv adapter's
            return f"read_csv_auto({literal}, all_varchar = true)"
        if schema is None:
            return self.quote(table)
        return f"{self.quote(schema)}.{self.quote(table)}"

    def is_file(self, table: str) -> bool:
        """Whether ``table`` names a file that DuckDB reads in place."""
        return self.dialect == "duckdb" and table.lower().endswith(_FILE_SUFFIXES)

    def is_text_file(self, table: str) -> bool:
        """Whether ``table`` is a CSV file read in place, all of whose values are text."""
        return self.is_file(table) and not table.lower().endswith(".parquet")

    def columns(self, table: str, schema: str | None = None) -> list[str]:
        """The columns of ``table``; :class:`MissingTable` when it is not there."""
        name = self.relation(table, schema)
        try:
            return self._describe(f"SELECT * FROM {name} WHERE 1 = 0")  # quoted name
        except Exception:  # every driver raises its own error for this
            self._rollback()
            known = self.tables()
            raise MissingTable(
                f"{self.label}: there is no table {table!r}"
                + (f"; its tables are: {', '.join(known)}" if known else ""),
                path=self.label,
                value=table,
            ) from None

    def columns_of_query(self, query: str) -> list[str]:
        """The columns a query gives, once the engine itself has read it as one SELECT.

        The second lock after :func:`~smarketing.adapters._query.one_select`:
        PostgreSQL declares a cursor for the query (one SELECT or nothing),
        DuckDB parses it (one SELECT statement), MySQL prepares it (one
        statement; run inside a SELECT, it cannot be another kind or write a
        file), SQLite compiles it under an authorizer that allows only reads.
        """
        try:
            self._check_alone(query)
            return self._describe(f"SELECT * FROM {subquery(query)} WHERE 1 = 0")
        except Exception as error:  # each driver raises its own error for a bad query
            self._rollback()
            raise UnreadableInput(
                f"{self.label}: the query does not run ({self._message(error)})", path=self.label
            ) from None

    def _check_alone(self, query: str) -> None:
        if self.dialect == "duckdb":
            statements = self.connection.extract_statements(query)
            kinds = [
                str(getattr(statement.type, "name", statement.type)) for statement in statements
            ]
            if kinds != ["SELECT"]:
                raise UnreadableInput(f"DuckDB reads it as {', '.join(kinds) or 'nothing'}")
        elif self.dialect == "postgresql":
            self._describe(query)  # DECLARE ... CURSOR FOR takes one SELECT (or VALUES)
        elif self.dialect == "mysql":
            self._describe("PREPARE smarketing_probe FROM %s", query)  # one statement only
            self._describe("DEALLOCATE PREPARE smarketing_probe")
        elif self.dialect == "sqlite":
            self._describe(f"EXPLAIN {query}")  # compiled, never run

    def _describe(self, sql: str, *parameters: Any) -> list[str]:
        """The columns of ``sql``, run (or, in PostgreSQL, declared) and not fetched."""
        cursor = self._cursor()
        try:
            if parameters:
                cursor.execute(sql, parameters)
            else:
                cursor.execute(sql)
            return [str(column[0]) for column in cursor.description or ()]
        finally:
            cursor.close()

    def fetch(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """All rows of a small query."""
        return list(self.stream(sql, parameters))

    def stream(
        self, sql: str, parameters: Sequence[Any] = (), batch: int = 10000
    ) -> Iterator[tuple[Any, ...]]:
        """The rows of a query, ``batch`` at a time: memory does not grow with the table.

        PostgreSQL streams from a server-side cursor; other engines through
        ``fetchmany``. An error the engine raises on the way (a read-only
        session refusing a write, a division by zero on a later row) is an
        :class:`UnreadableInput` with the engine's message.
        """
        cursor = self._cursor()
        if self.dialect == "postgresql":
            cursor.itersize = batch
        try:
            try:
                if parameters:
                    cursor.execute(sql, tuple(parameters))
                else:  # no parameters: a % in the SQL is a % (pymysql, psycopg)
                    cursor.execute(sql)
            except Exception as error:
                raise self._stopped(error) from None
            while True:
                try:
                    rows = cursor.fetchmany(batch)
                except Exception as error:
                    raise self._stopped(error) from None
                if not rows:
                    break
                yield from (tuple(row) for row in rows)
        finally:
            with contextlib.suppress(Exception):  # a cursor the engine already closed
                cursor.close()
            self._rollback()

    def _cursor(self) -> Any:
        """A cursor; in PostgreSQL a server-side one, which runs one SELECT and nothing else."""
        if self.dialect == "postgresql":
            return self.connection.cursor(name=f"smarketing_{next(self._names)}")
        return self.connection.cursor()

    def _stopped(self, error: Exception) -> UnreadableInput:
        self._rollback()
        return UnreadableInput(
            f"{self.label}: the database stopped the query ({self._message(error)})",
            path=self.label,
        )

    def _message(self, error: Exception) -> str:
        return _first_line(error, self.password)

    def _rollback(self) -> None:
        rollback = getattr(self.connection, "rollback", None)
        if rollback is not None and self.dialect in ("postgresql", "mysql"):
            with contextlib.suppress(Exception):  # nothing to undo: we only read
                rollback()


def _first_line(error: Exception, password: str | None) -> str:
    """The first line of the engine's message, any password in it shown as ``***``."""
    text = str(error).strip()
    message = text.splitlines()[0] if text else type(error).__name__
    if password:
        message = message.replace(password, "***")
    return message


def subquery(query: str) -> str:
    """``query`` as a derived table; on lines of its own, so that a closing comment stays one."""
    return f"(\n{query}\n) AS smarketing_query"


def _driver(dialect: str) -> Any:
    name = _DRIVERS[dialect]
    try:
        return importlib.import_module(name)
    except ImportError:
        extra = _EXTRAS[dialect]
        raise MissingDriver(
            f"reading {dialect} needs the {name} driver: pip install 'smarketing[{extra}]'"
        ) from None


def open_database(source: Any) -> Database:
    """A :class:`Database` for a URL (opened read-only) or an open DB-API connection."""
    if not isinstance(source, str):
        if not hasattr(source, "cursor"):
            raise UnreadableInput(
                f"the sql adapter reads a database URL or a DB-API connection, got "
                f"{type(source).__name__}"
            )
        module = type(source).__module__.split(".")[0].lstrip("_")  # DuckDB's is _duckdb
        dialect = {
            "sqlite3": "sqlite",
            "psycopg": "postgresql",
            "duckdb": "duckdb",
            "pymysql": "mysql",
            "MySQLdb": "mysql",
            "mysql": "mysql",
            "mariadb": "mysql",
        }.get(module, "other")
        return Database(source, dialect, f"<{module} connection>", owned=False)
    url = parse_url(source)
    try:
        connection = _connect(url)
    except (MissingDriver, UnreadableInput):
        raise
    except Exception as error:  # each driver raises its own connection error
        if url.dialect in _PORTS:
            where = f"{url.host or 'localhost'}:{url.port or _PORTS[url.dialect]}"
        else:
            where = url.path or ":memory:"
        raise UnreadableInput(
            f"{url.label}: cannot open the database at {where} "
            f"({_first_line(error, url.password)})",
            path=url.label,
        ) from None
    return Database(connection, url.dialect, url.label, owned=True, password=url.password)


def _connect(url: DatabaseURL) -> Any:
    if url.dialect == "sqlite":
        # the URI is built here: ?, # and % in the path are escaped, so mode=ro stays the only mode
        path = quote_from_bytes(url.path.encode("utf-8"), safe="/")
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        connection.set_authorizer(_sqlite_reads_only)
        return connection
    driver = _driver(url.dialect)
    if url.dialect == "duckdb":
        path = url.path
        return driver.connect(path or ":memory:", read_only=bool(path and path != ":memory:"))
    if url.dialect == "postgresql":
        settings: dict[str, Any] = {"connect_timeout": 10, **dict(url.parameters)}
        settings.update(
            host=url.host, port=url.port, user=url.username, password=url.password,
            dbname=url.path or None,
        )  # fmt: skip
        connection = driver.connect(**{k: v for k, v in settings.items() if v is not None})
        connection.read_only = True  # every transaction BEGIN READ ONLY
        return connection
    connection = driver.connect(
        host=url.host or "localhost",
        port=url.port or _PORTS["mysql"],
        user=url.username or "root",
        password=url.password or "",
        database=url.path or None,
        connect_timeout=10,
        client_flag=0,  # no CLIENT.MULTI_STATEMENTS: one statement per call
    )
    cursor = connection.cursor()
    cursor.execute("SET SESSION TRANSACTION READ ONLY")
    cursor.close()
    return connection


def _sqlite_reads_only(action: int, *_: object) -> int:
    """SQLite's authorizer: reading is allowed, anything else (ATTACH, PRAGMA, writes) denied."""
    return sqlite3.SQLITE_OK if action in _SQLITE_READS else sqlite3.SQLITE_DENY
