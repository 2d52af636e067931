"""Runs measured as subprocesses: process-tree sampling of RSS and CPU by role, what a
run's log and warehouse say afterwards, the bare (Prefect-free) ingest, and the
Prefect server the bench starts.

Part of the ingest benchmark (bench/ingest.py, the entry point). It exists so that
how a run is started, sampled and summarised sits apart from which runs the
benchmark makes (ingest.py) and how they are reported (ingest_report.py).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import psutil
from ingest_common import BATCH, MAX_BYTES, MB, ROOT, rate

from newsetl.tempserver import answers, free_port

SAMPLE_S = 0.05
# A Prefect console log line: "17:03:34.866 | INFO    | Flow run 'x' - Beginning flow run ..."
LOG_LINE = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) \| \w+ *\| (.*)$")
# Marks in Prefect's log that split a run into phases, by what the line says.
PHASE_MARKS = {
    # newsetl's own launch of the temporary server (newsetl/tempserver.py): when it answered
    "server_ready": re.compile(r"Temporary server on \S+ ready"),
    "flow_start": re.compile(r"Beginning flow run"),
    "flow_end": re.compile(r"Flow run .* - Finished in state"),
}
# A process that is a Prefect API server: "... -m uvicorn ..." or "prefect server start"
SERVER_CMDLINE = re.compile(r"uvicorn|prefect server start|prefect\.server")

# ---------------------------------------------------------------------------
# Subprocess runs with process-tree memory sampling


class TreeSampler:
    """Polls RSS and CPU time of a process and all its descendants, by role.

    Roles: "main" (the process started), "server" (a Prefect API server in the
    tree) and "workers" (any other descendant: task-runner processes).
    """

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_total = self.peak_server = self.peak_other = 0
        self.max_processes = 0
        self._known: dict[int, tuple[psutil.Process, str]] = {}
        self._cpu: dict[int, tuple[str, float]] = {}  # last CPU seconds seen per process
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def cpu_by_role(self) -> dict[str, float]:
        """CPU seconds (user + system) per role, as last sampled (up to 50 ms short)."""
        totals = dict.fromkeys(("main", "workers", "server"), 0.0)
        for role, seconds in self._cpu.values():
            totals[role] += seconds
        return totals

    def _loop(self) -> None:
        tick = 0
        while not self._stop.is_set():
            if tick % 4 == 0:  # new children are rare; re-scan the tree every 200 ms
                self._refresh()
            self._sample()
            tick += 1
            self._stop.wait(SAMPLE_S)

    def _refresh(self) -> None:
        try:
            root = psutil.Process(self.pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            return
        for proc in procs:
            if proc.pid not in self._known:
                self._known[proc.pid] = (proc, self._role(proc))
        self.max_processes = max(self.max_processes, len(procs))

    def _role(self, proc: psutil.Process) -> str:
        if is_server(proc):
            return "server"
        return "main" if proc.pid == self.pid else "workers"

    def _sample(self) -> None:
        total = server = 0
        for pid, (proc, role) in list(self._known.items()):
            try:
                with proc.oneshot():
                    rss = proc.memory_info().rss
                    cpu = proc.cpu_times()
            except psutil.Error:
                del self._known[pid]
                continue
            self._cpu[pid] = (role, cpu.user + cpu.system)
            total += rss
            server += rss if role == "server" else 0
        self.peak_total = max(self.peak_total, total)
        self.peak_server = max(self.peak_server, server)
        self.peak_other = max(self.peak_other, total - server)


def is_server(proc: psutil.Process) -> bool:
    try:
        return SERVER_CMDLINE.search(" ".join(proc.cmdline())) is not None
    except psutil.Error:
        return False


@dataclass(slots=True)
class Measured:
    returncode: int
    wall_s: float
    peak_rss: int
    peak_rss_server: int
    peak_rss_without_server: int
    processes: int
    cpu_s: dict[str, float]  # CPU seconds by role: main, workers, server
    stdout: str
    stderr: str
    started_sod: float  # seconds since local midnight when it started


def seconds_of_day(moment: datetime) -> float:
    return moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond / 1e6


def run_measured(cmd: Sequence[str], env: dict[str, str], log: Path, timeout_s: float) -> Measured:
    """Run `cmd`, sampling its process tree; output goes to files (no pipe to fill up)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    out_path, err_path = log.with_suffix(".out"), log.with_suffix(".err")
    with out_path.open("w") as out, err_path.open("w") as err:
        started_sod = seconds_of_day(datetime.now())
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=out, stderr=err)
        with TreeSampler(proc.pid) as sampler:
            try:
                returncode = proc.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                proc.kill()
                returncode = proc.wait()
        wall = time.perf_counter() - started
    return Measured(
        returncode=returncode,
        wall_s=wall,
        peak_rss=sampler.peak_total,
        peak_rss_server=sampler.peak_server,
        peak_rss_without_server=sampler.peak_other,
        processes=sampler.max_processes,
        cpu_s=sampler.cpu_by_role(),
        stdout=out_path.read_text(errors="replace"),
        stderr=err_path.read_text(errors="replace"),
        started_sod=started_sod,
    )


def phases(m: Measured) -> dict[str, float]:
    """Seconds from process start to each mark in Prefect's log (ms resolution)."""
    found: dict[str, float] = {}
    for line in (m.stderr + "\n" + m.stdout).splitlines():
        match = LOG_LINE.match(line)
        if not match:
            continue
        h, mi, s, ms, message = match.groups()
        at = int(h) * 3600 + int(mi) * 60 + int(s) + int(ms) / 1000
        for name, mark in PHASE_MARKS.items():
            if name not in found and mark.search(message):
                found[name] = round((at - m.started_sod) % 86400, 3)
    found["exit"] = round(m.wall_s, 3)
    return found


def last_run_of(db: Path) -> dict[str, Any]:
    """Counts and flow duration of the latest etl_run row, plus the article row count."""
    import duckdb

    if not db.exists():
        return {}
    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute("select * from etl_run order by started_at desc limit 1")
        names = [d[0] for d in cur.description]
        row = cur.fetchone()
        result = dict(zip(names, row, strict=True)) if row else {}
        result["article_rows"] = con.execute("select count(*) from article").fetchone()[0]
    finally:
        con.close()
    keep = (
        "status",
        "files_seen",
        "files_loaded",
        "files_unchanged",
        "files_duplicate",
        "files_quarantined",
        "articles_upserted",
        "images",
        "related_links",
        "article_rows",
        "duration_s",
    )
    return {k: result.get(k) for k in keep}


def run_summary(m: Measured, run: dict[str, Any], corpus_bytes: int) -> dict[str, Any]:
    seen = run.get("files_seen") or 0
    flow_s = run.get("duration_s") or 0.0
    return {
        "returncode": m.returncode,
        "wall_s": m.wall_s,
        "flow_s": flow_s,
        "dumps_s": rate(seen, m.wall_s),
        "flow_dumps_s": rate(seen, flow_s),
        "mb_s": rate(corpus_bytes / MB, m.wall_s),
        "peak_rss": m.peak_rss,
        "peak_rss_server": m.peak_rss_server,
        "peak_rss_without_server": m.peak_rss_without_server,
        "processes": m.processes,
        "cpu_s": m.cpu_s,
        "cpu_us_per_dump": 1e6 * rate(sum(m.cpu_s.values()), seen),
        "phases": phases(m),
        "counts": {k: v for k, v in run.items() if k != "duration_s"},
        "stderr_tail": m.stderr[-2000:] if m.returncode else "",
    }


# ---------------------------------------------------------------------------
# The bare (Prefect-free) ingest, run as a subprocess of this script


def bare_ingest(landing: Path, db: Path) -> dict[str, Any]:
    """The product's run without Prefect (flows/service.ingest_serial): the baseline."""
    from flows.service import ingest_serial
    from warehouse.runs import COUNT_KEYS

    times: dict[str, float] = {}
    started = time.perf_counter()
    summary = ingest_serial(landing, db, f"bare-{time.time_ns()}", BATCH, MAX_BYTES, timings=times)
    total_s = time.perf_counter() - started
    counts = {key: getattr(summary, key) for key in COUNT_KEYS}
    return {"times": times, "total_s": total_s, "counts": counts}


def bare_summary(m: Measured, corpus_bytes: int) -> dict[str, Any]:
    lines = [line for line in m.stdout.splitlines() if line.startswith("{")]
    inner = json.loads(lines[-1]) if lines else {"times": {}, "total_s": 0.0, "counts": {}}
    seen = inner["counts"].get("files_seen", 0)
    return {
        "returncode": m.returncode,
        "wall_s": m.wall_s,
        "inner_s": inner["total_s"],
        "times": inner["times"],
        "dumps_s": rate(seen, m.wall_s),
        "inner_dumps_s": rate(seen, inner["total_s"]),
        "mb_s": rate(corpus_bytes / MB, m.wall_s),
        "peak_rss": m.peak_rss,
        "cpu_s": m.cpu_s,
        "counts": inner["counts"],
        "stderr_tail": m.stderr[-2000:] if m.returncode else "",
    }


# ---------------------------------------------------------------------------
# A Prefect server started by the bench


@contextlib.contextmanager
def prefect_server(env: dict[str, str], log: Path) -> Iterator[tuple[str, float, int]]:
    """(API URL, seconds to healthy, pid) of `prefect server start` on a free local port."""
    port = free_port()
    prefect = Path(sys.executable).with_name("prefect")
    cmd = [str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen(
            cmd, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        url = f"http://127.0.0.1:{port}/api"
        wait_healthy(url, proc, timeout_s=180)
        yield url, time.perf_counter() - started, proc.pid
    finally:
        stop_group(proc)


def wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"prefect server exited with {proc.returncode}")
        if answers(url):
            return
        time.sleep(0.2)
    raise TimeoutError(f"prefect server at {url} not healthy after {timeout_s:g} s")


def stop_group(proc: subprocess.Popen[bytes]) -> None:
    """Stop the server this bench started (its own session, so its children go too)."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
