"""Read-only SQL, the analytics views, the example queries and SQLAlchemy reflection."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pytest

from bench.synthetic import rejected_dump, synthetic_dump
from warehouse.db import WarehouseMissing, open_writer
from warehouse.load import load_batch
from warehouse.query import ReadOnlyQueryError, check_read_only, run_query
from warehouse.runs import finish_run, start_run
from warehouse.sa import reflect
from warehouse.statements import QUERIES_DIR, VIEWS_DIR, sql_files

NOW = datetime(2025, 9, 6, 12, 0)
COUNTS = {
    "files_seen": 9,
    "files_loaded": 6,
    "files_unchanged": 0,
    "files_duplicate": 1,
    "files_quarantined": 2,
    "articles_upserted": 6,
    "images": 18,
    "related_links": 96,
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six articles (3 photos, 16 links each), one duplicate, two quarantined files, one run."""
    path = tmp_path_factory.mktemp("query") / "w.duckdb"
    batch = [synthetic_dump(n) for n in range(6)] + [
        synthetic_dump(0, path="copies/0.txt"),
        rejected_dump("bad/empty.txt"),
        rejected_dump("bad/blob.bin", reason="binary", content="\x00\x01\x02"),
    ]
    with open_writer(path) as con:
        start_run(con, "run-1", "landing", NOW)
        load_batch(con, batch, "run-1", NOW)
        finish_run(con, "run-1", COUNTS, "completed", datetime(2025, 9, 6, 12, 0, 3), 3.0)
    return path


@pytest.mark.parametrize(
    "sql",
    [
        "insert into article (article_id, title, authors) values ('x', 'y', [])",
        "update article set title = 'x'",
        "delete from quarantine",
        "create table t (i integer)",
        "create or replace view v as select 1",
        "drop table article",
        "alter table article add column z integer",
        "copy article to 'out.csv'",
        "copy (select 1) to 'out.csv'",
        "copy article from 'in.csv'",
        "explain analyze copy (select 1) to 'out.csv'",
        "attach 'other.duckdb' as other",
        "detach other",
        "install httpfs",
        "load httpfs",
        "set threads = 1",
        "pragma threads = 1",
        "pragma enable_profiling",
        "call checkpoint()",
        "checkpoint",
        "export database 'dump'",
        "vacuum",
        "begin",
        "select 1; select 2",
        "select 1; drop table article",
    ],
)
def test_writes_and_settings_are_refused(db: Path, sql: str) -> None:
    with pytest.raises(ReadOnlyQueryError, match=r"^newsetl sql is read-only: "):
        run_query(db, sql)
    assert not Path("out.csv").exists()


def test_refusal_messages_name_the_problem() -> None:
    with pytest.raises(ReadOnlyQueryError) as info:
        check_read_only("-- a comment\nDELETE FROM article")
    assert str(info.value) == (
        "newsetl sql is read-only: DELETE statements are refused; "
        "use SELECT (or WITH ... SELECT, DESCRIBE)"
    )
    with pytest.raises(ReadOnlyQueryError) as info:
        check_read_only("select 1; select 2;")
    assert str(info.value) == "newsetl sql is read-only: give one statement at a time (got 2)"
    with pytest.raises(ReadOnlyQueryError) as info:
        check_read_only("  -- nothing here\n")
    assert str(info.value) == "newsetl sql is read-only: no SQL statement given"


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("select count(*) as n from article", (["n"], [(6,)])),
        ("from quarantine select path order by path;",
         (["path"], [("bad/blob.bin",), ("bad/empty.txt",)])),
        ("with t as (select 41 as x) select x + 1 as y from t", (["y"], [(42,)])),
        ("/* why */ select status, count(*) as files from source_file group by all order by 1",
         (["status", "files"], [("duplicate", 1), ("loaded", 6), ("quarantined", 2)])),
    ],
)  # fmt: skip
def test_reads_are_answered(db: Path, sql: str, expected: tuple[list[str], list[tuple]]) -> None:
    columns, rows = run_query(db, sql)
    assert (columns, rows) == expected


@pytest.mark.parametrize(
    "sql",
    [
        "describe article",
        "show tables",
        "summarize image",
        "pragma table_info('article')",
        "call duckdb_tables()",
        "explain select * from article",
    ],
)
def test_introspection_is_allowed(db: Path, sql: str) -> None:
    columns, rows = run_query(db, sql)
    assert columns
    assert rows


def test_arrow_result(db: Path) -> None:
    columns, table = run_query(
        db, "select article_id from article order by 1 limit 2", as_arrow=True
    )
    assert columns == ["article_id"]
    assert isinstance(table, pa.Table)
    assert table.column("article_id").to_pylist() == ["art-0000000", "art-0000001"]


def test_query_on_missing_warehouse(tmp_path: Path) -> None:
    with pytest.raises(WarehouseMissing, match="run `newsetl run` first"):
        run_query(tmp_path / "nope.duckdb", "select 1")


def test_every_view_runs(db: Path) -> None:
    names = [path.name.removesuffix(".sql") for path in sql_files(VIEWS_DIR)]
    assert len(names) == 9
    for name in names:
        columns, _ = run_query(db, f"select * from {name}")
        assert columns, name


def test_article_overview(db: Path) -> None:
    _, rows = run_query(
        db,
        "select article_id, author_count, image_count, file_photo_count, handout_count, "
        "link_count, recommended_count, hub_count, inline_count, word_count "
        "from v_article_overview order by article_id limit 2",
    )
    assert rows == [
        ("art-0000000", 0, 3, 1, 1, 16, 15, 1, 0, 35),
        ("art-0000001", 1, 3, 1, 1, 16, 15, 1, 0, 35),
    ]


def test_articles_per_publisher_day(db: Path) -> None:
    _, rows = run_query(
        db,
        "select publisher, published_date, articles, words, dated_explicitly, dated_from_caption "
        "from v_articles_per_publisher_day where publisher = 'AP News' order by 2",
    )
    assert rows == [
        ("AP News", date(2025, 9, 1), 1, 35, 1, 0),
        ("AP News", date(2025, 9, 5), 1, 35, 1, 0),
    ]


def test_photo_credits(db: Path) -> None:
    _, rows = run_query(db, "select * from v_photo_credits order by organization")
    sept = (date(2025, 9, 1), date(2025, 9, 6))
    assert rows == [
        ("AP", None, 6, 6, 1, 0.0, 0.0, *sept),
        ("Getty Images", None, 6, 6, 1, 1.0, 0.0, *sept),
        ("Roscongress Foundation", "AP", 6, 6, 1, 0.0, 1.0, *sept),
    ]


def test_recommendation_pairs(db: Path) -> None:
    _, rows = run_query(
        db,
        "select recommended_publisher, recommendations, articles, share_of_cards "
        "from v_recommendation_pairs where article_publisher = 'AP News' order by 1",
    )
    assert rows == [
        ("AP News", 6, 2, 0.2),
        ("Reuters", 8, 2, 0.267),
        ("The Guardian", 8, 2, 0.267),
        ("UPI", 8, 2, 0.267),
    ]


def test_quarantine_source_status_and_run_history(db: Path) -> None:
    _, rows = run_query(
        db, "select reason, files, bytes, example_path from v_quarantine_summary order by 1"
    )
    assert rows == [("binary", 1, 3, "bad/blob.bin"), ("empty", 1, 0, "bad/empty.txt")]
    _, rows = run_query(db, "select status, files from v_source_file_status order by 1")
    assert rows == [("duplicate", 1), ("loaded", 6), ("quarantined", 2)]
    _, rows = run_query(
        db, "select run_id, status, files_seen, files_accounted, accounted_ok, files_per_s "
        "from v_run_history"
    )  # fmt: skip
    assert rows == [("run-1", "completed", 9, 9, True, 3.0)]


def test_author_articles(db: Path) -> None:
    _, rows = run_query(db, "select author, articles, publishers from v_author_articles order by 1")
    assert rows == [
        ("Author 1", 1, "Reuters"),
        ("Author 2", 1, "UPI"),
        ("Author 4", 1, "AP News"),
        ("Author 5", 1, "Reuters"),
    ]


EXAMPLE_FIRST_ROWS = {
    "busiest_authors.sql": ("Author 1", 1, "Reuters", date(2025, 9, 2), date(2025, 9, 2), 3.0),
    "cross_recommendations.sql": ("AP News", "Reuters", 8, 2, 0.267),
    "quarantine_triage.sql": ("binary", 1, 3, NOW, "bad/blob.bin", "synthetic binary file"),
    "run_health.sql": ("run-1", "completed", NOW, 3.0, 9, 6, 0, 1, 2, True, 3.0, None),
    "top_credits.sql": ("AP", "", 6, 6, 1, 0.0, 0.0),
    "top_publishers.sql": ("AP News", 2, 2, date(2025, 9, 1), date(2025, 9, 5), 35.0),
}


def test_example_queries_run_and_answer(db: Path) -> None:
    files = sql_files(QUERIES_DIR)
    assert [f.name for f in files] == sorted(EXAMPLE_FIRST_ROWS)
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("-- "), f"{path.name} needs a header comment"
        _, rows = run_query(db, text)
        assert rows[0] == EXAMPLE_FIRST_ROWS[path.name], path.name


def test_sqlalchemy_reflection_lists_the_contract(db: Path) -> None:
    metadata = reflect(db)
    assert {"article", "image", "related_link", "source_file", "quarantine", "etl_run"} <= set(
        metadata.tables
    )
    article = metadata.tables["article"]
    assert [c.name for c in article.columns][:16] == [
        "article_id", "title", "publisher", "summary", "authors", "dateline", "published_at",
        "updated_at", "published_date", "published_date_source", "body", "paragraph_count",
        "word_count", "source_path", "content_sha256", "run_id",
    ]  # fmt: skip
    assert repr(article.c.authors.type) == "ARRAY(String())"
    assert list(metadata.tables["image"].primary_key.columns.keys()) == ["article_id", "position"]
    assert [c.name for c in metadata.tables["quarantine"].columns] == [
        "path", "content_sha256", "reason", "detail", "run_id", "quarantined_at",
    ]  # fmt: skip
    assert "v_photo_credits" in metadata.tables
