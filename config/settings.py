"""Defaults and environment overrides, in one place.

Every knob the CLI exposes has an environment variable so scheduled runs
(Prefect deployments, cron) can be configured without flags.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = Path("warehouse") / "news.duckdb"
DEFAULT_LANDING = Path("landing")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # dumps larger than this (after gunzip) are quarantined unread
DEFAULT_BATCH_SIZE = 2000  # files per parse task and per load transaction
# Parse in one process per core (instead of in the flow's process) from this
# many files to parse on: below it the processes' start-up outweighs the gain.
AUTO_PROCESSES_MIN_FILES = 4000
# ... or from this much parsing work, in bytes as read (a gzip file counts GZIP_INFLATION
# times its size): 4,000 text dumps of ~6 KB; 80-100 HTML pages cost as much to parse
# (an HTML page is ~30 ms of parsing, a text dump ~0.6 ms, about the same per byte).
AUTO_PROCESSES_MIN_BYTES = 24 * 1024 * 1024
# A batch ends at DEFAULT_BATCH_SIZE files or at this much parsing work, whichever comes
# first: 2,000 text dumps are ~13 MB, but 2,000 HTML pages would be minutes of parsing in
# one task, leaving every other parse process idle on a folder of a few hundred pages.
DEFAULT_BATCH_BYTES = 16 * 1024 * 1024
GZIP_INFLATION = 4  # what a gzip-compressed page weighs per byte (HTML inflates 4-6x)
DEFAULT_WAIT_S = 30.0  # how long a run waits for another run on the same warehouse
DEFAULT_QUERY_WAIT_S = 10.0  # how long `newsetl sql` waits for a loading batch to commit
DEFAULT_SERVER_PORT = 4200  # `newsetl server` (Prefect's own default port)
TEMP_SERVER_STARTUP_TIMEOUT_S = 120  # Prefect's own default, 20 s, is too short on a loaded machine


def env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value) if value else default


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def db_path() -> Path:
    return env_path("NEWSETL_DB", DEFAULT_DB)


def landing_path() -> Path:
    return env_path("NEWSETL_LANDING", DEFAULT_LANDING)


def max_bytes() -> int:
    return env_int("NEWSETL_MAX_BYTES", DEFAULT_MAX_BYTES)


def apply_prefect_defaults() -> None:
    """Prefect settings that must be in place before prefect is imported; the CLI calls it.

    Users' schedulers often have no internet, so analytics pings only cost
    time. A run without PREFECT_API_URL starts a temporary server, and Prefect
    gives up on it after 20 s by default: a busy 2-core box can take longer
    to migrate a fresh SQLite database.
    """
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault(
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", str(TEMP_SERVER_STARTUP_TIMEOUT_S)
    )
