"""The `newsetl` command through its installed entry point, as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from newsetl.tempserver import free_port
from tests.cli.test_tempserver import READY_RE
from tests.conftest import serving
from tests.helpers import REPO, copy_landing
from tests.integration.test_prefect_server import RUN_ID_RE

pytestmark = pytest.mark.slow  # starts servers or subprocesses

NEWSETL = str(Path(sys.executable).with_name("newsetl"))
PUBLISHER_COUNTS = [
    ["AP News", "6"], ["CBS News", "1"], ["Los Angeles Times", "2"], ["Reuters", "3"],
    ["UPI", "2"], ["USA TODAY", "1"],
]  # fmt: skip


def newsetl(*args: str, cwd: Path = REPO, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PREFECT_SERVER_ANALYTICS_ENABLED="false", COLUMNS="200")
    env.pop("PREFECT_API_URL", None)  # the CLI must work with no server (ephemeral mode)
    return subprocess.run(
        [NEWSETL, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real `newsetl run` of the bundled landing folder, shared by the read tests."""
    tmp = tmp_path_factory.mktemp("cli")
    landing = copy_landing(tmp / "landing")
    db = tmp / "news.duckdb"
    result = newsetl("run", str(landing), "--db", str(db), "--quiet")
    assert result.returncode == 0, result.stderr
    lines = {" ".join(line.split("│")[1].split()): line.split("│")[2].strip()
             for line in result.stdout.splitlines() if line.count("│") == 3}  # fmt: skip
    assert lines["files seen"] == "26"
    assert (lines["loaded"], lines["unchanged"], lines["duplicate"]) == ("16", "0", "1")
    assert (lines["quarantined"], lines["articles upserted"]) == ("9", "15")
    assert (lines["images"], lines["related links"]) == ("27", "66")
    assert "9 file(s) quarantined" in result.stdout
    return db


def test_sql_answers_the_readme_question(loaded_db: Path) -> None:
    result = newsetl("sql", "select publisher, count(*) from article group by 1 order by 1",
                     "--db", str(loaded_db), "--format", "csv")  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows == [["publisher", "count_star()"], *PUBLISHER_COUNTS]


def test_sql_json_and_table_formats(loaded_db: Path) -> None:
    as_json = newsetl("sql", "select reason, count(*) as n from quarantine group by 1 order by 1",
                      "--db", str(loaded_db), "--format", "json")  # fmt: skip
    assert json.loads(as_json.stdout) == [
        {"reason": "binary", "n": 1}, {"reason": "decode_error", "n": 1},
        {"reason": "empty", "n": 2}, {"reason": "no_title", "n": 1},
        {"reason": "not_an_article", "n": 3}, {"reason": "too_large", "n": 1},
    ]  # fmt: skip
    as_table = newsetl("sql", "select count(*) as articles from article", "--db", str(loaded_db))
    assert as_table.returncode == 0
    assert "articles" in as_table.stdout and "15" in as_table.stdout


def test_sql_from_a_file_and_every_example_query_runs(loaded_db: Path) -> None:
    queries = sorted((REPO / "sql" / "queries").glob("*.sql"))
    assert queries, "sql/queries/ has example queries"
    for path in queries:
        result = newsetl("sql", "-f", str(path), "--db", str(loaded_db), "--format", "csv")
        assert result.returncode == 0, f"{path.name}: {result.stderr}"
        assert len(result.stdout.splitlines()) >= 2, f"{path.name} returned no rows"


def test_sql_refuses_writes(loaded_db: Path) -> None:
    result = newsetl("sql", "delete from article", "--db", str(loaded_db))
    assert result.returncode == 2
    assert "read-only" in result.stderr
    count = newsetl("sql", "select count(*) from article", "--db", str(loaded_db), "--format",
                    "csv")  # fmt: skip
    assert count.stdout.splitlines()[1] == "15"


def test_sql_without_a_warehouse_says_what_to_do(tmp_path: Path) -> None:
    result = newsetl("sql", "select 1", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 2
    assert "newsetl run" in result.stderr


def test_run_with_a_missing_landing_folder_explains(tmp_path: Path) -> None:
    result = newsetl("run", str(tmp_path / "nope"), "--db", str(tmp_path / "w.duckdb"))
    assert result.returncode == 1
    assert "not found" in result.stderr and "newsetl run PATH" in result.stderr


def test_help_explains_every_command() -> None:
    result = newsetl("--help")
    assert result.returncode == 0
    for command in ("run", "sql", "server", "serve"):
        assert command in result.stdout
    run_help = newsetl("run", "--help").stdout
    for option in ("--db", "--workers", "--dask-address", "--max-bytes", "--full-refresh"):
        assert option in run_help


@pytest.mark.parametrize(("given", "expected"), [(None, "120"), ("45", "45")])
def test_temporary_server_gets_time_to_start_unless_the_user_says(
    given: str | None, expected: str
) -> None:
    """Prefect gives its temporary server 20 s, which a loaded 2-core CI box has
    exceeded (the whole run failed); newsetl waits longer, a user's value wins."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    if given is not None:
        env["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = given
    probe = (  # any command sets the defaults before it imports Prefect
        "from newsetl.cli import app\n"
        "try:\n"
        "    app(['run', 'no-such-folder'], standalone_mode=False)\n"
        "except Exception:\n"
        "    pass\n"
        "from prefect.settings import get_current_settings\n"
        "print(get_current_settings().server.ephemeral.startup_timeout_seconds)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def server_env(**settings: str) -> dict[str, str]:
    """The environment with no Prefect settings but these."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_SERVER_ANALYTICS_ENABLED="false", **settings)
    return env


@contextmanager
def newsetl_server(home: Path, env: dict[str, str], log: Path) -> Iterator[str]:
    """`newsetl server --home HOME` on a free port of 127.0.0.1 until the block ends; its API."""
    port = free_port()
    cmd = [NEWSETL, "server", "--port", str(port), "--home", str(home)]
    with serving(cmd, env, port, log) as (api_url, _):
        yield api_url


def get_json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


@pytest.mark.slow
@pytest.mark.parametrize("exported", [None, "http://127.0.0.1:4200/api"])
def test_server_ui_talks_to_the_api_on_its_own_port(tmp_path: Path, exported: str | None) -> None:
    """The UI asks /ui-settings where the API is: this server's port, not 4200, whether or
    not PREFECT_API_URL is exported (the README exports it for the default port)."""
    env = server_env(**({"PREFECT_API_URL": exported} if exported else {}))
    with newsetl_server(tmp_path / "home", env, tmp_path / "server.log") as api_url:
        ui_settings = get_json(api_url.removesuffix("/api") + "/ui-settings")
    assert isinstance(ui_settings, dict)
    assert ui_settings["api_url"] == api_url


@pytest.mark.slow
def test_a_run_without_a_server_says_how_to_see_it_afterwards(tmp_path: Path) -> None:
    """Its temporary server is gone when the run ends: no "View at" its port. The run's state
    is in PREFECT_HOME's database, and the `newsetl server` it names serves it."""
    home = tmp_path / "prefect-home"
    landing = copy_landing(tmp_path / "landing")
    env = server_env(PREFECT_HOME=str(home), COLUMNS="200")
    result = subprocess.run(
        [NEWSETL, "run", str(landing), "--db", str(tmp_path / "w.duckdb")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    temporary = READY_RE.search(result.stderr)
    assert temporary, result.stderr
    assert f"View at {temporary.group(1).removesuffix('/api')}" not in result.stderr
    assert "View at" not in result.stderr
    run_id = RUN_ID_RE.search(result.stdout)
    assert run_id, result.stdout
    hint = (
        f"see this run in the Prefect UI: newsetl server --home {home}, "
        f"then http://127.0.0.1:4200/runs/flow-run/{run_id.group(1)}"
    )
    assert hint in result.stdout.splitlines(), result.stdout

    # As the hint says, from a shell without the run's PREFECT_HOME (on another port).
    with newsetl_server(home, server_env(), tmp_path / "server.log") as api_url:
        flow_run = get_json(f"{api_url}/flow_runs/{run_id.group(1)}")
    assert isinstance(flow_run, dict)
    assert (flow_run["id"], flow_run["state_type"]) == (run_id.group(1), "COMPLETED")
    assert flow_run["name"] == f"ingest {landing}"


@pytest.mark.parametrize("prefect_home", ["env", None])
def test_server_keeps_its_state_where_runs_record_theirs(
    tmp_path: Path, prefect_home: str | None
) -> None:
    """`newsetl server`'s default --home is the PREFECT_HOME a run uses: $PREFECT_HOME,
    else Prefect's default ~/.prefect (not ./.prefect)."""
    env = server_env(HOME=str(tmp_path / "user"))
    if prefect_home:
        env["PREFECT_HOME"] = str(tmp_path / prefect_home)
    expected = tmp_path / (prefect_home or "user/.prefect")
    probe = (  # the command up to the exec of the server, which prints its environment
        "import os\n"
        "from newsetl import cli\n"
        "os.execve = lambda path, argv, env: print(env['PREFECT_HOME'])\n"
        "cli.app(['server'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == str(expected)
