"""One run at a time per warehouse: an exclusive OS lock held for the whole run.

DuckDB's own file lock is taken per batch, so two runs could interleave their
batches; this lock on `<db>.lock` keeps a second run out for the whole run.
It is a kernel flock, so a run killed with SIGKILL releases it with its last
file descriptor. A flock belongs to the open file, not the process, so every
copy of the descriptor keeps it: the descriptor is therefore close-on-exec
(spawned workers and subprocesses never get it) and a child forked while the
lock is held closes its copy at once (os.register_at_fork), so a killed run's
orphaned workers cannot keep the warehouse locked. The file carries the
holder's run_id, pid and start time so a waiting run can say who it is waiting for.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from warehouse.errors import WarehouseLocked

__all__ = ["LockHolder", "WarehouseLocked", "lock_path_for", "read_holder", "run_lock"]

POLL_S = 0.1


@dataclass(slots=True, eq=False)
class HeldLock:
    """A lock descriptor of this process; fd -1 once closed (released, or in a forked child)."""

    fd: int
    pid: int


_held: list[HeldLock] = []
_held_guard = threading.Lock()


def hold_guard_for_fork() -> None:
    """Before fork: no thread is between opening a lock file and registering it."""
    _held_guard.acquire()


def release_guard_after_fork() -> None:
    _held_guard.release()


def drop_inherited_locks() -> None:
    """In a freshly forked child: close the copies of the parent's lock descriptors."""
    global _held_guard
    _held_guard = threading.Lock()  # the child's copy of the parent's guard is held
    for held in _held:
        if held.fd >= 0:
            os.close(held.fd)
            held.fd = -1
    _held.clear()


os.register_at_fork(
    before=hold_guard_for_fork,
    after_in_parent=release_guard_after_fork,
    after_in_child=drop_inherited_locks,
)


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
    held = open_lock_file(lock_path)
    try:
        deadline = time.monotonic() + wait_s
        told = False
        while not try_flock(held.fd):
            if time.monotonic() >= deadline:
                raise WarehouseLocked(locked_message(db_path, read_holder(lock_path)))
            if not told and on_wait is not None:
                on_wait(locked_message(db_path, read_holder(lock_path)).split(";")[0])
                told = True
            time.sleep(POLL_S)
        holder = LockHolder(run_id, os.getpid(), datetime.now(UTC).isoformat(timespec="seconds"))
        write_holder(held.fd, holder)
        try:
            yield holder
        finally:
            if owns(held):
                os.ftruncate(held.fd, 0)
                fcntl.flock(held.fd, fcntl.LOCK_UN)
    finally:
        close_lock_file(held)


def open_lock_file(lock_path: Path) -> HeldLock:
    """The lock file's descriptor, close-on-exec, registered so forked children drop it."""
    with _held_guard:
        # O_CLOEXEC is Python's default (PEP 446); asked for explicitly because
        # the lock's robustness depends on it.
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        held = HeldLock(fd, os.getpid())
        _held.append(held)
    return held


def owns(held: HeldLock) -> bool:
    """False in a forked child whose copy was already closed: it must not touch the fd number."""
    return held.fd >= 0 and held.pid == os.getpid()


def close_lock_file(held: HeldLock) -> None:
    with _held_guard:
        if owns(held):
            os.close(held.fd)
        held.fd = -1
        if held in _held:
            _held.remove(held)
