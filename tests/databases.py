"""Real database engines for the tests: SQLite, DuckDB, PostgreSQL and MariaDB.

SQLite always runs. The others run when their driver is installed and their
server answers (PostgreSQL at 127.0.0.1:5432, user postgres, database test;
MariaDB at 127.0.0.1:3306, user root, database test). Locally, a missing one
skips with the reason and how to run it; with SMARKETING_REQUIRE_DATABASES=1
(as .ci/run sets) it fails instead.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
MARIADB_URL = "mysql://root@127.0.0.1:3306/test"
REQUIRE = os.environ.get("SMARKETING_REQUIRE_DATABASES") == "1"
ENGINES = ("sqlite", "duckdb", "postgresql", "mariadb")


def unavailable(reason: str) -> None:
    """Skip (or, when databases are required, fail) with ``reason``."""
    message = (
        f"{reason}; start the server (see .ci/run) and install the extras "
        "(pip install -e '.[dev,postgres,duckdb,mysql]')"
    )
    if REQUIRE:
        pytest.fail(f"SMARKETING_REQUIRE_DATABASES=1 but {message}")
    pytest.skip(message)


class Engine:
    """One engine: a URL the sql adapter opens, and a writable connection to load tables."""

    def __init__(self, name: str, url: str, writer: Any) -> None:
        self.name = name
        self.url = url
        self.writer = writer
        self.tables: list[str] = []

    @property
    def mark(self) -> str:
        return "?" if self.name in ("sqlite", "duckdb") else "%s"

    def table(self, stem: str) -> str:
        """A table name unique to this test."""
        name = f"{stem}_{uuid.uuid4().hex[:8]}"
        self.tables.append(name)
        return name

    def execute(self, sql: str, rows: Sequence[Sequence[Any]] | None = None) -> None:
        cursor = self.writer.cursor()
        if rows is None:
            cursor.execute(sql)
        else:
            cursor.executemany(sql, [tuple(row) for row in rows])
        cursor.close()
        self.writer.commit()

    def ready(self) -> None:
        """Loading is done: DuckDB lets a file be opened read-only only once its writer closed."""
        if self.name == "duckdb":
            self.writer.close()

    def fetch(self, sql: str) -> list[tuple[Any, ...]]:
        cursor = self.writer.cursor()
        cursor.execute(sql)
        rows = [tuple(row) for row in cursor.fetchall()]
        cursor.close()
        self.writer.commit()
        return rows

    def timestamp(self) -> str:
        return {"sqlite": "TEXT", "mariadb": "DATETIME(6)"}.get(self.name, "TIMESTAMP")

    def money(self) -> str:
        return "NUMERIC" if self.name == "sqlite" else "DECIMAL(14, 2)"

    def text(self) -> str:
        return "VARCHAR(255)" if self.name == "mariadb" else "TEXT"

    def cleanup(self) -> None:
        for name in self.tables:
            try:
                self.execute(f"DROP TABLE IF EXISTS {name}")
            except Exception:  # best effort after a test
                self.writer.rollback()
        self.writer.close()


@contextmanager
def engine(name: str, folder: Path) -> Iterator[Engine]:
    """An :class:`Engine` for the test, its tables dropped afterwards."""
    if name == "sqlite":
        path = folder / "crm.db"
        made = Engine(name, f"sqlite:///{path}", sqlite3.connect(path))
    elif name == "duckdb":
        try:
            import duckdb
        except ImportError:
            unavailable("the duckdb driver is not installed")
        path = folder / "crm.duckdb"
        made = Engine(name, f"duckdb:///{path}", duckdb.connect(str(path)))
    elif name == "postgresql":
        try:
            import psycopg
        except ImportError:
            unavailable("the psycopg driver is not installed")
        try:
            connection: Any = psycopg.connect(POSTGRES_URL, connect_timeout=5)
        except psycopg.OperationalError as error:
            unavailable(f"PostgreSQL does not answer at {POSTGRES_URL} ({error})")
        made = Engine(name, POSTGRES_URL, connection)
    else:
        try:
            import pymysql
        except ImportError:
            unavailable("the pymysql driver is not installed")
        try:
            connection = pymysql.connect(
                host="127.0.0.1", port=3306, user="root", database="test", connect_timeout=5
            )
        except pymysql.err.OperationalError as error:
            unavailable(f"MariaDB does not answer at {MARIADB_URL} ({error})")
        made = Engine(name, MARIADB_URL, connection)
    try:
        yield made
    finally:
        if name != "duckdb":
            made.cleanup()
