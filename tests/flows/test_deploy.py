"""`newsetl serve` against a real Prefect server, and prefect.yaml declaring the same deployment."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
import yaml
from prefect.cli.deploy._models import PrefectYamlModel
from prefect.client.schemas.actions import WorkPoolCreate
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterDeploymentId
from prefect.client.schemas.objects import ConcurrencyLimitStrategy, FlowRun, StateType
from prefect.client.schemas.schedules import CronSchedule
from prefect.exceptions import ObjectNotFound
from prefect.utilities.templating import apply_values

from flows.deploy import ONE_AT_A_TIME, ingest_deployment
from flows.runtime import run_tags
from tests.helpers import REPO, copy_landing
from tests.integration.test_prefect_server import NEWSETL, api, artifacts_of, cli_env, summary_rows
from warehouse.runlock import run_lock

pytestmark = pytest.mark.slow  # starts servers or subprocesses

PREFECT = str(Path(NEWSETL).with_name("prefect"))
CRON = "*/15 * * * *"
NAME = "test-ingest"


@dataclass
class Served:
    proc: subprocess.Popen[bytes]
    log: Path
    landing: Path
    db: Path
    deployment_id: UUID


def wait_for(what: str, probe: Callable[[], Any], timeout_s: float, log: Path | None = None) -> Any:
    """Poll `probe` until it returns something truthy."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.3)
    tail = log.read_text(errors="replace")[-3000:] if log else ""
    pytest.fail(f"timed out after {timeout_s} s waiting for {what}\n{tail}")


def stop(proc: subprocess.Popen[bytes]) -> int | None:
    """SIGTERM `newsetl serve` (it shuts down gracefully); kill its group if it hangs."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            return proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
            return None
    return proc.returncode


@pytest.fixture(scope="module")
def served(prefect_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("serve")
    landing = copy_landing(tmp / "landing")
    db = tmp / "news.duckdb"
    log = tmp / "serve.log"
    env = cli_env(prefect_server, tmp / "prefect-home")
    env["PREFECT_RUNNER_POLL_FREQUENCY"] = "1"  # pick up the runs below within a second
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [NEWSETL, "serve", str(landing), "--db", str(db), "--cron", CRON, "--name", NAME],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        with api(prefect_server) as client:

            def deployment_id() -> UUID | None:
                try:
                    return client.read_deployment_by_name(f"ingest-dumps/{NAME}").id
                except ObjectNotFound:
                    return None

            found = wait_for("the served deployment", deployment_id, 90, log)
        yield Served(proc, log, landing, db, found)
    finally:
        stop(proc)


def final_run(prefect_server: str, run_id: UUID, log: Path, timeout_s: float = 90) -> FlowRun:
    with api(prefect_server) as client:

        def finished() -> FlowRun | None:
            run = client.read_flow_run(run_id)
            return run if run.state and run.state.is_final() else None

        return wait_for(f"flow run {run_id} to finish", finished, timeout_s, log)


def test_serve_registers_the_scheduled_deployment(prefect_server: str, served: Served) -> None:
    with api(prefect_server) as client:
        deployment = client.read_deployment(served.deployment_id)
    [schedule] = deployment.schedules
    assert isinstance(schedule.schedule, CronSchedule)
    assert (schedule.schedule.cron, schedule.schedule.timezone, schedule.active) == (
        CRON, "UTC", True,
    )  # fmt: skip
    assert deployment.parameters == {
        "landing": str(served.landing.resolve()),
        "db": str(served.db.resolve()),
        "if_busy": "skip",
    }
    assert sorted(deployment.tags) == sorted(run_tags(served.landing, served.db))
    assert deployment.entrypoint == "flows/ingest.py:ingest_dumps"
    assert deployment.global_concurrency_limit is not None
    assert deployment.global_concurrency_limit.limit == 1
    assert deployment.concurrency_options is not None
    assert deployment.concurrency_options.collision_strategy == ConcurrencyLimitStrategy.CANCEL_NEW


def test_deployment_runs_one_at_a_time_and_ingest(prefect_server: str, served: Served) -> None:
    """A run due while another one waits for the warehouse is cancelled; the first is unharmed."""
    with api(prefect_server) as client:
        deployment = client.read_deployment(served.deployment_id)
        # no quarter-hour tick may start a run in the middle of this test
        client.update_deployment_schedule(
            served.deployment_id, deployment.schedules[0].id, active=False
        )
        for run in client.read_flow_runs(
            flow_run_filter=FlowRunFilter(
                deployment_id=FlowRunFilterDeploymentId(any_=[served.deployment_id])
            )
        ):
            client.delete_flow_run(run.id)

        with run_lock(served.db, "cli-run", wait_s=0):
            first = client.create_flow_run_from_deployment(
                served.deployment_id, parameters={"wait_s": 60}
            )

            def first_is_running() -> bool:
                return client.read_flow_run(first.id).state_type == StateType.RUNNING

            wait_for("the first run to start", first_is_running, 90, served.log)
            second = client.create_flow_run_from_deployment(served.deployment_id)
            cancelled = final_run(prefect_server, second.id, served.log)
            assert client.read_flow_run(first.id).state_type == StateType.RUNNING
        done = final_run(prefect_server, first.id, served.log)
        artifacts = artifacts_of(client, first.id)
    assert cancelled.state_type == StateType.CANCELLED
    assert done.state_type == StateType.COMPLETED
    assert sorted(done.tags) == sorted(run_tags(served.landing, served.db))
    rows = summary_rows(artifacts["ingest-summary"])
    assert (rows["files seen"], rows["loaded"], rows["duplicate"], rows["quarantined"]) == (
        "26", "16", "1", "9",
    )  # fmt: skip


def test_stopping_serve_exits_cleanly_and_pauses(prefect_server: str, served: Served) -> None:
    assert stop(served.proc) == 0, served.log.read_text(errors="replace")[-3000:]
    with api(prefect_server) as client:
        assert client.read_deployment(served.deployment_id).paused is True


@pytest.fixture
def prefect_yaml(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """prefect.yaml as `prefect deploy` sees it, run from the repository root."""
    monkeypatch.setenv("PWD", str(REPO))
    raw = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    PrefectYamlModel.model_validate(raw)  # what `prefect deploy` checks first
    return raw


def test_prefect_yaml_declares_the_served_deployment(
    prefect_yaml: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    landing, db = Path("landing"), Path("warehouse/news.duckdb")
    served = ingest_deployment(landing, db, CRON, "scheduled-ingest")
    [declared] = prefect_yaml["deployments"]
    [schedule] = declared["schedules"]
    assert declared["name"] == served.name == "scheduled-ingest"
    assert declared["entrypoint"] == served.entrypoint == "flows/ingest.py:ingest_dumps"
    assert declared["parameters"] == served.parameters
    assert schedule == {"cron": CRON, "timezone": "UTC", "active": True}
    [served_schedule] = served.schedules or []
    assert isinstance(served_schedule.schedule, CronSchedule)
    assert (served_schedule.schedule.cron, served_schedule.schedule.timezone) == (CRON, "UTC")
    assert declared["concurrency_limit"] == {
        "limit": ONE_AT_A_TIME.limit,
        "collision_strategy": ONE_AT_A_TIME.collision_strategy.value,
    }
    tags = apply_values(declared["tags"], dict(os.environ))
    assert sorted(tags) == sorted(served.tags) == sorted(run_tags(REPO / landing, REPO / db))
    assert prefect_yaml["pull"] == [
        {"prefect.deployments.steps.set_working_directory": {"directory": "{{ $PWD }}"}}
    ]


def test_prefect_deploy_of_the_yaml_matches_the_served_deployment(
    prefect_server: str, served: Served, tmp_path: Path
) -> None:
    """What a work-pool user gets from `prefect deploy` equals what `newsetl serve` registers."""
    with api(prefect_server) as client:
        client.create_work_pool(WorkPoolCreate(name="newsetl", type="process"))
    env = cli_env(prefect_server, tmp_path / "prefect-home")
    env["PWD"] = str(REPO)
    result = subprocess.run(
        [PREFECT, "--no-prompt", "deploy", "--name", "scheduled-ingest"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with api(prefect_server) as client:
        deployed = client.read_deployment_by_name("ingest-dumps/scheduled-ingest")
        from_serve = client.read_deployment(served.deployment_id)
    assert deployed.entrypoint == from_serve.entrypoint
    assert [s.schedule for s in deployed.schedules] == [s.schedule for s in from_serve.schedules]
    assert deployed.concurrency_options == from_serve.concurrency_options
    assert deployed.global_concurrency_limit is not None
    assert deployed.global_concurrency_limit.limit == 1
    assert deployed.parameters == {
        "landing": "landing", "db": "warehouse/news.duckdb", "if_busy": "skip",
    }  # fmt: skip
    assert sorted(deployed.tags) == sorted(
        run_tags(REPO / "landing", REPO / "warehouse" / "news.duckdb")
    )
    assert deployed.pull_steps == [
        {"prefect.deployments.steps.set_working_directory": {"directory": str(REPO)}}
    ]
    assert deployed.work_pool_name == "newsetl"
