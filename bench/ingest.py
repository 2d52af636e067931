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

This file is the entry point: the command line, the benchmark of one size from
corpus to checks, and the bare-run subprocess mode. What it measures with lives in
sibling modules: ingest_common.py (paths, constants, helpers), ingest_corpus.py
(corpus cache, the 1 % change), ingest_floor.py (floor, parse alone),
ingest_vs_dlt.py (our loader vs dlt), ingest_runs.py (subprocess runs, process-tree
sampling, the bare ingest, the bench's Prefect server), ingest_report.py (ratios,
targets, printed tables) and ingest_profile.py (--profile).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import platform
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# dlt reads these when imported or when a pipeline starts: no telemetry, quiet logs.
os.environ["RUNTIME__DLTHUB_TELEMETRY"] = "false"
os.environ.setdefault("RUNTIME__LOG_LEVEL", "WARNING")
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from ingest_common import (  # noqa: E402
    BATCH,
    MB,
    base_env,
    git_state,
    load_average,
    newsetl_command,
    versions,
)
from ingest_corpus import Corpus, corpus_for, dirty_marker, one_percent_changed  # noqa: E402
from ingest_floor import measure_floor, measure_parse  # noqa: E402
from ingest_profile import print_profile, profile_cprofile, profile_pyspy  # noqa: E402
from ingest_report import judge, print_size, print_targets, ratios  # noqa: E402
from ingest_runs import (  # noqa: E402
    SAMPLE_S,
    TreeSampler,
    bare_ingest,
    bare_summary,
    last_run_of,
    prefect_server,
    run_measured,
    run_summary,
)
from ingest_vs_dlt import compare_with_dlt, dlt_available  # noqa: E402

SMOKE_SIZE = 200


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


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


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
