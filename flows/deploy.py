"""Scheduled deployments of the ingest flow (Prefect `serve`)."""

from __future__ import annotations

from pathlib import Path

from prefect import serve
from prefect.client.schemas.schedules import CronSchedule

from flows.ingest import ingest_dumps


def deployment_tags(landing: Path, db: Path) -> list[str]:
    """Tags let the UI filter runs by landing folder and warehouse."""
    return ["newsetl", f"landing:{landing}", f"warehouse:{db}"]


def ingest_deployment(
    landing: Path, db: Path, cron: str, name: str, timezone: str | None = None
):  # -> RunnerDeployment
    """The ingest flow on a cron; overlapping runs skip instead of failing."""
    schedule = CronSchedule(cron=cron, timezone=timezone) if timezone else None
    return ingest_dumps.to_deployment(
        name=name,
        cron=None if schedule else cron,
        schedules=[schedule] if schedule else None,
        parameters={"landing": str(landing), "db": str(db), "if_busy": "skip"},
        tags=deployment_tags(landing, db),
        description=f"Ingest raw dumps from {landing} into {db} on '{cron}'.",
    )


def serve_ingest(
    landing: Path, db: Path, cron: str, name: str, timezone: str | None = None
) -> None:
    serve(ingest_deployment(landing, db, cron, name, timezone))
