"""How long a re-run takes when nothing (or 1 %) of a big landing folder changed.

Usage:  python bench/rerun.py N [--work DIR] [--seed S] [--change-rate 0.01]
                              [--batch-size B] [--server URL]

Builds (or reuses) an N-file corpus with bench/make_corpus.py and a warehouse
loaded from it, then times:

1. `newsetl run` as a user types it, no change (includes Prefect's temporary
   server start, as `newsetl run` without PREFECT_API_URL does);
2. the same against an already running Prefect server (--server URL), if given;
3. the flow body alone: ingest_dumps() called in this process with a Prefect
   test server already up, no change;
4. the pieces of work a no-change run does, without Prefect: discover the
   files, read the manifest, compare stats, record the sighting;
5. re-runs after `--change-rate` of the files changed (new bytes, newer mtime),
   through the CLI and through the in-process flow (a fresh set each time).

Everything is printed as a table; nothing is written outside --work.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from config.settings import DEFAULT_BATCH_SIZE  # noqa: E402

NEWSETL = str(Path(sys.executable).with_name("newsetl"))
CHANGE_NOTE = b"\n\nCorrection: an earlier version of this story misstated a date.\n"


def make_corpus_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_corpus", REPO / "bench/make_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module
    spec.loader.exec_module(module)
    return module


@dataclass(slots=True)
class Timing:
    what: str
    seconds: float
    note: str = ""


@contextmanager
def stopwatch(results: list[Timing], what: str) -> Iterator[Timing]:
    """Time the body; the body may fill in the Timing's note."""
    timing = Timing(what, 0.0)
    started = time.perf_counter()
    yield timing
    timing.seconds = time.perf_counter() - started
    results.append(timing)
    print(f"  {what}: {timing.seconds:.2f} s {timing.note}", flush=True)


def count_files(root: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(root))


def ensure_corpus(root: Path, n: int, seed: int) -> None:
    if root.is_dir() and count_files(root) >= n:
        print(f"reusing corpus {root} ({count_files(root):,} files)", flush=True)
        return
    print(f"generating {n:,} files into {root} ...", flush=True)
    stats = make_corpus_module().generate_corpus(n, root, seed=seed, overwrite=True)
    print(f"  {stats.summary()}", flush=True)


def cli_env(server: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API", "NEWSETL_"))}
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    if server:
        env["PREFECT_API_URL"] = server
    return env


def cli_run(root: Path, db: Path, batch_size: int, server: str | None) -> str:
    """One `newsetl run`; returns its summary's files line (fails loudly on a failed run)."""
    cmd = [NEWSETL, "run", str(root), "--db", str(db), "-q", "--batch-size", str(batch_size)]
    done = subprocess.run(cmd, env=cli_env(server), capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"newsetl run failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return last_run(db)


def last_run(db: Path) -> str:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(
            "select files_seen, files_loaded, files_unchanged, files_duplicate, "
            "files_quarantined, round(duration_s, 2) from etl_run "
            "order by started_at desc limit 1"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    seen, loaded, unchanged, dup, quarantined, flow_s = row
    return (
        f"(seen {seen:,}: loaded {loaded:,}, unchanged {unchanged:,}, duplicate {dup:,}, "
        f"quarantined {quarantined:,}; flow's own duration_s {flow_s} s)"
    )


def is_loaded(db: Path, n: int) -> bool:
    if not db.exists():
        return False
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        [(files,)] = con.execute("select count(*) from source_file").fetchall()
    finally:
        con.close()
    return int(files) >= n


def change_files(root: Path, share: float, rng: random.Random) -> list[Path]:
    """Give `share` of the plain-text dumps new bytes and a newer mtime (a later capture)."""
    candidates = sorted(p for p in root.rglob("*.txt"))
    chosen = rng.sample(candidates, max(1, round(len(candidates) * share)))
    later = time.time_ns()
    for path in chosen:
        with path.open("ab") as fh:
            fh.write(CHANGE_NOTE)
        os.utime(path, ns=(later, later))
    return chosen


def work_breakdown(root: Path, db: Path, results: list[Timing]) -> None:
    """The no-change run's own work, phase by phase, without Prefect around it."""
    from flows.landing import discover
    from warehouse.db import open_writer
    from warehouse.manifest import split_unchanged, touch_unchanged

    with stopwatch(results, "  discover (scandir + stat of every file)"):
        files = discover(root)
    with stopwatch(results, "  open warehouse + compare size+mtime in SQL") as timing:
        with open_writer(db) as con:
            todo, unchanged = split_unchanged(con, files)
        timing.note = f"({len(unchanged):,} unchanged, {len(todo):,} to read)"
    with stopwatch(results, "  record the sighting (one UPDATE)"), open_writer(db) as con:
        touch_unchanged(con, unchanged, "bench-breakdown", time_now())


def time_now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


def in_process_runs(
    root: Path, db: Path, batch_size: int, share: float, rng: random.Random, results: list[Timing]
) -> None:
    """The flow body alone, with a Prefect test server already started."""
    from prefect.testing.utilities import prefect_test_harness

    from flows.ingest import ingest_dumps

    def flow_call() -> Callable[[], Any]:
        return lambda: ingest_dumps(landing=str(root), db=str(db), batch_size=batch_size)

    with stopwatch(results, "start Prefect test server (not part of a run)"):
        harness = prefect_test_harness(server_startup_timeout=120)
        harness.__enter__()
    try:
        call = flow_call()
        call()  # warm-up: first flow run registers the flow, imports the task runner
        with stopwatch(results, "flow body, no change (in process, server up)") as timing:
            s = call()
            timing.note = f"(flow's own duration_s {s.duration_s:.2f} s)"
        change_files(root, share, rng)
        with stopwatch(results, f"flow body, {share:.0%} changed (in process, server up)") as t:
            s = call()
            t.note = (
                f"(loaded {s.files_loaded:,}, unchanged {s.files_unchanged:,}; "
                f"flow's own duration_s {s.duration_s:.2f} s)"
            )
    finally:
        harness.__exit__(None, None, None)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="files in the corpus")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsetl-bench/rerun"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--change-rate", type=float, default=0.01)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--server", help="API URL of a running Prefect server, to time also")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = args.work / f"corpus-n{args.n}-s{args.seed}"
    db = args.work / f"n{args.n}-s{args.seed}.duckdb"
    rng = random.Random(f"rerun/{args.seed}")
    results: list[Timing] = []
    ensure_corpus(root, args.n, args.seed)
    if is_loaded(db, args.n):
        print(f"reusing warehouse {db}", flush=True)
    else:
        db.unlink(missing_ok=True)
        with stopwatch(results, "first ingest (newsetl run, temporary server)") as timing:
            timing.note = cli_run(root, db, args.batch_size, None)
    # settle: a reused warehouse may lag behind files an interrupted bench changed
    cli_run(root, db, args.batch_size, args.server)

    with stopwatch(results, "newsetl run, no change (temporary server)") as timing:
        timing.note = cli_run(root, db, args.batch_size, None)
    if args.server:
        with stopwatch(results, "newsetl run, no change (server already up)") as timing:
            timing.note = cli_run(root, db, args.batch_size, args.server)
    print("no-change work without Prefect:", flush=True)
    work_breakdown(root, db, results)

    change_files(root, args.change_rate, rng)
    changed = f"newsetl run, {args.change_rate:.0%} changed (temporary server)"
    with stopwatch(results, changed) as timing:
        timing.note = cli_run(root, db, args.batch_size, None)
    in_process_runs(root, db, args.batch_size, args.change_rate, rng, results)

    print(f"\nre-run timings, N = {args.n:,}, batch size {args.batch_size}:")
    width = max(len(t.what) for t in results)
    for t in results:
        print(f"  {t.what:<{width}}  {t.seconds:8.2f} s  {t.note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
