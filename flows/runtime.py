"""What the ingest flow needs of Prefect besides its tasks: run id, tags, artifacts, progress, lock.

Kept apart from flows/ingest.py so that the flow reads as the job's outline.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from prefect import get_run_logger
from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.context import FlowRunContext, TagsContext
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from flows.landing import Prescan
from flows.summary import RunSummary, summary_markdown
from warehouse.runlock import WarehouseLocked, run_lock

ProgressListener = Callable[[int, int], None]


class RunHooks:
    """What the caller of a run hands it besides its parameters (`newsetl run` does).

    `on_progress(done, total)` is called as batches load (the CLI draws its
    progress bar with it); `prescan` is the landing folder's listing, started
    before the run. Slotted, so Prefect records `<RunHooks>` among the flow
    run's parameters instead of serialising what it holds.
    """

    __slots__ = ("on_progress", "prescan")

    def __init__(
        self, on_progress: ProgressListener | None = None, prescan: Prescan | None = None
    ) -> None:
        self.on_progress = on_progress
        self.prescan = prescan

    def __reduce__(self) -> tuple[type[RunHooks], tuple[()]]:
        """Hooks belong to the calling process: a copy sent elsewhere (Prefect ships the
        flow's context to Dask workers) carries none."""
        return RunHooks, ()


class Progress:
    """The run's progress: a progress artifact in the UI, and the caller's listener."""

    def __init__(self, total: int, done: int, listener: ProgressListener | None) -> None:
        self.total, self.done, self.listener = total, done, listener
        self.artifact = create_progress_artifact(
            progress=0.0, key="ingest-progress", description="files processed"
        )
        self._tell()

    def advance(self, files: int) -> None:
        self.done += files
        self._tell()
        update_progress_artifact(self.artifact, 100.0 * self.done / max(1, self.total))

    def finish(self) -> None:
        update_progress_artifact(self.artifact, 100.0)

    def _tell(self) -> None:
        if self.listener is not None:
            self.listener(self.done, self.total)


def current_run_id() -> str:
    run_id = flow_run.get_id()
    return str(run_id) if run_id else str(uuid.uuid4())


def run_tags(landing: str | Path, db: str | Path) -> list[str]:
    """Tags on every run (CLI or schedule) so the UI can filter by landing folder and warehouse."""
    return ["newsetl", f"landing:{Path(landing).resolve()}", f"warehouse:{Path(db).resolve()}"]


def untagged_task_runs() -> TagsContext:
    """Task runs inside it carry no tags; the flow run keeps the run's tags (for the UI's filters).

    Before each tagged task run Prefect asks the API for a concurrency slot of
    every tag, in case a limit exists: several times the cost of the task run itself.
    """
    return TagsContext(current_tags=set())


def parses_on_dask() -> bool:
    """The flow runs on a Dask task runner: the cluster parses, and arguments go unquoted."""
    context = FlowRunContext.get()
    runner = context.task_runner if context else None
    return runner is not None and not isinstance(runner, ThreadPoolTaskRunner)


def holds_run_lock(stack: ExitStack, summary: RunSummary, wait_s: float, if_busy: str) -> bool:
    """Take the warehouse's run lock into `stack`; False if busy and asked to skip.

    A skipped run is a success (Completed in the UI): a scheduled run that
    finds the previous one still loading has nothing to do, the next tick
    picks up whatever arrived meanwhile.
    """
    logger = get_run_logger()

    def on_wait(holder: str) -> None:
        logger.info("waiting up to %.0f s: %s", wait_s, holder)

    try:
        stack.enter_context(run_lock(Path(summary.db), summary.run_id, wait_s, on_wait))
    except WarehouseLocked as busy:
        if if_busy == "fail":
            raise
        logger.warning(
            "skipped, nothing ingested: %s. The run holding the warehouse is not "
            "affected; the next run picks up the files that arrived meanwhile.",
            str(busy).split("; ")[0],
        )
        summary.status, summary.message = "skipped", str(busy)
        return False
    return True


def publish_artifacts(summary: RunSummary, quarantined: list[dict[str, str]] | None) -> None:
    """What a run shows in the Prefect UI besides its logs; every run leaves a summary.

    Keys (lowercase letters, digits, dashes) make each artifact a versioned
    series in the UI's Artifacts page, one version per run.
    """
    create_markdown_artifact(
        key="ingest-summary",
        description=f"newsetl run {summary.run_id}: {summary.status}",
        markdown=summary_markdown(summary),
    )
    if quarantined is None:  # skipped or failed before the end: nothing to list
        return
    create_table_artifact(
        key="ingest-quarantine",
        description="Files quarantined by this run, with reason and detail",
        table=quarantined or [{"path": "", "reason": "", "detail": "nothing quarantined"}],
    )


def publish_failure(summary: RunSummary, exc: Exception, duration_s: float) -> None:
    """The summary of a failed run, without ever masking the error that failed it."""
    if summary.status == "failed":  # already published at the end of the run
        return
    summary.status = "failed"
    summary.message = f"{type(exc).__name__}: {exc}"
    summary.duration_s = duration_s
    try:
        publish_artifacts(summary, None)
    except Exception as error:
        get_run_logger().warning("could not publish the run summary artifact: %s", error)
