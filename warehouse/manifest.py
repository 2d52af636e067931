"""What the warehouse already knows about each file, so a run can skip unchanged ones unread."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pyarrow as pa

from transforms.records import SourceFile
from warehouse.statements import statement
from warehouse.timeutil import utc_naive


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    size: int | None
    mtime_ns: int | None
    content_sha256: str | None
    status: str


def read_manifest(con: duckdb.DuckDBPyConnection) -> dict[str, ManifestEntry]:
    """source_file rows by path, fetched column-wise (100k rows in ~0.2 s).

    Files never read (no hash: over the size limit, unreadable) and files
    refused as too large after gunzip are left out, so a run re-examines them
    instead of skipping them by stat: a raised --max-bytes or a file readable
    again must not be taken for "unchanged".

    fetchnumpy rather than the relation API: DuckDB 2.0 refuses con.sql() while
    the caller still has an unfinished execute() result on the connection.
    """
    columns = con.execute(statement("manifest_read")).fetchnumpy()
    paths, sizes, mtimes, hashes, statuses = (column.tolist() for column in columns.values())
    return {
        path: ManifestEntry(size, mtime, sha, status)
        for path, size, mtime, sha, status in zip(
            paths, sizes, mtimes, hashes, statuses, strict=True
        )
    }


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


def split_unchanged(
    files: Sequence[SourceFile],
    manifest: dict[str, ManifestEntry],
    full_refresh: bool,
) -> tuple[list[SourceFile], list[str]]:
    """Files whose size and mtime match the manifest are skipped without being read."""
    if full_refresh:
        return list(files), []
    todo: list[SourceFile] = []
    unchanged: list[str] = []
    for f in files:
        seen = manifest.get(f.rel_path)
        if seen is not None and seen.size == f.size and seen.mtime_ns == f.mtime_ns:
            unchanged.append(f.rel_path)
        else:
            todo.append(f)
    return todo, unchanged
