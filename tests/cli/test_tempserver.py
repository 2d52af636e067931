"""newsetl's own launch of Prefect's temporary server (newsetl/tempserver.py)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsetl import tempserver
from tests.helpers import REPO, copy_landing
from tests.integration.test_scaleout import ingest

pytestmark = pytest.mark.slow  # starts servers or subprocesses

# "Temporary server on http://127.0.0.1:43567/api ready 4.1 s after launch"
READY_RE = re.compile(r"Temporary server on (http://127\.0\.0\.1:\d+/api) ready")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return (
        Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z" if sys.platform == "linux" else True
    )


def wait_gone(pid: int, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.1)
    return False


def test_run_without_a_server_uses_ours_and_leaves_nothing_behind(tmp_path: Path) -> None:
    """Prefect starts no server of its own (the run's process never imports it), and the
    one newsetl launched is gone when the run is."""
    run = ingest(None, copy_landing(tmp_path / "landing"), tmp_path)
    ready = READY_RE.findall(run.stderr)
    assert len(ready) == 1, run.stderr
    assert "Starting temporary server" not in run.stderr  # Prefect's own message
    assert run.summary["files seen"] == "26"
    assert not tempserver.answers(ready[0])


def test_a_killed_run_takes_its_server_along(tmp_path: Path) -> None:
    """SIGKILL gives atexit no chance: the server must still go (Linux: parent-death signal)."""
    if sys.platform != "linux":
        pytest.skip("the parent-death signal is Linux only")
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from newsetl.tempserver import TemporaryServer\n"
            "print(TemporaryServer.launch().process.pid, flush=True); time.sleep(300)",
        ],
        cwd=REPO,
        env=dict(os.environ, PREFECT_HOME=str(tmp_path / "home")),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert parent.stdout is not None
    server_pid = int(parent.stdout.readline())
    assert alive(server_pid)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    assert wait_gone(server_pid, 15), "the temporary server outlived its run"


def test_a_server_that_keeps_exiting_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exit code 3 is uvicorn's port-in-use: tried on fresh ports, then given up with the code."""
    launched: list[int] = []

    def failing(port: int) -> list[str]:
        launched.append(port)
        return [sys.executable, "-c", "raise SystemExit(3)"]

    monkeypatch.setattr(tempserver, "server_command", failing)
    server = tempserver.TemporaryServer.launch()
    with pytest.raises(tempserver.ServerNotReady, match="exited with code 3"):
        server.wait_ready(timeout_s=30)
    assert len(launched) == tempserver.LAUNCH_ATTEMPTS


def test_a_server_that_never_answers_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        tempserver,
        "server_command",
        lambda port: [sys.executable, "-c", "import time; time.sleep(60)"],
    )
    server = tempserver.TemporaryServer.launch()
    started = time.monotonic()
    with pytest.raises(tempserver.ServerNotReady, match="did not answer within 1 s"):
        server.wait_ready(timeout_s=1)
    assert time.monotonic() - started < 5
    server.stop()
    assert server.process.poll() is not None


def test_a_failed_server_leaves_the_run_to_prefect(monkeypatch: pytest.MonkeyPatch) -> None:
    """The run goes on with no API URL set, so Prefect starts its own temporary server."""
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    monkeypatch.setattr(
        tempserver, "server_command", lambda port: [sys.executable, "-c", "raise SystemExit(1)"]
    )
    server = tempserver.TemporaryServer.launch()
    # as in a fresh process without PREFECT_API_URL (other tests' fixtures set one)
    with (
        temporary_settings(restore_defaults={PREFECT_API_URL}),
        tempserver.prefect_api(server) as temporary,
    ):
        assert get_current_settings().api.url is None
        assert temporary  # recorded by Prefect's temporary server: gone after the run too
    assert server.process.poll() is not None


def sleeping_server(monkeypatch: pytest.MonkeyPatch) -> tempserver.TemporaryServer:
    """A launched 'server' that sleeps and is taken to answer: no Prefect server to wait for."""
    monkeypatch.setattr(
        tempserver,
        "server_command",
        lambda port: [sys.executable, "-c", "import time; time.sleep(60)"],
    )
    monkeypatch.setattr(tempserver, "answers", lambda api_url: True)
    return tempserver.TemporaryServer.launch()


def test_runs_against_our_server_send_no_heartbeats(monkeypatch: pytest.MonkeyPatch) -> None:
    """Heartbeats tell a server that outlives a run that the run died; ours dies with it.
    (Prefect waits up to 1 s for its heartbeat thread at the end of every run.)"""
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    server = sleeping_server(monkeypatch)
    assert get_current_settings().flows.heartbeat_frequency is not None  # Prefect's default: on
    with temporary_settings(restore_defaults={PREFECT_API_URL}), tempserver.prefect_api(server):
        assert get_current_settings().api.url == server.api_url
        assert get_current_settings().flows.heartbeat_frequency is None
    server.stop()
    assert server.process.poll() is not None


def test_runs_against_our_server_link_to_no_page_of_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server is gone once the run ends: Prefect's "View at <its URL>" would be a dead link."""
    from prefect.settings import PREFECT_API_URL, temporary_settings
    from prefect.utilities.urls import url_for

    server = sleeping_server(monkeypatch)
    run_id = "0c5e2f3a-7b1d-4e8f-9a6b-2d4c6e8f0a1b"
    with temporary_settings({PREFECT_API_URL: "http://127.0.0.1:4200/api"}):
        assert url_for("flow-run", obj_id=run_id)  # what Prefect logs as "View at" otherwise
    with (
        temporary_settings(restore_defaults={PREFECT_API_URL}),
        tempserver.prefect_api(server) as temporary,
    ):
        assert temporary
        assert url_for("flow-run", obj_id=run_id) is None
    server.stop()
