"""The ingest run as plain steps, without Prefect: open, plan, parse a batch, load it, close.

The flow (flows/ingest.py) wraps each step in a Prefect task; `ingest_serial`
runs them one after another in this process, which is what the bench measures
as the run without Prefect. Either way the same code reads, parses and loads.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from config import settings
from flows.landing import Prescan, SourceFile, discover, parse_frames
from flows.summary import RunSummary
from warehouse.db import open_writer
from warehouse.frames import ParsedFrames
from warehouse.load import BatchCounts, load_batch
from warehouse.manifest import split_unchanged, touch_unchanged
from warehouse.runs import finish_run, mark_crashed_runs, quarantined_in_run, start_run

Logger = logging.Logger | logging.LoggerAdapter[logging.Logger]
LOG = logging.getLogger("newsetl")


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def parse_work(source: SourceFile) -> int:
    """How much parsing a file costs, in bytes: its size, a gzip file's several times over.

    Only an estimate for cutting batches and choosing parse processes (the name is no
    part of how the file is read: parse_dump sniffs the bytes).
    """
    if source.rel_path.endswith(".gz"):
        return source.size * settings.GZIP_INFLATION
    return source.size


def work_batches(
    todo: Sequence[SourceFile], size: int, max_work: int = settings.DEFAULT_BATCH_BYTES
) -> Iterator[list[SourceFile]]:
    """Batches of `todo` in order: at most `size` files and, past its first file, at most
    `max_work` bytes of parse_work, so a folder of big HTML pages still spreads over the
    parse processes while text dumps keep their batches of `size` files."""
    batch: list[SourceFile] = []
    work = 0
    for source in todo:
        weight = parse_work(source)
        if batch and (len(batch) >= size or work + weight > max_work):
            yield batch
            batch, work = [], 0
        batch.append(source)
        work += weight
    if batch:
        yield batch


@dataclass(slots=True)
class RunPlan:
    """What planning hands the run: the files to parse, not every file found.

    A dataclass, so Prefect's result tracking looks one level in (at `todo`,
    not at each of its files).
    """

    files_seen: int
    unchanged: int
    todo: list[SourceFile]


def open_and_plan(
    db: Path,
    run_id: str,
    landing: str,
    wait_s: float,
    full_refresh: bool,
    prescan: Prescan | None = None,
    log: Logger = LOG,
) -> RunPlan:
    """Register the run, discover the dumps and skip those unchanged since the last run.

    One step (rather than open / discover / skip) so the full file list stays
    inside it: on a 100k-file re-run it is the run's largest object. The
    warehouse is opened twice, briefly, and not held while the folder is
    walked, so readers get in between.
    """
    with open_writer(db, timeout_s=wait_s, on_wait=log.info) as con:
        crashed = mark_crashed_runs(con)
        if crashed:
            log.warning("marked %d earlier run(s) that never finished as crashed", crashed)
        start_run(con, run_id, landing, now_utc())
    root = Path(landing).resolve()
    files = discover(root, prescan)
    log.info("found %d file(s) under %s", len(files), root)
    with open_writer(db, timeout_s=wait_s, on_wait=log.info) as con:
        todo, unchanged = split_unchanged(con, files, full_refresh)
        touch_unchanged(con, unchanged, run_id, now_utc())
    log.info("%d unchanged since the last run, %d to parse", len(unchanged), len(todo))
    return RunPlan(files_seen=len(files), unchanged=len(unchanged), todo=todo)


def load_frames(
    db: Path,
    frames: ParsedFrames,
    run_id: str,
    wait_s: float,
    batch_no: int,
    reparse: bool = False,
    log: Logger = LOG,
) -> BatchCounts:
    """One transaction per batch: all of it lands or none of it (retrying is safe)."""
    with open_writer(db, timeout_s=wait_s, on_wait=log.info) as con:
        counts = load_batch(con, frames, run_id, now_utc(), reparse)
    log.info(
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


def close(db: Path, summary: RunSummary, wait_s: float) -> list[dict[str, str]]:
    """Store the run's counts in etl_run; the files it quarantined, for its report."""
    with open_writer(db, timeout_s=wait_s) as con:
        finish_run(
            con, summary.run_id, asdict(summary), summary.status, now_utc(), summary.duration_s
        )
        return quarantined_in_run(con, summary.run_id)


@contextmanager
def timed(timings: dict[str, float] | None, step: str) -> Iterator[None]:
    """Add the block's wall seconds to timings[step] (when timings are kept)."""
    started = time.perf_counter()
    try:
        yield
    finally:
        if timings is not None:
            timings[step] = timings.get(step, 0.0) + time.perf_counter() - started


def ingest_serial(
    landing: Path,
    db: Path,
    run_id: str,
    batch_size: int = settings.DEFAULT_BATCH_SIZE,
    max_bytes: int = settings.DEFAULT_MAX_BYTES,
    wait_s: float = settings.DEFAULT_WAIT_S,
    full_refresh: bool = False,
    timings: dict[str, float] | None = None,
) -> RunSummary:
    """A whole run in this process, step after step: the run without Prefect.

    It takes no run lock: the caller holds the warehouse alone (the bench,
    on a warehouse of its own). `timings` collects seconds per step.
    """
    summary = RunSummary(run_id=run_id, status="running", landing=str(landing), db=str(db))
    started = time.perf_counter()
    with timed(timings, "plan"):
        plan = open_and_plan(db, run_id, str(landing), wait_s, full_refresh)
    summary.files_seen, summary.files_unchanged = plan.files_seen, plan.unchanged
    root = landing.resolve()
    for batch_no, sources in enumerate(work_batches(plan.todo, batch_size)):
        with timed(timings, "parse"):
            frames = parse_frames(root, sources, max_bytes)
        with timed(timings, "load"):
            summary.add(load_frames(db, frames, run_id, wait_s, batch_no, full_refresh))
    summary.status = "completed"
    summary.duration_s = time.perf_counter() - started
    summary.check_accounting()
    with timed(timings, "close"):
        close(db, summary, wait_s)
    return summary
