"""Versioned schema migrations plus idempotent views, applied in order.

sql/migrations/NNN_name.sql files run once each, in version order, each in its
own transaction together with its schema_version row, so a crash mid-migration
leaves the previous version intact. Migration files must not contain their own
BEGIN/COMMIT. sql/views/*.sql (CREATE OR REPLACE VIEW) are re-applied on every
call, in file-name order, so a view may use any view whose file sorts before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib.resources.abc import Traversable

import duckdb

from warehouse.errors import SchemaTooNew
from warehouse.statements import MIGRATIONS_DIR, VIEWS_DIR, sql_files, statement

# "001_initial.sql" -> version "001", name "initial"
MIGRATION_FILE = re.compile(r"^(\d{3,})_(\w+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    path: Traversable


def migrations_in(folder: Traversable) -> list[Migration]:
    """The migrations of `folder` by version; a misnamed or clashing file is an error."""
    found: dict[int, Migration] = {}
    for path in sql_files(folder):
        match = MIGRATION_FILE.match(path.name)
        if match is None:
            raise ValueError(f"migration file {path} is not named NNN_name.sql")
        version = int(match.group(1))
        if version in found:
            clash = found[version].path.name
            raise ValueError(f"migrations {clash} and {path.name} share a version")
        found[version] = Migration(version, match.group(2), path)
    return [found[v] for v in sorted(found)]


def applied_versions(con: duckdb.DuckDBPyConnection) -> list[int]:
    con.execute(statement("schema_version_create"))
    return [row[0] for row in con.execute(statement("schema_version_applied")).fetchall()]


def current_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The newest applied version, or None when the file has no ledger (never migrated)."""
    try:
        rows = con.execute(statement("schema_version_current")).fetchall()
    except duckdb.CatalogException:
        return None
    return rows[0][0] if rows else None


@cache
def latest_known_version() -> int:
    migrations = migrations_in(MIGRATIONS_DIR)
    return migrations[-1].version if migrations else 0


def run_script(con: duckdb.DuckDBPyConnection, text: str) -> None:
    """Execute every statement of a .sql file (a file of only comments is fine)."""
    for stmt in con.extract_statements(text):
        con.execute(stmt)


def apply_migration(con: duckdb.DuckDBPyConnection, migration: Migration) -> None:
    con.begin()
    try:
        run_script(con, migration.path.read_text(encoding="utf-8"))
        con.execute(
            statement("schema_version_record"),
            {
                "version": migration.version,
                "name": migration.name,
                "applied_at": datetime.now(UTC).replace(tzinfo=None),
            },
        )
        con.commit()
    except BaseException:
        con.rollback()
        raise


def apply_views(con: duckdb.DuckDBPyConnection, views_dir: Traversable) -> list[str]:
    """(Re)create every view in one transaction; returns the file names applied."""
    files = sql_files(views_dir)
    con.begin()
    try:
        for path in files:
            run_script(con, path.read_text(encoding="utf-8"))
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return [p.name for p in files]


def migrate(
    con: duckdb.DuckDBPyConnection,
    migrations_dir: Traversable | None = None,
    views_dir: Traversable | None = None,
) -> list[int]:
    """Bring the schema up to date; returns the versions applied by this call (often none)."""
    migrations = migrations_in(migrations_dir or MIGRATIONS_DIR)
    applied = set(applied_versions(con))
    newest_known = migrations[-1].version if migrations else 0
    too_new = sorted(v for v in applied if v > newest_known)
    if too_new:
        raise SchemaTooNew(
            f"this warehouse has schema version {too_new[-1]} but this newsetl knows only up to "
            f"{newest_known}; upgrade newsetl before writing to it"
        )
    done: list[int] = []
    for migration in migrations:
        if migration.version not in applied:
            apply_migration(con, migration)
            done.append(migration.version)
    apply_views(con, views_dir or VIEWS_DIR)
    return done
