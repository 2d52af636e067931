"""bench/ingest.py --smoke: the ingest benchmark runs end to end on 200 dumps and reports
figures that add up (one subprocess, ~40 s: a Prefect server start and four `newsetl run`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "ingest.py"
# What seed 0 of bench/make_corpus.py puts in 200 files (195 articles, 1 re-capture,
# 2 byte-identical copies, 2 bad files), hence what a fresh ingest must end with.
EXPECTED_FRESH = {
    "files_seen": 200,
    "files_loaded": 196,
    "files_unchanged": 0,
    "files_duplicate": 2,
    "files_quarantined": 2,
    "article_rows": 195,
}
SIZE_KEYS = {
    "load_before", "load_after", "corpus", "expected", "floor", "parse", "dlt", "bare",
    "bare_rerun_nochange", "e2e", "checks", "ratios",
}  # fmt: skip
RUN_KEYS = {"default", "workers2", "rerun_nochange", "rerun_1pct"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str]:
    tmp = tmp_path_factory.mktemp("bench")
    out = tmp / "smoke.json"
    env = dict(os.environ, PREFECT_SERVER_ANALYTICS_ENABLED="false")
    env.pop("PREFECT_API_URL", None)
    cmd = [sys.executable, str(BENCH), "--smoke", "--workdir", str(tmp / "w"), "--json", str(out)]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(out.read_text()), result.stdout


def size_of(smoke: tuple[dict[str, Any], str]) -> dict[str, Any]:
    return smoke[0]["sizes"]["200"]


def test_reports_every_section(smoke: tuple[dict[str, Any], str]) -> None:
    results, stdout = smoke
    assert list(results["sizes"]) == ["200"]
    size = size_of(smoke)
    assert set(size) == SIZE_KEYS
    assert list(size["e2e"]) == ["server"]
    assert set(size["e2e"]["server"]) >= RUN_KEYS
    assert "== 200 dumps" in stdout and "== targets ==" in stdout
    assert "newsetl run [server] workers2" in stdout


def test_every_run_ends_with_the_counts_the_corpus_promises(
    smoke: tuple[dict[str, Any], str],
) -> None:
    size = size_of(smoke)
    assert size["expected"] == EXPECTED_FRESH
    runs = size["e2e"]["server"]
    for label in ("default", "workers2"):
        counts = runs[label]["counts"]
        assert {k: counts[k] for k in EXPECTED_FRESH} == EXPECTED_FRESH, label
        assert counts["status"] == "completed"
    bare = size["bare"]["counts"]
    assert {k: bare[k] for k in EXPECTED_FRESH if k != "article_rows"} == {
        k: v for k, v in EXPECTED_FRESH.items() if k != "article_rows"
    }
    checks = size["checks"]
    assert (checks["consistent"], checks["match_corpus"]) == (True, True)
    assert (checks["nochange_all_unchanged"], checks["bare_rerun_all_unchanged"]) == (True, True)
    assert (checks["changed_files"], checks["changed_loaded"]) == (2, [2])
    assert runs["rerun_nochange"]["counts"]["files_loaded"] == 0
    assert runs["rerun_nochange"]["counts"]["files_unchanged"] == 200
    # 1% of 200 files rewritten: exactly those two are loaded again, the rest unchanged
    assert runs["rerun_1pct"]["changed_files"] == 2
    assert runs["rerun_1pct"]["counts"]["files_loaded"] == 2
    assert runs["rerun_1pct"]["counts"]["files_unchanged"] == 198


def test_rates_and_memory_are_measured(smoke: tuple[dict[str, Any], str]) -> None:
    size = size_of(smoke)
    assert size["floor"]["files"] == size["parse"]["files"] == 200
    assert size["floor"]["bytes"] == size["corpus"]["bytes"]
    assert size["floor"]["read_dumps_s"] > 0 and size["floor"]["split_dumps_s"] > 0
    assert size["parse"]["dumps_s"] > 0 and size["parse"]["cpu_s"] > 0
    assert size["bare"]["dumps_s"] > 0 and size["bare"]["peak_rss"] > 0
    for label in RUN_KEYS:
        run = size["e2e"]["server"][label]
        assert run["returncode"] == 0, label
        assert run["dumps_s"] > 0 and run["flow_s"] > 0, label
        assert 0 < run["flow_s"] < run["wall_s"], label
        assert run["peak_rss"] > 0 and run["peak_rss_server"] == 0, label  # server is apart
    assert size["e2e"]["server"]["server_peak_rss"] > 0


def test_targets_and_dlt(smoke: tuple[dict[str, Any], str]) -> None:
    results = smoke[0]
    size = size_of(smoke)
    targets = results["targets"]
    assert [t["size"] for t in targets] == ["200"] * 7
    assert {t["verdict"] for t in targets} <= {"PASS", "FAIL", "n/a"}
    dlt_row = next(t for t in targets if t["target"].startswith("load rows/s"))
    if "skipped" in size["dlt"]:
        assert dlt_row["verdict"] == "n/a"
    else:
        bare = size["bare"]["counts"]
        written = bare["articles_upserted"] + bare["images"] + bare["related_links"]
        assert size["dlt"]["ours"]["rows"] == written
        assert size["dlt"]["dlt"]["rows"] >= written  # dlt appends duplicates' rows too
        assert size["dlt"]["ratio"] > 0
