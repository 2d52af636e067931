"""Opening the DuckDB file for writing or reading, waiting politely when it is busy.

DuckDB lets one process hold a database file for writing, and while it does no
other process can open the file at all, not even read-only. Both openers
therefore retry with a short backoff, tell the caller once that they are
waiting, and give up with a message that says what to do.

A run's batches follow one another closely, and a lock taken by whoever tries
first would let the writer take the file back before a polling reader notices
it was free. So a reader kept out leaves a mark beside the file, and a writer
about to open it stands aside while a fresh mark is there: a waiting reader
gets the next turn, and waits about one batch at most.

The writer attaches the file to an in-memory host instead of opening it
directly: only ATTACH sets the row group size (sql/statements/writer_attach.sql).
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.errors import WarehouseBusy, WarehouseMissing
from warehouse.migrate import current_version, latest_known_version, migrate
from warehouse.statements import statement

__all__ = ["WarehouseBusy", "WarehouseMissing", "open_reader", "open_writer"]

OnWait = Callable[[str], None]

# 'Could not set lock on file "x.duckdb": Conflicting lock is held in /usr/bin/python (PID 42)'
LOCK_CONFLICT = re.compile(r"Could not set lock on file|Conflicting lock is held")
# "(PID 42)" -> "42"
HOLDER_PID = re.compile(r"\(PID (\d+)\)")
# "Unique file handle conflict: Cannot attach ... already attached by database ..."
# (this process has the file open: a reader while attaching the writer, or the reverse)
SAME_PROCESS_CONFLICT = re.compile(r"Unique file handle conflict|different configuration")

FIRST_BACKOFF_S = 0.02
MAX_BACKOFF_S = 0.2
# A reader's mark counts as long as it is this fresh: longer than its retry interval
# (MAX_BACKOFF_S), so a reader still waiting keeps it fresh; a killed reader's goes stale.
READER_MARK_FRESH_S = 1.0
# The longest a writer stands aside per open, whatever the marks say, so that no
# reader can hold up a run for long.
WRITER_STANDS_ASIDE_MAX_S = 2.0
STAND_ASIDE_POLL_S = 0.01

_migrated: set[str] = set()
_migrated_guard = threading.Lock()
# Writers open in this process, by resolved path: a reader here shares the writer's
# database (DuckDB refuses to open a file twice in one process).
_writers: dict[str, duckdb.DuckDBPyConnection] = {}
_writers_guard = threading.Lock()


def holder_of(error: BaseException) -> str:
    """'pid 42' from DuckDB's lock error, or 'another process' when it names none."""
    match = HOLDER_PID.search(str(error))
    return f"pid {match.group(1)}" if match else "another process"


def is_lock_conflict(error: BaseException) -> bool:
    return LOCK_CONFLICT.search(str(error)) is not None


def reader_mark_path(path: Path) -> Path:
    """The file beside the warehouse that readers kept out touch: `news.duckdb.readers-waiting`.

    Beside the file itself, so that a reader and a writer that name it differently
    (relative, absolute, through a symlink) still meet there.
    """
    return Path(f"{path.resolve()}.readers-waiting")


def mark_reader_waiting(path: Path) -> None:
    """Tell the writer a reader is waiting (a folder it may not write to: wait unmarked)."""
    with contextlib.suppress(OSError):
        reader_mark_path(path).touch()


def clear_reader_mark(path: Path) -> None:
    with contextlib.suppress(OSError):
        reader_mark_path(path).unlink(missing_ok=True)


def reader_is_waiting(mark: Path) -> bool:
    """A reader kept out has touched the mark within READER_MARK_FRESH_S."""
    try:
        touched = mark.stat().st_mtime
    except OSError:
        return False
    return time.time() - touched < READER_MARK_FRESH_S


def stand_aside_for_readers(path: Path) -> None:
    """Before the writer opens the file, let a waiting reader in first (bounded)."""
    mark = reader_mark_path(path)
    deadline = time.monotonic() + WRITER_STANDS_ASIDE_MAX_S
    while reader_is_waiting(mark) and time.monotonic() < deadline:
        time.sleep(STAND_ASIDE_POLL_S)


def attach_writer(path: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory host with the warehouse attached read-write (see writer_attach.sql)."""
    con = duckdb.connect()
    try:
        con.execute(statement("writer_attach"), [str(path)])
        con.execute(statement("use_warehouse"))
        con.execute(statement("writer_settings"))
    except BaseException:
        con.close()
        raise
    return con


def shared_writer(path: Path) -> duckdb.DuckDBPyConnection | None:
    """A new connection to this process's open writer of `path`, if there is one."""
    with _writers_guard:
        writer = _writers.get(str(path.resolve()))
        if writer is None:
            return None
        con = writer.cursor()
    con.execute(statement("use_warehouse"))
    return con


def try_open(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection | str:
    """A connection, or who holds the file if it is held (the writer attaches it)."""
    try:
        if read_only:
            return shared_writer(path) or duckdb.connect(str(path), read_only=True)
        stand_aside_for_readers(path)
        return attach_writer(path)
    except duckdb.IOException as exc:
        if not is_lock_conflict(exc):
            raise
        return holder_of(exc)
    except (duckdb.ConnectionException, duckdb.ResourceInUseException) as exc:
        # This process already has the file open: a writer attaching while
        # a reader here is still open, or a reader racing a writer's close.
        if not SAME_PROCESS_CONFLICT.search(str(exc)):
            raise
        return "this process" if read_only else "this process (a reader is still open)"


def connect_patiently(
    path: Path,
    read_only: bool,
    timeout_s: float,
    on_wait: OnWait | None,
    busy_message: Callable[[str], str],
) -> duckdb.DuckDBPyConnection:
    """Open the file, retried while another process holds it.

    A reader kept out marks itself waiting until it is in or gives up; a writer
    stands aside for such a reader before each attempt.
    """
    deadline = time.monotonic() + timeout_s
    backoff = FIRST_BACKOFF_S
    told = marked = False
    try:
        while isinstance(opened := try_open(path, read_only), str):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WarehouseBusy(busy_message(opened)) from None
            if read_only:
                mark_reader_waiting(path)
                marked = True
            if not told and on_wait is not None:
                on_wait(
                    f"waiting for the warehouse {path} (held by {opened}), up to {timeout_s:g} s"
                )
                told = True
            time.sleep(min(backoff, remaining))
            backoff = min(backoff * 2, MAX_BACKOFF_S)
        return opened
    finally:
        if marked:
            clear_reader_mark(path)


def ensure_migrated(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Migrate at most once per process per file; later opens only check the ledger.

    The check (one tiny query) catches a warehouse deleted and recreated under
    the same path while the process runs.
    """
    key = str(path.resolve())
    with _migrated_guard:
        if key in _migrated and current_version(con) == latest_known_version():
            return
        migrate(con)
        _migrated.add(key)


@contextmanager
def open_writer(
    path: Path | str, timeout_s: float = 30.0, on_wait: OnWait | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to an up-to-date schema; the file is created if needed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)

    def busy(holder: str) -> str:
        return (
            f"the warehouse {path} is held by {holder} and was not released within "
            f"{timeout_s:g} s; wait for that process to finish (or stop it), then retry, "
            "or raise --wait"
        )

    con = connect_patiently(path, False, timeout_s, on_wait, busy)
    key = str(path.resolve())
    try:
        ensure_migrated(con, path)
        with _writers_guard:
            _writers[key] = con
        yield con
    finally:
        with _writers_guard:
            _writers.pop(key, None)
        con.close()


@contextmanager
def open_reader(
    path: Path | str, timeout_s: float = 10.0, on_wait: OnWait | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection; waits while a run is committing a batch."""
    path = Path(path)
    if not path.exists():
        raise WarehouseMissing(f"no warehouse at {path} yet — run `newsetl run` first")

    def busy(holder: str) -> str:
        return (
            f"the warehouse {path} is being written by {holder} for more than {timeout_s:g} s "
            "(DuckDB lets no reader in while a writer holds the file); retry in a moment "
            "or raise --wait"
        )

    con = connect_patiently(path, True, timeout_s, on_wait, busy)
    try:
        yield con
    finally:
        con.close()
