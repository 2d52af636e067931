"""Migrations: contract schema, idempotence, upgrades keep data, failures roll back."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from bench.synthetic import rejected_dump, synthetic_dump
from tests.helpers import snapshot
from warehouse import migrate as migrate_module
from warehouse.db import open_writer
from warehouse.errors import SchemaTooNew
from warehouse.load import load_batch
from warehouse.migrate import migrate, migrations_in
from warehouse.statements import MIGRATIONS_DIR, VIEWS_DIR, sql_files

NOW = datetime(2025, 9, 6, 12, 0)
LATER = datetime(2025, 9, 7, 12, 0)

# DATA-CONTRACT.md §2 (plus the bookkeeping columns named there), in table order.
CONTRACT_COLUMNS = {
    "article": [
        ("article_id", "VARCHAR"), ("title", "VARCHAR"), ("publisher", "VARCHAR"),
        ("summary", "VARCHAR"), ("authors", "VARCHAR[]"), ("dateline", "VARCHAR"),
        ("published_at", "TIMESTAMP"), ("updated_at", "TIMESTAMP"), ("published_date", "DATE"),
        ("published_date_source", "VARCHAR"), ("body", "VARCHAR"),
        ("paragraph_count", "INTEGER"), ("word_count", "INTEGER"), ("source_path", "VARCHAR"),
        ("content_sha256", "VARCHAR"), ("run_id", "VARCHAR"),
    ],
    "image": [
        ("article_id", "VARCHAR"), ("position", "INTEGER"), ("caption", "VARCHAR"),
        ("credit", "VARCHAR"), ("photographer", "VARCHAR"), ("organization", "VARCHAR"),
        ("distributor", "VARCHAR"), ("is_file_photo", "BOOLEAN"), ("is_handout", "BOOLEAN"),
        ("photo_date", "DATE"),
    ],
    "related_link": [
        ("article_id", "VARCHAR"), ("position", "INTEGER"), ("link_type", "VARCHAR"),
        ("title", "VARCHAR"), ("publisher", "VARCHAR"), ("category", "VARCHAR"),
        ("url", "VARCHAR"),
    ],
    "source_file": [
        ("path", "VARCHAR"), ("size", "BIGINT"), ("content_sha256", "VARCHAR"),
        ("first_seen_at", "TIMESTAMP"), ("last_seen_at", "TIMESTAMP"), ("status", "VARCHAR"),
        ("article_id", "VARCHAR"), ("run_id", "VARCHAR"),
    ],
    "quarantine": [
        ("path", "VARCHAR"), ("content_sha256", "VARCHAR"), ("reason", "VARCHAR"),
        ("detail", "VARCHAR"), ("run_id", "VARCHAR"), ("quarantined_at", "TIMESTAMP"),
    ],
    "etl_run": [
        ("run_id", "VARCHAR"), ("started_at", "TIMESTAMP"), ("finished_at", "TIMESTAMP"),
        ("status", "VARCHAR"), ("files_seen", "INTEGER"), ("files_loaded", "INTEGER"),
        ("files_unchanged", "INTEGER"), ("files_quarantined", "INTEGER"),
        ("articles_upserted", "INTEGER"), ("images", "INTEGER"), ("related_links", "INTEGER"),
    ],
}  # fmt: skip
PRIMARY_KEYS = {
    "article": ["article_id"],
    "image": ["article_id", "position"],
    "related_link": ["article_id", "position"],
    "source_file": ["path"],
    "quarantine": ["path"],
    "etl_run": ["run_id"],
    "schema_version": ["version"],
}


def copy_migrations(dest: Path) -> None:
    """The shipped migrations into a folder of their own, to add a release's on top."""
    dest.mkdir(parents=True, exist_ok=True)
    for migration in sql_files(MIGRATIONS_DIR):
        (dest / migration.name).write_text(migration.read_text(encoding="utf-8"), encoding="utf-8")


def columns_of(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return [(row[0], row[1]) for row in con.execute(f"describe {table}").fetchall()]


def test_fresh_schema_has_the_contract_columns_first() -> None:
    con = duckdb.connect()
    assert migrate(con) == [1, 2]
    for table, expected in CONTRACT_COLUMNS.items():
        assert columns_of(con, table)[: len(expected)] == expected, table
    keys = con.execute(
        "select table_name, constraint_column_names from duckdb_constraints() "
        "where constraint_type = 'PRIMARY KEY'"
    ).fetchall()
    assert dict(keys) == PRIMARY_KEYS


@pytest.mark.parametrize(
    ("sql", "constraint"),
    [
        ("insert into source_file (path, status) values ('p', 'gone')", "status"),
        ("insert into etl_run (run_id, status) values ('r', 'done')", "status"),
        ("insert into related_link (article_id, position, link_type) values ('a', 0, 'x')",
         "link_type"),
        ("insert into article (article_id, title, authors, published_date_source) "
         "values ('a', 't', [], 'guess')", "published_date_source"),
        ("insert into article (article_id, title, authors) values ('a', null, [])", "title"),
    ],
)  # fmt: skip
def test_cheap_checks_refuse_bad_values(sql: str, constraint: str) -> None:
    con = duckdb.connect()
    migrate(con)
    with pytest.raises(duckdb.ConstraintException, match=constraint):
        con.execute(sql)


def test_migrate_twice_applies_nothing_the_second_time(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    assert migrate(con) == [1, 2]
    ledger = con.execute("select * from schema_version").fetchall()
    assert migrate(con) == []
    assert con.execute("select * from schema_version").fetchall() == ledger
    assert [(v, n) for v, n, _ in ledger] == [(1, "initial"), (2, "url_source_format")]


def test_upgrade_keeps_data_and_adds_the_column(tmp_path: Path) -> None:
    v1 = tmp_path / "v1"
    copy_migrations(v1)
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    assert migrate(con, v1) == [1, 2]
    load_batch(con, [synthetic_dump(n) for n in range(3)] + [rejected_dump("bad.txt")], "r", NOW)
    before = snapshot(con)

    v2 = tmp_path / "v2"
    shutil.copytree(v1, v2)
    (v2 / "003_article_language.sql").write_text(
        "ALTER TABLE article ADD COLUMN language VARCHAR;\nUPDATE article SET language = 'en';\n",
        encoding="utf-8",
    )
    assert migrate(con, v2) == [3]
    assert columns_of(con, "article")[-1] == ("language", "VARCHAR")
    assert con.execute("select distinct language from article").fetchall() == [("en",)]
    after = snapshot(con)
    assert [row[:-1] for row in after["article"]] == before["article"]
    for table in ("image", "related_link", "source_file", "quarantine", "etl_run"):
        assert after[table] == before[table]
    assert [v for v, *_ in con.execute("select * from schema_version").fetchall()] == [1, 2, 3]
    assert con.execute("select count(*) from v_article_overview").fetchall() == [(3,)]


def test_failing_migration_rolls_back_entirely(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    copy_migrations(folder)
    (folder / "003_broken.sql").write_text(
        "CREATE TABLE extra (i INTEGER);\nSELECT * FROM no_such_table;\n", encoding="utf-8"
    )
    con = duckdb.connect()
    with pytest.raises(duckdb.CatalogException, match="no_such_table"):
        migrate(con, folder)
    assert con.execute("select version from schema_version").fetchall() == [(1,), (2,)]
    assert con.execute(
        "select count(*) from duckdb_tables() where table_name = 'extra'"
    ).fetchall() == [(0,)]


def test_database_from_a_newer_newsetl_is_refused(tmp_path: Path) -> None:
    con = duckdb.connect()
    migrate(con)
    con.execute("insert into schema_version values (99, 'future', now()::timestamp)")
    with pytest.raises(SchemaTooNew, match="schema version 99 but this newsetl knows only up to 2"):
        migrate(con)


def test_misnamed_migration_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "1_initial.sql").write_text("select 1;", encoding="utf-8")
    with pytest.raises(ValueError, match=r"is not named NNN_name\.sql"):
        migrations_in(tmp_path)


def test_views_are_recreated_every_time(tmp_path: Path) -> None:
    con = duckdb.connect()
    migrate(con)
    con.execute("drop view v_run_history")
    assert migrate(con) == []
    views = {
        row[0]
        for row in con.execute("select view_name from duckdb_views() where not internal").fetchall()
    }
    assert views == {path.name.removesuffix(".sql") for path in sql_files(VIEWS_DIR)}
    assert "v_run_history" in views


def test_later_release_upgrades_an_existing_warehouse_file_and_keeps_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The path a user takes: a release wrote the file, the next (one more migration)
    opens it through open_writer, as every run does, and loads on."""
    db = tmp_path / "w.duckdb"
    with open_writer(db) as con:
        load_batch(con, [synthetic_dump(n) for n in range(3)] + [rejected_dump("bad.txt")], "r1",
                   NOW)  # fmt: skip
        before = snapshot(con)
    release2 = tmp_path / "release2"
    copy_migrations(release2)
    (release2 / "003_article_language.sql").write_text(
        "ALTER TABLE article ADD COLUMN language VARCHAR DEFAULT 'en';\n", encoding="utf-8"
    )
    monkeypatch.setattr(migrate_module, "MIGRATIONS_DIR", release2)
    migrate_module.latest_known_version.cache_clear()
    try:
        with open_writer(db) as con:
            assert [v for v, *_ in con.execute("select * from schema_version").fetchall()] == [
                1,
                2,
                3,
            ]
            assert columns_of(con, "article")[-1] == ("language", "VARCHAR")
            after = snapshot(con)
            assert [row[:-1] for row in after["article"]] == before["article"]
            assert {row[-1] for row in after["article"]} == {"en"}
            for table in ("image", "related_link", "source_file", "quarantine", "etl_run"):
                assert after[table] == before[table], table
            # release 2's loader writes the new column's default on new and replaced rows
            counts = load_batch(
                con, [synthetic_dump(2, mtime_ns=5_000, version=1), synthetic_dump(3)], "r2", LATER
            )
            assert (counts.loaded, counts.articles_upserted) == (2, 2)
            assert con.execute(
                "select article_id, language, run_id from article order by 1"
            ).fetchall() == [
                ("art-0000000", "en", "r1"), ("art-0000001", "en", "r1"),
                ("art-0000002", "en", "r2"), ("art-0000003", "en", "r2"),
            ]  # fmt: skip
            assert con.execute("select count(*) from v_article_overview").fetchall() == [(4,)]
        with open_writer(db) as con:  # the next run of release 2 applies nothing
            assert con.execute("select count(*) from schema_version").fetchall() == [(3,)]
            assert columns_of(con, "article")[-1] == ("language", "VARCHAR")
    finally:
        migrate_module.latest_known_version.cache_clear()


def test_older_release_refuses_a_file_a_later_release_upgraded(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with open_writer(db) as con:
        con.execute("insert into schema_version values (3, 'from_the_future', now()::timestamp)")
    too_new = "schema version 3 but this newsetl knows only up to 2"
    with pytest.raises(SchemaTooNew, match=too_new), open_writer(db):
        pass
