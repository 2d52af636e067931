"""The ingest flow end to end on the bundled landing folder (Prefect test harness)."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from config.settings import AUTO_PROCESSES_MIN_FILES
from flows.ingest import ingest_dumps
from flows.parallel import parse_processes
from flows.summary import RunSummary
from tests.helpers import BAD_FILES, SAMPLE_REL, content_snapshot, copy_landing, query
from warehouse.runlock import WarehouseLocked, run_lock

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]

RECAPTURE_OLD = "apnews/2025-09-04/apnews-st-louis-river-flooding.txt"
RECAPTURE_NEW = "apnews/2025-09-05/apnews-st-louis-river-flooding.txt"
SAMPLE_TITLE = (
    "Putin says foreign troops deployed to Ukraine before any peace deal would be "
    "'legitimate targets'"
)


def run(landing: Path, db: Path, **kwargs: object) -> RunSummary:
    return ingest_dumps(landing=str(landing), db=str(db), **kwargs)


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    """A copy of landing/ with the re-capture's mtimes in capture order."""
    root = copy_landing(tmp_path / "landing")
    os.utime(root / RECAPTURE_OLD, ns=(1_757_000_000_000_000_000,) * 2)
    os.utime(root / RECAPTURE_NEW, ns=(1_757_100_000_000_000_000,) * 2)
    return root


def test_whole_bundled_landing_with_its_page_captures(tmp_path: Path) -> None:
    """`make run`'s folder: the §1.1 dumps and bad inputs plus the whole-page captures and
    the HTML dumps (landing/html/: three articles and a section front)."""
    db = tmp_path / "w.duckdb"
    s = run(copy_landing(tmp_path / "landing", pages=True), db)
    assert (s.status, s.files_seen, s.files_loaded, s.files_duplicate) == ("completed", 33, 21, 1)
    assert (s.files_quarantined, s.articles_upserted, s.images) == (11, 20, 33)
    quarantined = dict(query(db, "select path, reason from quarantine"))
    assert quarantined == {
        **BAD_FILES,
        "pages/riverton-gazette-news-front.txt": "not_an_article",
        "html/harbor-herald-sports-front.html": "not_an_article",
    }
    pages = query(
        db,
        "select source_path, title, publisher, source_format from article "
        "where source_path like 'pages/%' order by 1",
    )
    assert pages == [
        ("pages/coastline-daily-storm-surge.txt",
         "Storm surge floods barrier islands as tropical storm stalls off the coast",
         "Coastline Daily", "text"),
        ("pages/riverton-gazette-council-budget.txt",
         "Council approves $48 million budget after late deal on library hours",
         "Riverton Gazette", "text"),
    ]  # fmt: skip
    html = query(
        db, "select source_path, title, url, source_format from article "
        "where source_path like 'html/%' order by 1",
    )  # fmt: skip
    assert html == [
        ("html/harbor-herald-ferry-strike.html",
         "Ferry crews walk out as talks on overtime collapse",
         "https://www.harborherald.example/news/2025/09/05/ferry-crews-walk-out-overtime-talks/",
         "html"),
        ("html/lakeside-courier-school-vote",
         "Voters approve new middle school on second try",
         "http://lakesidecourier.example/2025/09/05/voters-approve-middle-school.html", "html"),
        ("html/valley-times-cedar-ridge-fire.html.gz",
         "Evacuation orders lifted for 4,000 residents as crews gain ground on Cedar Ridge fire",
         "https://valleytimes.example/local/wildfire-evacuations-lifted", "html"),
    ]  # fmt: skip


def test_bundled_landing_is_fully_accounted_for(landing: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    s = run(landing, db)
    assert (s.status, s.files_seen, s.files_loaded, s.files_unchanged) == ("completed", 26, 16, 0)
    assert (s.files_duplicate, s.files_quarantined) == (1, 9)
    assert (s.articles_upserted, s.images, s.related_links) == (15, 27, 66)
    assert query(db, "select count(*) from article") == [(15,)]
    assert query(db, "select count(*) from image") == [(27,)]
    assert query(db, "select count(*) from related_link") == [(66,)]
    assert dict(query(db, "select path, reason from quarantine")) == BAD_FILES
    assert query(
        db,
        "select files_seen, files_loaded, files_unchanged, files_quarantined, files_duplicate, "
        "articles_upserted, images, related_links, status from etl_run where run_id = ?",
        [s.run_id],
    ) == [(26, 16, 0, 9, 1, 15, 27, 66, "completed")]
    statuses = dict(query(db, "select status, count(*) from source_file group by 1"))
    assert statuses == {"loaded": 16, "duplicate": 1, "quarantined": 9}


def test_sample_lands_as_the_contract_says(landing: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    run(landing, db)
    [(article_id, publisher, authors, dateline, published_at, published_date, source,
      paragraphs, source_path)] = query(
        db,
        "select article_id, publisher, authors, dateline, published_at, published_date, "
        "published_date_source, paragraph_count, source_path from article where title = ?",
        [SAMPLE_TITLE],
    )  # fmt: skip
    assert (publisher, authors, dateline, published_at) == ("AP News", [], None, None)
    assert (published_date, source, paragraphs) == (date(2025, 9, 5), "caption", 8)
    assert source_path == SAMPLE_REL
    assert query(
        db,
        "select position, credit, photographer, organization, distributor, is_handout, "
        "photo_date from image where article_id = ? order by position",
        [article_id],
    ) == [
        (0, "Stepan Pugachev/Roscongress Foundation via AP", "Stepan Pugachev",
         "Roscongress Foundation", "AP", True, date(2025, 9, 5)),
        (1, "Alexander Kazakov, Sputnik, Kremlin Pool Photo via AP", "Alexander Kazakov",
         "Sputnik, Kremlin Pool Photo", "AP", False, date(2025, 9, 5)),
        (2, "Alexander Kazakov, Sputnik, Kremlin Pool Photo via AP", "Alexander Kazakov",
         "Sputnik, Kremlin Pool Photo", "AP", False, date(2025, 9, 5)),
    ]  # fmt: skip
    links = query(
        db,
        "select position, link_type, title, publisher, category, url from related_link "
        "where article_id = ? order by position",
        [article_id],
    )
    assert len(links) == 16
    assert links[0] == (0, "hub", "Follow the AP’s coverage of the war", None, None,
                        "https://apnews.com/hub/russia-ukraine")  # fmt: skip
    assert links[15] == (15, "recommended",
                         "Jim Jarmusch, Ben Safdie take top honors at Venice Film Festival",
                         "UPI", "News", None)  # fmt: skip
    # the byte-identical copy is a duplicate of the same article, not a second row
    assert query(
        db, "select status, article_id from source_file where path like 'misc/resaved/%'"
    ) == [("duplicate", article_id)]


def test_recapture_wins_with_its_own_children(landing: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    run(landing, db)
    [(article_id, source_path, updated_at)] = query(
        db,
        "select article_id, source_path, updated_at from article "
        "where source_path like 'apnews/%/apnews-st-louis-river-flooding.txt'",
    )
    assert source_path == RECAPTURE_NEW
    assert updated_at is not None
    assert query(db, "select count(*) from image where article_id = ? and source_path != ?",
                 [article_id, RECAPTURE_NEW]) == [(0,)]  # fmt: skip


def test_second_run_changes_nothing(landing: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    run(landing, db)
    before = content_snapshot(db)
    again = run(landing, db)
    assert (again.files_seen, again.files_unchanged, again.files_loaded) == (26, 26, 0)
    assert (again.files_quarantined, again.files_duplicate, again.articles_upserted) == (0, 0, 0)
    assert content_snapshot(db) == before


def test_full_refresh_rebuilds_identical_tables(landing: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    run(landing, db)
    before = content_snapshot(db)
    again = run(landing, db, full_refresh=True)
    # Loaded files are parsed and loaded again (the parser may have changed);
    # the duplicate and the quarantined files keep their outcome, same bytes.
    assert (again.files_loaded, again.files_unchanged, again.articles_upserted) == (16, 10, 15)
    assert content_snapshot(db) == before


def test_fresh_warehouse_in_small_batches_gives_same_tables(landing: Path, tmp_path: Path) -> None:
    one = tmp_path / "one.duckdb"
    many = tmp_path / "many.duckdb"
    run(landing, one)
    run(landing, many, batch_size=3)
    assert content_snapshot(many) == content_snapshot(one)


def test_parse_processes_give_same_tables(landing: Path, tmp_path: Path) -> None:
    """Batches parsed in spawned processes (several in flight) load exactly as in-process ones."""
    one = tmp_path / "one.duckdb"
    pooled = tmp_path / "pooled.duckdb"
    run(landing, one)
    summary = run(landing, pooled, batch_size=4, workers=2)
    assert (summary.files_seen, summary.files_loaded, summary.files_duplicate) == (26, 16, 1)
    assert content_snapshot(pooled) == content_snapshot(one)


@pytest.mark.parametrize(
    ("workers", "to_parse", "cores", "expected"),
    [
        (0, AUTO_PROCESSES_MIN_FILES - 1, 2, 0),  # small run: in the flow's process
        (0, AUTO_PROCESSES_MIN_FILES, 2, 2),  # big run: one process per core
        (0, AUTO_PROCESSES_MIN_FILES, 8, 8),
        (1, 100_000, 8, 0),  # --workers 1: in-process, whatever the size
        (3, 10, 8, 3),  # --workers N: N processes, whatever the size
    ],
)
def test_parse_processes_default(
    workers: int, to_parse: int, cores: int, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("flows.parallel.cpu_count", lambda: cores)
    assert parse_processes(workers, to_parse) == expected


def test_new_and_fixed_files_are_picked_up(landing: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    run(landing, db)
    # the empty file gets fixed with real content; a new dump arrives
    sample = landing / SAMPLE_REL
    fixed = sample.read_text(encoding="utf-8").replace("Putin says", "Putin warns", 1)
    (landing / "misc/bad/empty.txt").write_text(fixed, encoding="utf-8")
    shutil.copy(landing / "latimes/2025-09-05/latimes-judge-admonished.txt",
                landing / "misc/new-copy.txt")  # fmt: skip
    s = run(landing, db)
    assert (s.files_seen, s.files_unchanged, s.files_loaded, s.files_duplicate) == (27, 25, 1, 1)
    assert s.files_quarantined == 0
    assert query(db, "select count(*) from quarantine where path = 'misc/bad/empty.txt'") == [(0,)]
    assert query(db, "select status from source_file where path = 'misc/bad/empty.txt'") == [
        ("loaded",)
    ]


def test_busy_warehouse_fails_or_skips_with_a_clear_message(landing: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with run_lock(db, "other-run", wait_s=0):
        with pytest.raises(WarehouseLocked, match="is being written by run other-run"):
            run(landing, db, wait_s=0.3)
        skipped = run(landing, db, wait_s=0.3, if_busy="skip")
    assert skipped.status == "skipped"
    assert "other-run" in skipped.message
