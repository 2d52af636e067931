"""The ingest flow: landing folder -> DuckDB warehouse.

    lock the warehouse for this run (one writer at a time)
    plan: register the run, discover files, skip the ones unchanged since the last run
    parse batches (here, in parse processes or on Dask), a bounded window in flight
    load each batch in one transaction, in the flow's process
    close the run: counts in etl_run, summary and quarantine artifacts

Each step is one coarse task over a batch, never a file, around the Prefect-free
run service (flows/service.py); flows/parallel.py decides where parsing runs.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Literal

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.utilities.annotations import quote

from config import settings
from flows import runtime, service
from flows.landing import Prescan, SourceFile
from flows.parallel import BatchParser, ParsedBatch, in_window, parse_processes, total_work
from flows.runtime import RunHooks
from flows.summary import RunSummary
from warehouse.frames import ParsedFrames
from warehouse.load import BatchCounts

TASK = {"cache_policy": NO_CACHE, "persist_result": False}


@task(name="plan-run", task_run_name="plan-run", retries=2, retry_delay_seconds=2, **TASK)
def plan_run(
    db: str, run_id: str, landing: str, wait_s: float, full_refresh: bool, prescan: Prescan | None
) -> service.RunPlan:
    return service.open_and_plan(
        Path(db), run_id, landing, wait_s, full_refresh, prescan, get_run_logger()
    )


@task(name="parse-batch", task_run_name="parse-batch-{batch_no}", retries=2, **TASK)
def parse_batch(
    parser: BatchParser, landing: str, sources: list[SourceFile], max_bytes: int, batch_no: int
) -> ParsedBatch:
    """Read + parse a batch. Bad files come back as rejections; only I/O failures retry."""
    return ParsedBatch(parser.parse(Path(landing), sources, max_bytes))


@task(name="load-batch", task_run_name="load-batch-{batch_no}", retries=3, **TASK)
def load_batch(
    db: str, frames: ParsedFrames, run_id: str, wait_s: float, batch_no: int, reparse: bool
) -> BatchCounts:
    return service.load_frames(
        Path(db), frames, run_id, wait_s, batch_no, reparse, get_run_logger()
    )


@task(name="close-run", task_run_name="close-run", retries=2, retry_delay_seconds=2, **TASK)
def close_run(db: str, summary: RunSummary, wait_s: float) -> list[dict[str, str]]:
    return service.close(Path(db), summary, wait_s)


def parse_and_load(
    plan: service.RunPlan,
    summary: RunSummary,
    max_bytes: int,
    wait_s: float,
    reparse: bool,
    batch_size: int,
    in_flight: int,
    workers: int,
) -> Iterator[BatchCounts]:
    """Parse the plan's files in a window of batches and load each; its counts as it lands."""
    on_dask = runtime.parses_on_dask()
    processes = 0 if on_dask else parse_processes(workers, len(plan.todo), total_work(plan.todo))
    if processes:
        get_run_logger().info("parsing in %d process(es)", processes)
    with BatchParser(processes) as parser:

        def submit(batch_no: int, sources: list[SourceFile]) -> PrefectFuture[ParsedBatch]:
            # Quoted, Prefect does not walk each file looking for futures; on Dask a
            # quoted argument would reach the task still quoted.
            files = sources if on_dask else quote(sources)
            return parse_batch.submit(parser, summary.landing, files, max_bytes, batch_no)

        window = max(in_flight, processes + 1)
        for batch_no, parsed in enumerate(in_window(submit, plan.todo, batch_size, window)):
            frames = quote(parsed.take())
            yield load_batch(summary.db, frames, summary.run_id, wait_s, batch_no, reparse)
            del frames, parsed  # the window holds the next batches; this one can go


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
    hooks: RunHooks | None = None,
) -> RunSummary:
    """Ingest every new or changed dump under `landing` into the DuckDB file `db`.

    `workers`: parse processes on this machine; 0 (default) picks one per core
    when there are at least settings.AUTO_PROCESSES_MIN_FILES files to parse,
    else parses in the flow's process. Ignored on Dask (the cluster parses).
    """
    hooks = hooks or RunHooks()
    summary = RunSummary(runtime.current_run_id(), "running", landing, db)
    started = time.perf_counter()
    try:
        with ExitStack() as stack:
            stack.enter_context(runtime.untagged_task_runs())
            if not runtime.holds_run_lock(stack, summary, wait_s, if_busy):
                runtime.publish_artifacts(summary, None)
                return summary
            plan = plan_run(db, summary.run_id, landing, wait_s, full_refresh, hooks.prescan)
            summary.files_seen, summary.files_unchanged = plan.files_seen, plan.unchanged
            progress = runtime.Progress(summary.files_seen, plan.unchanged, hooks.on_progress)
            for counts in parse_and_load(plan, summary, max_bytes, wait_s, full_refresh,
                                         batch_size, in_flight, workers):  # fmt: skip
                summary.add(counts)
                progress.advance(counts.files)
            progress.finish()
            summary.status = "completed"
            summary.duration_s = time.perf_counter() - started
            summary.check_accounting()
            runtime.publish_artifacts(summary, close_run(db, summary, wait_s))
            get_run_logger().info(summary.log_line())
            if summary.status != "completed":
                raise RuntimeError(summary.message)  # the flow fails; its summary is published
            return summary
    except Exception as exc:
        runtime.publish_failure(summary, exc, time.perf_counter() - started)
        raise
