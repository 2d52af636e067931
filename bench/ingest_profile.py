"""`bench/ingest.py --profile`: where the time goes inside one run, with cProfile (the
flow in the bench process) or py-spy (`newsetl run` and all its processes).

Part of the ingest benchmark (bench/ingest.py, the entry point). It exists so that
profiling, a mode of its own that measures nothing else, sits apart from the
benchmark proper.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from ingest_common import ROOT, newsetl_command
from ingest_corpus import Corpus
from ingest_runs import SERVER_CMDLINE

from warehouse.frames import ParsedFrames

# ---------------------------------------------------------------------------
# --profile: where the time goes inside one run


def profile_cprofile(corpus: Corpus, db: Path, top: int) -> dict[str, Any]:
    """The flow in this process under cProfile; parse threads profiled too and merged in."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from flows import ingest, parallel

    profiles: list[cProfile.Profile] = []
    original = parallel.parse_frames

    def profiled(*args: Any) -> ParsedFrames:
        prof = cProfile.Profile()
        prof.enable()
        try:
            return original(*args)
        finally:
            prof.disable()
            profiles.append(prof)

    parallel.parse_frames = profiled  # type: ignore[assignment]
    flow_fn = ingest.ingest_dumps.with_options(task_runner=parallel.task_runner_for(1, None))
    main = cProfile.Profile()
    started = time.perf_counter()
    main.enable()
    try:
        flow_fn(landing=str(corpus.root), db=str(db), in_flight=2, workers=1)
    finally:
        main.disable()
        parallel.parse_frames = original  # type: ignore[assignment]
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
