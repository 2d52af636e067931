"""The benchmark's verdicts and printed report: ratios, targets (PASS/FAIL) and the
tables of every measured step.

Part of the ingest benchmark (bench/ingest.py, the entry point). It exists so that
what the figures are judged against, and how they are printed, sits apart from
how they are measured.
"""

from __future__ import annotations

import json
from typing import Any

from ingest_common import GB, MB, rate

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
