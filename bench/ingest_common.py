"""Where the repository is, shared constants and small helpers of the ingest benchmark.

Part of the ingest benchmark (bench/ingest.py, the entry point). It exists so that
the benchmark's modules (ingest_*.py) share one definition of the batch size and
size limit the flow uses, of how a subprocess of the bench is set up, and of what
is recorded about the machine and the code measured.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from config.settings import DEFAULT_BATCH_SIZE, DEFAULT_MAX_BYTES

ROOT = Path(__file__).resolve().parent.parent
BATCH = DEFAULT_BATCH_SIZE  # the bare run mirrors the flow
MAX_BYTES = DEFAULT_MAX_BYTES
MB = 1e6
GB = 1024**3

# ---------------------------------------------------------------------------
# Small helpers


def rate(count: float, seconds: float) -> float:
    return count / seconds if seconds > 0 else 0.0


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def base_env(prefect_home: Path) -> dict[str, str]:
    """What every subprocess gets: no analytics, its own Prefect home, no API URL yet."""
    env = dict(os.environ)
    for name in ("PREFECT_API_URL", "NEWSETL_DB", "NEWSETL_LANDING", "NEWSETL_MAX_BYTES"):
        env.pop(name, None)
    env.update(
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_HOME=str(prefect_home),
        COLUMNS="200",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
    )
    return env


def newsetl_command() -> list[str]:
    script = Path(sys.executable).with_name("newsetl")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsetl.cli"]


def git_state() -> dict[str, Any]:
    """Which code was measured: HEAD and whether the tree had local edits (read-only git)."""

    def git(*args: str) -> str:
        try:
            out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
            return out.stdout.rstrip()
        except OSError:
            return ""

    dirty = [line[3:] for line in git("status", "--porcelain").splitlines()]
    return {"head": git("rev-parse", "--short", "HEAD"), "uncommitted": dirty[:50]}


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("prefect", "duckdb", "pyarrow", "dlt", "psutil"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found
