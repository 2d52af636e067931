"""One run at a time per warehouse: an exclusive OS lock held for the whole run.

DuckDB's own file lock is taken per batch, so two runs could interleave their
batches; this lock on `<db>.lock` keeps a second run out for the whole run.
It is a kernel flock, so a run killed with SIGKILL releases it with its last
file descriptor (note: a child forked while the lock is held inherits it until
that child exits too). The file carries the holder's run_id, pid and start time
so a waiting run can say who it is waiting for.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from warehouse.errors import WarehouseLocked

__all__ = ["LockHolder", "WarehouseLocked", "lock_path_for", "read_holder", "run_lock"]

POLL_S = 0.1


@dataclass(frozen=True, slots=True)
class LockHolder:
    run_id: str
    pid: int
    started_at: str  # ISO 8601, UTC


def lock_path_for(db_path: Path | str) -> Path:
    return Path(f"{db_path}.lock")


def read_holder(lock_path: Path) -> LockHolder | None:
    """Who holds the lock, as written by them; None if unreadable (being written, or free)."""
    try:
        data = json.loads(lock_path.read_text(encoding="utf-8"))
        return LockHolder(str(data["run_id"]), int(data["pid"]), str(data["started_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def locked_message(db_path: Path | str, holder: LockHolder | None) -> str:
    if holder is None:
        return (
            f"warehouse {db_path} is being written by another run; "
            "wait for it to finish or raise --wait"
        )
    return (
        f"warehouse {db_path} is being written by run {holder.run_id} (pid {holder.pid}) "
        f"since {holder.started_at}; wait for it to finish or raise --wait"
    )


def try_flock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def write_holder(fd: int, holder: LockHolder) -> None:
    payload = json.dumps(asdict(holder)).encode("utf-8")
    os.ftruncate(fd, 0)
    os.pwrite(fd, payload, 0)


@contextmanager
def run_lock(
    db_path: Path | str,
    run_id: str,
    wait_s: float,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[LockHolder]:
    """Hold the run lock of `db_path` for the body; WarehouseLocked after `wait_s` seconds."""
    lock_path = lock_path_for(db_path)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait_s
        told = False
        while not try_flock(fd):
            if time.monotonic() >= deadline:
                raise WarehouseLocked(locked_message(db_path, read_holder(lock_path)))
            if not told and on_wait is not None:
                on_wait(locked_message(db_path, read_holder(lock_path)).split(";")[0])
                told = True
            time.sleep(POLL_S)
        holder = LockHolder(run_id, os.getpid(), datetime.now(UTC).isoformat(timespec="seconds"))
        write_holder(fd, holder)
        try:
            yield holder
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
