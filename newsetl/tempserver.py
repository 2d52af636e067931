"""Prefect's temporary API server for a run without PREFECT_API_URL, started early and lean.

Prefect starts one itself when a flow first needs the API, but only after
importing the whole server (its FastAPI app and ORM models: ~2 s of CPU and
~85 MB) into the run's own process just to launch it, and then the flow waits
while the subprocess imports it all again (~4 s). `newsetl run` launches the
same subprocess (same command, same environment) before it imports anything
heavy, so the server boots while the run imports Prefect and DuckDB, and the
run's process never loads the server code. If it does not come up, the run
falls back to Prefect's own.

Linux only detail: the server gets SIGTERM when the run's process dies, so a
killed run leaves no server behind (Prefect's own relies on atexit).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from config import settings

# What Prefect's SubprocessASGIServer sets for its child: no UI, ephemeral mode
# (no background services but the ones a run needs).
SERVER_ENV = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
}
APP_FACTORY = "prefect.server.api.server:create_app"
POLL_S = 0.05
LAUNCH_ATTEMPTS = 3  # a port taken between choosing it and binding it: try another
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


class ServerNotReady(RuntimeError):
    """The temporary server exited or did not answer in time."""


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_command(port: int) -> list[str]:
    """Prefect's own command line for its temporary server, found without importing Prefect."""
    spec = importlib.util.find_spec("prefect")
    if spec is None or spec.origin is None:
        raise ServerNotReady("prefect is not installed")
    app_dir = Path(spec.origin).parent.parent
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "--app-dir",
        str(app_dir),
        "--factory",
        APP_FACTORY,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "error",
        "--lifespan",
        "on",
    ]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def startup_timeout_s() -> float:
    """Prefect's setting for its own temporary server (config/settings.py raises its default)."""
    value = os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS")
    return float(value or settings.TEMP_SERVER_STARTUP_TIMEOUT_S)


@dataclass
class TemporaryServer:
    """A launched (maybe not yet ready) temporary server; `stop` it when the run is over."""

    port: int
    process: subprocess.Popen[bytes]
    launched_at: float = field(default_factory=time.monotonic)
    attempts: int = 1

    @classmethod
    def launch(cls) -> TemporaryServer:
        """Start it; it is stopped at exit.

        Launched before Prefect is imported, so its atexit hook runs after
        Prefect's (last in, first out), which send the run's last logs and events.
        """
        server = cls._start()
        atexit.register(server.stop)
        return server

    @classmethod
    def _start(cls) -> TemporaryServer:
        port = free_port()
        preexec = _die_with_parent if sys.platform == "linux" else None
        process = subprocess.Popen(
            server_command(port),
            env={**os.environ, **SERVER_ENV},
            stdin=subprocess.DEVNULL,
            preexec_fn=preexec,  # a prctl call in the child only, before exec
        )
        return cls(port, process)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def wait_ready(self, timeout_s: float | None = None) -> float:
        """Block until /health answers; seconds since launch. ServerNotReady if it cannot."""
        deadline = self.launched_at + (timeout_s if timeout_s is not None else startup_timeout_s())
        while True:
            code = self.process.poll()
            if code is not None:
                if self.attempts >= LAUNCH_ATTEMPTS:
                    raise ServerNotReady(f"the temporary Prefect server exited with code {code}")
                self._relaunch()
                continue
            if answers(self.api_url):
                return time.monotonic() - self.launched_at
            if time.monotonic() > deadline:
                raise ServerNotReady(
                    f"the temporary Prefect server did not answer within "
                    f"{deadline - self.launched_at:.0f} s"
                )
            time.sleep(POLL_S)

    def stop(self) -> None:
        """SIGTERM (uvicorn shuts down cleanly), SIGKILL after 5 s."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def _relaunch(self) -> None:
        fresh = TemporaryServer._start()
        self.port, self.process, self.attempts = fresh.port, fresh.process, self.attempts + 1


def answers(api_url: str) -> bool:
    """A Prefect API answers its health check at `api_url` (stdlib only: no client import)."""
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=1.0) as response:
            return bool(response.status == 200)
    except OSError:  # (urllib's URLError is one)
        return False


def wanted() -> bool:
    """No PREFECT_API_URL in the environment: a run will need a temporary server.

    A URL set in a Prefect profile instead is only known once Prefect is
    imported; the run then stops the server it launched, unused.
    """
    return not os.environ.get("PREFECT_API_URL")


def has_api_url() -> bool:
    from prefect.settings import get_current_settings

    return bool(get_current_settings().api.url)


@contextmanager
def prefect_api(server: TemporaryServer | None) -> Iterator[bool]:
    """Point the run at its temporary server (launched by `run`), if it needs one.

    The flow and its Dask workers then share that one server: each worker
    would otherwise start another (seconds each, its task runs recorded
    there). Local parse processes run no Prefect. The server stops at exit,
    once Prefect has sent its last logs and events.

    Flow-run heartbeats are off against it: they let a server that outlives
    a run notice that the run died, and this one dies with the run. (At the
    end of a run Prefect waits up to 1 s for its heartbeat thread.)

    Yields whether the run is recorded by a temporary server (this one, or
    Prefect's own if this one fails): its UI is gone once the run ends, so
    Prefect's "View at http://127.0.0.1:<port>/..." line is left out (an
    empty PREFECT_UI_URL), and `run` says how to see the run afterwards.
    """
    if server is None:
        yield False
        return
    if has_api_url():  # PREFECT_API_URL comes from a Prefect profile: not needed
        server.stop()
        yield False
        return
    from prefect.logging import get_logger
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        PREFECT_UI_URL,
        temporary_settings,
    )

    logger = get_logger("newsetl")
    try:
        ready_s = server.wait_ready()
    except ServerNotReady as exc:
        logger.warning("%s; the run falls back to Prefect's own temporary server", exc)
        server.stop()
        yield True
        return
    logger.info(
        "Temporary server on %s ready %.1f s after launch "
        "(export PREFECT_API_URL to record runs in a server you keep running)",
        server.api_url,
        ready_s,
    )
    with temporary_settings(
        {
            PREFECT_API_URL: server.api_url,
            PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None,
            PREFECT_UI_URL: "",
        }
    ):
        yield True


def where_to_see(run_id: str, temporary: bool) -> str | None:
    """The line that tells where the finished run can be looked at in the Prefect UI.

    A temporary server keeps the run's state in the database under PREFECT_HOME
    and is gone once the run ends; `newsetl server --home` serves that database.
    A server the user runs has its own UI (None when Prefect knows no UI URL).
    """
    from prefect.settings import get_current_settings
    from prefect.utilities.urls import url_for

    if not temporary:
        url = url_for("flow-run", obj_id=run_id)
        return f"see this run in the Prefect UI: {url}" if url else None
    home = shlex.quote(str(get_current_settings().home))
    ui = f"http://127.0.0.1:{settings.DEFAULT_SERVER_PORT}"
    return (
        f"see this run in the Prefect UI: newsetl server --home {home}, "
        f"then {ui}/runs/flow-run/{run_id}"
    )
