"""HTML dumps through the whole flow, beside text dumps (contract §1.4, issue 15 item 5):
incremental runs, duplicates, re-captures under the canonical URL, quarantine, parse processes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from flows.ingest import ingest_dumps
from flows.summary import RunSummary
from tests.helpers import LANDING, SAMPLE_REL, content_snapshot, query
from transforms.ids import article_id_for_url

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]

HTML = LANDING / "html"
FERRY = "html/harbor-herald-ferry-strike.html"
FERRY_URL = "https://www.harborherald.example/news/2025/09/05/ferry-crews-walk-out-overtime-talks/"
FERRY_ID = article_id_for_url(FERRY_URL)
OLD_NS = 1_757_000_000_000_000_000


def run(landing: Path, db: Path, **kwargs: object) -> RunSummary:
    return ingest_dumps(landing=str(landing), db=str(db), **kwargs)


def counts(s: RunSummary) -> tuple[int, int, int, int, int, int]:
    """(seen, loaded, unchanged, duplicate, quarantined, articles upserted)."""
    return (s.files_seen, s.files_loaded, s.files_unchanged, s.files_duplicate,
            s.files_quarantined, s.articles_upserted)  # fmt: skip


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Text and HTML side by side: the sample, a whole-page capture, the HTML dumps (one
    a section front), a byte copy of an HTML page without extension, an HTML error page."""
    root = tmp_path / "landing"
    (root / "text").mkdir(parents=True)
    shutil.copy2(LANDING / SAMPLE_REL, root / "text/sample.txt")
    shutil.copy2(LANDING / "pages/coastline-daily-storm-surge.txt", root / "text/surge.txt")
    shutil.copytree(HTML, root / "html")
    shutil.copy2(HTML / "harbor-herald-ferry-strike.html", root / "html/ferry-copy")
    shutil.copy2(LANDING / "misc/bad/html-error-page.txt", root / "text/error.txt")
    for path in root.rglob("*"):
        os.utime(path, ns=(OLD_NS, OLD_NS))
    return root


def test_mixed_folder_twice_changes_nothing_the_second_time(mixed: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    first = run(mixed, db)
    assert counts(first) == (8, 5, 0, 1, 2, 5)
    assert dict(query(db, "select source_format, count(*) from article group by 1")) == {
        "text": 2, "html": 3,
    }  # fmt: skip
    assert dict(query(db, "select path, reason from quarantine")) == {
        "html/harbor-herald-sports-front.html": "not_an_article",
        "text/error.txt": "not_an_article",
    }
    assert query(db, "select path from source_file where status = 'duplicate'") == [
        ("html/harbor-herald-ferry-strike.html",),  # "ferry-copy" sorts first and loads
    ]
    assert query(db, "select article_id, source_path from article where url = ?", [FERRY_URL]) == [
        (FERRY_ID, "html/ferry-copy")
    ]
    before = content_snapshot(db)
    second = run(mixed, db)
    assert counts(second) == (8, 0, 8, 0, 0, 0)
    assert content_snapshot(db) == before


def test_recapture_of_the_same_url_with_an_edited_body_replaces_it(
    mixed: Path, tmp_path: Path
) -> None:
    db = tmp_path / "w.duckdb"
    run(mixed, db)
    page = (HTML / "harbor-herald-ferry-strike.html").read_text(encoding="utf-8")
    edited = page.replace(
        "Ferry crews walk out as talks on overtime collapse</h1>",
        "Ferry strike enters second day as island sailings stay cancelled</h1>",
    ).replace(
        "no new talks had been scheduled by Friday afternoon.",
        "mediators said on Saturday that talks would resume Monday morning.",
    )
    assert edited.count("Saturday that talks would resume") == 1
    newer = mixed / "html/2025-09-06/ferry-update.html"
    newer.parent.mkdir()
    newer.write_text(edited, encoding="utf-8")
    s = run(mixed, db)
    assert counts(s) == (9, 1, 8, 0, 0, 1)
    rows = query(
        db, "select article_id, title, source_path, body from article where url = ?", [FERRY_URL]
    )
    assert len(rows) == 1
    article_id, title, source_path, body = rows[0]
    assert (article_id, source_path) == (FERRY_ID, "html/2025-09-06/ferry-update.html")
    assert title == "Ferry strike enters second day as island sailings stay cancelled"
    assert "talks would resume Monday morning" in str(body)
    assert query(db, "select count(*) from article") == [(5,)]
    assert query(db, "select count(*) from image where article_id = ?", [FERRY_ID]) == [(2,)]


def test_a_different_article_under_the_same_canonical_url_is_kept_beside_it(
    mixed: Path, tmp_path: Path
) -> None:
    """A site that states its home page as every page's canonical URL: one id, two articles."""
    db = tmp_path / "w.duckdb"
    run(mixed, db)
    other = (HTML / "harbor-herald-ferry-strike.html").read_text(encoding="utf-8")
    start, end = other.index('<div class="story-body">'), other.index("</article>")
    other = (
        other[:start]
        + (
            "<div class='story-body'>"
            + "<p>The harbor commission voted Thursday to replace the aging fuel dock at Pier 5 "
            "with a floating platform, a project expected to take two winters to finish.</p>"
            + "<p>Commissioners said the new dock would add slips for visiting boats and cut the "
            "wait for fuel on busy summer weekends, when lines often stretch past the "
            "breakwater.</p>" + "</div>"
        )
        + other[end:]
    )
    (mixed / "html/fuel-dock.html").write_text(other, encoding="utf-8")
    s = run(mixed, db)
    assert counts(s) == (9, 1, 8, 0, 0, 1)
    ids = [aid for (aid,) in query(db, "select article_id from article where article_id like ? "
                                       "order by 1", [f"{FERRY_ID}%"])]  # fmt: skip
    assert len(ids) == 2 and ids[0] == FERRY_ID and ids[1].startswith(f"{FERRY_ID}~")


def test_parse_processes_give_the_same_tables_for_html(mixed: Path, tmp_path: Path) -> None:
    one, pooled = tmp_path / "one.duckdb", tmp_path / "pooled.duckdb"
    run(mixed, one)
    s = run(mixed, pooled, batch_size=3, workers=2)
    assert counts(s) == (8, 5, 0, 1, 2, 5)
    assert content_snapshot(pooled) == content_snapshot(one)
