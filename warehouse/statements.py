"""SQL lives in the `sql` package (sql/*/*.sql), not in Python: statements are loaded by name.

Every .sql file is read through importlib.resources, so an installed wheel
finds the files it ships, whatever the current directory and whether or not
a source tree is nearby.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

SQL_DIR: Traversable = files("sql")
MIGRATIONS_DIR = SQL_DIR / "migrations"
VIEWS_DIR = SQL_DIR / "views"
STATEMENTS_DIR = SQL_DIR / "statements"
QUERIES_DIR = SQL_DIR / "queries"


def sql_files(folder: Traversable) -> list[Traversable]:
    """The .sql files directly in `folder`, by name (a plain Path is a Traversable too)."""
    found = [item for item in folder.iterdir() if item.name.endswith(".sql") and item.is_file()]
    return sorted(found, key=lambda item: item.name)


@cache
def statement(name: str) -> str:
    """The text of sql/statements/<name>.sql, read once per process."""
    return (STATEMENTS_DIR / f"{name}.sql").read_text(encoding="utf-8")
