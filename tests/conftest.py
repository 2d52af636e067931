"""Shared fixtures: Prefect servers for the flow tests, a warehouse for the loader's.

`prefect_harness` is Prefect's own test harness for in-process flow runs;
`prefect_server` is a real `prefect server start` for tests that need what a
user gets (subprocess runs, deployments, the REST API); `con` is a migrated
warehouse file open for writing.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from newsetl.tempserver import answers, free_port
from warehouse.migrate import migrate

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

SERVER_STARTUP_TIMEOUT_S = 120


@pytest.fixture(name="con")
def migrated_warehouse(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(connection)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """Prefect's own test harness: a temporary database and API for this session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


def wait_until_healthy(proc: subprocess.Popen[bytes], api_url: str, log: Path) -> float:
    """Seconds until the server answered /api/health; fails with its log if it never does."""
    started = time.monotonic()
    while time.monotonic() - started < SERVER_STARTUP_TIMEOUT_S:
        if proc.poll() is not None:
            pytest.fail(f"prefect server exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        if answers(api_url):
            return time.monotonic() - started
        time.sleep(0.2)
    pytest.fail(f"prefect server not healthy after {SERVER_STARTUP_TIMEOUT_S} s:\n"
                f"{log.read_text()[-3000:]}")  # fmt: skip


def stop_process_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the group (the server and anything it started), SIGKILL what lingers."""
    for sig, grace_s in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=grace_s)
            return
        except subprocess.TimeoutExpired:
            continue


@contextlib.contextmanager
def serving(
    cmd: list[str], env: dict[str, str], port: int, log: Path
) -> Iterator[tuple[str, float]]:
    """Run a server command on 127.0.0.1:`port` in its own process group until the block ends.

    Yields its API URL and the seconds it took to answer; its output goes to `log`.
    """
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, killed as a whole below
        )
    try:
        url = f"http://127.0.0.1:{port}/api"
        yield url, wait_until_healthy(proc, url, log)
    finally:
        stop_process_group(proc)


@pytest.fixture(scope="session")
def prefect_server(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[str]:
    """A real `prefect server start` on 127.0.0.1 for this session; yields its API URL.

    Its state (SQLite database) lives in a temporary PREFECT_HOME, so tests
    never touch a developer's server.
    """
    home = tmp_path_factory.mktemp("prefect-server")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_UI_ENABLED="false",  # the API is what tests talk to
        PREFECT_SERVER_LOGGING_LEVEL="WARNING",
    )
    prefect = str(Path(sys.executable).with_name("prefect"))
    cmd = [prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    with serving(cmd, env, port, home / "server.log") as (url, took):
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"prefect_server: {url} healthy after {took:.1f} s")
        yield url
