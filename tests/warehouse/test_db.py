"""Opening the warehouse while other processes hold it; the run lock; kill -9 mid-batch."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from bench.synthetic import synthetic_dump
from tests.helpers import snapshot
from warehouse.db import (
    READER_MARK_FRESH_S,
    WarehouseBusy,
    WarehouseMissing,
    open_reader,
    open_writer,
    reader_mark_path,
)
from warehouse.load import BatchCounts, load_batch
from warehouse.runlock import WarehouseLocked, lock_path_for, read_holder, run_lock

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2025, 9, 6, 12, 0)

HOLD_WRITER = """
import sys, time
from warehouse.db import open_writer
with open_writer(sys.argv[1]):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""
WRITE_BATCH_AFTER_BATCH = """
import sys, time
from warehouse.db import open_writer
deadline, batches = time.monotonic() + float(sys.argv[2]), 0
while time.monotonic() < deadline:
    with open_writer(sys.argv[1]):
        if batches == 0:
            print("held", flush=True)
        time.sleep(float(sys.argv[3]))
    batches += 1
print(batches, flush=True)
"""
HOLD_RUN_LOCK = """
import os, signal, sys, time
from warehouse.runlock import run_lock
with run_lock(sys.argv[1], "run-child", wait_s=5):
    print("held", flush=True)
    if sys.argv[2] == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(float(sys.argv[2]))
"""
LOAD_WITH_FAULT = """
import sys
from datetime import datetime
from warehouse.db import open_writer
from warehouse.load import load_batch
from bench.synthetic import synthetic_dump
batch = [synthetic_dump(n, mtime_ns=2_000, images=1, version=1) for n in range(4)]
with open_writer(sys.argv[1]) as con:
    load_batch(con, batch, "run-killed", datetime(2025, 9, 7))
"""


@contextmanager
def child(
    script: str, *args: str, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[str]]:
    """A Python child process running `script`, started from the repo root."""
    full_env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=full_env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        assert proc.stdout is not None
        proc.stdout.close()


def wait_for_held(proc: subprocess.Popen[str]) -> None:
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "held"


def test_reader_of_a_missing_warehouse_says_what_to_do(tmp_path: Path) -> None:
    db = tmp_path / "none.duckdb"
    with pytest.raises(WarehouseMissing) as info, open_reader(db):
        pass
    assert str(info.value) == f"no warehouse at {db} yet — run `newsetl run` first"
    assert not db.exists()


def test_writer_creates_parent_folders_and_schema(tmp_path: Path) -> None:
    db = tmp_path / "deep" / "er" / "w.duckdb"
    with open_writer(db) as con:
        assert con.execute("select version from schema_version").fetchall() == [(1,), (2,)]
    with open_reader(db) as con:
        assert con.execute("select count(*) from article").fetchall() == [(0,)]


@pytest.mark.slow
def test_reader_waits_for_a_writer_in_another_process_then_gives_up_or_gets_in(
    tmp_path: Path,
) -> None:
    db = tmp_path / "w.duckdb"
    with open_writer(db):
        pass
    messages: list[str] = []
    with child(HOLD_WRITER, str(db), "2") as proc:
        wait_for_held(proc)
        started = time.monotonic()
        with pytest.raises(WarehouseBusy) as info, open_reader(db, 0.4, messages.append):
            pass
        assert 0.4 <= time.monotonic() - started < 1.5
        assert str(info.value) == (
            f"the warehouse {db} is being written by pid {proc.pid} for more than 0.4 s "
            "(DuckDB lets no reader in while a writer holds the file); retry in a moment "
            "or raise --wait"
        )
        assert messages == [f"waiting for the warehouse {db} (held by pid {proc.pid}), up to 0.4 s"]
        with open_reader(db, 10, messages.append) as con:
            assert con.execute("select count(*) from source_file").fetchall() == [(0,)]
        assert len(messages) == 2
        assert proc.wait(timeout=5) == 0


@pytest.mark.slow
def test_writer_gives_up_with_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with child(HOLD_WRITER, str(db), "3") as proc:
        wait_for_held(proc)
        with pytest.raises(WarehouseBusy) as info, open_writer(db, timeout_s=0.2):
            pass
        assert str(info.value) == (
            f"the warehouse {db} is held by pid {proc.pid} and was not released within 0.2 s; "
            "wait for that process to finish (or stop it), then retry, or raise --wait"
        )


@pytest.mark.slow
def test_a_waiting_reader_gets_in_between_back_to_back_batches(tmp_path: Path) -> None:
    """A writer that reopens the file the moment it closes it (a run whose next
    batch is parsed already) lets each waiting reader in at its next batch."""
    db = tmp_path / "w.duckdb"
    with open_writer(db):
        pass
    hold_s = 0.4
    with child(WRITE_BATCH_AFTER_BATCH, str(db), "8", str(hold_s)) as proc:
        wait_for_held(proc)
        waits = []
        for _ in range(4):
            started = time.monotonic()
            with open_reader(db, timeout_s=6) as con:
                waits.append(time.monotonic() - started)
                assert con.execute("select count(*) from article").fetchall() == [(0,)]
            assert not reader_mark_path(db).exists()
        assert max(waits) < 2 * hold_s + 1.0, waits
        assert proc.stdout is not None
        assert int(proc.stdout.readline()) >= 8, "the writer went on between the readers"
        assert proc.wait(timeout=5) == 0


def test_writer_ignores_a_stale_reader_mark_and_waits_out_a_fresh_one(tmp_path: Path) -> None:
    """A reader killed while waiting leaves its mark; it holds a writer up once, briefly."""
    db = tmp_path / "w.duckdb"
    with open_writer(db):
        pass
    mark = reader_mark_path(db)
    mark.touch()
    os.utime(mark, (time.time() - 60, time.time() - 60))
    started = time.monotonic()
    with open_writer(db):
        assert time.monotonic() - started < READER_MARK_FRESH_S * 0.8
    mark.touch()
    started = time.monotonic()
    with open_writer(db):
        assert READER_MARK_FRESH_S * 0.9 <= time.monotonic() - started < READER_MARK_FRESH_S + 1


def test_reader_in_the_writing_process_shares_the_writer(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with open_writer(db) as writer:
        load_batch(writer, [synthetic_dump(1)], "r", NOW)
        with open_reader(db, timeout_s=0.2) as reader:
            assert reader.execute("select count(*) from article").fetchall() == [(1,)]


def test_writer_waits_for_a_reader_in_this_process_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with open_writer(db):
        pass
    messages: list[str] = []
    with open_reader(db) as reader:
        with pytest.raises(WarehouseBusy) as info, open_writer(db, 0.2, messages.append):
            pass
        assert reader.execute("select count(*) from article").fetchall() == [(0,)]
    holder = "this process (a reader is still open)"
    assert messages == [f"waiting for the warehouse {db} (held by {holder}), up to 0.2 s"]
    assert str(info.value).startswith(f"the warehouse {db} is held by {holder} and was not")


def test_writer_keeps_row_groups_batch_sized(tmp_path: Path) -> None:
    """Each close checkpoints and rewrites the last partial row group whole; at
    DuckDB's default 122,880 rows that cost grew with every batch of a run."""
    db = tmp_path / "w.duckdb"
    with open_writer(db) as con:
        load_batch(con, [synthetic_dump(n, images=0, links=0) for n in range(2100)], "r", NOW)
    with open_reader(db) as con:
        groups = con.execute(
            "select row_group_id, max(count) from pragma_storage_info('article') "
            "where column_name = 'article_id' group by all order by 1"
        ).fetchall()
    assert groups == [(0, 2048), (1, 52)]


def test_warehouse_recreated_in_the_same_process_is_migrated_again(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with open_writer(db):
        pass
    db.unlink()
    with open_writer(db) as con:
        assert con.execute("select count(*) from article").fetchall() == [(0,)]


def test_run_lock_keeps_a_second_run_out_and_names_the_holder(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with run_lock(db, "run-a", wait_s=1) as holder:
        assert read_holder(lock_path_for(db)) == holder
        assert holder.pid == os.getpid()
        started = time.monotonic()
        with pytest.raises(WarehouseLocked) as info, run_lock(db, "run-b", wait_s=0.3):
            pass
        assert time.monotonic() - started >= 0.3
        assert str(info.value) == (
            f"warehouse {db} is being written by run run-a (pid {os.getpid()}) since "
            f"{holder.started_at}; wait for it to finish or raise --wait"
        )
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", holder.started_at)
    assert read_holder(lock_path_for(db)) is None
    with run_lock(db, "run-b", wait_s=0) as second:
        assert second.run_id == "run-b"


@pytest.mark.slow
def test_run_lock_waits_for_another_process(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    waits: list[str] = []
    with child(HOLD_RUN_LOCK, str(db), "0.8") as proc:
        wait_for_held(proc)
        with run_lock(db, "run-parent", wait_s=10, on_wait=waits.append) as holder:
            assert holder.run_id == "run-parent"
        assert len(waits) == 1
        assert waits[0].startswith(f"warehouse {db} is being written by run run-child (pid ")


@pytest.mark.slow
def test_run_lock_of_a_killed_process_is_free(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with child(HOLD_RUN_LOCK, str(db), "kill") as proc:
        wait_for_held(proc)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    with run_lock(db, "after-crash", wait_s=0) as holder:
        assert holder.run_id == "after-crash"


@pytest.mark.parametrize("point", ["load:after_articles", "load:before_commit"])
@pytest.mark.slow
def test_kill_during_a_batch_leaves_none_of_it(tmp_path: Path, point: str) -> None:
    db = tmp_path / "w.duckdb"
    with open_writer(db) as con:
        load_batch(con, [synthetic_dump(n) for n in range(2)], "run-ok", NOW)
        before = snapshot(con)
    with child(LOAD_WITH_FAULT, str(db), env={"NEWSETL_FAULT": point}) as proc:
        assert proc.wait(timeout=30) == 137
    with open_writer(db) as con:
        assert snapshot(con) == before
        counts = load_batch(
            con, [synthetic_dump(n, mtime_ns=2_000, images=1, version=1) for n in range(4)],
            "run-again", NOW,
        )  # fmt: skip
        assert counts == BatchCounts(loaded=4, articles_upserted=4, images=4, related_links=64)


@pytest.mark.slow
def test_kill_right_after_commit_keeps_the_whole_batch(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with child(LOAD_WITH_FAULT, str(db), env={"NEWSETL_FAULT": "load:after_commit"}) as proc:
        assert proc.wait(timeout=30) == 137
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(
            "select (select count(*) from article), (select count(*) from image), "
            "(select count(*) from related_link), (select count(*) from source_file)"
        ).fetchall() == [(4, 4, 64, 4)]


def test_reader_mark_is_beside_the_file_however_it_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "data" / "w.duckdb"
    real.parent.mkdir()
    link = tmp_path / "w.duckdb"
    link.symlink_to(real)
    monkeypatch.chdir(tmp_path)
    expected = real.parent / "w.duckdb.readers-waiting"
    assert reader_mark_path(Path("data/w.duckdb")) == expected
    assert reader_mark_path(link) == expected
