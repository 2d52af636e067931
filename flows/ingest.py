"""The ingest flow: landing folder -> DuckDB warehouse.

Outline (each step one coarse task; a batch, never a file):

    lock the warehouse for this run (one writer at a time)
    plan the run: register it, discover files and skip the ones unchanged
        since the last run (one task: the 100k-entry file list never crosses
        a task boundary)
    parse batches: in the flow's process, in spawned parse processes (the
        default for big runs) or on Dask, a bounded window of them in flight
    load each batch in one transaction, in the flow process
    close the run: counts in etl_run, summary + quarantine artifacts
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from prefect import flow, get_run_logger, task
from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.cache_policies import NO_CACHE
from prefect.context import TagsContext
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from flows.landing import discover, parse_frames
from newsetl import settings
from transforms.records import SourceFile
from warehouse.db import open_writer
from warehouse.frames import ParsedFrames
from warehouse.load import BatchCounts, load_batch
from warehouse.manifest import split_unchanged, touch_unchanged
from warehouse.runlock import WarehouseLocked, run_lock
from warehouse.runs import finish_run, mark_crashed_runs, quarantined_in_run, start_run

ProgressListener = Callable[[int, int], None]
_progress_listeners: list[ProgressListener] = []


def add_progress_listener(listener: ProgressListener) -> None:
    """Let the CLI draw a terminal progress bar without the flow knowing about terminals."""
    _progress_listeners.append(listener)


def remove_progress_listener(listener: ProgressListener) -> None:
    if listener in _progress_listeners:
        _progress_listeners.remove(listener)


@dataclass(slots=True)
class RunSummary:
    """What a run did; the CLI prints it and etl_run stores it."""

    run_id: str
    status: str
    landing: str
    db: str
    files_seen: int = 0
    files_loaded: int = 0
    files_unchanged: int = 0
    files_duplicate: int = 0
    files_quarantined: int = 0
    articles_upserted: int = 0
    images: int = 0
    related_links: int = 0
    duration_s: float = 0.0
    message: str = ""

    @property
    def files_per_s(self) -> float:
        return self.files_seen / self.duration_s if self.duration_s else 0.0

    def add(self, counts: BatchCounts) -> None:
        self.files_loaded += counts.loaded
        self.files_unchanged += counts.unchanged
        self.files_duplicate += counts.duplicate
        self.files_quarantined += counts.quarantined
        self.articles_upserted += counts.articles_upserted
        self.images += counts.images
        self.related_links += counts.related_links

    def accounted(self) -> int:
        return (
            self.files_loaded + self.files_unchanged + self.files_duplicate + self.files_quarantined
        )


def batched(items: Sequence[SourceFile], size: int) -> Iterator[list[SourceFile]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def current_run_id() -> str:
    run_id = flow_run.get_id()
    if run_id:
        return str(run_id)
    import uuid

    return str(uuid.uuid4())


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# -- tasks -------------------------------------------------------------------


@dataclass(slots=True)
class RunPlan:
    """What plan-run hands the flow: the files to parse, not every file found.

    A dataclass, so Prefect's result tracking looks one level in (at `todo`,
    not at each of its files).
    """

    files_seen: int
    unchanged: int
    todo: list[SourceFile]


@dataclass(slots=True)
class ParsedBatch:
    """A parse task's result, wrapped so Prefect does not walk each file of it."""

    frames: ParsedFrames | None

    def take(self) -> ParsedFrames:
        """The frames, handed over once: the wrapper lets go of them.

        The task's Completed state keeps this wrapper in a reference cycle
        until the garbage collector's next full pass, which columns of plain
        values (few objects to count) make rare: holding ~15 MB batches that
        long took the flow process from ~0.6 to ~0.9 GB at 100k dumps.
        """
        frames, self.frames = self.frames, None
        if frames is None:
            raise RuntimeError("parsed batch already taken")
        return frames


@task(
    name="plan-run",
    task_run_name="plan-run",
    retries=2,
    retry_delay_seconds=2,
    cache_policy=NO_CACHE,
    persist_result=False,
)
def plan_run(
    db: str, run_id: str, landing: str, landing_abs: str, wait_s: float, full_refresh: bool
) -> RunPlan:
    """Open the run, discover the dumps and skip those unchanged since the last run.

    One task (rather than open / discover / skip) so the full file list stays
    inside it: on a 100k-file re-run it is the largest object of the run, and
    every task boundary costs a walk of it. The warehouse is opened twice,
    briefly, and not held while the folder is walked, so readers get in between.
    """
    logger = get_run_logger()
    with open_writer(Path(db), timeout_s=wait_s, on_wait=logger.info) as con:
        crashed = mark_crashed_runs(con)
        if crashed:
            logger.warning("marked %d earlier run(s) that never finished as crashed", crashed)
        start_run(con, run_id, landing, now_utc())
    files = discover(Path(landing_abs))
    logger.info("found %d file(s) under %s", len(files), landing_abs)
    with open_writer(Path(db), timeout_s=wait_s, on_wait=logger.info) as con:
        todo, unchanged = split_unchanged(con, files, full_refresh)
        touch_unchanged(con, unchanged, run_id, now_utc())
    logger.info("%d unchanged since the last run, %d to parse", len(unchanged), len(todo))
    return RunPlan(files_seen=len(files), unchanged=len(unchanged), todo=todo)


@task(
    name="parse-batch",
    task_run_name="parse-batch-{batch_no}",
    retries=2,
    retry_delay_seconds=1,
    cache_policy=NO_CACHE,
    persist_result=False,
)
def parse_batch(
    landing: str, sources: list[SourceFile], max_bytes: int, batch_no: int
) -> ParsedBatch:
    """Read + parse a batch. Bad files come back as rejections; only I/O failures retry.

    In the flow's process this task hands the work to the run's parse
    processes when it has them (see parse_processes); on Dask it parses itself.
    """
    pool = _parse_pool
    if pool is None:
        return ParsedBatch(parse_frames(Path(landing), sources, max_bytes))
    return ParsedBatch(pool.submit(parse_frames, Path(landing), sources, max_bytes).result())


@task(
    name="load-batch",
    task_run_name="load-batch-{batch_no}",
    retries=3,
    retry_delay_seconds=[1, 2, 5],
    cache_policy=NO_CACHE,
    persist_result=False,
)
def load_parsed(
    db: str,
    parsed: ParsedFrames,
    run_id: str,
    wait_s: float,
    batch_no: int,
    reparse: bool = False,
) -> BatchCounts:
    """One transaction per batch: all of it lands or none of it (retrying is safe).

    `parsed` comes quoted: Prefect must not walk thousands of files looking for futures.
    """
    with open_writer(Path(db), timeout_s=wait_s, on_wait=get_run_logger().info) as con:
        counts = load_batch(con, parsed, run_id, now_utc(), reparse)
    get_run_logger().info(
        "batch %d: %d loaded, %d unchanged, %d duplicate, %d quarantined "
        "-> %d articles, %d images, %d links",
        batch_no,
        counts.loaded,
        counts.unchanged,
        counts.duplicate,
        counts.quarantined,
        counts.articles_upserted,
        counts.images,
        counts.related_links,
    )
    return counts


@task(
    name="close-run",
    task_run_name="close-run",
    retries=2,
    retry_delay_seconds=2,
    cache_policy=NO_CACHE,
    persist_result=False,
)
def close_run(db: str, summary: RunSummary, wait_s: float) -> list[dict[str, str]]:
    with open_writer(Path(db), timeout_s=wait_s) as con:
        finish_run(
            con, summary.run_id, asdict(summary), summary.status, now_utc(), summary.duration_s
        )
        return quarantined_in_run(con, summary.run_id)


# -- the flow ----------------------------------------------------------------


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


def summary_markdown(s: RunSummary) -> str:
    rows = [
        ("files seen", s.files_seen),
        ("loaded", s.files_loaded),
        ("unchanged", s.files_unchanged),
        ("duplicate", s.files_duplicate),
        ("quarantined", s.files_quarantined),
        ("articles upserted", s.articles_upserted),
        ("images", s.images),
        ("related links", s.related_links),
        ("duration", f"{s.duration_s:.2f} s"),
        ("throughput", f"{s.files_per_s:,.0f} files/s"),
    ]
    table = "\n".join(f"| {name} | {value} |" for name, value in rows)
    note = f"{s.message}\n\n" if s.message else ""
    return (
        f"# newsetl ingest: {s.status}\n\n"
        f"Landing `{s.landing}` -> warehouse `{s.db}`, run `{s.run_id}`\n\n"
        f"{note}| | |\n|---|---|\n{table}\n"
    )


def run_tags(landing: str | Path, db: str | Path) -> list[str]:
    """Tags on every run (CLI or schedule) so the UI can filter by landing folder and warehouse."""
    return ["newsetl", f"landing:{Path(landing).resolve()}", f"warehouse:{Path(db).resolve()}"]


def task_runner_for(workers: int, dask_address: str | None) -> TaskRunner:
    """Threads (overlap parsing with loading; with parse processes, one thread per process
    waits on it), or Dask to parse on a cluster. `workers` 0 means automatic."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    return ThreadPoolTaskRunner(max_workers=max(1, workers or cpu_count()))


def cpu_count() -> int:
    """Cores this process may use (a container's CPU set, not the host's)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def parse_processes(workers: int, to_parse: int) -> int:
    """How many processes parse: `workers` if given, else one per core for big runs.

    Parsing is pure Python (GIL-bound), so threads cannot use a second core;
    a spawned process costs ~0.3 s to start (it imports the parser, not
    Prefect), worth it from a few thousand files on.
    """
    if workers > 0:
        return workers if workers > 1 else 0
    return cpu_count() if to_parse >= settings.AUTO_PROCESSES_MIN_FILES else 0


_parse_pool: ProcessPoolExecutor | None = None


@contextmanager
def local_parse_pool(processes: int) -> Iterator[None]:
    """Give parse_batch `processes` spawned parser processes for the duration of a run.

    Spawned, not forked: the children share nothing with the flow process,
    so they hold neither the run lock nor DuckDB's file, and a killed run
    leaves the warehouse free. Loading stays in the flow's process (one writer).
    """
    global _parse_pool
    if processes < 1:
        yield
        return
    pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"))
    _parse_pool = pool
    try:
        yield
    finally:
        _parse_pool = None
        pool.shutdown(wait=True, cancel_futures=True)


@flow(name="ingest-dumps", log_prints=True, persist_result=False, flow_run_name="ingest {landing}")
def ingest_dumps(
    landing: str = str(settings.DEFAULT_LANDING),
    db: str = str(settings.DEFAULT_DB),
    batch_size: int = settings.DEFAULT_BATCH_SIZE,
    max_bytes: int = settings.DEFAULT_MAX_BYTES,
    wait_s: float = settings.DEFAULT_WAIT_S,
    full_refresh: bool = False,
    if_busy: Literal["fail", "skip"] = "fail",
    in_flight: int = 2,
    workers: int = 0,
) -> RunSummary:
    """Ingest every new or changed dump under `landing` into the DuckDB file `db`.

    `workers`: parse processes on this machine; 0 (default) picks one per core
    when there are at least settings.AUTO_PROCESSES_MIN_FILES files to parse,
    else parses in the flow's process. Ignored on Dask (the cluster parses).
    """
    summary = RunSummary(run_id=current_run_id(), status="running", landing=landing, db=db)
    started = time.perf_counter()
    try:
        with ExitStack() as stack:
            stack.enter_context(untagged_task_runs())
            if not holds_run_lock(stack, summary, wait_s, if_busy):
                publish_artifacts(summary, None)
                return summary
            return ingest_locked(
                summary, batch_size, max_bytes, wait_s, full_refresh, in_flight, workers
            )
    except Exception as exc:
        if summary.status != "failed":  # not yet published by ingest_locked
            summary.status = "failed"
            summary.message = f"{type(exc).__name__}: {exc}"
            summary.duration_s = time.perf_counter() - started
            publish_failure(summary)
        raise


def untagged_task_runs() -> TagsContext:
    """Task runs inside it carry no tags; the flow run keeps the run's tags (for the UI's filters).

    Before each tagged task run Prefect asks the API for a concurrency slot of
    every tag, in case a limit exists. Measured against a local server: 9-59 ms
    a task tagged, 4-6 ms untagged; 2.1 s of a 5.8 s no-change re-run.
    """
    return TagsContext(current_tags=set())


def publish_failure(summary: RunSummary) -> None:
    """The summary of a failed run, without ever masking the error that failed it."""
    try:
        publish_artifacts(summary, None)
    except Exception as exc:
        get_run_logger().warning("could not publish the run summary artifact: %s", exc)


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


def ingest_locked(
    summary: RunSummary,
    batch_size: int,
    max_bytes: int,
    wait_s: float,
    full_refresh: bool,
    in_flight: int,
    workers: int,
) -> RunSummary:
    """The run itself, with the warehouse's run lock held."""
    started = time.perf_counter()
    db, run_id = summary.db, summary.run_id
    landing_abs = str(Path(summary.landing).resolve())

    plan = plan_run(db, run_id, summary.landing, landing_abs, wait_s, full_refresh)
    summary.files_seen = plan.files_seen
    summary.files_unchanged += plan.unchanged

    progress_id = create_progress_artifact(
        progress=0.0, key="ingest-progress", description="files processed"
    )
    done = plan.unchanged
    notify(done, summary.files_seen)
    on_dask = not isinstance(flow_run_task_runner(), ThreadPoolTaskRunner)
    processes = 0 if on_dask else parse_processes(workers, len(plan.todo))
    if processes:
        get_run_logger().info("parsing in %d process(es)", processes)
    with local_parse_pool(processes):
        window = max(in_flight, processes + 1)
        batches = parse_in_window(
            landing_abs, plan.todo, batch_size, max_bytes, window, quoted=not on_dask
        )
        for batch_no, parsed in enumerate(batches):
            summary.add(load_parsed(db, quote(parsed), run_id, wait_s, batch_no, full_refresh))
            done += len(parsed)
            del parsed  # the window holds the next batches; this one can go
            notify(done, summary.files_seen)
            update_progress_artifact(progress_id, 100.0 * done / max(1, summary.files_seen))
    update_progress_artifact(progress_id, 100.0)

    summary.status = "completed"
    summary.duration_s = time.perf_counter() - started
    if summary.accounted() != summary.files_seen:
        summary.status = "failed"
        summary.message = (
            f"accounting mismatch: {summary.accounted()} files accounted for, "
            f"{summary.files_seen} seen"
        )
    quarantined = close_run(db, summary, wait_s)
    publish_artifacts(summary, quarantined)
    get_run_logger().info(
        "run %s %s: %d seen = %d loaded + %d unchanged + %d duplicate + %d quarantined "
        "in %.2f s (%.0f files/s)",
        run_id,
        summary.status,
        summary.files_seen,
        summary.files_loaded,
        summary.files_unchanged,
        summary.files_duplicate,
        summary.files_quarantined,
        summary.duration_s,
        summary.files_per_s,
    )
    if summary.status != "completed":
        raise RuntimeError(summary.message)  # the flow sees status "failed": already published
    return summary


def parse_in_window(
    landing: str,
    todo: Sequence[SourceFile],
    batch_size: int,
    max_bytes: int,
    in_flight: int,
    quoted: bool = True,
) -> Iterator[ParsedFrames]:
    """Submit parse batches, keeping at most `in_flight` outstanding, and yield them in order.

    The window bounds memory (a 100k-file run never holds more than a few
    batches of parsed text) while the runner parses ahead of the loader.
    Arguments and results are quoted / wrapped: Prefect would otherwise walk
    every file of every batch looking for futures (seconds per 10k files).
    prefect-dask hands a quoted argument to the task still quoted, so on Dask
    (`quoted` False) the sources go plain; a batch is small next to its
    shipping to a worker there.
    """
    window: deque[PrefectFuture[ParsedBatch]] = deque()
    for batch_no, sources in enumerate(batched(todo, batch_size)):
        argument = quote(sources) if quoted else sources
        window.append(parse_batch.submit(landing, argument, max_bytes, batch_no))
        if len(window) >= max(1, in_flight):
            yield window.popleft().result().take()
    while window:
        yield window.popleft().result().take()


def flow_run_task_runner() -> TaskRunner | None:
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    return context.task_runner if context else None


def notify(done: int, total: int) -> None:
    for listener in list(_progress_listeners):
        listener(done, total)
