"""End-to-end speed of HTML dumps: the real `newsetl run` on a folder of HTML pages, pages/s.

Usage:  python bench/html_ingest.py [FOLDER] [--copies 3] [--reps 2] [--workers N]
                                    [--with-server]

FOLDER defaults to the development corpus's html/ (293 `.html.gz` pages beside the
repository). Each repetition runs `newsetl run FOLDER --db <fresh warehouse>` as a user
types it, with the defaults (parse processes are chosen by the run: one per core once
the pages to parse are worth it), and prints:

  wall      the command's wall-clock seconds and pages/s (Python start, Prefect import,
            the temporary Prefect server when no PREFECT_API_URL is set, the run)
  run       the run's own duration from `etl_run` (listing, parsing, loading, closing;
            what a run against a long-lived server costs) and pages/s over it
  cpu       CPU seconds of the command and its children, per page

`--copies N` runs on N copies of the folder's pages instead (each copy's pages end in
a distinct HTML comment, so none is a duplicate of another: every copy is parsed and
loaded, as re-captures of the same articles). The dev corpus's 293 pages take about 5 s
of work, in which Python's and Prefect's fixed start-up weighs too much; `--copies 3`
(879 pages) is the figure the README reports.

`--with-server` starts `newsetl server` first and points the runs at it (so the
temporary server's start-up is left out, as for scheduled runs). The machine's core
count and load average are printed: on a shared machine the figures move with the load.
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
DEV_HTML = ROOT.parent / "shared" / "corpora" / "news-pages-dev" / "html"
SERVER_PORT = 4391


def newsetl_command() -> list[str]:
    script = Path(sys.executable).with_name("newsetl")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsetl.cli"]


def base_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSETL_"))}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    return env


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_run(folder: Path, scratch: Path, env: dict[str, str], extra: list[str]) -> None:
    db = scratch / f"w-{time.monotonic_ns()}.duckdb"
    cpu, started = children_cpu(), time.perf_counter()
    done = subprocess.run(
        [*newsetl_command(), "run", str(folder), "--db", str(db), "--quiet", *extra],
        env=env, capture_output=True, text=True, timeout=3600,
    )  # fmt: skip
    wall, cpu = time.perf_counter() - started, children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"newsetl run failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    con = duckdb.connect(str(db), read_only=True)
    try:
        seen, loaded, quarantined, duration = con.execute(
            "select files_seen, files_loaded, files_quarantined, duration_s from etl_run"
        ).fetchone()
    finally:
        con.close()
    print(
        f"{seen} pages ({loaded} loaded, {quarantined} quarantined)  "
        f"wall {wall:6.2f} s = {seen / wall:5.1f} pages/s   "
        f"run {duration:6.2f} s = {seen / duration:5.1f} pages/s   "
        f"cpu {cpu:6.2f} s = {1e3 * cpu / seen:5.1f} ms/page   load {os.getloadavg()[0]:.1f}"
    )


def make_copies(folder: Path, copies: int, target: Path) -> Path:
    """`copies` distinct copies of the folder's HTML pages under `target`, gzipped."""
    pages = sorted(p for p in folder.iterdir() if p.name.endswith((".html", ".htm", ".html.gz")))
    if not pages:
        raise SystemExit(f"no .html / .html.gz pages in {folder}")
    for copy in range(copies):
        out = target / f"copy-{copy}"
        out.mkdir(parents=True)
        for page in pages:
            data = page.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            data += f"\n<!-- bench copy {copy} -->\n".encode()
            name = page.name if page.name.endswith(".gz") else page.name + ".gz"
            (out / name).write_bytes(gzip.compress(data, compresslevel=6, mtime=0))
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", default=DEV_HTML)
    parser.add_argument("--copies", type=int, default=0, help="run on N copies of the pages")
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--workers", type=int, help="pass --workers N (default: the run picks)")
    parser.add_argument("--with-server", action="store_true", help="run against a server")
    args = parser.parse_args()
    if not args.folder.is_dir():
        parser.error(f"{args.folder} is not a folder")
    extra = ["--workers", str(args.workers)] if args.workers else []
    with tempfile.TemporaryDirectory(prefix="newsetl-html-ingest-") as tmp:
        scratch = Path(tmp)
        folder = args.folder
        if args.copies > 0:
            folder = make_copies(args.folder, args.copies, scratch / "pages")
        copies = f" x {args.copies} copies" if args.copies > 0 else ""
        cores, load = os.cpu_count(), os.getloadavg()[0]
        print(f"{cores} cores, load average {load:.1f}; folder {args.folder}{copies}")
        env = base_env(scratch / "prefect-home")
        server = None
        if args.with_server:
            server = subprocess.Popen(
                [*newsetl_command(), "server", "--port", str(SERVER_PORT)],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            env["PREFECT_API_URL"] = f"http://127.0.0.1:{SERVER_PORT}/api"
            wait_for(env["PREFECT_API_URL"] + "/health")
        try:
            for _ in range(args.reps):
                one_run(folder, scratch, env, extra)
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=60)
    return 0


def wait_for(url: str, timeout_s: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"no Prefect server answered at {url}")


if __name__ == "__main__":
    raise SystemExit(main())
