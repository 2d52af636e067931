"""What the benchmark measures in its own process before any run: the floor (find,
read and split the files) and transforms.parse_dump alone on one core.

Part of the ingest benchmark (bench/ingest.py, the entry point). It exists so that
the bottom rows of the report (what any ingest must at least spend) sit apart from
the runs measured as subprocesses.
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ingest_common import BATCH, MAX_BYTES, MB, rate

from flows.landing import ParsedDump, SourceFile, discover
from transforms import parse_dump
from transforms.records import Rejection

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
