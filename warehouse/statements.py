"""SQL lives in sql/, not in Python: statements are loaded by name and cached."""

from __future__ import annotations

from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
MIGRATIONS_DIR = SQL_DIR / "migrations"
VIEWS_DIR = SQL_DIR / "views"
STATEMENTS_DIR = SQL_DIR / "statements"
QUERIES_DIR = SQL_DIR / "queries"


@cache
def statement(name: str) -> str:
    """The text of sql/statements/<name>.sql, read once per process."""
    return (STATEMENTS_DIR / f"{name}.sql").read_text(encoding="utf-8")
