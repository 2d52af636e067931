"""Where parsing runs: in the flow's process, in spawned parse processes, or on Dask.

Parsing is pure Python (GIL-bound), so threads cannot use a second core:
big runs parse in spawned processes, and the flow's process only loads (one
writer). A bounded window of batches in flight keeps memory flat however many
files a run has.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Protocol, TypeVar

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from config import settings
from flows.landing import SourceFile, parse_frames
from flows.service import parse_work, work_batches
from warehouse.frames import ParsedFrames

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


def cpu_count() -> int:
    """Cores this process may use (a container's CPU set, not the host's)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def parse_processes(workers: int, to_parse: int, work: int = 0) -> int:
    """How many processes parse: `workers` if given, else one per core for big runs.

    A spawned process takes a fraction of a second to start (it imports the
    parser, not Prefect): worth it only from settings.AUTO_PROCESSES_MIN_FILES
    files on, or from settings.AUTO_PROCESSES_MIN_BYTES of parse work (`work`,
    see flows/service.py: parse_work), which a few hundred HTML pages reach.
    """
    if workers > 0:
        return workers if workers > 1 else 0
    big = to_parse >= settings.AUTO_PROCESSES_MIN_FILES or work >= settings.AUTO_PROCESSES_MIN_BYTES
    return cpu_count() if big else 0


def total_work(todo: Sequence[SourceFile]) -> int:
    """The parse work of a run's files (see flows/service.py: parse_work)."""
    return sum(map(parse_work, todo))


def task_runner_for(workers: int, dask_address: str | None) -> TaskRunner:
    """Threads (overlap parsing with loading; with parse processes, one thread per process
    waits on it), or Dask to parse on a cluster. `workers` 0 means automatic."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    return ThreadPoolTaskRunner(max_workers=max(1, workers or cpu_count()))


class BatchParser:
    """Parses a batch where this run parses: its own parse processes, or the calling process.

    Spawned, not forked: the children share nothing with the flow's process,
    so they hold neither the run lock nor DuckDB's file, and a killed run
    leaves the warehouse free. Use it as a context manager; the processes
    stop at its end. Slotted, so Prefect shows it as `<BatchParser>` among a
    task's inputs.
    """

    __slots__ = ("_pool", "processes")

    def __init__(self, processes: int = 0) -> None:
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> BatchParser:
        if self.processes > 0:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(self.processes, mp_context=context)
        return self

    def __exit__(self, *exc: object) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def parse(self, landing: Path, sources: Sequence[SourceFile], max_bytes: int) -> ParsedFrames:
        if self.processes < 1:
            return parse_frames(landing, sources, max_bytes)
        return self.run(parse_frames, landing, sources, max_bytes)

    def run(self, fn: Callable[..., T], *args: object) -> T:
        """fn(*args) in one of the parse processes (fn must be importable there)."""
        if self._pool is None:
            raise RuntimeError("the parse processes run only inside `with BatchParser(n)`")
        return self._pool.submit(fn, *args).result()


class ParsedBatch:
    """A parse task's result, wrapped so Prefect does not walk each file of it."""

    __slots__ = ("frames",)

    def __init__(self, frames: ParsedFrames) -> None:
        self.frames: ParsedFrames | None = frames

    def take(self) -> ParsedFrames:
        """The frames, handed over once: the wrapper lets go of them.

        The task's Completed state keeps this wrapper in a reference cycle
        until the garbage collector's next full pass, which columns of plain
        values (few objects to count) make rare; holding every batch that
        long grew the flow's process by hundreds of MB on big runs.
        """
        frames, self.frames = self.frames, None
        if frames is None:
            raise RuntimeError("parsed batch already taken")
        return frames


class Pending(Protocol[T_co]):
    """A submitted batch (a Prefect future, or a concurrent.futures one)."""

    def result(self) -> T_co: ...


def in_window(
    submit: Callable[[int, list[SourceFile]], Pending[T]],
    todo: Sequence[SourceFile],
    batch_size: int,
    in_flight: int,
) -> Iterator[T]:
    """Submit batches of `todo`, keeping at most `in_flight` outstanding; yield results in order.

    The window bounds memory (a 100k-file run never holds more than a few
    batches of parsed text) while parsing runs ahead of the loader.
    """
    window: deque[Pending[T]] = deque()
    for batch_no, sources in enumerate(work_batches(todo, batch_size)):
        window.append(submit(batch_no, sources))
        if len(window) >= max(1, in_flight):
            yield window.popleft().result()
    while window:
        yield window.popleft().result()
