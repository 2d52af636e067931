"""What a run shows in the Prefect UI: a real server and `newsetl run`, read back via the API."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import pytest
from prefect.client.orchestration import SyncPrefectClient, get_client
from prefect.client.schemas.filters import (
    ArtifactFilter,
    ArtifactFilterFlowRunId,
    FlowRunFilter,
    FlowRunFilterId,
    FlowRunFilterTags,
    LogFilter,
    LogFilterFlowRunId,
)
from prefect.client.schemas.objects import Artifact, FlowRun, StateType
from prefect.settings import PREFECT_API_URL, temporary_settings

from flows.ingest import ingest_dumps
from tests.helpers import BAD_FILES, REPO, copy_landing
from warehouse.runlock import lock_path_for, read_holder, run_lock

pytestmark = pytest.mark.slow  # starts servers or subprocesses

NEWSETL = str(Path(sys.executable).with_name("newsetl"))
BUNDLED_COUNTS = {
    "files seen": "26",
    "loaded": "16",
    "unchanged": "0",
    "duplicate": "1",
    "quarantined": "9",
    "articles upserted": "15",
    "images": "27",
    "related links": "66",
}
# "newsetl run 3f0c...-..." — the summary table's title (rich may wrap it before the id)
RUN_ID_RE = re.compile(r"newsetl run\s+([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})")
# "| files seen | 26 |" — one row of the summary artifact's markdown table
MD_ROW_RE = re.compile(r"^\| (?P<name>[^|]+?) \| (?P<value>[^|]+?) \|$", re.MULTILINE)


@contextmanager
def api(url: str) -> Iterator[SyncPrefectClient]:
    with temporary_settings({PREFECT_API_URL: url}), get_client(sync_client=True) as client:
        yield client


def cli_env(api_url: str, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_API_URL=api_url,
        PREFECT_HOME=str(home),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        COLUMNS="200",
    )
    return env


def newsetl_run(api_url: str, home: Path, *args: str) -> tuple[UUID, str, str]:
    """`newsetl run ARGS` against the server; the flow run id, the CLI's output and its log."""
    result = subprocess.run(
        [NEWSETL, "run", *args],
        cwd=REPO,
        env=cli_env(api_url, home),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    match = RUN_ID_RE.search(result.stdout)
    assert match, result.stdout
    return UUID(match.group(1)), result.stdout, result.stderr


def artifacts_of(client: SyncPrefectClient, run_id: UUID) -> dict[str, Artifact]:
    found = client.read_artifacts(
        artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run_id]))
    )
    return {a.key: a for a in found if a.key}


def summary_rows(artifact: Artifact) -> dict[str, str]:
    assert isinstance(artifact.data, str)
    return {m["name"]: m["value"] for m in MD_ROW_RE.finditer(artifact.data)}


def log_lines(client: SyncPrefectClient, run_id: UUID, wanted: str) -> list[str]:
    """The run's log messages, polling briefly: logs reach the API in the background."""
    deadline = time.monotonic() + 15
    while True:
        logs = client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run_id])))
        messages = [log.message for log in logs]
        if any(wanted in m for m in messages) or time.monotonic() > deadline:
            return messages
        time.sleep(0.3)


@dataclass(frozen=True)
class CliRun:
    run_id: UUID
    landing: Path
    db: Path
    home: Path
    stdout: str
    stderr: str


@pytest.fixture(scope="module")
def cli_run(prefect_server: str, tmp_path_factory: pytest.TempPathFactory) -> CliRun:
    """One `newsetl run` of the bundled landing folder, recorded by the server."""
    tmp = tmp_path_factory.mktemp("server-run")
    landing = copy_landing(tmp / "landing")
    db = tmp / "news.duckdb"
    home = tmp / "prefect-home"
    run_id, stdout, stderr = newsetl_run(prefect_server, home, str(landing), "--db", str(db))
    return CliRun(run_id, landing, db, home, stdout, stderr)


def test_cli_run_links_its_page_in_the_server_ui(prefect_server: str, cli_run: CliRun) -> None:
    """The server outlives the run: Prefect's "View at" line stays, and the run names it too."""
    page = f"{prefect_server.removesuffix('/api')}/runs/flow-run/{cli_run.run_id}"
    assert f"View at {page}" in cli_run.stderr
    assert f"see this run in the Prefect UI: {page}" in cli_run.stdout
    assert "newsetl server --home" not in cli_run.stdout


def test_cli_run_is_completed_named_and_tagged(prefect_server: str, cli_run: CliRun) -> None:
    with api(prefect_server) as client:
        run: FlowRun = client.read_flow_run(cli_run.run_id)
        flow = client.read_flow(run.flow_id)
        by_tag = client.read_flow_runs(
            flow_run_filter=FlowRunFilter(
                tags=FlowRunFilterTags(all_=[f"landing:{cli_run.landing.resolve()}"])
            )
        )
    assert run.state_type == StateType.COMPLETED
    assert (flow.name, run.name) == ("ingest-dumps", f"ingest {cli_run.landing}")
    assert sorted(run.tags) == sorted(
        ["newsetl", f"landing:{cli_run.landing.resolve()}", f"warehouse:{cli_run.db.resolve()}"]
    )
    assert [r.id for r in by_tag] == [cli_run.run_id]


def test_run_leaves_summary_quarantine_and_progress_artifacts(
    prefect_server: str, cli_run: CliRun
) -> None:
    with api(prefect_server) as client:
        artifacts = artifacts_of(client, cli_run.run_id)
    assert sorted(artifacts) == ["ingest-progress", "ingest-quarantine", "ingest-summary"]
    summary = artifacts["ingest-summary"]
    assert summary.type == "markdown"
    assert isinstance(summary.data, str)
    assert summary.data.startswith("# newsetl ingest: completed\n")
    rows = summary_rows(summary)
    assert {k: rows[k] for k in BUNDLED_COUNTS} == BUNDLED_COUNTS
    assert re.fullmatch(r"\d+\.\d\d s", rows["duration"])
    assert re.fullmatch(r"[\d,]+ files/s", rows["throughput"])

    table = artifacts["ingest-quarantine"]
    assert table.type == "table"
    assert isinstance(table.data, str)
    quarantined = json.loads(table.data)
    assert {row["path"]: row["reason"] for row in quarantined} == BAD_FILES
    assert len(quarantined) == 9 and all(row["detail"] for row in quarantined)

    progress = artifacts["ingest-progress"]
    assert (progress.type, progress.data) == ("progress", 100.0)


def test_task_runs_and_logs_show_each_step(prefect_server: str, cli_run: CliRun) -> None:
    with api(prefect_server) as client:
        tasks = client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[cli_run.run_id]))
        )
        batch_line = "batch 0: 16 loaded, 0 unchanged, 1 duplicate, 9 quarantined"
        messages = log_lines(client, cli_run.run_id, batch_line)
    assert sorted(t.name for t in tasks) == [
        "close-run", "load-batch-0", "parse-batch-0", "plan-run",
    ]  # fmt: skip
    assert all(t.state_type == StateType.COMPLETED for t in tasks)
    # the run's tags label the flow run only: a tagged task run costs an API round trip
    assert [t.tags for t in tasks] == [[]] * 4
    # 9 bad files came back as rejections, not exceptions: nothing was retried
    assert [t.run_count for t in tasks] == [1] * 4
    assert f"{batch_line} -> 15 articles, 27 images, 66 links" in messages
    assert "found 26 file(s) under" in " ".join(messages)


def test_no_task_results_are_persisted(cli_run: CliRun) -> None:
    """Parsed batches travel in memory; nothing lands in PREFECT_HOME's result storage."""
    storage = cli_run.home / "storage"
    assert not storage.exists() or list(storage.iterdir()) == []
    assert cli_run.home.is_dir()  # the run did use this PREFECT_HOME


def test_skipped_run_completes_with_a_log_line_and_a_summary(
    prefect_server: str, cli_run: CliRun
) -> None:
    """A run that finds the warehouse held skips cleanly and leaves the holder alone."""
    with run_lock(cli_run.db, "holder-run", wait_s=0):
        with temporary_settings({PREFECT_API_URL: prefect_server}):
            state = ingest_dumps(
                landing=str(cli_run.landing),
                db=str(cli_run.db),
                wait_s=0.3,
                if_busy="skip",
                return_state=True,
            )
        assert read_holder(lock_path_for(cli_run.db)).run_id == "holder-run"  # type: ignore[union-attr]
        summary = state.result()
    assert state.type == StateType.COMPLETED
    assert summary.status == "skipped"
    with api(prefect_server) as client:
        run_id = state.state_details.flow_run_id
        assert run_id is not None
        artifacts = artifacts_of(client, run_id)
        messages = log_lines(client, run_id, "skipped, nothing ingested")
    assert sorted(artifacts) == ["ingest-summary"]
    assert isinstance(artifacts["ingest-summary"].data, str)
    assert artifacts["ingest-summary"].data.startswith("# newsetl ingest: skipped\n")
    assert "is being written by run holder-run" in artifacts["ingest-summary"].data
    assert summary_rows(artifacts["ingest-summary"])["files seen"] == "0"
    skipped = [m for m in messages if m.startswith("skipped, nothing ingested")]
    assert len(skipped) == 1
    assert f"warehouse {cli_run.db} is being written by run holder-run" in skipped[0]


def test_failed_run_leaves_a_summary_too(prefect_server: str, cli_run: CliRun) -> None:
    with (
        run_lock(cli_run.db, "holder-run", wait_s=0),
        temporary_settings({PREFECT_API_URL: prefect_server}),
    ):
        state = ingest_dumps(
            landing=str(cli_run.landing), db=str(cli_run.db), wait_s=0.2, return_state=True
        )
    assert state.type == StateType.FAILED
    run_id = state.state_details.flow_run_id
    assert run_id is not None
    with api(prefect_server) as client:
        artifacts = artifacts_of(client, run_id)
    assert sorted(artifacts) == ["ingest-summary"]
    summary = artifacts["ingest-summary"].data
    assert isinstance(summary, str)
    assert summary.startswith("# newsetl ingest: failed\n")
    assert "WarehouseLocked: warehouse " in summary and "by run holder-run" in summary
