"""Shared test helpers: where the bundled data is, and warehouse snapshots."""

from __future__ import annotations

import contextlib
import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import duckdb

from transforms import Article, parse_text

REPO = Path(__file__).resolve().parent.parent
LANDING = REPO / "landing"
SAMPLE_REL = "apnews/2025-09-05/apnews-putin-legitimate-targets.txt"

# Columns that legitimately differ between two runs over the same files.
VOLATILE_COLUMNS = frozenset(
    {"run_id", "loaded_at", "first_seen_at", "last_seen_at", "last_seen_run_id", "quarantined_at"}
)
DATA_TABLES = ("article", "image", "related_link", "source_file", "quarantine")
CONTRACT_TABLES = (*DATA_TABLES, "etl_run")

# The bad inputs bundled in landing/ and the quarantine reason each must get.
BAD_FILES = {
    "misc/bad/binary-image.txt": "binary",
    "misc/bad/cookie-wall.txt": "not_an_article",
    "misc/bad/corrupt.txt.gz": "decode_error",
    "misc/bad/empty.txt": "empty",
    "misc/bad/gzip-bomb.txt.gz": "too_large",
    "misc/bad/html-error-page.txt": "not_an_article",
    "misc/bad/no-title.txt": "no_title",
    "misc/bad/recommendations-only.txt": "not_an_article",
    "misc/bad/whitespace-only.txt": "empty",
}


def load_make_corpus() -> ModuleType:
    """bench/make_corpus.py as a module (bench/ holds scripts, not a package)."""
    if "make_corpus" in sys.modules:
        return sys.modules["make_corpus"]
    spec = importlib.util.spec_from_file_location("make_corpus", REPO / "bench/make_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module
    spec.loader.exec_module(module)
    return module


Snapshot = dict[str, list[tuple[object, ...]]]


def snapshot(
    target: Path | duckdb.DuckDBPyConnection,
    tables: tuple[str, ...] = CONTRACT_TABLES,
    drop: frozenset[str] = frozenset(),
) -> Snapshot:
    """Every row of `tables` (by default all of them, every column), sorted, for comparisons.

    `target` is an open connection, or a warehouse file opened read-only for it.
    """
    with contextlib.ExitStack() as stack:
        if isinstance(target, Path):
            con = duckdb.connect(str(target), read_only=True)
            stack.callback(con.close)
        else:
            con = target
        snap: Snapshot = {}
        for table in tables:
            columns = [
                name
                for (name,) in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_name = ? order by ordinal_position",
                    [table],
                ).fetchall()
                if name not in drop
            ]
            select = ", ".join(f'"{c}"' for c in columns)
            rows = con.execute(f"select {select} from {table}").fetchall()
            snap[table] = sorted(rows, key=repr)
        return snap


def content_snapshot(db: Path) -> Snapshot:
    """The data tables minus run ids and timestamps: what two runs over the same files share."""
    return snapshot(db, DATA_TABLES, VOLATILE_COLUMNS)


def query(db: Path, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


# landing/pages/: whole-page captures (contract §1.3); landing/html/: HTML dumps (§1.4).
# Most suites pin the counts of the §1.1 dumps and bad inputs beside them;
# tests/flows/test_flow.py runs the whole folder.
PAGES_DIR = "pages"
HTML_DIR = "html"


def copy_landing(dest: Path, *, pages: bool = False) -> Path:
    """A private, writable copy of the bundled landing folder (mtimes preserved).

    Without `pages`, the whole pages are left out: the captures of landing/pages/ and the
    HTML dumps of landing/html/.
    """
    ignore = None if pages else shutil.ignore_patterns(PAGES_DIR, HTML_DIR)
    shutil.copytree(LANDING, dest, ignore=ignore)
    return dest


def article_of(text: str) -> Article:
    """The article parse_text makes of `text` (failing the test if it refuses it)."""
    parsed = parse_text(text)
    assert isinstance(parsed, Article), parsed
    return parsed
