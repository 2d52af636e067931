"""What the warehouse already knows about each file, so a run can skip unchanged ones unread."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar

import duckdb
import pyarrow as pa

from warehouse.frames import ListedFile
from warehouse.statements import statement
from warehouse.timeutil import utc_naive

Listed = TypeVar("Listed", bound=ListedFile)


def split_unchanged(
    con: duckdb.DuckDBPyConnection, files: Sequence[Listed], full_refresh: bool = False
) -> tuple[list[Listed], list[str]]:
    """(files to read, paths unchanged since the warehouse saw them: same size and mtime).

    Compared inside DuckDB: the file list goes in as one Arrow table and only
    the positions of the unchanged files come back, so a 100k-file re-run
    builds no 100k-entry manifest in Python. Which files can never be skipped
    is in sql/statements/manifest_unchanged.sql.
    """
    if full_refresh or not files:
        return list(files), []
    discovered = pa.table(
        {
            "i": pa.array(range(len(files)), pa.int64()),
            "path": pa.array([f.rel_path for f in files], pa.string()),
            "size": pa.array([f.size for f in files], pa.int64()),
            "mtime_ns": pa.array([f.mtime_ns for f in files], pa.int64()),
        }
    )
    con.register("discovered", discovered)
    try:
        skip = con.execute(statement("manifest_unchanged")).fetchnumpy()["i"]
    finally:
        con.unregister("discovered")
    skipped = frozenset(skip.tolist())
    todo = [f for i, f in enumerate(files) if i not in skipped]
    return todo, [files[i].rel_path for i in sorted(skipped)]


def touch_unchanged(
    con: duckdb.DuckDBPyConnection, rel_paths: Sequence[str], run_id: str, now: datetime
) -> int:
    """Mark files seen by this run without changing their outcome; returns rows touched.

    `run_id` stays the run that last loaded or changed the file; this run goes
    to `last_seen_run_id`. One set-based UPDATE joined to an Arrow table.
    """
    if not rel_paths:
        return 0
    con.register("touched_paths", pa.table({"path": pa.array(rel_paths, pa.string())}))
    try:
        result = con.execute(
            statement("manifest_touch"), {"now": utc_naive(now), "run_id": run_id}
        ).fetchall()
    finally:
        con.unregister("touched_paths")
    return int(result[0][0]) if result else 0
