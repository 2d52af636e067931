"""Parsing on processes or a Dask cluster gives the same warehouse as the default runner."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import pytest
from distributed import Client, LocalCluster
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
from prefect.client.schemas.objects import StateType

from flows.parallel import BatchParser
from tests.helpers import (
    HTML_DIR,
    LANDING,
    REPO,
    content_snapshot,
    copy_landing,
    load_make_corpus,
)
from tests.integration.test_prefect_server import NEWSETL, RUN_ID_RE, api, cli_env
from warehouse.runlock import lock_path_for, run_lock

pytestmark = pytest.mark.slow  # starts servers or subprocesses

GENERATED = 200
HTML_DUMPS = 4  # landing/html/: three articles and a section front (quarantined)
FILES = 26 + HTML_DUMPS + GENERATED
BATCH_SIZE = 40
BATCHES = -(-FILES // BATCH_SIZE)  # 6: several in flight at once on every runner
# "│ files seen        │   226 │" — a row of the summary table `newsetl run` prints
SUMMARY_ROW_RE = re.compile(r"^│ *(?P<name>[a-z ]+?) *│ *(?P<value>[\d,]+) *│$", re.MULTILINE)


@dataclass(frozen=True)
class Ingested:
    run_id: UUID
    db: Path
    home: Path
    summary: dict[str, str]
    stderr: str


@pytest.fixture(scope="module")
def landing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled dumps and HTML dumps plus a generated corpus with duplicates, re-captures
    and bad files: text and HTML parse on every runner."""
    root = copy_landing(tmp_path_factory.mktemp("scaleout") / "landing")
    shutil.copytree(LANDING / HTML_DIR, root / HTML_DIR)
    load_make_corpus().generate_corpus(GENERATED, root / "generated", seed=3)
    return root


@pytest.fixture(scope="module")
def dask_address() -> Iterator[str]:
    """Two single-threaded worker processes on 127.0.0.1 (they take a few seconds to start)."""
    with LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        yield cluster.scheduler_address


def ingest(api_url: str | None, landing: Path, tmp: Path, *options: str) -> Ingested:
    """`newsetl run` in a subprocess, as a user runs it; api_url None: no Prefect server."""
    db, home = tmp / "news.duckdb", tmp / "prefect-home"
    env = cli_env(api_url or "", home)
    if api_url is None:
        del env["PREFECT_API_URL"]
    result = subprocess.run(
        [NEWSETL, "run", str(landing), "--db", str(db), "--batch-size", str(BATCH_SIZE), *options],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = {m["name"]: m["value"] for m in SUMMARY_ROW_RE.finditer(result.stdout)}
    run_id = RUN_ID_RE.search(result.stdout)
    assert run_id, result.stdout
    return Ingested(UUID(run_id.group(1)), db, home, rows, result.stderr)


def no_results_persisted(home: Path) -> bool:
    storage = home / "storage"
    return not storage.exists() or not any(storage.iterdir())


@pytest.fixture(scope="module")
def default_run(
    prefect_server: str, landing: Path, tmp_path_factory: pytest.TempPathFactory
) -> Ingested:
    return ingest(prefect_server, landing, tmp_path_factory.mktemp("default"))


def test_default_run_accounts_for_every_file(default_run: Ingested) -> None:
    assert default_run.summary["files seen"] == str(FILES)
    parts = ("loaded", "unchanged", "duplicate", "quarantined")
    assert sum(int(default_run.summary[p]) for p in parts) == FILES
    assert (default_run.summary["duplicate"], default_run.summary["quarantined"]) == ("3", "12")
    assert no_results_persisted(default_run.home)


def test_process_pool_gives_identical_tables(
    landing: Path, default_run: Ingested, tmp_path: Path
) -> None:
    """Without a server too: the workers share the run's temporary one instead of each
    starting their own."""
    run = ingest(None, landing, tmp_path, "--workers", "2")
    assert run.summary == default_run.summary
    assert content_snapshot(run.db) == content_snapshot(default_run.db)
    assert no_results_persisted(run.home)
    assert run.stderr.count("Temporary server on") == 1  # newsetl's, shared with the workers
    assert "Starting temporary server" not in run.stderr  # none of Prefect's own


def test_dask_cluster_gives_identical_tables_and_only_parses(
    prefect_server: str, landing: Path, default_run: Ingested, dask_address: str, tmp_path: Path
) -> None:
    with Client(dask_address) as client:
        client.get_task_stream()  # the scheduler records task streams from the first ask on
        run = ingest(prefect_server, landing, tmp_path, "--dask-address", dask_address)
        stream = client.get_task_stream()
    assert run.summary == default_run.summary
    assert content_snapshot(run.db) == content_snapshot(default_run.db)
    assert no_results_persisted(run.home)
    ran = sorted(str(t["key"]).split("-")[0] for t in stream)
    assert ran == ["parse_batch"] * BATCHES  # loading stayed in the flow process: one writer
    with api(prefect_server) as prefect:  # the workers reported to the same Prefect server
        tasks = prefect.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run.run_id]))
        )
    parsed = [t for t in tasks if t.name.startswith("parse-batch-")]
    assert sorted(t.name for t in parsed) == sorted(f"parse-batch-{n}" for n in range(BATCHES))
    assert all(t.state_type == StateType.COMPLETED for t in parsed)


def open_files() -> list[str]:
    """What this process has open."""
    fds = Path("/proc/self/fd")
    return [os.path.realpath(fds / name) for name in os.listdir(fds)]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_parse_processes_do_not_hold_the_run_lock(tmp_path: Path) -> None:
    """Parse processes are spawned, not forked: a crashed flow's orphans cannot keep the lock."""
    db = tmp_path / "w.duckdb"
    with run_lock(db, "parent-run", wait_s=0), BatchParser(1) as parser:
        files = parser.run(open_files)
    with pytest.raises(RuntimeError):
        parser.run(open_files)  # the processes live as long as the run
    assert str(lock_path_for(db).resolve()) not in files
    assert files  # the probe did list the worker's descriptors
