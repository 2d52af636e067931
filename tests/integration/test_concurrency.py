"""One writer, readers welcome: queries during a long run, a second run kept out, and a
run lock that no leftover process of a killed run can keep.

The long run is a real `newsetl run` of a generated 10,000-file corpus in
batches of 1,000 against the session's Prefect server. DuckDB lets no other
process open the file while a batch is being written, so readers wait for the
batch to commit; between batches they get straight in.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import load_make_corpus, query
from warehouse.query import run_query
from warehouse.runlock import LockHolder, WarehouseLocked, lock_path_for, read_holder, run_lock

pytestmark = pytest.mark.slow  # starts servers or subprocesses

REPO = Path(__file__).resolve().parents[2]
NEWSETL = str(Path(sys.executable).with_name("newsetl"))
BIG = 10_000
QUERY_EVERY_S = 0.1
MAX_QUERY_WAIT_S = 5.0


def run_env(server: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSETL_"))}
    env.update(PREFECT_API_URL=server, PREFECT_SERVER_ANALYTICS_ENABLED="false", COLUMNS="400")
    env.update(extra)
    return env


def wait_for_line(log: Path, line: str, proc: subprocess.Popen[bytes], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not (log.exists() and line in log.read_text(encoding="utf-8").splitlines()):
        if proc.poll() is not None:
            pytest.fail(f"the run ended ({proc.returncode}) before {line!r}")
        if time.monotonic() > deadline:
            pytest.fail(f"no {line!r} within {timeout_s} s")
        time.sleep(0.01)


@dataclass(slots=True)
class BusyRun:
    """What happened around one long run: its result, the readers', the second run's."""

    db: Path
    stats: Any  # make_corpus.CorpusStats
    returncode: int
    stdout: str
    holder: LockHolder
    waits: list[float] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    second: subprocess.CompletedProcess[str] | None = None
    second_s: float = 0.0


def read_in_a_loop(db: Path, busy: BusyRun, stop: threading.Event) -> None:
    """`newsetl sql`'s code path every 100 ms: how long each answer took."""
    while not stop.is_set():
        started = time.monotonic()
        try:
            result = run_query(db, "select count(*) from article", timeout_s=60)
            busy.answers.append(int(result.rows[0][0]))  # type: ignore[index]
        except Exception as exc:  # recorded, asserted on below
            busy.errors.append(f"{type(exc).__name__}: {exc}")
        busy.waits.append(time.monotonic() - started)
        stop.wait(QUERY_EVERY_S)


@pytest.fixture(scope="module")
def busy_run(tmp_path_factory: pytest.TempPathFactory, prefect_server: str) -> BusyRun:
    """A 10k-file run with readers querying throughout and a second run trying to start."""
    tmp = tmp_path_factory.mktemp("busy")
    landing, db, log = tmp / "landing", tmp / "w.duckdb", tmp / "faults"
    stats = load_make_corpus().generate_corpus(BIG, landing, seed=7)
    cmd = [NEWSETL, "run", str(landing), "--db", str(db), "--batch-size", "1000", "-q"]
    first = subprocess.Popen(
        cmd,
        env=run_env(prefect_server, NEWSETL_FAULT_LOG=str(log)),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_line(log, "run:after_start 1", first, timeout_s=120)
        holder = read_holder(lock_path_for(db))
        assert holder is not None
        busy = BusyRun(db, stats, 0, "", holder)
        stop = threading.Event()
        reader = threading.Thread(target=read_in_a_loop, args=(db, busy, stop), daemon=True)
        reader.start()
        started = time.monotonic()
        busy.second = subprocess.run(
            [*cmd, "--wait", "1"],
            env=run_env(prefect_server),
            capture_output=True,
            text=True,
            timeout=120,
        )
        busy.second_s = time.monotonic() - started
        assert first.poll() is None, "the first run ended before the second one gave up"
        stdout, _ = first.communicate(timeout=600)
        stop.set()
        reader.join(timeout=70)
        busy.returncode, busy.stdout = first.returncode, stdout.decode()
        print(
            f"\nreaders during a {BIG:,}-file run: {len(busy.waits)} queries, "
            f"max wait {max(busy.waits):.2f} s, mean {sum(busy.waits) / len(busy.waits):.3f} s"
        )
        return busy
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait(timeout=10)


def test_readers_are_answered_throughout_a_long_run(busy_run: BusyRun) -> None:
    assert busy_run.errors == []
    assert len(busy_run.answers) >= 20
    assert max(busy_run.waits) < MAX_QUERY_WAIT_S
    # each answer is a committed state: article counts only grow, to the final count
    assert busy_run.answers == sorted(busy_run.answers)
    assert len(set(busy_run.answers)) >= 3, "readers saw the run progress batch by batch"
    assert busy_run.answers[-1] <= busy_run.stats.good


def test_second_run_waits_then_exits_3_naming_the_first(busy_run: BusyRun) -> None:
    second = busy_run.second
    assert second is not None
    assert second.returncode == 3, second.stderr
    h = busy_run.holder
    message = " ".join(second.stderr.split())
    assert (
        f"warehouse {busy_run.db} is being written by run {h.run_id} (pid {h.pid}) "
        f"since {h.started_at}; wait for it to finish or raise --wait"
    ) in message
    assert busy_run.second_s >= 1.0


def test_first_run_is_intact(busy_run: BusyRun) -> None:
    assert busy_run.returncode == 0, busy_run.stdout
    s = busy_run.stats
    assert query(
        busy_run.db,
        "select run_id, status, files_seen, files_loaded, files_unchanged, files_duplicate, "
        "files_quarantined from etl_run",
    ) == [
        (busy_run.holder.run_id, "completed", BIG, s.good + s.recaptures, 0, s.duplicates,
         s.bad_total)
    ]  # fmt: skip
    assert query(busy_run.db, "select count(*) from article") == [(s.good,)]
    assert dict(query(busy_run.db, "select reason, count(*) from quarantine group by 1")) == (
        s.bad_by_reason
    )
    assert read_holder(lock_path_for(busy_run.db)) is None  # released, holder note cleared


# -- the run lock against leftover processes ----------------------------------

FORK_WHILE_LOCKED = textwrap.dedent(
    """
    import os, sys, time
    from warehouse.runlock import run_lock
    say = lambda line: os.write(1, f"{line}\\n".encode())  # one write: lines never interleave
    with run_lock(sys.argv[1], "run-parent", wait_s=5):
        child = os.fork()
        if child:
            say(f"child {child}")
            time.sleep(60)
        say("forked")  # os.fork() has returned in the child: its at-fork hooks have run
        if sys.argv[2] == "sleep":
            time.sleep(60)
            os._exit(0)
    # only a "leave" child gets here: it ran on out of the lock's block
    say("left")
    time.sleep(60)
    """
)


def start_forking(db: Path, mode: str) -> tuple[subprocess.Popen[str], int]:
    """The forking script, once its child has started and, for "leave", left the block."""
    proc = subprocess.Popen(
        [sys.executable, "-c", FORK_WHILE_LOCKED, str(db), mode],
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert proc.stdout is not None
    wanted = {"child", "forked", "left"} if mode == "leave" else {"child", "forked"}
    lines: dict[str, str] = {}
    while set(lines) != wanted:
        line = proc.stdout.readline()
        assert line, f"the script ended early: {lines}"
        lines[line.split()[0]] = line.strip()
    return proc, int(lines["child"].split()[1])


def stop_group(proc: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.stdout is not None
    proc.stdout.close()


def is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_child_forked_by_a_killed_run_does_not_keep_the_lock(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    proc, child = start_forking(db, "sleep")
    try:
        with pytest.raises(WarehouseLocked, match="run-parent"), run_lock(db, "x", wait_s=0):
            pass
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        assert is_alive(child)  # the orphan lives on, holding a copy of nothing
        with run_lock(db, "after-the-kill", wait_s=0) as holder:
            assert holder.run_id == "after-the-kill"
    finally:
        if is_alive(child):
            os.kill(child, signal.SIGKILL)
        stop_group(proc)


def test_child_leaving_the_lock_block_does_not_release_the_parents_lock(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    proc, _ = start_forking(db, "leave")
    try:
        with pytest.raises(WarehouseLocked, match="by run run-parent"), run_lock(db, "x", 0):
            pass
        holder = read_holder(lock_path_for(db))
        assert holder is not None and (holder.run_id, holder.pid) == ("run-parent", proc.pid)
    finally:
        stop_group(proc)


def test_lock_descriptor_is_close_on_exec(tmp_path: Path) -> None:
    with run_lock(tmp_path / "w.duckdb", "r", wait_s=0):
        lock_fds = [
            int(fd)
            for fd in os.listdir("/proc/self/fd")
            if os.path.realpath(f"/proc/self/fd/{fd}") == str(tmp_path / "w.duckdb.lock")
        ]
        assert len(lock_fds) == 1
        assert os.get_inheritable(lock_fds[0]) is False


def processes_in_group(pgid: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.getpgid(int(entry)) == pgid:
                    pids.append(int(entry))
            except ProcessLookupError:
                continue
    return pids


def test_run_killed_while_its_parse_workers_live_leaves_the_lock_free(
    tmp_path: Path, prefect_server: str
) -> None:
    landing, db, log = tmp_path / "landing", tmp_path / "w.duckdb", tmp_path / "faults"
    load_make_corpus().generate_corpus(300, landing, seed=5, workers=1)
    proc = subprocess.Popen(
        [NEWSETL, "run", str(landing), "--db", str(db), "--batch-size", "50", "--workers", "2",
         "-q"],
        env=run_env(prefect_server, NEWSETL_FAULT_LOG=str(log)),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        wait_for_line(log, "load:after_commit 1", proc, timeout_s=120)
        workers = [pid for pid in processes_in_group(proc.pid) if pid != proc.pid]
        assert workers, "the run parses in worker processes"
        os.kill(proc.pid, signal.SIGKILL)  # the run only: its workers are orphaned
        assert proc.wait(timeout=10) == -signal.SIGKILL
        with run_lock(db, "after-the-kill", wait_s=0) as holder:
            assert holder.run_id == "after-the-kill"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
