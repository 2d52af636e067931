"""The `newsetl` command line.

Prefect is imported only by the commands that run flows, so `newsetl sql`
and `newsetl --help` answer instantly.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

import typer
from rich.console import Console
from rich.table import Table

from config import settings
from newsetl import tempserver

if TYPE_CHECKING:
    from flows.landing import Prescan
    from flows.summary import RunSummary

app = typer.Typer(
    help=(
        "newsetl turns raw news-page dumps (text or HTML) into clean DuckDB tables "
        "(article, image, related_link), orchestrated by Prefect.\n\n"
        "Start with `newsetl run` (ingests ./landing into warehouse/news.duckdb), "
        'then query with `newsetl sql "select ..."`.'
    ),
    no_args_is_help=True,
    rich_markup_mode="markdown",
    pretty_exceptions_show_locals=False,
)


@app.callback()
def before_any_command() -> None:
    """Prefect's settings are read when it is imported, which only the commands do."""
    settings.apply_prefect_defaults()


console = Console()
err = Console(stderr=True)
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="DuckDB warehouse file. Default: $NEWSETL_DB or warehouse/news.duckdb.",
        show_default=False,
    ),
]


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def fail(message: str, hint: str | None = None, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}")
    if hint:
        err.print(f"[dim]→ {hint}[/]")
    return typer.Exit(code)


@app.command()
def run(
    landing: Annotated[
        Path | None,
        typer.Argument(
            help="Folder of raw dumps (any depth). Default: $NEWSETL_LANDING or ./landing.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    workers: Annotated[
        int,
        typer.Option(
            min=0,
            help="Parse in N processes on this machine (1: in the run's own process). "
            "Default 0 = automatic: one process per core when at least "
            f"{settings.AUTO_PROCESSES_MIN_FILES:,} files need parsing, else in-process.",
        ),
    ] = 0,
    dask_address: Annotated[
        str | None,
        typer.Option(help="Parse on an existing Dask cluster, e.g. tcp://10.0.0.5:8786."),
    ] = None,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Files per parse/load batch (one transaction each).")
    ] = settings.DEFAULT_BATCH_SIZE,
    max_bytes: Annotated[
        int | None,
        typer.Option(
            help="Quarantine dumps larger than this (bytes, after gunzip). "
            "Default: $NEWSETL_MAX_BYTES or 10 MB.",
            show_default=False,
        ),
    ] = None,
    wait: Annotated[
        float, typer.Option(help="Seconds to wait if another run holds the warehouse.")
    ] = settings.DEFAULT_WAIT_S,
    full_refresh: Annotated[
        bool, typer.Option(help="Re-read and re-parse every file, e.g. after a parser upgrade.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary.")] = False,
) -> None:
    """Ingest new and changed dumps from LANDING into the warehouse and print a summary.

    Unchanged files are skipped cheaply, byte-identical copies are recorded as
    duplicates, bad files are quarantined with a reason; running it twice
    changes nothing.
    """
    landing = landing or settings.landing_path()
    db = db or settings.db_path()
    if not landing.is_dir():
        raise fail(
            f"landing folder '{landing}' not found",
            "pass the folder that holds your dumps: newsetl run PATH/TO/DUMPS",
        )
    if quiet:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    # First, before the heavy imports of ingest(), so that it boots while they run;
    # the folder is listed meanwhile too.
    server = tempserver.TemporaryServer.launch() if tempserver.wanted() else None
    from flows.landing import Prescan

    prescan = Prescan(landing)
    summary, where = ingest(
        server,
        landing,
        db,
        workers,
        dask_address,
        batch_size,
        max_bytes,
        wait,
        full_refresh,
        quiet,
        prescan,
    )
    print_summary(summary)
    if where:
        console.print(where, soft_wrap=True, markup=False, highlight=False)
    if summary.status != "completed":
        raise typer.Exit(1)


def ingest(
    server: tempserver.TemporaryServer | None,
    landing: Path,
    db: Path,
    workers: int,
    dask_address: str | None,
    batch_size: int,
    max_bytes: int | None,
    wait: float,
    full_refresh: bool,
    quiet: bool,
    prescan: Prescan,
) -> tuple[RunSummary, str | None]:
    """Run the ingest flow with a progress bar; its RunSummary and where to see the run."""
    from prefect import tags
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from flows.ingest import ingest_dumps
    from flows.parallel import task_runner_for
    from flows.runtime import RunHooks, run_tags
    from warehouse.db import WarehouseBusy
    from warehouse.runlock import WarehouseLocked

    parallel = 1
    if dask_address:
        parallel = dask_parallelism(dask_address)
        warn_if_workers_cannot_report(dask_address)
    flow_fn = ingest_dumps.with_options(task_runner=task_runner_for(workers, dask_address))
    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    )
    bar = progress.add_task("ingesting", total=None)

    def on_progress(done: int, total: int) -> None:
        progress.update(bar, completed=done, total=total)

    try:
        with (
            tempserver.prefect_api(server) as temporary,
            progress,
            tags(*run_tags(landing, db)),
        ):
            summary = flow_fn(
                landing=str(landing),
                db=str(db),
                batch_size=batch_size,
                max_bytes=max_bytes or settings.max_bytes(),
                wait_s=wait,
                full_refresh=full_refresh,
                in_flight=max(2, parallel + 1),
                workers=workers,
                hooks=RunHooks(on_progress, prescan),
            )
            where = tempserver.where_to_see(summary.run_id, temporary)
    except (WarehouseLocked, WarehouseBusy) as busy:
        raise fail(
            str(busy), "another newsetl run is loading; retry later or raise --wait", code=3
        ) from None
    return summary, where


def dask_parallelism(address: str) -> int:
    """Worker threads of the Dask cluster: how many parse batches to keep in flight."""
    from distributed import Client

    try:
        with Client(address, timeout="10s") as client:
            return max(1, sum(client.nthreads().values()))
    except OSError as exc:
        raise fail(
            f"cannot reach the Dask scheduler at {address}: {exc}",
            "start one with `dask scheduler` + `dask worker ADDRESS`, or drop --dask-address",
            code=2,
        ) from None


def warn_if_workers_cannot_report(dask_address: str) -> None:
    """Dask workers on other machines cannot reach a run's temporary server on 127.0.0.1."""
    host = urlsplit(dask_address).hostname or ""
    if host not in LOOPBACK_HOSTS and not tempserver.has_api_url():
        err.print(
            "[yellow]warning:[/] Dask workers report their task runs to the Prefect API; "
            "start a Prefect server they can reach and export PREFECT_API_URL"
        )


def print_summary(s: RunSummary) -> None:
    from flows.summary import summary_table

    console.print(summary_table(s))
    console.print(f"warehouse: {s.db}")
    if s.files_quarantined:
        console.print(
            f"[yellow]{s.files_quarantined} file(s) quarantined[/] — see them with: "
            f'newsetl sql "select path, reason, detail from quarantine"'
        )


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


@app.command()
def sql(
    query: Annotated[str | None, typer.Argument(help="A read-only SQL statement.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the statement from a .sql file.")
    ] = None,
    db: DbOption = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = (
        OutputFormat.table
    ),
    wait: Annotated[
        float, typer.Option(help="Seconds to wait while a run is committing a batch.")
    ] = settings.DEFAULT_QUERY_WAIT_S,
) -> None:
    """Run ad-hoc SQL on a read-only connection to the warehouse.

    Examples: `newsetl sql "select publisher, count(*) from article group by 1"`,
    `newsetl sql -f sql/queries/top_credits.sql --format csv`. Views such as
    v_articles_per_publisher_day are listed in the README.
    """
    from warehouse.db import WarehouseBusy, WarehouseMissing
    from warehouse.query import ReadOnlyQueryError, run_query

    if (query is None) == (file is None):
        raise fail("give either a SQL statement or --file FILE", "newsetl sql --help", code=2)
    text = file.read_text(encoding="utf-8") if file else query
    assert text is not None
    db = db or settings.db_path()

    def on_wait(message: str) -> None:
        err.print(f"[dim]{message}[/]")

    try:
        columns, rows = run_query(db, text, timeout_s=wait, on_wait=on_wait)
    except (ReadOnlyQueryError, WarehouseMissing, WarehouseBusy) as exc:
        raise fail(str(exc), code=2) from None
    except Exception as exc:  # duckdb's own errors (syntax, unknown column) read well
        raise fail(str(exc).strip(), code=2) from None
    emit(columns, rows, fmt)


def emit(columns: list[str], rows: list[tuple[Any, ...]], fmt: OutputFormat) -> None:
    if fmt is OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    elif fmt is OutputFormat.json:
        records = [{c: jsonable(v) for c, v in zip(columns, row, strict=True)} for row in rows]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    else:
        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*("NULL" if v is None else str(jsonable(v)) for v in row))
        console.print(table)
        sys.stdout.flush()  # piped, stdout is buffered: keep the count after the table
        err.print(f"[dim]{len(rows)} row(s)[/]")


@app.command()
def server(
    port: Annotated[
        int, typer.Option(min=1, max=65535, help="Port on 127.0.0.1.")
    ] = settings.DEFAULT_SERVER_PORT,
    home: Annotated[
        Path | None,
        typer.Option(
            help="Where the server keeps its state (PREFECT_HOME). Default: $PREFECT_HOME, "
            "else Prefect's default (~/.prefect): where `newsetl run` records its runs.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Start a local Prefect server (UI + API) on 127.0.0.1; Ctrl-C stops it.

    Then, in another terminal: `export PREFECT_API_URL=http://127.0.0.1:PORT/api`
    and `newsetl run` — the run, its logs and artifacts appear in the UI. Runs
    made without a server are in its UI too (same PREFECT_HOME).
    """
    prefect_bin = shutil.which("prefect") or str(Path(sys.executable).with_name("prefect"))
    if home is None:  # as a run finds it: the environment, a .env or prefect.toml, ~/.prefect
        from prefect.settings import get_current_settings

        home = get_current_settings().home
    home = home.resolve()
    home.mkdir(parents=True, exist_ok=True)
    api_url = f"http://127.0.0.1:{port}/api"
    env = dict(os.environ, PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    # The UI asks the server where its API is (/ui-settings). Prefect answers from
    # its settings, not from --port: PREFECT_API_URL if exported (often another
    # server's), else PREFECT_SERVER_API_PORT (4200). Name this server's API.
    env.pop("PREFECT_UI_API_URL", None)
    env["PREFECT_SERVER_UI_API_URL"] = api_url
    console.print(f"Prefect UI:  http://127.0.0.1:{port}   (state in {home})")
    console.print(f"In another shell: export PREFECT_API_URL={api_url}")
    sys.stdout.flush()
    cmd = [prefect_bin, "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    # Become the server process: Ctrl-C and SIGTERM reach it directly, and
    # stopping `newsetl server` can never leave an orphaned server behind.
    os.execve(prefect_bin, cmd, env)


@app.command()
def serve(
    landing: Annotated[
        Path | None,
        typer.Argument(help="Folder of raw dumps. Default: ./landing.", show_default=False),
    ] = None,
    db: DbOption = None,
    cron: Annotated[
        str, typer.Option(help="Schedule, cron syntax (UTC unless --timezone).")
    ] = "*/15 * * * *",
    name: Annotated[str, typer.Option(help="Deployment name.")] = "scheduled-ingest",
    timezone: Annotated[str | None, typer.Option(help="IANA timezone of the cron.")] = None,
) -> None:
    """Serve the ingest flow as a scheduled Prefect deployment (needs PREFECT_API_URL).

    Overlapping runs never collide: the deployment runs one at a time (a run
    due while the previous one is still loading is cancelled; the next tick
    catches up), and a run that finds the warehouse held by a `newsetl run`
    is skipped with a log line and ends Completed. prefect.yaml declares the
    same deployment for work pools (`prefect deploy`).
    """
    from flows.deploy import serve_ingest

    landing = (landing or settings.landing_path()).resolve()
    db = (db or settings.db_path()).resolve()
    if not landing.is_dir():
        raise fail(f"landing folder '{landing}' not found", "pass the folder with your dumps")
    if not os.environ.get("PREFECT_API_URL"):
        err.print(
            "[yellow]PREFECT_API_URL is not set: schedules need a running Prefect "
            "server (start one with `newsetl server`).[/]"
        )
    console.print(f"serving '{name}' every '{cron}': {landing} -> {db} (Ctrl-C stops)")
    serve_ingest(landing=landing, db=db, cron=cron, name=name, timezone=timezone)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
