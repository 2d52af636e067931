"""Ad-hoc SQL for `newsetl sql`: reads only, on a read-only connection.

Two lines of defence. First, DuckDB's own parser classifies the statement and
anything but a query is refused; this matters because a read-only connection
still lets COPY ... TO and EXPLAIN ANALYZE COPY write files, and SET/PRAGMA
change settings. Second, the connection itself is read-only, so whatever
slips past the first check cannot change the warehouse.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import duckdb
import pyarrow as pa

from warehouse.db import open_reader
from warehouse.errors import ReadOnlyQueryError

__all__ = ["QueryResult", "ReadOnlyQueryError", "check_read_only", "run_query"]

READ_TYPES = frozenset({duckdb.StatementType.SELECT})
# PRAGMA and CALL are allowed only for these read-only introspection functions.
READ_ONLY_FUNCTIONS = frozenset(
    {
        "collations",
        "database_list",
        "database_size",
        "functions",
        "metadata_info",
        "platform",
        "show",
        "show_databases",
        "show_tables",
        "show_tables_expanded",
        "storage_info",
        "table_info",
        "user_agent",
        "version",
    }
)
# "-- note\n/* x */  " at the start of a statement
LEADING_COMMENTS = re.compile(r"^(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/)*", re.S)
# "PRAGMA table_info" / "CALL pragma_table_info" -> "table_info"; "CALL duckdb_tables" -> same
CALLED_NAME = re.compile(r"^(?:PRAGMA|CALL)\s+(?:pragma_)?([A-Za-z_][A-Za-z0-9_]*)", re.I)
# "EXPLAIN ANALYZE ", "EXPLAIN (FORMAT json) ", "EXPLAIN " (what follows is the explained query)
EXPLAIN_PREFIX = re.compile(r"^EXPLAIN\s+(?:ANALY[SZ]E\s+|\([^)]*\)\s*)?", re.I)


class QueryResult(NamedTuple):
    columns: list[str]
    rows: list[tuple[Any, ...]] | pa.Table


def refusal(what: str) -> ReadOnlyQueryError:
    return ReadOnlyQueryError(f"newsetl sql is read-only: {what}")


def statement_types(sql: str) -> list[tuple[duckdb.StatementType, str]]:
    parser = duckdb.connect()
    try:
        return [(s.type, s.query) for s in parser.extract_statements(sql)]
    except ValueError:  # a statement type the Python enum does not know (UPDATE EXTENSIONS)
        raise refusal("this kind of statement is not supported") from None
    finally:
        parser.close()


def check_one(kind: duckdb.StatementType, text: str, depth: int = 0) -> None:
    body = LEADING_COMMENTS.sub("", text, count=1)
    if kind in READ_TYPES:
        return
    if kind is duckdb.StatementType.EXPLAIN and depth == 0:
        inner = statement_types(EXPLAIN_PREFIX.sub("", body, count=1))
        if len(inner) == 1:
            check_one(*inner[0], depth=1)
            return
    if kind in (duckdb.StatementType.PRAGMA, duckdb.StatementType.CALL):
        match = CALLED_NAME.match(body)
        name = match.group(1).lower() if match else ""
        if name in READ_ONLY_FUNCTIONS or name.startswith("duckdb_"):
            return
    verb = body.split(None, 1)[0].upper() if body.strip() else kind.name
    raise refusal(f"{verb} statements are refused; use SELECT (or WITH ... SELECT, DESCRIBE)")


def check_read_only(sql: str) -> None:
    """Raise ReadOnlyQueryError unless `sql` is exactly one statement that only reads."""
    statements = statement_types(sql)
    if not statements:
        raise refusal("no SQL statement given")
    if len(statements) > 1:
        raise refusal(f"give one statement at a time (got {len(statements)})")
    check_one(*statements[0])


def run_query(
    db_path: Path | str,
    sql: str,
    timeout_s: float = 10.0,
    on_wait: Callable[[str], None] | None = None,
    as_arrow: bool = False,
) -> QueryResult:
    """(columns, rows) of one read-only statement; rows are an Arrow table if `as_arrow`.

    Invalid SQL raises duckdb's own error (its message names the problem).
    """
    check_read_only(sql)
    with open_reader(db_path, timeout_s=timeout_s, on_wait=on_wait) as con:
        if as_arrow:
            relation = con.sql(sql)
            return QueryResult(list(relation.columns), relation.to_arrow_table())
        cursor = con.execute(sql)
        return QueryResult([d[0] for d in cursor.description or []], cursor.fetchall())
