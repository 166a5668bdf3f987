"""Opening databases read-only, quoting names, streaming rows: what the sql adapter stands on.

A source is a DB-API 2.0 connection, or a URL: ``sqlite:///crm.db``,
``postgresql://user@host:5432/db``, ``duckdb:///crm.duckdb``,
``mysql://user@host:3306/db`` (also ``mariadb://``). Connections opened from
a URL are read-only where the engine allows it and closed after use;
passwords never appear in a message.
"""

from __future__ import annotations

import contextlib
import importlib
import re
import sys
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import unquote, urlsplit

from smarketing.errors import MissingDriver, MissingTable, UnreadableInput

__all__ = ["Database", "open_database", "quote", "redact"]

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


def redact(url: str) -> str:
    """The URL with its password replaced by ``***``."""
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


def quote(name: str, dialect: str) -> str:
    """A table or column name quoted for ``dialect``; refuse names no database accepts."""
    if not isinstance(name, str) or not name or "\x00" in name or len(name) > 128:
        raise UnreadableInput(f"{name!r} is not a table or column name", value=str(name))
    if dialect == "mysql":
        return "`" + name.replace("`", "``") + "`"
    return '"' + name.replace('"', '""') + '"'


class Database:
    """A connection, what engine it is, how it takes parameters, and whether we close it."""

    def __init__(self, connection: Any, dialect: str, label: str, owned: bool) -> None:
        self.connection = connection
        self.dialect = dialect
        self.label = label
        self.owned = owned
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
            cursor = self.connection.cursor()
            cursor.execute(f"SELECT * FROM {name} WHERE 1 = 0")  # quoted name
            columns = [str(column[0]) for column in cursor.description]
            cursor.close()
        except Exception:  # every driver raises its own error for this
            self._rollback()
            known = self.tables()
            raise MissingTable(
                f"{self.label}: there is no table {table!r}"
                + (f"; its tables are: {', '.join(known)}" if known else ""),
                path=self.label,
                value=table,
            ) from None
        return columns

    def columns_of_query(self, query: str) -> list[str]:
        """The columns a query gives."""
        cursor = self.connection.cursor()
        try:
            cursor.execute(f"SELECT * FROM ({query}) AS smarketing_query WHERE 1 = 0")
            return [str(column[0]) for column in cursor.description]
        except Exception as error:  # each driver raises its own error for a bad query
            self._rollback()
            raise UnreadableInput(
                f"{self.label}: the query does not run ({str(error).strip().splitlines()[0]})",
                path=self.label,
            ) from None
        finally:
            cursor.close()

    def fetch(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """All rows of a small query."""
        cursor = self.connection.cursor()
        try:
            cursor.execute(sql, tuple(parameters))
            return [tuple(row) for row in cursor.fetchall()]
        finally:
            cursor.close()

    def stream(
        self, sql: str, parameters: Sequence[Any] = (), batch: int = 10000
    ) -> Iterator[tuple[Any, ...]]:
        """The rows of a query, ``batch`` at a time: memory does not grow with the table.

        PostgreSQL streams from a server-side cursor; other engines through
        ``fetchmany``.
        """
        if self.dialect == "postgresql":
            cursor = self.connection.cursor(name="smarketing_stream")
            cursor.itersize = batch
        else:
            cursor = self.connection.cursor()
        try:
            cursor.execute(sql, tuple(parameters))
            while True:
                rows = cursor.fetchmany(batch)
                if not rows:
                    break
                yield from (tuple(row) for row in rows)
        finally:
            cursor.close()
            self._rollback()

    def _rollback(self) -> None:
        rollback = getattr(self.connection, "rollback", None)
        if rollback is not None and self.dialect in ("postgresql", "mysql"):
            with contextlib.suppress(Exception):  # nothing to undo: we only read
                rollback()


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
        module = type(source).__module__.split(".")[0]
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
    parts = urlsplit(source)
    scheme = _SCHEMES.get(parts.scheme.split("+")[0])
    label = redact(source)
    if scheme is None:
        raise UnreadableInput(
            f"{label}: not a database URL this adapter knows; use sqlite:///file.db, "
            "postgresql://user@host/db, duckdb:///file.duckdb or mysql://user@host/db",
            path=label,
        )
    try:
        return Database(_connect(scheme, parts, source), scheme, label, owned=True)
    except (MissingDriver, UnreadableInput):
        raise
    except Exception as error:  # each driver raises its own connection error
        where = f"{parts.hostname}:{parts.port}" if parts.hostname else parts.path
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        if parts.password:
            message = message.replace(parts.password, "***")
        raise UnreadableInput(
            f"{label}: cannot open the database at {where} ({message})", path=label
        ) from None


def _connect(dialect: str, parts: Any, url: str) -> Any:
    if dialect == "sqlite":
        import sqlite3

        path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        if parts.netloc:
            path = unquote(parts.netloc + parts.path)
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    driver = _driver(dialect)
    if dialect == "postgresql":
        connection = driver.connect(
            url.replace("postgres://", "postgresql://", 1), connect_timeout=10
        )
        connection.read_only = True
        return connection
    if dialect == "duckdb":
        path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        return driver.connect(path or ":memory:", read_only=bool(path and path != ":memory:"))
    connection = driver.connect(
        host=parts.hostname or "localhost",
        port=parts.port or 3306,
        user=unquote(parts.username or "root"),
        password=unquote(parts.password or ""),
        database=parts.path.lstrip("/") or None,
        connect_timeout=10,
    )
    cursor = connection.cursor()
    cursor.execute("SET SESSION TRANSACTION READ ONLY")
    cursor.close()
    return connection
