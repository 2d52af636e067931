"""kill -9 at any point of a real `newsetl run`, then run again: the warehouse equals
the one a single uninterrupted run gives.

Every run here is a real CLI subprocess on a generated corpus of 300 dumps in
batches of 50 (6 load transactions), talking to one shared Prefect server
(the session's `prefect_server`). A run is stopped two ways:

- fault injection (NEWSETL_FAULT, warehouse/faults.py): os._exit at an exact
  point of an exact batch;
- a real SIGKILL of the run's whole process group, a seeded fraction of the
  way between two progress marks of the reference run (NEWSETL_FAULT_LOG).

After each kill the half-written warehouse is checked (every visible article
has exactly the children its own source file parses to, whole batches only,
the lock is free), then a plain re-run must finish, mark the killed run
`crashed`, and leave content equal to the reference.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from config import settings
from flows.landing import discover, read_and_parse
from tests.helpers import content_snapshot, load_make_corpus, query
from warehouse.faults import fault_target
from warehouse.runlock import run_lock

REPO = Path(__file__).resolve().parents[2]
NEWSETL = str(Path(sys.executable).with_name("newsetl"))
FILES = 300
BATCH = 50
BATCHES = FILES // BATCH
SEED = 404
KILLED = -signal.SIGKILL
FAULT_EXIT = 137

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("spec", "target"),
    [
        ("load:before_commit", ("load:before_commit", 1)),
        ("load:before_commit@3", ("load:before_commit", 3)),
        ("run:after_start@12", ("run:after_start", 12)),
        ("load:before_commit@0", None),
        ("load:nowhere@2", None),
        ("", None),
        (None, None),
    ],
)
def test_fault_spec_names_a_point_and_a_call(spec: str | None, target: object) -> None:
    assert fault_target(spec) == target


@dataclass(frozen=True, slots=True)
class Expected:
    """What one dump parses to: the children its article must have in the warehouse."""

    sha: str | None
    article_id: str | None
    images: int
    links: int


@dataclass(slots=True)
class Corpus:
    root: Path
    paths: list[str]  # in discovery (= batch) order
    expected: dict[str, Expected]
    stats: Any  # make_corpus.CorpusStats


@dataclass(slots=True)
class Finished:
    returncode: int
    stdout: str
    stderr: str
    marks: dict[str, float]  # fault-log line -> seconds after start when first seen


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("crash") / "landing"
    stats = load_make_corpus().generate_corpus(FILES, root, seed=SEED, workers=1)
    files = discover(root)
    expected: dict[str, Expected] = {}
    for source in files:
        dump = read_and_parse(root, source, settings.DEFAULT_MAX_BYTES)
        a = dump.article
        expected[source.rel_path] = Expected(
            dump.content_sha256,
            a.article_id if a else None,
            len(a.images) if a else 0,
            len(a.links) if a else 0,
        )
    return Corpus(root, [f.rel_path for f in files], expected, stats)


def run_env(server: str, log: Path, fault: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSETL_"))}
    env.update(
        PREFECT_API_URL=server,
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        NEWSETL_FAULT_LOG=str(log),
        COLUMNS="200",
    )
    if fault:
        env["NEWSETL_FAULT"] = fault
    return env


@dataclass(slots=True)
class Running:
    """A `newsetl run` in its own process group, its output in files, its fault log watched."""

    proc: subprocess.Popen[bytes]
    log: Path
    out: Path
    err: Path
    started: float
    marks: dict[str, float]

    def seen(self) -> list[str]:
        try:
            return self.log.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []

    def wait_for(self, mark: str, timeout_s: float = 90) -> None:
        deadline = time.monotonic() + timeout_s
        while mark not in self.seen():
            if self.proc.poll() is not None:
                pytest.fail(f"the run ended ({self.proc.returncode}) before {mark!r}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {mark!r} within {timeout_s} s")
            time.sleep(0.005)

    def finish(self, timeout_s: float = 180) -> Finished:
        code = self.proc.wait(timeout=timeout_s)
        return Finished(
            code, self.out.read_text(encoding="utf-8"), self.err.read_text(encoding="utf-8"),
            self.marks,
        )  # fmt: skip


def start_run(corpus: Corpus, db: Path, server: str, tag: str, fault: str | None = None,
              *extra: str) -> Running:  # fmt: skip
    folder = db.parent
    log, out, err = (folder / f"{tag}.{suffix}" for suffix in ("faults", "out", "err"))
    log.unlink(missing_ok=True)
    cmd = [NEWSETL, "run", str(corpus.root), "--db", str(db), "--batch-size", str(BATCH), "-q",
           *extra]  # fmt: skip
    with out.open("wb") as stdout, err.open("wb") as stderr:
        proc = subprocess.Popen(
            cmd, env=run_env(server, log, fault), stdout=stdout, stderr=stderr, cwd=folder,
            start_new_session=True,
        )  # fmt: skip
    running = Running(proc, log, out, err, time.monotonic(), {})
    threading.Thread(target=record_marks, args=(running,), daemon=True).start()
    return running


def record_marks(running: Running) -> None:
    """When each fault-log line first appeared, relative to the start (a run's timeline)."""
    while True:
        done = running.proc.poll() is not None
        for line in running.seen():
            running.marks.setdefault(line, time.monotonic() - running.started)
        if done:
            return
        time.sleep(0.005)


@pytest.fixture
def cleanup() -> Iterator[list[Running]]:
    """Kill any run a failing test left behind."""
    started: list[Running] = []
    yield started
    for running in started:
        if running.proc.poll() is None:
            os.killpg(running.proc.pid, signal.SIGKILL)
            running.proc.wait(timeout=10)


@dataclass(slots=True)
class Reference:
    db: Path
    snapshot: dict[str, list[tuple[object, ...]]]
    run: Finished


@pytest.fixture(scope="module")
def reference(
    corpus: Corpus, prefect_server: str, tmp_path_factory: pytest.TempPathFactory
) -> Reference:
    """One uninterrupted run: the warehouse every interrupted one must end up equal to."""
    db = tmp_path_factory.mktemp("reference") / "w.duckdb"
    finished = start_run(corpus, db, prefect_server, "reference").finish()
    assert finished.returncode == 0, finished.stderr
    return Reference(db, content_snapshot(db), finished)


def summary_lines(stdout: str) -> dict[str, str]:
    """The CLI's summary table as {label: value}."""
    return {
        " ".join(line.split("│")[1].split()): line.split("│")[2].strip()
        for line in stdout.splitlines()
        if line.count("│") == 3
    }


def test_reference_run_loads_the_corpus_and_prints_its_accounting(
    corpus: Corpus, reference: Reference
) -> None:
    stats = corpus.stats
    [(run_id, seen, loaded, unchanged, duplicate, quarantined, status)] = query(
        reference.db,
        "select run_id, files_seen, files_loaded, files_unchanged, files_duplicate, "
        "files_quarantined, status from etl_run",
    )
    assert (seen, loaded, unchanged) == (FILES, stats.good + stats.recaptures, 0)
    assert (duplicate, quarantined, status) == (stats.duplicates, stats.bad_total, "completed")
    assert seen == loaded + unchanged + duplicate + quarantined
    printed = summary_lines(reference.run.stdout)
    assert run_id in reference.run.stdout
    assert [printed[k] for k in ("files seen", "loaded", "unchanged", "duplicate", "quarantined")
            ] == [str(seen), str(loaded), "0", str(duplicate), str(quarantined)]  # fmt: skip
    assert query(reference.db, "select count(*) from article") == [(stats.good,)]
    assert [line for line in reference.run.marks if line.startswith("load:after_commit")] == [
        f"load:after_commit {n}" for n in range(1, BATCHES + 1)
    ]


def committed_batches(db: Path, corpus: Corpus) -> int:
    """How many whole batches the warehouse holds; fails unless it is exactly a prefix of them."""
    paths = sorted(p for (p,) in query(db, "select path from source_file"))
    batches = len(paths) // BATCH
    assert paths == sorted(corpus.paths[: len(paths)]), "not the first files in batch order"
    assert len(paths) in (batches * BATCH, FILES), f"{len(paths)} files: a partial batch"
    return -(-len(paths) // BATCH)


def assert_no_article_without_its_children(db: Path, corpus: Corpus) -> int:
    """Every visible article has exactly its own source's images and links; returns articles."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        articles = con.execute(
            "select a.article_id, a.source_path, a.content_sha256, "
            "(select count(*) from image i where i.article_id = a.article_id), "
            "(select count(*) from related_link k where k.article_id = a.article_id), "
            "(select count(*) from image i where i.article_id = a.article_id "
            "   and i.source_path is distinct from a.source_path), "
            "(select count(*) from related_link k where k.article_id = a.article_id "
            "   and k.source_path is distinct from a.source_path) "
            "from article a"
        ).fetchall()
        for article_id, path, sha, images, links, foreign_images, foreign_links in articles:
            want = corpus.expected[path]
            assert (want.article_id, want.sha) == (article_id, sha), path
            assert (images, links) == (want.images, want.links), path
            assert (foreign_images, foreign_links) == (0, 0), path
        orphans = con.execute(
            "select (select count(*) from image where article_id not in "
            "         (select article_id from article)), "
            " (select count(*) from related_link where article_id not in "
            "         (select article_id from article)), "
            " (select count(*) from source_file where status in ('loaded', 'duplicate') "
            "   and article_id not in (select article_id from article))"
        ).fetchall()
        assert orphans == [(0, 0, 0)]
        return len(articles)
    finally:
        con.close()


def assert_lock_is_free(db: Path) -> None:
    with run_lock(db, "probe-after-kill", wait_s=0) as holder:
        assert holder.run_id == "probe-after-kill"


def killed_run_ids(db: Path) -> list[str]:
    rows = query(db, "select run_id, status from etl_run")
    assert [status for _, status in rows] == ["running"], rows
    return [run_id for run_id, _ in rows]


def rerun_matches_reference(
    corpus: Corpus, db: Path, server: str, reference: Reference, killed: str, files_in: int,
    started: list[Running],
) -> None:  # fmt: skip
    again = start_run(corpus, db, server, "rerun")
    started.append(again)
    finished = again.finish()
    assert finished.returncode == 0, finished.stderr
    rows = query(
        db,
        "select run_id, status, message, files_seen, files_loaded, files_unchanged, "
        "files_duplicate, files_quarantined from etl_run order by started_at",
    )
    assert len(rows) == 2
    assert rows[0][:3] == (killed, "crashed", "the run ended without finishing (killed or crashed)")
    _, status, _, seen, loaded, unchanged, duplicate, quarantined = rows[1]
    assert (status, seen, unchanged) == ("completed", FILES, files_in)
    assert seen == loaded + unchanged + duplicate + quarantined
    assert content_snapshot(db) == reference.snapshot


@pytest.mark.parametrize(
    ("fault", "batches_in"),
    [
        ("run:after_start", 0),  # the plain form: first time the point is reached
        ("load:after_articles@1", 0),
        ("load:before_commit@3", 2),
        ("load:after_commit@6", 6),
    ],
)
def test_fault_at_a_point_of_a_batch_then_rerun(
    corpus: Corpus, reference: Reference, prefect_server: str, tmp_path: Path,
    cleanup: list[Running], fault: str, batches_in: int,
) -> None:  # fmt: skip
    db = tmp_path / "w.duckdb"
    crashing = start_run(corpus, db, prefect_server, "crashing", fault)
    cleanup.append(crashing)
    finished = crashing.finish()
    assert finished.returncode == FAULT_EXIT, finished.stderr
    point, _, call = fault.partition("@")
    assert crashing.seen()[-1] == f"{point} {call or 1}"  # it died where it was told to
    assert_lock_is_free(db)
    assert committed_batches(db, corpus) == batches_in
    articles = assert_no_article_without_its_children(db, corpus)
    assert (articles == 0) == (batches_in == 0)
    [killed] = killed_run_ids(db)
    files_in = min(FILES, batches_in * BATCH)
    rerun_matches_reference(corpus, db, prefect_server, reference, killed, files_in, cleanup)


# Kill points: (after this mark of the run's fault log, before this one), each at
# a seeded fraction of the time the reference run took between the two.
KILL_WINDOWS = {
    "before-first-load": ("run:after_start 1", "load:after_commit 1"),
    "mid-run": ("load:after_commit 3", "load:after_commit 4"),
    "near-the-end": (f"load:after_commit {BATCHES - 1}", f"load:after_commit {BATCHES}"),
}


@pytest.mark.parametrize("window", list(KILL_WINDOWS))
def test_sigkill_of_the_process_group_then_rerun(
    corpus: Corpus, reference: Reference, prefect_server: str, tmp_path: Path,
    cleanup: list[Running], window: str,
) -> None:  # fmt: skip
    after, before = KILL_WINDOWS[window]
    gap = reference.run.marks[before] - reference.run.marks[after]
    delay = random.Random(f"{SEED}/{window}").uniform(0.1, 0.9) * gap
    db = tmp_path / "w.duckdb"
    victim = start_run(corpus, db, prefect_server, "victim")
    cleanup.append(victim)
    victim.wait_for(after)
    time.sleep(delay)
    assert victim.proc.poll() is None, "the run finished before the kill"
    os.killpg(victim.proc.pid, signal.SIGKILL)
    assert victim.proc.wait(timeout=10) == KILLED
    commits_logged = sum(line.startswith("load:after_commit") for line in victim.seen())

    assert_lock_is_free(db)
    batches_in = committed_batches(db, corpus)
    # a kill between a commit and its log line leaves one batch more than logged
    assert batches_in in (commits_logged, commits_logged + 1)
    assert_no_article_without_its_children(db, corpus)
    [killed] = killed_run_ids(db)
    files_in = min(FILES, batches_in * BATCH)
    rerun_matches_reference(corpus, db, prefect_server, reference, killed, files_in, cleanup)
