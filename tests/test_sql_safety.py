"""The sql adapter cannot write: one SELECT per query, read-only sessions, safe URLs and options.

Every attack here runs against the real engines (SQLite, DuckDB, PostgreSQL,
MariaDB); files the engines would write go to /tmp, where the servers can
write too, and each test checks that nothing was written.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

import pytest
from hypothesis import example, given, settings

from smarketing import InvalidOption, MissingTable, UnreadableInput, read
from smarketing.adapters._database import open_database, parse_url, redact, subquery
from smarketing.adapters._query import one_select
from smarketing.adapters.sql.pushdown import collect_actuals_sql
from tests.databases import ENGINES, POSTGRES_URL, Engine, engine
from tests.strategies import HUBSPOT_FUNNEL, file_names, passwords, sql_texts

MAPPING = {"id": "id", "created": "created"}
Test = TypeVar("Test", bound=Callable[..., None])


def example_each(queries: tuple[str, ...]) -> Callable[[Test], Test]:
    """Hypothesis's @example for each of ``queries``."""

    def decorate(test: Test) -> Test:
        for query in queries:
            test = example(query=query)(test)
        return test

    return decorate


@pytest.fixture(params=ENGINES)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with engine(request.param, tmp_path) as made:
        yield made


@pytest.fixture
def out() -> Iterator[Path]:
    """A path in /tmp that an engine (a server too) would write to; removed afterwards."""
    path = Path("/tmp") / f"smarketing-escape-{uuid.uuid4().hex}"
    yield path
    path.unlink(missing_ok=True)


def small_table(target: Engine, *, ready: bool = True) -> str:
    """A table of three leads."""
    name = target.table("leads")
    target.execute(f"CREATE TABLE {name} (id {target.text()}, created {target.timestamp()})")
    target.execute(
        f"INSERT INTO {name} VALUES ({target.mark}, {target.mark})",
        [(f"L{index}", f"2026-11-0{index} 09:00:00") for index in (1, 2, 3)],
    )
    if ready:
        target.ready()
    return name


def leads_of(url: str, query: str, **options: object) -> list[str]:
    reading = read("sql", url, options={"query": query, "mapping": MAPPING, **options})
    return [lead.id for lead in reading.leads()]


def stacked(target: Engine, table: str, out: Path) -> list[str]:
    """Queries that close the adapter's parentheses and stack a statement that writes ``out``."""
    head = f"SELECT id, created FROM {table}) AS q; "
    tail = "; SELECT * FROM (SELECT 1"
    if target.name == "mariadb":
        return [
            f"{head}SELECT 1 INTO OUTFILE '{out}'{tail}",
            f"SELECT id, created FROM {table}) AS q INTO OUTFILE '{out}' -- ",
        ]
    if target.name == "sqlite":
        return [f"{head}ATTACH '{out}' AS smuggled{tail}"]
    attacks = [f"{head}COPY (SELECT 1) TO '{out}'{tail}"]
    if target.name == "duckdb":
        attacks.append(f"{head}ATTACH '{out}' AS smuggled{tail}")
    return attacks


def test_stacked_statements_in_a_query_are_refused_and_write_nothing(
    database: Engine, out: Path
) -> None:
    table = small_table(database)
    for query in stacked(database, table, out):
        with pytest.raises(InvalidOption, match=r"option 'query' .* exactly one SELECT"):
            leads_of(database.url, query)
        assert not out.exists(), query


def test_each_engine_refuses_stacked_statements_on_its_own(database: Engine, out: Path) -> None:
    """Below the adapter's own check, the engine runs one statement: a second line of defence."""
    table = small_table(database)
    for query in stacked(database, table, out):
        opened = open_database(database.url)
        try:
            with pytest.raises(UnreadableInput, match="the query"):
                opened.columns_of_query(query)
        finally:
            opened.close()
        assert not out.exists(), query


def test_each_engine_refuses_what_is_not_a_select_on_its_own(database: Engine, out: Path) -> None:
    """COPY, ATTACH, INTO, DELETE, SET given straight to the engine's check: each says no."""
    table = small_table(database)
    for query in [
        f"COPY (SELECT 1) TO '{out}'",
        f"ATTACH '{out}' AS smuggled",
        f"SELECT id, created FROM {table} INTO OUTFILE '{out}'",
        f"SELECT id, created INTO smuggled_{table} FROM {table}",
        f"DELETE FROM {table}",
        "SET search_path = public",
    ]:
        opened = open_database(database.url)
        try:
            with pytest.raises(UnreadableInput, match="the query does not run"):
                opened.columns_of_query(query)
        finally:
            opened.close()
        assert not out.exists(), query
    if database.name != "duckdb":  # DuckDB's writer is closed once loaded
        assert database.fetch(f"SELECT COUNT(*) FROM {table}") == [(3,)]


@pytest.mark.parametrize("name", ["sqlite", "duckdb", "mariadb"])
def test_a_writable_connection_passed_in_gets_the_same_rule(
    name: str, tmp_path: Path, out: Path
) -> None:
    """Your own connection may write, and allow several statements: the query still may not."""
    with engine(name, tmp_path) as target:
        table = small_table(target, ready=False)
        if name == "mariadb":
            import pymysql

            connection = pymysql.connect(
                host="127.0.0.1", user="root", database="test",
                client_flag=pymysql.constants.CLIENT.MULTI_STATEMENTS,
            )  # fmt: skip
        else:
            connection = target.writer
        try:
            for query in stacked(target, table, out):
                with pytest.raises(InvalidOption, match="exactly one SELECT"):
                    list(read("sql", connection, options={"query": query,
                                                          "mapping": MAPPING}).leads())  # fmt: skip
                with pytest.raises(UnreadableInput, match="the query does not run"):
                    open_database(connection).columns_of_query(query)
                assert not out.exists(), query
            good = read("sql", connection, options={
                "query": f"SELECT id, created FROM {table}", "mapping": MAPPING})  # fmt: skip
            assert len(list(good.leads())) == 3
        finally:
            if name == "mariadb":
                connection.close()
            elif name == "duckdb":
                target.writer.close()


def test_postgresql_read_only_alone_would_not_stop_copy_to(tmp_path: Path, out: Path) -> None:
    """Why the one-SELECT rule is needed: a read-only transaction lets COPY TO write a file.

    A superuser's plain cursor, in the very session the adapter opens, writes the
    server file; the adapter's own cursors (server-side: one SELECT) refuse it.
    The real guard is a role that may not write files (docs/databases.md).
    """
    with engine("postgresql", tmp_path):
        opened = open_database(POSTGRES_URL)
        try:
            with pytest.raises(UnreadableInput, match="the database stopped the query"):
                opened.fetch(f"COPY (SELECT 1) TO '{out}'")
            assert not out.exists()
            plain = opened.connection.cursor()
            plain.execute("SHOW transaction_read_only")
            assert plain.fetchone() == ("on",)
            plain.execute(f"COPY (SELECT 1) TO '{out}'")
            plain.close()
            assert out.exists()  # a superuser writes server files even read-only
        finally:
            opened.close()


def not_selects(table: str, out: Path) -> list[str]:
    return [
        f"COPY (SELECT 1) TO '{out}'",
        f"ATTACH '{out}' AS smuggled",
        f"PRAGMA table_info('{table}')",
        "SET search_path = public",
        "CALL smarketing_nothing()",
        f"INSERT INTO {table} VALUES ('x', NULL)",
        f"VALUES ('x', '{out}')",
        f"WITH gone AS (DELETE FROM {table} RETURNING *) SELECT * FROM gone",
        f"SELECT id, created INTO smuggled FROM {table}",
        f"SELECT id, created FROM {table} INTO OUTFILE '{out}'",
        f"SELECT id, created FROM {table} FOR UPDATE",
        f"SELECT id, created FROM {table} /*! INTO OUTFILE '{out}' */",
        f"SELECT id, created FROM {table} /* /* */ ; DELETE FROM {table} -- */",
        f"SELECT id, created FROM {table} WHERE id = 'it''s\\' ; DELETE FROM {table} -- '",
        f"SELECT id, created FROM ({table}",
        f"SELECT id, created FROM {table})",
        "",
        "-- nothing but a comment",
    ]


def test_a_query_must_be_exactly_one_select(database: Engine, out: Path) -> None:
    table = small_table(database)
    for query in not_selects(table, out):
        with pytest.raises(InvalidOption, match=r"option 'query' of the sql adapter"):
            leads_of(database.url, query)
        assert not out.exists(), query
    # the deals query is held to the same rule, and named
    reading = read("sql", database.url, deals=database.url, options={
        "query": f"SELECT id, created FROM {table}", "mapping": MAPPING,
        "deals_query": f"COPY (SELECT 1) TO '{out}'", "deals_mapping": {"id": "id"},
    })  # fmt: skip
    with pytest.raises(InvalidOption, match=r"option 'deals_query' .* exactly one SELECT"):
        list(reading.deals())
    assert not out.exists()


def test_the_refusal_says_what_and_where() -> None:
    with pytest.raises(InvalidOption) as raised:
        one_select("SELECT id, created\nFROM leads\n  ; COPY leads TO '/tmp/x'", dialect="sqlite",
                   option="query")  # fmt: skip
    assert str(raised.value) == (
        "option 'query' of the sql adapter must be exactly one SELECT statement "
        "(SELECT ... or WITH ... SELECT ...): a second statement after ';' at line 3, column 5; "
        "the adapter runs one SELECT, read-only, and nothing else"
    )
    with pytest.raises(InvalidOption, match=r"'INTO' \(a SELECT only reads\) at line 1, column 10"):
        one_select("SELECT 1 INTO OUTFILE '/tmp/x'", dialect="mysql", option="query")


def test_selects_of_every_shape_still_read(database: Engine) -> None:
    table = small_table(database)
    queries = [
        f"SELECT id, created FROM {table}",
        f"select id, created from {table};",
        f"SELECT id, created FROM {table} WHERE id <> 'a;b) -- /* $$' ORDER BY id -- done",
        f"WITH recent AS (SELECT id, created FROM {table}) SELECT * FROM recent",
        f"SELECT id, created FROM {table} WHERE id = 'L1' UNION ALL "
        f"SELECT id, created FROM {table} WHERE (id LIKE 'L%') AND id <> 'L1'",
        f'SELECT id AS "updated; into", id, created FROM {table} /* a ; comment */',
    ]
    for query in queries:
        assert sorted(leads_of(database.url, query)) == ["L1", "L2", "L3"], query


def test_duckdb_attach_or_copy_in_a_table_name_stays_a_name(tmp_path: Path, out: Path) -> None:
    """A ``table`` is a quoted name (or a file read in place), never a statement."""
    with engine("duckdb", tmp_path) as target:
        table = small_table(target)
        for name in (f"{table}; COPY (SELECT 1) TO '{out}'", f"x'); ATTACH '{out}' AS y; --.csv"):
            with pytest.raises((MissingTable, UnreadableInput)):
                list(read("sql", target.url, options={"table": name, "mapping": MAPPING}).leads())
            assert not out.exists()


# -- errors while rows stream -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["postgresql", "mariadb"])
def test_writing_inside_a_select_is_stopped_by_the_read_only_session(
    name: str, tmp_path: Path
) -> None:
    """nextval, set_config and a function that writes: the engine says no, and we say why."""
    with engine(name, tmp_path) as target:
        table = small_table(target)
        sequence, function = target.table("seq"), target.table("writes")
        if name == "postgresql":
            target.execute(f"CREATE SEQUENCE {sequence}")
            target.execute(
                f"CREATE FUNCTION {function}() RETURNS TEXT LANGUAGE sql VOLATILE AS "
                f"$$ INSERT INTO {table} VALUES ('sneaked', NULL) RETURNING 'sneaked' $$"
            )
            queries = [
                f"SELECT CAST(nextval('{sequence}') AS TEXT) AS id, created FROM {table}",
                f"SELECT set_config('transaction_read_only', 'off', false) AS id, created "
                f"FROM {table}",
                f"SELECT {function}() AS id, created FROM {table}",
            ]
        else:
            target.execute(
                f"CREATE FUNCTION {function}() RETURNS VARCHAR(20) MODIFIES SQL DATA "
                f"BEGIN INSERT INTO {table} VALUES ('sneaked', NULL); RETURN 'sneaked'; END"
            )
            queries = [f"SELECT {function}() AS id, created FROM {table}"]
        try:
            for query in queries:
                with pytest.raises(UnreadableInput, match=r"(?i)read.only|read-write") as raised:
                    leads_of(target.url, query)
                assert raised.value.path == target.url
            assert target.fetch(f"SELECT COUNT(*) FROM {table}") == [(3,)]
        finally:
            target.execute(f"DROP FUNCTION IF EXISTS {function}")
            if name == "postgresql":
                target.execute(f"DROP SEQUENCE IF EXISTS {sequence}")


def test_a_runtime_error_on_a_later_row_is_an_unreadable_input(database: Engine) -> None:
    table = small_table(database)
    raising = {
        "postgresql": "CASE WHEN id = 'L3' THEN CAST(1 / (length(id) - 2) AS TEXT) ELSE id END",
        "duckdb": "CASE WHEN id = 'L3' THEN error('boom on L3') ELSE id END",
        # SQLite and MariaDB give NULL for a division by zero: a value too big instead
        "sqlite": "CASE WHEN id = 'L3' THEN abs(-9223372036854775807 - 1) ELSE id END",
        "mariadb": "CASE WHEN id = 'L3' THEN CAST(EXP(1000) AS CHAR) ELSE id END",
    }[database.name]
    with pytest.raises(UnreadableInput, match=r"the database stopped the query"):
        leads_of(database.url, f"SELECT {raising} AS id, created FROM {table}")


# -- URLs ---------------------------------------------------------------------------------------


def test_a_sqlite_path_cannot_turn_read_only_off(tmp_path: Path) -> None:
    database = tmp_path / "crm.db"
    with engine("sqlite", tmp_path) as target:
        small_table(target)
    before = sorted(tmp_path.iterdir())
    for tail in ("x.db%3Fmode%3Drwc%26x%3D", "crm.db%3Fmode%3Drw", "x.db%23"):
        url = f"sqlite:///{tmp_path}/{tail}"
        with pytest.raises(UnreadableInput, match="cannot open the database"):
            leads_of(url, "SELECT id, created FROM t")
    assert sorted(tmp_path.iterdir()) == before
    opened = open_database(f"sqlite:///{database}")
    with pytest.raises(Exception, match=r"(?i)readonly|not authorized"):
        opened.connection.execute("CREATE TABLE t2 (a)")
    opened.close()


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("sqlite:///crm.db", "crm.db"),
        ("sqlite:////abs/crm.db", "/abs/crm.db"),
        ("sqlite://dir/crm.db", "dir/crm.db"),
        ("sqlite:///x.db%3Fmode%3Drwc", "x.db?mode=rwc"),
        ("duckdb:///:memory:", ":memory:"),
        ("postgresql://u:p@ss@h:1/d%2Fb", "d/b"),
    ],
)
def test_urls_name_the_file_or_database(url: str, path: str) -> None:
    assert parse_url(url).path == path


@settings(max_examples=25)
@given(name=file_names())
def test_any_sqlite_file_name_opens_read_only(tmp_path_factory: pytest.TempPathFactory,
                                              name: str) -> None:  # fmt: skip
    import sqlite3

    folder = tmp_path_factory.mktemp("names")
    path = folder / name
    with sqlite3.connect(path) as writer:
        writer.execute("CREATE TABLE t (id TEXT, created TEXT)")
        writer.execute("INSERT INTO t VALUES ('L1', '2026-11-02 09:00:00')")
    writer.close()
    url = f"sqlite:///{quote(str(path))}"
    assert leads_of(url, "SELECT id, created FROM t") == ["L1"]
    assert sorted(p.name for p in folder.iterdir()) == [name]


@pytest.mark.parametrize(
    "password",
    [
        "Kp@Qss",
        "Kse:Qcr:Wet",
        "Ks3/Qcr@Wt",
        "Kpa?Qss#Ww@Xrd",
        "Kab%zzQ",
        "K@:@Q",
        "Kp@Qss@host2:99",
    ],
)
def test_a_raw_password_is_redacted_whole(password: str) -> None:
    for scheme in ("postgresql", "mysql"):
        url = f"{scheme}://sales:{password}@127.0.0.1:1/crm"
        with pytest.raises(UnreadableInput) as raised:
            leads_of(url, "SELECT id, created FROM leads")
        message = str(raised.value)
        assert f"{scheme}://sales:***@127.0.0.1:1/crm" in message
        assert "127.0.0.1:1" in message
        pieces = re.split(r"[@:/?#%]", password)
        for piece in [password, *(piece for piece in pieces if len(piece) > 1)]:
            assert piece not in message, piece
        assert raised.value.path is not None
        assert password not in raised.value.path


def test_a_password_in_the_query_string_is_redacted() -> None:
    url = "postgresql://sales@127.0.0.1:1/crm?sslmode=disable&password=Zq9-hidden"
    with pytest.raises(UnreadableInput) as raised:
        leads_of(url, "SELECT id, created FROM leads")
    assert "Zq9-hidden" not in str(raised.value)
    assert "password=***" in str(raised.value)


@settings(max_examples=50)
@given(password=passwords())
def test_no_password_ever_shows(password: str) -> None:
    url = f"postgresql://sales:{password}@db.invalid:5432/crm?password={quote(password, safe='')}"
    shown = redact(url)
    assert password not in shown
    assert quote(password, safe="") not in shown
    assert shown == "postgresql://sales:***@db.invalid:5432/crm?password=***"


def test_a_port_that_is_not_a_number_is_an_error_not_a_traceback() -> None:
    with pytest.raises(UnreadableInput, match=r"port .*'5x'.* a number") as raised:
        leads_of("postgresql://sales:se:cr@127.0.0.1:5x/crm", "SELECT 1")
    assert "se:cr" not in str(raised.value)


def test_a_raw_password_reaches_the_server_whole(tmp_path: Path) -> None:
    """PostgreSQL here trusts local users: the password is ignored, but the URL must parse."""
    with engine("postgresql", tmp_path) as target:
        table = small_table(target)
        url = POSTGRES_URL.replace("postgres@", "postgres:p@ss:w/rd?#@")
        assert leads_of(url, f"SELECT id, created FROM {table} ORDER BY id") == ["L1", "L2", "L3"]


# -- batch_size -----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, -1, -10000, 10**9])
def test_batch_size_out_of_range_is_an_invalid_option(tmp_path: Path, size: int) -> None:
    with engine("sqlite", tmp_path) as target:
        table = small_table(target)
        with pytest.raises(InvalidOption, match=r"'batch_size' .* from 1 to 1000000, got"):
            list(read("sql", target.url, options={
                "table": table, "mapping": MAPPING, "batch_size": size}).leads())  # fmt: skip
        with pytest.raises(InvalidOption, match=r"'batch_size'"):
            collect_actuals_sql(target.url, table=table, mapping=MAPPING, funnel=HUBSPOT_FUNNEL,
                                options={"batch_size": size})  # fmt: skip
        reading = read("sql", target.url, options={"table": table, "mapping": MAPPING,
                                                   "batch_size": 1})  # fmt: skip
        assert len(list(reading.leads())) == 3


# -- the check reads SQL as the engines do ------------------------------------------------------


#: Text that engines read differently: what a careless check would let through.
TRICKY = (
    "SELECT $$);$$",
    "SELECT $t$ $$);$$ $t$",
    "SELECT 1 #);\nSELECT 1",
    "SELECT '\\');SELECT ('",
    "SELECT 1 /* /* */);SELECT 1/* */",
    "SELECT 1 /* /* */ ' */);SELECT (1 --'",  # DuckDB nests comments
    "SELECT 1 --);\nSELECT 1",
    "SELECT 1 --x);\n",
    'SELECT "a""b");SELECT (""',
    "SELECT 1 /*! ); SELECT 1 */",
)


@settings(max_examples=400)
@given(query=sql_texts())
@example_each(TRICKY)
def test_an_accepted_query_is_one_select_to_duckdb(query: str) -> None:
    """Whatever the check accepts, DuckDB parses, wrapped, as one SELECT (or not at all)."""
    duckdb = pytest.importorskip("duckdb")
    try:
        accepted = one_select(query, dialect="duckdb", option="query")
    except InvalidOption:
        return
    with duckdb.connect() as connection:
        try:
            statements = connection.extract_statements(f"SELECT * FROM {subquery(accepted)}")
        except duckdb.ParserException:
            return
        assert [statement.type.name for statement in statements] == ["SELECT"]


@settings(max_examples=400)
@given(query=sql_texts())
@example_each(TRICKY)
def test_an_accepted_query_is_one_statement_to_sqlite(query: str) -> None:
    """Whatever the check accepts, SQLite compiles, wrapped, as one statement (or not at all)."""
    import sqlite3

    try:
        accepted = one_select(query, dialect="sqlite", option="query")
    except InvalidOption:
        return
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (x)")
    wrapped = f"SELECT * FROM {subquery(accepted)}"
    problem = ""
    try:
        connection.execute(f"EXPLAIN {wrapped}")
    except (sqlite3.Warning, sqlite3.Error) as error:  # not SQL, or a parameter ($$)
        problem = str(error)
    finally:
        connection.close()
    assert "one statement" not in problem, wrapped
