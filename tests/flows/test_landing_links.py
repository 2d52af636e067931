"""Symbolic links in the landing folder: nothing outside it is ever read through one.

The landing functions and the loader are called directly (no Prefect), but
for one run of the flow at the end.
"""

from __future__ import annotations

import os
import shutil
import sys
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from flows import landing as landing_module
from flows.landing import ParsedDump, SourceFile, discover, parse_files, read_and_parse
from tests.helpers import LANDING, REPO, SAMPLE_REL, copy_landing, query
from warehouse.load import load_batch

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX symbolic links")

NOW = datetime(2025, 9, 6, 12, 0)
MAX_BYTES = 10 * 1024 * 1024
# A valid dump that is not in landing/: read, it would load as an article of its own.
SECRET = REPO / "tests/fixtures/dumps/apnews-lebanon-strikes.txt"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """tmp/landing with one dump (sample.txt) and tmp/outside with a dump of its own."""
    (tmp_path / "landing").mkdir()
    shutil.copy(LANDING / SAMPLE_REL, tmp_path / "landing/sample.txt")
    (tmp_path / "outside/folder").mkdir(parents=True)
    shutil.copy(SECRET, tmp_path / "outside/secret.txt")
    shutil.copy(SECRET, tmp_path / "outside/folder/secret.txt")
    return tmp_path


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Files whose bytes were read, as resolved paths."""
    real = landing_module.read_bytes
    seen: list[str] = []

    def recording(root: Path, rel_path: str, limit: int) -> bytes:
        data = real(root, rel_path, limit)
        seen.append(os.path.realpath(root / rel_path))
        return data

    monkeypatch.setattr(landing_module, "read_bytes", recording)
    return seen


def parse_all(root: Path) -> dict[str, ParsedDump]:
    return {dump.source.rel_path: dump for dump in parse_files(root, discover(root), MAX_BYTES)}


def outside(target: Path) -> tuple[str, str]:
    return ("outside_landing", f"a link to {target}, outside the landing folder; not read")


def rejection_of(dump: ParsedDump) -> tuple[str, str] | None:
    return (dump.rejection.reason, dump.rejection.detail) if dump.rejection else None


def test_a_link_to_a_file_outside_is_quarantined_unread(
    tree: Path, reads: list[str], con: duckdb.DuckDBPyConnection
) -> None:
    root = tree / "landing"
    (root / "x.txt").symlink_to(tree / "outside/secret.txt")
    (root / "relative.txt").symlink_to("../outside/secret.txt")
    (root / "passwd.txt").symlink_to("/etc/passwd")
    listed = {f.rel_path: f for f in discover(root)}
    assert sorted(listed) == ["passwd.txt", "relative.txt", "sample.txt", "x.txt"]
    link_stat = (root / "x.txt").lstat()  # the link's own, not its target's
    assert (listed["x.txt"].size, listed["x.txt"].mtime_ns) == (
        link_stat.st_size,
        link_stat.st_mtime_ns,
    )

    parsed = parse_all(root)
    secret = str((tree / "outside/secret.txt").resolve())
    assert rejection_of(parsed["x.txt"]) == outside(Path(secret))
    assert rejection_of(parsed["relative.txt"]) == outside(Path(secret))
    assert rejection_of(parsed["passwd.txt"]) == outside(Path(os.path.realpath("/etc/passwd")))
    assert all(parsed[name].content_sha256 is None for name in ("x.txt", "passwd.txt"))
    assert reads == [str((root / "sample.txt").resolve())]

    counts = load_batch(con, list(parsed.values()), "run-1", NOW)
    assert (counts.loaded, counts.quarantined, counts.articles_upserted) == (1, 3, 1)
    assert con.execute(
        "select path, reason, detail, content_sha256 from quarantine order by path"
    ).fetchall() == [
        ("passwd.txt", *outside(Path(os.path.realpath("/etc/passwd"))), None),
        ("relative.txt", *outside(Path(secret)), None),
        ("x.txt", *outside(Path(secret)), None),
    ]
    assert con.execute("select source_path from article").fetchall() == [("sample.txt",)]


def test_a_link_to_a_file_inside_is_read_like_a_copy(
    tree: Path, reads: list[str], con: duckdb.DuckDBPyConnection
) -> None:
    """Its bytes are the target's, so one of the two is loaded and the other is a
    duplicate: as for byte-identical copies, the first by path is loaded."""
    root = tree / "landing"
    (root / "a-link.txt").symlink_to("sample.txt")
    (root / "z").mkdir()
    (root / "z/link.txt").symlink_to(root / "sample.txt")
    listed = {f.rel_path: f for f in discover(root)}
    target = (root / "sample.txt").stat()
    assert sorted(listed) == ["a-link.txt", "sample.txt", "z/link.txt"]
    assert {(f.size, f.mtime_ns) for f in listed.values()} == {(target.st_size, target.st_mtime_ns)}

    parsed = parse_all(root)
    assert {dump.rejection for dump in parsed.values()} == {None}
    assert len({dump.content_sha256 for dump in parsed.values()}) == 1
    load_batch(con, list(parsed.values()), "run-1", NOW)
    assert con.execute("select path, status from source_file order by path").fetchall() == [
        ("a-link.txt", "loaded"),
        ("sample.txt", "duplicate"),
        ("z/link.txt", "duplicate"),
    ]
    assert con.execute("select count(*) from quarantine").fetchall() == [(0,)]


def test_a_link_to_a_folder_outside_is_quarantined_and_not_entered(
    tree: Path, reads: list[str], con: duckdb.DuckDBPyConnection
) -> None:
    root = tree / "landing"
    (root / "elsewhere").symlink_to(tree / "outside/folder")
    (root / "etc").symlink_to("/etc")
    assert [f.rel_path for f in discover(root)] == ["elsewhere", "etc", "sample.txt"]
    parsed = parse_all(root)
    assert rejection_of(parsed["elsewhere"]) == outside((tree / "outside/folder").resolve())
    assert rejection_of(parsed["etc"]) == outside(Path(os.path.realpath("/etc")))
    assert reads == [str((root / "sample.txt").resolve())]
    load_batch(con, list(parsed.values()), "run-1", NOW)
    assert con.execute("select path, reason from quarantine order by path").fetchall() == [
        ("elsewhere", "outside_landing"),
        ("etc", "outside_landing"),
    ]


def test_links_to_folders_inside_are_not_followed(tree: Path) -> None:
    """What they lead to is listed under its own path, once."""
    root = tree / "landing"
    (root / "a/b").mkdir(parents=True)
    shutil.copy(SECRET, root / "a/b/jobs.txt")
    (root / "shortcut").symlink_to("a/b")
    (root / "a/root").symlink_to(root)
    assert [f.rel_path for f in discover(root)] == ["a/b/jobs.txt", "sample.txt"]


@pytest.mark.timeout(60)
def test_link_loops_never_hang_the_walk_or_the_read(tree: Path) -> None:
    root = tree / "landing"
    (root / "a").symlink_to("b")
    (root / "b").symlink_to("a")
    (root / "self").symlink_to("self")
    (root / "sub/deeper").mkdir(parents=True)
    (root / "sub/up").symlink_to("..")
    (root / "sub/deeper/top").symlink_to("../..")
    (root / "dangling.txt").symlink_to("missing.txt")
    assert [f.rel_path for f in discover(root)] == ["sample.txt"]
    # had a loop been listed (e.g. made after the listing), reading it says so
    dump = read_and_parse(root, SourceFile("a", 1, 1), MAX_BYTES)
    assert rejection_of(dump) == (
        "read_error",
        "could not read the file: Too many levels of symbolic links",
    )


def test_a_file_replaced_by_a_link_after_the_listing_is_checked_again(
    tree: Path, reads: list[str]
) -> None:
    root = tree / "landing"
    shutil.copy(LANDING / SAMPLE_REL, root / "swapped-out.txt")
    shutil.copy(LANDING / SAMPLE_REL, root / "swapped-in.txt")
    listed = {f.rel_path: f for f in discover(root)}
    (root / "swapped-out.txt").unlink()
    (root / "swapped-out.txt").symlink_to(tree / "outside/secret.txt")
    (root / "swapped-in.txt").unlink()
    (root / "swapped-in.txt").symlink_to("sample.txt")

    out = read_and_parse(root, listed["swapped-out.txt"], MAX_BYTES)
    assert rejection_of(out) == outside((tree / "outside/secret.txt").resolve())
    inside = read_and_parse(root, listed["swapped-in.txt"], MAX_BYTES)
    assert inside.rejection is None and inside.article is not None
    assert reads == [str((root / "sample.txt").resolve())]


def test_a_folder_replaced_by_a_link_after_the_listing_is_not_followed(
    tree: Path, reads: list[str]
) -> None:
    root = tree / "landing"
    (root / "folder").mkdir()
    shutil.copy(LANDING / SAMPLE_REL, root / "folder/secret.txt")
    listed = {f.rel_path: f for f in discover(root)}
    (root / "folder").rename(root / "folder.old")
    (root / "folder").symlink_to(tree / "outside/folder")  # it too holds a secret.txt

    dump = read_and_parse(root, listed["folder/secret.txt"], MAX_BYTES)
    assert rejection_of(dump) == outside((tree / "outside/folder/secret.txt").resolve())
    assert reads == []


@pytest.mark.timeout(60)
def test_a_fifo_in_place_of_a_dump_does_not_block_the_read(tree: Path) -> None:
    root = tree / "landing"
    listed = {f.rel_path: f for f in discover(root)}
    (root / "sample.txt").unlink()
    os.mkfifo(root / "sample.txt")
    dump = read_and_parse(root, listed["sample.txt"], MAX_BYTES)
    assert rejection_of(dump) == ("read_error", "could not read the file: not a regular file")


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_a_run_of_the_flow_quarantines_links_that_leave_the_landing_folder(
    tmp_path: Path,
) -> None:
    from flows.ingest import ingest_dumps

    root = copy_landing(tmp_path / "landing")
    shutil.copy(SECRET, tmp_path / "secret.txt")
    (root / "misc/x.txt").symlink_to(tmp_path / "secret.txt")
    (root / "misc/up").symlink_to(tmp_path)
    (root / "misc/loop").symlink_to("loop")
    db = tmp_path / "w.duckdb"
    summary = ingest_dumps(landing=str(root), db=str(db))
    assert (summary.files_seen, summary.files_loaded, summary.files_quarantined) == (28, 16, 11)
    assert summary.articles_upserted == 15
    assert query(
        db, "select path, reason from quarantine where reason = 'outside_landing' order by 1"
    ) == [("misc/up", "outside_landing"), ("misc/x.txt", "outside_landing")]
    assert query(db, "select count(*) from article where title like '%Lebanon%'") == [(0,)]
