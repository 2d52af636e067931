"""A built wheel, installed into a fresh virtualenv, runs on its own: it ships its SQL
and imports nothing from the source tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.helpers import REPO, copy_landing, query
from tests.integration.test_prefect_server import BUNDLED_COUNTS
from tests.integration.test_scaleout import SUMMARY_ROW_RE

pytestmark = pytest.mark.slow

PACKAGES = ("config", "flows", "newsetl", "sql", "transforms", "warehouse")
# Left out of the copy the wheel is built from: the environment, VCS data and
# anything a build or a run leaves behind (a stale build/ would leak into the wheel).
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis",
    ".prefect", "*.duckdb", "*.duckdb.wal", "*.lock", "out",
)  # fmt: skip


def run(
    cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def build_wheel(src: Path, dist: Path) -> Path:
    """`pip wheel` of the project; offline with the venv's setuptools when it can build it."""
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(dist), str(src)]
    built = run([*cmd, "--no-build-isolation"])
    if built.returncode != 0:  # the venv's setuptools is too old: pip fetches the backend
        built = run(cmd)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = dist.glob("newsetl-*.whl")
    return wheel


def fresh_venv(root: Path, wheel: Path) -> Path:
    """A new venv with only the wheel installed; its python.

    The dependencies are not installed again (no network): a .pth file puts
    this venv's site-packages on the fresh one's sys.path, after its own, as
    a plain path entry. The .pth files in there (the editable install's
    finder, which maps the packages to the source tree) are not processed.
    """
    assert run([sys.executable, "-m", "venv", "--without-pip", str(root)]).returncode == 0
    python = root / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps"]
    installed = run([*pip, "--no-index", str(wheel)])
    assert installed.returncode == 0, installed.stdout + installed.stderr
    site = run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
    deps = sysconfig.get_path("purelib")  # this venv's site-packages, not the source tree
    (Path(site.stdout.strip()) / "newsetl_test_deps.pth").write_text(deps + "\n")
    return python


def clean_env(home: Path) -> dict[str, str]:
    """No Prefect settings and no PYTHONPATH from the test's environment."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("PREFECT_") and k != "PYTHONPATH"
    }
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", COLUMNS="200")
    return env


def test_installed_wheel_ingests_the_bundled_landing_folder(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(REPO, src, ignore=NOT_SOURCE)
    wheel = build_wheel(src, tmp_path / "dist")

    shipped = set(zipfile.ZipFile(wheel).namelist())
    assert "sql/migrations/001_initial.sql" in shipped
    assert "sql/__init__.py" in shipped
    sql_files = {p.relative_to(REPO).as_posix() for p in (REPO / "sql").rglob("*.sql")}
    assert sql_files <= shipped, sorted(sql_files - shipped)

    venv = tmp_path / "fresh"
    python = fresh_venv(venv, wheel)
    work = tmp_path / "work"  # the cwd: nothing of the source tree is importable from it
    work.mkdir()
    env = clean_env(tmp_path / "prefect-home")

    probe = "import importlib\n" + "".join(
        f"print(importlib.import_module({name!r}).__file__)\n" for name in PACKAGES
    )
    where = run([str(python), "-c", probe], cwd=work, env=env)
    assert where.returncode == 0, where.stderr
    files = [Path(line) for line in where.stdout.split()]
    assert len(files) == len(PACKAGES)
    for file in files:
        assert file.resolve().is_relative_to(venv.resolve()), file

    landing = copy_landing(work / "landing")
    db = tmp_path / "w.duckdb"
    ran = run([str(venv / "bin" / "newsetl"), "run", str(landing), "--db", str(db)],
              cwd=work, env=env)  # fmt: skip
    assert ran.returncode == 0, ran.stdout + ran.stderr
    rows = {m["name"]: m["value"] for m in SUMMARY_ROW_RE.finditer(ran.stdout)}
    assert {name: rows.get(name) for name in BUNDLED_COUNTS} == BUNDLED_COUNTS
    assert query(db, "select count(*) from article") == [(15,)]
    assert query(db, "select count(*) from quarantine") == [(9,)]
    assert query(db, "select count(*) from v_article_overview") == [(15,)]

    # the page reader's trees ship too: a whole-page capture reads the same installed
    pages = copy_landing(work / "with-pages", pages=True) / "pages"
    db = tmp_path / "pages.duckdb"
    ran = run([str(venv / "bin" / "newsetl"), "run", str(pages), "--db", str(db)],
              cwd=work, env=env)  # fmt: skip
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert query(db, "select source_path from article order by 1") == [
        ("coastline-daily-storm-surge.txt",),
        ("riverton-gazette-council-budget.txt",),
    ]

    # HTML dumps read the same installed (trafilatura and lxml are dependencies)
    html = pages.parent / "html"
    db = tmp_path / "html.duckdb"
    ran = run([str(venv / "bin" / "newsetl"), "run", str(html), "--db", str(db)],
              cwd=work, env=env)  # fmt: skip
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert query(db, "select source_path, source_format from article order by 1") == [
        ("harbor-herald-ferry-strike.html", "html"),
        ("lakeside-courier-school-vote", "html"),
        ("valley-times-cedar-ridge-fire.html.gz", "html"),
    ]
