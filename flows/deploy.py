"""Scheduled deployments of the ingest flow (Prefect `serve`).

prefect.yaml at the repository root declares the same deployment for
work-pool users (`prefect deploy`); tests/flows/test_deploy.py keeps the two alike.
"""

from __future__ import annotations

from pathlib import Path

from prefect import serve
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.client.schemas.schedules import CronSchedule
from prefect.deployments.runner import RunnerDeployment

from flows.ingest import ingest_dumps
from flows.runtime import run_tags

DEFAULT_NAME = "scheduled-ingest"

# One run of the deployment at a time. A run scheduled while the previous one
# is still going is cancelled by the server instead of queued: the ingest is
# incremental, so the next tick catches up, and a queue could only grow.
ONE_AT_A_TIME = ConcurrencyLimitConfig(
    limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW
)


def deployment_parameters(landing: Path, db: Path) -> dict[str, str]:
    """Scheduled runs skip (Completed, with a log line) when a CLI run holds the warehouse."""
    return {"landing": str(landing), "db": str(db), "if_busy": "skip"}


def ingest_deployment(
    landing: Path, db: Path, cron: str, name: str = DEFAULT_NAME, timezone: str | None = None
) -> RunnerDeployment:
    """The ingest flow on a cron, one run at a time, tagged with its landing and warehouse."""
    return ingest_dumps.to_deployment(
        name=name,
        schedules=[CronSchedule(cron=cron, timezone=timezone or "UTC")],
        concurrency_limit=ONE_AT_A_TIME,
        parameters=deployment_parameters(landing, db),
        tags=run_tags(landing, db),
        description=f"Ingest raw dumps from {landing} into {db} on '{cron}'.",
    )


def serve_ingest(
    landing: Path, db: Path, cron: str, name: str = DEFAULT_NAME, timezone: str | None = None
) -> None:
    """Register the deployment and run its flow runs from this process until stopped.

    Stopping (Ctrl-C or SIGTERM) pauses the schedule, so no runs pile up
    while nothing is serving them.
    """
    serve(ingest_deployment(landing, db, cron, name, timezone))
