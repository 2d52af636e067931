"""Ingest throughput at scale: how close `newsetl run` gets to the limits of the machine.

Usage:  python bench/ingest.py --sizes 10000,100000 [--workdir DIR] [--json OUT] [--keep]
        python bench/ingest.py --smoke                (200 dumps, seconds; what the tests run)
        python bench/ingest.py --sizes 10000 --profile [cprofile|py-spy] [--profile-workers 2]

For each size it generates (or reuses: cached under WORKDIR/corpora by size, seed and
generator version) a corpus with bench/make_corpus.py and measures, from the bottom up:

  floor      read every file in one process (twice: as found, then warm for certain),
             then decode + splitlines the same bytes
  parse      transforms.parse_dump alone, one process: dumps/s per core
  bare       parse_frames + load_batch in batches of 2000, no Prefect (a subprocess)
  e2e        `newsetl run DIR --db fresh.duckdb` as a subprocess, defaults and --workers 2,
             with Prefect's temporary server ("temp") and with a server the bench started
             ("server"); then a no-change re-run and a re-run after 1% of files changed
  dlt        the same parsed rows loaded with dlt (destination duckdb) vs our load_batch

Peak RSS is the sum of RSS over the whole process tree of a run, sampled every 50 ms
(shared pages are counted once per process, so it is an upper bound); the temporary
Prefect server is part of the tree and is also reported on its own. CPU seconds are
reported per role (main process, task-runner workers, server): unlike wall time they
do not stretch when other work shares the cores. bench/README.md explains every row.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import hashlib
import json
import os
import platform
import pstats
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
# dlt reads these when imported or when a pipeline starts: no telemetry, quiet logs.
os.environ["RUNTIME__DLTHUB_TELEMETRY"] = "false"
os.environ.setdefault("RUNTIME__LOG_LEVEL", "WARNING")
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from config.settings import DEFAULT_BATCH_SIZE, DEFAULT_MAX_BYTES  # noqa: E402
from flows.landing import ParsedDump, SourceFile, discover  # noqa: E402
from newsetl.tempserver import answers, free_port  # noqa: E402
from transforms import parse_dump  # noqa: E402
from transforms.records import Rejection  # noqa: E402
from warehouse.frames import ParsedFrames  # noqa: E402

BATCH = DEFAULT_BATCH_SIZE  # the bare run mirrors the flow
MAX_BYTES = DEFAULT_MAX_BYTES
SAMPLE_S = 0.05
CHANGED_SHARE = 0.01
SMOKE_SIZE = 200
MB = 1e6
GB = 1024**3
BENCH_RUN_ID = "bench"
CHANGED_SENTENCE = b" Officials released more details on Thursday, according to a statement."

# Targets of issue 6: (key, label, limit, higher_is_better)
TARGETS = (
    ("workers2_dumps_s", "e2e --workers 2 dumps/s", 3000.0, True),
    ("default_dumps_s", "e2e defaults dumps/s", 2000.0, True),
    ("peak_rss_gb", "peak RSS of a run, GB", 1.0, False),
    ("rerun_nochange_s", "no-change re-run, s", 5.0, False),
    ("rerun_1pct_s", "re-run after 1% changed, s", 10.0, False),
    ("prefect_overhead_pct", "Prefect CPU overhead, %", 15.0, False),
    ("vs_dlt", "load rows/s ours / dlt", 1.0, True),
)
FLATNESS_LIMIT = 1.3

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
# Small helpers


def rate(count: float, seconds: float) -> float:
    return count / seconds if seconds > 0 else 0.0


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def base_env(prefect_home: Path) -> dict[str, str]:
    """What every subprocess gets: no analytics, its own Prefect home, no API URL yet."""
    env = dict(os.environ)
    for name in ("PREFECT_API_URL", "NEWSETL_DB", "NEWSETL_LANDING", "NEWSETL_MAX_BYTES"):
        env.pop(name, None)
    env.update(
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_HOME=str(prefect_home),
        COLUMNS="200",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
    )
    return env


def newsetl_command() -> list[str]:
    script = Path(sys.executable).with_name("newsetl")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsetl.cli"]


def git_state() -> dict[str, Any]:
    """Which code was measured: HEAD and whether the tree had local edits (read-only git)."""

    def git(*args: str) -> str:
        try:
            out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
            return out.stdout.rstrip()
        except OSError:
            return ""

    dirty = [line[3:] for line in git("status", "--porcelain").splitlines()]
    return {"head": git("rev-parse", "--short", "HEAD"), "uncommitted": dirty[:50]}


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("prefect", "duckdb", "pyarrow", "dlt", "psutil"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


# ---------------------------------------------------------------------------
# The corpus, cached by size + seed + generator version


@dataclass(slots=True)
class Corpus:
    root: Path
    files: int
    bytes: int
    good: int
    recaptures: int
    duplicates: int
    bad_total: int
    generated_s: float | None  # None: reused from the cache
    manifest: dict[str, str] = field(repr=False)

    def expected_fresh(self) -> dict[str, int]:
        """What an ingest into an empty warehouse must end with (bench/README.md)."""
        return {
            "files_seen": self.files,
            "files_loaded": self.good + self.recaptures,
            "files_unchanged": 0,
            "files_duplicate": self.duplicates,
            "files_quarantined": self.bad_total,
            "article_rows": self.good,
        }

    def summary(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("manifest")
        data["root"] = str(self.root)
        return data


def generator_version() -> str:
    return hashlib.sha256((ROOT / "bench" / "make_corpus.py").read_bytes()).hexdigest()[:16]


def corpus_for(workdir: Path, n: int, seed: int, regenerate: bool) -> Corpus:
    """Reuse a corpus made by the same generator, unless a crash left it modified."""
    from make_corpus import generate_corpus

    base = workdir / "corpora"
    root, meta, dirty = (
        base / f"n{n}-s{seed}",
        base / f"n{n}-s{seed}.json",
        dirty_marker(base, n, seed),
    )
    if not regenerate and meta.exists() and root.is_dir() and not dirty.exists():
        saved = json.loads(meta.read_text())
        if saved.get("generator") == generator_version():
            return Corpus(root=root, generated_s=None, **saved["stats"])
    shutil.rmtree(root, ignore_errors=True)
    dirty.unlink(missing_ok=True)
    stats = generate_corpus(n, root, seed=seed)
    saved_stats = {
        "files": stats.files,
        "bytes": stats.total_bytes,
        "good": stats.good,
        "recaptures": stats.recaptures,
        "duplicates": stats.duplicates,
        "bad_total": stats.bad_total,
        "manifest": stats.manifest,
    }
    meta.write_text(json.dumps({"generator": generator_version(), "stats": saved_stats}))
    return Corpus(root=root, generated_s=stats.seconds, **saved_stats)


def dirty_marker(base: Path, n: int, seed: int) -> Path:
    """Present while files of the cached corpus are modified (the 1% re-run)."""
    return base / f"n{n}-s{seed}.dirty"


@dataclass(slots=True)
class Original:
    path: Path
    data: bytes
    atime_ns: int
    mtime_ns: int


def changed_text(data: bytes) -> bytes:
    """The dump with a sentence added to its longest line (a body paragraph)."""
    lines = data.split(b"\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    line = lines[longest]
    cr = b"\r" if line.endswith(b"\r") else b""
    lines[longest] = line.removesuffix(b"\r") + CHANGED_SENTENCE + cr
    return b"\n".join(lines)


def files_to_change(corpus: Corpus) -> list[str]:
    """Every 100th good, uncompressed article (deterministic): 1% of the corpus."""
    good = sorted(p for p, kind in corpus.manifest.items() if kind == "good" and p.endswith(".txt"))
    count = max(1, round(corpus.files * CHANGED_SHARE))
    step = max(1, len(good) // count)
    return good[::step][:count]


@contextlib.contextmanager
def one_percent_changed(corpus: Corpus, marker: Path) -> Iterator[int]:
    """Rewrite 1% of the files with new text and a new mtime; put them back afterwards."""
    originals: list[Original] = []
    marker.write_text("files of this corpus are being modified by bench/ingest.py\n")
    try:
        now_ns = time.time_ns()
        for rel in files_to_change(corpus):
            path = corpus.root / rel
            st = path.stat()
            originals.append(Original(path, path.read_bytes(), st.st_atime_ns, st.st_mtime_ns))
            path.write_bytes(changed_text(originals[-1].data))
            os.utime(path, ns=(now_ns, now_ns + 1_000_000_000))
        yield len(originals)
    finally:
        for o in originals:
            o.path.write_bytes(o.data)
            os.utime(o.path, ns=(o.atime_ns, o.mtime_ns))
        marker.unlink(missing_ok=True)


# ---------------------------------------------------------------------------
# In-process measurements: floor and bare parse


def read_pass(root: Path, files: Sequence[SourceFile]) -> tuple[float, int]:
    """Seconds to read every file once, and the bytes read."""
    started = time.perf_counter()
    total = sum(len((root / source.rel_path).read_bytes()) for source in files)
    return time.perf_counter() - started, total


def measure_floor(root: Path) -> tuple[dict[str, Any], list[SourceFile]]:
    """The least any ingest must do: find the files, read their bytes, split them into lines.

    The first read pass takes the page cache as it finds it (usually warm: the
    corpus was just generated or read); the second is warm for certain.
    """
    started = time.perf_counter()
    files = discover(root)
    discover_s = time.perf_counter() - started
    first_s, total = read_pass(root, files)
    read_s, _ = read_pass(root, files)
    split_s = 0.0
    for source in files:
        data = (root / source.rel_path).read_bytes()
        t0 = time.perf_counter()
        data.decode("utf-8", errors="replace").splitlines()
        split_s += time.perf_counter() - t0
    n = len(files)
    return {
        "files": n,
        "bytes": total,
        "discover_s": discover_s,
        "first_read_s": first_s,
        "read_s": read_s,
        "read_dumps_s": rate(n, discover_s + read_s),
        "read_mb_s": rate(total / MB, discover_s + read_s),
        "split_s": split_s,
        "split_dumps_s": rate(n, split_s),
        "split_mb_s": rate(total / MB, split_s),
        "read_split_s": discover_s + read_s + split_s,
    }, files


def parsed_dump_of(source: SourceFile, raw: bytes, result: Any) -> ParsedDump:
    sha = hashlib.sha256(raw).hexdigest()
    if isinstance(result, Rejection):
        return ParsedDump(source, content_sha256=sha, rejection=result)
    return ParsedDump(source, content_sha256=sha, article=result)


def measure_parse(
    root: Path, files: Sequence[SourceFile], keep: bool
) -> tuple[dict[str, Any], list[ParsedDump]]:
    """parse_dump alone (reads and hashing untimed); wall and CPU time of this thread."""
    wall = cpu = 0.0
    per_dump: list[tuple[float, str, int]] = []
    parsed: list[ParsedDump] = []
    for source in files:
        raw = (root / source.rel_path).read_bytes()
        c0, t0 = time.thread_time(), time.perf_counter()
        result = parse_dump(raw, MAX_BYTES)
        t1, c1 = time.perf_counter(), time.thread_time()
        wall += t1 - t0
        cpu += c1 - c0
        per_dump.append((t1 - t0, source.rel_path, len(raw)))
        if keep:
            parsed.append(parsed_dump_of(source, raw, result))
            if len(parsed) % BATCH == 0:
                gc.freeze()  # kept dumps out of GC scans: a run's heap holds a few batches only
    gc.unfreeze()
    n = len(files)
    times = sorted(t for t, _, _ in per_dump)
    total = sum(size for _, _, size in per_dump)
    slowest = sorted(per_dump, reverse=True)[:5]
    return {
        "files": n,
        "wall_s": wall,
        "cpu_s": cpu,
        "dumps_s": rate(n, wall),
        "dumps_per_cpu_s": rate(n, cpu),
        "mb_s": rate(total / MB, wall),
        "us_per_dump": {
            "p50": 1e6 * times[n // 2] if n else 0.0,
            "p90": 1e6 * times[int(n * 0.9)] if n else 0.0,
            "p99": 1e6 * times[int(n * 0.99)] if n else 0.0,
            "max": 1e6 * times[-1] if n else 0.0,
        },
        "slowest": [{"path": p, "bytes": b, "ms": 1e3 * t} for t, p, b in slowest],
    }, parsed


# ---------------------------------------------------------------------------
# Our loader vs dlt, on the same parsed rows


def batches_of(items: Sequence[ParsedDump], size: int = BATCH) -> Iterator[Sequence[ParsedDump]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def load_ours(parsed: Sequence[ParsedDump], db: Path) -> dict[str, Any]:
    """load_batch over batches of 2000 into a fresh file, one connection (the loader alone)."""
    from warehouse.db import open_writer
    from warehouse.load import load_batch

    now = datetime.now(UTC).replace(tzinfo=None)
    rows = bookkeeping = 0
    started = time.perf_counter()
    with open_writer(db) as con:
        for batch in batches_of(parsed):
            counts = load_batch(con, list(batch), BENCH_RUN_ID, now)
            rows += counts.articles_upserted + counts.images + counts.related_links
            bookkeeping += counts.files
    seconds = time.perf_counter() - started
    return {
        "rows": rows,
        "bookkeeping_rows": bookkeeping,
        "seconds": seconds,
        "rows_s": rate(rows, seconds),
    }


def arrow_batches(parsed: Sequence[ParsedDump]) -> Iterator[tuple[str, Any]]:
    """(table name, Arrow table) per batch: the rows our loader writes, same columns."""
    import pyarrow as pa

    from warehouse.arrow import (
        ARTICLE_FRAME_SCHEMA,
        IMAGE_FRAME_SCHEMA,
        LINK_FRAME_SCHEMA,
        arrow_table,
    )
    from warehouse.frames import frames_of

    now = datetime.now(UTC).replace(tzinfo=None)

    def stamped(columns: Any, schema: pa.Schema, **lineage: object) -> pa.Table:
        table = arrow_table(columns, schema)
        if "article_row" in table.column_names:
            table = table.drop_columns(["article_row"])
        for name, value in lineage.items():
            table = table.append_column(name, pa.array([value] * table.num_rows))
        return table

    for batch in batches_of(parsed):
        frames = frames_of(batch)
        yield (
            "article",
            stamped(frames.articles, ARTICLE_FRAME_SCHEMA, run_id=BENCH_RUN_ID, loaded_at=now),
        )
        yield "image", stamped(frames.images, IMAGE_FRAME_SCHEMA, run_id=BENCH_RUN_ID)
        yield "related_link", stamped(frames.links, LINK_FRAME_SCHEMA, run_id=BENCH_RUN_ID)


def load_dlt(parsed: Sequence[ParsedDump], db: Path, dlt_dir: Path) -> dict[str, Any]:
    """The same rows through a dlt pipeline (Arrow tables, append) into a fresh DuckDB file."""
    os.environ["DLT_DATA_DIR"] = str(dlt_dir / "data")
    import dlt

    rows = 0

    def tables() -> Iterator[Any]:
        nonlocal rows
        for name, table in arrow_batches(parsed):
            rows += table.num_rows
            if table.num_rows:
                yield dlt.mark.with_table_name(table, name)

    started = time.perf_counter()
    pipeline = dlt.pipeline(
        pipeline_name="newsetl_bench",
        destination=dlt.destinations.duckdb(str(db)),
        dataset_name="news",
        pipelines_dir=str(dlt_dir / "pipelines"),
    )
    pipeline.run(dlt.resource(tables, name="news", write_disposition="append"))
    seconds = time.perf_counter() - started
    return {"rows": rows, "seconds": seconds, "rows_s": rate(rows, seconds)}


def dlt_available() -> str | None:
    """None when dlt can be imported, else why not."""
    try:
        import dlt  # noqa: F401
    except ImportError as exc:
        return f"dlt is not installed ({exc}); pip install -e '.[bench]'"
    return None


def compare_with_dlt(parsed: Sequence[ParsedDump], scratch: Path) -> dict[str, Any]:
    missing = dlt_available()
    if missing:
        return {"skipped": missing}
    gc.collect()
    gc.freeze()  # the parsed dumps held for both loaders stay out of GC scans
    try:
        ours = load_ours(parsed, scratch / "ours-load.duckdb")
        theirs = load_dlt(parsed, scratch / "dlt-load.duckdb", scratch / "dlt")
    finally:
        gc.unfreeze()
    return {
        "ours": ours,
        "dlt": theirs,
        "ratio": rate(ours["rows_s"], theirs["rows_s"]),
        "note": "ours: load_batch (dedup, upsert, bookkeeping) in batches of 2000; "
        "dlt: append of the same Arrow tables in one pipeline.run",
    }


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


# ---------------------------------------------------------------------------
# One size, end to end


@dataclass(slots=True)
class Options:
    sizes: list[int]
    seed: int
    workdir: Path
    scratch: Path
    modes: list[str]  # "temp", "server"
    dlt: bool
    regenerate: bool
    timeout_s: float


def measure_size(n: int, opts: Options) -> dict[str, Any]:
    result: dict[str, Any] = {"load_before": load_average()}
    corpus = corpus_for(opts.workdir, n, opts.seed, opts.regenerate)
    result["corpus"] = corpus.summary()
    result["expected"] = corpus.expected_fresh()
    scratch = opts.scratch / f"n{n}"
    scratch.mkdir(parents=True, exist_ok=True)
    say(f"[{n:,}] corpus {corpus.root} ({corpus.bytes / MB:.1f} MB)")

    result["floor"], files = measure_floor(corpus.root)
    say(f"[{n:,}] floor: read {result['floor']['read_dumps_s']:,.0f} dumps/s")
    result["parse"], parsed = measure_parse(corpus.root, files, keep=opts.dlt)
    say(f"[{n:,}] parse: {result['parse']['dumps_s']:,.0f} dumps/s")
    if opts.dlt:
        result["dlt"] = compare_with_dlt(parsed, scratch)
        say(f"[{n:,}] dlt: {result['dlt'].get('ratio', result['dlt'].get('skipped'))}")
    else:
        result["dlt"] = {
            "skipped": "dlt comparison not requested (--no-dlt or --smoke without dlt)"
        }
    del parsed
    gc.collect()

    result["bare"] = run_bare(corpus, scratch / "bare.duckdb", scratch, opts, "bare")
    result["bare_rerun_nochange"] = run_bare(
        corpus, scratch / "bare.duckdb", scratch, opts, "bare-rerun"
    )
    say(f"[{n:,}] bare: {result['bare']['wall_s']:.1f} s")
    result["e2e"] = {mode: e2e_runs(corpus, scratch, opts, mode) for mode in opts.modes}
    result["load_after"] = load_average()
    result["checks"] = count_checks(result, corpus)
    return result


def run_bare(corpus: Corpus, db: Path, scratch: Path, opts: Options, name: str) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--bare-run", str(corpus.root), str(db)]
    env = base_env(opts.workdir / "prefect-home")
    m = run_measured(cmd, env, scratch / "logs" / name, opts.timeout_s)
    return bare_summary(m, corpus.bytes)


def e2e_runs(corpus: Corpus, scratch: Path, opts: Options, mode: str) -> dict[str, Any]:
    """Fresh runs (defaults, --workers 2), then a no-change and a 1%-changed re-run."""
    env = base_env(opts.workdir / "prefect-home")
    runs: dict[str, Any] = {}
    with contextlib.ExitStack() as stack:
        if mode == "server":
            log = scratch / "logs" / "prefect-server.log"
            url, runs["server_start_s"], pid = stack.enter_context(prefect_server(env, log))
            env["PREFECT_API_URL"] = url
            server = stack.enter_context(TreeSampler(pid))
        for label, extra in (("default", ()), ("workers2", ("--workers", "2"))):
            db = scratch / f"{mode}-{label}.duckdb"
            runs[label] = newsetl_run(
                corpus, db, extra, env, scratch / "logs" / f"{mode}-{label}", opts
            )
        db, logs = scratch / f"{mode}-default.duckdb", scratch / "logs"
        runs["rerun_nochange"] = newsetl_run(corpus, db, (), env, logs / f"{mode}-rerun", opts)
        marker = dirty_marker(opts.workdir / "corpora", corpus.files, opts.seed)
        with one_percent_changed(corpus, marker) as changed:
            runs["rerun_1pct"] = newsetl_run(corpus, db, (), env, logs / f"{mode}-1pct", opts)
        runs["rerun_1pct"]["changed_files"] = changed
        if mode == "server":
            runs["server_peak_rss"] = server.peak_total
    return runs


def newsetl_run(
    corpus: Corpus, db: Path, extra: Sequence[str], env: dict[str, str], log: Path, opts: Options
) -> dict[str, Any]:
    cmd = [*newsetl_command(), "run", str(corpus.root), "--db", str(db), *extra]
    m = run_measured(cmd, env, log, opts.timeout_s)
    summary = run_summary(m, last_run_of(db), corpus.bytes)
    say(f"[{corpus.files:,}] {log.name}: {summary['wall_s']:.1f} s, flow {summary['flow_s']:.1f} s")
    return summary


def warm_up(opts: Options) -> float:
    """One tiny run so Prefect's database exists and is migrated before anything is timed."""
    landing = opts.scratch / "warmup-landing"
    landing.mkdir(parents=True, exist_ok=True)
    sample = ROOT / "tests" / "fixtures" / "dumps" / "apnews-putin-legitimate-targets.txt"
    shutil.copy(sample, landing / sample.name)
    cmd = [*newsetl_command(), "run", str(landing), "--db", str(opts.scratch / "warmup.duckdb")]
    env = base_env(opts.workdir / "prefect-home")
    m = run_measured(cmd, env, opts.scratch / "logs" / "warmup", opts.timeout_s)
    if m.returncode:
        raise RuntimeError(f"warm-up run failed:\n{m.stderr[-3000:]}")
    return m.wall_s


def count_checks(result: dict[str, Any], corpus: Corpus) -> dict[str, Any]:
    """Every fresh run must end with the same counts, and those the corpus promises."""
    keys = ("files_seen", "files_loaded", "files_duplicate", "files_quarantined")
    fresh = {"bare": {k: result["bare"]["counts"].get(k) for k in keys}}
    for mode, runs in result["e2e"].items():
        for label in ("default", "workers2"):
            counts = runs[label]["counts"]
            fresh[f"{mode}/{label}"] = {k: counts.get(k) for k in (*keys, "article_rows")}
    expected = corpus.expected_fresh()
    distinct = {json.dumps({k: c[k] for k in keys}, sort_keys=True) for c in fresh.values()}
    matches = all(all(c[k] == expected[k] for k in c) for c in fresh.values())
    runs = list(result["e2e"].values())
    nochange = [r["rerun_nochange"]["counts"].get("files_unchanged") for r in runs]
    changed = [(r["rerun_1pct"]["counts"].get("files_loaded"), r["rerun_1pct"]["changed_files"])
               for r in runs]  # fmt: skip
    bare_rerun = result["bare_rerun_nochange"]["counts"].get("files_unchanged")
    return {
        "fresh": fresh,
        "consistent": len(distinct) == 1,
        "match_corpus": matches,
        "bare_rerun_all_unchanged": bare_rerun == corpus.files,
        "nochange_all_unchanged": all(u == corpus.files for u in nochange),
        "changed_loaded": [loaded for loaded, _ in changed],
        "changed_all_loaded": all(loaded == files for loaded, files in changed),
        "changed_files": changed[0][1] if changed else 0,
    }


# ---------------------------------------------------------------------------
# Targets, ratios and the printed report


def primary(size: dict[str, Any]) -> dict[str, Any]:
    """The runs targets are judged on: `newsetl run` as a user types it (temp server)."""
    return size["e2e"].get("temp") or size["e2e"]["server"]


def ratios(size: dict[str, Any]) -> dict[str, Any]:
    runs = primary(size)
    floor = size["floor"]
    bare = size["bare"]
    server = size["e2e"].get("server")
    prefect_run = (server or runs)["default"]
    return {
        "e2e_default_over_read_floor": rate(
            runs["default"]["wall_s"], floor["discover_s"] + floor["read_s"]
        ),
        "e2e_default_over_read_split_floor": rate(runs["default"]["wall_s"], floor["read_split_s"]),
        "e2e_workers2_over_read_split_floor": rate(
            runs["workers2"]["wall_s"], floor["read_split_s"]
        ),
        "bare_over_parse": rate(bare["inner_s"], size["parse"]["wall_s"]),
        "prefect_overhead_pct": 100 * (rate(prefect_run["wall_s"], bare["wall_s"]) - 1),
        "prefect_overhead_basis": f"{'server' if server else 'temp'}/default vs bare, "
        "both subprocesses",
        "prefect_in_flow_overhead_pct": 100 * (rate(prefect_run["flow_s"], bare["inner_s"]) - 1),
        # CPU seconds do not stretch when other work shares the cores, wall seconds do
        "prefect_cpu_overhead_pct": 100 * (rate(run_cpu(prefect_run), bare["cpu_s"]["main"]) - 1),
    }


def run_cpu(run: dict[str, Any]) -> float:
    """CPU seconds of a run's own processes (its temporary server not included)."""
    return float(run["cpu_s"]["main"] + run["cpu_s"]["workers"])


def target_values(size: dict[str, Any], runs: dict[str, Any]) -> dict[str, float | None]:
    all_runs = [r for mode in size["e2e"].values() for r in mode.values() if isinstance(r, dict)]
    dlt = size["dlt"]
    return {
        "workers2_dumps_s": runs["workers2"]["dumps_s"],
        "default_dumps_s": runs["default"]["dumps_s"],
        "peak_rss_gb": max(r["peak_rss"] for r in all_runs) / GB,
        "rerun_nochange_s": runs.get("rerun_nochange", {}).get("wall_s"),
        "rerun_1pct_s": runs.get("rerun_1pct", {}).get("wall_s"),
        "prefect_overhead_pct": size["ratios"]["prefect_cpu_overhead_pct"],
        "vs_dlt": dlt.get("ratio"),
    }


# Targets that depend on whether a Prefect server was already running: judged
# again on the server runs, after the primary (temporary server) ones.
PER_MODE_TARGETS = ("workers2_dumps_s", "default_dumps_s", "rerun_nochange_s", "rerun_1pct_s")


def verdict(value: float | None, limit: float, higher: bool) -> str:
    if value is None:
        return "n/a"
    return "PASS" if (value >= limit if higher else value <= limit) else "FAIL"


def target_row(
    size: str, target: str, limit: float, higher: bool, value: float | None
) -> dict[str, Any]:
    return {
        "size": size,
        "target": target,
        "limit": limit,
        "higher_is_better": higher,
        "value": value,
        "verdict": verdict(value, limit, higher),
    }


def judge(sizes: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for n, size in sizes.items():
        values = target_values(size, primary(size))
        rows += [target_row(n, label, lim, hi, values[key]) for key, label, lim, hi in TARGETS]
        if "temp" in size["e2e"] and "server" in size["e2e"]:
            values = target_values(size, size["e2e"]["server"])
            rows += [
                target_row(n, f"{label} [server up]", lim, hi, values[key])
                for key, label, lim, hi in TARGETS
                if key in PER_MODE_TARGETS
            ]
    if len(sizes) > 1:
        ordered = sorted(sizes, key=int)
        small, big = sizes[ordered[0]], sizes[ordered[-1]]
        value = rate(primary(big)["default"]["peak_rss"], primary(small)["default"]["peak_rss"])
        growth = f"{ordered[-1]}/{ordered[0]}"
        rows.append(target_row(growth, "peak RSS growth (defaults)", FLATNESS_LIMIT, False, value))
    return rows


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def fmt_mb(value: int) -> str:
    return f"{value / 2**20:,.0f} MB"


def table_rows(
    size: dict[str, Any],
) -> list[tuple[str, float, float | None, float | None, int | None, str]]:
    """(step, wall s, dumps/s, MB/s, peak RSS, notes) for every measured step of one size."""
    floor, parse, bare, rb = size["floor"], size["parse"], size["bare"], size["bare_rerun_nochange"]
    us, t = parse["us_per_dump"], bare["times"]
    rows = [
        (
            "floor: discover + read",
            floor["discover_s"] + floor["read_s"],
            floor["read_dumps_s"],
            floor["read_mb_s"],
            None,
            f"page cache warm; first pass {floor['first_read_s']:.2f} s",
        ),
        (
            "floor: decode + splitlines",
            floor["split_s"],
            floor["split_dumps_s"],
            floor["split_mb_s"],
            None,
            "",
        ),
        (
            "parse_dump alone (1 core)",
            parse["wall_s"],
            parse["dumps_s"],
            parse["mb_s"],
            None,
            f"CPU {parse['cpu_s']:.2f} s; p50 {us['p50']:,.0f} µs, p99 {us['p99']:,.0f} µs",
        ),
        (
            "bare parse+load (no Prefect)",
            bare["wall_s"],
            bare["dumps_s"],
            bare["mb_s"],
            bare["peak_rss"],
            f"inside {bare['inner_s']:.2f} s: parse {t.get('parse', 0):.2f}, "
            f"load {t.get('load', 0):.2f}, plan {t.get('plan', 0):.2f}; "
            f"CPU {bare['cpu_s']['main']:.1f} s",
        ),
        (
            "bare re-run, nothing changed",
            rb["wall_s"],
            None,
            None,
            rb["peak_rss"],
            f"inside {rb['inner_s']:.2f} s",
        ),
    ]
    for mode, runs in size["e2e"].items():
        if "server_start_s" in runs:
            rows.append(
                (
                    "prefect server start (bench)",
                    runs["server_start_s"],
                    None,
                    None,
                    runs["server_peak_rss"],
                    "server alone, over its runs",
                )
            )
        for label, run in runs.items():
            if not isinstance(run, dict):
                continue
            ph = run["phases"]
            cpu = run["cpu_s"]
            notes = (
                f"flow {run['flow_s']:.2f} s from {ph.get('flow_start', 0):.1f} s; "
                f"{run['cpu_us_per_dump']:,.0f} µs CPU/dump; CPU s "
                f"main {cpu['main']:.1f} workers {cpu['workers']:.1f} server {cpu['server']:.1f}; "
                f"server RSS {fmt_mb(run['peak_rss_server'])}"
            )
            if run["returncode"]:
                notes = f"EXIT {run['returncode']}; {notes}"
            rows.append(
                (
                    f"newsetl run [{mode}] {label}",
                    run["wall_s"],
                    run["dumps_s"],
                    run["mb_s"],
                    run["peak_rss"],
                    notes,
                )
            )
    return rows


def print_size(n: str, size: dict[str, Any]) -> None:
    print(
        f"\n== {int(n):,} dumps, {size['corpus']['bytes'] / MB:,.1f} MB "
        f"(load avg before {size['load_before']}, after {size['load_after']}) =="
    )
    line = "{:<34} {:>8} {:>9} {:>7} {:>9}  {}"
    print(line.format("step", "wall s", "dumps/s", "MB/s", "peak RSS", "notes"))
    for step, wall, dumps_s, mb_s, rss, notes in table_rows(size):
        print(
            line.format(
                step,
                f"{wall:.2f}",
                "" if dumps_s is None else f"{dumps_s:,.0f}",
                "" if mb_s is None else f"{mb_s:,.1f}",
                "" if rss is None else fmt_mb(rss),
                notes,
            )
        )
    dlt = size["dlt"]
    if "skipped" in dlt:
        print(f"dlt: skipped ({dlt['skipped']})")
    else:
        ours, theirs = dlt["ours"], dlt["dlt"]
        print(
            f"load only: ours {ours['rows_s']:,.0f} rows/s ({ours['rows']:,} rows in "
            f"{ours['seconds']:.2f} s) vs dlt {theirs['rows_s']:,.0f} rows/s ({theirs['rows']:,} "
            f"rows in {theirs['seconds']:.2f} s): ratio {dlt['ratio']:.2f}"
        )
    r, c = size["ratios"], size["checks"]
    print(
        f"ratios: e2e/read floor {r['e2e_default_over_read_floor']:.1f}x, "
        f"e2e/(read+split) {r['e2e_default_over_read_split_floor']:.1f}x, "
        f"Prefect overhead ({r['prefect_overhead_basis']}): "
        f"wall {r['prefect_overhead_pct']:.0f}%, in flow {r['prefect_in_flow_overhead_pct']:.0f}%, "
        f"CPU {r['prefect_cpu_overhead_pct']:.0f}%"
    )
    print(
        f"counts: consistent={c['consistent']} match_corpus={c['match_corpus']} "
        f"expected {json.dumps(size['expected'])}"
    )


def print_targets(rows: list[dict[str, Any]]) -> None:
    print("\n== targets ==")
    for row in rows:
        value = "n/a" if row["value"] is None else f"{row['value']:,.2f}"
        sign = ">=" if row["higher_is_better"] else "<="
        print(
            f"{row['verdict']:<5} {row['target']:<42} {row['size']!s:>14}: "
            f"{value:>10} (target {sign} {row['limit']:g})"
        )


# ---------------------------------------------------------------------------
# --profile: where the time goes inside one run


def profile_cprofile(corpus: Corpus, db: Path, top: int) -> dict[str, Any]:
    """The flow in this process under cProfile; parse threads profiled too and merged in."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from flows import ingest

    profiles: list[cProfile.Profile] = []
    original = ingest.parse_frames

    def profiled(*args: Any) -> ParsedFrames:
        prof = cProfile.Profile()
        prof.enable()
        try:
            return original(*args)
        finally:
            prof.disable()
            profiles.append(prof)

    ingest.parse_frames = profiled  # type: ignore[assignment]
    flow_fn = ingest.ingest_dumps.with_options(task_runner=ingest.task_runner_for(1, None))
    main = cProfile.Profile()
    started = time.perf_counter()
    main.enable()
    try:
        flow_fn(landing=str(corpus.root), db=str(db), in_flight=2, workers=1)
    finally:
        main.disable()
        ingest.parse_frames = original  # type: ignore[assignment]
    wall = time.perf_counter() - started
    stats = pstats.Stats(main)
    for prof in profiles:
        stats.add(prof)
    stats.dump_stats(str(db.with_suffix(".prof")))
    entries = [
        (func, tt, ct, nc)
        for func, (_cc, nc, tt, ct, _callers) in stats.stats.items()  # type: ignore[attr-defined]
    ]

    def top_by(index: int) -> list[dict[str, Any]]:
        ranked = sorted(entries, key=lambda e: e[index], reverse=True)[:top]
        return [
            {"function": func_name(f), "own_s": tt, "cum_s": ct, "calls": nc}
            for f, tt, ct, nc in ranked
        ]

    return {
        "tool": "cProfile",
        "wall_s": wall,
        "by_cum": top_by(2),
        "by_own": top_by(1),
        "file": str(db.with_suffix(".prof")),
    }


def func_name(func: tuple[str, int, str]) -> str:
    path, line, name = func
    return f"{name} ({short_path(path)}:{line})"


def short_path(path: str) -> str:
    for marker in ("site-packages/", str(ROOT) + "/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


# One frame of py-spy's raw output: "parse_text (transforms/parse.py)"
SPY_FRAME = re.compile(r"^(.*) \((.*)\)$")


def profile_pyspy(
    corpus: Corpus, db: Path, top: int, env: dict[str, str], workers: int
) -> dict[str, Any]:
    """`newsetl run` under py-spy at 100 Hz: every thread of every process of the run
    (main, task-runner workers, the temporary Prefect server), idle threads left out."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    out = db.with_suffix(".pyspy.txt")
    run = [*newsetl_command(), "run", str(corpus.root), "--db", str(db), "--workers", str(workers)]
    cmd = [spy, "record", "--subprocesses", "--nolineno", "--format", "raw", "-r", "100"]
    started = time.perf_counter()
    subprocess.run([*cmd, "-o", str(out), "--", *run], env=env, cwd=ROOT, check=True)
    wall = time.perf_counter() - started
    own: dict[str, int] = {}
    cum: dict[str, int] = {}
    roles: dict[str, int] = {}
    for line in out.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        count = int(count_text)
        frames = stack.split(";")
        processes = [f for f in frames if f.startswith("process ")]
        role = spy_role(processes[-1] if processes else "")
        roles[role] = roles.get(role, 0) + count
        frames = [f"[{role}] {short_frame(f)}" for f in frames if not f.startswith("process ")]
        if frames:
            own[frames[-1]] = own.get(frames[-1], 0) + count
        for frame in set(frames):
            cum[frame] = cum.get(frame, 0) + count
    total = sum(roles.values())

    def top_by(table: dict[str, int]) -> list[dict[str, Any]]:
        ranked = sorted(table.items(), key=lambda kv: kv[1], reverse=True)[:top]
        return [{"function": f, "samples": c, "pct": 100 * c / max(1, total)} for f, c in ranked]

    return {
        "tool": "py-spy",
        "wall_s": wall,
        "samples": total,
        "samples_by_process": roles,
        "by_cum": top_by(cum),
        "by_own": top_by(own),
        "file": str(out),
    }


def spy_role(process_frame: str) -> str:
    """py-spy names a process 'process 42:"<command line>"'; which part of the run is it?"""
    if SERVER_CMDLINE.search(process_frame):
        return "server"
    return "worker" if "spawn_main" in process_frame else "main"


def short_frame(frame: str) -> str:
    match = SPY_FRAME.match(frame)
    return f"{match.group(1)} ({short_path(match.group(2))})" if match else frame


def print_profile(profile: dict[str, Any], top: int, kept: bool) -> None:
    raw = f"raw data: {profile['file']}" if kept else "raw data removed (keep it with --keep)"
    print(f"\n== profile ({profile['tool']}), run took {profile['wall_s']:.2f} s; {raw} ==")
    if "samples_by_process" in profile:
        print(f"samples by process: {profile['samples_by_process']} (100 per CPU second)")
    for key, title in (("by_cum", "cumulative"), ("by_own", "own time")):
        print(f"\n-- top {top} by {title} --")
        for e in profile[key]:
            if "samples" in e:
                print(f"{e['pct']:6.1f}%  {e['samples']:>7}  {e['function']}")
            else:
                print(
                    f"own {e['own_s']:8.2f} s  cum {e['cum_s']:8.2f} s  "
                    f"{e['calls']:>9,}  {e['function']}"
                )


# ---------------------------------------------------------------------------
# Command line


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated corpus sizes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "newsetl-bench",
        help="corpora cache, Prefect home and run files (default: %(default)s)",
    )
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    parser.add_argument("--keep", action="store_true", help="keep databases and logs of this run")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=f"{SMOKE_SIZE} dumps, server mode only, dlt only if installed",
    )
    parser.add_argument(
        "--modes",
        default="temp,server",
        help="temp (Prefect's temporary server), server (one the bench starts)",
    )
    parser.add_argument("--no-dlt", action="store_true", help="skip the dlt comparison")
    parser.add_argument("--regenerate", action="store_true", help="rebuild cached corpora")
    parser.add_argument("--timeout", type=float, default=3600.0, help="per subprocess, seconds")
    parser.add_argument(
        "--profile",
        nargs="?",
        const="cprofile",
        choices=("cprofile", "py-spy"),
        help="only profile one run of the first size and print the top 25",
    )
    parser.add_argument(
        "--profile-workers", type=int, default=1, help="--workers of the py-spy profiled run"
    )
    parser.add_argument("--top", type=int, default=25, help=argparse.SUPPRESS)
    parser.add_argument("--bare-run", nargs=2, metavar=("LANDING", "DB"), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def options_from(args: argparse.Namespace) -> Options:
    workdir = args.workdir.resolve()
    scratch = workdir / "runs" / datetime.now().strftime("%Y%m%d-%H%M%S")
    sizes = [SMOKE_SIZE] if args.smoke else [int(s) for s in args.sizes.split(",") if s.strip()]
    modes = ["server"] if args.smoke else [m.strip() for m in args.modes.split(",") if m.strip()]
    wants_dlt = not args.no_dlt and (not args.smoke or dlt_available() is None)
    return Options(
        sizes, args.seed, workdir, scratch, modes, wants_dlt, args.regenerate, args.timeout
    )


def run_benchmark(opts: Options) -> dict[str, Any]:
    results: dict[str, Any] = {
        "started": datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "load_at_start": load_average(),
        },
        "versions": versions(),
        "git": git_state(),
        "settings": {
            "batch": BATCH,
            "seed": opts.seed,
            "modes": opts.modes,
            "rss_sample_s": SAMPLE_S,
            "workdir": str(opts.workdir),
        },
        "sizes": {},
    }
    if "temp" in opts.modes:
        results["prefect_warmup_s"] = warm_up(opts)
    for n in opts.sizes:
        size = measure_size(n, opts)
        size["ratios"] = ratios(size)
        results["sizes"][str(n)] = size
    results["targets"] = judge(results["sizes"])
    results["machine"]["load_at_end"] = load_average()
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.bare_run:
        landing, db = (Path(p) for p in args.bare_run)
        print(json.dumps(bare_ingest(landing, db)))
        return 0
    opts = options_from(args)
    opts.scratch.mkdir(parents=True, exist_ok=True)
    try:
        if args.profile:
            return run_profile(args, opts)
        results = run_benchmark(opts)
    finally:
        if not args.keep:
            shutil.rmtree(opts.scratch, ignore_errors=True)
    for n, size in results["sizes"].items():
        print_size(n, size)
    print_targets(results["targets"])
    out = args.json or opts.workdir / "last.json"
    out.write_text(json.dumps(results, indent=1, default=str))
    print(f"\nresults: {out}" + (f"; run files kept in {opts.scratch}" if args.keep else ""))
    failed = any(
        run["returncode"] for size in results["sizes"].values() for run in all_runs_of(size)
    )
    return 1 if failed else 0


def all_runs_of(size: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield size["bare"]
    yield size["bare_rerun_nochange"]
    for runs in size["e2e"].values():
        yield from (r for r in runs.values() if isinstance(r, dict))


def run_profile(args: argparse.Namespace, opts: Options) -> int:
    corpus = corpus_for(opts.workdir, opts.sizes[0], opts.seed, opts.regenerate)
    db = opts.scratch / "profile.duckdb"
    env = base_env(opts.workdir / "prefect-home")
    if args.profile == "py-spy":
        profile = profile_pyspy(corpus, db, args.top, env, args.profile_workers)
    else:
        os.environ.update({k: env[k] for k in ("PREFECT_HOME", "PREFECT_SERVER_ANALYTICS_ENABLED")})
        os.environ.pop("PREFECT_API_URL", None)
        profile = profile_cprofile(corpus, db, args.top)
    print_profile(profile, args.top, kept=args.keep)
    if args.json:
        args.json.write_text(json.dumps(profile, indent=1))
    if args.keep:
        print(f"profile data kept in {opts.scratch}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
