"""The etl_run ledger: one row per run, from `running` to `completed`, `failed` or `crashed`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

import duckdb

from warehouse.faults import fault_point
from warehouse.statements import statement
from warehouse.timeutil import utc_naive

FinalStatus = Literal["completed", "failed", "crashed"]
COUNT_KEYS = (
    "files_seen",
    "files_loaded",
    "files_unchanged",
    "files_quarantined",
    "files_duplicate",
    "articles_upserted",
    "images",
    "related_links",
)


def start_run(
    con: duckdb.DuckDBPyConnection, run_id: str, landing: str, started_at: datetime
) -> None:
    """Register the run as `running`; safe to repeat when the task that calls it is retried."""
    params = {"run_id": run_id, "landing": str(landing), "started_at": utc_naive(started_at)}
    con.execute(statement("run_start"), params)
    fault_point("run:after_start")


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    counts: Mapping[str, Any],
    status: FinalStatus,
    finished_at: datetime,
    duration_s: float,
    message: str | None = None,
) -> None:
    """Store the final counts; `counts` needs the COUNT_KEYS (extra keys are ignored).

    `message` defaults to counts["message"] (empty means none).
    """
    missing = [key for key in COUNT_KEYS if key not in counts]
    if missing:
        raise KeyError(f"finish_run counts lack {missing}")
    params: dict[str, Any] = {key: int(counts[key]) for key in COUNT_KEYS}
    params.update(
        run_id=run_id,
        status=status,
        finished_at=utc_naive(finished_at),
        duration_s=float(duration_s),
        message=message if message is not None else (counts.get("message") or None),
    )
    if not con.execute(statement("run_finish"), params).fetchall():
        raise KeyError(f"no run {run_id!r} in etl_run (start_run was not called)")


def mark_crashed_runs(con: duckdb.DuckDBPyConnection) -> int:
    """Turn stale `running` rows into `crashed`; call it only while holding the run lock."""
    return len(con.execute(statement("run_mark_crashed")).fetchall())


def run_summary(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, Any]:
    """The etl_run row of `run_id` as a dict; KeyError if there is none."""
    cursor = con.execute(statement("run_summary"), {"run_id": run_id})
    rows = cursor.fetchall()
    if not rows:
        raise KeyError(f"no run {run_id!r} in etl_run")
    return dict(zip([d[0] for d in cursor.description], rows[0], strict=True))


def quarantined_in_run(con: duckdb.DuckDBPyConnection, run_id: str) -> list[dict[str, str]]:
    """Files this run quarantined (still quarantined now), for the run's report."""
    rows = con.execute(statement("run_quarantined"), {"run_id": run_id}).fetchall()
    return [{"path": p, "reason": reason, "detail": detail or ""} for p, reason, detail in rows]
