"""Every warehouse column, declared once: its name, DuckDB type and where its value comes from.

The parse processes' row builders (warehouse/frames.py), the loader's Arrow
schemas (warehouse/arrow.py) and the schema test derive from this registry;
the DDL that creates the columns is a numbered migration in sql/migrations/,
and tests/warehouse/test_columns.py checks the two agree.

Adding a column to `article`, `image` or `related_link` that the parser fills
means: a field of the same name on the record (transforms/records.py), a line
here, and a migration. Nothing else.

No pyarrow and no DuckDB here: parse processes import this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Source(StrEnum):
    """Where a column's value comes from."""

    PARSED = "parsed"  # the parser's record field of the same name (transforms/records.py)
    PARENT = "parent"  # the parent article's article_id (image, related_link)
    FILE = "file"  # the dump the row was parsed from (its lineage)
    RUN = "run"  # stamped on every row of a batch by the loader's INSERT
    LOADER = "loader"  # the loader's own bookkeeping (source_file, quarantine, etl_run)


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # as DuckDB's information_schema spells it
    source: Source


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def named(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name!r}")

    def from_source(self, *sources: Source) -> tuple[Column, ...]:
        """The columns filled from `sources`, in table order."""
        return tuple(c for c in self.columns if c.source in sources)


def _table(name: str, *columns: tuple[str, str, Source]) -> Table:
    return Table(name, tuple(Column(*column) for column in columns))


P, PARENT, F, R, L = Source.PARSED, Source.PARENT, Source.FILE, Source.RUN, Source.LOADER

# Contract columns (DATA-CONTRACT.md §2) first, in its order; extras after them.
ARTICLE = _table(
    "article",
    ("article_id", "VARCHAR", P),
    ("title", "VARCHAR", P),
    ("publisher", "VARCHAR", P),
    ("summary", "VARCHAR", P),
    ("authors", "VARCHAR[]", P),
    ("dateline", "VARCHAR", P),
    ("published_at", "TIMESTAMP", P),
    ("updated_at", "TIMESTAMP", P),
    ("published_date", "DATE", P),
    ("published_date_source", "VARCHAR", P),
    ("body", "VARCHAR", P),
    ("paragraph_count", "INTEGER", P),
    ("word_count", "INTEGER", P),
    ("source_path", "VARCHAR", F),
    ("content_sha256", "VARCHAR", F),
    ("run_id", "VARCHAR", R),
    ("source_mtime_ns", "BIGINT", F),  # which capture wins: (source_mtime_ns, source_path)
    ("loaded_at", "TIMESTAMP", R),
    ("url", "VARCHAR", P),
    ("source_format", "VARCHAR", P),
)

IMAGE = _table(
    "image",
    ("article_id", "VARCHAR", PARENT),
    ("position", "INTEGER", P),
    ("caption", "VARCHAR", P),
    ("credit", "VARCHAR", P),
    ("photographer", "VARCHAR", P),
    ("organization", "VARCHAR", P),
    ("distributor", "VARCHAR", P),
    ("is_file_photo", "BOOLEAN", P),
    ("is_handout", "BOOLEAN", P),
    ("photo_date", "DATE", P),
    ("source_path", "VARCHAR", F),
    ("run_id", "VARCHAR", R),
)

RELATED_LINK = _table(
    "related_link",
    ("article_id", "VARCHAR", PARENT),
    ("position", "INTEGER", P),
    ("link_type", "VARCHAR", P),
    ("title", "VARCHAR", P),
    ("publisher", "VARCHAR", P),
    ("category", "VARCHAR", P),
    ("url", "VARCHAR", P),
    ("source_path", "VARCHAR", F),
    ("run_id", "VARCHAR", R),
)

SOURCE_FILE = _table(
    "source_file",
    ("path", "VARCHAR", L),
    ("size", "BIGINT", L),
    ("content_sha256", "VARCHAR", L),
    ("first_seen_at", "TIMESTAMP", L),
    ("last_seen_at", "TIMESTAMP", L),
    ("status", "VARCHAR", L),
    ("article_id", "VARCHAR", L),
    ("run_id", "VARCHAR", L),
    ("mtime_ns", "BIGINT", L),
    ("last_seen_run_id", "VARCHAR", L),
)

QUARANTINE = _table(
    "quarantine",
    ("path", "VARCHAR", L),
    ("content_sha256", "VARCHAR", L),
    ("reason", "VARCHAR", L),
    ("detail", "VARCHAR", L),
    ("run_id", "VARCHAR", L),
    ("quarantined_at", "TIMESTAMP", L),
)

ETL_RUN = _table(
    "etl_run",
    ("run_id", "VARCHAR", L),
    ("started_at", "TIMESTAMP", L),
    ("finished_at", "TIMESTAMP", L),
    ("status", "VARCHAR", L),
    ("files_seen", "INTEGER", L),
    ("files_loaded", "INTEGER", L),
    ("files_unchanged", "INTEGER", L),
    ("files_quarantined", "INTEGER", L),
    ("articles_upserted", "INTEGER", L),
    ("images", "INTEGER", L),
    ("related_links", "INTEGER", L),
    ("files_duplicate", "INTEGER", L),
    ("landing", "VARCHAR", L),
    ("duration_s", "DOUBLE", L),
    ("message", "VARCHAR", L),
)

TABLES: dict[str, Table] = {
    t.name: t for t in (ARTICLE, IMAGE, RELATED_LINK, SOURCE_FILE, QUARANTINE, ETL_RUN)
}
